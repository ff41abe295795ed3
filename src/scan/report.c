/* report.c - report format names, detection by shape, and parse dispatch. */
#include "report.h"
#include "pj.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../core/jv.h"

#include <string.h>

static const char *const fmt_names[] = {
	"auto", "trivy", "grype", "osv-scanner", "cargo-audit", "npm-audit", "sarif"
};
#define NFMT (sizeof(fmt_names) / sizeof(fmt_names[0]))
#define EXPECTED "Trivy JSON (SchemaVersion 2), Grype JSON, osv-scanner JSON, " \
	"cargo-audit JSON, npm audit JSON (npm >= 7) or SARIF 2.1.0"

const char *scan_format_name(enum scan_format f)
{
	return (size_t)f < NFMT ? fmt_names[f] : "?";
}

int scan_format_parse(const char *s, enum scan_format *out)
{
	size_t i;

	if (s && !strcmp(s, "osv")) /* short form used by the option's help */
		s = "osv-scanner";
	for (i = 0; s && i < NFMT; i++)
		if (!strcmp(s, fmt_names[i])) {
			*out = (enum scan_format)i;
			return 0;
		}
	return err_setc(ERR_USAGE, "unknown report format \"%s\" (expected auto, trivy, "
			"grype, osv-scanner (or osv), cargo-audit, npm-audit or sarif)", s ? s : "");
}

static int has(const struct jv *o, const char *k)
{
	return jv_get(o, k) != NULL;
}

static int detect_obj(const struct jv *doc, const char *name, enum scan_format *out)
{
	long long v;

	if (has(doc, "SchemaVersion") && (has(doc, "Results") || has(doc, "ArtifactName"))) {
		if (jv_int(jv_get(doc, "SchemaVersion"), &v) < 0 || v != 2)
			return err_setc(ERR_INVALID, "%s: Trivy report with SchemaVersion %lld "
					"(expected 2)", name, jv_int(jv_get(doc, "SchemaVersion"), &v) < 0 ? -1LL : v);
		*out = SCAN_FMT_TRIVY;
	} else if (has(doc, "matches") && (has(doc, "descriptor") || has(doc, "source"))) {
		*out = SCAN_FMT_GRYPE;
	} else if (has(doc, "runs") && (has(doc, "$schema") || has(doc, "version"))) {
		const char *ver = jv_get_str(doc, "version");

		if (!ver || strcmp(ver, "2.1.0"))
			return err_setc(ERR_INVALID, "%s: SARIF version %s (expected 2.1.0)",
					name, ver ? ver : "missing");
		*out = SCAN_FMT_SARIF;
	} else if (has(doc, "database") && has(doc, "lockfile") && has(doc, "vulnerabilities")) {
		*out = SCAN_FMT_CARGO_AUDIT;
	} else if (has(doc, "auditReportVersion") ||
		   (jv_type(jv_get(doc, "vulnerabilities")) == JV_OBJ && has(doc, "metadata"))) {
		if (jv_int(jv_get(doc, "auditReportVersion"), &v) < 0 || v != 2)
			return err_setc(ERR_INVALID, "%s: npm audit report version is not 2 "
					"(npm 6 format; expected npm >= 7)", name);
		*out = SCAN_FMT_NPM_AUDIT;
	} else if (has(doc, "advisories") && has(doc, "metadata")) {
		return err_setc(ERR_INVALID, "%s: npm 6 audit report (expected npm >= 7, "
				"auditReportVersion 2)", name);
	} else if (jv_type(jv_get(doc, "results")) == JV_ARR) {
		*out = SCAN_FMT_OSV;
	} else {
		return err_setc(ERR_INVALID, "%s: unknown report format (expected " EXPECTED ")",
				name);
	}
	return 0;
}

int scan_detect(const struct jv *doc, const char *name, enum scan_format *out)
{
	const struct jv *first;

	if (jv_type(doc) == JV_OBJ)
		return detect_obj(doc, name, out);
	first = jv_at(doc, 0);
	if (jv_type(doc) == JV_ARR && has(first, "Vulnerability") && has(first, "Package")) {
		*out = SCAN_FMT_OSV;
		return 0;
	}
	return err_setc(ERR_INVALID, "%s: unknown report format: top level is %s "
			"(expected " EXPECTED ")", name, pj_type_name(doc));
}

/* A forced format still needs its top-level field, so a wrong --format
 * is an error instead of a silent "no findings". */
static int check_forced(const struct jv *doc, const char *name, enum scan_format fmt)
{
	static const char *const key[] = {
		NULL, "SchemaVersion", "matches", "results", "vulnerabilities",
		"vulnerabilities", "runs",
	};

	if (fmt == SCAN_FMT_OSV && jv_type(doc) == JV_ARR)
		return 0;
	if (jv_type(doc) != JV_OBJ)
		return err_setc(ERR_INVALID, "%s: top level is %s (expected an object for %s)",
				name, pj_type_name(doc), scan_format_name(fmt));
	if (!has(doc, key[fmt]))
		return err_setc(ERR_INVALID, "%s: not a %s report: no \"%s\" field",
				name, scan_format_name(fmt), key[fmt]);
	return 0;
}

static int (*const parsers[])(const struct jv *, const char *, struct findings *) = {
	NULL, scan_parse_trivy, scan_parse_grype, scan_parse_osv,
	scan_parse_cargo_audit, scan_parse_npm_audit, scan_parse_sarif,
};

int scan_parse_doc(const struct jv *doc, const char *name, enum scan_format fmt,
		   struct findings *out)
{
	struct findings tmp = { 0 };
	size_t i;
	int rc = 0;

	if (fmt == SCAN_FMT_AUTO && (rc = scan_detect(doc, name, &fmt)) < 0)
		return rc;
	if ((size_t)fmt >= NFMT)
		return err_setc(ERR_USAGE, "bad report format %d", (int)fmt);
	if ((rc = check_forced(doc, name, fmt)) < 0)
		return rc;
	/* Parse into a scratch list so a failure appends nothing. */
	rc = parsers[fmt](doc, name, &tmp);
	for (i = 0; rc == 0 && i < tmp.n; i++)
		rc = findings_push(out, &tmp.v[i]);
	findings_free(&tmp);
	return rc;
}

int scan_parse_file(const char *path, enum scan_format fmt, size_t max,
		    struct findings *out, enum scan_format *detected)
{
	struct jv *doc = NULL;
	int rc;

	rc = jv_parse_file(&doc, path, max ? max : BUF_MAX_JSON);
	if (rc < 0)
		return rc;
	if (fmt == SCAN_FMT_AUTO)
		rc = scan_detect(doc, path, &fmt);
	if (rc == 0)
		rc = scan_parse_doc(doc, path, fmt, out);
	if (rc == 0 && detected)
		*detected = fmt;
	jv_free(doc);
	return rc;
}
