/* cvss.c - CVSS vector parsing and dispatch on the version prefix. */
#include "cvss.h"
#include "cvss_int.h"
#include "../core/err.h"

#include <string.h>

/* Index of value v (length vlen) in the '|' list, or -1. */
static int value_index(const char *list, const char *v, size_t vlen)
{
	int idx = 0;

	while (*list) {
		size_t l = strcspn(list, "|");

		if (l == vlen && !memcmp(list, v, vlen))
			return idx;
		list += l;
		if (*list == '|')
			list++;
		idx++;
	}
	return -1;
}

static int parse_component(const char *vector, const char *c, size_t len,
			   const struct cvss_metric *defs, size_t n, int *vals)
{
	const char *colon = memchr(c, ':', len);
	size_t klen, i;

	if (!colon || colon == c || colon == c + len - 1)
		return err_setc(ERR_INVALID, "CVSS vector \"%s\": bad component \"%.*s\"",
				vector, (int)len, c);
	klen = (size_t)(colon - c);
	for (i = 0; i < n; i++) {
		if (strlen(defs[i].name) != klen || memcmp(defs[i].name, c, klen))
			continue;
		if (vals[i] >= 0)
			return err_setc(ERR_INVALID, "CVSS vector \"%s\": metric %s repeated",
					vector, defs[i].name);
		vals[i] = value_index(defs[i].values, colon + 1,
				      len - klen - 1);
		if (vals[i] < 0)
			return err_setc(ERR_INVALID,
					"CVSS vector \"%s\": %s:%.*s is not one of %s",
					vector, defs[i].name, (int)(len - klen - 1),
					colon + 1, defs[i].values);
		return 0;
	}
	return err_setc(ERR_INVALID, "CVSS vector \"%s\": unknown metric \"%.*s\"",
			vector, (int)klen, c);
}

int cvss_parse(const char *vector, const char *prefix,
	       const struct cvss_metric *defs, size_t n, int *vals)
{
	size_t plen = strlen(prefix), i;
	const char *p;

	for (i = 0; i < n; i++)
		vals[i] = -1;
	if (strncmp(vector, prefix, plen) || (vector[plen] && vector[plen] != '/'))
		return err_setc(ERR_INVALID, "CVSS vector \"%s\": expected prefix %s",
				vector, prefix);
	p = vector + plen;
	while (*p == '/') {
		size_t len = strcspn(p + 1, "/");
		int rc = parse_component(vector, p + 1, len, defs, n, vals);

		if (rc < 0)
			return rc;
		p += 1 + len;
	}
	for (i = 0; i < n; i++)
		if (defs[i].mandatory && vals[i] < 0)
			return err_setc(ERR_INVALID,
					"CVSS vector \"%s\": mandatory metric %s missing",
					vector, defs[i].name);
	return 0;
}

int cvss_score(const char *vector, double *score)
{
	if (!vector)
		return err_setc(ERR_INVALID, "no CVSS vector");
	if (!strncmp(vector, "CVSS:3.", 7))
		return cvss3_score(vector, score);
	if (!strncmp(vector, "CVSS:4.0", 8))
		return cvss4_score(vector, score);
	return err_setc(ERR_INVALID,
			"CVSS vector \"%s\": expected a CVSS:3.0, CVSS:3.1 or CVSS:4.0 prefix",
			vector);
}
