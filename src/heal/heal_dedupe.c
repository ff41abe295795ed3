/* heal_dedupe.c - each (run id, attempt) is triaged once; a second failure on a branch within the window is a duplicate. */
#include "heal_int.h"
#include "core/err.h"
#include "core/log.h"
#include "rt/state.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define HEAL_HISTORY_MAX 200
#define HEAL_HISTORY_AGE (7LL * 24 * 3600)

static long long num(const struct jv *v)
{
	long long n = 0;

	return jv_int(v, &n) ? 0 : n;
}

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

int heal_dedupe_check(struct heal_ctx *h)
{
	struct jv *doc = NULL;
	long long now = (long long)time(NULL);
	long window = opt_int(h->rt->opts, "dedupe-window", 10);
	size_t i;
	int rc = state_load(h->rt->state, "heal", &doc);

	if (rc == ERR_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (window < 0)
		window = 0;
	h->history = jv_ref(jv_get(doc, "history"));
	jv_free(doc);
	for (i = 0; i < jv_len(h->history) && !h->duplicate; i++) {
		const struct jv *e = jv_at(h->history, i);
		long long run = num(jv_get(e, "run_id")), t = num(jv_get(e, "time"));
		const char *verdict = jv_get_str(e, "verdict");

		if (run == h->run_id && num(jv_get(e, "attempt")) == h->attempt) {
			h->duplicate = 1;
			snprintf(h->dup_why, sizeof(h->dup_why), "run %lld attempt %ld was triaged "
				 "already (verdict %s)", run, h->attempt, verdict ? verdict : "?");
		} else if (run != h->run_id && same(jv_get_str(e, "repo"), h->repo) &&
			   same(jv_get_str(e, "branch"), h->branch) && now - t >= 0 &&
			   now - t < (long long)window * 60) {
			h->duplicate = 1;
			snprintf(h->dup_why, sizeof(h->dup_why), "branch %s failed %lld s ago in run "
				 "%lld (within the %ld-minute window)", h->branch, now - t, run, window);
		}
	}
	if (h->duplicate)
		log_info("duplicate: %s", h->dup_why);
	return 0;
}

/* Appends this triage to the history kept in heal.json (not in dry runs:
 * the real run must still see the run as new). */
int heal_dedupe_record(struct heal_ctx *h, struct jv *doc)
{
	struct jv *hist = jv_new_arr(), *e;
	long long now = (long long)time(NULL);
	size_t i, n = jv_len(h->history), from = n > HEAL_HISTORY_MAX ? n - HEAL_HISTORY_MAX : 0;

	if (!hist)
		return err_set("out of memory");
	for (i = from; i < n; i++) {
		const struct jv *o = jv_at(h->history, i);

		if (now - num(jv_get(o, "time")) < HEAL_HISTORY_AGE)
			jv_push(hist, jv_ref(jv_at(h->history, i)));
	}
	if (!h->local && !h->dry && !h->duplicate && h->run_id) {
		e = jv_new_obj();
		jv_set_str(e, "repo", h->repo);
		jv_set_int(e, "run_id", h->run_id);
		jv_set_int(e, "attempt", h->attempt);
		jv_set_str(e, "branch", h->branch);
		jv_set_str(e, "workflow", h->workflow);
		jv_set_int(e, "time", now);
		jv_set_str(e, "verdict", h->d.verdict);
		jv_push(hist, e);
	}
	return jv_set(doc, "history", hist) ? err_set("out of memory") : 0;
}
