/* changelog_tpl.c - release notes laid out by a --template file: {{placeholder}} substitution, nothing executed. */
#include "changelog_int.h"
#include "../core/err.h"

#include <string.h>

#define NAME_MAX_SHOWN 40

/* One placeholder occurrence: [start, end) covers "{{ ... }}". */
struct ph {
	size_t start, end;
	const char *name;
	size_t len;
};

static int safe_name(const char *s, size_t n)
{
	size_t i;

	if (!n || n > NAME_MAX_SHOWN)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_' || s[i] == '.'))
			return 0;
	return 1;
}

static int fail_at(const struct changelog_opts *o, size_t off, const char *what,
		   const char *name, size_t len)
{
	size_t line, col;

	err_position(o->tpl, off, &line, &col);
	if (name)
		return err_setc(ERR_INVALID, "%s: line %zu, column %zu: %s {{%.*s}}",
				o->tpl_name, line, col, what, (int)len, name);
	return err_setc(ERR_INVALID, "%s: line %zu, column %zu: %s", o->tpl_name,
			line, col, what);
}

/* Finds the next "{{" in [p, le) and its "}}" on the same line. 1 found,
 * 0 none, <0 error (unclosed or unknown shape). */
static int next_ph(const struct changelog_opts *o, size_t p, size_t le, struct ph *ph)
{
	const char *t = o->tpl;
	size_t a, z;

	while (p + 1 < le && !(t[p] == '{' && t[p + 1] == '{'))
		p++;
	if (p + 1 >= le)
		return 0;
	for (z = p + 2; z + 1 < le && !(t[z] == '}' && t[z + 1] == '}'); z++)
		;
	if (z + 1 >= le)
		return fail_at(o, p, "\"{{\" is not closed by \"}}\" on its line", NULL, 0);
	ph->start = p;
	ph->end = z + 2;
	for (a = p + 2; a < z && t[a] == ' '; a++)
		;
	while (z > a && t[z - 1] == ' ')
		z--;
	ph->name = t + a;
	ph->len = z - a;
	if (!safe_name(ph->name, ph->len))
		return fail_at(o, p, "invalid placeholder (names are a-z, 0-9, '_', '.')", NULL, 0);
	return 1;
}

static int is(const struct ph *ph, const char *name)
{
	return strlen(name) == ph->len && !memcmp(ph->name, name, ph->len);
}

static void put_str(struct buf *b, const char *s)
{
	if (s)
		buf_puts(b, s);
}

static size_t put_all(struct buf *b, const struct hist_commit *c, size_t n,
		      const struct changelog_opts *o, int with_breaking)
{
	size_t count = 0;
	int s;

	if (with_breaking)
		count = chl_block(b, c, n, o, CHL_BREAKING, "");
	for (s = 0; s < CHL_NSECTIONS; s++)
		count += chl_block(b, c, n, o, s, count ? "\n" : "");
	return count;
}

/* Appends the value of one placeholder; ERR_INVALID when unknown. */
static int expand(struct buf *b, const struct ph *ph, const struct hist_commit *c,
		  size_t n, const struct changelog_opts *o)
{
	int s;

	if (is(ph, "version"))
		put_str(b, o->version);
	else if (is(ph, "tag"))
		put_str(b, o->tag);
	else if (is(ph, "previous_tag"))
		put_str(b, o->prev_tag);
	else if (is(ph, "date"))
		put_str(b, o->date);
	else if (is(ph, "repo_url"))
		put_str(b, o->repo_url);
	else if (is(ph, "compare_url")) {
		if (o->repo_url && o->tag && o->prev_tag)
			buf_printf(b, "%s/compare/%s...%s", o->repo_url, o->prev_tag, o->tag);
	} else if (is(ph, "heading"))
		chl_heading(b, o);
	else if (is(ph, "breaking"))
		chl_block(b, c, n, o, CHL_BREAKING, "");
	else if (is(ph, "sections"))
		put_all(b, c, n, o, 0);
	else if (is(ph, "notes")) {
		if (!put_all(b, c, n, o, 1))
			buf_puts(b, "No changes.\n");
	} else if (is(ph, "open"))
		buf_puts(b, "{{");
	else if (ph->len > 8 && !memcmp(ph->name, "section.", 8) &&
		 (s = chl_section_index(ph->name + 8, ph->len - 8)) >= 0)
		chl_block(b, c, n, o, s, "");
	else
		return fail_at(o, ph->start, "unknown placeholder", ph->name, ph->len);
	return 0;
}

/* One template line [ls, le) without its newline (nl: the template has one
 * after it). A line that is exactly one placeholder (a trailing '\r' aside)
 * is replaced by its value, newline-terminated, or by nothing when the
 * value is empty. */
static int render_line(struct buf *b, size_t ls, size_t le, int nl,
		       const struct hist_commit *c, size_t n, const struct changelog_opts *o)
{
	struct ph ph = { 0, 0, NULL, 0 };
	size_t p = ls, before, ee = le;
	int rc;

	if (ee > ls && o->tpl[ee - 1] == '\r')
		ee--;
	while ((rc = next_ph(o, p, le, &ph)) > 0) {
		buf_add(b, o->tpl + p, ph.start - p);
		before = b->len;
		if ((rc = expand(b, &ph, c, n, o)))
			return rc;
		p = ph.end;
		if (ph.start == ls && ph.end == ee) {
			if (b->len > before && b->ptr[b->len - 1] != '\n')
				buf_putc(b, '\n');
			return 0;
		}
	}
	if (rc < 0)
		return rc;
	buf_add(b, o->tpl + p, le - p);
	if (nl)
		buf_putc(b, '\n');
	return 0;
}

int chl_tpl_render(struct buf *b, const struct hist_commit *c, size_t n,
		   const struct changelog_opts *o)
{
	size_t max = o->max_len ? o->max_len : CHANGELOG_MAX;
	size_t ls = 0, le;
	const char *nl;
	int rc;

	if ((rc = err_check_text(o->tpl, o->tpl_len, CHANGELOG_TPL_MAX, o->tpl_name)))
		return rc;
	while (ls < o->tpl_len) {
		nl = memchr(o->tpl + ls, '\n', o->tpl_len - ls);
		le = nl ? (size_t)(nl - o->tpl) : o->tpl_len;
		if ((rc = render_line(b, ls, le, nl != NULL, c, n, o)))
			return rc;
		ls = le + 1;
		if (c && b->len > max) /* it is cut anyway; stop expanding */
			break;
	}
	return 0;
}

int changelog_tpl_check(const char *tpl, size_t len, const char *name)
{
	struct changelog_opts o;
	struct buf b = BUF_INIT(BUF_MAX_JSON);
	int rc;

	memset(&o, 0, sizeof(o));
	o.version = "0.0.0";
	o.tpl = tpl;
	o.tpl_len = len;
	o.tpl_name = name;
	rc = chl_tpl_render(&b, NULL, 0, &o);
	buf_release(&b);
	return rc;
}
