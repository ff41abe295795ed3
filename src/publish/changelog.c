/* changelog.c - the Markdown release notes for a list of commits. */
#include "changelog.h"
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

static void put_heading(struct buf *b, const struct changelog_opts *o)
{
	if (o->repo_url && o->tag && o->prev_tag)
		buf_printf(b, "## [%s](%s/compare/%s...%s)", o->version, o->repo_url,
			   o->prev_tag, o->tag);
	else
		buf_printf(b, "## %s", o->version);
	if (o->date)
		buf_printf(b, " (%s)", o->date);
	buf_puts(b, "\n");
}

static size_t put_sections(struct buf *b, const struct hist_commit *c, size_t n,
			   const struct changelog_opts *o)
{
	size_t s, i, count = 0, first;

	for (i = 0, first = 1; i < n; i++) {
		if (!wanted(&c[i], o) || !c[i].cc.breaking || (c[i].nparents > 1 && !c[i].cc.conforming))
			continue;
		if (first)
			buf_puts(b, "\n### ⚠ BREAKING CHANGES\n\n");
		first = 0;
		put_breaking(b, &c[i], o);
		count++;
	}
	for (s = 0; s < NSECTIONS; s++) {
		for (i = 0, first = 1; i < n; i++) {
			if (!wanted(&c[i], o) || !in_section(&c[i], &sections[s]))
				continue;
			if (first)
				buf_printf(b, "\n### %s\n\n", sections[s].title);
			first = 0;
			buf_puts(b, "- ");
			put_scope(b, &c[i], o);
			if (!sections[s].type && c[i].cc.conforming) /* unknown type */
				buf_printf(b, "%s: ", c[i].cc.type);
			put_text(b, c[i].cc.subject, strlen(c[i].cc.subject), o);
			put_ref(b, &c[i], o);
			buf_putc(b, '\n');
			count++;
		}
	}
	return count;
}

/* Cuts b at a line end so that it fits in max with the note. */
static void cut(struct buf *b, size_t max)
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

	put_heading(&b, o);
	if (!put_sections(&b, c, n, o))
		buf_puts(&b, "\nNo changes.\n");
	if (buf_failed(&b)) {
		rc = err_set("release notes: %s", buf_failed(&b) == BUF_ETOOBIG ?
			     "too large" : "out of memory");
		goto done;
	}
	if (b.len > max)
		cut(&b, max);
	if (buf_add(out, b.ptr, b.len))
		rc = err_set("release notes: output buffer full");
done:
	buf_release(&b);
	return rc;
}
