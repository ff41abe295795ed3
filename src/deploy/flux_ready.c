/* flux_ready.c - readiness of Flux Kustomizations and HelmReleases after a reconcile. */
#include "deploy/flux_ready.h"
#include "core/err.h"
#include "svc/kube_obj.h"

#include <string.h>

static const char *const helm_failures[] = {
	"InstallFailed", "UpgradeFailed", "TestFailed", "RollbackFailed",
	"UninstallFailed", "RollbackSucceeded", "UninstallSucceeded",
	"ArtifactFailed", "InitFailed", "GetLastReleaseFailed", NULL
};
static const char *const kustomize_failures[] = {
	"BuildFailed", "HealthCheckFailed", "PruneFailed", "ArtifactFailed",
	"ReconciliationFailed", "InvalidPath", NULL
};

static int listed(const char *const *list, const char *s)
{
	for (; s && *list; list++)
		if (!strcmp(*list, s))
			return 1;
	return 0;
}

/* "main@sha1:abc..." matches "abc..." (full or 7+ prefix) and itself. */
static int revision_match(const char *have, const char *want)
{
	const char *at;
	size_t n;

	if (!want)
		return 1;
	if (!have)
		return 0;
	if (!strcmp(have, want))
		return 1;
	at = strstr(have, "@sha1:");
	if (!at)
		at = strstr(have, "@sha256:");
	if (!at)
		return 0;
	at = strchr(at, ':') + 1;
	n = strlen(want);
	return n >= 7 && !strncmp(at, want, n);
}

/* The freshness gate: 1 when v was set to PROGRESSING. */
static int not_fresh(const struct jv *obj, const struct flux_ready_opts *o,
		     struct deploy_verdict *v)
{
	long long gen = kube_int(obj, "metadata.generation", 0);
	struct jv *ready = kube_cond(obj, "Ready");
	const char *handled = kube_str(obj, "status.lastHandledReconcileAt");

	if (kube_int(obj, "status.observedGeneration", 0) < gen)
		return deploy_verdict_set(v, DEPLOY_PROGRESSING, "waiting for generation %lld to be observed", gen), 1;
	if (o->requested_at && (!handled || strcmp(handled, o->requested_at)))
		return deploy_verdict_set(v, DEPLOY_PROGRESSING, "waiting for the controller to handle the reconcile request"), 1;
	if (!ready)
		return deploy_verdict_set(v, DEPLOY_PROGRESSING, "waiting to be reconciled"), 1;
	if (kube_has(ready, "observedGeneration") && kube_int(ready, "observedGeneration", 0) != gen)
		return deploy_verdict_set(v, DEPLOY_PROGRESSING, "Ready condition is for generation %lld, not %lld",
					  kube_int(ready, "observedGeneration", 0), gen), 1;
	return 0;
}

int flux_ready_status(const struct jv *obj, const struct flux_ready_opts *o,
		      struct deploy_verdict *v)
{
	static const struct flux_ready_opts none;
	const char *kind = jv_get_str(obj, "kind"), *reason, *msg, *rev;
	const char *const *failures;
	int helm;

	if (!o)
		o = &none;
	deploy_verdict_set(v, DEPLOY_PROGRESSING, "not evaluated");
	if (!kind || (strcmp(kind, "Kustomization") && strcmp(kind, "HelmRelease")))
		return err_setc(ERR_INVALID, "%s: not a Flux Kustomization or HelmRelease", kind ? kind : "object");
	helm = !strcmp(kind, "HelmRelease");
	failures = helm ? helm_failures : kustomize_failures;
	if (jv_bool(kube_path(obj, "spec.suspend"), 0))
		return deploy_verdict_set(v, DEPLOY_FAILED, "%s is suspended: it will not reconcile", kind), 0;
	if (kube_cond_is(obj, "Stalled", "True"))
		return deploy_verdict_set(v, DEPLOY_FAILED, "stalled: %s: %s", kube_cond_reason(obj, "Stalled"),
					  kube_cond_message(obj, "Stalled")), 0;
	if (not_fresh(obj, o, v))
		return 0;
	reason = kube_cond_reason(obj, "Ready");
	msg = kube_cond_message(obj, "Ready");
	rev = kube_str(obj, helm ? "status.lastAttemptedRevision" : "status.lastAppliedRevision");
	if (kube_cond_is(obj, "Ready", "False") && listed(failures, reason))
		deploy_verdict_set(v, DEPLOY_FAILED, "%s reconciliation failed: %s: %s", kind, reason, msg);
	else if (!kube_cond_is(obj, "Ready", "True"))
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "%s%s%s", reason, *msg ? ": " : "", msg);
	else if (!revision_match(rev, o->revision))
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "ready at revision %s, waiting for %s", rev ? rev : "(none)", o->revision);
	else
		deploy_verdict_set(v, DEPLOY_DONE, "%s", msg);
	return 0;
}
