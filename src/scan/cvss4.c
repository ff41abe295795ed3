/* cvss4.c - CVSS v4.0 score: MacroVector lookup plus severity-distance interpolation. */
#include "cvss.h"
#include "cvss_int.h"
#include "cvss4_table.h"
#include "../core/err.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

enum {
	AV, AC, AT, PR, UI, VC, VI, VA, SC, SI, SA, E, CR, IR, AR,
	MAV, MAC, MAT, MPR, MUI, MVC, MVI, MVA, MSC, MSI, MSA,
	SS, AU, RR, VV, RE, UU, NMETRICS
};

/* Metric names and values of the specification, §2-§4 and Table 23. */
static const struct cvss_metric defs[NMETRICS] = {
	{ "AV", "N|A|L|P", 1 }, { "AC", "L|H", 1 }, { "AT", "N|P", 1 },
	{ "PR", "N|L|H", 1 }, { "UI", "N|P|A", 1 }, { "VC", "H|L|N", 1 },
	{ "VI", "H|L|N", 1 }, { "VA", "H|L|N", 1 }, { "SC", "H|L|N", 1 },
	{ "SI", "H|L|N", 1 }, { "SA", "H|L|N", 1 },
	{ "E", "X|A|P|U", 0 },
	{ "CR", "X|H|M|L", 0 }, { "IR", "X|H|M|L", 0 }, { "AR", "X|H|M|L", 0 },
	{ "MAV", "X|N|A|L|P", 0 }, { "MAC", "X|L|H", 0 }, { "MAT", "X|N|P", 0 },
	{ "MPR", "X|N|L|H", 0 }, { "MUI", "X|N|P|A", 0 },
	{ "MVC", "X|H|L|N", 0 }, { "MVI", "X|H|L|N", 0 }, { "MVA", "X|H|L|N", 0 },
	{ "MSC", "X|H|L|N", 0 }, { "MSI", "X|S|H|L|N", 0 },
	{ "MSA", "X|S|H|L|N", 0 },
	{ "S", "X|N|P", 0 }, { "AU", "X|N|Y", 0 }, { "R", "X|A|U|I", 0 },
	{ "V", "X|D|C", 0 }, { "RE", "X|L|M|H", 0 },
	{ "U", "X|Clear|Green|Amber|Red", 0 },
};

/* First letter of the chosen value, 'X' when absent. */
static char val(const int *v, int m)
{
	const char *p = defs[m].values;
	int i;

	if (v[m] < 0)
		return 'X';
	for (i = 0; i < v[m]; i++)
		p = strchr(p, '|') + 1;
	return *p;
}

/* The value scoring uses: the Modified metric when given, and the
 * worst case for unspecified E and CR/IR/AR (spec §4.2 and §5). */
static char eff(const int *v, int m)
{
	char c;

	switch (m) {
	case E:
		c = val(v, E);
		return c == 'X' ? 'A' : c;
	case CR: case IR: case AR:
		c = val(v, m);
		return c == 'X' ? 'H' : c;
	default:
		break;
	}
	if (m <= SA) {
		c = val(v, MAV + m);
		if (c != 'X')
			return c;
	}
	return val(v, m);
}

/* Severity levels of metric values used for distances (in 0.1 steps). */
static double level(int m, char c)
{
	static const struct { int m; const char *vals; double base; } t[] = {
		{ AV, "NALP", 0 }, { PR, "NLH", 0 }, { UI, "NPA", 0 },
		{ AC, "LH", 0 }, { AT, "NP", 0 }, { VC, "HLN", 0 },
		{ VI, "HLN", 0 }, { VA, "HLN", 0 }, { SC, "HLN", 0.1 },
		{ SI, "SHLN", 0 }, { SA, "SHLN", 0 }, { CR, "HML", 0 },
		{ IR, "HML", 0 }, { AR, "HML", 0 }, { E, "APU", 0 },
	};
	static const double step[] = { 0.0, 0.1, 0.2, 0.3 };
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const char *p;

		if (t[i].m != m || !c || !(p = strchr(t[i].vals, c)))
			continue;
		if (t[i].base > 0) /* SC: H=0.1 L=0.2 N=0.3 */
			return step[p - t[i].vals + 1];
		return step[p - t[i].vals];
	}
	return 0;
}

/* The value of metric `name` in a "K:V/K:V/" max-vector string. */
static char maxval(const char *s, const char *name)
{
	size_t l = strlen(name);

	while (*s) {
		if (!strncmp(s, name, l) && s[l] == ':')
			return s[l + 1];
		s = strchr(s, '/');
		if (!s)
			break;
		s++;
	}
	return 0;
}

static void eqs(const int *v, int q[6])
{
	char av = eff(v, AV), pr = eff(v, PR), ui = eff(v, UI);
	char vc = eff(v, VC), vi = eff(v, VI), va = eff(v, VA);
	char si = eff(v, SI), sa = eff(v, SA), e = eff(v, E);

	if (av == 'N' && pr == 'N' && ui == 'N')
		q[0] = 0;
	else if ((av == 'N' || pr == 'N' || ui == 'N') && av != 'P')
		q[0] = 1;
	else
		q[0] = 2;
	q[1] = eff(v, AC) == 'L' && eff(v, AT) == 'N' ? 0 : 1;
	if (vc == 'H' && vi == 'H')
		q[2] = 0;
	else if (vc == 'H' || vi == 'H' || va == 'H')
		q[2] = 1;
	else
		q[2] = 2;
	if (si == 'S' || sa == 'S')
		q[3] = 0;
	else if (eff(v, SC) == 'H' || si == 'H' || sa == 'H')
		q[3] = 1;
	else
		q[3] = 2;
	q[4] = e == 'A' ? 0 : e == 'P' ? 1 : 2;
	q[5] = (eff(v, CR) == 'H' && vc == 'H') || (eff(v, IR) == 'H' && vi == 'H') ||
	       (eff(v, AR) == 'H' && va == 'H') ? 0 : 1;
}

/* Score of a MacroVector, or NAN when it does not exist. */
static double macro(int a, int b, int c, int d, int e, int f)
{
	double s;

	if (a > 2 || b > 1 || c > 2 || d > 2 || e > 2 || f > 1)
		return NAN;
	s = cvss4_macro[((a * 2 + b) * 3 + c) * 3 + d][e * 2 + f];
	return s < 0 ? NAN : s;
}

static const int dist_metrics[] = { AV, PR, UI, AC, AT, VC, VI, VA, SC, SI, SA,
				    CR, IR, AR, E };
#define NDIST (sizeof(dist_metrics) / sizeof(dist_metrics[0]))

/* Distances d[m] = level(effective) - level(max vector); 1 when all >= 0. */
static int distances(const int *v, const char *maxv, double *d)
{
	size_t i;
	int ok = 1;

	for (i = 0; i < NDIST; i++) {
		int m = dist_metrics[i];

		d[m] = level(m, eff(v, m)) - level(m, maxval(maxv, defs[m].name));
		if (d[m] < 0)
			ok = 0;
	}
	return ok;
}

/* Finds the first composed max vector (spec order) not below the vector. */
static void max_distances(const int *v, const int *q, double *d)
{
	const char *const *e1 = cvss4_max_eq1[q[0]], *const *e2 = cvss4_max_eq2[q[1]];
	const char *const *e3 = cvss4_max_eq3eq6[q[2]][q[5]];
	char mv[128];
	int a, b, c;

	for (a = 0; a < 3 && e1[a]; a++)
		for (b = 0; b < 2 && e2[b]; b++)
			for (c = 0; c < 5 && e3[c]; c++) {
				snprintf(mv, sizeof(mv), "%s%s%s%s%s", e1[a], e2[b],
					 e3[c], cvss4_max_eq4[q[3]], cvss4_max_eq5[q[4]]);
				if (distances(v, mv, d))
					return;
			}
}

/* One EQ's share: MSD * (distance / depth); counts when the lower exists. */
static void part(double value, double lower, double dist, int depth,
		 double *sum, int *n)
{
	if (isnan(lower))
		return;
	(*n)++;
	*sum += (value - lower) * (dist / (depth * 0.1));
}

static double interpolate(const int *v, const int *q)
{
	double d[NMETRICS] = { 0 }, value, lower36, sum = 0;
	int n = 0;

	value = macro(q[0], q[1], q[2], q[3], q[4], q[5]);
	if (q[2] == 0 && q[5] == 0)
		lower36 = fmax(macro(q[0], q[1], q[2], q[3], q[4], 1),
			       macro(q[0], q[1], 1, q[3], q[4], 0));
	else if (q[2] == 1 && q[5] == 0)
		lower36 = macro(q[0], q[1], 1, q[3], q[4], 1);
	else
		lower36 = macro(q[0], q[1], q[2] + 1, q[3], q[4], q[5]);
	if (q[2] == 0 && q[5] == 0 &&
	    (isnan(macro(q[0], q[1], 0, q[3], q[4], 1)) ||
	     isnan(macro(q[0], q[1], 1, q[3], q[4], 0))))
		lower36 = NAN; /* as the reference: max() of a missing one is NaN */
	max_distances(v, q, d);
	part(value, macro(q[0] + 1, q[1], q[2], q[3], q[4], q[5]),
	     d[AV] + d[PR] + d[UI], cvss4_depth_eq1[q[0]], &sum, &n);
	part(value, macro(q[0], q[1] + 1, q[2], q[3], q[4], q[5]),
	     d[AC] + d[AT], cvss4_depth_eq2[q[1]], &sum, &n);
	part(value, lower36, d[VC] + d[VI] + d[VA] + d[CR] + d[IR] + d[AR],
	     cvss4_depth_eq3eq6[q[2]][q[5]], &sum, &n);
	part(value, macro(q[0], q[1], q[2], q[3] + 1, q[4], q[5]),
	     d[SC] + d[SI] + d[SA], cvss4_depth_eq4[q[3]], &sum, &n);
	/* EQ5: the proportion is always 0, but an existing lower counts. */
	part(value, macro(q[0], q[1], q[2], q[3], q[4] + 1, q[5]), 0, 1, &sum, &n);
	if (n)
		value -= sum / n;
	return value;
}

int cvss4_score(const char *vector, double *score)
{
	int v[NMETRICS], q[6], rc;
	double s;

	rc = cvss_parse(vector, "CVSS:4.0", defs, NMETRICS, v);
	if (rc < 0)
		return rc;
	if (eff(v, VC) == 'N' && eff(v, VI) == 'N' && eff(v, VA) == 'N' &&
	    eff(v, SC) == 'N' && eff(v, SI) == 'N' && eff(v, SA) == 'N') {
		*score = 0.0;
		return 0;
	}
	eqs(v, q);
	s = fmax(0.0, fmin(10.0, interpolate(v, q)));
	*score = floor(s * 10.0 + 0.5) / 10.0;
	return 0;
}
