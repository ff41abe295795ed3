/* rules_python.c - Python tracebacks, pytest, black and PyYAML locations. */
#include "rules.h"

/* "KeyError: 'x'", "pkg.mod.CustomError", "AssertionError" at column 0. */
static int exception_line(const char *p, size_t n)
{
	size_t i = 0;

	if (!n || !(is_alpha((unsigned char)p[0]) || p[0] == '_'))
		return 0;
	while (i < n && (is_alnum((unsigned char)p[i]) || p[i] == '_' || p[i] == '.'))
		i++;
	if (i < n)
		return p[i] == ':';
	return (i > 5 && memcmp(p + i - 5, "Error", 5) == 0) ||
	       (i > 9 && memcmp(p + i - 9, "Exception", 9) == 0) ||
	       (i > 9 && memcmp(p + i - 9, "Interrupt", 9) == 0);
}

/* '  File "app/x.py", line 12, in main' */
static int frame(struct hx_state *st, const char *p, size_t n)
{
	struct sc s = { p, p + n };
	const char *f, *fe;
	long line;

	if (!sc_ws(&s) || !sc_lit(&s, "File \""))
		return 0;
	f = s.p;
	while (sc_more(&s) && *s.p != '"')
		s.p++;
	fe = s.p;
	if (!sc_lit(&s, "\", line ") || !sc_uint(&s, &line) ||
	    (size_t)(fe - f) >= sizeof(st->tb_file))
		return 0;
	/* The entry goes on the innermost frame of the project's own code:
	 * frozen modules and installed packages are not where the fix is. */
	if (f == fe || *f == '<' || mem_find(f, (size_t)(fe - f), "/site-packages/") ||
	    mem_find(f, (size_t)(fe - f), "/lib/python"))
		return 1;
	st->tb_file_len = (size_t)(fe - f);
	memcpy(st->tb_file, f, st->tb_file_len);
	st->tb_line = line;
	return 1;
}

/* Traceback (most recent call last):   starts a traceback; its frames are
 * remembered and the final "ExcType: message" line becomes the entry, on
 * the innermost frame. */
int r_traceback(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	if (starts_with(p, n, "Traceback (most recent call last):")) {
		st->in_traceback = 1;
		st->tb_file_len = 0;
		h->kind = HIT_CLOSE;
		return 1;
	}
	if (!st->in_traceback)
		return 0;
	if (frame(st, p, n) || (n && is_space((unsigned char)p[0])) ||
	    starts_with(p, n, "During handling of") ||
	    starts_with(p, n, "The above exception")) {
		h->kind = HIT_CONTEXT;
		return 1;
	}
	st->in_traceback = 0;
	if (!exception_line(p, n))
		return 0;
	h->msg = trim(p, &n);
	h->msg_len = n;
	if (st->tb_file_len) {
		h->file = st->tb_file;
		h->file_len = st->tb_file_len;
		h->line = st->tb_line;
	}
	h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = CONT_INDENT;
	return 1;
}

/* Short test summary lines:
 *   FAILED tests/test_a.py::test_x - AssertionError: assert 1 == 2
 *   ERROR tests/test_b.py::test_y - fixture 'db' not found
 *   ERROR collecting tests/test_c.py */
int r_pytest(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *f;

	if (n > 2 && p[0] == '_' && p[1] == '_' && p[n - 1] == '_') {
		st->nctx = 0;   /* "____ test_x ____": a new failure block */
		h->kind = HIT_CLOSE;
		return 1;
	}
	if (!(sc_lit(&s, "FAILED ") || sc_lit(&s, "ERROR ")))
		return 0;
	sc_lit(&s, "collecting ");
	f = s.p;
	while (sc_more(&s) && !is_space(sc_peek(&s)) && !sc_lit(&s, "::"))
		s.p++;
	h->file_len = (size_t)(s.p - f);
	if (h->file_len > 2 && s.p[-1] == ':' && s.p[-2] == ':')
		h->file_len -= 2;
	if (!path_ok(f, h->file_len, 1) || !mem_find(f, h->file_len, ".py"))
		return 0;
	h->file = f;
	hit_rest(h, &s);
	if (!h->msg_len) {
		h->msg = "collection failed";
		h->msg_len = 17;
	}
	h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = CONT_NONE;
	return 1;
}

/* "E       assert 1 == 2": pytest's explanation lines, printed before the
 * "tests/test_a.py:12: AssertionError" location line that will adopt them
 * as its continuation. */
int r_pytest_e(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	if (n < 4 || p[0] != 'E' || p[1] != ' ' || p[2] != ' ')
		return 0;
	if (st->nctx < HX_CTX_LINES) {
		size_t k = n < HEAL_MAX_CONT_LEN ? n : HEAL_MAX_CONT_LEN;

		memcpy(st->ctx[st->nctx], p, k);
		st->ctx_len[st->nctx++] = k;
	}
	h->kind = HIT_CONTEXT;
	return 1;
}

/* black --check: "would reformat src/app.py" */
int r_black(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	(void)st;
	if (!sc_lit(&s, "would reformat "))
		return 0;
	hit_rest(h, &s);
	if (!path_ok(h->msg, h->msg_len, 1))
		return 0;
	h->file = h->msg;
	h->file_len = h->msg_len;
	h->msg = "would reformat";
	h->msg_len = 14;
	h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = CONT_NONE;
	return 1;
}

/* PyYAML: '  in "config.yml", line 3, column 8' under its error line. */
int r_pyyaml_loc(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *f;

	(void)st;
	if (!sc_ws(&s) || !sc_lit(&s, "in \""))
		return 0;
	f = s.p;
	while (sc_more(&s) && *s.p != '"')
		s.p++;
	h->file = f;
	h->file_len = (size_t)(s.p - f);
	if (!sc_lit(&s, "\", line ") || !sc_uint(&s, &h->line) ||
	    !sc_lit(&s, ", column ") || !sc_uint(&s, &h->col))
		return 0;
	h->kind = HIT_LOCATE;
	h->tool = "yaml";
	return 1;
}
