/* gates.c - publish's gates, checked before any change: blocking scan findings and --require-green. */
#include "publish/publish_int.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int refuse(struct pub_job *j, int *blocked, const char *what)
{
	*blocked = 1;
	rt_result_set(j->ctx->result, RT_FAIL, "blocked", "not released: %s", what);
	return 0;
}

/* scan.json through the state store: blocking findings refuse. */
static int gate_scan(struct pub_job *j, int *blocked)
{
	struct jv *doc = NULL;
	long long n = 0;
	char msg[128];
	int rc = state_load(j->ctx->state, "scan", &doc);

	if (rc == ERR_NOTFOUND) {
		log_info("gate: no scan state, nothing to check");
		return 0;
	}
	if (rc)
		return err_wrap("gate: reading scan state");
	if (jv_int(jv_get(doc, "blocking"), &n) < 0 || n < 0) {
		jv_free(doc);
		return err_setc(ERR_INVALID, "scan state: \"blocking\" is not a count");
	}
	jv_free(doc);
	if (!n) {
		log_info("gate: scan state has no blocking findings");
		return 0;
	}
	if (opt_flag(j->ctx->opts, "allow-blocking")) {
		log_warn("gate: scan state has %lld blocking findings; releasing anyway "
			 "(--allow-blocking)", n);
		return 0;
	}
	snprintf(msg, sizeof(msg), "scan state has %lld blocking findings "
		 "(--allow-blocking overrides)", n);
	return refuse(j, blocked, msg);
}

/* A check run of this very workflow run (the job running publish is one)
 * is not a signal about HEAD. */
static int own_run(const struct jv *cr)
{
	const char *run = getenv("GITHUB_RUN_ID"), *url = jv_get_str(cr, "details_url");
	char needle[64];

	if (!run || !*run || !url)
		return 0;
	snprintf(needle, sizeof(needle), "/actions/runs/%.30s/", run);
	return strstr(url, needle) != NULL;
}

static int green_conclusion(const char *c)
{
	return c && (!strcmp(c, "success") || !strcmp(c, "neutral") || !strcmp(c, "skipped"));
}

/* The first check run that is not green, or NULL. */
static const char *red_check(const struct jv *runs, const char **why)
{
	size_t i;

	for (i = 0; i < jv_len(runs); i++) {
		const struct jv *cr = jv_at(runs, i);
		const char *st = jv_get_str(cr, "status"), *c = jv_get_str(cr, "conclusion");

		if (own_run(cr))
			continue;
		if (!st || strcmp(st, "completed")) {
			*why = st ? st : "unknown";
			return jv_get_str(cr, "name");
		}
		if (!green_conclusion(c)) {
			*why = c ? c : "no conclusion";
			return jv_get_str(cr, "name");
		}
	}
	return NULL;
}

static int gate_green(struct pub_job *j, int *blocked)
{
	struct jv *st = NULL, *runs = NULL;
	const char *state, *name, *why = "";
	long long total = 0;
	char msg[512];
	int rc;

	if ((rc = pub_gh(j)) || (rc = gh_combined_status(j->gh, j->h.head, &st)))
		goto done;
	if ((rc = gh_check_runs(j->gh, j->h.head, &runs)))
		goto done;
	state = jv_get_str(st, "state");
	jv_int(jv_get(st, "total_count"), &total);
	/* With no commit statuses at all GitHub reports "pending": not a signal. */
	if (total > 0 && (!state || strcmp(state, "success"))) {
		snprintf(msg, sizeof(msg), "the combined status of %.12s is %s (--require-green)",
			 j->h.head, state ? state : "unknown");
		rc = refuse(j, blocked, msg);
	} else if ((name = red_check(runs, &why))) {
		snprintf(msg, sizeof(msg), "check run \"%.100s\" on %.12s is %s (--require-green)",
			 name ? name : "?", j->h.head, why);
		rc = refuse(j, blocked, msg);
	} else {
		log_info("gate: %lld statuses and %zu check runs on %.12s are green", total,
			 jv_len(runs), j->h.head);
	}
done:
	jv_free(st);
	jv_free(runs);
	return rc ? err_wrap("--require-green") : 0;
}

int pub_gates(struct pub_job *j, int *blocked)
{
	int rc;

	*blocked = 0;
	if ((rc = gate_scan(j, blocked)) || *blocked)
		return rc;
	if (opt_flag(j->ctx->opts, "require-green"))
		return gate_green(j, blocked);
	return 0;
}
