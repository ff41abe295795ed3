/* podfail.h - early failure from the pods of a workload's NEW revision. */
#ifndef SHIP_DEPLOY_PODFAIL_H
#define SHIP_DEPLOY_PODFAIL_H

#include <stddef.h>
#include "core/jv.h"
#include "deploy/verdict.h"

/*
 * Which pods belong to the new revision: pods whose metadata.labels[label]
 * equals value. Old-revision pods failing (the ones being replaced) must
 * not fail a rollout, and a healthy old pod must not hide a failing new one.
 */
struct podfail_sel {
	char label[64];   /* pod-template-hash, controller-revision-hash, controller-uid */
	char value[256];
};

/*
 * Finds the new revision of a Deployment, StatefulSet, DaemonSet or Job.
 *  - Deployment: the ReplicaSet in `owned` (a ReplicaSetList or array)
 *    owned by the Deployment (ownerReferences uid, when both have one)
 *    whose deployment.kubernetes.io/revision annotation equals the
 *    Deployment's; its pod-template-hash label.
 *  - StatefulSet: status.updateRevision (the pods' controller-revision-hash).
 *  - DaemonSet: the ControllerRevision in `owned` with the highest
 *    .revision owned by the DaemonSet; its controller-revision-hash label.
 *  - Job: the Job's uid under the selector's controller-uid label.
 * Returns 0, ERR_NOTFOUND while the controller has not produced the new
 * revision yet (spec not observed, ReplicaSet not created: wait and retry),
 * or ERR_INVALID for another kind.
 */
int podfail_selector(const struct jv *workload, const struct jv *owned,
		     struct podfail_sel *sel);

struct podfail_opts {
	const struct podfail_sel *sel; /* NULL: every pod in the list counts */
	int restart_limit;             /* fail above this many restarts; < 0: off */
	long long unschedulable_ns;    /* Unschedulable for this long fails; 0: 15 s */
	long long now_ns;              /* the current time, ns since the epoch */
};

/*
 * Looks at `pods` (a PodList or an array of Pods) and sets v to FAILED
 * on the first pod of the new revision that:
 *  - has a container (init containers too) waiting with a reason that
 *    starts with "Err" or ends in "BackOff" or "Error" (CrashLoopBackOff,
 *    ImagePullBackOff, ErrImagePull, CreateContainerConfigError, ...) or
 *    is InvalidImageName;
 *  - has a container whose current or last termination is OOMKilled;
 *  - has a container restarted more than restart_limit times;
 *  - has PodScheduled=False/Unschedulable since longer than the window.
 * Pods being deleted are skipped. Otherwise v is PROGRESSING ("no failing
 * pods (N of the new revision)"). When `findings` is not NULL it receives
 * a NEW array (caller jv_free()s) with one object per finding:
 * {pod, container, reason, message, exitCode, restarts}.
 * Returns 0, or ERR_FAIL when out of memory.
 */
int podfail_check(const struct jv *pods, const struct podfail_opts *o,
		  struct deploy_verdict *v, struct jv **findings);

#endif
