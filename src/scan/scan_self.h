/* scan_self.h - `ship scan --self`: which findings concern the components ship is built from. */
#ifndef SHIP_SCAN_SELF_H
#define SHIP_SCAN_SELF_H

#include <stddef.h>
#include "core/manifest.h"
#include "finding.h"

/*
 * A finding concerns component C when its ecosystem is not a language
 * package registry (npm, PyPI, crates.io, Go, Maven, RubyGems, NuGet,
 * Packagist, Pub, Hex, CRAN, Hackage, SwiftURL, ...) and its package name
 * is one of C's known names (docs/scan.md: e.g. curl, libcurl4,
 * libcurl3-gnutls for curl; zlib, zlib1g for zlib), case-insensitive.
 * Returns the component or NULL. comps ends with a NULL name.
 */
const struct component *scan_self_component(const struct component *comps,
					    const struct finding *f);

/*
 * 1 when the finding's installed version is the version ship embeds:
 * equal to c->version or c->debian_revision, or equal to c->version
 * once an epoch ("1:") and a packaging revision ("-1", "-r0",
 * "+deb13u1", "+dfsg") are removed. An unknown version matches nothing.
 */
int scan_self_version_applies(const struct component *c, const char *installed);

struct self_stats {
	size_t applies;        /* kept: ship's component at ship's version */
	size_t other_version;  /* moved to *na: ship's component, other version */
	size_t unrelated;      /* dropped: not a ship component */
};

/*
 * Filters fs in place for --self: keeps the findings that apply (their
 * target becomes "ship VERSION (COMPONENT VERSION)" and any lockfile
 * location is cleared), moves those about a component at another
 * version to *na (caller-owned, findings_free), drops the rest.
 * 0 or ERR_FAIL (allocation).
 */
int scan_self_filter(const struct component *comps, const char *ship_version,
		     struct findings *fs, struct findings *na, struct self_stats *st);

#endif
