/* rules_rust.c - rustc/cargo/clippy human-format diagnostics, panics and summaries. */
#include "rules.h"

/* "error[E0308]: msg" / "warning[clippy::x]: msg" at column 0. Plain
 * "error: msg" is left to the generic severity rule; the "-->" line below
 * it still gives it a location and makes it rustc's. */
int r_rust_header(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *c;

	(void)st;
	if (sc_lit(&s, "error["))
		h->sev = HEAL_SEV_ERROR;
	else if (sc_lit(&s, "warning["))
		h->sev = HEAL_SEV_WARNING;
	else
		return 0;
	c = s.p;
	while (sc_more(&s) && *s.p != ']' && *s.p != ' ' && s.p - c < 64)
		s.p++;
	if (s.p == c || !sc_lit(&s, "]: "))
		return 0;
	h->code = c;
	h->code_len = (size_t)(s.p - 3 - c);
	hit_rest(h, &s);
	h->kind = HIT_ENTRY;
	h->cont = CONT_BLOCK;
	return 1;
}

/* "  --> src/main.rs:4:18": the primary location of the diagnostic above
 * (rustc, clippy, and ruff's newer full format), or, once that is located,
 * of a child "note:"/"help:" header above it (HIT_SUBLOC). "  ::: file"
 * lines are secondary locations and stay continuation lines. */
int r_rust_arrow(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	size_t k;

	sc_ws(&s);
	if (!sc_lit(&s, "--> ") || !loc_colon(&s, h, 0))
		return 0;
	k = h->file_len;
	h->tool = k > 3 && memcmp(h->file + k - 3, ".rs", 3) == 0 ? "rustc" :
	          k > 3 && memcmp(h->file + k - 3, ".py", 3) == 0 ? "ruff" :
	          "generic";
	h->kind = st->open_has_file ? HIT_SUBLOC : HIT_LOCATE;
	h->cont = CONT_BLOCK;
	return 1;
}

/* thread 'main' panicked at src/main.rs:4:5:      (message on the next line)
 * thread 'main' panicked at 'msg', src/main.rs:4:5 (before Rust 1.73) */
int r_rust_panic(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *m;

	(void)st;
	if (!sc_lit(&s, "thread '") || !sc_find(&s, "' panicked at "))
		return 0;
	h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = CONT_BLOCK;
	if (sc_char(&s, '\'')) {
		m = s.p;
		while (sc_more(&s) && !sc_lit(&s, "', "))
			s.p++;
		h->msg = m;
		h->msg_len = (size_t)(s.p - m) - (sc_more(&s) ? 3 : 0);
		if (!loc_colon(&s, h, 0))
			h->file = NULL;
		return 1;
	}
	if (!loc_colon(&s, h, 0))
		return 0;
	h->msg = "panicked";
	h->msg_len = 8;
	h->msg_next = MSG_NEXT;
	return 1;
}

/* Summaries that end the diagnostics above without adding one. */
int r_rust_skip(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	(void)st;
	if (n < 8 || (p[0] != 'e' && p[0] != 'w' && p[0] != '-' && p[0] != 't' &&
	              p[0] != 'f'))
		return 0;
	if (starts_with(p, n, "error: aborting due to") ||
	    starts_with(p, n, "error: could not compile") ||
	    starts_with(p, n, "warning: build failed, waiting") ||
	    (starts_with(p, n, "warning: `") && mem_find(p, n, "generated ")) ||
	    starts_with(p, n, "test result: ") ||
	    (starts_with(p, n, "---- ") && mem_find(p, n, " stdout ----")) ||
	    starts_with(p, n, "failures:")) {
		h->kind = HIT_CLOSE;
		return 1;
	}
	return 0;
}

/* "F401 [*] `os` imported but unused" followed by " --> x.py:1:8" (ruff
 * 0.12+ full format, and any tool that copies rustc's layout). Kept only
 * when the arrow line follows. */
int r_code_header(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	(void)st;
	if (!n || !is_upper((unsigned char)p[0]) ||
	    !sc_code(&s, &h->code, &h->code_len))
		return 0;
	sc_lit(&s, "[*] ");
	hit_rest(h, &s);
	if (!h->msg_len)
		return 0;
	h->kind = HIT_ENTRY;
	h->cont = CONT_BLOCK;
	h->need_loc = 1;
	return 1;
}
