/* summary.c - builds the step summary in ranked sections and fits it under 1 MiB. */
#include "summary.h"
#include "annot.h"
#include "core/err.h"
#include "core/fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void summary_init(struct summary *s)
{
	memset(s, 0, sizeof(*s));
}

void summary_free(struct summary *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->sec[i].name);
		free(s->sec[i].cuts);
		buf_release(&s->sec[i].body);
	}
	free(s->sec);
	summary_init(s);
}

int summary_section(struct summary *s, const char *name, enum summary_importance imp)
{
	struct summary_section *sec;

	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 8;
		sec = realloc(s->sec, cap * sizeof(*sec));
		if (!sec)
			goto oom;
		s->sec = sec;
		s->cap = cap;
	}
	sec = &s->sec[s->n];
	memset(sec, 0, sizeof(*sec));
	buf_init(&sec->body, SUMMARY_SECTION_MAX);
	sec->importance = imp;
	sec->name = strdup(name ? name : "summary");
	if (!sec->name)
		goto oom;
	s->n++;
	return 0;
oom:
	s->failed = 1;
	return err_set("out of memory building the step summary");
}

static struct summary_section *current(struct summary *s)
{
	if (s->n == 0 && summary_section(s, "summary", SUMMARY_NORMAL) < 0)
		return NULL;
	return &s->sec[s->n - 1];
}

/* Appends a finished block to the current section and records the cut
 * point after it. `depth_change` is applied after the block. */
static int add_block(struct summary *s, struct buf *blk, int depth_change, int table)
{
	struct summary_section *sec = current(s);
	struct summary_cut *c;
	size_t end_table;
	int rc = -1;

	if (!sec || buf_failed(blk) == BUF_ENOMEM)
		goto fail;
	if (buf_failed(blk)) { /* one block over the section cap */
		sec->lost += blk->len ? blk->len : 1;
		rc = 0;
		goto done;
	}
	/* A blank line ends an open table before any other block. */
	end_table = sec->in_table && !table;
	if (sec->lost || sec->body.len + end_table + blk->len > sec->body.max) {
		sec->lost += blk->len;
		rc = 0;
		goto done;
	}
	if (sec->ncuts == sec->cutcap) {
		size_t cap = sec->cutcap ? 2 * sec->cutcap : 16;
		c = realloc(sec->cuts, cap * sizeof(*c));
		if (!c)
			goto fail;
		sec->cuts = c;
		sec->cutcap = cap;
	}
	if (end_table)
		buf_putc(&sec->body, '\n');
	buf_add(&sec->body, blk->ptr, blk->len);
	if (buf_failed(&sec->body))
		goto fail;
	sec->depth += depth_change;
	sec->in_table = table;
	c = &sec->cuts[sec->ncuts++];
	c->off = sec->body.len;
	c->depth = sec->depth;
	c->in_table = table;
	rc = 0;
	goto done;
fail:
	s->failed = 1;
	err_set("out of memory building the step summary");
done:
	buf_release(blk);
	return rc;
}

/* --- escaping ----------------------------------------------------------- */

int summary_escape_html(struct buf *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': buf_puts(out, "&amp;"); break;
		case '<': buf_puts(out, "&lt;"); break;
		case '>': buf_puts(out, "&gt;"); break;
		case '"': buf_puts(out, "&quot;"); break;
		case '\'': buf_puts(out, "&#39;"); break;
		case '\r': break;
		case '\n': buf_putc(out, ' '); break;
		default: buf_putc(out, s[i]); break;
		}
	}
	return buf_failed(out) ? -1 : 0;
}

/* in_cell: 0 paragraph (newlines kept), 1 table cell (newline -> <br>),
 * 2 heading (newline -> space). Every ASCII punctuation character with a
 * Markdown meaning is backslash-escaped (CommonMark allows escaping any
 * ASCII punctuation); & < > become entities so no raw HTML survives. */
int summary_escape_md(struct buf *out, const char *s, size_t len, int in_cell)
{
	static const char punct[] = "\\`*_{}[]()#+-.!|~=$^:";
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];
		if (c == '&')
			buf_puts(out, "&amp;");
		else if (c == '<')
			buf_puts(out, "&lt;");
		else if (c == '>')
			buf_puts(out, "&gt;");
		else if (c == '\r' && in_cell)
			continue;
		else if (c == '\n' && in_cell)
			buf_puts(out, in_cell == 1 ? "<br>" : " ");
		else if (c && strchr(punct, c)) {
			buf_putc(out, '\\');
			buf_putc(out, c);
		} else
			buf_putc(out, c);
	}
	return buf_failed(out) ? -1 : 0;
}

/* --- blocks ------------------------------------------------------------- */

int summary_heading(struct summary *s, int level, const char *text)
{
	struct buf b = BUF_INIT(SUMMARY_SECTION_MAX);

	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	buf_printf(&b, "%.*s ", level, "######");
	summary_escape_md(&b, text ? text : "", text ? strlen(text) : 0, 2);
	buf_puts(&b, "\n\n");
	return add_block(s, &b, 0, 0);
}

int summary_para(struct summary *s, const char *text)
{
	struct buf b = BUF_INIT(SUMMARY_SECTION_MAX);

	summary_escape_md(&b, text ? text : "", text ? strlen(text) : 0, 0);
	buf_puts(&b, "\n\n");
	return add_block(s, &b, 0, 0);
}

int summary_markdown(struct summary *s, const char *md)
{
	struct buf b = BUF_INIT(SUMMARY_SECTION_MAX);
	size_t n = md ? strlen(md) : 0;

	buf_add(&b, md ? md : "", n);
	while (b.len && b.ptr[b.len - 1] == '\n')
		b.len--;
	buf_puts(&b, "\n\n");
	return add_block(s, &b, 0, 0);
}

static void put_cells(struct buf *b, size_t ncols, const char *const *cells)
{
	size_t i;

	buf_putc(b, '|');
	for (i = 0; i < ncols; i++) {
		const char *c = cells && cells[i] ? cells[i] : "";
		buf_putc(b, ' ');
		summary_escape_md(b, c, strlen(c), 1);
		buf_puts(b, " |");
	}
	buf_putc(b, '\n');
}

int summary_table(struct summary *s, size_t ncols, const char *const *header)
{
	struct buf b = BUF_INIT(SUMMARY_SECTION_MAX);
	struct summary_section *sec = current(s);
	size_t i;

	if (!ncols)
		return err_setc(ERR_INVALID, "summary table without columns");
	/* A table right after another needs the blank line too. */
	if (sec && sec->in_table)
		buf_putc(&b, '\n');
	put_cells(&b, ncols, header);
	buf_putc(&b, '|');
	for (i = 0; i < ncols; i++)
		buf_puts(&b, " --- |");
	buf_putc(&b, '\n');
	return add_block(s, &b, 0, 1);
}

int summary_row(struct summary *s, size_t ncols, const char *const *cells)
{
	struct buf b = BUF_INIT(SUMMARY_SECTION_MAX);
	struct summary_section *sec = current(s);

	if (!sec || !sec->in_table)
		return err_setc(ERR_INVALID, "summary_row without summary_table");
	put_cells(&b, ncols, cells);
	return add_block(s, &b, 0, 1);
}

int summary_details_begin(struct summary *s, const char *title)
{
	struct buf b = BUF_INIT(SUMMARY_SECTION_MAX);

	buf_puts(&b, "<details><summary>");
	summary_escape_html(&b, title ? title : "", title ? strlen(title) : 0);
	buf_puts(&b, "</summary>\n\n");
	return add_block(s, &b, 1, 0);
}

int summary_details_end(struct summary *s)
{
	struct buf b = BUF_INIT(64);
	struct summary_section *sec = current(s);

	if (!sec || sec->depth == 0)
		return err_setc(ERR_INVALID, "summary_details_end without summary_details_begin");
	buf_puts(&b, "</details>\n\n");
	return add_block(s, &b, -1, 0);
}

int summary_code(struct summary *s, const char *lang, const char *text, size_t len)
{
	struct buf b = BUF_INIT(SUMMARY_SECTION_MAX);
	size_t i, run = 0, longest = 0, fence;

	for (i = 0; i < len; i++) {
		run = text[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	fence = longest < 3 ? 3 : longest + 1;
	for (i = 0; i < fence; i++)
		buf_putc(&b, '`');
	for (; lang && *lang; lang++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+.-", *lang))
			buf_putc(&b, *lang);
	buf_putc(&b, '\n');
	buf_add(&b, text, len);
	if (len && text[len - 1] != '\n')
		buf_putc(&b, '\n');
	for (i = 0; i < fence; i++)
		buf_putc(&b, '`');
	buf_puts(&b, "\n\n");
	return add_block(s, &b, 0, 0);
}

int summary_dropped_annotations(struct summary *s, const size_t dropped[3])
{
	static const char *const what[3][2] = {
		{ "error", "errors" }, { "warning", "warnings" }, { "notice", "notices" }
	};
	struct buf b = BUF_INIT(512);
	size_t i, parts = 0, left = 0;

	for (i = 0; i < 3; i++)
		left += dropped[i] != 0;
	if (!left)
		return 0;
	for (i = 0; i < 3; i++) {
		if (!dropped[i])
			continue;
		if (parts)
			buf_puts(&b, left == 1 ? " and " : ", ");
		buf_printf(&b, "%zu more %s", dropped[i], what[i][dropped[i] != 1]);
		parts++;
		left--;
	}
	buf_printf(&b, " %s not shown as annotations: GitHub shows at most %d of each type per step.\n\n",
		   parts == 1 && dropped[0] + dropped[1] + dropped[2] == 1 ? "was" : "were",
		   ANNOT_PER_TYPE);
	return add_block(s, &b, 0, 0);
}

/* --- rendering ---------------------------------------------------------- */

enum { KEEP_FULL = -1, KEEP_NONE = -2 };

/* Appends the note for a section cut at `shown` of `total` bytes
 * (shown == 0: left out entirely). */
static void put_note(struct buf *out, const struct summary_section *sec,
		     size_t shown, size_t total)
{
	buf_puts(out, "> [!NOTE]\n> ");
	if (shown == 0)
		buf_puts(out, "Section \"");
	else
		buf_puts(out, "The rest of section \"");
	summary_escape_md(out, sec->name, strlen(sec->name), 2);
	buf_printf(out, "\" (%zu of %zu bytes) was cut: GitHub shows a step summary only "
		   "when it is under 1 MiB.\n\n", total - shown, total);
}

/* Closing text for a state: end an open table, close open <details>. */
static void put_close(struct buf *out, int depth, int in_table)
{
	if (in_table)
		buf_putc(out, '\n');
	while (depth-- > 0)
		buf_puts(out, "</details>\n\n");
}

/* Renders section sec cut after cuts[k] (KEEP_FULL: whole, KEEP_NONE:
 * note only) onto out. */
static void put_section(struct buf *out, const struct summary_section *sec, long k)
{
	size_t total = sec->body.len + sec->lost;

	if (k == KEEP_NONE) {
		put_note(out, sec, 0, total);
		return;
	}
	if (k == KEEP_FULL) {
		buf_add(out, sec->body.ptr, sec->body.len);
		put_close(out, sec->depth, sec->in_table);
		if (sec->lost)
			put_note(out, sec, sec->body.len, total);
		return;
	}
	buf_add(out, sec->body.ptr, sec->cuts[k].off);
	put_close(out, sec->cuts[k].depth, sec->cuts[k].in_table);
	put_note(out, sec, sec->cuts[k].off, total);
}

/* Bytes put_section would produce. */
static size_t section_size(const struct summary_section *sec, long k)
{
	struct buf tmp = BUF_INIT(SUMMARY_SECTION_MAX * 2);
	size_t n;

	/* Measure the closing text and note only; add the body length. */
	if (k == KEEP_FULL) {
		put_close(&tmp, sec->depth, sec->in_table);
		if (sec->lost)
			put_note(&tmp, sec, sec->body.len, sec->body.len + sec->lost);
		n = sec->body.len;
	} else if (k == KEEP_NONE) {
		put_note(&tmp, sec, 0, sec->body.len + sec->lost);
		n = 0;
	} else {
		put_close(&tmp, sec->cuts[k].depth, sec->cuts[k].in_table);
		put_note(&tmp, sec, sec->cuts[k].off, sec->body.len + sec->lost);
		n = sec->cuts[k].off;
	}
	n += tmp.len;
	buf_release(&tmp);
	return n;
}

/* Cut order: least important first; among equals, the later section. */
static int cut_before(const struct summary_section *v, size_t a, size_t b)
{
	if (v[a].importance != v[b].importance)
		return v[a].importance > v[b].importance;
	return a > b;
}

/* Chooses how much of each section to keep so the total fits. */
static int plan(const struct summary *s, long *keep, size_t limit)
{
	size_t i, j, total = 0, best, without;
	long k;

	for (i = 0; i < s->n; i++) {
		keep[i] = KEEP_FULL;
		total += section_size(&s->sec[i], KEEP_FULL);
	}
	while (total > limit) {
		best = s->n;
		for (j = 0; j < s->n; j++)
			if (s->sec[j].importance != SUMMARY_VERDICT && keep[j] == KEEP_FULL &&
			    (best == s->n || cut_before(s->sec, j, best)))
				best = j;
		if (best == s->n)
			return err_setc(ERR_TOOBIG, "step summary: the verdict alone is over %zu bytes",
					limit);
		total -= section_size(&s->sec[best], KEEP_FULL);
		keep[best] = KEEP_NONE;
		without = total;
		total += section_size(&s->sec[best], KEEP_NONE);
		if (total > limit)
			continue;
		/* Fits with the section gone: keep as much of it as still fits. */
		for (k = (long)s->sec[best].ncuts - 1; k >= 0; k--) {
			size_t n = section_size(&s->sec[best], k);
			if (s->sec[best].cuts[k].off > 0 && without + n <= limit) {
				keep[best] = k;
				total = without + n;
				break;
			}
		}
	}
	return 0;
}

int summary_render(const struct summary *s, struct buf *out, size_t limit)
{
	long *keep = NULL;
	size_t i;
	int rc;

	if (s->failed)
		return err_set("the step summary could not be built (out of memory)");
	keep = calloc(s->n ? s->n : 1, sizeof(*keep));
	if (!keep)
		return err_set("out of memory rendering the step summary");
	rc = plan(s, keep, limit);
	for (i = 0; rc == 0 && i < s->n; i++)
		put_section(out, &s->sec[i], keep[i]);
	if (rc == 0 && buf_failed(out))
		rc = err_setc(ERR_TOOBIG, "step summary: output buffer failed");
	free(keep);
	return rc;
}

int summary_write(const struct summary *s)
{
	struct buf out = BUF_INIT(SUMMARY_LIMIT);
	const char *path = getenv("GITHUB_STEP_SUMMARY");
	struct stat st;
	size_t used = 0;
	char why[512];
	int rc;

	if (!path || !*path)
		return err_setc(ERR_NOTFOUND, "GITHUB_STEP_SUMMARY is not set");
	/* Other tools in the same step may have written already; the cap is
	 * on the whole file. */
	if (stat(path, &st) == 0 && st.st_size > 0)
		used = (size_t)st.st_size;
	if (used >= SUMMARY_LIMIT)
		return err_setc(ERR_TOOBIG, "$GITHUB_STEP_SUMMARY is already %zu bytes", used);
	rc = summary_render(s, &out, SUMMARY_LIMIT - 1 - used);
	if (rc == 0 && out.len && fs_append(path, out.ptr, out.len) < 0) {
		snprintf(why, sizeof(why), "%s", err_last());
		rc = err_setc(ERR_INVALID, "$GITHUB_STEP_SUMMARY is set but cannot be written: %s", why);
	}
	buf_release(&out);
	return rc;
}
