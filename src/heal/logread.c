/* logread.c - streaming reader of CI log lines: cleans runner prefixes, tracks steps. */
#include "logread.h"

#include "../core/buf.h"
#include "../core/err.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOGREAD_CHUNK (256u << 10)
#define LOGREAD_MAX_TITLE 1024

/*
 * Segment masks. Searching each line's end on its own costs a call, a
 * loop set-up and a partial last vector per line (lines average ~55
 * bytes), and the rules then want the line's first ':' too. So the
 * reader classifies a segment of the window at once into bit masks, one
 * bit per byte (stop: '\n', '\r' or ESC; colon: ':'), then finds a line's
 * end and its first ':' with a shift and a count-trailing-zeros each.
 * A segment covers whole 64-byte blocks of bytes inside the window only
 * (memory mode must never read past its input) and is never longer than
 * the line cap, so no line ending inside it is over the cap. It ends
 * just after its last stop byte (seg_build), so a line starting in it
 * ends in it: the fast paths check no bound.
 *
 * The paths, from the most common: logread_next() takes a line under 57
 * bytes; long_line() a longer one; stamped() one with the usual runner
 * timestamp (odd_stamp() another stamp); cr_line() one ended by "\r" or
 * "\r\n"; esc_line() one with an ESC to clean; all from the masks.
 * slow_line() takes the rest (the first line and its BOM, a line not
 * ending inside the segment, a '\r' at the window's end, a refill, a cut
 * line): it builds a new segment from the line's start when that helps,
 * else falls back to find_eol().
 *
 * SEG_BYTES: the masks (1/4 of it) and the bytes stay in the L1 cache
 * while the lines are taken from them.
 */
#define SEG_BYTES (16u << 10)
#define SEG_WORDS (SEG_BYTES / 64)

/* Classifies n bytes at p (n a multiple of 64, > 0) into n / 64 words of
 * stop[] and colon[]: bit i of word k stands for byte 64k + i. */
typedef void seg_fn(const char *p, size_t n, uint64_t *stop, uint64_t *colon);

struct logread {
	int fd;                 /* fd mode: the input (not owned) */
	logread_read_fn rd;     /* fd and function modes: fills the window */
	void *rd_ctx;
	const char *mem;        /* memory mode: the whole input (borrowed) */
	char *buf;              /* fd mode: [pos, end) holds unread bytes */
	const char *win;        /* mem or buf: what the offsets count in */
	const char *pos;        /* the next unread byte, in win (a pointer:
	                           the fast paths need it, not its offset) */
	size_t bufsz, end;
	int eof;
	size_t cap;
	char *clean;            /* cap bytes (+ 16): the cleaned line when it
	                           had an ESC */
	unsigned long long bytes_base; /* logread_bytes() is this + off() */
	int skip_lf;            /* last line ended in a '\r' at the window end */
	int skipping;           /* discarding the rest of an over-long line */
	int at_start;           /* a BOM may still come */
	struct buf step;
	/* the fields of a line from lineno on, as the next line gets them:
	 * the last line's number, truncated, mark and exit_code 0, the step
	 * (step_no, step = buf_cstr(&step)); see put_tail */
	struct logline tail;
	char *name;
	seg_fn *classify;       /* NULL without SIMD: find_eol only */
	const char *seg_p;      /* window bytes [seg_p, seg_p + seg_len) */
	size_t seg_len;         /* are in the masks (0: none) */
	/* two more words each: seg_bits() reads up to 8 bytes past the
	 * segment's last word, seg_next_bits() up to 15 */
	uint64_t stop[SEG_WORDS + 2];
	uint64_t colon[SEG_WORDS + 2];
};

#ifdef __SSE2__
#include <emmintrin.h>

/* The classifiers store each vector's movemask as a part of a word:
 * x86 is little-endian, so the parts make up the 64-bit word. */
typedef uint16_t mask16 __attribute__((may_alias));

static void seg_classify_sse2(const char *p, size_t n, uint64_t *stop,
                              uint64_t *colon)
{
	const __m128i nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
	const __m128i es = _mm_set1_epi8(0x1b), co = _mm_set1_epi8(':');
	mask16 *s = (mask16 *)(void *)stop, *c = (mask16 *)(void *)colon;

	for (const char *e = p + n; p < e; p += 16, s++, c++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);

		*s = (uint16_t)_mm_movemask_epi8(_mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, nl), _mm_cmpeq_epi8(v, cr)),
			_mm_cmpeq_epi8(v, es)));
		*c = (uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, co));
	}
}

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>
#define LOGREAD_AVX2 1

typedef uint32_t mask32 __attribute__((may_alias));

/* '\n', '\r' and ESC in one compare: a pshufb by the low nibble gives
 * back the byte itself only for 0x0a, 0x0d and 0x1b (the other entries,
 * 0x80, equal no byte below 0x80; bytes from 0x80 look up 0).
 * Each use of the bytes loads them anew, as an operand of the
 * instruction (the barriers keep gcc from sharing one load in a
 * register): 7 instructions for 32 bytes instead of 8. */
__attribute__((target("avx2")))
static void classify32(const char *p, __m256i tbl, __m256i co, mask32 *s,
                       mask32 *c)
{
	const __m256i *v = (const __m256i *)(const void *)p;
	__m256i t = _mm256_shuffle_epi8(tbl, _mm256_loadu_si256(v));

	__asm__("" ::: "memory");
	*s = (uint32_t)_mm256_movemask_epi8(
		_mm256_cmpeq_epi8(_mm256_loadu_si256(v), t));
	__asm__("" ::: "memory");
	*c = (uint32_t)_mm256_movemask_epi8(
		_mm256_cmpeq_epi8(_mm256_loadu_si256(v), co));
}

/* The same with AVX2, picked at run time (the binary targets plain
 * x86-64); 256 bytes a round, and one index j (a byte of the masks,
 * 8 of the input) for the loads and stores: fewer loop instructions. */
__attribute__((target("avx2")))
static void seg_classify_avx2(const char *p, size_t n, uint64_t *stop,
                              uint64_t *colon)
{
	const __m256i tbl = _mm256_setr_epi8(
		-128, -128, -128, -128, -128, -128, -128, -128,
		-128, -128, 0x0a, 0x1b, -128, 0x0d, -128, -128,
		-128, -128, -128, -128, -128, -128, -128, -128,
		-128, -128, 0x0a, 0x1b, -128, 0x0d, -128, -128);
	const __m256i co = _mm256_set1_epi8(':');
	char *s = (char *)stop, *c = (char *)colon;
	size_t j = 0, e = n / 8;

#define CLASSIFY32(o) classify32(p + 8 * (j + (o)), tbl, co, \
	(mask32 *)(void *)(s + j + (o)), (mask32 *)(void *)(c + j + (o)))
	for (; e - j >= 32; j += 32) {
		CLASSIFY32(0);
		CLASSIFY32(4);
		CLASSIFY32(8);
		CLASSIFY32(12);
		CLASSIFY32(16);
		CLASSIFY32(20);
		CLASSIFY32(24);
		CLASSIFY32(28);
	}
	for (; j < e; j += 8) {  /* n is a multiple of 64 */
		CLASSIFY32(0);
		CLASSIFY32(4);
	}
#undef CLASSIFY32
}
#endif
#endif

/* The best classifier this CPU runs; NULL without SIMD, where building
 * the masks byte by byte would cost more than find_eol's memchr. */
static seg_fn *seg_pick(void)
{
#ifdef LOGREAD_AVX2
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2"))
		return seg_classify_avx2;
#endif
#ifdef __SSE2__
	return seg_classify_sse2;
#else
	return NULL;
#endif
}

static int logread_alloc(struct logread **out, const char *name, size_t cap)
{
	struct logread *r = calloc(1, sizeof(*r));

	*out = NULL;
	if (!r)
		return err_set("out of memory");
	r->cap = cap ? cap : LOGREAD_DEFAULT_CAP;
	r->at_start = 1;
	r->classify = seg_pick();
	buf_init(&r->step, LOGREAD_MAX_TITLE);
	r->tail.step = "";
	r->name = strdup(name ? name : "log");
	r->clean = malloc(r->cap + 16);  /* see copy_piece */
	if (!r->name || !r->clean) {
		logread_free(r);
		return err_set("out of memory");
	}
	*out = r;
	return 0;
}

/* The fd source: read(2), EINTR retried. */
static long fd_read(void *ctx, char *buf, size_t n)
{
	struct logread *r = ctx;
	ssize_t got;

	do
		got = read(r->fd, buf, n);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return err_set("%s: read: %s", r->name, strerror(errno));
	return (long)got;
}

int logread_open_fd(struct logread **out, int fd, const char *name, size_t cap)
{
	int rc = logread_open_fn(out, NULL, NULL, name, cap);

	if (rc == 0) {
		(*out)->fd = fd;
		(*out)->rd = fd_read;
		(*out)->rd_ctx = *out;
	}
	return rc;
}

int logread_open_fn(struct logread **out, logread_read_fn fn, void *ctx,
                    const char *name, size_t cap)
{
	struct logread *r;
	int rc = logread_alloc(&r, name, cap);

	if (rc)
		return rc;
	r->rd = fn;
	r->rd_ctx = ctx;
	r->bufsz = r->cap + LOGREAD_CHUNK;
	r->buf = malloc(r->bufsz);
	if (!r->buf) {
		logread_free(r);
		return err_set("out of memory");
	}
	r->win = r->pos = r->seg_p = r->buf;
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
	r->win = r->pos = r->seg_p = r->mem;
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

/* The offset of r->pos in the window. */
static size_t off(const struct logread *r)
{
	return (size_t)(r->pos - r->win);
}

unsigned long long logread_bytes(const struct logread *r)
{
	return r->bytes_base + off(r);
}

size_t logread_lines(const struct logread *r)
{
	return r->tail.lineno;
}

int logread_step_no(const struct logread *r)
{
	return r->tail.step_no;
}

static int set_step(struct logread *r, const char *t, size_t n)
{
	if (n > LOGREAD_MAX_TITLE - 1)
		n = LOGREAD_MAX_TITLE - 1;
	buf_reset(&r->step);
	buf_add(&r->step, t, n);
	r->tail.step = buf_cstr(&r->step);
	r->tail.step_no++;
	return buf_failed(&r->step) ? err_set("out of memory") : 0;
}

int logread_set_step(struct logread *r, const char *title)
{
	return set_step(r, title, strlen(title));
}

/* Forgets the segment: the general path takes the next line. */
static void seg_drop(struct logread *r)
{
	r->seg_p = r->win;
	r->seg_len = 0;
}

/* fd and function modes: moves unread bytes to the front and reads
 * more. 0 or error. */
static int fill(struct logread *r)
{
	long n;

	seg_drop(r);  /* the bytes move */
	if (r->pos > r->buf) {
		size_t k = off(r);

		r->bytes_base += k;
		memmove(r->buf, r->pos, r->end - k);
		r->end -= k;
		r->pos = r->buf;
	}
	n = r->rd(r->rd_ctx, r->buf + r->end, r->bufsz - r->end);
	if (n < 0)
		return (int)n;
	if (n == 0)
		r->eof = 1;
	r->end += (size_t)n;
	return 0;
}

/* First '\n' or '\r' in p[0..n), or NULL; sets *esc when an ESC byte
 * comes before it (so clean-up is skipped for the usual line). For the
 * lines the segment masks do not cover. */
#ifdef __SSE2__
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


/* Consumes the terminator at offset t (absolute in the window). */
static void eat_eol(struct logread *r, size_t t)
{
	const char *w = r->win;

	r->pos = w + t + 1;
	if (w[t] != '\r')
		return;
	if (t + 1 < r->end) {
		if (w[t + 1] == '\n')
			r->pos++;  /* the '\n' of a "\r\n" */
	} else if (!r->eof) {
		r->skip_lf = 1;
		seg_drop(r);  /* raw_line must see skip_lf first */
	}
}

/* Classifies the window from r->pos: whole 64-byte blocks, at most
 * SEG_BYTES and the cap. The segment then ends just after its last stop
 * byte, so that every line starting in it has a stop byte in it: the
 * fast paths need no bound check. 0 (and no segment) without SIMD, when
 * less than a block remains or when it holds no stop byte. */
static int seg_build(struct logread *r)
{
	size_t n = r->end - off(r), k;

	seg_drop(r);
	if (n > SEG_BYTES)
		n = SEG_BYTES;
	if (n > r->cap)
		n = r->cap;
	n &= ~(size_t)63;
	if (!r->classify || !n)
		return 0;
	r->classify(r->pos, n, r->stop, r->colon);
	r->stop[n / 64] = 0;  /* seg_bits reads it: no stale bits */
	/* and not in its last 4 bytes: the fast paths read a line's 5th
	 * byte (a timestamp's first '-') without a length check */
	r->stop[n / 64 - 1] &= ~(uint64_t)0 >> 4;
	for (k = n / 64; k > 0 && !r->stop[k - 1]; k--)
		;
	if (!k)
		return 0;
	r->seg_p = r->pos;
	r->seg_len = k * 64 - (size_t)__builtin_clzll(r->stop[k - 1]);
	return 1;
}

/* Index of the lowest set bit of m != 0. */
static size_t low_bit(uint64_t m)
{
#if defined(__GNUC__) && defined(__x86_64__)
	uint64_t k;

	/* one instruction (a bsf where there is no tzcnt); gcc adds a
	 * zeroing xor and a sign extension to __builtin_ctzll */
	__asm__("tzcntq %1, %0" : "=r"(k) : "rm"(m) : "cc");
	return k;
#else
	return (size_t)__builtin_ctzll(m);
#endif
}

/* At least 57 mask bits of w[] from segment offset i on (bit 0 for i;
 * the bits above those are 0), i inside the segment: all of the bits of
 * the word i is in from i on, and more (the callers go on with the next
 * word). Little-endian, a load from the byte that holds bit i and a
 * shift: cheaper than joining two words. The word after the segment's
 * last one is always there (0 in stop[], stale bits in colon[] that the
 * callers mask off). */
static uint64_t seg_bits(const uint64_t *w, size_t i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t v;

	memcpy(&v, (const char *)w + i / 8, 8);
	return v >> (i % 8);
#else
	return w[i / 64] >> (i % 64);
#endif
}

/* The 64 mask bits of w[] that follow the ones seg_bits(w, i) gives:
 * bit 0 stands for segment offset i - i % 8 + 64. An aligned load and
 * no shift: a line too long for seg_bits() (57 bytes or more) mostly
 * ends in these, and this is cheaper than a loop over the words. Past
 * the segment the bits are stale (the callers' line ends first). */
static uint64_t seg_next_bits(const uint64_t *w, size_t i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t v;

	memcpy(&v, (const char *)w + (i + 64) / 8, 8);  /* i / 8 + 8 */
	return v;
#else
	size_t b = i - i % 8 + 64;

	return b % 64 ? w[b / 64] >> (b % 64) | w[b / 64 + 1] << (64 - b % 64)
	              : w[b / 64];
#endif
}

/* Segment offset of the first stop byte after the bits seg_bits(r->stop,
 * i) covers, when those are 0: the words after the one i is in, whole.
 * There is one (see seg_build). */
static size_t seg_stop_after(const struct logread *r, size_t i)
{
	size_t k = i / 64;
	uint64_t m;

	while (!(m = r->stop[++k]))
		;
	return k * 64 + low_bit(m);
}

/* Segment offset of the first stop byte at or after segment offset i
 * (i <= the segment's length), or the segment's length when none. */
static size_t seg_stop(const struct logread *r, size_t i)
{
	uint64_t m;

	if (i == r->seg_len)
		return i;
	m = seg_bits(r->stop, i);
	return m ? i + low_bit(m) : seg_stop_after(r, i);
}

/* Offset from segment offset i of the first ':' in [i, i + n) after the
 * bits seg_bits(r->colon, i) covers, when those are 0 (see
 * seg_stop_after), or n when none; i + n <= the segment's length. */
static size_t seg_colon_after(const struct logread *r, size_t i, size_t n)
{
	const uint64_t *w = r->colon + i / 64;
	const uint64_t *end = r->colon + (i + n + 63) / 64;
	size_t o;

	while (++w < end)
		if (*w) {
			o = (size_t)(w - r->colon) * 64 + low_bit(*w) - i;
			return o < n ? o : n;
		}
	return n;
}

/* First ':' at segment offsets [i, e), i <= e <= the segment's length. */
static const char *seg_colon(const struct logread *r, size_t i, size_t e)
{
	uint64_t m = seg_bits(r->colon, i);
	size_t o = m ? low_bit(m) : seg_colon_after(r, i, e - i);

	return o < e - i ? r->seg_p + i + o : NULL;
}

/* Segment offset of the first '\n' or '\r' at or after segment offset i
 * (i <= the segment's length), setting *esc for an ESC on the way; the
 * segment's length when none. */
static size_t seg_eol(const struct logread *r, size_t i, int *esc)
{
	while ((i = seg_stop(r, i)) < r->seg_len &&
	       r->seg_p[i] == 0x1b) {
		*esc = 1;
		i++;
	}
	return i;
}

/* The end of the line at r->pos from the masks, for the general path.
 * The segment is built anew from the line's start when it does not hold
 * that line's end; NULL when a fresh one does not either (the window's
 * last bytes, a line longer than a segment): find_eol's turn. */
static const char *seg_line_end(struct logread *r, int *esc)
{
	size_t i = (size_t)(r->pos - r->seg_p);

	if (i < r->seg_len) {
		i = seg_eol(r, i, esc);
		if (i < r->seg_len)
			return r->seg_p + i;
		if (r->pos == r->seg_p)
			return NULL;  /* a new segment would be this one */
	}
	if (!seg_build(r))
		return NULL;
	*esc = 0;
	i = seg_eol(r, 0, esc);
	return i < r->seg_len ? r->seg_p + i : NULL;
}

/* First ':' of p[0..n), p in the window: from the masks when the segment
 * covers p[0..n], else memchr. */
static const char *line_colon(const struct logread *r, const char *p,
                              size_t n)
{
	size_t o = (size_t)(p - r->seg_p);  /* huge when p is before */

	if (o >= r->seg_len || o + n >= r->seg_len)
		return memchr(p, ':', n);
	return seg_colon(r, o, o + n);
}

/* Skips the rest of an over-long line: 1 once its terminator is eaten,
 * 0 when the window ran out first. */
static int skip_rest(struct logread *r)
{
	const char *w = r->win;
	int esc = 0;
	const char *t = find_eol(r->pos, r->end - off(r), &esc);

	if (!t) {
		r->pos = w + r->end;
		return 0;
	}
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
	const char *w = r->win, *s = r->pos, *t;
	size_t avail = r->end - off(r), lim = avail < r->cap ? avail : r->cap;

	*esc = 0;
	t = seg_line_end(r, esc);
	if (!t) {
		*esc = 0;
		t = find_eol(s, lim, esc);
		if (!t && avail > r->cap && is_eol(s[r->cap]))
			t = s + r->cap;
	}
	if (t) {
		*p = s;
		*n = (size_t)(t - s);
		eat_eol(r, (size_t)(t - w));
		return 1;
	}
	/* no line end within the cap: read more first unless the input is
	 * over, or the byte after the cap (which says whether the line is
	 * cut) is already here */
	if (r->eof ? !avail : avail <= r->cap)
		return 0;
	*p = s;
	*n = lim;
	*esc = 1;  /* not known for a line without its end: check */
	*cut = avail > r->cap;
	r->pos += lim;
	r->skipping = *cut;
	if (r->skipping)
		seg_drop(r);  /* skip_rest must run first */
	return 1;
}

/* Finds the next raw line. 1 with *p and *n set, 0 at EOF, <0 error. */
static int raw_line(struct logread *r, const char **p, size_t *n, int *cut,
                    int *esc)
{
	*cut = 0;
	for (;;) {
		if (r->skip_lf && off(r) < r->end) {
			r->skip_lf = 0;
			if (*r->pos == '\n')
				r->pos++;
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

#ifdef __SSE2__
/* 1 when p[0..29) is the usual runner prefix "2025-04-07T12:57:33.2904078Z "
 * (seven fraction digits), in two overlapping 16-byte halves: a byte xor
 * the pattern's is 0..9 for a digit where the pattern has '0' and 0 for
 * the pattern's own byte elsewhere, so adding 0x76 or 0x7f to those
 * (saturating) sets the top bit only where a byte does not match: one
 * movemask of the two halves' or, no compare with zero. */
static int usual_timestamp(const char *p)
{
	const __m128i pa = _mm_setr_epi8('0', '0', '0', '0', '-', '0', '0',
		'-', '0', '0', 'T', '0', '0', ':', '0', '0');
	const __m128i la = _mm_setr_epi8(0x76, 0x76, 0x76, 0x76, 0x7f, 0x76,
		0x76, 0x7f, 0x76, 0x76, 0x7f, 0x76, 0x76, 0x7f, 0x76, 0x76);
	const __m128i pb = _mm_setr_epi8(':', '0', '0', ':', '0', '0', '.',
		'0', '0', '0', '0', '0', '0', '0', 'Z', ' ');
	const __m128i lb = _mm_setr_epi8(0x7f, 0x76, 0x76, 0x7f, 0x76, 0x76,
		0x7f, 0x76, 0x76, 0x76, 0x76, 0x76, 0x76, 0x76, 0x7f, 0x7f);
	__m128i a = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 13));

	a = _mm_adds_epu8(_mm_xor_si128(a, pa), la);
	b = _mm_adds_epu8(_mm_xor_si128(b, pb), lb);
	return _mm_movemask_epi8(_mm_or_si128(a, b)) == 0;
}
#else
static int usual_timestamp(const char *p)
{
	(void)p;
	return 0;  /* timestamp_rest() tests it byte by byte */
}
#endif

/* timestamp_len() past its first test. */
static size_t timestamp_rest(const char *p, size_t n)
{
	size_t i = 19;

	if (n >= 29 && usual_timestamp(p))
		return 29;
	if (p[7] != '-' ||
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

/* Length of a runner timestamp prefix "YYYY-MM-DDTHH:MM:SS[.f+]Z " at p.
 * The lines of a plain log fail the first test (inlined), the runner's
 * mostly pass usual_timestamp(). */
static size_t timestamp_len(const char *p, size_t n)
{
	if (n < 21 || p[4] != '-' || p[10] != 'T')
		return 0;
	return timestamp_rest(p, n);
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

/* finish_line() for a runner line "##[...": marks it, then the step. */
__attribute__((noinline))
static int runner_line(struct logread *r, struct logline *ln)
{
	int rc = mark_line(r, ln);

	ln->step_no = r->tail.step_no;
	ln->step = r->tail.step;
	return rc ? rc : 1;
}

#define TAIL_OFF offsetof(struct logline, lineno)

/* Counts the line and copies r->tail into ln from lineno on. Every field
 * is set each line (no memset); as a block this is three vector moves
 * and an add, and the line number is stored as a vector and reloaded as
 * one (a scalar store reloaded by a vector load could not be forwarded). */
static void put_tail(struct logread *r, struct logline *ln)
{
	char *d = (char *)ln + TAIL_OFF, *t = (char *)&r->tail + TAIL_OFF;

#if defined(__SSE2__) && SIZE_MAX == UINT64_MAX
	__m128i a = _mm_loadu_si128((const __m128i *)(void *)t);

	_Static_assert(sizeof(struct logline) - TAIL_OFF == 32,
	               "lineno..step are two vectors, lineno the first lane");
	a = _mm_add_epi64(a, _mm_set_epi64x(0, 1));
	_mm_storeu_si128((__m128i *)(void *)t, a);
	_mm_storeu_si128((__m128i *)(void *)d, a);
	_mm_storeu_si128((__m128i *)(void *)(d + 16),
	                 _mm_loadu_si128((const __m128i *)(void *)(t + 16)));
#else
	r->tail.lineno++;
	memcpy(d, t, sizeof(struct logline) - TAIL_OFF);
#endif
}

/* Sets the fields after text, len and colon: 1 or an error. hash: the
 * text starts with '#' (maybe a runner line). */
static int finish_line(struct logread *r, struct logline *ln, int cut,
                       int hash)
{
	put_tail(r, ln);
	if (cut)
		ln->truncated = 1;
	if (hash)
		return runner_line(r, ln);
	return 1;
}

/* The general path: any line; the fast paths below leave it the lines
 * they do not take (see "Segment masks" at the top). */
__attribute__((noinline))
static int slow_line(struct logread *r, struct logline *ln)
{
	const char *p;
	size_t n, ts;
	int cut = 0, esc = 0, rc = raw_line(r, &p, &n, &cut, &esc);

	if (rc <= 0)
		return rc;
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
		ln->colon = memchr(p, ':', n);
	} else {
		ln->colon = line_colon(r, p, n);
	}
	ln->text = p;
	ln->len = n;
	return finish_line(r, ln, cut, n && *p == '#');
}

/* Takes the line s[0..n) (s at r->pos) whose end is s[n] and the next
 * line's start s[next]: its text is s[ts..n), colon its first ':'. */
static int put_line(struct logread *r, struct logline *ln, const char *s,
                    size_t n, size_t next, size_t ts, const char *colon)
{
	r->pos += next;
	ln->text = s + ts;
	ln->len = n - ts;
	ln->colon = colon;
	return finish_line(r, ln, 0, s[ts] == '#');  /* s[n] is readable */
}

/* 0 when the line s[0..n) at r->pos ends in a '\r' that is the
 * window's last byte: the '\n' may come with the next read, and
 * slow_line() waits for it (nothing is consumed before that is known).
 * Else 1, the '\n' of a "\r\n" consumed. */
static int cr_end(struct logread *r, const char *s, size_t n)
{
	if (s[n] != '\r')
		return 1;
	if (off(r) + n + 1 == r->end)
		return 0;
	if (s[n + 1] == '\n')
		r->pos++;
	return 1;
}

/* Offset from s of the first ':' in s[at..n), s at segment offset i, or
 * n when none. */
static size_t colon_at(const struct logread *r, size_t i, const char *s,
                       size_t at, size_t n)
{
	const char *c = seg_colon(r, i + at, i + n);

	return c ? (size_t)(c - s) : n;
}

/* The end of a line from segment offset i with an ESC at s[e]: the
 * offset of the first stop byte after it that is not an ESC, or the
 * segment's end when none, going through the bits 57 or more at a time. */
static size_t esc_line_end(const struct logread *r, size_t i, const char *s,
                           size_t e)
{
	size_t j = e + 1, k;
	uint64_t m;

	while (i + j < r->seg_len) {
		m = seg_bits(r->stop, i + j);
		if (!m) {
			k = seg_stop_after(r, i + j) - i;
			if (s[k] != 0x1b)
				return k;
			j = k + 1;
			continue;
		}
		for (; m; m &= m - 1) {
			k = j + low_bit(m);
			if (s[k] != 0x1b)
				return k;
		}
		j += 64 - (i + j) % 8;  /* past the bits seg_bits() gave */
	}
	return r->seg_len - i;
}

/* Copies s[0..n) to d: 16 bytes at a time when wide (1: s and d have
 * room for 15 bytes more), else memcpy (the ESC lines' pieces are short,
 * and musl's memcpy goes byte by byte to align). */
static void copy_piece(char *d, const char *s, size_t n, int wide)
{
#ifdef __SSE2__
	if (wide) {
		for (size_t k = 0; k < n; k += 16)
			_mm_storeu_si128((__m128i *)(void *)(d + k),
			                 _mm_loadu_si128((const __m128i *)
			                                 (const void *)(s + k)));
		return;
	}
#endif
	memcpy(d, s, n);
}

/* cr_line() for a line with an ESC (s[e] the first), cleaned into
 * r->clean as logread_clean() does, but with the ESCs and the ':'s taken
 * from the masks. The line's end is the first stop byte that is not an
 * ESC; slow_line() takes a line that does not end in the segment. */
__attribute__((noinline))
static int esc_line(struct logread *r, struct logline *ln, size_t i,
                    const char *s, size_t e)
{
	size_t n = esc_line_end(r, i, s, e), ts, at, o = 0, k;
	const char *colon = NULL;
	char *d = r->clean;
	int wide;

	if (i + n == r->seg_len || !cr_end(r, s, n))
		return slow_line(r, ln);
	wide = i + n + 16 <= r->seg_len;  /* see copy_piece; clean has 16 more */
	ts = timestamp_len(s, n);  /* <= e: a stamp holds no ESC */
	k = colon_at(r, i, s, ts, n);
	for (at = ts;; e = seg_stop(r, i + at) - i) {
		/* s[at..e) is kept: e is an ESC or the end; s[k] is the
		 * first ':' from at (once one is past an escape, the next) */
		if (k < at)
			k = colon_at(r, i, s, at, n);
		if (!colon && k < e)
			colon = d + o + (k - at);
		copy_piece(d + o, s + at, e - at, wide);
		o += e - at;
		if (e == n)
			break;
		at = e + esc_len(s + e, n - e);
		if (at == n)
			break;
	}
	r->pos += n + 1;
	ln->text = d;
	ln->len = o;
	ln->colon = colon;
	return finish_line(r, ln, 0, o && *d == '#');
}

/* The fast paths for a line s[0..n) from segment offset i whose end s[n]
 * is not '\n': a '\r' (with a '\n' after it, one line end), or an ESC
 * (esc_line). */
__attribute__((noinline))
static int cr_line(struct logread *r, struct logline *ln, size_t i,
                   const char *s, size_t n)
{
	size_t ts;

	if (s[n] == 0x1b)
		return esc_line(r, ln, i, s, n);
	if (!cr_end(r, s, n))
		return slow_line(r, ln);
	ts = timestamp_len(s, n);
	return put_line(r, ln, s, n, n + 1, ts, seg_colon(r, i + ts, i + n));
}

/* stamped() for a line without the usual stamp. */
__attribute__((noinline))
static int odd_stamp(struct logread *r, struct logline *ln, size_t i,
                     const char *s)
{
	size_t n = seg_stop(r, i) - i, ts;

	if (s[n] != '\n')
		return cr_line(r, ln, i, s, n);
	ts = timestamp_len(s, n);
	return put_line(r, ln, s, n, n + 1, ts, seg_colon(r, i + ts, i + n));
}

/* long_line() for a line that does not end in the bits
 * seg_next_bits() gives either (its text 121 bytes or more): the words
 * after those, one by one. */
__attribute__((noinline))
static int very_long_line(struct logread *r, struct logline *ln, size_t i,
                          const char *s, size_t ts, uint64_t c)
{
	size_t j = i + ts, n = seg_stop_after(r, j) - i, k;

	if (s[n] != '\n')
		return cr_line(r, ln, i, s, n);
	k = ts + (c ? low_bit(c) : seg_colon_after(r, j, n - ts));
	return put_line(r, ln, s, n, n + 1, ts, k < n ? s + k : NULL);
}

/* logread_next() and stamped() for a line from segment offset i whose
 * text s[ts..) does not end in the bits seg_bits() gives from it (57
 * bytes or more); c: its colon bits there. Most such lines end in the
 * next 64 bits: no loop and no stack frame for them. Inlined into one
 * function per ts, a constant there. */
__attribute__((always_inline))
static inline int long_text(struct logread *r, struct logline *ln, size_t i,
                            const char *s, size_t ts, uint64_t c)
{
	/* b: s[b] is the byte of those bits' bit 0; (j + 64) / 8 is
	 * seg_next_bits()'s load too */
	size_t j = i + ts, b = ts + ((j + 64) & ~(size_t)7) - j, n, k;
	uint64_t m = seg_next_bits(r->stop, j);

	if (!m)
		return very_long_line(r, ln, i, s, ts, c);
	n = b + low_bit(m);
	if (s[n] != '\n')
		return cr_line(r, ln, i, s, n);
	if (c) {
		k = ts + low_bit(c);
	} else {
		/* the same 64 bits: past s[n] they are dropped by k < n */
		c = seg_next_bits(r->colon, j);
		k = c ? b + low_bit(c) : n;
	}
	return put_line(r, ln, s, n, n + 1, ts, k < n ? s + k : NULL);
}

__attribute__((noinline))
static int long_line(struct logread *r, struct logline *ln, size_t i,
                     const char *s, uint64_t c)
{
	return long_text(r, ln, i, s, 0, c);
}

/* long_line() for a line with the usual stamp. */
__attribute__((noinline))
static int long_stamped(struct logread *r, struct logline *ln, size_t i,
                        const char *s, uint64_t c)
{
	return long_text(r, ln, i, s, 29, c);
}

/* logread_next() for a line from segment offset i that may start with a
 * runner timestamp (s[4] is '-'). The usual stamp (29 bytes, all in the
 * segment) is tested first: its line holds no stop byte in it, so the
 * line's end and ':' are searched past it (the stamp has two ':'). */
__attribute__((noinline))
static int stamped(struct logread *r, struct logline *ln, size_t i,
                   const char *s)
{
	size_t j = i + 29, n, k;
	uint64_t m, c;

	if (j + 3 > r->seg_len || !usual_timestamp(s))
		return odd_stamp(r, ln, i, s);
	m = seg_bits(r->stop, j);
	c = seg_bits(r->colon, j);
	if (!m)
		return long_stamped(r, ln, i, s, c);
	n = 29 + low_bit(m);
	if (s[n] != '\n')
		return cr_line(r, ln, i, s, n);
	k = 29 + low_bit(c | m);  /* as in logread_next() */
	return put_line(r, ln, s, n, n + 1, 29, k < n ? s + k : NULL);
}

/*
 * The usual line, under 57 bytes and without an ESC or a timestamp, is
 * taken here with a few bit operations and no call (the helpers are tail
 * calls). A line starting in the segment ends in it, and its 5th byte is
 * in the window (see seg_build).
 */
int logread_next(struct logread *r, struct logline *ln)
{
	size_t i = (size_t)(r->pos - r->seg_p), n, k;
	const char *s = r->pos;
	uint64_t m, c;

	if (i >= r->seg_len)
		return slow_line(r, ln);
	if (s[4] == '-')
		return stamped(r, ln, i, s);
	m = seg_bits(r->stop, i);
	c = seg_bits(r->colon, i);
	if (!m)
		return long_line(r, ln, i, s, c);
	n = low_bit(m);
	if (s[n] != '\n')
		return cr_line(r, ln, i, s, n);
	k = low_bit(c | m);  /* the first ':', else the line's end */
	return put_line(r, ln, s, n, n + 1, 0, k < n ? s + k : NULL);
}
