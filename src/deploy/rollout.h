/* rollout.h - rollout status of Deployments, StatefulSets, DaemonSets and Jobs. */
#ifndef SHIP_DEPLOY_ROLLOUT_H
#define SHIP_DEPLOY_ROLLOUT_H

#include "core/jv.h"
#include "deploy/verdict.h"

struct rollout_opts {
	/*
	 * When the watch started (ns since the epoch; 0 = unknown). In ship
	 * mode a Progressing=False/ProgressDeadlineExceeded condition last
	 * updated before this is stale (left over from an earlier rollout,
	 * e.g. before `rollout undo`) and ignored.
	 */
	long long watch_start_ns;
	/* Deployment revision wanted (kubectl --revision); 0 = any. */
	long long revision;
	/*
	 * 1: exactly `kubectl rollout status` (kubectl 1.20..1.33 rules, for
	 * comparison). 0: ship's rules, which add: stale deadline conditions
	 * ignored, Deployment Available=True required, StatefulSet
	 * currentRevision == updateRevision once fully rolled out, Jobs.
	 */
	int kubectl;
};

/*
 * Evaluates one object (as returned by the API: kind, metadata, spec,
 * status) and fills v. Returns 0, or ERR_INVALID for an object that has no
 * rollout to watch (unsupported kind, OnDelete update strategy, a Job in
 * kubectl mode) with the message set.
 */
int rollout_status(const struct jv *obj, const struct rollout_opts *o,
		   struct deploy_verdict *v);

#endif
