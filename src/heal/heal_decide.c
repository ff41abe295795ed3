/* heal_decide.c - the pure decision of `ship heal`: re-run, hand off a prompt, or stop. */
#include "heal_decide.h"

#include <stdio.h>
#include <string.h>

static void set(struct heal_decision *d, enum heal_action a, const char *verdict, int failed)
{
	d->action = a;
	d->verdict = verdict;
	d->failed = failed;
}

static void from_verdict(struct heal_decision *d, const struct heal_verdict *v, size_t i)
{
	d->kind = v->kind;
	d->domain = v->domain;
	d->rule = v->rule;
	d->signature = v->signature;
	d->job = i;
}

/* All failed jobs transient and none vetoed: the re-run gates. */
static void transient(const struct heal_decide_in *in, struct heal_decision *d)
{
	size_t i, amb = in->n;

	for (i = 0; i < in->n; i++)
		if (in->v[i].ambiguous && amb == in->n)
			amb = i;
	from_verdict(d, &in->v[amb < in->n ? amb : 0], amb < in->n ? amb : 0);
	if (amb < in->n && in->attempt >= 2) {
		d->kind = HEAL_KIND_RESOURCE;
		d->rule = "ambiguous-retried";
		set(d, HEAL_ACT_PROMPT, "prompt", 0);
		snprintf(d->why, sizeof(d->why), "'%s' came back after a re-run (attempt %ld): "
			 "the job most likely exhausts the runner", d->signature, in->attempt);
	} else if (in->attempt > 0 && in->attempt >= in->budget) {
		d->rule = "rerun-budget-spent";
		set(d, HEAL_ACT_PROMPT, "needs-human", 1);
		snprintf(d->why, sizeof(d->why), "transient failure ('%s') again at attempt %ld: the "
			 "re-run budget of %ld is spent", d->signature, in->attempt, in->budget);
	} else if (in->head_current == 0) {
		set(d, HEAL_ACT_NONE, "superseded", 0);
		snprintf(d->why, sizeof(d->why), "transient failure ('%s'), but the branch head "
			 "moved on: a newer run supersedes this one", d->signature);
	} else {
		set(d, HEAL_ACT_RERUN, "rerun", 0);
		snprintf(d->why, sizeof(d->why), "every failed job shows a transient infrastructure "
			 "signature ('%s') and no code-class finding", d->signature);
	}
}

void heal_decide(const struct heal_decide_in *in, struct heal_decision *d)
{
	size_t i, ntrans = 0, first = in->n;

	memset(d, 0, sizeof(*d));
	d->job = in->n;
	d->rule = "no-failure";
	if (!in->n) {
		set(d, HEAL_ACT_NONE, "no-failure", 0);
		snprintf(d->why, sizeof(d->why), "no failed job");
		return;
	}
	for (i = 0; i < in->n; i++) {
		if (in->v[i].kind == HEAL_KIND_TRANSIENT && in->v[i].retry_ok)
			ntrans++;
		else if (first == in->n)
			first = i;
	}
	if (ntrans == in->n) {
		transient(in, d);
		return;
	}
	from_verdict(d, &in->v[first], first);
	if (d->rule && !strcmp(d->rule, "billing")) {
		set(d, HEAL_ACT_PROMPT, "needs-human", 1);
		snprintf(d->why, sizeof(d->why), "billing blocks the runs: only an owner of the "
			 "account can fix it");
		return;
	}
	set(d, HEAL_ACT_PROMPT, "prompt", 0);
	if (ntrans)
		snprintf(d->why, sizeof(d->why), "%zu failed job(s) look transient, but another "
			 "failed job has a %s failure (%s): no re-run", ntrans,
			 heal_kind_name(d->kind), d->rule);
	else
		snprintf(d->why, sizeof(d->why), "a %s failure (rule %s) in the %s domain: not "
			 "something a re-run fixes", heal_kind_name(d->kind), d->rule,
			 heal_domain_name(d->domain));
}
