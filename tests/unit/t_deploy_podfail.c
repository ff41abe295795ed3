/* t_deploy_podfail.c - early failure from the new revision's pods. */
#include "unit.h"
#include "core/err.h"
#include "core/jv.h"
#include "deploy/podfail.h"
#include "svc/kube_obj.h"
#include "svc/kube_yaml.h"

#include <stdio.h>
#include <string.h>

#define HEALTH_DIR UNIT_SHARED "/fixtures/argocd-health"

static struct jv *fixture(const char *file)
{
	char path[1024];
	struct jv *o = NULL;

	snprintf(path, sizeof(path), "%s/%s", HEALTH_DIR, file);
	if (kube_yaml_file(&o, path, 1 << 20) < 0)
		unit_fail(__FILE__, __LINE__, "%s", err_last());
	return o;
}

static struct jv *obj(const char *json)
{
	struct jv *o = NULL;

	if (jv_parse(&o, json, strlen(json), 1 << 16, "case") < 0)
		unit_fail(__FILE__, __LINE__, "%s", err_last());
	return o;
}

/* A real pod from the fixtures, relabelled as a pod of revision `hash`. */
static struct jv *pod_of(const char *file, const char *hash)
{
	struct jv *p = fixture(file), *labels = jv_new_obj();

	jv_set_str(labels, "pod-template-hash", hash);
	jv_set(jv_get(p, "metadata"), "labels", labels);
	return p;
}

static struct jv *list_of(struct jv *a, struct jv *b)
{
	struct jv *l = jv_new_obj(), *items = jv_new_arr();

	jv_set_str(l, "kind", "PodList");
	if (a)
		jv_push(items, a);
	if (b)
		jv_push(items, b);
	jv_set(l, "items", items);
	return l;
}

static const struct podfail_sel NEW = { "pod-template-hash", "7d9c5b6f48" };

TEST(podfail_only_new_revision_pods_count)
{
	struct podfail_opts o = { &NEW, 3, 0, 0 };
	struct deploy_verdict v;
	struct jv *pods;

	/* The old ReplicaSet's pod is crash looping (it is being replaced);
	 * the new one is running fine. */
	pods = list_of(pod_of("pod-crashloop.yaml", "5f7b8d9c4"),
		       pod_of("pod-running-restart-always.yaml", "7d9c5b6f48"));
	CHECK_INT(podfail_check(pods, &o, &v, NULL), 0);
	CHECK_INT(v.state, DEPLOY_PROGRESSING);
	CHECK_STR(v.reason, "no failing pods (1 of the new revision)");
	jv_free(pods);
	pods = list_of(pod_of("pod-running-restart-always.yaml", "5f7b8d9c4"),
		       pod_of("pod-imagepullbackoff.yaml", "7d9c5b6f48"));
	CHECK_INT(podfail_check(pods, &o, &v, NULL), 0);
	CHECK_INT(v.state, DEPLOY_FAILED);
	CHECK_STR(v.reason, "1 of 1 new pods failing; pod guestbook-ui-errimagepullbackoff-66cfffb669-45w2j "
		  "container errimagepullbackoff: ImagePullBackOff: Back-off pulling image "
		  "\"gcr.io/heptio-images/ks-guestbook-demo:0.3\"");
	jv_free(pods);
}

TEST(podfail_crashloop_with_findings)
{
	struct podfail_opts o = { &NEW, 10, 0, 0 };
	struct deploy_verdict v;
	struct jv *pods = list_of(pod_of("pod-crashloop.yaml", "7d9c5b6f48"), NULL), *f = NULL;

	CHECK_INT(podfail_check(pods, &o, &v, &f), 0);
	CHECK_INT(v.state, DEPLOY_FAILED);
	CHECK(strstr(v.reason, "pod my-pod container main: CrashLoopBackOff: Back-off 40s") != NULL);
	CHECK_INT(jv_len(f), 1);
	CHECK_STR(jv_get_str(jv_at(f, 0), "reason"), "CrashLoopBackOff");
	CHECK_INT(kube_int(jv_at(f, 0), "exitCode", -1), 1);
	CHECK_INT(kube_int(jv_at(f, 0), "restarts", -1), 3);
	jv_free(f);
	jv_free(pods);
}

TEST(podfail_restart_limit)
{
	struct podfail_opts o = { NULL, 3, 0, 0 };
	struct deploy_verdict v;
	struct jv *pods = list_of(fixture("pod-error.yaml"), NULL);

	/* pod-error: terminated with Error, restartCount 2, no waiting reason. */
	CHECK_INT(podfail_check(pods, &o, &v, NULL), 0);
	CHECK_INT(v.state, DEPLOY_PROGRESSING);
	o.restart_limit = 1;
	CHECK_INT(podfail_check(pods, &o, &v, NULL), 0);
	CHECK_INT(v.state, DEPLOY_FAILED);
	CHECK_STR(v.reason, "1 of 1 new pods failing; pod my-pod container main restarted 2 times (last: Error)");
	o.restart_limit = -1;
	CHECK_INT(podfail_check(pods, &o, &v, NULL), 0);
	CHECK_INT(v.state, DEPLOY_PROGRESSING);
	jv_free(pods);
}

#define OOM_POD "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-7d9c5b6f48-x2x9q\",\"labels\":{\"pod-template-hash\":\"7d9c5b6f48\"}}," \
	"\"spec\":{\"restartPolicy\":\"Always\"},\"status\":{\"phase\":\"Running\",\"containerStatuses\":[{\"name\":\"app\"," \
	"\"restartCount\":1,\"ready\":true,\"state\":{\"running\":{\"startedAt\":\"2026-11-21T09:00:10Z\"}}," \
	"\"lastState\":{\"terminated\":{\"exitCode\":137,\"reason\":\"OOMKilled\",\"startedAt\":\"2026-11-21T09:00:01Z\"," \
	"\"finishedAt\":\"2026-11-21T09:00:09Z\"}}}]}}"

TEST(podfail_oomkilled_even_when_running_again)
{
	struct podfail_opts o = { &NEW, 3, 0, 0 };
	struct deploy_verdict v;
	struct jv *pods = list_of(obj(OOM_POD), NULL), *f = NULL;

	CHECK_INT(podfail_check(pods, &o, &v, &f), 0);
	CHECK_INT(v.state, DEPLOY_FAILED);
	CHECK_STR(v.reason, "1 of 1 new pods failing; pod web-7d9c5b6f48-x2x9q container app: OOMKilled: "
		  "container exceeded its memory limit");
	CHECK_INT(kube_int(jv_at(f, 0), "exitCode", -1), 137);
	jv_free(f);
	jv_free(pods);
}

#define PENDING_POD(extra) "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-7d9c5b6f48-q8z7m\"" extra "," \
	"\"labels\":{\"pod-template-hash\":\"7d9c5b6f48\"}},\"status\":{\"phase\":\"Pending\",\"conditions\":[{" \
	"\"type\":\"PodScheduled\",\"status\":\"False\",\"reason\":\"Unschedulable\",\"lastProbeTime\":null," \
	"\"lastTransitionTime\":\"2026-11-21T09:00:00Z\",\"message\":\"0/3 nodes are available: 3 Insufficient cpu.\"}]}}"

TEST(podfail_unschedulable_after_window)
{
	struct podfail_opts o = { &NEW, 3, 0, 0 };
	struct deploy_verdict v;
	struct jv *pods = list_of(obj(PENDING_POD("")), NULL);
	long long t0;

	CHECK_INT(kube_time("2026-11-21T09:00:00Z", &t0), 0);
	o.now_ns = t0 + 10 * KUBE_NS_PER_SEC;
	CHECK_INT(podfail_check(pods, &o, &v, NULL), 0);
	CHECK_INT(v.state, DEPLOY_PROGRESSING);
	o.now_ns = t0 + 15 * KUBE_NS_PER_SEC;
	CHECK_INT(podfail_check(pods, &o, &v, NULL), 0);
	CHECK_INT(v.state, DEPLOY_FAILED);
	CHECK_STR(v.reason, "1 of 1 new pods failing; pod web-7d9c5b6f48-q8z7m: Unschedulable: "
		  "0/3 nodes are available: 3 Insufficient cpu.");
	o.unschedulable_ns = 60 * KUBE_NS_PER_SEC;
	CHECK_INT(podfail_check(pods, &o, &v, NULL), 0);
	CHECK_INT(v.state, DEPLOY_PROGRESSING);
	jv_free(pods);
	/* A pod being deleted is on its way out and never counts. */
	pods = list_of(obj(PENDING_POD(",\"deletionTimestamp\":\"2026-11-21T09:00:01Z\"")), NULL);
	o.unschedulable_ns = 0;
	CHECK_INT(podfail_check(pods, &o, &v, NULL), 0);
	CHECK_STR(v.reason, "no failing pods (0 of the new revision)");
	jv_free(pods);
}

#define DEPLOY_OBJ(gen, ogen) "{\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\",\"uid\":\"d-1\",\"generation\":" #gen "," \
	"\"annotations\":{\"deployment.kubernetes.io/revision\":\"4\"}},\"status\":{\"observedGeneration\":" #ogen "}}"
#define RS(name, rev, hash, uid) "{\"kind\":\"ReplicaSet\",\"metadata\":{\"name\":\"" name "\"," \
	"\"annotations\":{\"deployment.kubernetes.io/revision\":\"" rev "\"},\"labels\":{\"pod-template-hash\":\"" hash "\"}," \
	"\"ownerReferences\":[{\"kind\":\"Deployment\",\"name\":\"web\",\"uid\":\"" uid "\",\"controller\":true}]}}"

TEST(podfail_selector_per_kind)
{
	struct podfail_sel s;
	struct jv *w, *owned;

	owned = obj("{\"kind\":\"ReplicaSetList\",\"items\":[" RS("web-5f7b8d9c4", "3", "5f7b8d9c4", "d-1") ","
		    RS("other-7d9c5b6f48", "4", "1111111111", "d-2") "," RS("web-7d9c5b6f48", "4", "7d9c5b6f48", "d-1") "]}");
	w = obj(DEPLOY_OBJ(5, 5));
	CHECK_INT(podfail_selector(w, owned, &s), 0);
	CHECK_STR(s.label, "pod-template-hash");
	CHECK_STR(s.value, "7d9c5b6f48");
	jv_free(w);
	w = obj(DEPLOY_OBJ(6, 5));
	CHECK_INT(podfail_selector(w, owned, &s), ERR_NOTFOUND);
	jv_free(w);
	jv_free(owned);

	w = obj("{\"kind\":\"StatefulSet\",\"metadata\":{\"generation\":2},\"status\":{\"observedGeneration\":2,"
		"\"currentRevision\":\"db-6d7b8c9f5\",\"updateRevision\":\"db-84c6f5d7b9\"}}");
	CHECK_INT(podfail_selector(w, NULL, &s), 0);
	CHECK_STR(s.label, "controller-revision-hash");
	CHECK_STR(s.value, "db-84c6f5d7b9");
	jv_free(w);

	w = obj("{\"kind\":\"DaemonSet\",\"metadata\":{\"name\":\"agent\",\"uid\":\"ds-1\",\"generation\":3},"
		"\"status\":{\"observedGeneration\":3}}");
	owned = obj("[{\"kind\":\"ControllerRevision\",\"revision\":2,\"metadata\":{\"name\":\"agent-6b9f\","
		    "\"labels\":{\"controller-revision-hash\":\"6b9f\"},\"ownerReferences\":[{\"uid\":\"ds-1\"}]}},"
		    "{\"kind\":\"ControllerRevision\",\"revision\":3,\"metadata\":{\"name\":\"agent-7c4d\","
		    "\"labels\":{\"controller-revision-hash\":\"7c4d\"},\"ownerReferences\":[{\"uid\":\"ds-1\"}]}},"
		    "{\"kind\":\"ControllerRevision\",\"revision\":9,\"metadata\":{\"name\":\"x-1\","
		    "\"labels\":{\"controller-revision-hash\":\"1\"},\"ownerReferences\":[{\"uid\":\"ds-2\"}]}}]");
	CHECK_INT(podfail_selector(w, owned, &s), 0);
	CHECK_STR(s.value, "7c4d");
	jv_free(w);
	jv_free(owned);

	w = obj("{\"kind\":\"Job\",\"metadata\":{\"name\":\"migrate\",\"uid\":\"j-1\"},\"spec\":{\"selector\":"
		"{\"matchLabels\":{\"batch.kubernetes.io/controller-uid\":\"j-1\"}}}}");
	CHECK_INT(podfail_selector(w, NULL, &s), 0);
	CHECK_STR(s.label, "batch.kubernetes.io/controller-uid");
	CHECK_STR(s.value, "j-1");
	jv_free(w);
	w = obj("{\"kind\":\"Service\"}");
	CHECK_INT(podfail_selector(w, NULL, &s), ERR_INVALID);
	jv_free(w);
}
