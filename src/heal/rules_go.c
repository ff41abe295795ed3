/* rules_go.c - go build/vet/test output, panics with goroutine traces, logfmt errors. */
#include "rules.h"

/* "panic: runtime error: index out of range [3] with length 3" at column 0;
 * the goroutine trace below it continues the entry. */
int r_go_panic(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	(void)st;
	if (!sc_lit(&s, "panic: "))
		return 0;
	hit_rest(h, &s);
	h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = CONT_TRACE;
	return 1;
}

/* "\t/home/u/app/main.go:12 +0x1d": a goroutine frame. The first frame
 * outside the Go runtime and testing packages locates an open panic. */
int r_go_frame(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	if (!n || p[0] != '\t' || !st->open || !st->open_tool ||
	    strcmp(st->open_tool, "go") != 0)
		return 0;
	s.p++;
	if (!loc_colon(&s, h, 0) || h->file_len < 4 ||
	    memcmp(h->file + h->file_len - 3, ".go", 3) != 0)
		return 0;
	if (st->open_has_file || mem_find(h->file, h->file_len, "/runtime/") ||
	    mem_find(h->file, h->file_len, "/src/testing/")) {
		h->file = NULL;
		h->kind = HIT_CONT;
		return 1;
	}
	h->kind = HIT_LOCATE;
	return 1;
}

/* Summaries and headers of go build/test that say nothing new:
 * "--- FAIL: TestX (0.00s)", "FAIL\tpkg\t0.01s", "FAIL", "ok  \tpkg",
 * "# example.com/pkg". */
int r_go_skip(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	int hit;

	(void)st;
	/* by the first byte: one literal or two per line tried, not five */
	switch (p[0]) {
	case '-':
		hit = starts_with(p, n, "--- FAIL: ");
		break;
	case 'F':
		hit = starts_with(p, n, "FAIL\t") || (n == 4 && mem_eq(p, "FAIL", 4));
		break;
	case 'o':
		hit = starts_with(p, n, "ok  \t");
		break;
	case '#':
		hit = n > 2 && p[1] == ' ' && !mem_byte(p + 2, n - 2, ' ') &&
		      (mem_byte(p, n, '/') || mem_byte(p, n, '.'));
		break;
	default:
		return 0;
	}
	if (hit)
		h->kind = HIT_CLOSE;
	return hit;
}

/* "vet: ./x.go:3:2: msg" (go vet's prefix when run by go test). */
int r_go_vet(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	(void)st;
	if (!sc_lit(&s, "vet: ") || !loc_colon(&s, h, 0))
		return 0;
	parse_tail(&s, h);
	h->kind = HIT_ENTRY;
	h->cont = CONT_INDENT;
	return 1;
}

/* logrus/slog text: level=error msg="..." (golangci-lint, many Go tools). */
int r_logfmt(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *lv, *m;

	(void)st;
	/* logrus and slog put time= (or level=) first */
	if (!starts_with(p, n, "time=") && !starts_with(p, n, "level="))
		return 0;
	lv = mem_find(p, n, "level=");
	if (!lv || (lv != p && lv[-1] != ' '))
		return 0;
	s.p = lv + 6;
	if (!(sc_ilit(&s, "error ") || sc_ilit(&s, "fatal ") ||
	      sc_ilit(&s, "\"error\" ") || sc_ilit(&s, "\"fatal\" ")))
		return 0;
	if (!sc_find(&s, "msg="))
		return 0;
	if (sc_char(&s, '"')) {
		m = s.p;
		while (sc_more(&s) && *s.p != '"') {
			if (*s.p == '\\' && s.p + 1 < s.e)
				s.p++;
			s.p++;
		}
		h->msg = m;
		h->msg_len = (size_t)(s.p - m);
	} else {
		hit_rest(h, &s);
	}
	h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = CONT_NONE;
	return h->msg_len > 0;
}
