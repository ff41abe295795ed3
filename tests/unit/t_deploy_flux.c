/* t_deploy_flux.c - Flux Kustomization/HelmRelease readiness rules. */
#include "unit.h"
#include "core/err.h"
#include "core/jv.h"
#include "deploy/flux_ready.h"

#include <stdio.h>
#include <string.h>

static struct jv *obj(const char *json)
{
	struct jv *o = NULL;

	if (jv_parse(&o, json, strlen(json), 1 << 16, "case") < 0)
		unit_fail(__FILE__, __LINE__, "%s: %s", err_last(), json);
	return o;
}

/* A Kustomization as kustomize-controller writes it (flux2 testdata
 * shape): generation gen, status.observedGeneration og, Ready condition
 * (status, reason, message, its own observedGeneration cog). */
static struct jv *ks(int gen, int og, const char *handled, const char *st,
		     const char *reason, const char *msg, int cog, const char *extra)
{
	char j[4096];

	snprintf(j, sizeof(j),
		 "{\"apiVersion\":\"kustomize.toolkit.fluxcd.io/v1\",\"kind\":\"Kustomization\","
		 "\"metadata\":{\"name\":\"apps\",\"namespace\":\"flux-system\",\"generation\":%d,"
		 "\"annotations\":{\"reconcile.fluxcd.io/requestedAt\":\"2026-11-21T09:00:00.123456789Z\"}},"
		 "\"spec\":{\"interval\":\"10m\",\"path\":\"./apps\",\"prune\":true,"
		 "\"sourceRef\":{\"kind\":\"GitRepository\",\"name\":\"flux-system\"}},"
		 "\"status\":{\"observedGeneration\":%d,\"lastHandledReconcileAt\":\"%s\","
		 "\"lastAppliedRevision\":\"main@sha1:0123456789abcdef0123456789abcdef01234567\","
		 "\"conditions\":[%s{\"type\":\"Ready\",\"status\":\"%s\",\"reason\":\"%s\",\"message\":\"%s\","
		 "\"observedGeneration\":%d,\"lastTransitionTime\":\"2026-11-21T09:00:03Z\"}]}}",
		 gen, og, handled, extra ? extra : "", st, reason, msg, cog);
	return obj(j);
}

#define REQ "2026-11-21T09:00:00.123456789Z"

static enum deploy_state eval(struct jv *o, const struct flux_ready_opts *opt,
			      struct deploy_verdict *v)
{
	CHECK_INT(flux_ready_status(o, opt, v), 0);
	jv_free(o);
	return v->state;
}

TEST(flux_kustomization_freshness_gates)
{
	struct flux_ready_opts o = { REQ, NULL };
	struct deploy_verdict v;
	const char *ok = "Applied revision: main@sha1:0123456789abcdef0123456789abcdef01234567";

	CHECK_INT(eval(ks(3, 3, REQ, "True", "ReconciliationSucceeded", ok, 3, NULL), &o, &v), DEPLOY_DONE);
	CHECK_STR(v.reason, ok);
	/* Ready=True from before our request was handled is stale. */
	CHECK_INT(eval(ks(3, 3, "2026-11-21T08:00:00Z", "True", "ReconciliationSucceeded", ok, 3, NULL), &o, &v),
		  DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "waiting for the controller to handle the reconcile request");
	CHECK_INT(eval(ks(4, 3, REQ, "True", "ReconciliationSucceeded", ok, 3, NULL), &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "waiting for generation 4 to be observed");
	CHECK_INT(eval(ks(4, 4, REQ, "True", "ReconciliationSucceeded", ok, 3, NULL), &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "Ready condition is for generation 3, not 4");
	o.requested_at = NULL;
	CHECK_INT(eval(ks(3, 3, "2026-11-21T08:00:00Z", "True", "ReconciliationSucceeded", ok, 3, NULL), &o, &v),
		  DEPLOY_DONE);
}

TEST(flux_kustomization_failures_and_progress)
{
	struct flux_ready_opts o = { REQ, NULL };
	struct deploy_verdict v;

	CHECK_INT(eval(ks(3, 3, REQ, "Unknown", "Progressing", "Reconciliation in progress", 3,
			  "{\"type\":\"Reconciling\",\"status\":\"True\",\"reason\":\"Progressing\",\"message\":\"x\"},"),
		       &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "Progressing: Reconciliation in progress");
	CHECK_INT(eval(ks(3, 3, REQ, "False", "HealthCheckFailed",
			  "health check failed after 2m0s: timeout waiting for: [Deployment/apps/web status: 'InProgress']", 3,
			  "{\"type\":\"Reconciling\",\"status\":\"True\",\"reason\":\"ProgressingWithRetry\",\"message\":\"x\"},"),
		       &o, &v), DEPLOY_FAILED);
	CHECK_STR(v.reason, "Kustomization reconciliation failed: HealthCheckFailed: health check failed after 2m0s: "
		  "timeout waiting for: [Deployment/apps/web status: 'InProgress']");
	CHECK_INT(eval(ks(3, 3, REQ, "False", "DependencyNotReady", "dependency 'flux-system/infra' is not ready", 3, NULL),
		       &o, &v), DEPLOY_PROGRESSING);
	CHECK_INT(eval(ks(3, 3, REQ, "False", "BuildFailed", "kustomize build failed", 3,
			  "{\"type\":\"Stalled\",\"status\":\"True\",\"reason\":\"InvalidPath\",\"message\":\"path not found\"},"),
		       &o, &v), DEPLOY_FAILED);
	CHECK_STR(v.reason, "stalled: InvalidPath: path not found");
	o.revision = "0123456";
	CHECK_INT(eval(ks(3, 3, REQ, "True", "ReconciliationSucceeded", "ok", 3, NULL), &o, &v), DEPLOY_DONE);
	o.revision = "fedcba9876";
	CHECK_INT(eval(ks(3, 3, REQ, "True", "ReconciliationSucceeded", "ok", 3, NULL), &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "ready at revision main@sha1:0123456789abcdef0123456789abcdef01234567, waiting for fedcba9876");
}

static struct jv *hr(const char *st, const char *reason, const char *msg, const char *suspend)
{
	char j[4096];

	snprintf(j, sizeof(j),
		 "{\"apiVersion\":\"helm.toolkit.fluxcd.io/v2\",\"kind\":\"HelmRelease\","
		 "\"metadata\":{\"name\":\"podinfo\",\"namespace\":\"apps\",\"generation\":2},"
		 "\"spec\":{\"interval\":\"5m\",\"suspend\":%s,\"chart\":{\"spec\":{\"chart\":\"podinfo\",\"version\":\"6.5.*\"}},"
		 "\"upgrade\":{\"remediation\":{\"retries\":1,\"strategy\":\"rollback\"}}},"
		 "\"status\":{\"observedGeneration\":2,\"lastAttemptedRevision\":\"6.5.4\",\"upgradeFailures\":1,"
		 "\"conditions\":[{\"type\":\"Ready\",\"status\":\"%s\",\"reason\":\"%s\",\"message\":\"%s\",\"observedGeneration\":2},"
		 "{\"type\":\"Released\",\"status\":\"False\",\"reason\":\"UpgradeFailed\",\"message\":\"x\",\"observedGeneration\":2}]}}",
		 suspend, st, reason, msg);
	return obj(j);
}

TEST(flux_helmrelease_remediation_is_a_failure)
{
	struct flux_ready_opts o = { NULL, "6.5.4" };
	struct deploy_verdict v;

	CHECK_INT(eval(hr("False", "RollbackSucceeded", "Helm rollback to previous release apps/podinfo.v3 with chart podinfo@6.5.3 succeeded", "false"),
		       &o, &v), DEPLOY_FAILED);
	CHECK_STR(v.reason, "HelmRelease reconciliation failed: RollbackSucceeded: Helm rollback to previous release "
		  "apps/podinfo.v3 with chart podinfo@6.5.3 succeeded");
	CHECK_INT(eval(hr("False", "UpgradeFailed", "Helm upgrade failed: context deadline exceeded", "false"), &o, &v),
		  DEPLOY_FAILED);
	CHECK_INT(eval(hr("True", "UpgradeSucceeded", "Helm upgrade succeeded for release apps/podinfo.v4 with chart podinfo@6.5.4", "false"),
		       &o, &v), DEPLOY_DONE);
	CHECK_INT(eval(hr("True", "UpgradeSucceeded", "ok", "true"), &o, &v), DEPLOY_FAILED);
	CHECK_STR(v.reason, "HelmRelease is suspended: it will not reconcile");
	o.revision = "6.5.5";
	CHECK_INT(eval(hr("True", "UpgradeSucceeded", "ok", "false"), &o, &v), DEPLOY_PROGRESSING);
}

TEST(flux_rejects_other_kinds)
{
	struct deploy_verdict v;
	struct jv *o = obj("{\"kind\":\"GitRepository\"}");

	CHECK_INT(flux_ready_status(o, NULL, &v), ERR_INVALID);
	jv_free(o);
}
