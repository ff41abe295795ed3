/* p_npm_audit.c - npm audit --json (auditReportVersion 2, npm >= 7) to findings. */
#include "pj.h"
#include "../core/err.h"
#include "../core/jv.h"

#include <stdio.h>
#include <string.h>

/*
 * vulnerabilities{<pkg>: {name, severity, via[], fixAvailable, ...}}:
 * via[] holds advisory objects (one finding each) and strings naming
 * another vulnerable package (its advisories are listed under that
 * package, so strings add nothing). There is no installed version; the
 * lockfile locator fills it from package-lock.json when it can.
 */
static int advisory_id(struct finding *f, const struct jv *via)
{
	const char *url = jv_get_str(via, "url");
	const char *g = url ? strstr(url, "GHSA-") : NULL;
	long long src;
	char buf[64];

	if (g)
		return finding_set(&f->id, g);
	if (jv_int(jv_get(via, "source"), &src) == 0) {
		snprintf(buf, sizeof(buf), "NPM-%lld", src);
		return finding_set(&f->id, buf);
	}
	return err_setc(ERR_INVALID, "no advisory id");
}

static int via(struct findings *out, const struct jv *v, const struct jv *vuln,
	       const char *name, const char *at)
{
	struct finding f;
	struct jv *cvss;
	const char *s;
	int rc;

	finding_init(&f);
	if ((rc = pj_set(&f.package, v, "name", name, at)) < 0 ||
	    (rc = pj_set(&f.title, v, "title", name, at)) < 0 ||
	    (rc = pj_set(&f.url, v, "url", name, at)) < 0 ||
	    (rc = pj_str(v, "severity", &s, name, at)) < 0 ||
	    (rc = pj_obj(v, "cvss", &cvss, name, at)) < 0)
		goto done;
	f.severity = sev_parse(s);
	if ((rc = advisory_id(&f, v)) < 0) {
		rc = err_setc(ERR_INVALID, "%s: %s: expected url (GHSA) or source", name, at);
		goto done;
	}
	s = jv_get_str(cvss, "vectorString");
	if (s && *s && (rc = finding_set(&f.cvss_vector, s)) < 0)
		goto done;
	f.cvss_score = jv_num(jv_get(cvss, "score"), -1);
	if (f.cvss_score <= 0 && !f.cvss_vector)
		f.cvss_score = -1;
	/* fixAvailable: true, or {name, version} of the update that fixes it. */
	f.fixable = jv_bool(jv_get(vuln, "fixAvailable"), 0) ||
		    jv_type(jv_get(vuln, "fixAvailable")) == JV_OBJ;
	if (!f.package)
		rc = pj_set(&f.package, vuln, "name", name, at);
	if (rc < 0 || (rc = finding_set(&f.ecosystem, "npm")) < 0 ||
	    (rc = finding_set(&f.target, "package-lock.json")) < 0 ||
	    (rc = finding_set(&f.file, "package-lock.json")) < 0)
		goto done;
	finding_fill_from_cvss(&f);
	if ((rc = strv_add(&f.sources, "npm-audit")) == 0)
		rc = findings_push(out, &f);
done:
	finding_clear(&f);
	return rc;
}

int scan_parse_npm_audit(const struct jv *doc, const char *name, struct findings *out)
{
	struct jv *vulns, *vuln, *vias;
	void *it = NULL;
	const char *key;
	int rc;

	if ((rc = pj_obj(doc, "vulnerabilities", &vulns, name, "")) < 0)
		return rc;
	while (rc == 0 && (key = jv_iter(vulns, &it, &vuln))) {
		char at[160];
		size_t i;

		snprintf(at, sizeof(at), "vulnerabilities.%.100s", key);
		if (jv_type(vuln) != JV_OBJ)
			return err_setc(ERR_INVALID, "%s: %s: expected an object (got %s)",
					name, at, pj_type_name(vuln));
		if ((rc = pj_arr(vuln, "via", &vias, name, at)) < 0)
			return rc;
		for (i = 0; rc == 0 && i < jv_len(vias); i++) {
			const struct jv *v = jv_at(vias, i);
			char vat[200];

			snprintf(vat, sizeof(vat), "%s.via[%zu]", at, i);
			if (jv_type(v) == JV_STR)
				continue;
			if (jv_type(v) != JV_OBJ)
				return err_setc(ERR_INVALID,
						"%s: %s: expected a string or an object (got %s)",
						name, vat, pj_type_name(v));
			rc = via(out, v, vuln, name, vat);
		}
	}
	return rc;
}
