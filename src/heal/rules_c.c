/* rules_c.c - make, the linkers (ld, lld, collect2) and CMake. */
#include "rules.h"

/* The length of the line's first word up to ": ", when it has no blanks
 * and is shorter than 256 bytes; 0 when there is none. Such a word ends
 * right before the line's first blank, so one scan for that decides (no
 * walk over the ':'s of "file.c:12:5: error"). */
static size_t head_word(const char *p, size_t n)
{
	size_t k = n < 257 ? n : 257, b = first_blank(p, k);

	if (b < 2 || b >= k || p[b] != ' ' || p[b - 1] != ':')
		return 0;
	return b - 1;
}

static inline int ends_withn(const char *p, size_t n, const char *lit, size_t k)
{
	return n >= k && mem_eq(p + n - k, lit, k);
}
/* With a string literal: its length is known at compile time. */
#define ends_with(p, n, lit) ends_withn((p), (n), (lit), sizeof(lit) - 1)

/* make: *** [Makefile:12: all] Error 2
 * make[1]: *** No rule to make target 'x', needed by 'y'.  Stop. */
int r_make(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	size_t w = head_word(p, n);
	const char *name_end = p + w;

	if (!w || !starts_with(name_end + 2, n - w - 2, "*** "))
		return 0;
	if (name_end[-1] == ']') {
		while (name_end > p && *name_end != '[')
			name_end--;
	}
	if (!ends_with(p, (size_t)(name_end - p), "make"))
		return 0;
	s.p = p + w + 6;  /* after ": *** " */
	h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = CONT_NONE;
	if (sc_char(&s, '[')) {
		struct sc t = s;

		/* "[Makefile:12: target] Error 2": the location, then the
		 * status after the bracket */
		if (loc_colon(&t, h, 0) && sc_find(&t, "] "))
			s = t;
	}
	hit_rest(h, &s);
	return 1;
}

static int is_ld(const char *w, size_t n)
{
	return ends_with(w, n, "ld") || ends_with(w, n, "ld.lld") ||
	       ends_with(w, n, "ld.gold") || ends_with(w, n, "ld.bfd") ||
	       ends_with(w, n, "lld") || ends_with(w, n, "ld64.lld");
}

/* First letters of linker names: ld, /usr/bin/ld, x86_64-linux-gnu-ld,
 * aarch64-..., i686-..., riscv64-..., mips-..., powerpc-..., ld.lld. */
static int ld_initial(char c)
{
	switch (c) {
	case '/': case 'l': case 'x': case 'a': case 'i': case 'r': case 'm':
	case 'p':
		return 1;
	default:
		return 0;
	}
}

/* "FILE:(.text+0x1e): msg" - a linker message about an object's section. */
static int section_loc(struct sc *s, struct hit *h)
{
	const char *f = s->p, *q = mem_find(s->p, (size_t)(s->e - s->p), ":(");
	const char *c;

	if (!q || !path_ok(f, (size_t)(q - f), 1))
		return 0;
	c = mem_byte(q, (size_t)(s->e - q), ')');
	if (!c || c + 1 >= s->e || c[1] != ':')
		return 0;
	h->file = f;
	h->file_len = (size_t)(q - f);
	s->p = c + 2;
	sc_ws(s);
	return 1;
}

/* The linker's line from m on (the text after "ld: ", or the whole
 * "FILE:(.text...)" line): a context line or an entry. */
static __attribute__((noinline)) int
ld_entry(const char *p, size_t n, const char *m, struct hit *h)
{
	struct sc s = { m, p + n };

	if (mem_find(s.p, (size_t)(s.e - s.p), ": in function ") &&
	    s.e[-1] == ':') {
		h->kind = HIT_CONTEXT;
		return 1;
	}
	section_loc(&s, h);
	sc_lit(&s, "error: ");
	hit_rest(h, &s);
	h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = CONT_NONE;
	return 1;
}

/* "NAME: ..." with c at the ':' and a ' ' after it: the linker's line
 * when NAME is a linker's. */
static __attribute__((noinline)) int
ld_named(const char *p, size_t n, const char *c, struct hit *h)
{
	size_t w = (size_t)(c - p);

	if (!is_ld(p, w) || mem_byte(p, w, ' '))
		return 0;
	return ld_entry(p, n, c + 2, h);
}

/* /usr/bin/ld: main.o: in function `main':         (context)
 * /usr/bin/ld: main.c:(.text+0x9): undefined reference to `foo'
 * /usr/bin/ld: cannot find -lfoo: No such file or directory
 * main.c:(.text+0x9): undefined reference to `foo'
 * collect2: error: ld returned 1 exit status      (summary)
 * Most lines tried are locations ("app/x.rb:3:1: ..."): the tests on the
 * bytes after the ':' come before any work, and the rest is out of line,
 * so that a reject needs no stack frame. */
int r_ld(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	const char *c = st->colon, *e = p + n;

	if (p[0] == 'c' &&
	    (starts_with(p, n, "collect2: ") ||
	     starts_with(p, n, "clang: error: linker command failed"))) {
		h->kind = HIT_CLOSE;
		return 1;
	}
	if (c + 2 < e && c[1] == '(' && c[2] == '.')
		return ld_entry(p, n, p, h);  /* "FILE:(.text+0x9): ..." */
	if (!ld_initial(p[0]) || c + 1 >= e || c[1] != ' ')
		return 0;
	return ld_named(p, n, c, h);
}

/* CMake Error at CMakeLists.txt:12 (find_package):   (message indented below)
 * CMake Warning (dev) at x.cmake:3 (message):
 * CMake Error: The source directory "/x" does not exist. */
int r_cmake(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	(void)st;
	if (!sc_lit(&s, "CMake "))
		return 0;
	if (sc_lit(&s, "Error"))
		h->sev = HEAL_SEV_ERROR;
	else if (sc_lit(&s, "Warning") || sc_lit(&s, "Deprecation Warning"))
		h->sev = HEAL_SEV_WARNING;
	else
		return 0;
	sc_lit(&s, " (dev)");
	h->kind = HIT_ENTRY;
	h->cont = CONT_INDENT;
	if (sc_lit(&s, " at ") || sc_lit(&s, " in ")) {
		loc_colon(&s, h, 0);
		hit_rest(h, &s);
		h->msg_next = MSG_NEXT;
		return 1;
	}
	if (!sc_char(&s, ':'))
		return 0;
	hit_rest(h, &s);
	return 1;
}
