/* p_osv.c - osv-scanner JSON (results[] and the flattened list) to findings. */
#include "pj.h"
#include "../core/err.h"
#include "../core/jv.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* fixed events of the affected[] entries for this package. */
static int fixed(struct finding *f, const struct jv *rec)
{
	const struct jv *aff = jv_get(rec, "affected");
	size_t i, j, k;
	int rc = 0;

	for (i = 0; rc == 0 && i < jv_len(aff); i++) {
		const struct jv *a = jv_at(aff, i);
		const char *pn = jv_get_str(jv_get(a, "package"), "name");

		if (pn && f->package && strcasecmp(pn, f->package))
			continue;
		for (j = 0; j < jv_len(jv_get(a, "ranges")); j++) {
			const struct jv *ev = jv_get(jv_at(jv_get(a, "ranges"), j), "events");

			for (k = 0; rc == 0 && k < jv_len(ev); k++)
				rc = strv_add_uniq(&f->fixed, jv_get_str(jv_at(ev, k), "fixed"));
		}
	}
	return rc;
}

/* CVSS_V3 preferred (the score most tools agree on), else CVSS_V4. */
static int severity(struct finding *f, const struct jv *rec, const char *name,
		    const char *at)
{
	struct jv *sev;
	const char *ds;
	size_t i;
	int rc = pj_arr(rec, "severity", &sev, name, at), pass;

	for (pass = 0; rc == 0 && pass < 2 && !f->cvss_vector; pass++)
		for (i = 0; i < jv_len(sev); i++) {
			const char *t = jv_get_str(jv_at(sev, i), "type");
			const char *sc = jv_get_str(jv_at(sev, i), "score");

			if (t && sc && !strcmp(t, pass ? "CVSS_V4" : "CVSS_V3")) {
				rc = finding_set(&f->cvss_vector, sc);
				break;
			}
		}
	/* GitHub advisories carry a word: database_specific.severity. */
	ds = jv_get_str(jv_get(rec, "database_specific"), "severity");
	f->severity = sev_parse(ds);
	return rc;
}

static int url(struct finding *f, const struct jv *rec)
{
	const struct jv *refs = jv_get(rec, "references");
	char buf[300];
	size_t i;

	for (i = 0; i < jv_len(refs); i++) {
		const char *t = jv_get_str(jv_at(refs, i), "type");

		if (t && !strcmp(t, "ADVISORY"))
			return finding_set(&f->url, jv_get_str(jv_at(refs, i), "url"));
	}
	snprintf(buf, sizeof(buf), "https://osv.dev/vulnerability/%s", f->id);
	return finding_set(&f->url, buf);
}

/* One OSV record for one package; group_score < 0 when none. */
static int record(struct findings *out, const struct jv *rec, const struct jv *pkg,
		  const char *path, double group_score, const char *name, const char *at)
{
	struct finding f;
	int rc;

	if (jv_type(rec) != JV_OBJ)
		return err_setc(ERR_INVALID, "%s: %s: expected an object (got %s)",
				name, at, pj_type_name(rec));
	finding_init(&f);
	if ((rc = pj_set(&f.id, rec, "id", name, at)) < 0 ||
	    (rc = pj_strs(&f.aliases, rec, "aliases", name, at)) < 0 ||
	    (rc = pj_set(&f.title, rec, "summary", name, at)) < 0 ||
	    (rc = pj_set(&f.package, pkg, "name", name, "package")) < 0 ||
	    (rc = pj_set(&f.installed, pkg, "version", name, "package")) < 0 ||
	    (rc = pj_set(&f.ecosystem, pkg, "ecosystem", name, "package")) < 0 ||
	    (rc = severity(&f, rec, name, at)) < 0 ||
	    (rc = fixed(&f, rec)) < 0)
		goto done;
	if (!f.id) {
		rc = err_setc(ERR_INVALID, "%s: %s.id: missing", name, at);
		goto done;
	}
	if (!f.cvss_vector && group_score >= 0)
		f.cvss_score = group_score;
	if ((rc = url(&f, rec)) < 0 || (rc = finding_set(&f.target, path)) < 0 ||
	    (rc = finding_set(&f.file, path)) < 0)
		goto done;
	pj_finish(&f);
	if ((rc = strv_add(&f.sources, "osv-scanner")) == 0)
		rc = findings_push(out, &f);
done:
	finding_clear(&f);
	return rc;
}

/* max_severity of the group holding id ("7.5" or ""). */
static double group_score(const struct jv *groups, const char *id)
{
	size_t i, j;

	for (i = 0; id && i < jv_len(groups); i++) {
		const struct jv *g = jv_at(groups, i), *ids = jv_get(g, "ids");
		double s;

		for (j = 0; j < jv_len(ids); j++)
			if (jv_str(jv_at(ids, j)) && !strcmp(jv_str(jv_at(ids, j)), id) &&
			    pj_num(g, "max_severity", &s, "", "") == 0)
				return s;
	}
	return -1;
}

static int package(struct findings *out, const struct jv *p, const char *path,
		   const char *name, const char *at)
{
	struct jv *pkg, *vulns, *groups;
	char vat[192];
	size_t i;
	int rc;

	if ((rc = pj_obj(p, "package", &pkg, name, at)) < 0 ||
	    (rc = pj_arr(p, "vulnerabilities", &vulns, name, at)) < 0 ||
	    (rc = pj_arr(p, "groups", &groups, name, at)) < 0)
		return rc;
	for (i = 0; rc == 0 && i < jv_len(vulns); i++) {
		const struct jv *v = jv_at(vulns, i);

		snprintf(vat, sizeof(vat), "%s.vulnerabilities[%zu]", at, i);
		rc = record(out, v, pkg, path, group_score(groups, jv_get_str(v, "id")),
			    name, vat);
	}
	return rc;
}

static int results(const struct jv *doc, const char *name, struct findings *out)
{
	struct jv *res, *src, *pkgs;
	const char *path;
	char at[64];
	size_t i, j;
	int rc = pj_arr(doc, "results", &res, name, "");

	for (i = 0; rc == 0 && i < jv_len(res); i++) {
		snprintf(at, sizeof(at), "results[%zu]", i);
		if ((rc = pj_obj(jv_at(res, i), "source", &src, name, at)) < 0 ||
		    (rc = pj_str(src, "path", &path, name, at)) < 0 ||
		    (rc = pj_arr(jv_at(res, i), "packages", &pkgs, name, at)) < 0)
			return rc;
		for (j = 0; rc == 0 && j < jv_len(pkgs); j++) {
			char pat[128];

			snprintf(pat, sizeof(pat), "%s.packages[%zu]", at, j);
			rc = package(out, jv_at(pkgs, j), path, name, pat);
		}
	}
	return rc;
}

/* The flattened form: [{Source, Package, Vulnerability, GroupInfo}]. */
static int flattened(const struct jv *doc, const char *name, struct findings *out)
{
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < jv_len(doc); i++) {
		const struct jv *e = jv_at(doc, i);
		struct jv *src, *pkg, *vul, *grp;
		const char *path;
		double gs = -1;
		char at[48];

		snprintf(at, sizeof(at), "[%zu]", i);
		if ((rc = pj_obj(e, "Source", &src, name, at)) < 0 ||
		    (rc = pj_str(src, "path", &path, name, at)) < 0 ||
		    (rc = pj_obj(e, "Package", &pkg, name, at)) < 0 ||
		    (rc = pj_obj(e, "Vulnerability", &vul, name, at)) < 0 ||
		    (rc = pj_obj(e, "GroupInfo", &grp, name, at)) < 0 ||
		    (grp && (rc = pj_num(grp, "max_severity", &gs, name, at)) < 0))
			return rc;
		snprintf(at, sizeof(at), "[%zu].Vulnerability", i);
		rc = record(out, vul, pkg, path, gs, name, at);
	}
	return rc;
}

int scan_parse_osv(const struct jv *doc, const char *name, struct findings *out)
{
	if (jv_type(doc) == JV_ARR)
		return flattened(doc, name, out);
	return results(doc, name, out);
}
