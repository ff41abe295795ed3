/* sarif_limit.c - GitHub code scanning's documented SARIF maxima, checked on a document. */
#include "sarif_out.h"
#include "../core/err.h"
#include "../core/jv.h"

static int over(const char *what, size_t n, size_t max, size_t run)
{
	return err_setc(ERR_INVALID, "SARIF run %zu: %zu %s, GitHub code scanning accepts at "
			"most %zu", run, n, what, max);
}

static int check_rule(const struct jv *rule, size_t run)
{
	const struct jv *props = jv_get(rule, "properties");
	size_t n;

	if ((n = jv_len(jv_get(props, "tags"))) > SARIF_MAX_TAGS)
		return over("tags on a rule", n, SARIF_MAX_TAGS, run);
	n = jv_strlen(jv_get(jv_get(rule, "fullDescription"), "text"));
	if (n > SARIF_MAX_FULL_DESC)
		return over("bytes in a rule's fullDescription", n, SARIF_MAX_FULL_DESC, run);
	return 0;
}

/* Thread-flow locations of one result, over all code flows. */
static size_t flow_locations(const struct jv *res)
{
	const struct jv *flows = jv_get(res, "codeFlows");
	size_t i, j, n = 0;

	for (i = 0; i < jv_len(flows); i++) {
		const struct jv *tf = jv_get(jv_at(flows, i), "threadFlows");

		for (j = 0; j < jv_len(tf); j++)
			n += jv_len(jv_get(jv_at(tf, j), "locations"));
	}
	return n;
}

static int check_run(const struct jv *run, size_t r)
{
	const struct jv *tool = jv_get(run, "tool"), *res = jv_get(run, "results");
	const struct jv *rules = jv_get(jv_get(tool, "driver"), "rules");
	size_t i, n;
	int rc;

	if ((n = jv_len(res)) > SARIF_MAX_RESULTS)
		return over("results", n, SARIF_MAX_RESULTS, r);
	if ((n = jv_len(rules)) > SARIF_MAX_RULES)
		return over("rules", n, SARIF_MAX_RULES, r);
	if ((n = jv_len(jv_get(tool, "extensions"))) > SARIF_MAX_EXTENSIONS)
		return over("tool extensions", n, SARIF_MAX_EXTENSIONS, r);
	for (i = 0; i < jv_len(rules); i++)
		if ((rc = check_rule(jv_at(rules, i), r)))
			return rc;
	for (i = 0; i < jv_len(res); i++) {
		const struct jv *x = jv_at(res, i);

		if ((n = jv_len(jv_get(x, "locations"))) > SARIF_MAX_LOCATIONS)
			return over("locations on a result", n, SARIF_MAX_LOCATIONS, r);
		if ((n = flow_locations(x)) > SARIF_MAX_FLOW_LOCS)
			return over("thread-flow locations on a result", n, SARIF_MAX_FLOW_LOCS, r);
	}
	return 0;
}

int sarif_check_limits(const struct jv *doc)
{
	const struct jv *runs = jv_get(doc, "runs");
	size_t i, n = jv_len(runs);
	int rc;

	if (n > SARIF_MAX_RUNS)
		return err_setc(ERR_INVALID, "SARIF: %zu runs, GitHub code scanning accepts at "
				"most %d per file", n, SARIF_MAX_RUNS);
	for (i = 0; i < n; i++)
		if ((rc = check_run(jv_at(runs, i), i)))
			return rc;
	return 0;
}
