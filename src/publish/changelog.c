/* changelog.c - the Markdown release notes for a list of commits. */
#include "changelog_int.h"
#include "../core/err.h"

#include <stdio.h>
#include <string.h>

struct section {
	const char *type;  /* NULL: "Other" (everything not listed) */
	const char *title;
};

/* The fixed order of sections; docs/publish.md lists it. */
static const struct section sections[] = {
	{ "feat", "Features" },
	{ "fix", "Bug Fixes" },
	{ "perf", "Performance" },
	{ "revert", "Reverts" },
	{ "docs", "Documentation" },
	{ "refactor", "Code Refactoring" },
	{ "test", "Tests" },
	{ "build", "Build System" },
	{ "ci", "Continuous Integration" },
	{ "style", "Styles" },
	{ "chore", "Chores" },
	{ NULL, "Other" },
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))
typedef char chl_nsections_ok[NSECTIONS == CHL_NSECTIONS ? 1 : -1];

int chl_section_index(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < NSECTIONS; i++) {
		const char *t = sections[i].type ? sections[i].type : "other";
		if (strlen(t) == len && !memcmp(t, name, len))
			return (int)i;
	}
	return -2;
}

static int known_type(const char *type)
{
	size_t i;

	for (i = 0; i + 1 < NSECTIONS; i++)
		if (!strcmp(sections[i].type, type))
			return 1;
	return 0;
}

static int in_section(const struct hist_commit *c, const struct section *s)
{
	if (c->nparents > 1 && !c->cc.conforming)
		return 0;
	if (s->type)
		return c->cc.conforming && !strcmp(c->cc.type, s->type);
	return !c->cc.conforming || !known_type(c->cc.type);
}

static int wanted(const struct hist_commit *c, const struct changelog_opts *o)
{
	return !o->only_since_last || c->since_last;
}

/* Text with HTML angle brackets neutralised and "(#N)" linked. */
static void put_text(struct buf *b, const char *s, size_t n,
		     const struct changelog_opts *o)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		if (s[i] == '<' || s[i] == '>') {
			buf_puts(b, s[i] == '<' ? "&lt;" : "&gt;");
			continue;
		}
		if (o->repo_url && s[i] == '(' && i + 2 < n && s[i + 1] == '#') {
			for (k = i + 2; k < n && k - i < 12 && s[k] >= '0' && s[k] <= '9'; k++)
				;
			if (k > i + 2 && k < n && s[k] == ')') {
				buf_printf(b, "([#%.*s](%s/pull/%.*s))", (int)(k - i - 2),
					   s + i + 2, o->repo_url, (int)(k - i - 2), s + i + 2);
				i = k;
				continue;
			}
		}
		buf_putc(b, s[i]);
	}
}

static void put_ref(struct buf *b, const struct hist_commit *c,
		    const struct changelog_opts *o)
{
	if (o->repo_url)
		buf_printf(b, " ([%.7s](%s/commit/%s))", c->oid, o->repo_url, c->oid);
	else
		buf_printf(b, " (%.7s)", c->oid);
}

static void put_scope(struct buf *b, const struct hist_commit *c,
		      const struct changelog_opts *o)
{
	if (!c->cc.scope)
		return;
	buf_puts(b, "**");
	put_text(b, c->cc.scope, strcspn(c->cc.scope, "*"), o);
	buf_puts(b, ":** ");
}

/* A breaking entry: continuation lines indented, the link at the end. */
static void put_breaking(struct buf *b, const struct hist_commit *c,
			 const struct changelog_opts *o)
{
	const char *t = c->cc.breaking_text, *nl;

	buf_puts(b, "- ");
	put_scope(b, c, o);
	while ((nl = strchr(t, '\n'))) {
		put_text(b, t, (size_t)(nl - t), o);
		buf_puts(b, "\n  ");
		t = nl + 1;
	}
	put_text(b, t, strlen(t), o);
	put_ref(b, c, o);
	buf_putc(b, '\n');
}

void chl_heading(struct buf *b, const struct changelog_opts *o)
{
	if (o->repo_url && o->tag && o->prev_tag)
		buf_printf(b, "## [%s](%s/compare/%s...%s)", o->version, o->repo_url,
			   o->prev_tag, o->tag);
	else
		buf_printf(b, "## %s", o->version);
	if (o->date)
		buf_printf(b, " (%s)", o->date);
}

static int in_breaking(const struct hist_commit *c)
{
	return c->cc.breaking && !(c->nparents > 1 && !c->cc.conforming);
}

static void put_entry(struct buf *b, const struct hist_commit *c, int s,
		      const struct changelog_opts *o)
{
	if (s == CHL_BREAKING) {
		put_breaking(b, c, o);
		return;
	}
	buf_puts(b, "- ");
	put_scope(b, c, o);
	if (!sections[s].type && c->cc.conforming) /* unknown type */
		buf_printf(b, "%s: ", c->cc.type);
	put_text(b, c->cc.subject, strlen(c->cc.subject), o);
	put_ref(b, c, o);
	buf_putc(b, '\n');
}

size_t chl_block(struct buf *b, const struct hist_commit *c, size_t n,
		 const struct changelog_opts *o, int s, const char *lead)
{
	size_t i, count = 0;
	int in;

	for (i = 0; i < n; i++) {
		if (!wanted(&c[i], o))
			continue;
		in = s == CHL_BREAKING ? in_breaking(&c[i]) : in_section(&c[i], &sections[s]);
		if (!in)
			continue;
		if (!count++)
			buf_printf(b, "%s### %s\n\n", lead,
				   s == CHL_BREAKING ? "⚠ BREAKING CHANGES" : sections[s].title);
		put_entry(b, &c[i], s, o);
	}
	return count;
}

static size_t put_sections(struct buf *b, const struct hist_commit *c, size_t n,
			   const struct changelog_opts *o)
{
	size_t count;
	int s;

	count = chl_block(b, c, n, o, CHL_BREAKING, "\n");
	for (s = 0; s < CHL_NSECTIONS; s++)
		count += chl_block(b, c, n, o, s, "\n");
	return count;
}

void chl_cut(struct buf *b, size_t max)
{
	size_t end = max > 200 ? max - 200 : 0, left = 0, i;
	char note[160];

	while (end > 0 && b->ptr[end - 1] != '\n')
		end--;
	for (i = end; i + 1 < b->len; i++)
		left += b->ptr[i] == '\n' && b->ptr[i + 1] == '-';
	left += end < b->len && b->ptr[end] == '-';
	buf_truncate(b, end);
	snprintf(note, sizeof(note), "\n_%zu more entries left out: the notes are "
		 "limited to %zu bytes._\n", left, max);
	buf_puts(b, note);
}

int changelog_render(struct buf *out, const struct hist_commit *c, size_t n,
		     const struct changelog_opts *o)
{
	struct buf b = BUF_INIT(BUF_MAX_JSON);
	size_t max = o->max_len ? o->max_len : CHANGELOG_MAX;
	int rc = 0;

	if (o->tpl) {
		if ((rc = chl_tpl_render(&b, c, n, o)))
			goto done;
	} else {
		chl_heading(&b, o);
		buf_putc(&b, '\n');
		if (!put_sections(&b, c, n, o))
			buf_puts(&b, "\nNo changes.\n");
	}
	if (buf_failed(&b)) {
		rc = err_set("release notes: %s", buf_failed(&b) == BUF_ETOOBIG ?
			     "too large" : "out of memory");
		goto done;
	}
	if (b.len > max)
		chl_cut(&b, max);
	if (buf_add(out, b.ptr, b.len))
		rc = err_set("release notes: output buffer full");
done:
	buf_release(&b);
	return rc;
}
