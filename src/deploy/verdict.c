/* verdict.c - the outcome of one deploy-watch evaluation and its human reason. */
#include "deploy/verdict.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum deploy_state deploy_verdict_set(struct deploy_verdict *v,
				     enum deploy_state state,
				     const char *fmt, ...)
{
	va_list ap;

	v->state = state;
	va_start(ap, fmt);
	vsnprintf(v->reason, sizeof(v->reason), fmt, ap);
	va_end(ap);
	return state;
}

const char *deploy_state_name(enum deploy_state s)
{
	switch (s) {
	case DEPLOY_PROGRESSING: return "progressing";
	case DEPLOY_DONE: return "done";
	case DEPLOY_FAILED: return "failed";
	case DEPLOY_STUCK: return "stuck";
	}
	return "unknown";
}

void deploy_verdict_stall(struct deploy_verdict *v, long long last_change_ns,
			  long long now_ns, long long stall_ns)
{
	char was[DEPLOY_REASON_MAX];

	if (v->state != DEPLOY_PROGRESSING || stall_ns <= 0 ||
	    now_ns - last_change_ns < stall_ns)
		return;
	memcpy(was, v->reason, sizeof(was));
	deploy_verdict_set(v, DEPLOY_STUCK, "no change for %llds: %s",
			   (now_ns - last_change_ns) / 1000000000LL, was);
}
