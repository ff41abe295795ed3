/* ghcmd.c - encodes and writes GitHub Actions workflow commands. */
#include "ghcmd.h"
#include "utf8.h"
#include "core/err.h"
#include "core/rand.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *const level_names[GHCMD_NLEVELS] = { "error", "warning", "notice" };

const char *ghcmd_level_name(enum ghcmd_level level)
{
	return (unsigned)level < GHCMD_NLEVELS ? level_names[level] : "error";
}

/* The toolkit replaces % first, then the rest; doing it in one pass per
 * byte gives the same result because no replacement produces a byte that
 * a later rule would touch except %, which is handled first. */
static int escape(struct buf *out, const char *s, size_t len, int prop)
{
	size_t i, start = 0;
	const char *rep;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '%': rep = "%25"; break;
		case '\r': rep = "%0D"; break;
		case '\n': rep = "%0A"; break;
		case ':': rep = prop ? "%3A" : NULL; break;
		case ',': rep = prop ? "%2C" : NULL; break;
		default: rep = NULL; break;
		}
		if (!rep)
			continue;
		buf_add(out, s + start, i - start);
		buf_add(out, rep, 3);
		start = i + 1;
	}
	buf_add(out, s + start, len - start);
	return buf_failed(out) ? -1 : 0;
}

int ghcmd_escape_data(struct buf *out, const char *s, size_t len)
{
	return escape(out, s, len, 0);
}

int ghcmd_escape_prop(struct buf *out, const char *s, size_t len)
{
	return escape(out, s, len, 1);
}

static long valid_num(long v)
{
	return v > 0 && v <= INT_MAX ? v : 0;
}

void ghcmd_props_normalize(const struct ghcmd_props *in, struct ghcmd_props *out)
{
	*out = *in;
	out->line = valid_num(in->line);
	out->end_line = valid_num(in->end_line);
	out->col = valid_num(in->col);
	out->end_col = valid_num(in->end_col);
	if (out->title && !*out->title)
		out->title = NULL;
	if (out->file && !*out->file)
		out->file = NULL;
	/* Same order as ValidateLinesAndColumns. */
	if (out->end_line && !out->line)
		out->line = out->end_line;
	if (out->end_col && !out->col)
		out->col = out->end_col;
	if (!out->line || (out->end_line && out->line != out->end_line))
		out->col = out->end_col = 0;
	if (out->line && out->end_line && out->end_line < out->line)
		out->line = out->end_line = 0;
	if (out->col && out->end_col && out->end_col < out->col)
		out->col = out->end_col = 0;
}

/* Appends ",key=value" (no comma for the first property). */
static void put_prop(struct buf *out, int *first, const char *key,
		     const char *s, size_t len)
{
	buf_puts(out, *first ? " " : ",");
	*first = 0;
	buf_puts(out, key);
	buf_putc(out, '=');
	ghcmd_escape_prop(out, s, len);
}

static void put_num(struct buf *out, int *first, const char *key, long v)
{
	char tmp[24];
	int n;

	if (!v)
		return;
	n = snprintf(tmp, sizeof(tmp), "%ld", v);
	put_prop(out, first, key, tmp, (size_t)n);
}

/* Appends s escaped as data, cut to GHCMD_MAX_UNITS units with a "…". */
static void put_message(struct buf *out, const char *s, size_t len, int flags)
{
	size_t cut;

	if ((flags & GHCMD_NO_TRUNCATE) || utf8_utf16_len(s, len) <= GHCMD_MAX_UNITS) {
		ghcmd_escape_data(out, s, len);
		return;
	}
	cut = utf8_cut_utf16(s, len, GHCMD_MAX_UNITS - 1);
	ghcmd_escape_data(out, s, cut);
	buf_puts(out, "\xe2\x80\xa6"); /* U+2026, one unit */
}

static int finish(struct buf *out)
{
	buf_putc(out, '\n');
	if (buf_failed(out) == BUF_ETOOBIG)
		return err_setc(ERR_TOOBIG, "workflow command longer than %zu bytes", out->max);
	if (buf_failed(out))
		return err_set("out of memory building a workflow command");
	return 0;
}

int ghcmd_format_issue(struct buf *out, enum ghcmd_level level,
		       const struct ghcmd_props *props, const char *msg,
		       size_t len, int flags)
{
	struct ghcmd_props p = { 0 };
	int first = 1;

	if (props)
		ghcmd_props_normalize(props, &p);
	buf_puts(out, "::");
	buf_puts(out, ghcmd_level_name(level));
	/* Property order is the toolkit's (utils.ts toCommandProperties). */
	if (p.title) {
		size_t tl = strlen(p.title);
		if (!(flags & GHCMD_NO_TRUNCATE))
			tl = utf8_cut_utf16(p.title, tl, GHCMD_MAX_UNITS);
		put_prop(out, &first, "title", p.title, tl);
	}
	if (p.file)
		put_prop(out, &first, "file", p.file, strlen(p.file));
	put_num(out, &first, "line", p.line);
	put_num(out, &first, "endLine", p.end_line);
	put_num(out, &first, "col", p.col);
	put_num(out, &first, "endColumn", p.end_col);
	buf_puts(out, "::");
	put_message(out, msg ? msg : "", msg ? len : 0, flags);
	return finish(out);
}

int ghcmd_format(struct buf *out, const char *name, const char *data, size_t len)
{
	buf_puts(out, "::");
	buf_puts(out, name);
	buf_puts(out, "::");
	ghcmd_escape_data(out, data ? data : "", data ? len : 0);
	return finish(out);
}

int ghcmd_write_all(int fd, const char *data, size_t len)
{
	ssize_t n;

	/* Anything printed through stdio must come out first, in order. */
	if (fd == 1)
		fflush(stdout);
	else if (fd == 2)
		fflush(stderr);
	while (len) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return err_set("writing a workflow command: %s",
				       n < 0 ? strerror(errno) : "short write");
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int emit(int fd, struct buf *b, int rc)
{
	if (rc == 0)
		rc = ghcmd_write_all(fd, b->ptr, b->len);
	buf_release(b);
	return rc;
}

int ghcmd_issue(int fd, enum ghcmd_level level, const struct ghcmd_props *props,
		const char *msg)
{
	struct buf b = BUF_INIT(BUF_MAX_MESSAGE);

	return emit(fd, &b, ghcmd_format_issue(&b, level, props, msg,
					       msg ? strlen(msg) : 0, 0));
}

static int simple(int fd, const char *name, const char *data)
{
	struct buf b = BUF_INIT(BUF_MAX_MESSAGE);

	return emit(fd, &b, ghcmd_format(&b, name, data, data ? strlen(data) : 0));
}

int ghcmd_group(int fd, const char *title) { return simple(fd, "group", title); }
int ghcmd_endgroup(int fd) { return simple(fd, "endgroup", ""); }
int ghcmd_debug(int fd, const char *msg) { return simple(fd, "debug", msg); }
int ghcmd_add_mask(int fd, const char *secret) { return simple(fd, "add-mask", secret); }

void ghcmd_mask_hook(const char *secret)
{
	(void)ghcmd_add_mask(1, secret);
}

/* --- untrusted text ------------------------------------------------------ */

int rt_untrusted_begin(struct rt_untrusted *u, int fd)
{
	struct buf b = BUF_INIT(128);

	memset(u, 0, sizeof(*u));
	/* 16 bytes = 128 bits: hex only, so it can never equal a command name
	 * (the runner refuses those) or "pause-logging". */
	if (rand_hex(u->token, 16) < 0)
		return err_wrap("stop-commands token");
	u->fd = fd;
	buf_puts(&b, "::stop-commands::");
	buf_puts(&b, u->token);
	buf_putc(&b, '\n');
	if (emit(fd, &b, buf_failed(&b) ? err_set("out of memory") : 0) < 0)
		return ERR_FAIL;
	u->open = 1;
	u->at_bol = 1;
	return 0;
}

int rt_untrusted_write(struct rt_untrusted *u, const char *s, size_t len)
{
	if (!u->open)
		return err_set("rt_untrusted_write outside a stop-commands block");
	if (!len)
		return 0;
	if (ghcmd_write_all(u->fd, s, len) < 0)
		return ERR_FAIL;
	/* A bare CR also ends a line for the runner (StreamReader.ReadLine). */
	u->at_bol = s[len - 1] == '\n' || s[len - 1] == '\r';
	return 0;
}

int rt_untrusted_end(struct rt_untrusted *u)
{
	struct buf b = BUF_INIT(128);

	if (!u->open)
		return 0;
	if (!u->at_bol)
		buf_putc(&b, '\n');
	buf_puts(&b, "::");
	buf_puts(&b, u->token);
	buf_puts(&b, "::\n");
	u->open = 0;
	memset(u->token, 0, sizeof(u->token));
	return emit(u->fd, &b, buf_failed(&b) ? err_set("out of memory") : 0);
}

/* Bytes of the .NET whitespace character at s (char.IsWhiteSpace, what
 * TrimStart() skips), or 0. Also counts U+001C..U+001F, to be safe. */
static size_t dotnet_space(const unsigned char *s, size_t left)
{
	if ((*s >= 0x09 && *s <= 0x0d) || *s == ' ' || (*s >= 0x1c && *s <= 0x1f))
		return 1;
	if (left >= 2 && s[0] == 0xc2 && (s[1] == 0x85 || s[1] == 0xa0))
		return 2;
	if (left < 3)
		return 0;
	if (s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80) /* U+1680 */
		return 3;
	if (s[0] == 0xe2 && s[1] == 0x80 &&
	    (s[2] <= 0x8a || s[2] == 0xa8 || s[2] == 0xa9 || s[2] == 0xaf))
		return 3; /* U+2000..200A, U+2028, U+2029, U+202F */
	if (s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f) /* U+205F */
		return 3;
	if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80) /* U+3000 */
		return 3;
	return 0;
}

#define ZWSP "\xe2\x80\x8b"

/* One line without its terminator. */
static void neutralize_line(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len && (n = dotnet_space((const unsigned char *)s + i, len - i)))
		i += n;
	if (len - i >= 2 && s[i] == ':' && s[i + 1] == ':') {
		buf_add(out, s, i + 1);
		buf_puts(out, ZWSP);
		s += i + 1;
		len -= i + 1;
	}
	for (i = 0; i + 3 <= len;) {
		if (memcmp(s + i, "##[", 3)) {
			i++;
			continue;
		}
		buf_add(out, s, i + 2);
		buf_puts(out, ZWSP);
		s += i + 2;
		len -= i + 2;
		i = 0;
	}
	buf_add(out, s, len);
}

int rt_untrusted_neutralize(struct buf *out, const char *s, size_t len)
{
	size_t i = 0, start = 0, term;

	while (i < len) {
		if (s[i] != '\n' && s[i] != '\r') {
			i++;
			continue;
		}
		term = s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
		neutralize_line(out, s + start, i - start);
		buf_add(out, s + i, term);
		i += term;
		start = i;
	}
	neutralize_line(out, s + start, len - start);
	return buf_failed(out) ? -1 : 0;
}
