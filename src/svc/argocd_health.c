/* argocd_health.c - Argo CD's built-in health assessment of Kubernetes objects. */
#include "svc/argocd_health.h"
#include "core/buf.h"
#include "core/err.h"
#include "svc/kube_obj.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const names[] = {
	"Unknown", "Healthy", "Suspended", "Progressing", "Missing", "Degraded"
};

const char *argocd_health_name(enum argocd_health h)
{
	return (unsigned)h < sizeof(names) / sizeof(names[0]) ? names[h] : "Unknown";
}

enum argocd_health argocd_health_parse(const char *s)
{
	size_t i;

	for (i = 0; s && i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i]))
			return (enum argocd_health)i;
	return ARGOCD_HEALTH_UNKNOWN;
}

struct res {
	enum argocd_health *h;
	char *msg;
	size_t n;
};

static int put(struct res *r, enum argocd_health h, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int put(struct res *r, enum argocd_health h, const char *fmt, ...)
{
	va_list ap;

	*r->h = h;
	if (r->n) {
		va_start(ap, fmt);
		vsnprintf(r->msg, r->n, fmt, ap);
		va_end(ap);
	}
	return 0;
}

static int observed(const struct jv *o)
{
	return kube_int(o, "metadata.generation", 0) <=
	       kube_int(o, "status.observedGeneration", 0);
}

static int deployment(const struct jv *d, struct res *r)
{
	long long want = kube_int(d, "spec.replicas", -1);
	long long upd = kube_int(d, "status.updatedReplicas", 0);
	long long have = kube_int(d, "status.replicas", 0);
	long long avail = kube_int(d, "status.availableReplicas", 0);
	const char *name = kube_str(d, "metadata.name");

	if (jv_bool(kube_path(d, "spec.paused"), 0))
		return put(r, ARGOCD_HEALTH_SUSPENDED, "Deployment is paused");
	if (!observed(d))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for rollout to finish: observed deployment generation less than desired generation");
	if (!strcmp(kube_cond_reason(d, "Progressing"), "ProgressDeadlineExceeded"))
		return put(r, ARGOCD_HEALTH_DEGRADED, "Deployment \"%s\" exceeded its progress deadline", name ? name : "");
	if (want >= 0 && upd < want)
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for rollout to finish: %lld out of %lld new replicas have been updated...", upd, want);
	if (have > upd)
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for rollout to finish: %lld old replicas are pending termination...", have - upd);
	if (avail < upd)
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for rollout to finish: %lld of %lld updated replicas are available...", avail, upd);
	return put(r, ARGOCD_HEALTH_HEALTHY, "%s", "");
}

static int statefulset(const struct jv *s, struct res *r)
{
	long long want = kube_int(s, "spec.replicas", -1);
	long long ready = kube_int(s, "status.readyReplicas", 0);
	long long upd = kube_int(s, "status.updatedReplicas", 0);
	long long part = kube_int(s, "spec.updateStrategy.rollingUpdate.partition", -1);
	const char *type = kube_str(s, "spec.updateStrategy.type");
	const char *cur = kube_str(s, "status.currentRevision");
	const char *nxt = kube_str(s, "status.updateRevision");

	if (kube_int(s, "status.observedGeneration", 0) == 0 || !observed(s))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for statefulset spec update to be observed...");
	if (want >= 0 && ready < want)
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for %lld pods to be ready...", want - ready);
	if (type && !strcmp(type, "RollingUpdate") && part >= 0) {
		if (want >= 0 && upd < want - part)
			return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for partitioned roll out to finish: %lld out of %lld new pods have been updated...", upd, want - part);
		return put(r, ARGOCD_HEALTH_HEALTHY, "partitioned roll out complete: %lld new pods have been updated...", upd);
	}
	if (type && !strcmp(type, "OnDelete"))
		return put(r, ARGOCD_HEALTH_HEALTHY, "statefulset has %lld ready pods", ready);
	if (!cur || !nxt || strcmp(cur, nxt))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "waiting for statefulset rolling update to complete %lld pods at revision %s...", upd, nxt ? nxt : "");
	return put(r, ARGOCD_HEALTH_HEALTHY, "statefulset rolling update complete %lld pods at revision %s...", upd, nxt);
}

static int daemonset(const struct jv *ds, struct res *r)
{
	long long want = kube_int(ds, "status.desiredNumberScheduled", 0);
	const char *type = kube_str(ds, "spec.updateStrategy.type");

	if (type && !strcmp(type, "OnDelete"))
		return put(r, ARGOCD_HEALTH_HEALTHY, "daemon set %lld out of %lld new pods have been updated",
			   kube_int(ds, "status.updatedNumberScheduled", 0), want);
	if (!observed(ds))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for rollout to finish: observed daemon set generation less than desired generation");
	if (kube_int(ds, "status.updatedNumberScheduled", 0) < want)
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for daemon set %s rollout to finish: %lld out of %lld new pods have been updated...",
			   kube_str(ds, "metadata.name"), kube_int(ds, "status.updatedNumberScheduled", 0), want);
	if (kube_int(ds, "status.numberAvailable", 0) < want)
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for daemon set %s rollout to finish: %lld of %lld updated pods are available...",
			   kube_str(ds, "metadata.name"), kube_int(ds, "status.numberAvailable", 0), want);
	return put(r, ARGOCD_HEALTH_HEALTHY, "%s", "");
}

static int replicaset(const struct jv *rs, struct res *r)
{
	long long want = kube_int(rs, "spec.replicas", -1);
	long long avail = kube_int(rs, "status.availableReplicas", 0);

	if (!observed(rs))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for rollout to finish: observed replica set generation less than desired generation");
	if (kube_cond_is(rs, "ReplicaFailure", "True"))
		return put(r, ARGOCD_HEALTH_DEGRADED, "%s", kube_cond_message(rs, "ReplicaFailure"));
	if (want >= 0 && avail < want)
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting for rollout to finish: %lld out of %lld new replicas are available...", avail, want);
	return put(r, ARGOCD_HEALTH_HEALTHY, "%s", "");
}

static int job(const struct jv *j, struct res *r)
{
	if (kube_cond_is(j, "Failed", "True"))
		return put(r, ARGOCD_HEALTH_DEGRADED, "%s", kube_cond_message(j, "Failed"));
	if (kube_cond_is(j, "Complete", "True"))
		return put(r, ARGOCD_HEALTH_HEALTHY, "%s", kube_cond_message(j, "Complete"));
	if (kube_cond_is(j, "Suspended", "True"))
		return put(r, ARGOCD_HEALTH_SUSPENDED, "%s", kube_cond_message(j, "Suspended"));
	return put(r, ARGOCD_HEALTH_PROGRESSING, "%s", "");
}

static int pvc(const struct jv *p, struct res *r)
{
	const char *ph = kube_str(p, "status.phase");

	if (ph && !strcmp(ph, "Lost"))
		return put(r, ARGOCD_HEALTH_DEGRADED, "%s", "");
	if (ph && !strcmp(ph, "Pending"))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "%s", "");
	if (ph && !strcmp(ph, "Bound"))
		return put(r, ARGOCD_HEALTH_HEALTHY, "%s", "");
	return put(r, ARGOCD_HEALTH_UNKNOWN, "%s", "");
}

static int service(const struct jv *s, struct res *r)
{
	const char *type = kube_str(s, "spec.type");

	if (type && !strcmp(type, "LoadBalancer") &&
	    !jv_len(kube_path(s, "status.loadBalancer.ingress")))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "%s", "");
	return put(r, ARGOCD_HEALTH_HEALTHY, "%s", "");
}

static int ingress(const struct jv *i, struct res *r)
{
	if (!jv_len(kube_path(i, "status.loadBalancer.ingress")))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "%s", "");
	return put(r, ARGOCD_HEALTH_HEALTHY, "%s", "");
}

static int apiservice(const struct jv *a, struct res *r)
{
	if (!kube_cond(a, "Available"))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting to be processed");
	if (kube_cond_is(a, "Available", "True"))
		return put(r, ARGOCD_HEALTH_HEALTHY, "%s", kube_cond_message(a, "Available"));
	return put(r, ARGOCD_HEALTH_PROGRESSING, "%s", kube_cond_message(a, "Available"));
}


/* Argo treats a Pod as long-running (restartPolicy Always) also when it
 * carries the ignore-restart-policy annotation and is not a sync hook. */
static int pod_always(const struct jv *p)
{
	const char *rp = kube_str(p, "spec.restartPolicy");
	const char *ign = kube_annotation(p, "argocd.argoproj.io/ignore-restart-policy");

	if (rp && !strcmp(rp, "Always"))
		return 1;
	return ign && !strcmp(ign, "true") &&
	       !kube_annotation(p, "argocd.argoproj.io/hook") &&
	       !kube_annotation(p, "helm.sh/hook");
}

static int bad_waiting(const char *w)
{
	size_t n = w ? strlen(w) : 0;

	return w && (!strncmp(w, "Err", 3) ||
		     (n >= 5 && !strcmp(w + n - 5, "Error")) ||
		     (n >= 7 && !strcmp(w + n - 7, "BackOff")));
}

static int pod_waiting(const struct jv *p, struct res *r)
{
	struct jv *cs = kube_path(p, "status.containerStatuses");
	struct buf m = BUF_INIT(1024);
	const char *w;
	size_t i;
	int bad = 0;

	for (i = 0; i < jv_len(cs); i++) {
		w = kube_str(jv_at(cs, i), "state.waiting.reason");
		if (!bad_waiting(w))
			continue;
		buf_printf(&m, "%s%s", bad++ ? ", " : "",
			   kube_str(jv_at(cs, i), "state.waiting.message") ?
			   kube_str(jv_at(cs, i), "state.waiting.message") : "");
	}
	if (bad)
		put(r, ARGOCD_HEALTH_DEGRADED, "%s", buf_cstr(&m));
	buf_release(&m);
	return bad;
}

/* Argo's message for a failed pod: the first terminated container's
 * message, "OOMKilled" or the exit code. */
static int pod_failed(const struct jv *p, struct res *r)
{
	static const char *const lists[] = { "status.initContainerStatuses", "status.containerStatuses" };
	const char *pm = kube_str(p, "status.message");
	struct jv *c;
	const char *tm, *tr;
	long long code;
	size_t l, i;

	if (pm && *pm)
		return put(r, ARGOCD_HEALTH_DEGRADED, "%s", pm);
	for (l = 0; l < 2; l++) {
		for (i = 0; i < jv_len(kube_path(p, lists[l])); i++) {
			c = jv_at(kube_path(p, lists[l]), i);
			if (!kube_has(c, "state.terminated"))
				continue;
			tm = kube_str(c, "state.terminated.message");
			tr = kube_str(c, "state.terminated.reason");
			code = kube_int(c, "state.terminated.exitCode", 0);
			if (tm && *tm)
				return put(r, ARGOCD_HEALTH_DEGRADED, "%s", tm);
			if (tr && !strcmp(tr, "OOMKilled"))
				return put(r, ARGOCD_HEALTH_DEGRADED, "OOMKilled");
			if (code)
				return put(r, ARGOCD_HEALTH_DEGRADED, "container \"%s\" failed with exit code %lld",
					   jv_get_str(c, "name") ? jv_get_str(c, "name") : "", code);
		}
	}
	return put(r, ARGOCD_HEALTH_DEGRADED, "%s", "");
}

static int pod(const struct jv *p, struct res *r)
{
	const char *ph = kube_str(p, "status.phase");
	const char *pm = kube_str(p, "status.message");
	struct jv *cs = kube_path(p, "status.containerStatuses");
	size_t i;

	if (!pm)
		pm = "";
	if (pod_always(p) && pod_waiting(p, r))
		return 0;
	if (!ph)
		return put(r, ARGOCD_HEALTH_UNKNOWN, "%s", pm);
	if (!strcmp(ph, "Pending"))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "%s", pm);
	if (!strcmp(ph, "Succeeded"))
		return put(r, ARGOCD_HEALTH_HEALTHY, "%s", pm);
	if (!strcmp(ph, "Failed"))
		return pod_failed(p, r);
	if (strcmp(ph, "Running"))
		return put(r, ARGOCD_HEALTH_UNKNOWN, "%s", pm);
	if (!pod_always(p))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "%s", pm);
	if (kube_cond_is(p, "Ready", "True"))
		return put(r, ARGOCD_HEALTH_HEALTHY, "%s", pm);
	for (i = 0; i < jv_len(cs); i++)
		if (kube_has(jv_at(cs, i), "lastState.terminated"))
			return put(r, ARGOCD_HEALTH_DEGRADED, "%s", pm);
	return put(r, ARGOCD_HEALTH_PROGRESSING, "%s", pm);
}

static int hpa_degraded(const char *type, const char *reason)
{
	static const char *const scale[] = { "FailedGetScale", "FailedUpdateScale" };
	static const char *const active[] = {
		"FailedGetResourceMetric", "FailedGetObjectMetric", "FailedGetPodsMetric",
		"FailedGetExternalMetric", "FailedComputeMetricsReplicas", "InvalidSelector"
	};
	size_t i;

	if (!type || !reason)
		return 0;
	for (i = 0; !strcmp(type, "AbleToScale") && i < 2; i++)
		if (!strcmp(reason, scale[i]))
			return 1;
	for (i = 0; !strcmp(type, "ScalingActive") && i < 6; i++)
		if (!strcmp(reason, active[i]))
			return 1;
	return 0;
}

/* Any degraded condition wins; then any AbleToScale/ScalingLimited=True. */
static int hpa_conditions(const struct jv *conds, struct res *r)
{
	const struct jv *c;
	const char *t, *s, *m;
	size_t i;

	for (i = 0; i < jv_len(conds); i++) {
		c = jv_at(conds, i);
		m = jv_get_str(c, "message");
		if (hpa_degraded(jv_get_str(c, "type"), jv_get_str(c, "reason")))
			return put(r, ARGOCD_HEALTH_DEGRADED, "%s", m ? m : "");
	}
	for (i = 0; i < jv_len(conds); i++) {
		c = jv_at(conds, i);
		t = jv_get_str(c, "type");
		s = jv_get_str(c, "status");
		m = jv_get_str(c, "message");
		if (t && s && !strcmp(s, "True") &&
		    (!strcmp(t, "AbleToScale") || !strcmp(t, "ScalingLimited")))
			return put(r, ARGOCD_HEALTH_HEALTHY, "%s", m ? m : "");
	}
	return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting to Autoscale");
}

#define HPA_CONDITIONS_ANNOTATION "autoscaling.alpha.kubernetes.io/conditions"

static int hpa(const struct jv *h, struct res *r)
{
	const char *api = jv_get_str(h, "apiVersion");
	const char *ann;
	struct jv *conds = NULL;
	int rc;

	if (!api || strcmp(api, "autoscaling/v1"))
		return hpa_conditions(kube_path(h, "status.conditions"), r);
	if (!(ann = kube_annotation(h, HPA_CONDITIONS_ANNOTATION)))
		return put(r, ARGOCD_HEALTH_PROGRESSING, "Waiting to Autoscale");
	if ((rc = jv_parse(&conds, ann, strlen(ann), 64u << 10,
			   HPA_CONDITIONS_ANNOTATION)) < 0)
		return rc;
	rc = hpa_conditions(conds, r);
	jv_free(conds);
	return rc;
}

static const struct {
	const char *kind;
	int (*fn)(const struct jv *, struct res *);
} checks[] = {
	{ "Deployment", deployment }, { "StatefulSet", statefulset },
	{ "DaemonSet", daemonset }, { "ReplicaSet", replicaset },
	{ "Job", job }, { "PersistentVolumeClaim", pvc },
	{ "Service", service }, { "Ingress", ingress },
	{ "APIService", apiservice }, { "Pod", pod },
	{ "HorizontalPodAutoscaler", hpa },
};

int argocd_health_assess(const struct jv *obj, enum argocd_health *out,
			 char *msg, size_t n)
{
	struct res r = { out, msg, n };
	const char *kind = jv_get_str(obj, "kind");
	size_t i;

	*out = ARGOCD_HEALTH_UNKNOWN;
	if (n)
		msg[0] = 0;
	for (i = 0; kind && i < sizeof(checks) / sizeof(checks[0]); i++)
		if (!strcmp(kind, checks[i].kind))
			return checks[i].fn(obj, &r);
	return err_setc(ERR_NOTFOUND, "no built-in health check for kind %s", kind ? kind : "(none)");
}
