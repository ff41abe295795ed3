/* t_deploy_argocd_wait.c - Argo CD Application wait rules on a real Application object. */
#include "unit.h"
#include "core/err.h"
#include "core/jv.h"
#include "deploy/argocd_wait.h"
#include "svc/kube_obj.h"
#include "svc/kube_yaml.h"

#include <string.h>

#define SHA "ea8759964626a583667a2bfd08f334ec2070040a"

/* Real Application (argo-cd controller/testdata/diff-cache.yaml):
 * operationState Succeeded at SHA, finishedAt == reconciledAt
 * 2024-03-05T07:33:04Z, Synced (status.sync.revision "rev1"), Healthy. */
static struct jv *app(void)
{
	struct jv *o = NULL;

	if (kube_yaml_file(&o, UNIT_SHARED "/fixtures/argocd-app/diff-cache.yaml", 1 << 20) < 0)
		unit_fail(__FILE__, __LINE__, "%s", err_last());
	return o;
}

/* Sets the string at "a.b.c" (the parent must exist). */
static void put(struct jv *o, const char *parent, const char *key, const char *val)
{
	CHECK_INT(jv_set_str(kube_path(o, parent), key, val), 0);
}

static enum deploy_state eval(struct jv *a, const struct argocd_wait_opts *o,
			      struct deploy_verdict *v)
{
	CHECK_INT(argocd_wait_status(a, o, v), 0);
	return v->state;
}

TEST(argocd_wait_done_on_the_real_application)
{
	struct argocd_wait_opts o = { NULL, 0 };
	struct deploy_verdict v;
	struct jv *a = app();

	CHECK_INT(eval(a, &o, &v), DEPLOY_DONE);
	CHECK_STR(v.reason, "Synced and Healthy");
	/* The fixture's sync.revision ("rev1") is not the operation's SHA. */
	o.revision = "ea87599";
	CHECK_INT(eval(a, &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "synced to revision rev1, waiting for ea87599");
	put(a, "status.sync", "revision", SHA);
	CHECK_INT(eval(a, &o, &v), DEPLOY_DONE);
	CHECK_STR(v.reason, "Synced and Healthy at ea87599");
	jv_free(a);
}

TEST(argocd_wait_stale_health_is_not_trusted)
{
	struct argocd_wait_opts o = { SHA, 0 };
	struct deploy_verdict v;
	struct jv *a = app();

	put(a, "status.sync", "revision", SHA);
	/* The health reconciler last ran before the sync finished: the
	 * Healthy (or Degraded) it reports is from before the sync. */
	put(a, "status", "reconciledAt", "2024-03-05T07:33:03Z");
	CHECK_INT(eval(a, &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "waiting for Argo CD to reconcile after the sync finished at 2024-03-05T07:33:04Z");
	put(a, "status.health", "status", "Degraded");
	CHECK_INT(eval(a, &o, &v), DEPLOY_PROGRESSING);
	/* Fresh and Degraded: fail with the degraded resources. */
	put(a, "status", "reconciledAt", "2024-03-05T07:33:09Z");
	put(a, "status.health", "message", "1 resource degraded");
	CHECK_INT(jv_set_str(kube_path(jv_at(kube_path(a, "status.resources"), 1), "health"), "status", "Degraded"), 0);
	CHECK_INT(jv_set_str(kube_path(jv_at(kube_path(a, "status.resources"), 1), "health"), "message",
			     "Deployment \"test-lla\" exceeded its progress deadline"), 0);
	CHECK_INT(eval(a, &o, &v), DEPLOY_FAILED);
	CHECK_STR(v.reason, "health Degraded after the sync: 1 resource degraded "
		  "(Deployment/test-lla: Deployment \"test-lla\" exceeded its progress deadline)");
	/* No reconciledAt at all: never judged. */
	CHECK_INT(jv_del(kube_path(a, "status"), "reconciledAt"), 0);
	CHECK_INT(eval(a, &o, &v), DEPLOY_PROGRESSING);
	jv_free(a);
}

TEST(argocd_wait_operation_states)
{
	struct argocd_wait_opts o = { NULL, 0 };
	struct deploy_verdict v;
	struct jv *a = app(), *res;

	CHECK_INT(jv_set(a, "operation", jv_new_obj()), 0);
	put(a, "status.operationState", "phase", "Running");
	put(a, "status.operationState", "message", "waiting for healthy state of apps/Deployment/test-lla");
	CHECK_INT(eval(a, &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "sync operation Running: waiting for healthy state of apps/Deployment/test-lla");
	CHECK_INT(jv_del(a, "operation"), 0);
	CHECK_INT(eval(a, &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "sync operation Running");
	put(a, "status.operationState", "phase", "Failed");
	put(a, "status.operationState", "message", "one or more objects failed to apply");
	res = jv_at(kube_path(a, "status.operationState.syncResult.resources"), 1);
	CHECK_INT(jv_set_str(res, "status", "SyncFailed"), 0);
	CHECK_INT(jv_set_str(res, "message", "Deployment.apps \"test-lla\" is invalid: spec.template.spec.containers[0].image: Required value"), 0);
	CHECK_INT(eval(a, &o, &v), DEPLOY_FAILED);
	CHECK_STR(v.reason, "sync operation Failed: one or more objects failed to apply (Deployment/test-lla: "
		  "Deployment.apps \"test-lla\" is invalid: spec.template.spec.containers[0].image: Required value)");
	put(a, "status.operationState", "phase", "Error");
	CHECK_INT(eval(a, &o, &v), DEPLOY_FAILED);
	jv_free(a);
}

TEST(argocd_wait_revision_and_requested_sync)
{
	struct argocd_wait_opts o = { "0123456789abcdef0123456789abcdef01234567", 0 };
	struct deploy_verdict v;
	struct jv *a = app();

	/* A failed sync of an OLDER revision says nothing about ours. */
	put(a, "status.operationState", "phase", "Failed");
	CHECK_INT(eval(a, &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "last sync was of revision " SHA ", waiting for a sync of "
		  "0123456789abcdef0123456789abcdef01234567");
	o.revision = NULL;
	put(a, "status.operationState", "phase", "Succeeded");
	CHECK_INT(kube_time("2024-03-05T07:40:00Z", &o.sync_requested_ns), 0);
	CHECK_INT(eval(a, &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "waiting for the requested sync to start");
	CHECK_INT(kube_time("2024-03-05T07:33:03Z", &o.sync_requested_ns), 0);
	CHECK_INT(eval(a, &o, &v), DEPLOY_DONE);
	CHECK_INT(jv_del(kube_path(a, "status"), "operationState"), 0);
	CHECK_INT(eval(a, &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "waiting for the sync operation to start");
	o.sync_requested_ns = 0;
	CHECK_INT(eval(a, &o, &v), DEPLOY_DONE);
	put(a, "status.sync", "status", "OutOfSync");
	CHECK_INT(eval(a, &o, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "sync status OutOfSync");
	put(a, "metadata", "deletionTimestamp", "2024-03-05T08:00:00Z");
	CHECK_INT(eval(a, &o, &v), DEPLOY_FAILED);
	jv_free(a);
}

#define DEPLOY_JSON "{\"kind\":\"Deployment\",\"metadata\":{\"name\":\"x\"}}"

TEST(argocd_wait_rejects_other_objects)
{
	struct deploy_verdict v;
	struct jv *o = NULL;

	CHECK_INT(jv_parse(&o, DEPLOY_JSON, strlen(DEPLOY_JSON), 100, "d"), 0);
	CHECK_INT(argocd_wait_status(o, NULL, &v), ERR_INVALID);
	jv_free(o);
	CHECK(argocd_revision_match(SHA, "EA87599"));
	CHECK(!argocd_revision_match(SHA, "ea875"));
	CHECK(argocd_revision_match("v1.2.3", "v1.2.3"));
	CHECK(!argocd_revision_match("v1.2.30", "v1.2.3"));
	CHECK(!argocd_revision_match(NULL, "v1"));
	CHECK(argocd_revision_match(NULL, NULL));
}
