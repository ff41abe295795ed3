/* rules_js.c - npm, yarn (classic and berry), pnpm and jest failures. */
#include "rules.h"

static int open_is(const struct hx_state *st, const char *tool)
{
	return st->open && st->open_tool && strcmp(st->open_tool, tool) == 0;
}

/* npm ERR! code E404        (npm <= 9)
 * npm error code ERESOLVE   (npm >= 10)
 * Later "npm ERR!" lines continue the same error; the first of them after
 * "code X" becomes its message. */
int r_npm(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	if (n < 9 || p[0] != 'n' || !(sc_lit(&s, "npm ERR!") || sc_lit(&s, "npm error")))
		return 0;
	sc_ws(&s);
	h->sev = HEAL_SEV_ERROR;
	h->cont = CONT_NONE;
	if (sc_lit(&s, "code ")) {
		hit_rest(h, &s);
		h->code = h->msg;
		h->code_len = h->msg_len;
		h->msg_next = MSG_NEXT;
		h->kind = HIT_ENTRY;
		return 1;
	}
	hit_rest(h, &s);
	if (open_is(st, "npm")) {
		h->kind = h->msg_len ? HIT_CONT : HIT_CONTEXT;
		return 1;
	}
	if (!h->msg_len)
		return 0;
	h->kind = HIT_ENTRY;
	return 1;
}

static int yarn_berry_error(const char *code, const char *p, size_t n)
{
	static const char *const codes[] = {
		"YN0009", "YN0018", "YN0028", "YN0035", "YN0041", "YN0082",
	};
	size_t i;

	if (memcmp(code, "YN0000", 6) == 0)
		return 0;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (memcmp(code, codes[i], 6) == 0)
			return 1;
	return mem_find(p, n, "rror") != NULL;
}

/* yarn 1: "error An unexpected error occurred: ..." at column 0;
 * "error Command failed with exit code 1." is its summary.
 * yarn 2+: "➤ YN0028: │ The lockfile would have been modified ..." */
int r_yarn(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	(void)st;
	if (sc_lit(&s, "error ")) {
		if (starts_with(s.p, (size_t)(s.e - s.p), "Command failed with exit code")) {
			h->kind = HIT_CLOSE;
			return 1;
		}
	} else if (sc_lit(&s, "\xe2\x9e\xa4 YN") && s.e - s.p >= 6 &&
	           yarn_berry_error(s.p - 2, s.p, (size_t)(s.e - s.p))) {
		h->code = s.p - 2;
		h->code_len = 6;
		s.p += 4;
		sc_char(&s, ':');
		sc_ws(&s);
		sc_lit(&s, "\xe2\x94\x82");  /* the "│" tree mark */
		sc_ws(&s);
	} else {
		return 0;
	}
	hit_rest(h, &s);
	if (!h->msg_len)
		return 0;
	h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = CONT_INDENT;
	return 1;
}

/*  ERR_PNPM_OUTDATED_LOCKFILE  Cannot install with "frozen-lockfile" ... */
int r_pnpm(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *c;

	(void)st;
	sc_ws(&s);
	sc_char(&s, '[');
	c = s.p;
	if (!sc_lit(&s, "ERR_PNPM_"))
		return 0;
	while (sc_more(&s) && (is_upper(sc_peek(&s)) || is_digit(sc_peek(&s)) ||
	                       *s.p == '_'))
		s.p++;
	h->code = c;
	h->code_len = (size_t)(s.p - c);
	sc_char(&s, ']');
	sc_char(&s, ':');
	hit_rest(h, &s);
	h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = CONT_INDENT;
	return 1;
}

/* jest:  "FAIL src/a.test.js (5.1 s)" names the suite; "  ● Suite › name"
 * starts one failed test, reported on the suite's file. */
int r_jest(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *f;

	sc_ws(&s);
	if (sc_lit(&s, "FAIL ")) {
		sc_ws(&s);
		f = s.p;
		while (sc_more(&s) && !is_space(sc_peek(&s)))
			s.p++;
		if (!path_ok(f, (size_t)(s.p - f), 1) || !memchr(f, '.', (size_t)(s.p - f)) ||
		    (size_t)(s.p - f) >= sizeof(st->suite))
			return 0;
		memcpy(st->suite, f, (size_t)(s.p - f));
		st->suite_len = (size_t)(s.p - f);
		h->kind = HIT_CLOSE;
		return 1;
	}
	if (!st->suite_len || !sc_lit(&s, "\xe2\x97\x8f "))
		return 0;
	hit_rest(h, &s);
	h->file = st->suite;
	h->file_len = st->suite_len;
	h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = CONT_INDENT;
	return 1;
}
