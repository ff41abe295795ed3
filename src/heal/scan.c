/* scan.c - small scanning helpers the heal rules are written with. */
#include "rules.h"

#define lower lower_ascii
/* For the parsers the hot callers want inlined (scanner state then stays
 * in registers); the extern functions wrap them. */
#define INLINE static inline __attribute__((always_inline))

const char *mem_findn(const char *p, size_t n, const char *lit, size_t k)
{
	const char *e = p + n;

	if (!k)
		return p;
	while ((size_t)(e - p) >= k) {
		const char *q = mem_byte(p, (size_t)(e - p) - k + 1, lit[0]);

		if (!q)
			return NULL;
		if (mem_eq(q, lit, k))
			return q;
		p = q + 1;
	}
	return NULL;
}

int sc_findn(struct sc *s, const char *lit, size_t k)
{
	const char *q = mem_findn(s->p, (size_t)(s->e - s->p), lit, k);

	if (!q)
		return 0;
	s->p = q + k;
	return 1;
}

INLINE const char *trim_in(const char *p, size_t *n)
{
	while (*n && (is_space((unsigned char)*p) || *p == '\r')) {
		p++;
		(*n)--;
	}
	while (*n && (is_space((unsigned char)p[*n - 1]) || p[*n - 1] == '\r'))
		(*n)--;
	return p;
}

const char *trim(const char *p, size_t *n)
{
	return trim_in(p, n);
}

INLINE void hit_rest_in(struct hit *h, const struct sc *s)
{
	size_t n = (size_t)(s->e - s->p);

	h->msg = trim_in(s->p, &n);
	h->msg_len = n;
}

void hit_rest(struct hit *h, const struct sc *s)
{
	hit_rest_in(h, s);
}

/* lit[0..k) (k <= 8, a string literal) as a little-endian word, and
 * the bits that make its letters match either case. Folded to constants
 * when inlined with a literal. */
static inline __attribute__((always_inline)) unsigned long long
lit_word(const char *lit, size_t k, unsigned long long *fold)
{
	/* Written out, not as a loop: whether GCC unrolled the loop (and
	 * so folded it) depended on the size of the function it was
	 * inlined into; a change elsewhere in loc_colon_tail once left the
	 * loops running, 1.4M more instructions on s20.log. */
#define LB(i) ((i) < k ? (unsigned long long)(unsigned char)lit[(i) < k ? (i) : 0] << (8 * (i)) : 0)
#define LF(i) ((i) < k && is_alpha((unsigned char)lit[(i) < k ? (i) : 0]) ? 0x20ull << (8 * (i)) : 0)
	*fold = LF(0) | LF(1) | LF(2) | LF(3) | LF(4) | LF(5) | LF(6) | LF(7);
	return LB(0) | LB(1) | LB(2) | LB(3) | LB(4) | LB(5) | LB(6) | LB(7);
#undef LB
#undef LF
}

/* Inlined, so that each literal's compare folds. With 8 bytes left a
 * word of any case is one load, one or, one compare: setting bit 5
 * lower-cases exactly the ASCII letters and is applied only where the
 * literal has a letter. */
static inline __attribute__((always_inline)) int
word(struct sc *s, const char *w, size_t k, enum heal_sev v, enum heal_sev *sev)
{
	const char *b = s->p;

	if (k <= 8 && s->e - b >= 8) {
		unsigned long long fold, lit = lit_word(w, k, &fold), x;

		memcpy(&x, b, 8);
		if (((x | fold) & (k == 8 ? ~0ull : (1ull << (8 * k)) - 1)) != lit)
			return 0;
		s->p += k;
	} else if (k > 8 && k <= 16 && s->e - b >= (ptrdiff_t)k) {
		/* "suggestion", "fatal error": two overlapping words (a loop
		 * call to sc_ilitn showed in profiles: messages starting
		 * "should", "cannot") */
		unsigned long long f1, f2, l1 = lit_word(w, 8, &f1),
			l2 = lit_word(w + k - 8, 8, &f2), x1, x2;

		memcpy(&x1, b, 8);
		memcpy(&x2, b + k - 8, 8);
		if ((x1 | f1) != l1 || (x2 | f2) != l2)
			return 0;
		s->p += k;
	} else if (!sc_ilitn(s, w, k)) {
		return 0;
	}
	if (sc_more(s) && is_alnum(sc_peek(s))) {
		s->p = b;
		return 0;
	}
	*sev = v;
	return 1;
}

#define W(lit, v) word(s, lit, sizeof(lit) - 1, v, sev)

INLINE int sevword_in(struct sc *s, enum heal_sev *sev)
{
	switch (lower(sc_peek(s))) {
	case 'e': return W("error", HEAL_SEV_ERROR);
	case 'f': return W("fatal error", HEAL_SEV_ERROR) || W("fatal", HEAL_SEV_ERROR);
	case 'c': return W("critical", HEAL_SEV_ERROR) || W("convention", HEAL_SEV_NOTE);
	case 'h': return W("high", HEAL_SEV_ERROR) || W("hint", HEAL_SEV_NOTE);
	case 'w': return W("warning", HEAL_SEV_WARNING) || W("warn", HEAL_SEV_WARNING);
	case 'm': return W("medium", HEAL_SEV_WARNING);
	case 'n': return W("note", HEAL_SEV_NOTE);
	case 'i': return W("info", HEAL_SEV_NOTE);
	case 's': return W("suggestion", HEAL_SEV_NOTE) || W("style", HEAL_SEV_NOTE);
	/* cppcheck's classes of finding, printed where others print a
	 * severity ("F:L:C: performance: msg [id]") */
	case 'p': return W("performance", HEAL_SEV_WARNING) ||
	                 W("portability", HEAL_SEV_WARNING);
	case 'l': return W("low", HEAL_SEV_NOTE);
	case 'r': return W("refactor", HEAL_SEV_NOTE);
	default: return 0;
	}
}

#undef W

int sc_sevword(struct sc *s, enum heal_sev *sev)
{
	return sevword_in(s, sev);
}

INLINE int sev_letter_in(struct sc *s, enum heal_sev *sev)
{
	int c = sc_peek(s), br = c == '[';

	if (br && s->e - s->p >= 4 && s->p[2] == ']' && s->p[3] == ' ')
		c = (unsigned char)s->p[1];  /* "[W] " (haml-lint, slim-lint) */
	else if (br || s->e - s->p < 3 || s->p[1] != ':' || s->p[2] != ' ')
		return 0;
	switch (c) {
	case 'E': case 'F': *sev = HEAL_SEV_ERROR; break;
	case 'W': *sev = HEAL_SEV_WARNING; break;
	case 'C': case 'R': case 'I': *sev = HEAL_SEV_NOTE; break;
	default: return 0;
	}
	s->p += br ? 4 : 3;
	sc_ws(s);
	return 1;
}

INLINE int code_in(struct sc *s, const char **code, size_t *len)
{
	const char *b = s->p, *q = s->p;
	size_t nl = 0, nd = 0;

	while (q < s->e && (is_upper((unsigned char)*q) || *q == '_') && nl < 8) {
		q++;
		nl++;
	}
	while (q < s->e && is_digit((unsigned char)*q) && nd < 6) {
		q++;
		nd++;
	}
	if (!nl || !nd || (q < s->e && is_alnum((unsigned char)*q)))
		return 0;
	if (q < s->e && *q == '[') {
		const char *c = mem_byte(q, (size_t)(s->e - q) < 34 ? (size_t)(s->e - q) : 34, ']');

		if (!c)
			return 0;
		q = c + 1;
	}
	if (q < s->e && *q != ':' && !is_space((unsigned char)*q))
		return 0;
	*code = b;
	*len = (size_t)(q - b);
	s->p = q;
	sc_char(s, ':');
	sc_ws(s);
	return 1;
}

int sc_sev_letter(struct sc *s, enum heal_sev *sev)
{
	return sev_letter_in(s, sev);
}

int sc_code(struct sc *s, const char **code, size_t *len)
{
	return code_in(s, code, len);
}

/* "F:L[:C] error MD013/line-length Line length" (markdownlint): after a
 * location set off by one blank, not ':', a severity word w and one blank
 * (t is past it) are a field of their own, not message text. Called only
 * right after a location (severity_at's after_loc: w[-2] is in the line),
 * and cold: only messages that start with a severity word and no ':' get
 * here. */
static __attribute__((noinline, cold)) int
blank_field(const char *w, const struct sc *t)
{
	return w[-1] == ' ' && is_digit((unsigned char)w[-2]) && sc_more(t) &&
	       !is_space((unsigned char)*t->p);
}

/* sc_severity, inlined into parse_tail; s is read field by field (see
 * sev_prefix in rules_generic.c: store forwarding). */
static inline __attribute__((always_inline)) int
severity_at(struct sc *s, enum heal_sev *sev, const char **code, size_t *clen,
            int after_loc)
{
	struct sc t;
	int br;
	const char *c;

	t = sc_copy(s);
	br = sc_char(&t, '[');

	if (!sevword_in(&t, sev))
		return 0;
	if (br) {
		if (!sc_char(&t, ']') || !sc_more(&t) ||
		    (!sc_char(&t, ':') && !is_space(sc_peek(&t))))
			return 0;
		goto ok;
	}
	if (sc_char(&t, ':') || sc_lit(&t, " - "))
		goto ok;
	if (sc_char(&t, '[')) {
		/* the code: a ']' within 33 bytes, then ':'; one vector
		 * search rather than a byte loop */
		size_t k = (size_t)(t.e - t.p);

		c = t.p;
		t.p = mem_byte(c, k < 33 ? k : 33, ']');
		if (!t.p || t.p + 1 >= t.e || t.p[1] != ':')
			return 0;
		t.p += 2;
		*code = c;
		*clen = (size_t)(t.p - 2 - c);
		goto ok;
	}
	if (sc_char(&t, ' ') &&
	    (code_in(&t, code, clen) || (after_loc && blank_field(s->p, &t)))) {
		*s = t;
		return 1;
	}
	return 0;
ok:
	sc_ws(&t);
	*s = t;
	return 1;
}

int sc_severity(struct sc *s, enum heal_sev *sev, const char **code,
                size_t *clen)
{
	return severity_at(s, sev, code, clen, 0);
}

/* After a one-letter severity ("C: " of rubocop and the linters built on
 * it): the formatter's status mark, one capitalised word in brackets
 * ("[Correctable] ", "[Corrected] ", "[Todo] "), is no message text, and
 * a "Department/Name: " token (capitalised words joined by '/', the cop
 * that found it: "Style/StringLiterals: ") is the code. Returns where the
 * message starts. Out of line and cold: may_letter_tags lets few lines
 * in. */
static __attribute__((noinline, cold)) const char *
letter_tags(const char *p, const char *e, struct hit *h)
{
	const char *q;
	int seg = 0;

	if (e - p > 3 && p[0] == '[' && is_upper((unsigned char)p[1])) {
		for (q = p + 2; q < e && is_alpha((unsigned char)*q); q++)
			;
		if (e - q >= 2 && q[0] == ']' && q[1] == ' ')
			p = q + 2;
	}
	if (h->code || p >= e || !is_upper((unsigned char)*p))
		return p;
	for (q = p; q < e; q++) {
		if (*q == '/' && q[-1] != '/' && q + 1 < e &&
		    is_upper((unsigned char)q[1]))
			seg++;
		else if (*q == ':' && seg && q[-1] != '/' && q + 1 < e &&
		         q[1] == ' ')
			break;
		else if (!is_alnum((unsigned char)*q))
			return p;
	}
	if (q == e)
		return p;
	h->code = p;
	h->code_len = (size_t)(q - p);
	q += 2;
	while (q < e && is_space((unsigned char)*q))
		q++;
	return q;
}

/* 0 when letter_tags finds nothing for sure: no '[' first and no '/' in
 * the next 16 bytes (one vector compare; most messages after "C: " have
 * none; a department name is shorter than 16 bytes). */
static inline int may_letter_tags(const char *p, const char *e)
{
#ifdef __SSE2__
	if (e - p >= 16)
		return *p == '[' || _mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)p),
			_mm_set1_epi8('/'))) != 0;
#endif
	return p < e;
}

/* 1 when c may start a severity ("[" or a severity word's first
 * letter, any case), a code (upper case, '_') or a one-letter severity
 * (upper case): most messages start with none, and skip all three. */
static inline int may_tag(int c)
{
	const unsigned sev_first = 1u << ('c' - 'a') | 1u << ('e' - 'a') |
		1u << ('f' - 'a') | 1u << ('h' - 'a') | 1u << ('i' - 'a') |
		1u << ('l' - 'a') | 1u << ('m' - 'a') | 1u << ('n' - 'a') |
		1u << ('p' - 'a') | 1u << ('r' - 'a') | 1u << ('s' - 'a') |
		1u << ('w' - 'a');

	return is_upper(c) || c == '_' || c == '[' ||
	       (is_lower(c) && (sev_first >> (c - 'a') & 1));
}

INLINE void parse_tail_in(struct sc *s, struct hit *h, int ws)
{
	struct sc t = sc_copy(s);  /* a local the inlined parsers keep in
	                               registers */
	int i;

	if (ws)
		sc_ws(&t);
	for (i = 0; i < 3 && sc_more(&t) && may_tag((unsigned char)*t.p); i++) {
		/* "C: msg" (rubocop, pylint: most entries of some logs): a ':'
		 * second fails every severity word and code, so only the
		 * one-letter severity is tried; once a severity is set, the
		 * code test below rejects such a byte pair too */
		if (!h->sev) {
			if (t.e - t.p >= 3 && t.p[1] == ':') {
				if (!sev_letter_in(&t, &h->sev))
					break;
				if (may_letter_tags(t.p, t.e))
					t.p = letter_tags(t.p, t.e, h);
				continue;
			}
			/* ws 0: right after loc_colon_tail's location */
			if (severity_at(&t, &h->sev, &h->code, &h->code_len, !ws))
				continue;
		}
		/* a code's second byte is an upper-case letter, '_' or a digit:
		 * a capitalised word ("Line is too long") is no code */
		if (!h->code && (is_upper((unsigned char)*t.p) || *t.p == '_') &&
		    t.e - t.p >= 2 && (is_upper((unsigned char)t.p[1]) ||
		                       is_digit((unsigned char)t.p[1]) || t.p[1] == '_') &&
		    code_in(&t, &h->code, &h->code_len)) {
			sc_lit(&t, "[*] ");  /* ruff: "fixable" mark */
			continue;
		}
		if (!h->sev && sev_letter_in(&t, &h->sev))
			continue;
		break;
	}
	hit_rest_in(h, &t);
	*s = t;
}

void parse_tail(struct sc *s, struct hit *h)
{
	parse_tail_in(s, h, 1);
}

#define PC_LETTER 1u  /* a letter (or UTF-8) */
#define PC_SEP    2u  /* '.', '/' or '\\' */
#define PC_BAD    4u  /* never in a path we accept */
#define PC_BLANK  8u  /* ' ' or '\t' (also PC_BAD) */

/* The PC_ bits of each byte; 0 for other bytes allowed in a path. */
static unsigned char path_bits[256];

static void path_bits_init(void)
{
	static const char bad[] = "\"'<>|*?=`,;()[]{}#";
	int c;

	for (c = 0; c < 256; c++)
		path_bits[c] = c <= ' ' || c == 127 ? PC_BAD :
		               is_alpha(c) || c >= 0x80 ? PC_LETTER :
		               c == '.' || c == '/' || c == '\\' ? PC_SEP : 0;
	for (c = 0; bad[c]; c++)
		path_bits[(unsigned char)bad[c]] = PC_BAD;
	path_bits[' '] = path_bits['\t'] = PC_BAD | PC_BLANK;
}

/* Fills the tables the scanners read, before threads share them. */
void scan_init(void)
{
	if (!path_bits['a'])
		path_bits_init();
}

/* The verdict of path_ok from the byte classes seen in p[0..n). Inline:
 * each location parser calls it once. */
INLINE int path_verdict(const char *p, size_t n, int strict, unsigned f)
{
	if (!n || n >= HEAL_MAX_FILE || p[0] == '-' || (f & PC_BAD) ||
	    !(f & PC_LETTER) || p[n - 1] == '.' || p[n - 1] == '/')
		return 0;
	if (f & PC_SEP)
		return 1;
	/* A bare name: build files (Makefile, Dockerfile, Gemfile) always;
	 * others only when the caller also saw a column, which a prose word
	 * before "N:" rarely has. */
	if (!is_alpha((unsigned char)p[0]))
		return 0;
	if (n >= 6 && lower((unsigned char)p[n - 4]) == 'f' &&
	    lower((unsigned char)p[n - 3]) == 'i' && p[n - 2] == 'l' &&
	    p[n - 1] == 'e')
		return 1;
	return !strict;
}

int path_ok(const char *p, size_t n, int strict)
{
	unsigned f = 0;
	size_t i;

	if (!path_bits['a'])
		path_bits_init();
	for (i = 0; i < n && !(f & PC_BAD); i++)
		f |= path_bits[(unsigned char)p[i]];
	return path_verdict(p, n, strict, f);
}

/* The first `stop`, ' ' or '\t' in p[0..n), or NULL. */
static const char *stop_or_blank(const char *p, size_t n, char stop)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i vs = _mm_set1_epi8(stop), sp = _mm_set1_epi8(' ');
	const __m128i tb = _mm_set1_epi8('\t');

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(
			_mm_cmpeq_epi8(v, vs), _mm_or_si128(_mm_cmpeq_epi8(v, sp),
			                                    _mm_cmpeq_epi8(v, tb))));

		if (m)
			return p + i + __builtin_ctz(m);
	}
#endif
	for (; i < n; i++)
		if (p[i] == stop || is_space((unsigned char)p[i]))
			return p + i;
	return NULL;
}

/* The PC_ bits of the bytes of p[0..n) or-ed together. */
/* The PC_ bits of the bytes of p[0..n) or-ed together, by table. */
INLINE unsigned path_class_table(const unsigned char *u, size_t n)
{
	unsigned a = 0, b = 0, c = 0, d = 0;
	size_t i = 0;

	for (; i + 4 <= n; i += 4) {
		a |= path_bits[u[i]];
		b |= path_bits[u[i + 1]];
		c |= path_bits[u[i + 2]];
		d |= path_bits[u[i + 3]];
	}
	for (; i < n; i++)
		a |= path_bits[u[i]];
	return a | b | c | d;
}

#ifdef __SSE2__
/* Bytes of v in [lo, hi]: shifted so that the range starts at -128, one
 * signed compare (SSE2 has no unsigned one). */
INLINE __m128i in_range(__m128i v, int lo, int hi)
{
	return _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - lo))),
	                      _mm_set1_epi8((char)(-128 + (hi - lo + 1))));
}

/* path_class of p[0..n), n < 16, when 16 bytes may be read at p (the
 * line goes on): one load, the bytes past n masked off. Most file parts
 * ("src/main.rs") are shorter than 16 bytes, and the table costs some
 * ten instructions per four bytes. */
INLINE unsigned path_class_short(const char *p, size_t n)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	unsigned m = (1u << n) - 1;
	unsigned alpha = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 'z'),
		_mm_cmplt_epi8(v, _mm_setzero_si128())));
	unsigned good = alpha | (unsigned)_mm_movemask_epi8(_mm_or_si128(
		in_range(v, '-', '9'), _mm_cmpeq_epi8(v, _mm_set1_epi8('_'))));
	unsigned sep = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
		_mm_cmpeq_epi8(v, _mm_set1_epi8('/'))));

	if ((good & m) != m)
		return path_class_table((const unsigned char *)p, n);
	return (alpha & m ? PC_LETTER : 0) | (sep & m ? PC_SEP : 0);
}

/* path_class of p[0..n), n >= 16: 16 bytes a load, the last load
 * overlapping the one before (or-ing is idempotent). The three
 * verdicts ("usual path byte", letter, separator) are gathered as
 * vectors and turned into PC_ bits once at the end: classifying each
 * block to PC_ bits, with its own check, cost about 30 instructions a
 * block on the long absolute paths of CI logs
 * ("/home/runner/work/x/x/src/a.c"). */
#define K16(x) { (long long)(0x0101010101010101ull * (unsigned char)(x)), \
                 (long long)(0x0101010101010101ull * (unsigned char)(x)) }
static const __m128i path_k[8] = {
	K16(0x20), K16(0x80 - 'a'), K16(-128 + 26),          /* letters */
	K16(0x80 - '-'), K16(-128 + ('9' - '-' + 1)), K16('_'), /* good */
	K16(1), K16('/'),                                    /* '.' '/' */
};
#undef K16

INLINE unsigned path_class_long(const char *p, size_t n)
{
	__m128i alpha = _mm_setzero_si128(), sep = alpha;
	__m128i good = _mm_cmpeq_epi8(alpha, alpha);
	size_t i = 0;

	for (;;) {
		/* the constants are read from memory in the loop, as operands
		 * of the instructions that use them: hoisted into registers,
		 * their loads cost 12 instructions a call (the loop runs 2-3
		 * times) and the loop nothing less */
		const __m128i *k = path_k;
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		__m128i a;

		__asm__("" : "+r"(k), "+x"(v));
		a = _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(
			_mm_or_si128(v, k[0]), k[1]), k[2]),
			_mm_cmplt_epi8(v, _mm_setzero_si128()));
		alpha = _mm_or_si128(alpha, a);
		good = _mm_and_si128(good, _mm_or_si128(_mm_or_si128(a,
			_mm_cmplt_epi8(_mm_add_epi8(v, k[3]), k[4])),
			_mm_cmpeq_epi8(v, k[5])));
		/* '.' and '/' differ in bit 0 only */
		sep = _mm_or_si128(sep, _mm_cmpeq_epi8(_mm_or_si128(v, k[6]), k[7]));
		if (i + 16 >= n)
			break;
		i = i + 32 <= n ? i + 16 : n - 16;
	}
	if (_mm_movemask_epi8(good) != 0xffff)
		return path_class_table((const unsigned char *)p, n);
	return (_mm_movemask_epi8(alpha) ? PC_LETTER : 0) |
	       (_mm_movemask_epi8(sep) ? PC_SEP : 0);
}
#endif

/* The PC_ bits of the bytes of p[0..n) or-ed together. */
INLINE unsigned path_class(const char *p, size_t n)
{
#ifdef __SSE2__
	if (n >= 16)
		return path_class_long(p, n);
#endif
	return path_class_table((const unsigned char *)p, n);
}

/* path_class of p[0..n) where the bytes up to e may be read. */
INLINE unsigned path_class_in(const char *p, size_t n, const char *e)
{
#ifdef __SSE2__
	if (n < 16 && e - p >= 16)
		return path_class_short(p, n);
#endif
	return path_class(p, n);
}

/* The file part: up to `stop`, with a Windows drive "C:\" allowed; no
 * blanks. Also collects the byte classes for path_verdict, so the file
 * is scanned once: one vector pass for the end, one table pass for the
 * classes. */
static const char *file_end(const struct sc *s, char stop, unsigned *cls)
{
	const char *q = s->p;
	unsigned f = 0;

	if (!path_bits['a'])
		path_bits_init();
	if (s->e - q > 3 && is_alpha((unsigned char)q[0]) && q[1] == ':' &&
	    (q[2] == '\\' || q[2] == '/')) {
		f = PC_LETTER;
		q += 2;
	}
	q = stop_or_blank(q, (size_t)(s->e - q), stop);
	if (!q || *q != stop)
		return NULL;
	*cls = f | path_class_in(s->p + (f ? 2 : 0),
	                         (size_t)(q - s->p) - (f ? 2 : 0), s->e);
	return q;
}

/* A location parser matched: the file runs from s->p to fe, the scanner
 * moves on to t. Returns 1 (matched) for the caller to pass on. */
static inline int loc_found(struct sc *s, const struct sc *t, struct hit *h,
			    const char *fe, long line, long col, long end_line)
{
	h->file = s->p;
	h->file_len = (size_t)(fe - s->p);
	h->line = line;
	h->col = col;
	h->end_line = end_line; /* 0 when absent, as the cleared hit has it */
	*s = *t;
	return 1;
}

/* The file part [s->p, colon) when colon is the first ':' at or after
 * s->p: a blank before it means no file, as in file_end; one pass. */
INLINE const char *file_end_at(const struct sc *s, const char *colon,
                               unsigned *cls)
{
	if (!path_bits['a'])
		path_bits_init();
	*cls = path_class_in(s->p, (size_t)(colon - s->p), s->e);
	return *cls & PC_BLANK ? NULL : colon;
}

/* sc_uint (1..9 digits; ten or more: no match) with the first three
 * digits written out: line and column numbers have 1 to 3 digits, and
 * the loop's per-digit length test cost about 3 instructions a digit. */
INLINE int uint_in(struct sc *s, long *v)
{
	const char *q = s->p, *e = s->e;
	unsigned d;
	long x;

	if (q >= e || (d = (unsigned char)*q - '0') > 9)
		return 0;
	x = (long)d;
	if (++q < e && (d = (unsigned char)*q - '0') <= 9) {
		x = x * 10 + (long)d;
		if (++q < e && (d = (unsigned char)*q - '0') <= 9) {
			x = x * 10 + (long)d;
			while (++q < e && (d = (unsigned char)*q - '0') <= 9) {
				if (q - s->p >= 9)
					return 0;
				x = x * 10 + (long)d;
			}
		}
	}
	s->p = q;
	*v = x;
	return 1;
}

/* loc_colon after the file part [s->p, fe) with byte classes cls. */
static inline __attribute__((always_inline)) int
colon_rest(struct sc *s, struct hit *h, char close, const char *fe,
           unsigned cls)
{
	struct sc t;
	long line = 0, col = 0, ecol;
	int sep_space;

	if (!fe)
		return 0;
	t.p = fe + 1;
	t.e = s->e;
	if (!uint_in(&t, &line))
		return 0;
	if (sc_char(&t, ':') && !uint_in(&t, &col))
		t.p--;  /* "FILE:LINE:" then the message */
	if (col && sc_char(&t, '-') && !uint_in(&t, &ecol))
		t.p--;
	if (close && !sc_char(&t, close))
		return 0;
	sep_space = sc_more(&t) && (*t.p == ' ' || *t.p == '\t');
	if (sc_more(&t) && *t.p != ':' && !sep_space)
		return 0;
	if (!path_verdict(s->p, (size_t)(fe - s->p), !col || sep_space, cls))
		return 0;
	if (!sc_char(&t, ':'))
		sc_lit(&t, " -");
	sc_ws(&t);
	return loc_found(s, &t, h, fe, line, col, 0);
}

int loc_colon(struct sc *s, struct hit *h, char close)
{
	struct sc t = sc_copy(s);
	unsigned cls = 0;
	const char *fe = file_end(&t, ':', &cls);

	return colon_rest(s, h, close, fe, cls);
}

int loc_colon_at(struct sc *s, struct hit *h, char close, const char *colon)
{
	unsigned cls = 0;
	const char *fe = file_end_at(s, colon, &cls);

	return colon_rest(s, h, close, fe, cls);
}

int loc_colon_tail(const char *p, const char *e, struct hit *h, char close,
                   const char *colon)
{
	struct sc s = { p, e };
	unsigned cls = 0;
	const char *fe = colon ? file_end_at(&s, colon, &cls) :
	                         file_end(&s, ':', &cls);

	if (!colon_rest(&s, h, close, fe, cls))
		return 0;
	/* colon_rest ended on a non-blank: blanks are skipped again only
	 * after a "- " */
	if (close && sc_lit(&s, "- "))
		sc_ws(&s);
	parse_tail_in(&s, h, 0);
	/* "F:L:C:   required from here": gcc's context of the diagnostic
	 * that follows (template instantiation, constexpr expansion) is
	 * indented three blanks past the location and has no severity; a
	 * diagnostic has one blank, then its severity. Not an entry. */
	if (__builtin_expect(!h->sev, 0) && !h->code && h->msg_len &&
	    h->msg[-1] == ' ' &&
	    h->msg[-2] == ' ' && h->msg[-3] == ' ' && h->msg[-4] == ':')
		return 0;
	return 1;
}

int loc_paren(struct sc *s, struct hit *h)
{
	struct sc t = sc_copy(s);
	unsigned cls = 0;
	const char *fe = file_end(&t, '(', &cls);
	long line, col = 0, el = 0, ec;

	if (!fe || !path_verdict(s->p, (size_t)(fe - s->p), 1, cls))
		return 0;
	t.p = fe + 1;
	if (!sc_uint(&t, &line))
		return 0;
	if (sc_char(&t, ',')) {
		sc_ws(&t);
		if (!sc_uint(&t, &col))
			return 0;
		if (sc_char(&t, ',') && (!sc_uint(&t, &el) || !sc_char(&t, ',') ||
		                         !sc_uint(&t, &ec)))
			return 0;
	}
	if (!sc_char(&t, ')'))
		return 0;
	if (!sc_char(&t, ':') && !(sc_more(&t) && is_space(sc_peek(&t))))
		return 0;
	sc_ws(&t);
	return loc_found(s, &t, h, fe, line, col, el);
}

int loc_bracket(struct sc *s, struct hit *h)
{
	struct sc t = sc_copy(s);
	unsigned cls = 0;
	const char *fe = file_end(&t, '[', &cls);
	long line, col;

	if (!fe || !path_verdict(s->p, (size_t)(fe - s->p), 1, cls))
		return 0;
	t.p = fe + 1;
	if (!sc_uint(&t, &line) || !sc_char(&t, ','))
		return 0;
	sc_ws(&t);
	if (!sc_uint(&t, &col) || !sc_char(&t, ']') || !sc_char(&t, ':'))
		return 0;
	sc_ws(&t);
	return loc_found(s, &t, h, fe, line, col, 0);
}
