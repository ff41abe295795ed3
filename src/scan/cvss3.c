/* cvss3.c - CVSS v3.0/v3.1 base score (FIRST CVSS v3.1 specification §7). */
#include "cvss.h"
#include "cvss_int.h"
#include "../core/err.h"

#include <math.h>
#include <string.h>

enum { AV, AC, PR, UI, S, C, I, A, NMETRICS = 22 };

/* Base metrics first (indexes above), then temporal and environmental
 * metrics, accepted so full vectors parse, but not part of the base score. */
static const struct cvss_metric defs[NMETRICS] = {
	{ "AV", "N|A|L|P", 1 }, { "AC", "L|H", 1 }, { "PR", "N|L|H", 1 },
	{ "UI", "N|R", 1 }, { "S", "U|C", 1 }, { "C", "H|L|N", 1 },
	{ "I", "H|L|N", 1 }, { "A", "H|L|N", 1 },
	{ "E", "X|U|P|F|H", 0 }, { "RL", "X|O|T|W|U", 0 },
	{ "RC", "X|U|R|C", 0 }, { "CR", "X|L|M|H", 0 },
	{ "IR", "X|L|M|H", 0 }, { "AR", "X|L|M|H", 0 },
	{ "MAV", "X|N|A|L|P", 0 }, { "MAC", "X|L|H", 0 },
	{ "MPR", "X|N|L|H", 0 }, { "MUI", "X|N|R", 0 },
	{ "MS", "X|U|C", 0 }, { "MC", "X|N|L|H", 0 },
	{ "MI", "X|N|L|H", 0 }, { "MA", "X|N|L|H", 0 },
};

/* Metric weights from the specification's Table 16, same order as defs. */
static const double w_av[] = { 0.85, 0.62, 0.55, 0.2 };
static const double w_ac[] = { 0.77, 0.44 };
static const double w_pr_u[] = { 0.85, 0.62, 0.27 };
static const double w_pr_c[] = { 0.85, 0.68, 0.5 };
static const double w_ui[] = { 0.85, 0.62 };
static const double w_cia[] = { 0.56, 0.22, 0.0 };

/* v3.1 Roundup (Appendix A): avoids floating-point artefacts such as
 * 4.000000001 -> 4.1 by working on an integer scaled by 100000. */
static double roundup31(double x)
{
	long long i = llround(x * 100000.0);

	if (i % 10000 == 0)
		return (double)i / 100000.0;
	return (double)(i / 10000 + 1) / 10.0;
}

static double roundup30(double x)
{
	return ceil(x * 10.0) / 10.0;
}

int cvss3_score(const char *vector, double *score)
{
	int v[NMETRICS], changed, rc;
	double iss, impact, expl, base;
	double (*roundup)(double);

	if (!strncmp(vector, "CVSS:3.1", 8))
		rc = cvss_parse(vector, "CVSS:3.1", defs, NMETRICS, v), roundup = roundup31;
	else
		rc = cvss_parse(vector, "CVSS:3.0", defs, NMETRICS, v), roundup = roundup30;
	if (rc < 0)
		return rc;
	changed = v[S] == 1;
	iss = 1.0 - (1.0 - w_cia[v[C]]) * (1.0 - w_cia[v[I]]) * (1.0 - w_cia[v[A]]);
	if (changed)
		impact = 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15);
	else
		impact = 6.42 * iss;
	expl = 8.22 * w_av[v[AV]] * w_ac[v[AC]] *
	       (changed ? w_pr_c : w_pr_u)[v[PR]] * w_ui[v[UI]];
	if (impact <= 0)
		base = 0;
	else if (changed)
		base = roundup(fmin(1.08 * (impact + expl), 10.0));
	else
		base = roundup(fmin(impact + expl, 10.0));
	*score = base;
	return 0;
}
