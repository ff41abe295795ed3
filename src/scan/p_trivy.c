/* p_trivy.c - Trivy JSON (SchemaVersion 2) vulnerabilities to findings. */
#include "pj.h"
#include "../core/err.h"
#include "../core/jv.h"

#include <stdio.h>
#include <string.h>

/* Trivy's Result.Type to the OSV ecosystem name (NULL: keep Trivy's). */
static const char *ecosystem(const char *type)
{
	static const char *const map[][2] = {
		{ "cargo", "crates.io" }, { "rust-binary", "crates.io" },
		{ "npm", "npm" }, { "yarn", "npm" }, { "pnpm", "npm" },
		{ "bun", "npm" }, { "node-pkg", "npm" },
		{ "pip", "PyPI" }, { "pipenv", "PyPI" }, { "poetry", "PyPI" },
		{ "uv", "PyPI" }, { "python-pkg", "PyPI" },
		{ "gomod", "Go" }, { "gobinary", "Go" },
		{ "bundler", "RubyGems" }, { "gemspec", "RubyGems" },
		{ "composer", "Packagist" }, { "nuget", "NuGet" },
		{ "pom", "Maven" }, { "gradle", "Maven" }, { "jar", "Maven" },
		{ "alpine", "Alpine" }, { "debian", "Debian" }, { "ubuntu", "Ubuntu" },
	};
	size_t i;

	for (i = 0; type && i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(type, map[i][0]))
			return map[i][1];
	return type;
}

/* "3.1.0, 2.6.9" or ">= 3.1.0, < 3.0.0": one entry per comma-separated part. */
static int split_fixed(struct strv *l, const char *s)
{
	char part[256];

	while (s && *s) {
		size_t n = strcspn(s, ","), b = 0, e = n;

		while (b < e && s[b] == ' ')
			b++;
		while (e > b && s[e - 1] == ' ')
			e--;
		if (e > b && e - b < sizeof(part)) {
			memcpy(part, s + b, e - b);
			part[e - b] = 0;
			if (strv_add_uniq(l, part) < 0)
				return -1;
		}
		s += n;
		if (*s == ',')
			s++;
	}
	return 0;
}

/* The lockfile line of a package: Packages[].Locations[0].StartLine. */
static long package_line(const struct jv *pkgs, const char *pkgid,
			 const char *name, const char *version)
{
	size_t i;

	for (i = 0; i < jv_len(pkgs); i++) {
		const struct jv *p = jv_at(pkgs, i);
		const char *id = jv_get_str(p, "ID");
		long long line;

		if (pkgid ? !(id && !strcmp(id, pkgid)) :
		    !(name && version && jv_get_str(p, "Name") && jv_get_str(p, "Version") &&
		      !strcmp(name, jv_get_str(p, "Name")) &&
		      !strcmp(version, jv_get_str(p, "Version"))))
			continue;
		if (jv_int(jv_get(jv_at(jv_get(p, "Locations"), 0), "StartLine"), &line) == 0 &&
		    line > 0)
			return (long)line;
	}
	return 0;
}

/* CVSS entry: the one of SeveritySource, else nvd, else the first. */
static int cvss(struct finding *f, const struct jv *v, const char *name, const char *at)
{
	struct jv *all, *c;
	const char *src, *vec = NULL;
	void *it = NULL;
	int rc;

	if ((rc = pj_obj(v, "CVSS", &all, name, at)) < 0 || !all)
		return rc;
	if ((rc = pj_str(v, "SeveritySource", &src, name, at)) < 0)
		return rc;
	c = src ? jv_get(all, src) : NULL;
	if (!c)
		c = jv_get(all, "nvd");
	if (!c)
		jv_iter(all, &it, &c);
	if (jv_type(c) != JV_OBJ)
		return 0;
	if ((rc = pj_str(c, "V3Vector", &vec, name, at)) < 0)
		return rc;
	if (!vec && (rc = pj_str(c, "V40Vector", &vec, name, at)) < 0)
		return rc;
	if (vec && (rc = finding_set(&f->cvss_vector, vec)) < 0)
		return rc;
	f->cvss_score = jv_num(jv_get(c, vec && !strncmp(vec, "CVSS:4", 6) ?
				      "V40Score" : "V3Score"), -1);
	return 0;
}

static int vuln(struct finding *f, const struct jv *v, const struct jv *res,
		const char *name, const char *at)
{
	const char *s, *cls;
	int rc;

	if ((rc = pj_set(&f->id, v, "VulnerabilityID", name, at)) < 0 ||
	    (rc = pj_strs(&f->aliases, v, "VendorIDs", name, at)) < 0 ||
	    (rc = pj_set(&f->package, v, "PkgName", name, at)) < 0 ||
	    (rc = pj_set(&f->installed, v, "InstalledVersion", name, at)) < 0 ||
	    (rc = pj_set(&f->title, v, "Title", name, at)) < 0 ||
	    (rc = pj_set(&f->url, v, "PrimaryURL", name, at)) < 0 ||
	    (rc = pj_str(v, "FixedVersion", &s, name, at)) < 0 ||
	    split_fixed(&f->fixed, s) < 0 ||
	    (rc = pj_str(v, "Severity", &s, name, at)) < 0)
		return rc < 0 ? rc : -1;
	f->severity = sev_parse(s);
	if ((rc = cvss(f, v, name, at)) < 0)
		return rc;
	if (!f->id)
		return err_setc(ERR_INVALID, "%s: %s.VulnerabilityID: missing", name, at);
	if ((rc = pj_set(&f->target, res, "Target", name, "")) < 0 ||
	    (rc = pj_str(res, "Type", &s, name, "")) < 0 ||
	    (rc = finding_set(&f->ecosystem, ecosystem(s))) < 0 ||
	    (rc = pj_str(res, "Class", &cls, name, "")) < 0)
		return rc;
	/* Language packages: the target is the lockfile itself. */
	if (cls && !strcmp(cls, "lang-pkgs") && (rc = finding_set(&f->file, f->target)) < 0)
		return rc;
	f->line = package_line(jv_get(res, "Packages"), jv_get_str(v, "PkgID"),
			       f->package, f->installed);
	pj_finish(f);
	return strv_add(&f->sources, "trivy");
}

static int result(const struct jv *res, size_t ri, const char *name, struct findings *out)
{
	struct jv *vulns, *pkgs;
	char at[64];
	size_t i;
	int rc;

	snprintf(at, sizeof(at), "Results[%zu]", ri);
	if (jv_type(res) != JV_OBJ)
		return err_setc(ERR_INVALID, "%s: %s: expected an object (got %s)",
				name, at, pj_type_name(res));
	/* Packages is read later for lines; check its type here. */
	if ((rc = pj_arr(res, "Packages", &pkgs, name, at)) < 0 ||
	    (rc = pj_arr(res, "Vulnerabilities", &vulns, name, at)) < 0)
		return rc;
	for (i = 0; i < jv_len(vulns); i++) {
		struct jv *v = jv_at(vulns, i);
		struct finding f;
		const char *st;

		snprintf(at, sizeof(at), "Results[%zu].Vulnerabilities[%zu]", ri, i);
		if (jv_type(v) != JV_OBJ)
			return err_setc(ERR_INVALID, "%s: %s: expected an object (got %s)",
					name, at, pj_type_name(v));
		/* VEX said so: not a finding. */
		st = jv_get_str(v, "Status");
		if (st && !strcmp(st, "not_affected"))
			continue;
		finding_init(&f);
		rc = vuln(&f, v, res, name, at);
		if (rc == 0)
			rc = findings_push(out, &f);
		finding_clear(&f);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int scan_parse_trivy(const struct jv *doc, const char *name, struct findings *out)
{
	struct jv *results;
	size_t i;
	int rc = pj_arr(doc, "Results", &results, name, "");

	for (i = 0; rc == 0 && i < jv_len(results); i++)
		rc = result(jv_at(results, i), i, name, out);
	return rc;
}
