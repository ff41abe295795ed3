/* rules_lint.c - linters with their own layouts: shellcheck (tty), caret reports, key=value reporters. */
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

/* Reports that name the file on an indented line of its own, then per
 * finding an excerpt of the source line and a caret under the column with
 * the message (HTMLHint's default format):
 *      /w/site/public/index.html
 *         L13 |    <a href='/cart' id="main">Cart</a>
 *                   ^ The value of attribute [ href ] must be ... (rule)
 * The file: an indented lone absolute path while no entry is open (under
 * an entry such a line continues it). Kept apart from the stylish header:
 * stylish rows need a path in column 0. A blank line forgets it. */
int r_excerpt_file(struct hx_state *st, const char *p, size_t n,
                   struct hit *h)
{
	size_t lead = blanks_len(p, n), k = n - lead;
	const char *f = p + lead;

	if (st->open || k >= sizeof(st->xfile) ||
	    is_space((unsigned char)p[n - 1]) || blank_in(f, k) ||
	    !path_ok(f, k, 1))
		return 0;
	memcpy(st->xfile, f, k);
	st->xfile_len = k;
	h->kind = HIT_CONTEXT;
	return 1;
}

/* "L13 |<source>" under such a file: an entry at line 13 whose column and
 * message come from the caret line below it (MSG_CARET, heal_caret);
 * without one the entry is dropped (need_loc). The excerpt is kept to
 * turn the caret's place into a column. */
int r_excerpt_line(struct hx_state *st, const char *p, size_t n,
                   struct hit *h)
{
	struct sc s = { p, p + n };
	size_t k;

	if (!st->xfile_len)
		return 0;
	sc_ws(&s);
	if (!sc_char(&s, 'L') || !sc_uint(&s, &h->line) || !sc_lit(&s, " |"))
		return 0;
	k = (size_t)(s.e - s.p);
	st->xsrc_len = k < sizeof(st->xsrc) ? k : sizeof(st->xsrc);
	memcpy(st->xsrc, s.p, st->xsrc_len);
	st->xoff = (size_t)(s.p - p);
	h->file = st->xfile;
	h->file_len = st->xfile_len;
	h->msg_next = MSG_CARET;
	h->need_loc = 1;
	h->kind = HIT_ENTRY;
	h->cont = CONT_INDENT;
	return 1;
}

int heal_caret(const struct hx_state *st, const char *p, size_t n,
               long *col, const char **msg, size_t *len)
{
	size_t i = blanks_len(p, n), d, j = 0;
	long c = 1;

	if (i + 2 >= n || p[i] != '^' || p[i + 1] != ' ' || i < st->xoff)
		return 0;
	/* the caret's place in the excerpt, in characters (UTF-8 lead
	 * bytes); an excerpt cut at its start ("...") hides the column */
	d = i - st->xoff;
	if (st->xsrc_len >= 3 && memcmp(st->xsrc, "...", 3) == 0) {
		c = 0;
	} else {
		for (; d && j < st->xsrc_len; d--, c++)
			for (j++; j < st->xsrc_len &&
			     ((unsigned char)st->xsrc[j] & 0xc0) == 0x80; j++)
				;
		c += (long)d;  /* past the excerpt's end */
	}
	*col = c;
	*msg = p + i + 2;
	*len = n - i - 2;
	*msg = trim(*msg, len);
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
