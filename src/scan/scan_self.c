/* scan_self.c - `ship scan --self`: match findings against ship's embedded component manifest. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "scan_self.h"
#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Package names a component goes by in distributions and scanners. A
 * trailing '*' also accepts the name followed by a digit, '-' or '.'
 * (sonames and -dev packages: libcurl4, libcurl3-gnutls, libyaml-0-2).
 */
static const struct { const char *comp; const char *names[8]; } known[] = {
	{ "mbedtls", { "mbedtls*", "libmbedtls*", "libmbedcrypto*", "libmbedx509*", "mbed-tls", NULL } },
	{ "zlib", { "zlib", "zlib1g*", "zlib-dev", "zlib-devel", "zlib-static", "libz1", NULL } },
	{ "minizip", { "minizip*", "libminizip*", NULL } },
	{ "http-parser", { "http-parser*", "http_parser", "libhttp-parser*", NULL } },
	{ "jansson", { "jansson*", "libjansson*", NULL } },
	{ "yaml", { "libyaml*", "yaml", "yaml-dev", "yaml-static", NULL } },
	{ "curl", { "curl*", "libcurl*", NULL } },
	{ "libgit2", { "libgit2*", NULL } },
	{ "musl", { "musl*", NULL } },
};

/* Registries of language packages: none of ship's components comes from one. */
static const char *const lang_ecosystems[] = {
	"npm", "PyPI", "crates.io", "Go", "Maven", "RubyGems", "NuGet", "Packagist",
	"Pub", "Hex", "CRAN", "Hackage", "SwiftURL", "Bioconductor", "GHC", "opam",
	"Julia", "CocoaPods", NULL
};

static int name_matches(const char *pat, const char *name)
{
	size_t n = strlen(pat);
	char c;

	if (n && pat[n - 1] == '*') {
		n--;
		if (strncasecmp(pat, name, n))
			return 0;
		c = name[n];
		return !c || (c >= '0' && c <= '9') || c == '-' || c == '.';
	}
	return !strcasecmp(pat, name);
}

static int comp_has_name(const struct component *c, const char *name)
{
	char pat[96];
	size_t i, k;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strcmp(known[i].comp, c->name))
			continue;
		for (k = 0; known[i].names[k]; k++)
			if (name_matches(known[i].names[k], name))
				return 1;
		return 0;
	}
	/* A component without a table row: its name, or lib<name>. */
	snprintf(pat, sizeof(pat), "lib%s*", c->name);
	return !strcasecmp(c->name, name) || name_matches(pat, name);
}

const struct component *scan_self_component(const struct component *comps,
					    const struct finding *f)
{
	size_t i;

	if (f->kind != FINDING_PACKAGE || !f->package)
		return NULL;
	for (i = 0; f->ecosystem && lang_ecosystems[i]; i++)
		if (!strcasecmp(f->ecosystem, lang_ecosystems[i]))
			return NULL;
	for (; comps->name; comps++)
		if (comp_has_name(comps, f->package))
			return comps;
	return NULL;
}

/* The upstream part of a distribution version: no epoch, no revision
 * (after the last '-'), nothing after '+' or '~'. */
static void upstream(const char *v, char *out, size_t outsz)
{
	const char *colon = strchr(v, ':'), *p;
	size_t n;

	if (colon) {
		for (p = v; p < colon && *p >= '0' && *p <= '9'; p++)
			;
		if (p == colon && p > v)
			v = colon + 1;
	}
	n = strcspn(v, "+~");
	p = memrchr(v, '-', n);
	if (p)
		n = (size_t)(p - v);
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, v, n);
	out[n] = '\0';
}

int scan_self_version_applies(const struct component *c, const char *installed)
{
	char up[128];
	const char *v = installed;

	if (!v || !*v)
		return 0;
	if (v[0] == 'v' && v[1] >= '0' && v[1] <= '9')
		v++;
	if (!strcmp(v, c->version) || (c->debian_revision && !strcmp(v, c->debian_revision)))
		return 1;
	upstream(v, up, sizeof(up));
	return !strcmp(up, c->version);
}

/* A fixed version that is exactly what ship is built from: fixed in ship. */
static int fixed_in_ship(const struct component *c, const struct finding *f)
{
	size_t i;

	for (i = 0; i < f->fixed.n; i++)
		if (!strcmp(f->fixed.v[i], c->version) ||
		    (c->debian_revision && !strcmp(f->fixed.v[i], c->debian_revision)))
			return 1;
	return 0;
}

static int mark_applies(struct finding *f, const struct component *c, const char *ship_version)
{
	char t[256];

	snprintf(t, sizeof(t), "ship %s (%s %s)", ship_version, c->name, c->version);
	free(f->file);
	f->file = NULL;
	f->line = 0;
	return finding_set(&f->target, t);
}

int scan_self_filter(const struct component *comps, const char *ship_version,
		     struct findings *fs, struct findings *na, struct self_stats *st)
{
	const struct component *c;
	size_t i, keep = 0;
	int rc = 0;

	memset(st, 0, sizeof(*st));
	for (i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];

		if (rc || !(c = scan_self_component(comps, f))) {
			st->unrelated += !rc;
			finding_clear(f);
			continue;
		}
		if (scan_self_version_applies(c, f->installed) && !fixed_in_ship(c, f)) {
			if ((rc = mark_applies(f, c, ship_version)) == 0) {
				st->applies++;
				if (keep != i)
					fs->v[keep] = *f;
				keep++;
				continue;
			}
			finding_clear(f);
			continue;
		}
		st->other_version++;
		if ((rc = findings_push(na, f)))
			rc = err_set("out of memory");
	}
	fs->n = keep;
	return rc;
}
