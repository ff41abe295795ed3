/* changelog.h - the Markdown release notes for a list of commits. */
#ifndef SHIP_CHANGELOG_H
#define SHIP_CHANGELOG_H

#include <stddef.h>
#include "../core/buf.h"
#include "history.h"

/* GitHub refuses release bodies over 125000 characters. */
#define CHANGELOG_MAX 125000u

struct changelog_opts {
	const char *version;  /* heading text ("1.3.0"); required */
	const char *tag;      /* "v1.3.0": compare link target, or NULL */
	const char *prev_tag; /* "v1.2.3": compare link base, or NULL */
	const char *repo_url; /* "https://github.com/o/r" (no trailing '/'), or
				 NULL for plain text without links */
	const char *date;     /* "2026-11-21" or NULL */
	int only_since_last;  /* only commits with since_last (pre-releases) */
	size_t max_len;       /* 0 = CHANGELOG_MAX */
	const char *tpl;      /* template text (docs/publish.md), or NULL for
				 the fixed layout; checked by changelog_tpl_check */
	size_t tpl_len;
	const char *tpl_name; /* the template's file name, for messages */
};

/* A template file holds at most this many bytes. */
#define CHANGELOG_TPL_MAX (64u << 10)

/*
 * Appends the notes to out: a heading, then "BREAKING CHANGES" (the
 * footer text, or the subject of a '!' commit), then one section per type
 * in a fixed order (docs/publish.md), "Other" last for unknown types and
 * non-conforming messages. Merge commits that are not conventional are
 * left out. Scopes are bold; short SHAs link to the commit and "(#123)"
 * to the pull request when repo_url is set. Notes longer than max_len are
 * cut at a line end with a note saying how many entries were left out.
 * With o->tpl the template decides the layout (changelog_tpl.c); the
 * entries and the cap are the same. Strings are borrowed. 0, or -1 when out failed (err_set).
 */
int changelog_render(struct buf *out, const struct hist_commit *c, size_t n,
		     const struct changelog_opts *o);

/*
 * Checks a template before any history is read: at most CHANGELOG_TPL_MAX
 * bytes, no NUL byte, every "{{" closed on its line, every placeholder
 * known. 0, or ERR_TOOBIG / ERR_INVALID with "NAME: line L, column C: ..."
 * (err_set). name is the file name for messages.
 */
int changelog_tpl_check(const char *tpl, size_t len, const char *name);

#endif
