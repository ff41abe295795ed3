/* t_scan_merge.c - merging duplicate findings within and across reports. */
#include "unit.h"
#include "scan/merge.h"
#include "scan/report.h"
#include "core/err.h"
#include "core/buf.h"
#include "core/jv.h"
#include "scan/finding_jv.h"

#include <stdio.h>
#include <string.h>

static const char *shared(const char *rel)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/../shared/fixtures/scanners/%s", UNIT_REPO, rel);
	return path;
}

static const struct finding *by_pkg(const struct findings *fs, const char *pkg)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (fs->v[i].package && !strcmp(fs->v[i].package, pkg))
			return &fs->v[i];
	return NULL;
}

TEST(scan_merge_osv_aliases)
{
	struct findings fs = { 0 };
	const struct finding *f;

	/* GHSA-m5pq-gvj9-9vr8 and RUSTSEC-2022-0013 name each other. */
	CHECK(scan_parse_file(shared("osv-scanner/test-vuln-results-a.json"),
			      SCAN_FMT_AUTO, 0, &fs, NULL) == 0);
	CHECK_INT(fs.n, 3);
	CHECK(findings_merge(&fs) == 0);
	CHECK_INT(fs.n, 2);
	f = by_pkg(&fs, "regex");
	CHECK(f && !strcmp(f->id, "GHSA-m5pq-gvj9-9vr8"));
	CHECK(f && finding_has_id(f, "RUSTSEC-2022-0013") && finding_has_id(f, "CVE-2022-24713"));
	CHECK(f && f->sources.n == 1);
	findings_free(&fs);

	CHECK(scan_parse_file(shared("osv-scanner/flattened_vulns.json"),
			      SCAN_FMT_AUTO, 0, &fs, NULL) == 0);
	CHECK(findings_merge(&fs) == 0);
	CHECK_INT(fs.n, 2);
	f = by_pkg(&fs, "github.com/gogo/protobuf");
	/* GHSA record has the 8.6 vector; GO-2021-0053 none: the vector is kept. */
	CHECK(f && f->severity == SEV_HIGH && f->cvss_vector != NULL);
	CHECK(f && finding_has_id(f, "GO-2021-0053"));
	findings_free(&fs);
}

TEST(scan_merge_across_tools)
{
	struct findings fs = { 0 };
	const struct finding *f;

	CHECK(scan_parse_file(unit_fixture("scan/cargo-audit.json"), SCAN_FMT_AUTO, 0,
			      &fs, NULL) == 0);
	CHECK(scan_parse_file(shared("osv-scanner/test-vuln-results-a.json"),
			      SCAN_FMT_AUTO, 0, &fs, NULL) == 0);
	CHECK_INT(fs.n, 6);
	CHECK(findings_merge(&fs) == 0);
	CHECK_INT(fs.n, 4);
	f = by_pkg(&fs, "regex");
	CHECK(f && !strcmp(f->id, "RUSTSEC-2022-0013"));
	CHECK(f && f->sources.n == 2 && strv_has(&f->sources, "cargo-audit") &&
	      strv_has(&f->sources, "osv-scanner"));
	CHECK(f && f->fixed.n == 2); /* ">=1.5.5" and "1.5.5" */
	CHECK(f && !strcmp(f->file, "Cargo.lock"));
	findings_free(&fs);
}

static void add(struct findings *fs, const char *id, const char *alias, const char *pkg,
		const char *ver, enum sev sev, const char *src)
{
	struct finding f;

	finding_init(&f);
	finding_set(&f.id, id);
	strv_add(&f.aliases, alias);
	finding_set(&f.package, pkg);
	finding_set(&f.installed, ver);
	finding_set(&f.ecosystem, "PyPI");
	f.severity = sev;
	strv_add(&f.sources, src);
	findings_push(fs, &f);
}

TEST(scan_merge_rules)
{
	struct findings fs = { 0 };

	add(&fs, "CVE-2019-14806", NULL, "Werkzeug", "0.11", SEV_MEDIUM, "a");
	add(&fs, "GHSA-gq9m-qvpx-68hc", "cve-2019-14806", "werkzeug", "v0.11", SEV_HIGH, "b");
	add(&fs, "CVE-2019-14806", NULL, "werkzeug", "0.14", SEV_HIGH, "c");  /* other version */
	add(&fs, "CVE-2019-14806", NULL, "flask", "0.11", SEV_HIGH, "d");     /* other package */
	add(&fs, "CVE-2020-1", NULL, "my_pkg", "1.0", SEV_LOW, "e");
	add(&fs, "CVE-2020-1", NULL, "my.pkg", "1.0", SEV_CRITICAL, "f");     /* PyPI-equal */
	CHECK(findings_merge(&fs) == 0);
	CHECK_INT(fs.n, 4);
	if (fs.n == 4) {
		CHECK_STR(fs.v[0].id, "CVE-2019-14806");
		CHECK_INT(fs.v[0].severity, SEV_HIGH);
		CHECK(finding_has_id(&fs.v[0], "GHSA-gq9m-qvpx-68hc"));
		CHECK_INT(fs.v[0].sources.n, 2);
		CHECK_STR(fs.v[1].installed, "0.14");
		CHECK_STR(fs.v[2].package, "flask");
		CHECK_INT(fs.v[3].severity, SEV_CRITICAL);
		CHECK_INT(fs.v[3].sources.n, 2);
	}
	findings_free(&fs);
}

TEST(scan_merge_keeps_sarif)
{
	struct findings fs = { 0 };

	CHECK(scan_parse_file(shared("trivy/alpine-310.sarif"), SCAN_FMT_AUTO, 0, &fs,
			      NULL) == 0);
	CHECK(findings_merge(&fs) == 0);
	CHECK_INT(fs.n, 4); /* same rule twice per file, but SARIF is kept as-is */
	findings_free(&fs);
}

TEST(scan_findings_to_json)
{
	struct findings fs = { 0 };
	struct buf out = BUF_INIT(1 << 20);
	struct jv *a;

	CHECK(scan_parse_file(shared("trivy/npm.json"), SCAN_FMT_AUTO, 0, &fs, NULL) == 0);
	a = findings_to_jv(&fs);
	CHECK(a != NULL && jv_len(a) == 1);
	CHECK_STR(jv_get_str(jv_at(a, 0), "severity"), "medium");
	CHECK_STR(jv_get_str(jv_at(a, 0), "file"), "package-lock.json");
	CHECK(jv_num(jv_get(jv_at(a, 0), "line"), 0) == 11);
	CHECK(jv_dump(&out, a, 0) == 0);
	CHECK(strstr(buf_cstr(&out), "\"id\":\"CVE-2019-11358\"") != NULL);
	buf_release(&out);
	jv_free(a);
	findings_free(&fs);
}
