/* history.h - version tags reachable from HEAD and the commits since the last release. */
#ifndef SHIP_HISTORY_H
#define SHIP_HISTORY_H

#include <stddef.h>
#include "../core/git.h"
#include "bump.h"
#include "conventional.h"
#include "semver.h"

/* More commits than this since the last release is refused (ERR_TOOBIG). */
#define HISTORY_MAX_COMMITS 2000000u

struct hist_tag {
	char *name;                 /* full tag name ("v1.2.3"); owned */
	char oid[REPO_OID_HEX];     /* the commit */
	struct semver ver;          /* parsed from the name after the prefix */
};

struct hist_commit {
	char oid[REPO_OID_HEX];
	char *author;               /* owned */
	unsigned nparents;
	int since_last;             /* also newer than the last tag (see below) */
	enum bump_level level;
	struct cc_commit cc;        /* owned */
};

struct hist_opts {
	const char *prefix;         /* tag prefix; NULL = "v" ("" for bare versions) */
	int first_parent;           /* follow first parents only */
	const char *skip_tag;       /* a tag name to leave out, or NULL: publish
				       re-plans the release of a tag on HEAD as it
				       was before that tag existed (re-runs) */
};
#define HIST_OPTS_INIT { NULL, 0, NULL }

/*
 * Everything owned by the struct; history_release() frees it.
 * `last` and `last_stable` point into `tags` (NULL when none).
 */
struct history {
	char head[REPO_OID_HEX];
	struct hist_tag *tags;      /* every version tag, highest precedence first */
	struct semver *versions;    /* the same versions as a plain array */
	size_t ntags;
	const struct hist_tag *last;        /* highest version reachable from HEAD */
	const struct hist_tag *last_stable; /* highest release (no pre-release) reachable */
	struct hist_commit *commits;        /* since last_stable (or all), newest first */
	size_t ncommits;
};

/*
 * Reads tags and commits. Tags whose name is not prefix + a SemVer
 * version are ignored; so are tags not reachable from HEAD when choosing
 * `last` (with first_parent: not on HEAD's first-parent chain). Commits are those reachable from HEAD and not from last_stable;
 * since_last marks the ones not reachable from `last` either. In
 * first-parent mode a GitHub merge commit ("Merge pull request #N from
 * ...") whose body is a conventional message stands for the pull request:
 * its body is parsed and " (#N)" added to the subject. In a shallow
 * clone with no release tag in the fetched history it fails with
 * ERR_INVALID rather than report a first release.
 */
int history_load(struct history *h, struct repo *r, const struct hist_opts *o);
void history_release(struct history *h);

/* Fills *in from h (pointers borrowed from h). */
void history_bump_input(const struct history *h, struct bump_input *in);

#endif
