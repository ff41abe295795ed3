/* ghcmd.h - GitHub Actions workflow commands, encoded as the runner parses them. */
#ifndef SHIP_GHCMD_H
#define SHIP_GHCMD_H

#include <stddef.h>
#include "core/buf.h"

/*
 * Every command is built whole in a struct buf and written with one
 * write(2) ending in "\n", so lines on stdout and stderr cannot tear
 * (research/gha-contract.md §1.4). Functions taking an fd write there;
 * tests pass a pipe or file, ship passes 1 (stdout).
 *
 * Encoding follows @actions/core byte for byte (checked by
 * tests/cli/test_actions_core.py): "::name k=v,k=v::data\n", data escaped
 * % CR LF, property values escaped % CR LF : , (escape order % first; the
 * runner unescapes % last, so every string round-trips exactly).
 * Differences, all on purpose: properties the runner would drop or
 * rewrite are normalised first (ghcmd_props_normalize), and messages are
 * cut to GHCMD_MAX_UNITS UTF-16 code units on a UTF-8 boundary.
 */

enum ghcmd_level { GHCMD_ERROR = 0, GHCMD_WARNING = 1, GHCMD_NOTICE = 2 };
#define GHCMD_NLEVELS 3

/* The runner keeps the first 4096 .NET chars (UTF-16 code units) of an
 * annotation message. */
#define GHCMD_MAX_UNITS 4096

/*
 * Annotation properties. Strings are borrowed; NULL or "" means absent.
 * Numbers are 1-based; 0 or less means absent (the toolkit drops 0 too).
 */
struct ghcmd_props {
	const char *title;
	const char *file;
	long line, end_line, col, end_col;
};

/* ghcmd_* flags */
#define GHCMD_NO_TRUNCATE 1 /* keep the whole message (cross-check tests) */

/* "error", "warning" or "notice". */
const char *ghcmd_level_name(enum ghcmd_level level);

/* Append the escaped form of s[0..len) to out. 0 or -1 (buffer failed). */
int ghcmd_escape_data(struct buf *out, const char *s, size_t len);
int ghcmd_escape_prop(struct buf *out, const char *s, size_t len);

/*
 * Applies the runner's rules (ActionCommandManager.ValidateLinesAndColumns)
 * so that what ship emits is what the runner keeps: endLine alone becomes
 * line=endLine; endColumn alone becomes col=endColumn; col/endColumn go
 * without a line or when line != endLine; line/endLine go when
 * endLine < line; col/endColumn go when endColumn < col; numbers above
 * INT32_MAX (int.TryParse fails) go. Strings are copied as pointers.
 */
void ghcmd_props_normalize(const struct ghcmd_props *in, struct ghcmd_props *out);

/*
 * Builds one annotation command line (with the final "\n") into out.
 * props may be NULL. msg[0..len) is cut at GHCMD_MAX_UNITS UTF-16 units
 * (ending "…" so the cut shows) unless flags has GHCMD_NO_TRUNCATE.
 * Returns 0 or ERR_TOOBIG/ERR_FAIL (err_set) when out failed.
 */
int ghcmd_format_issue(struct buf *out, enum ghcmd_level level,
		       const struct ghcmd_props *props, const char *msg,
		       size_t len, int flags);
/* Builds "::name::escaped-data\n" for any command without properties. */
int ghcmd_format(struct buf *out, const char *name, const char *data, size_t len);

/* Writes out[0..len) to fd with one write(2) (retrying only the rest of
 * a short write and EINTR). For fd 1 and 2 the stdio stream is flushed
 * first so earlier printf output stays in order. 0 or ERR_FAIL (err_set). */
int ghcmd_write_all(int fd, const char *data, size_t len);

/* The commands. Each is one write to fd; 0 or a negative ERR_ code. */
int ghcmd_issue(int fd, enum ghcmd_level level, const struct ghcmd_props *props,
		const char *msg);
int ghcmd_group(int fd, const char *title);
int ghcmd_endgroup(int fd);
int ghcmd_debug(int fd, const char *msg);
/* ::add-mask:: with the secret escaped, so the runner masks exactly it. */
int ghcmd_add_mask(int fd, const char *secret);
/* For log_set_secret_hook(): ::add-mask:: on stdout, errors ignored
 * (masking is best effort; the log layer redacts on its own). */
void ghcmd_mask_hook(const char *secret);

/*
 * Untrusted text (log excerpts, commit messages, scanner titles).
 *
 * Blocks: rt_untrusted_begin() picks a fresh 128-bit random token and
 * writes "::stop-commands::TOKEN"; the runner then prints every line raw,
 * on stdout AND stderr, until rt_untrusted_end() writes "::TOKEN::".
 * Write the text with rt_untrusted_write() so the end marker always lands
 * at the start of a line. Nothing else of ship may emit commands between
 * begin and end (they would print raw). The token is never shown:
 * the runner masks it.
 */
struct rt_untrusted {
	int fd;
	int open;
	int at_bol;            /* the last byte written ended a line */
	char token[33];        /* 32 hex digits */
};
int rt_untrusted_begin(struct rt_untrusted *u, int fd);
int rt_untrusted_write(struct rt_untrusted *u, const char *s, size_t len);
int rt_untrusted_end(struct rt_untrusted *u);

/*
 * Short snippets: appends s[0..len) to out with every line that the
 * runner could read as a command defused: a line whose start (after the
 * whitespace .NET's TrimStart() skips) is "::" gets a U+200B ZERO WIDTH
 * SPACE between the colons, and every "##[" anywhere becomes "##"U+200B"[".
 * Line ends (LF, CR, CRLF) are kept. 0 or -1 (buffer failed).
 */
int rt_untrusted_neutralize(struct buf *out, const char *s, size_t len);

#endif
