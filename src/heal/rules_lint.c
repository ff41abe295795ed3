/* rules_lint.c - linters with their own layouts: shellcheck (tty), key=value reporters. */
#include "rules.h"

/* shellcheck's default format names the place first:
 *   In deploy.sh line 12:
 *   rm -rf $DIR/x
 *          ^--^ SC2115 (warning): Use "${var:?}" to ensure ...       */
int r_shellcheck_at(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *f;
	long line;

	if (!sc_lit(&s, "In "))
		return 0;
	f = s.p;
	if (!sc_find(&s, " line ") || !sc_uint(&s, &line) || !sc_char(&s, ':') ||
	    sc_more(&s))
		return 0;
	n = (size_t)(s.p - f) - 1;
	while (n && f[n - 1] != ' ')  /* back over " line N:" */
		n--;
	n = n >= 6 ? n - 6 : 0;
	if (!n || n >= sizeof(st->sfile) || !path_ok(f, n, 1))
		return 0;
	memcpy(st->sfile, f, n);
	st->sfile_len = n;
	st->sline = line;
	h->kind = HIT_CLOSE;
	return 1;
}

int r_shellcheck(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *caret;

	if (!st->sfile_len)
		return 0;
	sc_ws(&s);
	caret = s.p;
	if (!sc_char(&s, '^'))
		return 0;
	while (sc_char(&s, '-'))
		;
	sc_char(&s, '^');
	if (!sc_char(&s, ' ') || !sc_code(&s, &h->code, &h->code_len))
		return 0;
	if (sc_char(&s, '(')) {
		/* the level is one word of shellcheck's own set ("style" too):
		 * skip whatever word it is, the message follows "):" */
		sc_sevword(&s, &h->sev);
		while (sc_more(&s) && is_alpha((unsigned char)sc_peek(&s)))
			s.p++;
		sc_lit(&s, "):");
		sc_ws(&s);
	}
	hit_rest(h, &s);
	h->file = st->sfile;
	h->file_len = st->sfile_len;
	h->line = st->sline;
	h->col = (long)(caret - p) + 1;  /* under the source line, as printed */
	h->kind = HIT_ENTRY;
	h->cont = CONT_NONE;
	return 1;
}

/* Reporters that print key=value fields (scalastyle, some checkstyle
 * plain formats):
 *   error file=/src/A.scala message=Avoid mutable fields line=12 column=3 */
int r_keyval(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *m, *l;

	(void)st;
	if (!sc_sevword(&s, &h->sev) || !sc_lit(&s, " file="))
		return 0;
	h->file = s.p;
	while (sc_more(&s) && *s.p != ' ')
		s.p++;
	h->file_len = (size_t)(s.p - h->file);
	if (!path_ok(h->file, h->file_len, 1) || !sc_lit(&s, " message="))
		return 0;
	m = s.p;
	l = mem_find(m, (size_t)(s.e - m), " line=");
	if (!l)
		return 0;
	h->msg = m;
	h->msg_len = (size_t)(l - m);
	s.p = l + 6;
	if (!sc_uint(&s, &h->line))
		return 0;
	if (sc_lit(&s, " column="))
		sc_uint(&s, &h->col);
	h->kind = HIT_ENTRY;
	h->cont = CONT_NONE;
	return 1;
}
