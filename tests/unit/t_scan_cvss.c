/* t_scan_cvss.c - CVSS v3.x and v4.0 scores against published example vectors. */
#include "unit.h"
#include "scan/cvss.h"
#include "scan/finding.h"
#include "core/err.h"

#include <math.h>
#include <stdio.h>

static int score_is(const char *vec, double want)
{
	double got = -1;

	if (cvss_score(vec, &got) < 0)
		return 0;
	return fabs(got - want) < 1e-9;
}

#define CHECK_SCORE(v, s)                                                  \
	do {                                                               \
		double g_ = -1;                                            \
		int r_ = cvss_score((v), &g_);                             \
		if (r_ < 0 || fabs(g_ - (s)) > 1e-9)                       \
			unit_fail(__FILE__, __LINE__, "%s: got %.1f (rc %d %s), want %.1f", \
				  (v), g_, r_, err_last(), (double)(s));   \
	} while (0)

/* Examples of the CVSS v3.1 specification's "Examples" document (FIRST),
 * plus scores NVD publishes for vectors in our scanner fixtures. */
TEST(scan_cvss3_spec_examples)
{
	CHECK_SCORE("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1); /* CVE-2013-1937 */
	CHECK_SCORE("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4); /* CVE-2013-0375 */
	CHECK_SCORE("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1); /* CVE-2014-3566 */
	CHECK_SCORE("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9); /* CVE-2012-1516 */
	CHECK_SCORE("CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8); /* CVE-2009-0658 */
	CHECK_SCORE("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8); /* CVE-2014-6271 */
	CHECK_SCORE("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5); /* CVE-2014-0160 */
	CHECK_SCORE("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8);
	CHECK_SCORE("CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8); /* CVE-2014-2005 */
	CHECK_SCORE("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N", 5.8); /* CVE-2010-0467 */
	/* From the fixtures (Trivy's nvd/redhat entries). */
	CHECK_SCORE("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L", 5.6);
	CHECK_SCORE("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", 5.3);
	CHECK_SCORE("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5);
	CHECK_SCORE("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0);
	/* Temporal metrics are accepted; the base score is returned. */
	CHECK_SCORE("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C", 9.8);
}

TEST(scan_cvss4_examples)
{
	CHECK_SCORE("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3);
	CHECK_SCORE("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0);
	CHECK_SCORE("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 6.9);
	CHECK_SCORE("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N", 5.3);
	CHECK_SCORE("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N/E:X", 5.3);
	/* Reference calculator's documented example (CVSS-BTE). */
	CHECK_SCORE("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N/E:A/MAV:A", 8.7);
	/* No impact at all scores 0. */
	CHECK_SCORE("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0);
}

TEST(scan_cvss_rejects_bad_vectors)
{
	double s;

	CHECK_INT(cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", &s), ERR_INVALID);
	CHECK(strstr(err_last(), "A missing") != NULL);
	CHECK_INT(cvss_score("CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", &s), ERR_INVALID);
	CHECK_INT(cvss_score("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", &s), ERR_INVALID);
	CHECK(strstr(err_last(), "AV:Q") != NULL);
	CHECK_INT(cvss_score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", &s), ERR_INVALID);
	CHECK_INT(cvss_score("AV:N/AC:L/Au:N/C:P/I:P/A:P", &s), ERR_INVALID); /* v2 */
	CHECK_INT(cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N", &s),
		  ERR_INVALID);
	CHECK_INT(cvss_score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/ZZ:1", &s),
		  ERR_INVALID);
	CHECK(!score_is("CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8));
}

TEST(scan_severity_from_score)
{
	CHECK_INT(sev_from_score(0.0), SEV_NONE);
	CHECK_INT(sev_from_score(0.1), SEV_LOW);
	CHECK_INT(sev_from_score(3.9), SEV_LOW);
	CHECK_INT(sev_from_score(4.0), SEV_MEDIUM);
	CHECK_INT(sev_from_score(6.9), SEV_MEDIUM);
	CHECK_INT(sev_from_score(7.0), SEV_HIGH);
	CHECK_INT(sev_from_score(8.9), SEV_HIGH);
	CHECK_INT(sev_from_score(9.0), SEV_CRITICAL);
	CHECK_INT(sev_from_score(10.0), SEV_CRITICAL);
	CHECK_INT(sev_parse("Moderate"), SEV_MEDIUM);
	CHECK_INT(sev_parse("CRITICAL"), SEV_CRITICAL);
	CHECK_INT(sev_parse("Negligible"), SEV_LOW);
	CHECK_INT(sev_parse("bogus"), SEV_UNKNOWN);
}

/* 4500 vectors scored by an independent implementation (@pandatix/js-cvss,
 * see tests/fixtures/scan/README.md): v4.0 with threat, requirement and
 * modified metrics, v3.0 and v3.1. */
TEST(scan_cvss_independent_vectors)
{
	FILE *f = fopen(unit_fixture("scan/cvss-vectors.txt"), "r");
	char line[512], vec[480];
	int n = 0, bad = 0;
	double want, got;

	CHECK(f != NULL);
	while (f && fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || sscanf(line, "%479s %lf", vec, &want) != 2)
			continue;
		n++;
		if (cvss_score(vec, &got) < 0 || fabs(got - want) > 1e-9) {
			if (bad++ < 10)
				unit_fail(__FILE__, __LINE__, "%s: got %.1f, want %.1f (%s)",
					  vec, got, want, err_last());
		}
	}
	if (f)
		fclose(f);
	CHECK_INT(n, 4500);
	CHECK_INT(bad, 0);
}
