/* t_scan_sarif.c - SARIF 2.1.0 output: GitHub's required fields, limits, fingerprints. */
#include "unit.h"
#include "scan/sarif_out.h"
#include "scan/fingerprint.h"
#include "scan/report.h"
#include "scan/merge.h"
#include "scan/locate.h"
#include "scan/policy.h"
#include "core/buf.h"
#include "core/fs.h"
#include "core/jv.h"

#include <stdio.h>
#include <string.h>

static const char *shared(const char *rel)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/../shared/fixtures/scanners/%s", UNIT_REPO, rel);
	return path;
}

static const char *sget(const struct jv *o, const char *a, const char *b, const char *c)
{
	const struct jv *v = jv_get(o, a);

	if (b)
		v = jv_get(v, b);
	if (c)
		v = jv_get(v, c);
	return jv_str(v);
}

TEST(scan_sarif_from_trivy_npm)
{
	struct findings fs = { 0 };
	struct sarif_opts o = { unit_fixture("scan/repo"), "ship", "1.2.3", "scan" };
	struct buf lock = BUF_INIT(1 << 20);
	struct jv *doc = NULL, *run, *res, *rule;
	char want[40];
	size_t dropped = 9;

	CHECK(scan_parse_file(shared("trivy/npm.json"), SCAN_FMT_AUTO, 0, &fs, NULL) == 0);
	CHECK(sarif_build(&doc, &fs, &o, &dropped) == 0);
	CHECK_INT(dropped, 0);
	CHECK_STR(jv_get_str(doc, "version"), "2.1.0");
	CHECK(jv_get_str(doc, "$schema") != NULL);
	run = jv_at(jv_get(doc, "runs"), 0);
	CHECK_STR(sget(run, "tool", "driver", "name"), "ship");
	CHECK_STR(sget(run, "automationDetails", "id", NULL), "scan/");
	CHECK_INT(jv_len(jv_get(run, "results")), 1);
	rule = jv_at(jv_get(jv_get(jv_get(run, "tool"), "driver"), "rules"), 0);
	CHECK_STR(jv_get_str(rule, "id"), "CVE-2019-11358");
	CHECK(strlen(sget(rule, "shortDescription", "text", NULL)) > 10);
	CHECK(sget(rule, "fullDescription", "text", NULL) != NULL);
	CHECK(strstr(sget(rule, "help", "text", NULL), "CVE-2019-11358") != NULL);
	CHECK_STR(sget(rule, "properties", "security-severity", NULL), "6.1");
	CHECK_INT(jv_len(jv_get(jv_get(rule, "properties"), "tags")), 3);
	res = jv_at(jv_get(run, "results"), 0);
	CHECK_STR(jv_get_str(res, "level"), "warning");
	CHECK(strstr(sget(res, "message", "text", NULL), "jquery 3.3.9") != NULL);
	CHECK(strstr(sget(res, "message", "text", NULL), "Fixed in: 3.4.0") != NULL);
	{
		const struct jv *pl = jv_get(jv_at(jv_get(res, "locations"), 0), "physicalLocation");
		long long line = 0;

		CHECK_STR(sget(pl, "artifactLocation", "uri", NULL), "package-lock.json");
		CHECK(jv_int(jv_get(jv_get(pl, "region"), "startLine"), &line) == 0 && line == 11);
	}
	/* The fingerprint is that of line 11 of the repository's file. */
	CHECK(fs_read(&lock, unit_fixture("scan/repo/package-lock.json")) == 0);
	CHECK(fingerprint_line(lock.ptr, lock.len, 11, want) == 0);
	CHECK_STR(sget(res, "partialFingerprints", "primaryLocationLineHash", NULL), want);
	buf_release(&lock);
	jv_free(doc);
	findings_free(&fs);
}

TEST(scan_sarif_order_rules_ignored)
{
	struct findings fs = { 0 };
	struct ignore_list ign = { 0 };
	struct policy p = { SEV_HIGH, 0 };
	struct policy_result r;
	struct jv *doc = NULL, *run;
	const char *fp1, *fp2;

	/* alpine: 4 results, 2 rules; ignore one package's CVE-2019-1551. */
	CHECK(scan_parse_file(shared("trivy/alpine-310.json"), SCAN_FMT_AUTO, 0, &fs, NULL) == 0);
	CHECK(scan_parse_file(shared("trivy/pnpm.json"), SCAN_FMT_AUTO, 0, &fs, NULL) == 0);
	CHECK(ignore_add(&ign, "CVE-2019-1551", "libssl1.1", "test", NULL, 0) == 0);
	policy_apply(&p, &ign, &fs, "2026-01-01", &r);
	CHECK(sarif_build(&doc, &fs, NULL, NULL) == 0);
	run = jv_at(jv_get(doc, "runs"), 0);
	CHECK_INT(jv_len(jv_get(run, "results")), 5);
	CHECK_INT(jv_len(jv_get(jv_get(jv_get(run, "tool"), "driver"), "rules")), 4);
	/* Highest severity first: lodash CVE-2019-10744 (critical) -> error. */
	CHECK_STR(jv_get_str(jv_at(jv_get(run, "results"), 0), "ruleId"), "CVE-2019-10744");
	CHECK_STR(jv_get_str(jv_at(jv_get(run, "results"), 0), "level"), "error");
	/* Without a readable file, the fallback fingerprints differ per package. */
	fp1 = sget(jv_at(jv_get(run, "results"), 1), "partialFingerprints",
		   "primaryLocationLineHash", NULL);
	fp2 = sget(jv_at(jv_get(run, "results"), 2), "partialFingerprints",
		   "primaryLocationLineHash", NULL);
	CHECK(fp1 && fp2 && strcmp(fp1, fp2));
	jv_free(doc);
	ignore_free(&ign);
	findings_free(&fs);
}

TEST(scan_sarif_limits)
{
	struct findings fs = { 0 };
	struct jv *doc = NULL, *run, *rule;
	char id[32], title[3000];
	size_t i, dropped = 0;

	memset(title, 'x', sizeof(title) - 1);
	title[sizeof(title) - 1] = 0;
	for (i = 0; i < SARIF_MAX_RESULTS + 10; i++) {
		struct finding f;

		finding_init(&f);
		snprintf(id, sizeof(id), "CVE-2024-%zu", i);
		finding_set(&f.id, id);
		finding_set(&f.package, "p");
		finding_set(&f.title, title);
		f.severity = i == SARIF_MAX_RESULTS + 5 ? SEV_CRITICAL : SEV_LOW;
		CHECK(findings_push(&fs, &f) == 0);
	}
	CHECK(sarif_build(&doc, &fs, NULL, &dropped) == 0);
	CHECK_INT(dropped, 10);
	run = jv_at(jv_get(doc, "runs"), 0);
	CHECK_INT(jv_len(jv_get(run, "results")), SARIF_MAX_RESULTS);
	/* The critical one, last in input, is kept and comes first. */
	CHECK_STR(jv_get_str(jv_at(jv_get(run, "results"), 0), "ruleId"), "CVE-2024-25005");
	rule = jv_at(jv_get(jv_get(jv_get(run, "tool"), "driver"), "rules"), 0);
	CHECK(jv_strlen(jv_get(jv_get(rule, "fullDescription"), "text")) <= SARIF_MAX_FULL_DESC);
	jv_free(doc);
	findings_free(&fs);
}
