/* heal_decide.h - the pure decision of `ship heal`: re-run, hand off a prompt, or stop. */
#ifndef SHIP_HEAL_DECIDE_H
#define SHIP_HEAL_DECIDE_H

#include <stddef.h>

#include "classify.h"

enum heal_action {
	HEAL_ACT_NONE = 0,   /* nothing to do (no failure, duplicate, superseded) */
	HEAL_ACT_RERUN,      /* POST rerun-failed-jobs */
	HEAL_ACT_PROMPT      /* write (and maybe send) the remediation prompt */
};

/* Everything is borrowed for the call. */
struct heal_decide_in {
	const struct heal_verdict *v;  /* one verdict per failed job */
	size_t n;
	long attempt;        /* run_attempt; 0 when unknown (local logs) */
	long budget;         /* re-run only while attempt < budget */
	int head_current;    /* 1: the branch head is the run's SHA, 0: it
	                        moved on, -1: unknown (local logs) */
};

struct heal_decision {
	enum heal_action action;
	const char *verdict;   /* static: "rerun", "prompt", "needs-human",
	                          "superseded", "no-failure" */
	int failed;            /* 1: the failure stands and needs a person
	                          (exit 1) */
	enum heal_kind kind;   /* of the whole run */
	enum heal_domain domain;
	const char *rule;      /* static: the classifier or decision rule */
	const char *signature; /* static or NULL */
	size_t job;            /* index of the verdict that decided (n: none) */
	char why[256];         /* one sentence for humans */
};

/*
 * Pure and deterministic. Re-run only when every failed job is
 * transient-infra with no veto, the attempt is under the budget, the
 * head is still the run's SHA, and an ambiguous signature (runner lost,
 * exit 137) has not been retried already (attempt 1 only); an ambiguous
 * signature seen again becomes resource-exhausted. A transient failure
 * whose budget is spent needs a person (failed = 1), as does billing.
 * Any other failure hands off a prompt; the kind, domain and rule come
 * from the first failed job that is not transient (a mixed run is
 * vetoed by it).
 */
void heal_decide(const struct heal_decide_in *in, struct heal_decision *out);

#endif
