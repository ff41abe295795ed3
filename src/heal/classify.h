/* classify.h - deterministic, ordered classification of a failure (domain, kind, route). */
#ifndef SHIP_HEAL_CLASSIFY_H
#define SHIP_HEAL_CLASSIFY_H

#include <stddef.h>

#include "extract.h"

enum heal_domain {
	HEAL_DOM_OTHER = 0, HEAL_DOM_RUST, HEAL_DOM_CCPP, HEAL_DOM_FRONTEND,
	HEAL_DOM_PYTHON, HEAL_DOM_GO, HEAL_DOM_INFRA, HEAL_DOM_GITHUB,
	HEAL_DOM_N
};

enum heal_kind {
	HEAL_KIND_UNKNOWN = 0, HEAL_KIND_CODE, HEAL_KIND_TEST,
	HEAL_KIND_DEPENDENCY, HEAL_KIND_CONFIG, HEAL_KIND_TRANSIENT,
	HEAL_KIND_TIMEOUT,    /* the job hit its time limit: a hang, never retried */
	HEAL_KIND_RESOURCE    /* out of memory or disk in the job itself */
};

/* Everything here is borrowed for the call. */
struct heal_classify_in {
	const char *workflow;                 /* workflow name, or NULL */
	const struct heal_entry *entries;     /* extracted entries */
	size_t nentries;
	const char *const *texts;             /* failed steps' excerpts */
	size_t ntexts;
	const char *const *changed;           /* changed file paths */
	size_t nchanged;
};

struct heal_verdict {
	enum heal_domain domain;
	enum heal_kind kind;
	const char *rule;       /* the rule that decided the kind (static);
	                           "no-rule-matched" when none did */
	const char *signature;  /* the transient signature seen, or NULL */
	int vetoed;             /* a code, test or dependency finding exists */
	int retry_ok;           /* transient-infra and not vetoed */
	int ambiguous;          /* the signature may also be resource
	                           exhaustion (runner lost, exit 137):
	                           the decision layer retries it once */
};

/*
 * Pure and deterministic: the same input gives the same verdict. Kind
 * rules, first match wins: billing, permissions, workflow syntax, job
 * timeout (config/unknown, never retried) -> transient-infra signature
 * with no code/test/dependency finding -> dependency -> test -> code ->
 * infra configuration -> "no-rule-matched". The domain is voted by the
 * entries' tools, the changed files' extensions and the workflow name.
 */
void heal_classify(const struct heal_classify_in *in, struct heal_verdict *out);

const char *heal_domain_name(enum heal_domain d);
const char *heal_kind_name(enum heal_kind k);

/* Routing: domain name -> agent. The table is configuration; NULL uses
 * the default (rust: rex, frontend: blaze, infra: bolt, anything else:
 * atlas). A table entry with domain "*" is the fallback. */
struct heal_route {
	const char *domain;
	const char *agent;
};

const char *heal_route(enum heal_domain d, const struct heal_route *table, size_t n);

#endif
