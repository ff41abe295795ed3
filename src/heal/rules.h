/* rules.h - the interface between the extractor and its rules, plus scanning helpers. */
#ifndef SHIP_HEAL_RULES_H
#define SHIP_HEAL_RULES_H

#include <stddef.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "copy.h"
#include "extract.h"

/*
 * A rule looks at one cleaned line and, when it recognises it, fills a
 * `struct hit`. All pointers in a hit point into the line (or into the
 * rule state) and are copied by the extractor right away.
 */
enum hit_kind {
	HIT_NONE = 0,
	HIT_ENTRY,    /* the line starts a new entry */
	HIT_LOCATE,   /* the line gives the location of the open entry */
	HIT_CONT,     /* the line continues the open entry */
	HIT_CLOSE,    /* the line ends the open entry and is no entry itself */
	HIT_CONTEXT,  /* the line was remembered by the rule; nothing else */
	HIT_SUBLOC    /* a location under an already located entry: it locates
	                 the sub-diagnostic header just above, if any (rustc's
	                 "note: ..." then "  --> f:L:C"), else continues */
};

/* Where an entry's message comes from when its own line has none
 * (hit.msg_next, hx_state.msg_next). */
enum msg_next {
	MSG_HERE = 0,    /* on the entry's line: nothing to wait for */
	MSG_NEXT,        /* the next continuation line */
	MSG_AFTER_CODE,  /* the next continuation line that is no code frame */
	MSG_HEADER,      /* that line, after a severity word and ':' (gfortran's
	                    "FILE:L:C:" header); another line there: no entry */
	MSG_CARET        /* the caret line under a source excerpt (heal_caret);
	                    another line there: no entry */
};

enum cont_mode {
	CONT_INDENT = 0, /* indented lines continue the entry */
	CONT_BLOCK,      /* any non-blank line continues it, up to a blank */
	CONT_NONE,       /* the entry is one line */
	CONT_TRACE       /* like CONT_BLOCK, across blank lines (stack traces);
	                    ended by another rule's hit or the cap */
};

struct hit {
	enum hit_kind kind;
	enum heal_sev sev;     /* beside kind: 112 bytes, 7 stores to clear */
	const char *file; size_t file_len;
	long line, col, end_line;
	const char *code; size_t code_len;
	const char *msg; size_t msg_len;
	int msg_next;          /* where the message is still to come: MSG_ */
	int need_loc;          /* drop the entry unless a later line locates it
	                          and its message (msg_next) came */
	enum cont_mode cont;
	const char *rule, *tool;
};

#define HX_CTX_LINES 8

/* State shared by the rules: what they remember between lines. Owned by
 * the extractor, reset at each step. */
struct hx_state {
	int open;                  /* an entry is open */
	int open_has_file;
	const char *open_tool;     /* tool of the open entry (static) */
	char header[HEAL_MAX_FILE];/* stylish formatters: the file header */
	size_t header_len;
	char suite[HEAL_MAX_FILE];  /* jest: the failing suite's file */
	size_t suite_len;
	char tb_file[HEAL_MAX_FILE];/* python traceback: innermost frame */
	size_t tb_file_len;
	long tb_line;
	int in_traceback;
	char ctx[HX_CTX_LINES][HEAL_MAX_CONT_LEN]; /* pending context lines */
	size_t ctx_len[HX_CTX_LINES];
	int nctx;                  /* adopted by the next entry as cont */
	char sfile[256];           /* shellcheck: "In FILE line N:" */
	size_t sfile_len;
	long sline;
	char dfile[256];           /* docker: last "Dockerfile:N" seen */
	size_t dfile_len;
	long dline;
	size_t dfile_at;           /* log line where it was seen */
	char xfile[256];           /* caret reports: the indented file line */
	size_t xfile_len;
	char xsrc[256];            /* the "L12 |" excerpt of the open entry */
	size_t xsrc_len;
	size_t xoff;               /* where the excerpt starts in its line */
	size_t lineno;
	/* features of the current line, set before the rules run */
	const char *colon;         /* first ':' not of a "C:\\" drive; or NULL */
	int ci;                    /* first non-blank byte */
	int msg_next;              /* the open entry's message is still to come
	                              (its hit's msg_next) */
};

typedef int (*rule_fn)(struct hx_state *st, const char *p, size_t n,
                       struct hit *h);

/* Which lines a rule is tried on (checked before calling it, so that a
 * line costs only the rules that could match it). */
#define RF_COLON    1u  /* only lines with a ':' */
#define RF_NOCOLON  2u  /* only lines without one */
#define RF_INDENTED 4u  /* only lines starting with a blank */
#define RF_TB       8u  /* only inside a Python traceback */
#define RF_COL0    16u  /* only lines starting in column 0 (not blank) */
#define RF_TAB     32u  /* only lines starting with a tab */
#define RF_NOCDIGIT 64u /* only lines whose first ':' has no digit after it */

struct rule {
	const char *name;
	const char *tool;   /* default tool when the rule sets none */
	rule_fn match;
	const char *first;  /* the line's first non-blank byte is one of
	                       these; NULL = any. Rules that need column 0
	                       check it themselves. */
	unsigned flags;     /* RF_ */
};

/* The line features a rule's RF_ flags test, as an index of by_key. */
#define RK_COLON    1u  /* the line has a ':' */
#define RK_INDENTED 2u  /* it starts with a blank */
#define RK_TB       4u  /* a Python traceback is open */
#define RK_TAB      8u  /* it starts with a tab (with RK_INDENTED) */
#define RK_CDIGIT  16u  /* a digit follows its first ':' (with RK_COLON) */
#define RK_N       32u

struct rule_table {
	const struct rule *v; /* all rules in the order they are tried */
	size_t n;             /* <= 64 */
	/* by_key[k][c], bit i: rule i may match a line with features k
	 * (RK_) whose first non-blank byte is c; flags are folded in, so
	 * a line is offered exactly to these rules, in bit order. */
	unsigned long long by_key[RK_N][256];
	/* fn[i] == v[i].match: the extractor calls through this array at a
	 * fixed address, with no pointer to v kept in a register */
	rule_fn fn[64];
};

/* The rule table (rules_table.c): lines of a multi-line diagnostic,
 * tool-specific lines, then the generic location formats; first match
 * wins. */
extern struct rule_table rules_all;
/* Builds the by_key index and fn; idempotent. */
void rules_init(void);

#define RULE_FN(name) \
	int name(struct hx_state *st, const char *p, size_t n, struct hit *h)

/* rules_generic.c */
RULE_FN(r_location); RULE_FN(r_colon); RULE_FN(r_paren); RULE_FN(r_bracket); RULE_FN(r_sev_file);
RULE_FN(r_sev_line); RULE_FN(r_stylish_header); RULE_FN(r_stylish_row);
RULE_FN(r_compact); RULE_FN(r_at_line);
/* rules_rust.c */
RULE_FN(r_rust_header); RULE_FN(r_rust_arrow); RULE_FN(r_rust_panic);
RULE_FN(r_rust_skip); RULE_FN(r_code_header);
/* rules_c.c */
RULE_FN(r_make); RULE_FN(r_ld); RULE_FN(r_cmake);
/* rules_js.c */
RULE_FN(r_npm); RULE_FN(r_yarn); RULE_FN(r_pnpm); RULE_FN(r_jest);
/* rules_python.c */
RULE_FN(r_traceback); RULE_FN(r_pytest); RULE_FN(r_pytest_e);
RULE_FN(r_black); RULE_FN(r_pyyaml_loc);
/* rules_go.c */
RULE_FN(r_go_panic); RULE_FN(r_go_frame); RULE_FN(r_go_skip);
RULE_FN(r_go_vet); RULE_FN(r_logfmt);
/* rules_infra.c */
RULE_FN(r_docker); RULE_FN(r_dockerfile_loc); RULE_FN(r_helm);
RULE_FN(r_kubectl); RULE_FN(r_yaml); RULE_FN(r_gh_workflow);
RULE_FN(r_gh_permission); RULE_FN(r_colon_keywords); RULE_FN(r_terraform);
/* rules_lint.c */
RULE_FN(r_shellcheck_at); RULE_FN(r_shellcheck); RULE_FN(r_keyval);
RULE_FN(r_excerpt_file); RULE_FN(r_excerpt_line);
/* The caret line under an excerpt entry (r_excerpt_line, MSG_CARET):
 * its column and message; 0 when p[0..n) is no caret line. */
int heal_caret(const struct hx_state *st, const char *p, size_t n,
               long *col, const char **msg, size_t *len);

/* Resets a hit between rules (a memset of the struct became a
 * "rep stos" per rule tried, which showed in profiles). */
static inline void hit_clear(struct hit *h)
{
#ifdef __SSE2__
	/* 16-byte stores (the last may overlap); all-zero bytes are NULL,
	 * 0, HIT_NONE, HEAL_SEV_UNKNOWN and CONT_INDENT */
	__m128i z;
	char *b = (char *)h;

	/* zero the compiler cannot see, or it turns the stores back into a
	 * memset ("rep stos"); volatile, so that it is made again after each
	 * rule's call rather than kept on the stack across it */
	__asm__ volatile("pxor %0, %0" : "=x"(z));

	_Static_assert(sizeof(*h) > 96 && sizeof(*h) <= 128, "hit_clear: size");
	_mm_storeu_si128((__m128i *)(void *)b, z);
	_mm_storeu_si128((__m128i *)(void *)(b + 16), z);
	_mm_storeu_si128((__m128i *)(void *)(b + 32), z);
	_mm_storeu_si128((__m128i *)(void *)(b + 48), z);
	_mm_storeu_si128((__m128i *)(void *)(b + 64), z);
	_mm_storeu_si128((__m128i *)(void *)(b + 80), z);
	if (sizeof(*h) > 112)
		_mm_storeu_si128((__m128i *)(void *)(b + 96), z);
	_mm_storeu_si128((__m128i *)(void *)(b + sizeof(*h) - 16), z);
#else
	h->kind = HIT_NONE;
	h->file = h->code = h->msg = h->rule = h->tool = NULL;
	h->file_len = h->code_len = h->msg_len = 0;
	h->line = h->col = h->end_line = 0;
	h->sev = HEAL_SEV_UNKNOWN;
	h->msg_next = h->need_loc = 0;
	h->cont = CONT_INDENT;
#endif
}

/* ---- scanning helpers over [p, e) ---- */

struct sc {
	const char *p, *e;
};

/* A copy of *s read as two 8-byte loads: a plain struct copy became one
 * 16-byte load of two pointers just stored separately, which stalls on
 * store forwarding (seen in profiles of the location parsers). */
static inline struct sc sc_copy(const struct sc *s)
{
	struct sc t;
	const char *q;

	__asm__("" : "=r"(q) : "0"(s->p));
	t.p = q;
	t.e = s->e;
	return t;
}
static inline int sc_more(const struct sc *s) { return s->p < s->e; }
static inline int sc_peek(const struct sc *s) { return s->p < s->e ? (unsigned char)*s->p : -1; }
static inline int is_digit(int c) { return (unsigned)(c - '0') <= 9; }
static inline int is_space(int c) { return c == ' ' || c == '\t'; }
static inline int is_upper(int c) { return (unsigned)(c - 'A') <= 25; }
static inline int is_lower(int c) { return (unsigned)(c - 'a') <= 25; }
static inline int is_alpha(int c) { return is_upper(c) || is_lower(c); }
static inline int is_alnum(int c) { return is_alpha(c) || is_digit(c); }

static inline size_t sc_ws(struct sc *s)
{
	const char *b = s->p;

	while (s->p < s->e && is_space((unsigned char)*s->p))
		s->p++;
	return (size_t)(s->p - b);
}

static inline int sc_char(struct sc *s, char c)
{
	if (s->p < s->e && *s->p == c) {
		s->p++;
		return 1;
	}
	return 0;
}

/* a[0..k) == b[0..k) without a libc call (musl's memcmp goes byte by
 * byte): 8-byte words, the last one overlapping; with a literal b the
 * loads of b fold into constants. */
static inline int mem_eq(const char *a, const char *b, size_t k)
{
	unsigned long long x, y;
	unsigned u, v;
	size_t i;

	if (k >= 8) {
		for (i = 0; i + 8 < k; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + k - 8, 8);
		memcpy(&y, b + k - 8, 8);
		return x == y;
	}
	if (k >= 4) {
		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + k - 4, 4);
		memcpy(&v, b + k - 4, 4);
		return u == v;
	}
	for (i = 0; i < k; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* Literal matching. The macros take string literals (their length is
 * known at compile time, no strlen on the hot path); the *n functions
 * take a pointer and a length. */
static inline int sc_litn(struct sc *s, const char *lit, size_t k)
{
	if ((size_t)(s->e - s->p) < k || s->p[0] != lit[0] ||
	    !mem_eq(s->p, lit, k))
		return 0;
	s->p += k;
	return 1;
}
#define sc_lit(s, lit) sc_litn((s), (lit), sizeof(lit) - 1)
static inline int lower_ascii(int c) { return is_upper(c) ? c + 32 : c; }
/* ASCII case-insensitive. Inline: with a literal the loop unrolls. */
static inline int sc_ilitn(struct sc *s, const char *lit, size_t k)
{
	size_t i;

	if ((size_t)(s->e - s->p) < k)
		return 0;
	for (i = 0; i < k; i++)
		if (lower_ascii((unsigned char)s->p[i]) != lower_ascii((unsigned char)lit[i]))
			return 0;
	s->p += k;
	return 1;
}
#define sc_ilit(s, lit) sc_ilitn((s), (lit), sizeof(lit) - 1)
/* The first byte c in p[0..n), or NULL: memchr inline, because lines
 * are short and a libc call (musl's above all) costs more in set-up than
 * in scanning. Reads only inside p[0..n). */
static inline const char *mem_byte(const char *p, size_t n, char c)
{
	size_t i = 0;
#ifdef __SSE2__
	const __m128i v = _mm_set1_epi8(c);

	for (; i + 16 <= n; i += 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(p + i)), v));

		if (m)
			return p + i + __builtin_ctz(m);
	}
	if (n >= 16 && i < n) {
		/* the tail: one more load that ends at p[n - 1], overlapping
		 * bytes already seen */
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			_mm_loadu_si128((const __m128i *)(const void *)(p + n - 16)), v));

		m >>= 16 - (n - i);
		return m ? p + i + __builtin_ctz(m) : NULL;
	}
#endif
	for (; i < n; i++)
		if (p[i] == c)
			return p + i;
	return NULL;
}
#ifdef __SSE2__
/* Bit i set when p[i] is ' ' or '\t', for p[0..16). */
static inline unsigned blank_mask16(const char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(
		_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')),
		_mm_cmpeq_epi8(v, _mm_set1_epi8('\t'))));
}
#endif
/* Number of leading blanks (' ', '\t') of p[0..n); vector compares for
 * the deep indentation of code frames and tracebacks. */
static inline size_t blanks_len(const char *p, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		unsigned m = blank_mask16(p + i) ^ 0xffffu;

		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < n && is_space((unsigned char)p[i]))
		i++;
	return i;
}
/* The index of the first blank (' ' or '\t') in p[0..n), or n. */
static inline size_t first_blank(const char *p, size_t n)
{
	size_t i = 0;
#ifdef __SSE2__
	for (; i + 16 <= n; i += 16) {
		unsigned m = blank_mask16(p + i);

		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
	if (n >= 16 && i < n) {
		/* the tail: the last 16 bytes, the ones already seen shifted out */
		unsigned m = blank_mask16(p + n - 16) >> (16 - (n - i));

		return m ? i + (size_t)__builtin_ctz(m) : n;
	}
#endif
	for (; i < n; i++)
		if (is_space((unsigned char)p[i]))
			return i;
	return n;
}
/* 1 when p[0..n) holds a blank (' ' or '\t'). */
static inline int blank_in(const char *p, size_t n)
{
	return first_blank(p, n) < n;
}
/* Memory search for lit in p[0..n). */
const char *mem_findn(const char *p, size_t n, const char *lit, size_t k);
#define mem_find(p, n, lit) mem_findn((p), (n), (lit), sizeof(lit) - 1)
/* Advances to just after the first occurrence of lit. */
int sc_findn(struct sc *s, const char *lit, size_t k);
#define sc_find(s, lit) sc_findn((s), (lit), sizeof(lit) - 1)
static inline int starts_withn(const char *p, size_t n, const char *lit, size_t k)
{
	return n >= k && p[0] == lit[0] && mem_eq(p, lit, k);
}
#define starts_with(p, n, lit) starts_withn((p), (n), (lit), sizeof(lit) - 1)
/* Parses 1..9 digits into *v (ten or more digits: no match). Inline:
 * every location parser reads two or three numbers. */
static inline int sc_uint(struct sc *s, long *v)
{
	const char *q = s->p;
	unsigned d;
	long x;

	if (q >= s->e || (d = (unsigned char)*q - '0') > 9)
		return 0;
	x = (long)d;
	while (++q < s->e && (d = (unsigned char)*q - '0') <= 9) {
		if (q - s->p >= 9)
			return 0;
		x = x * 10 + (long)d;
	}
	s->p = q;
	*v = x;
	return 1;
}
/* Trims spaces, tabs and a trailing '\r' from both ends of p[0..*n). */
const char *trim(const char *p, size_t *n);

/* A severity word ("error", "warning", "warn", "note", "info", "hint",
 * "suggestion", "fatal error", "fatal", "critical", "high", "medium",
 * "low", "convention", "refactor", "style", "performance", "portability";
 * any case) ending at a word boundary. */
int sc_sevword(struct sc *s, enum heal_sev *sev);
/*
 * A severity as tools print it before a message: "error:", "[error]",
 * "error[E0308]:", "error TS2345:", "Error - ". Sets *sev, and *code when
 * the tool gave one, and skips the following blanks.
 */
int sc_severity(struct sc *s, enum heal_sev *sev, const char **code,
                size_t *clen);
/* The message part after a location: up to three of severity, code and
 * one-letter severity, in any order, then the trimmed rest as h->msg. */
void parse_tail(struct sc *s, struct hit *h);
/* One-letter severity codes (rubocop, pylint): "C:", "W:", "E:", "F:",
 * "R:", "I:" followed by a space. */
int sc_sev_letter(struct sc *s, enum heal_sev *sev);
/* A diagnostic code like E0308, TS2345, CS0618, F401, SA4000, B404[x],
 * DL3008, ERR_PNPM_X; sets code/len. Requires a following ':' or space. */
int sc_code(struct sc *s, const char **code, size_t *len);

/*
 * Location parsers, each from the current position:
 *   loc_colon:   FILE:LINE[:COL][-ENDCOL] followed by ':' ' ' or end
 *                (also "FILE:LINE:COL - " as tsc --pretty prints); with
 *                close != 0 that character must follow ("[F:L:C] msg")
 *   loc_paren:   FILE(LINE[,COL[,ELINE,ECOL]])  followed by ':' or ' '
 *   loc_bracket: FILE[LINE, COL] followed by ':'
 * FILE must look like a path (see path_ok in scan.c). They set file,
 * line, col (and end_line) in h and leave s after the separator.
 */
int loc_colon(struct sc *s, struct hit *h, char close);
/* loc_colon when the caller knows the first ':' at or after s->p (and no
 * "C:\\" drive starts at s->p): the file part is scanned once. */
int loc_colon_at(struct sc *s, struct hit *h, char close, const char *colon);
/* Fills the scanners' tables (rules_init calls it): the extractor's
 * threads only read them. */
void scan_init(void);
/* What r_colon parses, in one call: loc_colon_at from p (loc_colon when
 * colon is NULL), the "- " after a bracketed location, then parse_tail;
 * h has the location and message. The scanner stays in registers. */
int loc_colon_tail(const char *p, const char *e, struct hit *h, char close,
                   const char *colon);
int loc_paren(struct sc *s, struct hit *h);
int loc_bracket(struct sc *s, struct hit *h);
/* 1 when p[0..n) looks like a file path (no spaces, has a '.' or '/'). */
int path_ok(const char *p, size_t n, int strict);

/* Sets h->msg to the trimmed rest [s->p, s->e). */
void hit_rest(struct hit *h, const struct sc *s);

#endif
