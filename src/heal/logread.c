/* logread.c - streaming reader of CI log lines: cleans runner prefixes, tracks steps. */
#include "logread.h"

#include "../core/buf.h"
#include "../core/err.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOGREAD_CHUNK (256u << 10)
#define LOGREAD_MAX_TITLE 1024

struct logread {
	int fd;                 /* fd mode: the input (not owned) */
	const char *mem;        /* memory mode: the whole input (borrowed) */
	char *buf;              /* fd mode: [start, end) holds unread bytes */
	size_t bufsz, start, end;
	int eof;
	size_t cap;
	char *clean;            /* cap bytes: cleaned copy when ESC present */
	size_t lineno;
	unsigned long long bytes;
	int skip_lf;            /* last line ended in a '\r' at the window end */
	int skipping;           /* discarding the rest of an over-long line */
	int at_start;           /* a BOM may still come */
	int step_no;
	struct buf step;
	char *name;
};

static int logread_alloc(struct logread **out, const char *name, size_t cap)
{
	struct logread *r = calloc(1, sizeof(*r));

	*out = NULL;
	if (!r)
		return err_set("out of memory");
	r->cap = cap ? cap : LOGREAD_DEFAULT_CAP;
	r->at_start = 1;
	buf_init(&r->step, LOGREAD_MAX_TITLE);
	r->name = strdup(name ? name : "log");
	r->clean = malloc(r->cap + 1);
	if (!r->name || !r->clean) {
		logread_free(r);
		return err_set("out of memory");
	}
	*out = r;
	return 0;
}

int logread_open_fd(struct logread **out, int fd, const char *name, size_t cap)
{
	struct logread *r;
	int rc = logread_alloc(&r, name, cap);

	if (rc)
		return rc;
	r->fd = fd;
	r->bufsz = r->cap + LOGREAD_CHUNK;
	r->buf = malloc(r->bufsz);
	if (!r->buf) {
		logread_free(r);
		return err_set("out of memory");
	}
	*out = r;
	return 0;
}

int logread_open_mem(struct logread **out, const void *data, size_t len,
                     const char *name, size_t cap)
{
	struct logread *r;
	int rc = logread_alloc(&r, name, cap);

	if (rc)
		return rc;
	r->mem = data;
	r->end = len;
	r->eof = 1;
	*out = r;
	return 0;
}

void logread_free(struct logread *r)
{
	if (!r)
		return;
	free(r->buf);
	free(r->clean);
	free(r->name);
	buf_release(&r->step);
	free(r);
}

unsigned long long logread_bytes(const struct logread *r)
{
	return r->bytes;
}

static int set_step(struct logread *r, const char *t, size_t n)
{
	if (n > LOGREAD_MAX_TITLE - 1)
		n = LOGREAD_MAX_TITLE - 1;
	buf_reset(&r->step);
	buf_add(&r->step, t, n);
	r->step_no++;
	return buf_failed(&r->step) ? err_set("out of memory") : 0;
}

int logread_set_step(struct logread *r, const char *title)
{
	return set_step(r, title, strlen(title));
}

/* fd mode: moves unread bytes to the front and reads more. 0 or error. */
static int fill(struct logread *r)
{
	ssize_t n;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	for (;;) {
		n = read(r->fd, r->buf + r->end, r->bufsz - r->end);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return err_set("%s: read: %s", r->name, strerror(errno));
		if (n == 0)
			r->eof = 1;
		r->end += (size_t)n;
		return 0;
	}
}

static const char *window(const struct logread *r)
{
	return r->mem ? r->mem : r->buf;
}

/* First '\n' or '\r' in p[0..n), or NULL; sets *esc when an ESC byte
 * comes before it (so clean-up is skipped for the usual line). One pass:
 * this is the hot loop of the whole extractor. */
#ifdef __SSE2__
#include <emmintrin.h>

static const char *find_eol(const char *p, size_t n, int *esc)
{
	const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	const __m128i es = _mm_set1_epi8(0x1b);
	size_t i = 0;

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)));
		unsigned e = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, es));

		if (m) {
			unsigned k = (unsigned)__builtin_ctz(m);

			if (e & ((1u << k) - 1))
				*esc = 1;
			return p + i + k;
		}
		if (e)
			*esc = 1;
	}
	for (; i < n; i++) {
		if (p[i] == '\n' || p[i] == '\r')
			return p + i;
		if (p[i] == 0x1b)
			*esc = 1;
	}
	return NULL;
}
#else
static const char *find_eol(const char *p, size_t n, int *esc)
{
	const char *nl = memchr(p, '\n', n);
	const char *cr = memchr(p, '\r', nl ? (size_t)(nl - p) : n);
	const char *t = cr ? cr : nl;

	if (memchr(p, 0x1b, t ? (size_t)(t - p) : n))
		*esc = 1;
	return t;
}
#endif

/* First ':' of p[0..n), or NULL. */
static const char *find_colon(const char *p, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i c = _mm_set1_epi8(':');

	for (; i + 16 <= n; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(p + i)), c));

		if (m)
			return p + i + __builtin_ctz(m);
	}
#endif
	for (; i < n; i++)
		if (p[i] == ':')
			return p + i;
	return NULL;
}

/* Consumes the terminator at offset t (absolute in the window). */
static void eat_eol(struct logread *r, size_t t)
{
	const char *w = window(r);

	r->start = t + 1;
	if (w[t] != '\r')
		return;
	if (t + 1 < r->end) {
		if (w[t + 1] == '\n')
			r->start++;
	} else if (!r->eof) {
		r->skip_lf = 1;
	}
}

/* Skips the rest of an over-long line: 1 once its terminator is eaten,
 * 0 when the window ran out first. */
static int skip_rest(struct logread *r)
{
	const char *w = window(r);
	int esc = 0;
	const char *t = find_eol(w + r->start, r->end - r->start, &esc);

	if (!t) {
		r->bytes += r->end - r->start;
		r->start = r->end;
		return 0;
	}
	r->bytes += (size_t)(t - (w + r->start)) + 1;
	eat_eol(r, (size_t)(t - w));
	r->skipping = 0;
	return 1;
}

static int is_eol(char c)
{
	return c == '\n' || c == '\r';
}

/* Takes the next line from the window: 1 when one was found, 0 when the
 * window holds only part of a line. */
static int take_line(struct logread *r, const char **p, size_t *n, int *cut,
                     int *esc)
{
	const char *w = window(r), *s = w + r->start, *t;
	size_t avail = r->end - r->start, lim = avail < r->cap ? avail : r->cap;

	*esc = 0;
	t = find_eol(s, lim, esc);
	if (!t && avail > r->cap && is_eol(s[r->cap]))
		t = s + r->cap;
	if (t) {
		*p = s;
		*n = (size_t)(t - s);
		r->bytes += *n + 1;
		eat_eol(r, (size_t)(t - w));
		return 1;
	}
	if (avail < r->cap && !(r->eof && avail))
		return 0;
	*p = s;
	*n = lim;
	*esc = 1;  /* not known for a line without its end: check */
	*cut = avail > r->cap || (avail == r->cap && !r->eof);
	r->bytes += lim;
	r->start += lim;
	r->skipping = *cut;
	return 1;
}

/* Finds the next raw line. 1 with *p and *n set, 0 at EOF, <0 error. */
static int raw_line(struct logread *r, const char **p, size_t *n, int *cut,
                    int *esc)
{
	*cut = 0;
	for (;;) {
		if (r->skip_lf && r->start < r->end) {
			r->skip_lf = 0;
			if (window(r)[r->start] == '\n') {
				r->start++;
				r->bytes++;
			}
		}
		if (r->skipping) {
			if (skip_rest(r))
				continue;
		} else if (take_line(r, p, n, cut, esc)) {
			return 1;
		}
		if (r->eof || r->mem)
			return 0;
		if (fill(r))
			return ERR_FAIL;
	}
}

static int is_digits(const char *p, size_t n)
{
	while (n--)
		if ((unsigned char)(*p++ - '0') > 9)
			return 0;
	return 1;
}

/* Length of a runner timestamp prefix "YYYY-MM-DDTHH:MM:SS[.f+]Z " at p. */
static size_t timestamp_len(const char *p, size_t n)
{
	size_t i = 19;

	if (n < 21 || p[4] != '-' || p[7] != '-' || p[10] != 'T' ||
	    p[13] != ':' || p[16] != ':' || !is_digits(p, 4) ||
	    !is_digits(p + 5, 2) || !is_digits(p + 8, 2) ||
	    !is_digits(p + 11, 2) || !is_digits(p + 14, 2) ||
	    !is_digits(p + 17, 2))
		return 0;
	if (p[i] == '.') {
		i++;
		while (i < n && (unsigned char)(p[i] - '0') <= 9)
			i++;
	}
	if (i >= n || p[i] != 'Z')
		return 0;
	if (i + 1 == n)
		return i + 1;  /* an empty line keeps only its timestamp */
	return p[i + 1] == ' ' ? i + 2 : 0;
}

/* Length of the escape sequence starting at p[0] == ESC. */
static size_t esc_len(const char *p, size_t n)
{
	size_t i;

	if (n < 2)
		return n;
	if (p[1] == '[') {
		for (i = 2; i < n; i++)
			if ((unsigned char)p[i] >= 0x40 && (unsigned char)p[i] <= 0x7e)
				return i + 1;
		return n;
	}
	if (p[1] == ']') {
		for (i = 2; i < n; i++) {
			if (p[i] == '\a')
				return i + 1;
			if (p[i] == 0x1b && i + 1 < n && p[i + 1] == '\\')
				return i + 2;
		}
		return n;
	}
	return 2;
}

size_t logread_clean(const char *src, size_t len, char *dst)
{
	size_t i = 0, o = 0;

	while (i < len) {
		const char *e = memchr(src + i, 0x1b, len - i);
		size_t k = e ? (size_t)(e - (src + i)) : len - i;

		memcpy(dst + o, src + i, k);
		o += k;
		i += k;
		if (e)
			i += esc_len(src + i, len - i);
	}
	return o;
}

static int has_prefix(const char *p, size_t n, const char *pre, size_t k)
{
	return n >= k && memcmp(p, pre, k) == 0;
}

#define PFX(p, n, s) has_prefix(p, n, s, sizeof(s) - 1)

static int parse_exit(const char *p, size_t n, int *code)
{
	static const char m[] = "##[error]Process completed with exit code ";
	size_t i = sizeof(m) - 1;
	long v = 0;
	int neg = 0;

	if (!PFX(p, n, m))
		return 0;
	if (i < n && p[i] == '-') {
		neg = 1;
		i++;
	}
	if (i >= n || (unsigned char)(p[i] - '0') > 9)
		return 0;
	while (i < n && (unsigned char)(p[i] - '0') <= 9 && v < 100000)
		v = v * 10 + (p[i++] - '0');
	*code = (int)(neg ? -v : v);
	return 1;
}

/* Classifies runner "##[" lines and updates the step. */
static int mark_line(struct logread *r, struct logline *ln)
{
	const char *p = ln->text;
	size_t n = ln->len;

	if (n < 4 || p[0] != '#' || p[1] != '#' || p[2] != '[')
		return 0;
	if (PFX(p, n, "##[group]")) {
		ln->text += 9;
		ln->len -= 9;
		if (PFX(ln->text, ln->len, "Run ") ||
		    PFX(ln->text, ln->len, "Post Run ")) {
			ln->mark = LOGREAD_STEP;
			return set_step(r, ln->text, ln->len);
		}
		ln->mark = LOGREAD_GROUP;
	} else if (PFX(p, n, "##[endgroup]")) {
		ln->mark = LOGREAD_ENDGROUP;
	} else if (parse_exit(p, n, &ln->exit_code)) {
		ln->mark = LOGREAD_EXIT;
	} else if (PFX(p, n, "##[section]") || PFX(p, n, "##[command]") ||
	           PFX(p, n, "##[debug]")) {
		ln->mark = LOGREAD_RUNNER;
	}
	return 0;
}

int logread_next(struct logread *r, struct logline *ln)
{
	const char *p;
	size_t n, ts;
	int cut = 0, esc = 0, rc = raw_line(r, &p, &n, &cut, &esc);

	if (rc <= 0)
		return rc;
	memset(ln, 0, sizeof(*ln));
	r->lineno++;
	if (r->at_start) {
		r->at_start = 0;
		if (PFX(p, n, "\xef\xbb\xbf")) {
			p += 3;
			n -= 3;
		}
	}
	ts = timestamp_len(p, n);
	p += ts;
	n -= ts;
	if (esc && memchr(p, 0x1b, n)) {
		n = logread_clean(p, n, r->clean);
		p = r->clean;
	}
	ln->text = p;
	ln->len = n;
	ln->colon = find_colon(p, n);
	ln->lineno = r->lineno;
	ln->truncated = cut;
	rc = mark_line(r, ln);
	ln->step_no = r->step_no;
	ln->step = buf_cstr(&r->step);
	return rc ? rc : 1;
}
