/* rollout.c - rollout status of Deployments, StatefulSets, DaemonSets and Jobs. */
#include "deploy/rollout.h"
#include "core/err.h"
#include "svc/kube_obj.h"

#include <stdlib.h>
#include <string.h>

#define REV_ANNOTATION "deployment.kubernetes.io/revision"

static int observed(const struct jv *obj)
{
	return kube_int(obj, "metadata.generation", 0) <=
	       kube_int(obj, "status.observedGeneration", 0);
}

/* A ProgressDeadlineExceeded condition that belongs to this watch. */
static int deadline_exceeded(const struct jv *d, const struct rollout_opts *o)
{
	struct jv *c = kube_cond(d, "Progressing");
	const char *r = jv_get_str(c, "reason");
	long long upd;

	if (!r || strcmp(r, "ProgressDeadlineExceeded"))
		return 0;
	if (o->kubectl || !o->watch_start_ns)
		return 1;
	upd = kube_time_at(c, "lastUpdateTime", 0);
	if (!upd)
		upd = kube_time_at(c, "lastTransitionTime", 0);
	/* Times have second precision: compare in whole seconds. */
	return upd / KUBE_NS_PER_SEC >= o->watch_start_ns / KUBE_NS_PER_SEC;
}

static int revision_mismatch(const struct jv *d, const struct rollout_opts *o,
			     struct deploy_verdict *v)
{
	const char *s = kube_annotation(d, REV_ANNOTATION);
	long long have = s ? strtoll(s, NULL, 10) : 0;

	if (o->revision <= 0 || have == o->revision)
		return 0;
	deploy_verdict_set(v, DEPLOY_FAILED,
			   "desired revision (%lld) is different from the running revision (%lld)",
			   o->revision, have);
	return 1;
}

static int deployment(const struct jv *d, const char *name,
		      const struct rollout_opts *o, struct deploy_verdict *v)
{
	long long want = kube_int(d, "spec.replicas", -1);
	long long upd = kube_int(d, "status.updatedReplicas", 0);
	long long have = kube_int(d, "status.replicas", 0);
	long long avail = kube_int(d, "status.availableReplicas", 0);

	if (o->kubectl && revision_mismatch(d, o, v))
		return 0;
	if (!observed(d)) {
		deploy_verdict_set(v, DEPLOY_PROGRESSING,
				   "waiting for deployment spec update to be observed");
		return 0;
	}
	if (!o->kubectl && revision_mismatch(d, o, v))
		return 0;
	if (deadline_exceeded(d, o))
		deploy_verdict_set(v, DEPLOY_FAILED, "deployment \"%s\" exceeded its progress deadline", name);
	else if (want >= 0 && upd < want)
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "%lld out of %lld new replicas have been updated", upd, want);
	else if (have > upd)
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "%lld old replicas are pending termination", have - upd);
	else if (avail < upd)
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "%lld of %lld updated replicas are available", avail, upd);
	else if (!o->kubectl && kube_cond(d, "Available") && !kube_cond_is(d, "Available", "True"))
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "deployment is not Available yet: %s",
				   kube_cond_message(d, "Available"));
	else
		deploy_verdict_set(v, DEPLOY_DONE, "deployment \"%s\" successfully rolled out", name);
	/* A paused Deployment never progresses: say so (the stall timer
	 * ends the wait); when its counts are complete it is simply done. */
	if (!o->kubectl && v->state == DEPLOY_PROGRESSING && jv_bool(kube_path(d, "spec.paused"), 0))
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "deployment \"%s\" is paused", name);
	return 0;
}

static int strategy_is(const struct jv *obj, const char *want)
{
	const char *t = kube_str(obj, "spec.updateStrategy.type");

	return !t || !strcmp(t, want);
}

static int daemonset(const struct jv *ds, const char *name,
		     const struct rollout_opts *o, struct deploy_verdict *v)
{
	long long want = kube_int(ds, "status.desiredNumberScheduled", 0);
	long long upd = kube_int(ds, "status.updatedNumberScheduled", 0);
	long long avail = kube_int(ds, "status.numberAvailable", 0);

	if (!strategy_is(ds, "RollingUpdate"))
		return err_setc(ERR_INVALID, "DaemonSet/%s: rollout status is only available for RollingUpdate strategy type", name);
	if (!observed(ds))
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "waiting for daemon set spec update to be observed");
	else if (upd < want)
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "%lld out of %lld new pods have been updated", upd, want);
	else if (avail < want)
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "%lld of %lld updated pods are available", avail, want);
	else
		deploy_verdict_set(v, DEPLOY_DONE, "daemon set \"%s\" successfully rolled out", name);
	return 0;
}

static int statefulset(const struct jv *s, const char *name,
		       const struct rollout_opts *o, struct deploy_verdict *v)
{
	long long gen = kube_int(s, "metadata.generation", 0);
	long long og = kube_int(s, "status.observedGeneration", 0);
	long long want = kube_int(s, "spec.replicas", -1);
	long long ready = kube_int(s, "status.readyReplicas", 0);
	long long upd = kube_int(s, "status.updatedReplicas", 0);
	long long part = kube_int(s, "spec.updateStrategy.rollingUpdate.partition", -1);
	const char *cur = kube_str(s, "status.currentRevision");
	const char *nxt = kube_str(s, "status.updateRevision");
	int same = (!cur && !nxt) || (cur && nxt && !strcmp(cur, nxt));
	int ru = kube_has(s, "spec.updateStrategy.rollingUpdate");

	if (!strategy_is(s, "RollingUpdate"))
		return err_setc(ERR_INVALID, "StatefulSet/%s: rollout status is only available for RollingUpdate strategy type", name);
	if (og == 0 || gen > og)
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "waiting for statefulset spec update to be observed");
	else if (want >= 0 && ready < want)
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "waiting for %lld pods to be ready", want - ready);
	else if (ru && part >= 0 && want >= 0 && upd < want - part)
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "%lld out of %lld new pods have been updated", upd, want - part);
	/* kubectl stops here whenever rollingUpdate is set; ship also wants
	 * the revisions to match unless a partition holds pods back. */
	else if (ru && (o->kubectl || part > 0 || same))
		deploy_verdict_set(v, DEPLOY_DONE, "partitioned roll out complete: %lld new pods have been updated", upd);
	else if (!same)
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "waiting for statefulset rolling update to complete %lld pods at revision %s",
				   upd, nxt ? nxt : "?");
	else
		deploy_verdict_set(v, DEPLOY_DONE, "statefulset rolling update complete %lld pods at revision %s",
				   upd, nxt ? nxt : "?");
	return 0;
}

static int job(const struct jv *j, const char *name, const struct rollout_opts *o,
	       struct deploy_verdict *v)
{
	if (o->kubectl)
		return err_setc(ERR_INVALID, "Job/%s: kubectl has no rollout status for jobs", name);
	if (kube_cond_is(j, "Failed", "True"))
		deploy_verdict_set(v, DEPLOY_FAILED, "job \"%s\" failed: %s: %s", name,
				   kube_cond_reason(j, "Failed"), kube_cond_message(j, "Failed"));
	else if (kube_cond_is(j, "Complete", "True"))
		deploy_verdict_set(v, DEPLOY_DONE, "job \"%s\" completed (%lld succeeded)", name,
				   kube_int(j, "status.succeeded", 0));
	else if (kube_cond_is(j, "Suspended", "True"))
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "job \"%s\" is suspended", name);
	else
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "%lld active, %lld succeeded, %lld failed pods",
				   kube_int(j, "status.active", 0), kube_int(j, "status.succeeded", 0),
				   kube_int(j, "status.failed", 0));
	return 0;
}

int rollout_status(const struct jv *obj, const struct rollout_opts *o,
		   struct deploy_verdict *v)
{
	static const struct rollout_opts none;
	const char *kind = jv_get_str(obj, "kind");
	const char *name = kube_str(obj, "metadata.name");

	if (!o)
		o = &none;
	deploy_verdict_set(v, DEPLOY_PROGRESSING, "not evaluated");
	if (!kind || !name)
		return err_setc(ERR_INVALID, "object without kind or metadata.name");
	if (!strcmp(kind, "Deployment"))
		return deployment(obj, name, o, v);
	if (!strcmp(kind, "DaemonSet"))
		return daemonset(obj, name, o, v);
	if (!strcmp(kind, "StatefulSet"))
		return statefulset(obj, name, o, v);
	if (!strcmp(kind, "Job"))
		return job(obj, name, o, v);
	return err_setc(ERR_INVALID, "%s/%s: no rollout status for this kind", kind, name);
}
