/* rules_generic.c - location formats shared by many tools (FILE:L:C, FILE(L,C), stylish). */
#include "rules.h"

/* e[0..k) == lit (a string literal). */
#define EXT_IS(lit) (k == sizeof(lit) - 1 && mem_eq(e, lit, k))

/* The tool family of a file extension e[0..k) (first byte a lower-case
 * letter), switched on that byte so a lookup is a few compares. */
static const char *ext_family(const char *e, size_t k)
{
	switch (e[0]) {
	case 'c':
		return EXT_IS("c") || EXT_IS("cc") || EXT_IS("cpp") ||
		       EXT_IS("cxx") ? "cc" : EXT_IS("cjs") ? "js" :
		       EXT_IS("css") ? "css" : EXT_IS("cs") ? "dotnet" : NULL;
	case 'h':
		return EXT_IS("h") || EXT_IS("hpp") || EXT_IS("hh") ? "cc" : NULL;
	case 'f':
		return EXT_IS("f90") || EXT_IS("f95") || EXT_IS("f03") ||
		       EXT_IS("f08") || EXT_IS("f") || EXT_IS("for") ? "fortran" : NULL;
	case 'g': return EXT_IS("go") ? "go" : NULL;
	case 'j':
		return EXT_IS("js") || EXT_IS("jsx") ? "js" :
		       EXT_IS("java") ? "java" : NULL;
	case 'k': return EXT_IS("kt") ? "kotlin" : NULL;
	case 'm':
		return EXT_IS("mts") ? "tsc" : EXT_IS("mjs") ? "js" : NULL;
	case 'p':
		return EXT_IS("py") || EXT_IS("pyi") ? "python" :
		       EXT_IS("proto") ? "protobuf" : NULL;
	case 'r':
		return EXT_IS("rs") ? "rustc" : EXT_IS("rb") ? "ruby" : NULL;
	case 's':
		return EXT_IS("scss") ? "css" : EXT_IS("sh") ? "shell" : NULL;
	case 't':
		return EXT_IS("ts") || EXT_IS("tsx") ? "tsc" :
		       EXT_IS("tf") ? "terraform" : NULL;
	case 'v': return EXT_IS("vue") ? "js" : NULL;
	case 'y': return EXT_IS("yml") || EXT_IS("yaml") ? "yaml" : NULL;
	default: return NULL;
	}
}

#undef EXT_IS

/* A tool family guessed from the file extension, for entries that a
 * generic format produced: what follows the last '.' of the name's last
 * 7 bytes, with no '/' after it. One bound and one test a byte ('.' and
 * '/' differ in bit 0 only), not four: this loop was the costliest part
 * of finishing an entry. */
static const char *ext_tool(const char *f, size_t n)
{
	const char *dot = f + n, *stop = n > 6 ? f + n - 6 : f, *t;

	if (n > 6) {
		/* written out: a loop cost 7 instructions a byte, and most
		 * extensions are 1 to 3 bytes */
#define SEP(i) ((f[n - (i)] | 1) == '/')
		dot = SEP(1) ? f + n : SEP(2) ? f + n - 1 : SEP(3) ? f + n - 2 :
		      SEP(4) ? f + n - 3 : SEP(5) ? f + n - 4 :
		      SEP(6) ? f + n - 5 : stop;
#undef SEP
	} else {
		while (dot > stop && (dot[-1] | 1) != '/')
			dot--;
	}
	if (dot == f || dot[-1] != '.' || !is_lower((unsigned char)dot[0]))
		return "generic";
	t = ext_family(dot, (size_t)(f + n - dot));
	return t ? t : "generic";
}

/* 1 for a traceback frame's "FILE:LINE: in NAME" (pytest's short
 * frames above the failing line, whose own line ends in the exception
 * type instead): a line, no column, and the message is "in" and one
 * blank-free name ("in load", "in <module>"). Out of line: only
 * messages that start with 'i' get here. */
static __attribute__((noinline)) int frame_msg(const struct hit *h)
{
	size_t i;

	if (!h->line || h->col || h->msg_len < 4 || h->msg[1] != 'n' ||
	    h->msg[2] != ' ')
		return 0;
	for (i = 3; i < h->msg_len; i++)
		if (h->msg[i] == ' ' || h->msg[i] == '\t')
			return 0;
	return 1;
}

/* The message must say something: a letter somewhere, and not a stack
 * frame (Go's "+0x1d", a pytest frame's "in NAME"). */
static inline __attribute__((always_inline)) int msg_ok(const struct hit *h)
{
	size_t i;

	if (h->msg_len >= 3) {
		if (h->msg[0] == '+' && h->msg[1] == '0' && h->msg[2] == 'x')
			return 0;
		if (h->msg[0] == 'i' && frame_msg(h))
			return 0;
	}
	for (i = 0; i < h->msg_len; i++)
		if (is_alpha((unsigned char)h->msg[i]))
			return 1;
	return 0;
}

#define INLINE static inline __attribute__((always_inline))

/* finish, inlined into r_location's colon parser (most entries); the
 * other parsers call the function. */
INLINE int finish_in(struct hit *h, enum cont_mode cont)
{
	/* "FILE:L:C: error:" with the message on the indented lines below
	 * (ghc), or a message that ends in ':' (pydocstyle's "at module
	 * level:"): the first continuation line becomes the message. */
	if (!h->msg_len && h->sev) {
		h->msg = heal_sev_name(h->sev);
		h->msg_len = strlen(h->msg);
		h->msg_next = MSG_NEXT;
	} else if (h->msg_len && h->msg[h->msg_len - 1] == ':') {
		h->msg_next = MSG_NEXT;
	}
	if (!msg_ok(h))
		return 0;
	h->kind = HIT_ENTRY;
	h->cont = cont;
	h->tool = ext_tool(h->file, h->file_len);
	return 1;
}

static int finish(struct hit *h, enum cont_mode cont)
{
	return finish_in(h, cont);
}

/* 1 when the line may start with a severity word (or "[word]"). */
static int sev_start(const struct hx_state *st)
{
	switch (st->ci | 0x20) {  /* ASCII lower case; '[' | 0x20 is '{' */
	case 'c': case 'e': case 'f': case 'h': case 'i': case 'l': case 'm':
	case 'n': case 'r': case 's': case 'w':
		return is_alpha(st->ci);
	case '{':
		return st->ci == '[';
	default:
		return 0;
	}
}

/* Bit c - 'a' of sev_first_by_len[k]: some severity word of k bytes
 * starts with letter c, either case ("low" 3; "high", "hint", "warn",
 * "note", "info" 4; "error", "fatal", "style" 5; "medium" 6; "warning" 7;
 * "critical", "refactor" 8; "convention", "suggestion" 10; "fatal error",
 * "performance", "portability" 11). */
#define SL(c) (1u << ((c) - 'a'))
static const unsigned sev_first_by_len[12] = {
	[3] = SL('l'), [4] = SL('h') | SL('w') | SL('n') | SL('i'),
	[5] = SL('e') | SL('f') | SL('s'), [6] = SL('m'), [7] = SL('w'),
	[8] = SL('c') | SL('r'), [10] = SL('c') | SL('s'),
	[11] = SL('f') | SL('p'),
};
#undef SL

/* 0 when [b, colon) cannot be a severity word: an unbracketed word
 * before a ':' ends at the line's first ':' (no word holds one), so its
 * length and first letter decide most lines ("src/main.rs:" has 11
 * bytes, like "fatal error") without a call to sc_sevword. */
static inline int sev_len_ok(const char *b, const char *colon)
{
	size_t k = (size_t)(colon - b);
	unsigned c;

	if (__builtin_expect(k > 11, 1))
		return 0;  /* most lines, before any load */
	c = ((unsigned char)*b | 0x20) - 'a';
	return c <= 25 && (sev_first_by_len[k] >> c & 1);
}

/* "error: " / "[error] " / "ERROR: " before a location (black, sbt,
 * isort, tslint's "ERROR: file[1, 2]: msg"). */
static inline __attribute__((always_inline)) void
sev_prefix(const struct hx_state *st, struct sc *s, struct hit *h)
{
	/* s is read field by field, not copied whole: a 16-byte load of
	 * the two pointers just stored stalled on store forwarding */
	const char *b = s->p;
	int br = b < s->e && *b == '[';
	struct sc t;

	/* Unbracketed, the word ends at the line's first ':', at most
	 * strlen("fatal error") bytes on: most lines are rejected here. */
	if (!br && (!st->colon || st->colon < b || !sev_len_ok(b, st->colon)))
		return;
	t = sc_copy(s);
	t.p += br;

	if (!sc_sevword(&t, &h->sev))
		return;
	if ((br && !sc_char(&t, ']')) || (!br && !sc_char(&t, ':'))) {
		h->sev = HEAL_SEV_UNKNOWN;
		return;
	}
	sc_ws(&t);
	*s = t;
}

/* An indented line that is only "FILE:L:C": tsc --pretty prints a
 * diagnostic's related information ("'x' is declared here.") so, with
 * a code frame below it and the message after that. The message is the
 * first continuation line that is not code (MSG_AFTER_CODE); an entry whose
 * message never came is dropped (need_loc). Not with a ':' after the
 * column (esbuild, go test: the location of the text above or below).
 * At column 0 it is "FILE:L:C:", with the ':' (gfortran's header, see
 * below). Out of line: reached only when a location parsed but its
 * message said nothing. */
static __attribute__((noinline, cold)) int bare_loc(const char *p, size_t n,
                                                    struct hit *h)
{
	int header = !is_space((unsigned char)p[0]);

	if (h->msg_len || h->sev || h->code || !h->col)
		return 0;
	while (n && is_space((unsigned char)p[n - 1]))
		n--;
	/* At column 0 the line is "FILE:L:C:" (gfortran): a blank line and
	 * a code frame follow, then the message ("Error: msg"), which may
	 * carry the severity (MSG_HEADER). So blank lines do not end the
	 * entry (CONT_TRACE) until its message came. */
	if (header && n > 1 && p[n - 1] == ':' && is_digit((unsigned char)p[n - 2])) {
		h->msg_next = MSG_HEADER;
		h->cont = CONT_TRACE;
	} else if (!header && n && is_digit((unsigned char)p[n - 1])) {
		h->msg_next = MSG_AFTER_CODE;
		h->cont = CONT_INDENT;
	} else {
		return 0;
	}
	h->need_loc = 1;
	h->kind = HIT_ENTRY;
	h->tool = ext_tool(h->file, h->file_len);
	return 1;
}

/* FILE:LINE[:COL]: message, optionally indented, bracketed
 * ("[FILE:L:C] message") or after a severity prefix. Inlined into
 * r_location, with finish: one call (loc_colon_tail) for the parse. */
INLINE int colon_in(struct hx_state *st, const char *p, size_t n,
                    struct hit *h)
{
	struct sc s = { p, p + n };
	const char *c = st->colon;
	int br;

	/* the first ':' is followed by the line number, or a severity or a
	 * bracket comes first */
	if (!(c + 1 < p + n && is_digit((unsigned char)c[1])) && !sev_start(st))
		return 0;
	sc_ws(&s);
	sev_prefix(st, &s, h);
	br = sc_char(&s, '[');
	/* c is the first ':' from s.p on unless a prefix took it or it
	 * skipped a drive's "C:" that s.p still has before it; at s.p + 1
	 * it may be a drive's, which loc_colon handles */
	if (c >= s.p && c != s.p + 1 && !(s.p <= p + 1 && n > 1 && p[1] == ':')) {
		if (c + 1 >= p + n || !is_digit((unsigned char)c[1]))
			return 0;  /* the line number must follow the file */
	} else {
		c = NULL;  /* loc_colon finds the file's end */
	}
	if (!loc_colon_tail(s.p, s.e, h, br ? ']' : 0, c))
		return 0;
	return finish_in(h, CONT_INDENT) || bare_loc(p, n, h);
}

int r_colon(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	return colon_in(st, p, n, h);
}

/* FILE(LINE,COL): message  (tsc, msbuild, dotnet, fpc, ...). */
int r_paren(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	if (st->colon == p || st->colon[-1] != ')')
		return 0;
	sc_ws(&s);
	if (!loc_paren(&s, h))
		return 0;
	parse_tail(&s, h);
	return finish(h, CONT_INDENT);
}

/* FILE[LINE, COL]: message  (tslint prose). */
int r_bracket(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	if ((st->colon == p || st->colon[-1] != ']') && !sev_start(st))
		return 0;
	if (!mem_byte(p, n, '['))
		return 0;
	sc_ws(&s);
	sev_prefix(st, &s, h);
	if (!loc_bracket(&s, h))
		return 0;
	parse_tail(&s, h);
	return finish(h, CONT_INDENT);
}

/* "ERROR: path/to/file message" with a file but no line (isort). */
int r_sev_file(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *f;

	sev_prefix(st, &s, h);
	if (!h->sev || s.p == p)
		return 0;
	f = s.p;
	while (sc_more(&s) && !is_space(sc_peek(&s)))
		s.p++;
	h->file = f;
	h->file_len = (size_t)(s.p - f);
	if (!path_ok(f, h->file_len, 1) || !memchr(f, '/', h->file_len) ||
	    !sc_ws(&s))
		return 0;
	hit_rest(h, &s);
	return finish(h, CONT_INDENT);
}

/* Summary lines that repeat what the entries above already said. */
static int summary(const char *p, size_t n)
{
	return starts_with(p, n, "error: aborting due to") ||
	       starts_with(p, n, "error: could not compile") ||
	       starts_with(p, n, "Error: Process completed with exit code") ||
	       starts_with(p, n, "error: Recipe `");
}

/* "error: message" / "fatal: message" / "ERROR: message" at the start of
 * a line, without a location. "warning:" only in lower case, the way
 * compilers print it, because "WARNING:" is mostly chatter. */
int r_sev_line(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	/* under a "FILE:L:C:" header, "Error: msg" is its message */
	if (__builtin_expect(st->msg_next == MSG_HEADER, 0) && st->open) {
		h->kind = HIT_CONT;
		return 1;
	}
	if (summary(p, n)) {
		h->kind = HIT_CLOSE;
		return 1;
	}
	if (sc_ilit(&s, "error:") || sc_ilit(&s, "fatal:") ||
	    sc_ilit(&s, "fatal error:"))
		h->sev = HEAL_SEV_ERROR;
	else if (sc_lit(&s, "warning:"))
		h->sev = HEAL_SEV_WARNING;
	else
		return 0;
	sc_ws(&s);
	hit_rest(h, &s);
	if (!msg_ok(h))
		return 0;
	h->kind = HIT_ENTRY;
	h->cont = CONT_INDENT;
	h->tool = "generic";
	return 1;
}

/* The file header line of the "stylish" format (eslint, stylelint,
 * yamllint, remark): a lone path at the start of a line. */
int r_stylish_header(struct hx_state *st, const char *p, size_t n,
                            struct hit *h)
{
	/* A blank at either end (trim would change the line) or a ':'
	 * anywhere rejects it; path_ok stops at the first blank. */
	if (!n || is_space((unsigned char)p[0]) || p[0] == '\r' ||
	    is_space((unsigned char)p[n - 1]) || p[n - 1] == '\r' ||
	    n >= sizeof(st->header) || blank_in(p, n) || !path_ok(p, n, 1) ||
	    mem_byte(p, n, ':'))
		return 0;
	memcpy(st->header, p, n);
	st->header_len = n;
	h->kind = HIT_CONTEXT;
	return 1;
}

/* "✖", "⚠", "×" severity marks of stylelint and friends. */
static int sev_mark(struct sc *s, enum heal_sev *sev)
{
	if (sc_lit(s, "\xe2\x9c\x96") || sc_lit(s, "\xc3\x97")) {
		*sev = HEAL_SEV_ERROR;
		return 1;
	}
	if (sc_lit(s, "\xe2\x9a\xa0")) {
		*sev = HEAL_SEV_WARNING;
		return 1;
	}
	return 0;
}

/* A row under a stylish header: "  2:10  error  message  rule". */
int r_stylish_row(struct hx_state *st, const char *p, size_t n,
                         struct hit *h)
{
	struct sc s = { p, p + n };
	const char *m, *q;

	long ec;

	if (!st->header_len || !sc_ws(&s) || !sc_uint(&s, &h->line) ||
	    !sc_char(&s, ':') || !sc_uint(&s, &h->col))
		return 0;
	/* remark and others print a range: "1:1-1:5" */
	if (sc_char(&s, '-') && (!sc_uint(&s, &h->end_line) || !sc_char(&s, ':') ||
	                         !sc_uint(&s, &ec)))
		return 0;
	if (sc_ws(&s) < 1)
		return 0;
	if (!sc_sevword(&s, &h->sev) && !sev_mark(&s, &h->sev))
		return 0;
	if (sc_ws(&s) < 1)
		return 0;
	m = s.p;
	hit_rest(h, &s);
	/* the rule id is the last field, set off by two or more spaces */
	for (q = m + h->msg_len; q > m + 2 && q[-1] != ' '; q--)
		;
	if (q > m + 2 && q[-2] == ' ') {
		h->code = q;
		h->code_len = (size_t)(m + h->msg_len - q);
	}
	h->file = st->header;
	h->file_len = st->header_len;
	h->kind = HIT_ENTRY;
	h->cont = CONT_NONE;
	h->tool = ext_tool(h->file, h->file_len);
	return 1;
}

/* eslint/stylelint "compact": "FILE: line L, col C, Error - msg (rule)";
 * without the "Severity - " (jshint's default reporter): "FILE: line L,
 * col C, msg". */
int r_compact(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n }, t;
	const char *f = p;
	enum heal_sev sev;

	if (!starts_with(st->colon, (size_t)(p + n - st->colon), ": line "))
		return 0;
	s.p = st->colon + 7;
	if (!path_ok(f, (size_t)(s.p - 7 - f), 1))
		return 0;
	h->file = f;
	h->file_len = (size_t)(s.p - 7 - f);
	if (!sc_uint(&s, &h->line) || !sc_lit(&s, ", col ") ||
	    !sc_uint(&s, &h->col) || !sc_lit(&s, ", "))
		return 0;
	/* a word such as "Error" that is no severity field ("Error - ")
	 * starts the message */
	t = sc_copy(&s);
	if (sc_sevword(&t, &sev) && sc_lit(&t, " - ")) {
		h->sev = sev;
		s = t;
	}
	hit_rest(h, &s);
	if (!msg_ok(h))
		return 0;
	h->kind = HIT_ENTRY;
	h->cont = CONT_NONE;
	h->tool = ext_tool(h->file, h->file_len);
	return 1;
}

/* The numbers after " at line ": "L." or "L, column C." then the end of
 * the line or blanks (perlcritic's explanation follows two blanks). */
static int at_line_tail(struct sc *s, long *line, long *col)
{
	if (!sc_uint(s, line))
		return 0;
	if (sc_lit(s, ", column ") && !sc_uint(s, col))
		return 0;
	sc_char(s, '.');
	return !sc_more(s) || is_space((unsigned char)sc_peek(s)) ||
	       sc_peek(s) == '\r';
}

/* 1 when p[0..n) ends in a file extension: a '.' among its last 6 bytes,
 * not the last. Cheaper than path_ok, and most "word: text" lines (an
 * "error: …", "Note: …") fail it. */
static inline int has_ext(const char *p, size_t n)
{
	size_t i;

	for (i = 2; i <= 7 && i < n; i++)
		if (p[n - i] == '.')
			return 1;
	return 0;
}

/* r_at_line past its first checks: the path and the " at line " part. */
static __attribute__((noinline)) int at_line(const char *p, const char *c,
                                             const char *e, struct hit *h)
{
	const char *m = c + 2, *q = m;
	struct sc s = { m, e };
	long line = 0, col = 0;

	if (!path_ok(p, (size_t)(c - p), 1))
		return 0;
	while ((q = mem_find(q, (size_t)(e - q), " at line ")) != NULL) {
		s.p = q + 9;
		if (q > m && at_line_tail(&s, &line, &col)) {
			h->file = p;
			h->file_len = (size_t)(c - p);
			h->line = line;
			h->col = col;
			h->msg = m;
			h->msg_len = (size_t)(q - m);
			h->kind = HIT_ENTRY;
			h->cont = CONT_NONE;
			h->tool = ext_tool(h->file, h->file_len);
			return 1;
		}
		line = col = 0;
		q += 9;
	}
	return 0;
}

/* "FILE: message at line L, column C.  explanation" (perlcritic's
 * default format for several files): the location follows the message.
 * Only a blank-free path with an extension right before the first ": "
 * (a letter or digit ends it) is considered, so "Error: … at line 3" is
 * not taken for a file. Tried on many lines it rarely takes: the byte
 * tests turn them away without a stack frame. */
int r_at_line(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	const char *c = st->colon;

	/* such a line ends "column C." or with perlcritic's "(Severity: S)":
	 * the last byte turns away most "tool.sh: text" lines of build logs
	 * (config.status, libtool) before the path and search cost anything */
	if (c - p < 3 || p + n - c < 12 || (p[n - 1] != '.' && p[n - 1] != ')') ||
	    c[1] != ' ' || !is_alnum((unsigned char)c[-1]) ||
	    !has_ext(p, (size_t)(c - p)))
		return 0;
	return at_line(p, c, p + n, h);
}

static int tag(struct hit *h, const char *rule, const char *tool)
{
	h->rule = rule;
	if (tool)
		h->tool = tool;
	return 1;
}

/* 1 when [b, c) holds a blank, c <= e: a short span ("let x" before
 * "let x: i32") with one masked load when 16 bytes may be read at b. */
static inline int blank_before(const char *b, const char *c, const char *e)
{
	size_t k = (size_t)(c - b);

#ifdef __SSE2__
	if (k < 16 && e - b >= 16)
		return (blank_mask16(b) & ((1u << k) - 1)) != 0;
#endif
	return blank_in(b, k);
}

/* What r_colon and r_bracket can still match on a line whose first ':'
 * is not right after the line number's place (not followed by a digit,
 * not after ']'): 1 r_colon and r_bracket (a severity prefix parses, or
 * that ':' may be a drive's), 2 r_bracket only (the ':' is inside a
 * blank-free file name before "[L, C]"), 0 neither. Both rules would
 * reject the line anyway; a plain line ("    let x: i32 = 1;") is
 * turned away here for a fraction of their cost. */
static int colon_prefix(const struct hx_state *st, const char *p, size_t n)
{
	struct sc s = { p, p + n };
	const char *b;
	enum heal_sev sev;
	int br;

	if (!sev_start(st))
		return 0;
	/* vector compares, not sc_ws's byte loop: most lines that get here
	 * are indented code ("    let x: i32 = 1;") */
	s.p = b = p + blanks_len(p, n);
	br = sc_char(&s, '[');
	if (st->colon == s.p + 1 || (s.p <= p + 1 && n > 1 && p[1] == ':'))
		return 1;
	if ((br || sev_len_ok(b, st->colon)) && sc_sevword(&s, &sev) &&
	    sc_char(&s, br ? ']' : ':'))
		return 1;
	return blank_before(b, st->colon, p + n) ? 0 : 2;
}

/* Dispatches on the neighbourhood of the line's first ':' so that a line
 * costs one parser, not one call per location format. */
int r_location(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	const char *c = st->colon, *e = p + n;
	int next = c + 1 < e ? (unsigned char)c[1] : 0;
	int prev = c > p ? (unsigned char)c[-1] : 0;
	int pre;

	if (next == '(' && c + 2 < e && c[2] == '.')
		return r_ld(st, p, n, h) && tag(h, "linker", "ld");
	if (next == ' ' && starts_with(c, (size_t)(e - c), ": line "))
		return r_compact(st, p, n, h) && tag(h, "compact", NULL);
	/* h comes cleared; it is cleared again only after a parser that
	 * failed (and may have set fields) */
	if (prev == ')') {
		if (r_paren(st, p, n, h))
			return tag(h, "paren-location", NULL);
		hit_clear(h);
	}
	/* r_dockerfile_loc wants digits only after the ':', to the end */
	if (is_digit(next) && is_digit((unsigned char)e[-1]) &&
	    r_dockerfile_loc(st, p, n, h))
		return tag(h, "dockerfile-location", "docker");
	pre = is_digit(next) || prev == ']' ? 1 : colon_prefix(st, p, n);
	if (is_digit(next) || pre == 1) {
		if (colon_in(st, p, n, h))
			return tag(h, "colon-location", NULL);
		hit_clear(h);
	}
	if ((prev == ']' || (pre && sev_start(st))) && r_bracket(st, p, n, h))
		return tag(h, "bracket-location", NULL);
	return 0;
}
