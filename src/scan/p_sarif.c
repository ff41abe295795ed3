/* p_sarif.c - SARIF 2.1.0 results from any tool, kept as-is as findings. */
#include "pj.h"
#include "../core/err.h"
#include "../core/jv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The rule a result refers to: rules[ruleIndex], else by id. */
static const struct jv *rule_of(const struct jv *rules, const struct jv *res,
				const char *id)
{
	long long idx;
	size_t i;

	if (jv_int(jv_get(res, "ruleIndex"), &idx) == 0 && idx >= 0 &&
	    (size_t)idx < jv_len(rules))
		return jv_at(rules, (size_t)idx);
	for (i = 0; id && i < jv_len(rules); i++) {
		const char *rid = jv_get_str(jv_at(rules, i), "id");

		if (rid && !strcmp(rid, id))
			return jv_at(rules, i);
	}
	return NULL;
}

/* properties.security-severity first (GitHub's field), else the level. */
static enum sev severity(const struct jv *rule, const struct jv *res)
{
	const char *ss = jv_get_str(jv_get(rule, "properties"), "security-severity");
	const char *lvl = jv_get_str(res, "level");
	char *end;

	if (ss && *ss) {
		double d = strtod(ss, &end);

		if (!*end && d >= 0 && d <= 10)
			return sev_from_score(d);
	}
	if (!lvl)
		lvl = jv_get_str(jv_get(rule, "defaultConfiguration"), "level");
	if (!lvl || !strcmp(lvl, "warning"))
		return SEV_MEDIUM; /* SARIF's default level is warning */
	if (!strcmp(lvl, "error"))
		return SEV_HIGH;
	if (!strcmp(lvl, "note"))
		return SEV_LOW;
	return SEV_NONE;
}

static int location(struct finding *f, const struct jv *res)
{
	const struct jv *pl = jv_get(jv_at(jv_get(res, "locations"), 0), "physicalLocation");
	const char *uri = jv_get_str(jv_get(pl, "artifactLocation"), "uri");
	long long line;
	int rc;

	if (uri && ((rc = finding_set(&f->target, uri)) < 0 ||
		    (rc = finding_set(&f->file, uri)) < 0))
		return rc;
	if (jv_int(jv_get(jv_get(pl, "region"), "startLine"), &line) == 0 && line > 0)
		f->line = (long)line;
	return 0;
}

static int result(struct findings *out, const struct jv *res, const struct jv *rules,
		  const char *tool, const char *name, const char *at)
{
	const struct jv *rule;
	struct finding f;
	struct jv *msg;
	const char *id, *t;
	int rc;

	finding_init(&f);
	f.kind = FINDING_SARIF;
	if ((rc = pj_str(res, "ruleId", &id, name, at)) < 0 ||
	    (rc = pj_obj(res, "message", &msg, name, at)) < 0)
		goto done;
	rule = rule_of(rules, res, id);
	if (!id)
		id = jv_get_str(rule, "id");
	if (!id) {
		rc = err_setc(ERR_INVALID, "%s: %s.ruleId: missing", name, at);
		goto done;
	}
	t = jv_get_str(jv_get(rule, "shortDescription"), "text");
	if (!t)
		t = jv_get_str(msg, "text");
	if ((rc = finding_set(&f.id, id)) < 0 || (rc = finding_set(&f.title, t)) < 0 ||
	    (rc = finding_set(&f.url, jv_get_str(rule, "helpUri"))) < 0 ||
	    (rc = location(&f, res)) < 0 || (rc = strv_add(&f.sources, tool)) < 0)
		goto done;
	f.severity = severity(rule, res);
	rc = findings_push(out, &f);
done:
	finding_clear(&f);
	return rc;
}

int scan_parse_sarif(const struct jv *doc, const char *name, struct findings *out)
{
	struct jv *runs, *results, *rules;
	const char *tool;
	char at[64];
	size_t i, j;
	int rc = pj_arr(doc, "runs", &runs, name, "");

	for (i = 0; rc == 0 && i < jv_len(runs); i++) {
		const struct jv *run = jv_at(runs, i);
		struct jv *driver;

		snprintf(at, sizeof(at), "runs[%zu].tool.driver", i);
		driver = jv_get(jv_get(run, "tool"), "driver");
		if ((rc = pj_str(driver, "name", &tool, name, at)) < 0 ||
		    (rc = pj_arr(driver, "rules", &rules, name, at)) < 0)
			return rc;
		snprintf(at, sizeof(at), "runs[%zu]", i);
		if ((rc = pj_arr(run, "results", &results, name, at)) < 0)
			return rc;
		for (j = 0; rc == 0 && j < jv_len(results); j++) {
			snprintf(at, sizeof(at), "runs[%zu].results[%zu]", i, j);
			if (jv_type(jv_at(results, j)) != JV_OBJ)
				return err_setc(ERR_INVALID, "%s: %s: expected an object",
						name, at);
			rc = result(out, jv_at(results, j), rules, tool ? tool : "sarif",
				    name, at);
		}
	}
	return rc;
}
