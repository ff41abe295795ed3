/* cvss_int.h - vector-string parsing shared by the CVSS v3 and v4 scorers. */
#ifndef SHIP_SCAN_CVSS_INT_H
#define SHIP_SCAN_CVSS_INT_H

#include <stddef.h>

struct cvss_metric {
	const char *name;    /* "AV" */
	const char *values;  /* allowed values separated by '|': "N|A|L|P" */
	int mandatory;
};

/*
 * Parses "PREFIX/K:V/K:V..." against defs[0..n). vals[i] is set to the
 * index of the value in defs[i].values, or -1 when the metric is absent.
 * Errors (ERR_INVALID): wrong prefix, unknown or repeated metric, value
 * not allowed, mandatory metric missing, empty component.
 */
int cvss_parse(const char *vector, const char *prefix,
	       const struct cvss_metric *defs, size_t n, int *vals);

#endif
