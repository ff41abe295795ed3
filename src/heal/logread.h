/* logread.h - streaming reader of CI log lines: cleans runner prefixes, tracks steps. */
#ifndef SHIP_HEAL_LOGREAD_H
#define SHIP_HEAL_LOGREAD_H

#include <stddef.h>

/*
 * Reads a GitHub Actions (or any plain) log one line at a time, from a file
 * descriptor or from memory, without ever holding more than one capped line
 * plus one read chunk. Each line is cleaned:
 *   - a UTF-8 BOM at the start of the input is dropped;
 *   - the runner timestamp prefix "2025-04-07T12:57:33.2904078Z " is dropped;
 *   - ANSI escape sequences (CSI "ESC [ ... final", OSC "ESC ] ... BEL|ST",
 *     two-byte "ESC x") are removed;
 *   - "\n", "\r\n" and a lone "\r" all end a line;
 *   - a line longer than the cap is cut to the cap (truncated = 1) and the
 *     rest of it is skipped while streaming, never stored.
 * Step tracking: "##[group]Run ..." (and "##[group]Post Run ...") starts a
 * new step; other "##[group]"s are nested groups of the current step;
 * "##[error]Process completed with exit code N." marks the step as failed.
 */

enum logread_mark {
	LOGREAD_TEXT = 0,   /* an ordinary line */
	LOGREAD_GROUP,      /* ##[group]title (text is the title) */
	LOGREAD_ENDGROUP,   /* ##[endgroup] */
	LOGREAD_STEP,       /* ##[group]Run ... : a new step (text is its title) */
	LOGREAD_EXIT,       /* ##[error]Process completed with exit code N. */
	LOGREAD_RUNNER      /* another ##[section|command|debug|...] runner line */
};

struct logline {
	const char *text;   /* cleaned text without the line end; NOT
	                       NUL-terminated; borrowed until the next call */
	size_t len;
	const char *colon;  /* the first ':' of text, or NULL (the rules key
	                       on it; found during the reader's line scan) */
	size_t lineno;      /* 1-based physical line number in the input */
	int truncated;      /* 1 when the line was cut at the cap */
	enum logread_mark mark;
	int exit_code;      /* for LOGREAD_EXIT */
	int step_no;        /* 0 before the first step marker, then 1, 2, ... */
	const char *step;   /* title of the current step, NUL-terminated,
	                       "" when none; borrowed until the next call */
};

struct logread;

#define LOGREAD_DEFAULT_CAP (64u << 10)

/* Reads from fd (not closed by logread). `name` is copied and used in
 * error messages. `cap` is the line cap (0 = LOGREAD_DEFAULT_CAP).
 * The caller frees *out with logread_free(). */
int logread_open_fd(struct logread **out, int fd, const char *name, size_t cap);
/* A source of bytes: fills buf with up to n of them and returns their
 * count, 0 at the end, or a negative ERR_ with err_last() set. */
typedef long (*logread_read_fn)(void *ctx, char *buf, size_t n);
/* Reads through fn (e.g. a zip entry inflated as the lines are taken);
 * otherwise as logread_open_fd. ctx is borrowed. */
int logread_open_fn(struct logread **out, logread_read_fn fn, void *ctx,
                    const char *name, size_t cap);
/* Reads from data[0..len), which is borrowed and must outlive the reader. */
int logread_open_mem(struct logread **out, const void *data, size_t len,
                     const char *name, size_t cap);
/* Sets the step title (e.g. from a per-step file name in the run zip);
 * copied; counts as a new step. */
int logread_set_step(struct logread *r, const char *title);
/* 1 and fills *ln with the next line; 0 at end of input; < 0 on a read
 * error (ERR_FAIL with "NAME: ..." in err_last()). */
int logread_next(struct logread *r, struct logline *ln);
/* Bytes consumed so far (for progress and throughput). */
unsigned long long logread_bytes(const struct logread *r);
/* The number of the last line returned (0 before the first): the lines
 * read so far. */
size_t logread_lines(const struct logread *r);
/* The step_no of the last line returned (0 before any step). */
int logread_step_no(const struct logread *r);
void logread_free(struct logread *r);

/* Cleans one raw line in place-free fashion: writes the cleaned text of
 * src[0..len) to dst (room for len bytes) and returns its length. Exposed
 * for tests and for callers that already split lines. */
size_t logread_clean(const char *src, size_t len, char *dst);

#endif
