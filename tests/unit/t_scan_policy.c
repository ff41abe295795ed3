/* t_scan_policy.c - --fail-on, --only-fixed and ignore rules with expiry. */
#include "unit.h"
#include "scan/policy.h"
#include "scan/report.h"
#include "scan/merge.h"
#include "core/err.h"

#include <stdio.h>
#include <string.h>

static const char *shared(const char *rel)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/../shared/fixtures/scanners/%s", UNIT_REPO, rel);
	return path;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

TEST(scan_policy_fail_on)
{
	struct findings fs = { 0 };
	struct policy p = { SEV_HIGH, 0 };
	struct policy_result r;

	/* pnpm.json: jquery MEDIUM (fixed 3.4.0), lodash CRITICAL (fixed 4.17.12). */
	CHECK(scan_parse_file(shared("trivy/pnpm.json"), SCAN_FMT_AUTO, 0, &fs, NULL) == 0);
	policy_apply(&p, NULL, &fs, "2026-01-01", &r);
	CHECK_INT(r.blocking, 1);
	CHECK_INT(r.counts[SEV_CRITICAL], 1);
	CHECK_INT(r.counts[SEV_MEDIUM], 1);
	CHECK(policy_parse_fail_on("medium", &p) == 0);
	policy_apply(&p, NULL, &fs, "2026-01-01", &r);
	CHECK_INT(r.blocking, 2);
	CHECK(policy_parse_fail_on("none", &p) == 0);
	policy_apply(&p, NULL, &fs, "2026-01-01", &r);
	CHECK_INT(r.blocking, 0);
	CHECK(policy_parse_fail_on("Critical", &p) == 0);
	CHECK_INT(p.fail_on, SEV_CRITICAL);
	CHECK_INT(policy_parse_fail_on("severe", &p), ERR_USAGE);
	findings_free(&fs);

	/* gomod.json: unknown severities never block, even at --fail-on low. */
	CHECK(scan_parse_file(shared("trivy/gomod.json"), SCAN_FMT_AUTO, 0, &fs, NULL) == 0);
	p.fail_on = SEV_LOW;
	policy_apply(&p, NULL, &fs, "2026-01-01", &r);
	CHECK_INT(r.counts[SEV_UNKNOWN], 4);
	CHECK_INT(r.blocking, 1); /* CVE-2022-23628, MEDIUM */
	findings_free(&fs);
}

TEST(scan_policy_only_fixed)
{
	struct findings fs = { 0 };
	struct policy p = { SEV_HIGH, 1 };
	struct policy_result r;

	/* Grype: CVE-1999-0002 is Critical but has no fix. */
	CHECK(scan_parse_file(shared("grype/TestJsonImgsPresenter.json"), SCAN_FMT_AUTO, 0,
			      &fs, NULL) == 0);
	policy_apply(&p, NULL, &fs, "2026-01-01", &r);
	CHECK_INT(r.blocking, 0);
	p.only_fixed = 0;
	policy_apply(&p, NULL, &fs, "2026-01-01", &r);
	CHECK_INT(r.blocking, 1);
	findings_free(&fs);
}

TEST(scan_policy_ignore_rules)
{
	struct findings fs = { 0 };
	struct ignore_list ign = { 0 };
	struct policy p = { SEV_MEDIUM, 0 };
	struct policy_result r;

	CHECK(scan_parse_file(shared("trivy/pnpm.json"), SCAN_FMT_AUTO, 0, &fs, NULL) == 0);
	/* By alias-insensitive id with package; expired; stale. */
	CHECK(ignore_add(&ign, "cve-2019-10744", "lodash", "not reachable", "2026-06-30", 0) == 0);
	CHECK(ignore_add(&ign, "CVE-2019-11358", NULL, "old decision", "2025-12-31", 0) == 0);
	CHECK(ignore_add(&ign, "CVE-2000-0001", NULL, "gone", NULL, 0) == 0);
	CHECK(ignore_add(&ign, "CVE-2019-11358", "other-pkg", "wrong package", NULL, 0) == 0);
	policy_apply(&p, &ign, &fs, "2026-01-01", &r);
	CHECK_INT(r.ignored, 1);
	CHECK_INT(r.blocking, 1);       /* jquery: its ignore expired */
	CHECK_INT(r.expired_rules, 1);
	CHECK_INT(r.stale_rules, 2);
	CHECK(ign.v[1].expired && !ign.v[0].expired);
	CHECK_INT(ign.v[0].matched, 1);
	/* The expiry day itself still ignores; the day after does not. */
	policy_apply(&p, &ign, &fs, "2026-06-30", &r);
	CHECK_INT(ign.v[0].matched, 1);
	policy_apply(&p, &ign, &fs, "2026-07-01", &r);
	CHECK_INT(r.ignored, 0);
	CHECK_INT(r.blocking, 2);
	CHECK_INT(r.expired_rules, 2);

	CHECK_INT(ignore_add(&ign, "CVE-1", NULL, "x", "2026-02-30", 0), ERR_INVALID);
	CHECK_INT(ignore_add(&ign, "CVE-1", NULL, NULL, NULL, 0), ERR_INVALID);
	CHECK(strstr(err_last(), "reason") != NULL);
	ignore_free(&ign);
	findings_free(&fs);
}

TEST(scan_policy_ignore_file)
{
	struct ignore_list ign = { 0 };
	char path[512];
	const char *dir = unit_tmpdir();

	snprintf(path, sizeof(path), "%s/.ship-ignore.yml", dir);
	write_file(path, "ignore:\n"
		   "  - id: CVE-2019-10744\n"
		   "    package: lodash\n"
		   "    reason: not reachable from our code\n"
		   "    expires: 2026-06-30\n"
		   "  - id: GHSA-xvch-5gv4-984h\n"
		   "    reason: dev only\n");
	CHECK(ignore_load(&ign, path) == 0);
	CHECK_INT(ign.n, 2);
	if (ign.n == 2) {
		CHECK_STR(ign.v[0].package, "lodash");
		CHECK_STR(ign.v[0].expires, "2026-06-30");
		CHECK_INT(ign.v[0].line, 2);
		CHECK(ign.v[1].package == NULL && ign.v[1].expires[0] == 0);
	}
	ignore_free(&ign);

	write_file(path, "- id: CVE-1\n  reason: r\n  expires: soon\n");
	CHECK_INT(ignore_load(&ign, path), ERR_INVALID);
	CHECK(strstr(err_last(), ".ship-ignore.yml") && strstr(err_last(), "line 1"));
	CHECK(strstr(err_last(), "YYYY-MM-DD") != NULL);
	write_file(path, "- id: CVE-1\n  reason: r\n  until: 2026-01-01\n");
	CHECK_INT(ignore_load(&ign, path), ERR_INVALID);
	CHECK(strstr(err_last(), "unknown key \"until\"") != NULL);
	write_file(path, "ignore: CVE-1\n");
	CHECK_INT(ignore_load(&ign, path), ERR_INVALID);
	ignore_free(&ign);
	snprintf(path, sizeof(path), "%s/missing.yml", dir);
	CHECK_INT(ignore_load(&ign, path), ERR_NOTFOUND);
}
