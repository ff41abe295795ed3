/* p_grype.c - Grype JSON matches to findings. */
#include "pj.h"
#include "../core/err.h"
#include "../core/jv.h"

#include <stdio.h>
#include <string.h>

/* Grype's artifact.type (syft package type) to the OSV ecosystem name. */
static const char *ecosystem(const char *type)
{
	static const char *const map[][2] = {
		{ "rust-crate", "crates.io" }, { "npm", "npm" }, { "python", "PyPI" },
		{ "go-module", "Go" }, { "gem", "RubyGems" }, { "php-composer", "Packagist" },
		{ "dotnet", "NuGet" }, { "java-archive", "Maven" }, { "apk", "Alpine" },
		{ "deb", "Debian" }, { "rpm", "Red Hat" },
	};
	size_t i;

	for (i = 0; type && i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(type, map[i][0]))
			return map[i][1];
	return type;
}

/* The first CVSS entry with a v3/v4 vector. */
static int cvss(struct finding *f, const struct jv *vul, const char *name, const char *at)
{
	struct jv *list;
	size_t i;
	int rc = pj_arr(vul, "cvss", &list, name, at);

	for (i = 0; rc == 0 && i < jv_len(list); i++) {
		const char *vec = jv_get_str(jv_at(list, i), "vector");

		if (vec && !strncmp(vec, "CVSS:", 5)) {
			f->cvss_score = jv_num(jv_get(jv_get(jv_at(list, i), "metrics"),
						      "baseScore"), -1);
			return finding_set(&f->cvss_vector, vec);
		}
	}
	return rc;
}

static int related(struct finding *f, const struct jv *m, const char *name, const char *at)
{
	struct jv *rel;
	size_t i;
	int rc = pj_arr(m, "relatedVulnerabilities", &rel, name, at);

	for (i = 0; rc == 0 && i < jv_len(rel); i++) {
		const char *id = jv_get_str(jv_at(rel, i), "id");

		if (id && (!f->id || strcmp(id, f->id)))
			rc = strv_add_uniq(&f->aliases, id);
	}
	return rc;
}

static int match(struct finding *f, const struct jv *m, int dir, const char *name,
		 const char *at)
{
	struct jv *vul, *art, *fix, *locs;
	const char *s, *state, *path;
	char av[96], af[96], aa[96];
	int rc;

	snprintf(av, sizeof(av), "%s.vulnerability", at);
	snprintf(af, sizeof(af), "%s.vulnerability.fix", at);
	snprintf(aa, sizeof(aa), "%s.artifact", at);

	if ((rc = pj_obj(m, "vulnerability", &vul, name, at)) < 0 ||
	    (rc = pj_obj(m, "artifact", &art, name, at)) < 0)
		return rc;
	if (!vul || !art)
		return err_setc(ERR_INVALID, "%s: %s: expected vulnerability and artifact",
				name, at);
	if ((rc = pj_set(&f->id, vul, "id", name, av)) < 0 ||
	    (rc = pj_str(vul, "severity", &s, name, av)) < 0 ||
	    (rc = pj_set(&f->title, vul, "description", name, av)) < 0 ||
	    (rc = pj_obj(vul, "fix", &fix, name, av)) < 0 ||
	    (rc = pj_strs(&f->fixed, fix, "versions", name, af)) < 0 ||
	    (rc = pj_str(fix, "state", &state, name, af)) < 0 ||
	    (rc = cvss(f, vul, name, av)) < 0 ||
	    (rc = related(f, m, name, at)) < 0 ||
	    (rc = pj_set(&f->package, art, "name", name, aa)) < 0 ||
	    (rc = pj_set(&f->installed, art, "version", name, aa)) < 0 ||
	    (rc = pj_arr(art, "locations", &locs, name, aa)) < 0)
		return rc;
	f->severity = sev_parse(s);
	if (!f->id)
		return err_setc(ERR_INVALID, "%s: %s.vulnerability.id: missing", name, at);
	f->fixable = state && !strcmp(state, "fixed");
	if ((rc = finding_set(&f->url, jv_str(jv_at(jv_get(vul, "urls"), 0)))) < 0 ||
	    (rc = finding_set(&f->ecosystem, ecosystem(jv_get_str(art, "type")))) < 0)
		return rc;
	path = jv_get_str(jv_at(locs, 0), "path");
	if (path && (rc = finding_set(&f->target, path)) < 0)
		return rc;
	/* Directory scans report paths from the scanned root ("/go.mod"). */
	if (path && dir && (rc = finding_set(&f->file, path + (*path == '/'))) < 0)
		return rc;
	pj_finish(f);
	return strv_add(&f->sources, "grype");
}

int scan_parse_grype(const struct jv *doc, const char *name, struct findings *out)
{
	struct jv *matches;
	const char *st = jv_get_str(jv_get(doc, "source"), "type");
	int dir = st && !strcmp(st, "directory");
	char at[48];
	size_t i;
	int rc = pj_arr(doc, "matches", &matches, name, "");

	for (i = 0; rc == 0 && i < jv_len(matches); i++) {
		struct jv *m = jv_at(matches, i);
		struct finding f;

		snprintf(at, sizeof(at), "matches[%zu]", i);
		if (jv_type(m) != JV_OBJ)
			return err_setc(ERR_INVALID, "%s: %s: expected an object (got %s)",
					name, at, pj_type_name(m));
		finding_init(&f);
		rc = match(&f, m, dir, name, at);
		if (rc == 0)
			rc = findings_push(out, &f);
		finding_clear(&f);
	}
	return rc;
}
