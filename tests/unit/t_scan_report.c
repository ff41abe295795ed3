/* t_scan_report.c - scanner reports (real fixtures) parsed into findings. */
#include "unit.h"
#include "scan/report.h"
#include "core/err.h"
#include "core/jv.h"

#include <stdio.h>
#include <string.h>

/* The shared real reports, relative to the repository root. */
static const char *shared(const char *rel)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/../shared/fixtures/scanners/%s", UNIT_REPO, rel);
	return path;
}

static int load(struct findings *fs, const char *path, enum scan_format want)
{
	enum scan_format got = SCAN_FMT_AUTO;
	int rc = scan_parse_file(path, SCAN_FMT_AUTO, 0, fs, &got);

	if (rc < 0)
		unit_fail(__FILE__, __LINE__, "%s: %s", path, err_last());
	else if (got != want)
		unit_fail(__FILE__, __LINE__, "%s: detected %s", path, scan_format_name(got));
	return rc;
}

static const struct finding *by_id(const struct findings *fs, const char *id,
				   const char *pkg)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (!strcmp(fs->v[i].id, id) && (!pkg || !strcmp(fs->v[i].package, pkg)))
			return &fs->v[i];
	return NULL;
}

TEST(scan_trivy_npm)
{
	struct findings fs = { 0 };
	const struct finding *f;

	CHECK(load(&fs, shared("trivy/npm.json"), SCAN_FMT_TRIVY) == 0);
	CHECK_INT(fs.n, 1);
	f = by_id(&fs, "CVE-2019-11358", "jquery");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->installed, "3.3.9");
		CHECK_INT(f->fixed.n, 1);
		CHECK_STR(f->fixed.v[0], "3.4.0");
		CHECK_INT(f->severity, SEV_MEDIUM);
		CHECK_STR(f->ecosystem, "npm");
		CHECK_STR(f->file, "package-lock.json");
		CHECK_INT(f->line, 11);
		/* SeveritySource ghsa has no CVSS entry: nvd's vector is used. */
		CHECK_STR(f->cvss_vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N");
		CHECK(f->cvss_score > 6.05 && f->cvss_score < 6.15);
		CHECK(f->fixable);
		CHECK_STR(f->sources.v[0], "trivy");
	}
	findings_free(&fs);
}

TEST(scan_trivy_all_fixtures)
{
	static const struct { const char *file; size_t n; } want[] = {
		{ "trivy/alpine-310.json", 4 }, { "trivy/cargo.lock.json", 0 },
		{ "trivy/gomod.json", 5 }, { "trivy/npm-with-dev.json", 1 },
		{ "trivy/pip.json", 2 }, { "trivy/pnpm.json", 2 }, { "trivy/poetry.json", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		struct findings fs = { 0 };

		if (load(&fs, shared(want[i].file), SCAN_FMT_TRIVY) == 0 && fs.n != want[i].n)
			unit_fail(__FILE__, __LINE__, "%s: %zu findings, want %zu",
				  want[i].file, fs.n, want[i].n);
		findings_free(&fs);
	}
}

TEST(scan_trivy_details)
{
	struct findings fs = { 0 };
	const struct finding *f;

	CHECK(load(&fs, shared("trivy/pip.json"), SCAN_FMT_TRIVY) == 0);
	f = by_id(&fs, "CVE-2019-14806", "Werkzeug");
	CHECK(f && f->severity == SEV_HIGH);
	/* No PkgID: joined on name + version to Packages[].Locations. */
	CHECK(f && f->line == 6);
	CHECK(f && !strcmp(f->ecosystem, "PyPI"));
	f = by_id(&fs, "CVE-2020-28724", "Werkzeug");
	CHECK(f && f->severity == SEV_MEDIUM);
	findings_free(&fs);

	CHECK(load(&fs, shared("trivy/pnpm.json"), SCAN_FMT_TRIVY) == 0);
	f = by_id(&fs, "CVE-2019-10744", "lodash");
	CHECK(f && f->severity == SEV_CRITICAL);
	CHECK(f && f->line == 0); /* pnpm report has no Locations */
	findings_free(&fs);

	CHECK(load(&fs, shared("trivy/gomod.json"), SCAN_FMT_TRIVY) == 0);
	f = by_id(&fs, "GMS-2022-20", NULL);
	/* No severity and no CVSS in the report: stays unknown. */
	CHECK(f && f->severity == SEV_UNKNOWN && !f->cvss_vector);
	CHECK(f && !strcmp(f->installed, "v2.7.1+incompatible"));
	CHECK(f && !strcmp(f->ecosystem, "Go"));
	f = by_id(&fs, "CVE-2022-23628", NULL);
	CHECK(f && f->severity == SEV_MEDIUM && !strcmp(f->file, "go.mod"));
	findings_free(&fs);

	CHECK(load(&fs, shared("trivy/alpine-310.json"), SCAN_FMT_TRIVY) == 0);
	CHECK(by_id(&fs, "CVE-2019-1549", "libssl1.1") != NULL);
	CHECK(by_id(&fs, "CVE-2019-1551", "libcrypto1.1") != NULL);
	CHECK(fs.n && fs.v[0].file == NULL); /* an image: no lockfile */
	CHECK(fs.n && !strcmp(fs.v[0].ecosystem, "Alpine"));
	findings_free(&fs);
}

TEST(scan_trivy_fixed_lists)
{
	const char *doc = "{\"SchemaVersion\":2,\"Results\":[{\"Target\":\"Gemfile.lock\","
		"\"Class\":\"lang-pkgs\",\"Type\":\"bundler\",\"Vulnerabilities\":[{"
		"\"VulnerabilityID\":\"CVE-2020-1\",\"PkgName\":\"rack\","
		"\"InstalledVersion\":\"2.0.1\",\"FixedVersion\":\">= 3.1.0, >= 2.1.3, < 3.0.0\","
		"\"Severity\":\"HIGH\"},{\"VulnerabilityID\":\"CVE-2020-2\",\"PkgName\":\"rack\","
		"\"InstalledVersion\":\"2.0.1\",\"FixedVersion\":\"3.1.0, 2.6.9\"}]}]}";
	struct findings fs = { 0 };
	struct jv *j = NULL;

	CHECK(jv_parse(&j, doc, strlen(doc), 1 << 20, "inline") == 0);
	CHECK(scan_parse_doc(j, "inline", SCAN_FMT_AUTO, &fs) == 0);
	CHECK_INT(fs.n, 2);
	if (fs.n == 2) {
		CHECK_INT(fs.v[0].fixed.n, 3);
		CHECK_STR(fs.v[0].fixed.v[0], ">= 3.1.0");
		CHECK_STR(fs.v[0].fixed.v[2], "< 3.0.0");
		CHECK_INT(fs.v[1].fixed.n, 2);
		CHECK_STR(fs.v[1].fixed.v[1], "2.6.9");
		CHECK_STR(fs.v[0].ecosystem, "RubyGems");
	}
	jv_free(j);
	findings_free(&fs);
}

TEST(scan_grype_fixtures)
{
	struct findings fs = { 0 };
	const struct finding *f;

	CHECK(load(&fs, shared("grype/TestJsonImgsPresenter.json"), SCAN_FMT_GRYPE) == 0);
	CHECK_INT(fs.n, 2);
	f = by_id(&fs, "CVE-1999-0001", "package-1");
	CHECK(f != NULL);
	if (f) {
		/* The report's severity wins over its CVSS vector (8.2). */
		CHECK_INT(f->severity, SEV_LOW);
		CHECK_STR(f->installed, "1.1.1");
		CHECK_INT(f->fixed.n, 3);
		CHECK_STR(f->fixed.v[2], "3.4.0");
		CHECK(f->fixable);
		CHECK_STR(f->cvss_vector, "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:H");
	}
	f = by_id(&fs, "CVE-1999-0002", "package-2");
	CHECK(f && f->severity == SEV_CRITICAL && !f->fixable && f->fixed.n == 0);
	CHECK(f && !strcmp(f->ecosystem, "Debian"));
	findings_free(&fs);

	CHECK(load(&fs, shared("grype/TestJsonDirsPresenter.json"), SCAN_FMT_GRYPE) == 0);
	CHECK_INT(fs.n, 2);
	f = by_id(&fs, "CVE-1999-0001", NULL);
	CHECK(f && f->file && !strcmp(f->file, "foo/bar/somefile-1.txt"));
	findings_free(&fs);

	CHECK(load(&fs, shared("grype/TestEmptyJsonPresenter.json"), SCAN_FMT_GRYPE) == 0);
	CHECK_INT(fs.n, 0);
	findings_free(&fs);
}

TEST(scan_osv_fixtures)
{
	struct findings fs = { 0 };
	const struct finding *f;

	CHECK(load(&fs, shared("osv-scanner/test-vuln-results-a.json"), SCAN_FMT_OSV) == 0);
	CHECK_INT(fs.n, 3);
	f = by_id(&fs, "GO-2021-0053", "github.com/gogo/protobuf");
	CHECK(f != NULL);
	if (f) {
		CHECK_STR(f->installed, "1.3.1");
		CHECK_STR(f->ecosystem, "Go");
		CHECK_INT(f->fixed.n, 1);
		CHECK_STR(f->fixed.v[0], "1.3.2");
		CHECK(finding_has_id(f, "CVE-2021-3121"));
		CHECK_INT(f->severity, SEV_UNKNOWN); /* no severity[] in this record */
		CHECK_STR(f->file, "/path/to/scorecard-check-osv-e2e/go.mod");
	}
	f = by_id(&fs, "RUSTSEC-2022-0013", "regex");
	CHECK(f && f->severity == SEV_HIGH); /* CVSS 7.5 from the vector */
	CHECK(f && f->cvss_score > 7.45 && f->cvss_score < 7.55);
	findings_free(&fs);

	CHECK(load(&fs, shared("osv-scanner/flattened_vulns.json"), SCAN_FMT_OSV) == 0);
	CHECK_INT(fs.n, 4);
	f = by_id(&fs, "GHSA-c3h9-896r-86jm", NULL);
	CHECK(f && f->cvss_vector &&
	      !strcmp(f->cvss_vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:H"));
	CHECK(f && f->severity == SEV_HIGH); /* 8.6 */
	findings_free(&fs);
}

TEST(scan_sarif_trivy_fixture)
{
	struct findings fs = { 0 };

	CHECK(load(&fs, shared("trivy/alpine-310.sarif"), SCAN_FMT_SARIF) == 0);
	CHECK_INT(fs.n, 4);
	if (fs.n == 4) {
		CHECK_INT(fs.v[0].kind, FINDING_SARIF);
		CHECK_STR(fs.v[0].id, "CVE-2019-1549");
		CHECK_INT(fs.v[0].severity, SEV_MEDIUM); /* security-severity 5.3 */
		CHECK_STR(fs.v[0].file, "testdata/fixtures/images/alpine-310.tar.gz");
		CHECK_INT(fs.v[0].line, 1);
		CHECK_STR(fs.v[0].sources.v[0], "Trivy");
		CHECK_STR(fs.v[3].id, "CVE-2019-1551");
	}
	findings_free(&fs);
}

TEST(scan_cargo_audit_fixture)
{
	struct findings fs = { 0 };
	const struct finding *f;

	CHECK(load(&fs, unit_fixture("scan/cargo-audit.json"), SCAN_FMT_CARGO_AUDIT) == 0);
	CHECK_INT(fs.n, 3); /* the unmaintained warning is not a vulnerability */
	f = by_id(&fs, "RUSTSEC-2022-0013", "regex");
	CHECK(f && f->severity == SEV_HIGH && f->installed && !strcmp(f->installed, "1.5.1"));
	CHECK(f && finding_has_id(f, "GHSA-m5pq-gvj9-9vr8"));
	CHECK(f && !strcmp(f->file, "Cargo.lock") && !strcmp(f->ecosystem, "crates.io"));
	f = by_id(&fs, "RUSTSEC-2099-0001", NULL);
	CHECK(f && f->severity == SEV_CRITICAL); /* CVSS v4.0 9.3 */
	CHECK(f && f->fixed.n == 2);
	CHECK(f && f->url && strstr(f->url, "rustsec.org/advisories/RUSTSEC-2099-0001"));
	f = by_id(&fs, "RUSTSEC-2099-0002", NULL);
	CHECK(f && f->severity == SEV_UNKNOWN && !f->fixable);
	findings_free(&fs);
}

TEST(scan_npm_audit_fixture)
{
	struct findings fs = { 0 };
	const struct finding *f;

	CHECK(load(&fs, unit_fixture("scan/npm-audit.json"), SCAN_FMT_NPM_AUDIT) == 0);
	CHECK_INT(fs.n, 3); /* mkdirp's via is only the string "minimist" */
	f = by_id(&fs, "GHSA-xvch-5gv4-984h", "minimist");
	CHECK(f && f->severity == SEV_CRITICAL && f->fixable && !f->installed);
	f = by_id(&fs, "GHSA-p6mc-m468-83gw", "lodash");
	CHECK(f && f->severity == SEV_MEDIUM && !f->cvss_vector && !f->fixable);
	f = by_id(&fs, "GHSA-35jh-r3h4-6jhm", "lodash");
	CHECK(f && f->severity == SEV_HIGH && f->cvss_score > 7.15 && f->cvss_score < 7.25);
	findings_free(&fs);
}

TEST(scan_report_errors)
{
	struct findings fs = { 0 };
	enum scan_format fmt;
	struct jv *j = NULL;

	CHECK_INT(scan_parse_file(unit_fixture("scan/bad-trivy-type.json"), SCAN_FMT_AUTO,
				  0, &fs, NULL), ERR_INVALID);
	CHECK(strstr(err_last(), "bad-trivy-type.json") != NULL);
	CHECK(strstr(err_last(), "Results[0].Vulnerabilities[0].PkgName: expected a string") != NULL);
	CHECK_INT(fs.n, 0);

	CHECK_INT(scan_parse_file(unit_fixture("scan/bad-unknown.json"), SCAN_FMT_AUTO,
				  0, &fs, NULL), ERR_INVALID);
	CHECK(strstr(err_last(), "unknown report format") != NULL);
	CHECK(strstr(err_last(), "Trivy JSON") != NULL);

	/* Forcing a format that does not fit: the wrong field is named. */
	CHECK_INT(scan_parse_file(shared("trivy/npm.json"), SCAN_FMT_GRYPE, 0, &fs, NULL),
		  ERR_INVALID);
	CHECK(strstr(err_last(), "not a grype report: no \"matches\" field") != NULL);
	CHECK_INT(fs.n, 0);
	/* Forcing the right format works without detection. */
	CHECK_INT(scan_parse_file(shared("grype/TestJsonImgsPresenter.json"), SCAN_FMT_GRYPE,
				  0, &fs, NULL), 0);
	CHECK_INT(fs.n, 2);
	findings_free(&fs);
	CHECK_INT(scan_parse_file(shared("trivy/npm.json"), SCAN_FMT_AUTO, 1000, &fs, NULL),
		  ERR_TOOBIG);
	CHECK_INT(fs.n, 0);

	{
		const char *d = "{\"SchemaVersion\":1,\"Results\":[]}";
		CHECK(jv_parse(&j, d, strlen(d), 100, "old") == 0);
	}
	CHECK_INT(scan_detect(j, "old", &fmt), ERR_INVALID);
	CHECK(strstr(err_last(), "SchemaVersion") != NULL);
	jv_free(j);
	j = NULL;
	{
		const char *d = "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":3}}}]}";
		CHECK(jv_parse(&j, d, strlen(d), 1000, "s.sarif") == 0);
	}
	CHECK_INT(scan_parse_doc(j, "s.sarif", SCAN_FMT_AUTO, &fs), ERR_INVALID);
	CHECK(strstr(err_last(), "runs[0].tool.driver.name: expected a string (got a number)") != NULL);
	jv_free(j);
	CHECK_INT(scan_format_parse("trivy", &fmt), 0);
	CHECK_INT(fmt, SCAN_FMT_TRIVY);
	CHECK_INT(scan_format_parse("osv", &fmt), 0);
	CHECK_INT(fmt, SCAN_FMT_OSV);
	CHECK_INT(scan_format_parse("snyk", &fmt), ERR_USAGE);
	findings_free(&fs);
}

/* Odd but well-formed JSON in every format: an error naming the input, or
 * a clean parse, never a crash (run under ASan/UBSan by test-sanitize). */
TEST(scan_report_type_confusion)
{
	static const char *const docs[] = {
		"{\"SchemaVersion\":2,\"Results\":{}}",
		"{\"SchemaVersion\":2,\"Results\":[1]}",
		"{\"SchemaVersion\":2,\"Results\":[{\"Vulnerabilities\":[{}]}]}",
		"{\"SchemaVersion\":2,\"Results\":[{\"Packages\":7,\"Vulnerabilities\":[]}]}",
		"{\"SchemaVersion\":2,\"Results\":[{\"Vulnerabilities\":[{\"VulnerabilityID\":\"X\","
		"\"CVSS\":{\"nvd\":{\"V3Vector\":5}}}]}]}",
		"{\"SchemaVersion\":2,\"Results\":[{\"Vulnerabilities\":[{\"VulnerabilityID\":\"X\","
		"\"CVSS\":{\"a\":[],\"b\":{\"V3Vector\":\"CVSS:3.1/AV:N\"}},\"FixedVersion\":\",,, ,\"}]}]}",
		"{\"matches\":[{\"vulnerability\":{\"id\":\"X\",\"cvss\":[{\"vector\":1}],\"fix\":[]},"
		"\"artifact\":{}}],\"source\":{}}",
		"{\"matches\":[{\"vulnerability\":{\"id\":\"X\",\"urls\":[3]},\"artifact\":{\"locations\":[{\"path\":\"\"}]}}],\"source\":{\"type\":\"directory\"}}",
		"{\"results\":[{\"source\":{\"path\":1}}]}",
		"{\"results\":[{\"packages\":[{\"package\":{},\"vulnerabilities\":[{\"id\":\"X\",\"affected\":7,"
		"\"severity\":[{\"type\":\"CVSS_V3\",\"score\":\"garbage\"}]}],\"groups\":[{\"ids\":[\"X\"],\"max_severity\":\"11\"}]}]}]}",
		"[{\"Vulnerability\":{\"id\":\"X\"},\"Package\":[]}]",
		"{\"database\":{},\"lockfile\":{},\"vulnerabilities\":{\"list\":[{\"advisory\":{\"id\":\"X\"},\"package\":{},\"versions\":{\"patched\":[1]}}]}}",
		"{\"database\":{},\"lockfile\":{},\"vulnerabilities\":{\"list\":[{}]}}",
		"{\"auditReportVersion\":2,\"vulnerabilities\":{\"a\":{\"via\":[{}]}}}",
		"{\"auditReportVersion\":2,\"vulnerabilities\":{\"a\":{\"via\":[1]}}}",
		"{\"auditReportVersion\":2,\"vulnerabilities\":{\"a\":{\"via\":[{\"url\":\"GHSA-\",\"cvss\":[]}]}}}",
		"{\"auditReportVersion\":1,\"advisories\":{},\"metadata\":{}}",
		"{\"version\":\"2.1.0\",\"runs\":[{\"results\":[{\"ruleIndex\":99,\"locations\":[{\"physicalLocation\":{\"region\":{\"startLine\":-5}}}]}]}]}",
		"{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"rules\":[{\"id\":\"R\",\"properties\":{\"security-severity\":\"99\"}}]}},"
		"\"results\":[{\"ruleIndex\":0,\"message\":{}}]}]}",
		"{\"version\":\"1.0.0\",\"runs\":[]}",
		"[]", "7", "\"x\"", "null",
	};
	size_t i, k;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct findings fs = { 0 };
		struct jv *j = NULL;
		int rc;

		if (jv_parse(&j, docs[i], strlen(docs[i]), 1 << 16, "odd.json") < 0) {
			unit_fail(__FILE__, __LINE__, "doc %zu: %s", i, err_last());
			continue;
		}
		rc = scan_parse_doc(j, "odd.json", SCAN_FMT_AUTO, &fs);
		if (rc < 0 && (rc != ERR_INVALID || !strstr(err_last(), "odd.json")))
			unit_fail(__FILE__, __LINE__, "doc %zu: rc %d: %s", i, rc, err_last());
		for (k = 0; rc == 0 && k < fs.n; k++)
			CHECK(fs.v[k].id != NULL);
		jv_free(j);
		findings_free(&fs);
	}
}
