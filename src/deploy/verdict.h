/* verdict.h - the outcome of one deploy-watch evaluation and its human reason. */
#ifndef SHIP_DEPLOY_VERDICT_H
#define SHIP_DEPLOY_VERDICT_H

/*
 * Every rule (rollout, pods, Argo CD, Flux) fills one of these. `reason`
 * is one line for people ("2 of 3 updated replicas are available"); it may
 * quote untrusted text from the cluster (pod messages), so the caller must
 * escape it before it reaches a workflow command. Truncated to fit.
 */
enum deploy_state {
	DEPLOY_PROGRESSING = 0, /* keep watching */
	DEPLOY_DONE,            /* healthy at the wanted revision */
	DEPLOY_FAILED,          /* will not become healthy without a change */
	DEPLOY_STUCK            /* nothing changed for the stall timeout */
};

#define DEPLOY_REASON_MAX 512

struct deploy_verdict {
	enum deploy_state state;
	char reason[DEPLOY_REASON_MAX];
};

/* Sets state and a printf-formatted reason; returns state. */
enum deploy_state deploy_verdict_set(struct deploy_verdict *v,
				     enum deploy_state state,
				     const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "progressing", "done", "failed", "stuck". Static storage. */
const char *deploy_state_name(enum deploy_state s);
/*
 * Turns a PROGRESSING verdict into STUCK when the watched status has not
 * changed for `stall_ns` (now_ns - last_change_ns); other states are kept.
 * The reason keeps what it was waiting for: "no change for 300s: <reason>".
 */
void deploy_verdict_stall(struct deploy_verdict *v, long long last_change_ns,
			  long long now_ns, long long stall_ns);

#endif
