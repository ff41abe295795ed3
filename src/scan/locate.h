/* locate.h - finding each package's manifest/lockfile line in the repository. */
#ifndef SHIP_SCAN_LOCATE_H
#define SHIP_SCAN_LOCATE_H

#include "finding.h"

/*
 * A locator reads lockfiles under a repository root once and answers
 * many lookups. Supported: Cargo.lock, package-lock.json (v1-v3),
 * yarn.lock, pnpm-lock.yaml, go.mod, go.sum, requirements*.txt,
 * poetry.lock, Gemfile.lock. Each file is read at most BUF_MAX_JSON
 * bytes (ERR_TOOBIG above).
 */
struct locator;

/* root is copied. *out is caller-owned: locator_free(). */
int locator_new(struct locator **out, const char *root);
void locator_free(struct locator *l);

/*
 * Sets f->file (relative to the root) and f->line (1-based, the line of
 * the package entry) when found. The file named by the report is tried
 * first (absolute paths under the root are made relative; others are
 * looked up by base name at the root), then the ecosystem's usual
 * lockfiles at the root. A report-given line is kept when its file
 * exists. For npm findings without an installed version it is read from
 * package-lock.json. Returns 0 when located, ERR_NOTFOUND when not (f is
 * unchanged then), or a read error.
 */
int locator_find(struct locator *l, struct finding *f);

/* locator_find for every package finding; returns how many were located
 * (>= 0) or a read error. */
int scan_locate_all(const char *root, struct findings *fs);

#endif
