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

#include "core/err.h"
#include "core/gz.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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

/* n findings with incompressible titles; severity and CVSS vary with i. */
static void noisy_findings(struct findings *fs, size_t n)
{
	uint32_t x = 7;
	size_t i, j;

	for (i = 0; i < n; i++) {
		struct finding f;
		char id[32], title[400];

		for (j = 0; j + 1 < sizeof(title); j++) {
			x = x * 1103515245u + 12345u;
			title[j] = (char)('a' + (x >> 16) % 26);
		}
		title[j] = 0;
		finding_init(&f);
		snprintf(id, sizeof(id), "CVE-2025-%zu", i);
		finding_set(&f.id, id);
		finding_set(&f.package, "p");
		finding_set(&f.title, title);
		f.severity = (enum sev)(SEV_LOW + i % 4);
		f.cvss_score = (double)(i % 7) + 0.5;
		CHECK(findings_push(fs, &f) == 0);
	}
}

/* The priority encoded by noisy_findings: severity, then CVSS. */
static long prio(size_t i)
{
	return (long)(i % 4) * 100 + (long)(i % 7);
}

static size_t doc_gz(const struct jv *doc)
{
	struct buf b = BUF_INIT(BUF_MAX_JSON);
	size_t sz = 0;

	CHECK(jv_dump(&b, doc, 0) == 0 && buf_putc(&b, '\n') == 0);
	CHECK(gz_size(b.ptr, b.len, &sz) == 0);
	buf_release(&b);
	return sz;
}

TEST(scan_sarif_gzip_limit_drops_lowest_priority)
{
	struct findings fs = { 0 };
	struct jv *doc = NULL, *run, *res;
	size_t max = 40000;
	long kept_min = 1000000, left_max = -1;
	char *kept;
	size_t i, dropped = 0, n = 600;
	long long left = 0;

	noisy_findings(&fs, n);
	CHECK(sarif_build_max(&doc, &fs, NULL, max, &dropped) == 0);
	run = jv_at(jv_get(doc, "runs"), 0);
	res = jv_get(run, "results");
	CHECK(dropped > 0 && dropped < n);
	CHECK_INT(jv_len(res) + dropped, n);
	CHECK(doc_gz(doc) <= max);
	/* Not needlessly small: within a few percent of the limit. */
	CHECK(doc_gz(doc) > max * 9 / 10);
	/* What is kept outranks everything left out. */
	kept = calloc(n, 1);
	CHECK(kept != NULL);
	for (i = 0; i < jv_len(res); i++) {
		const char *id = jv_get_str(jv_at(res, i), "ruleId");
		size_t k = (size_t)strtoul(id + strlen("CVE-2025-"), NULL, 10);

		kept[k] = 1;
	}
	for (i = 0; i < n; i++) {
		if (kept[i] && prio(i) < kept_min)
			kept_min = prio(i);
		if (!kept[i] && prio(i) > left_max)
			left_max = prio(i);
	}
	CHECK(kept_min >= left_max);
	free(kept);
	/* Rules are exactly those the kept results use. */
	CHECK_INT(jv_len(jv_get(jv_get(jv_get(run, "tool"), "driver"), "rules")), jv_len(res));
	/* The run says what was left out, and why. */
	CHECK(jv_int(jv_get(jv_get(run, "properties"), "resultsLeftOut"), &left) == 0);
	CHECK_INT(left, dropped);
	CHECK(sarif_left_out_note(doc) != NULL);
	CHECK(strstr(sarif_left_out_note(doc), "gzip-compressed") != NULL);
	CHECK(jv_bool(jv_get(jv_at(jv_get(run, "invocations"), 0), "executionSuccessful"), 0));
	CHECK(sarif_check_limits(doc) == 0);
	jv_free(doc);

	/* Under the default limit everything stays and there is no note. */
	CHECK(sarif_build(&doc, &fs, NULL, &dropped) == 0);
	CHECK_INT(dropped, 0);
	CHECK(sarif_left_out_note(doc) == NULL);
	CHECK(jv_get(jv_at(jv_get(doc, "runs"), 0), "properties") == NULL);
	jv_free(doc);
	findings_free(&fs);
}

TEST(scan_sarif_gzip_limit_env_and_too_small)
{
	struct findings fs = { 0 };
	struct jv *doc = NULL;
	size_t dropped = 0;

	noisy_findings(&fs, 200);
	setenv(SARIF_TEST_GZIP_ENV, "20000", 1);
	CHECK(sarif_build(&doc, &fs, NULL, &dropped) == 0);
	CHECK(dropped > 0);
	CHECK(doc_gz(doc) <= 20000);
	jv_free(doc);
	doc = NULL;
	unsetenv(SARIF_TEST_GZIP_ENV);
	/* Not even the empty run fits: an error, no document. */
	CHECK(sarif_build_max(&doc, &fs, NULL, 100, &dropped) == ERR_TOOBIG);
	CHECK(doc == NULL);
	findings_free(&fs);
}

static struct jv *parse(const char *text)
{
	struct jv *v = NULL;

	CHECK(jv_parse(&v, text, strlen(text), 1 << 20, "test") == 0);
	return v;
}

/* A one-run document whose array at the given place has n elements. */
static struct jv *doc_with(const char *what, size_t n)
{
	struct buf b = BUF_INIT(1 << 24);
	struct jv *v;
	size_t i;

	buf_puts(&b, "{\"version\":\"2.1.0\",\"runs\":[");
	if (!strcmp(what, "runs")) {
		for (i = 0; i < n; i++)
			buf_printf(&b, "%s{\"tool\":{\"driver\":{\"name\":\"x\"}},\"results\":[]}",
				   i ? "," : "");
		buf_puts(&b, "]}");
		v = parse(buf_cstr(&b));
		buf_release(&b);
		return v;
	}
	buf_puts(&b, "{\"tool\":{\"driver\":{\"name\":\"x\",\"rules\":[{\"id\":\"r\","
		     "\"properties\":{\"tags\":[");
	for (i = 0; !strcmp(what, "tags") && i < n; i++)
		buf_printf(&b, "%s\"t%zu\"", i ? "," : "", i);
	buf_puts(&b, "]}}]}},\"results\":[{\"ruleId\":\"r\",\"locations\":[");
	for (i = 0; !strcmp(what, "locations") && i < n; i++)
		buf_printf(&b, "%s{}", i ? "," : "");
	buf_puts(&b, "],\"codeFlows\":[{\"threadFlows\":[{\"locations\":[");
	for (i = 0; !strcmp(what, "flow") && i < n; i++)
		buf_printf(&b, "%s{}", i ? "," : "");
	buf_puts(&b, "]}]}]}]}]}");
	v = parse(buf_cstr(&b));
	buf_release(&b);
	return v;
}

TEST(scan_sarif_check_limits)
{
	static const struct { const char *what; size_t max; } lim[] = {
		{ "runs", SARIF_MAX_RUNS }, { "tags", SARIF_MAX_TAGS },
		{ "locations", SARIF_MAX_LOCATIONS }, { "flow", SARIF_MAX_FLOW_LOCS },
	};
	size_t i;

	for (i = 0; i < sizeof(lim) / sizeof(lim[0]); i++) {
		struct jv *ok = doc_with(lim[i].what, lim[i].max);
		struct jv *bad = doc_with(lim[i].what, lim[i].max + 1);

		CHECK_INT(sarif_check_limits(ok), 0);
		CHECK_INT(sarif_check_limits(bad), ERR_INVALID);
		jv_free(ok);
		jv_free(bad);
	}
}
