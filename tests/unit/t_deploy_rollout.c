/* t_deploy_rollout.c - rollout status rules (kubectl's and ship's) per kind. */
#include "unit.h"
#include "core/err.h"
#include "core/jv.h"
#include "deploy/rollout.h"
#include "svc/kube_obj.h"

#include <stdio.h>
#include <string.h>

static struct jv *obj(const char *json)
{
	struct jv *o = NULL;

	if (jv_parse(&o, json, strlen(json), 1 << 16, "case") < 0)
		unit_fail(__FILE__, __LINE__, "%s", err_last());
	return o;
}

/* A Deployment with generation/observedGeneration, spec.replicas and
 * status replicas/updated/available, like kubectl's table tests. */
static struct jv *deploy(int gen, int ogen, int want, int have, int upd, int avail,
			 const char *conds)
{
	char j[2048];

	snprintf(j, sizeof(j),
		 "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
		 "\"metadata\":{\"name\":\"web\",\"namespace\":\"default\",\"generation\":%d,"
		 "\"annotations\":{\"deployment.kubernetes.io/revision\":\"3\"}},"
		 "\"spec\":{\"replicas\":%d},"
		 "\"status\":{\"observedGeneration\":%d,\"replicas\":%d,\"updatedReplicas\":%d,"
		 "\"availableReplicas\":%d,\"conditions\":[%s]}}",
		 gen, want, ogen, have, upd, avail, conds ? conds : "");
	return obj(j);
}

static enum deploy_state eval(struct jv *o, const struct rollout_opts *opt,
			      struct deploy_verdict *v)
{
	CHECK_INT(rollout_status(o, opt, v), 0);
	jv_free(o);
	return v->state;
}

TEST(rollout_deployment_kubectl_table)
{
	struct rollout_opts k = { 0, 0, 1 };
	struct deploy_verdict v;

	CHECK_INT(eval(deploy(1, 1, 1, 1, 0, 0, NULL), &k, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "0 out of 1 new replicas have been updated");
	CHECK_INT(eval(deploy(1, 1, 1, 2, 1, 1, NULL), &k, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "1 old replicas are pending termination");
	CHECK_INT(eval(deploy(1, 1, 3, 3, 3, 2, NULL), &k, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "2 of 3 updated replicas are available");
	CHECK_INT(eval(deploy(1, 1, 2, 2, 2, 2, NULL), &k, &v), DEPLOY_DONE);
	CHECK_STR(v.reason, "deployment \"web\" successfully rolled out");
	CHECK_INT(eval(deploy(2, 1, 2, 2, 2, 2, NULL), &k, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "waiting for deployment spec update to be observed");
}

#define PDE_OLD "{\"type\":\"Progressing\",\"status\":\"False\",\"reason\":\"ProgressDeadlineExceeded\"," \
	"\"lastUpdateTime\":\"2026-11-21T08:00:00Z\",\"lastTransitionTime\":\"2026-11-21T08:00:00Z\"}"
#define PDE_NEW "{\"type\":\"Progressing\",\"status\":\"False\",\"reason\":\"ProgressDeadlineExceeded\"," \
	"\"lastUpdateTime\":\"2026-11-21T09:00:05Z\",\"lastTransitionTime\":\"2026-11-21T09:00:05Z\"}"
#define AVAIL_FALSE "{\"type\":\"Available\",\"status\":\"False\",\"reason\":\"MinimumReplicasUnavailable\"," \
	"\"message\":\"Deployment does not have minimum availability.\"}"

TEST(rollout_deployment_deadline_only_when_fresh)
{
	struct rollout_opts ship = { 0, 0, 0 }, k = { 0, 0, 1 };
	struct deploy_verdict v;

	CHECK_INT(kube_time("2026-11-21T09:00:00Z", &ship.watch_start_ns), 0);
	k.watch_start_ns = ship.watch_start_ns;
	/* A deadline condition left over from before the watch (rollout undo):
	 * kubectl fails, ship keeps evaluating the replica counts. */
	CHECK_INT(eval(deploy(4, 4, 1, 1, 1, 1, PDE_OLD), &k, &v), DEPLOY_FAILED);
	CHECK_STR(v.reason, "deployment \"web\" exceeded its progress deadline");
	CHECK_INT(eval(deploy(4, 4, 1, 1, 1, 1, PDE_OLD), &ship, &v), DEPLOY_DONE);
	CHECK_INT(eval(deploy(4, 4, 1, 2, 1, 0, PDE_NEW), &ship, &v), DEPLOY_FAILED);
	/* Not judged before the controller saw the new spec. */
	CHECK_INT(eval(deploy(5, 4, 1, 2, 1, 0, PDE_NEW), &ship, &v), DEPLOY_PROGRESSING);
}

TEST(rollout_deployment_ship_wants_available_and_revision)
{
	struct rollout_opts ship = { 0, 0, 0 }, k = { 0, 0, 1 };
	struct deploy_verdict v;

	CHECK_INT(eval(deploy(1, 1, 1, 1, 1, 1, AVAIL_FALSE), &k, &v), DEPLOY_DONE);
	CHECK_INT(eval(deploy(1, 1, 1, 1, 1, 1, AVAIL_FALSE), &ship, &v), DEPLOY_PROGRESSING);
	CHECK(strstr(v.reason, "minimum availability") != NULL);
	ship.revision = k.revision = 4;
	CHECK_INT(eval(deploy(1, 1, 1, 1, 1, 1, NULL), &ship, &v), DEPLOY_FAILED);
	CHECK_STR(v.reason, "desired revision (4) is different from the running revision (3)");
	/* ship waits for the spec to be observed before comparing revisions. */
	CHECK_INT(eval(deploy(2, 1, 1, 1, 1, 1, NULL), &ship, &v), DEPLOY_PROGRESSING);
	CHECK_INT(eval(deploy(2, 1, 1, 1, 1, 1, NULL), &k, &v), DEPLOY_FAILED);
	ship.revision = 3;
	CHECK_INT(eval(deploy(1, 1, 1, 1, 1, 1, NULL), &ship, &v), DEPLOY_DONE);
}

static struct jv *sts(int gen, int ogen, int want, int ready, int upd, const char *strategy,
		      const char *cur, const char *nxt)
{
	char j[2048];

	snprintf(j, sizeof(j),
		 "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\","
		 "\"metadata\":{\"name\":\"db\",\"generation\":%d},"
		 "\"spec\":{\"replicas\":%d,\"updateStrategy\":%s},"
		 "\"status\":{\"observedGeneration\":%d,\"readyReplicas\":%d,\"updatedReplicas\":%d,"
		 "\"currentRevision\":\"%s\",\"updateRevision\":\"%s\"}}",
		 gen, want, strategy, ogen, ready, upd, cur, nxt);
	return obj(j);
}

#define RU "{\"type\":\"RollingUpdate\"}"
#define RU_P(n) "{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":" #n "}}"

TEST(rollout_statefulset_rules)
{
	struct rollout_opts ship = { 0, 0, 0 }, k = { 0, 0, 1 };
	struct deploy_verdict v;
	struct jv *o;

	CHECK_INT(eval(sts(1, 0, 3, 0, 0, RU, "a", "a"), &k, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "waiting for statefulset spec update to be observed");
	CHECK_INT(eval(sts(2, 2, 3, 1, 0, RU, "a", "b"), &k, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "waiting for 2 pods to be ready");
	/* No rollingUpdate block: revisions must match (both modes). */
	CHECK_INT(eval(sts(2, 2, 3, 3, 2, RU, "a", "b"), &k, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "waiting for statefulset rolling update to complete 2 pods at revision b");
	CHECK_INT(eval(sts(2, 2, 3, 3, 3, RU, "b", "b"), &k, &v), DEPLOY_DONE);
	/* Partition 2 of 3: one updated pod is enough. */
	CHECK_INT(eval(sts(2, 2, 3, 3, 0, RU_P(2), "a", "b"), &k, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "0 out of 1 new pods have been updated");
	CHECK_INT(eval(sts(2, 2, 3, 3, 1, RU_P(2), "a", "b"), &ship, &v), DEPLOY_DONE);
	CHECK_STR(v.reason, "partitioned roll out complete: 1 new pods have been updated");
	/* Defaulted partition 0: kubectl trusts updatedReplicas, ship also
	 * waits for currentRevision to catch up. */
	CHECK_INT(eval(sts(2, 2, 3, 3, 3, RU_P(0), "a", "b"), &k, &v), DEPLOY_DONE);
	CHECK_INT(eval(sts(2, 2, 3, 3, 3, RU_P(0), "a", "b"), &ship, &v), DEPLOY_PROGRESSING);
	CHECK_INT(eval(sts(2, 2, 3, 3, 3, RU_P(0), "b", "b"), &ship, &v), DEPLOY_DONE);
	o = sts(1, 1, 1, 1, 1, "{\"type\":\"OnDelete\"}", "a", "a");
	CHECK_INT(rollout_status(o, &ship, &v), ERR_INVALID);
	CHECK(strstr(err_last(), "only available for RollingUpdate") != NULL);
	jv_free(o);
}

static struct jv *ds(int gen, int ogen, int desired, int upd, int avail)
{
	char j[1024];

	snprintf(j, sizeof(j),
		 "{\"apiVersion\":\"apps/v1\",\"kind\":\"DaemonSet\","
		 "\"metadata\":{\"name\":\"agent\",\"generation\":%d},"
		 "\"spec\":{\"updateStrategy\":{\"type\":\"RollingUpdate\"}},"
		 "\"status\":{\"observedGeneration\":%d,\"desiredNumberScheduled\":%d,"
		 "\"updatedNumberScheduled\":%d,\"numberAvailable\":%d}}",
		 gen, ogen, desired, upd, avail);
	return obj(j);
}

TEST(rollout_daemonset_rules)
{
	struct rollout_opts k = { 0, 0, 1 };
	struct deploy_verdict v;

	CHECK_INT(eval(ds(2, 1, 3, 3, 3), &k, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "waiting for daemon set spec update to be observed");
	CHECK_INT(eval(ds(2, 2, 3, 1, 1), &k, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "1 out of 3 new pods have been updated");
	CHECK_INT(eval(ds(2, 2, 3, 3, 2), &k, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "2 of 3 updated pods are available");
	CHECK_INT(eval(ds(2, 2, 3, 3, 3), &k, &v), DEPLOY_DONE);
}

TEST(rollout_job_rules)
{
	struct rollout_opts ship = { 0, 0, 0 }, k = { 0, 0, 1 };
	struct deploy_verdict v;
	struct jv *o;

	o = obj("{\"kind\":\"Job\",\"metadata\":{\"name\":\"migrate\"},\"status\":{\"active\":1}}");
	CHECK_INT(rollout_status(o, &k, &v), ERR_INVALID);
	jv_free(o);
	CHECK_INT(eval(obj("{\"kind\":\"Job\",\"metadata\":{\"name\":\"migrate\"},\"status\":{\"active\":1}}"),
		       &ship, &v), DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "1 active, 0 succeeded, 0 failed pods");
	CHECK_INT(eval(obj("{\"kind\":\"Job\",\"metadata\":{\"name\":\"migrate\"},\"status\":{\"failed\":1,"
			   "\"conditions\":[{\"type\":\"Failed\",\"status\":\"True\",\"reason\":\"BackoffLimitExceeded\","
			   "\"message\":\"Job has reached the specified backoff limit\"}]}}"), &ship, &v), DEPLOY_FAILED);
	CHECK_STR(v.reason, "job \"migrate\" failed: BackoffLimitExceeded: Job has reached the specified backoff limit");
	CHECK_INT(eval(obj("{\"kind\":\"Job\",\"metadata\":{\"name\":\"migrate\"},\"status\":{\"succeeded\":1,"
			   "\"conditions\":[{\"type\":\"Complete\",\"status\":\"True\"}]}}"), &ship, &v), DEPLOY_DONE);
}

TEST(rollout_rejects_unknown_kinds)
{
	struct deploy_verdict v;
	struct jv *o = obj("{\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}");

	CHECK_INT(rollout_status(o, NULL, &v), ERR_INVALID);
	CHECK_STR(err_last(), "ConfigMap/x: no rollout status for this kind");
	jv_free(o);
	o = obj("[]");
	CHECK_INT(rollout_status(o, NULL, &v), ERR_INVALID);
	jv_free(o);
}

TEST(rollout_stall_turns_progressing_into_stuck)
{
	struct deploy_verdict v;

	deploy_verdict_set(&v, DEPLOY_PROGRESSING, "1 of 2 updated replicas are available");
	deploy_verdict_stall(&v, 0, 299 * KUBE_NS_PER_SEC, 300 * KUBE_NS_PER_SEC);
	CHECK_INT(v.state, DEPLOY_PROGRESSING);
	deploy_verdict_stall(&v, 0, 300 * KUBE_NS_PER_SEC, 300 * KUBE_NS_PER_SEC);
	CHECK_INT(v.state, DEPLOY_STUCK);
	CHECK_STR(v.reason, "no change for 300s: 1 of 2 updated replicas are available");
	CHECK_STR(deploy_state_name(v.state), "stuck");
}

TEST(kube_time_parses_rfc3339)
{
	long long a, b;

	CHECK_INT(kube_time("2018-12-02T08:19:13Z", &a), 0);
	CHECK_INT(a, 1543738753LL * KUBE_NS_PER_SEC);
	CHECK_INT(kube_time("2018-12-02T09:19:13.5+01:00", &b), 0);
	CHECK_INT(b - a, 500000000LL);
	CHECK_INT(kube_time("2018-12-02 08:19", &a), ERR_INVALID);
	CHECK_INT(kube_time("2018-13-02T08:19:13Z", &a), ERR_INVALID);
	CHECK_INT(kube_time("2018-12-02T08:19:13Zjunk", &a), ERR_INVALID);
}

TEST(rollout_deployment_paused)
{
	struct rollout_opts ship = { 0, 0, 0 };
	struct deploy_verdict v;
	struct jv *d = deploy(2, 2, 2, 2, 0, 2, NULL);

	CHECK_INT(jv_set_bool(jv_get(d, "spec"), "paused", 1), 0);
	CHECK_INT(rollout_status(d, &ship, &v), 0);
	CHECK_INT(v.state, DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "deployment \"web\" is paused");
	jv_free(d);
	d = deploy(2, 2, 2, 2, 2, 2, NULL);
	CHECK_INT(jv_set_bool(jv_get(d, "spec"), "paused", 1), 0);
	CHECK_INT(eval(d, &ship, &v), DEPLOY_DONE);
}
