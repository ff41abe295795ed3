/* bump.h - the next version from commit levels and tags, by explicit rules (docs/publish.md). */
#ifndef SHIP_BUMP_H
#define SHIP_BUMP_H

#include <stddef.h>
#include "semver.h"
#include "conventional.h"

enum bump_level { BUMP_NONE = 0, BUMP_PATCH, BUMP_MINOR, BUMP_MAJOR };

/* breaking -> major, feat -> minor, fix/perf -> patch, anything else
 * (including non-conforming messages) -> none. */
enum bump_level bump_level_of(const struct cc_commit *c);
/* "none", "patch", "minor", "major" (static). */
const char *bump_level_name(enum bump_level l);

struct bump_opts {
	int keep_zerover;       /* while major is 0, breaking bumps the minor */
	const char *prerelease; /* channel ("rc") or NULL; borrowed */
	const char *version;    /* explicit next version or NULL; borrowed */
	const char *initial;    /* first version when there is no tag; NULL = 0.1.0 */
};
#define BUMP_OPTS_INIT { 1, NULL, NULL, NULL }

/* What the history says. Pointers are borrowed for the call. */
struct bump_input {
	const struct semver *last_stable; /* highest release tag reachable, or NULL */
	const struct semver *last;        /* highest version tag reachable (may be a
					     pre-release), or NULL */
	enum bump_level level_stable;     /* max level since last_stable (all if NULL) */
	enum bump_level level_last;       /* max level since last (all if NULL) */
	size_t ncommits_stable;           /* commits since last_stable (all if NULL) */
	const struct semver *existing;    /* every version tag in the repository */
	size_t nexisting;
};

struct bump_result {
	int release;            /* 0: nothing to release (next is unset) */
	struct semver next;
	enum bump_level level;  /* the level that was applied */
	const char *reason;     /* static text for logs and --dry-run */
};

/*
 * Computes the next version. ERR_INVALID for a bad option (a --version that
 * does not parse or is not above the last tag, a bad channel or initial
 * version); ERR_CONFLICT when the computed version is already tagged
 * elsewhere in the repository (a tag not reachable from HEAD).
 */
int bump_next(struct bump_result *r, const struct bump_input *in,
	      const struct bump_opts *o);

#endif
