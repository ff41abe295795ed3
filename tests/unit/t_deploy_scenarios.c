/* t_deploy_scenarios.c - ship's rules vs kubectl's on the fake API server's scenarios. */
#include "unit.h"
#include "core/err.h"
#include "core/jv.h"
#include "deploy/podfail.h"
#include "deploy/rollout.h"
#include "svc/kube_obj.h"

#include <stdio.h>
#include <string.h>

/*
 * tests/fakes/k8s/snapshots/NAME.json hold the final objects of each
 * scenario that tests/cli/test_deploy_kubectl.py replays to Debian's
 * kubectl. Here the same objects go through rollout_status() in kubectl
 * mode (must agree with what kubectl printed) and through ship's rules
 * (rollout + new-revision pods), which must fail early where kubectl only
 * times out.
 */
#define SNAP_DIR UNIT_REPO "/tests/fakes/k8s/snapshots"
#define SNAP_TIME 1795251600LL /* scenarios.SNAPSHOT_TIME */

struct expect {
	const char *scenario, *kind;
	enum deploy_state kubectl;
	const char *kubectl_reason;
	enum deploy_state ship;
	const char *ship_reason; /* substring */
};

static const struct expect cases[] = {
	{ "normal", "Deployment", DEPLOY_DONE, "deployment \"web\" successfully rolled out",
	  DEPLOY_DONE, "successfully rolled out" },
	{ "gone", "Deployment", DEPLOY_DONE, "deployment \"web\" successfully rolled out",
	  DEPLOY_DONE, "successfully rolled out" },
	{ "drop", "Deployment", DEPLOY_DONE, "deployment \"web\" successfully rolled out",
	  DEPLOY_DONE, "successfully rolled out" },
	{ "crashloop", "Deployment", DEPLOY_PROGRESSING, "1 out of 2 new replicas have been updated",
	  DEPLOY_FAILED, "pod web-7d9c5b6f48-b8w5r container web: CrashLoopBackOff: back-off 1m20s" },
	{ "imagepull", "Deployment", DEPLOY_PROGRESSING, "1 out of 2 new replicas have been updated",
	  DEPLOY_FAILED, "container web: ImagePullBackOff: Back-off pulling image \"ghcr.io/example/web:1.5.0\"" },
	{ "oom", "Deployment", DEPLOY_PROGRESSING, "1 out of 2 new replicas have been updated",
	  DEPLOY_FAILED, "container web: OOMKilled" },
	{ "unschedulable", "Deployment", DEPLOY_PROGRESSING, "1 out of 2 new replicas have been updated",
	  DEPLOY_FAILED, "pod web-7d9c5b6f48-b8w5r: Unschedulable: 0/3 nodes are available: 3 Insufficient memory." },
	{ "deadline", "Deployment", DEPLOY_FAILED, "deployment \"web\" exceeded its progress deadline",
	  DEPLOY_FAILED, "exceeded its progress deadline" },
	{ "sts-normal", "StatefulSet", DEPLOY_DONE, "partitioned roll out complete: 2 new pods have been updated",
	  DEPLOY_DONE, "partitioned roll out complete" },
	{ "ds-normal", "DaemonSet", DEPLOY_DONE, "daemon set \"agent\" successfully rolled out",
	  DEPLOY_DONE, "successfully rolled out" },
};

static struct jv *find_kind(const struct jv *items, const char *kind)
{
	size_t i;

	for (i = 0; i < jv_len(items); i++)
		if (!strcmp(jv_get_str(jv_at(items, i), "kind") ? jv_get_str(jv_at(items, i), "kind") : "", kind))
			return jv_at(items, i);
	return NULL;
}

/* ship's verdict: rollout rules first, then the new revision's pods. */
static void ship_verdict(const struct jv *items, const struct jv *w, struct deploy_verdict *v)
{
	struct rollout_opts ro = { (SNAP_TIME - 60) * KUBE_NS_PER_SEC, 0, 0 };
	struct podfail_opts po = { NULL, 3, 0, SNAP_TIME * KUBE_NS_PER_SEC };
	struct podfail_sel sel;

	CHECK_INT(rollout_status(w, &ro, v), 0);
	if (v->state != DEPLOY_PROGRESSING)
		return;
	CHECK_INT(podfail_selector(w, items, &sel), 0);
	po.sel = &sel;
	CHECK_INT(podfail_check(items, &po, v, NULL), 0);
}

TEST(deploy_scenarios_kubectl_and_ship_verdicts)
{
	struct rollout_opts k = { 0, 0, 1 };
	struct deploy_verdict v;
	struct jv *snap, *w;
	char path[1024];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s.json", SNAP_DIR, cases[i].scenario);
		if (jv_parse_file(&snap, path, 1 << 20) < 0) {
			unit_fail(__FILE__, __LINE__, "%s", err_last());
			continue;
		}
		w = find_kind(jv_get(snap, "items"), cases[i].kind);
		CHECK(w != NULL);
		CHECK_INT(rollout_status(w, &k, &v), 0);
		if (v.state != cases[i].kubectl || strcmp(v.reason, cases[i].kubectl_reason))
			unit_fail(__FILE__, __LINE__, "%s: kubectl mode says %s \"%s\"", cases[i].scenario,
				  deploy_state_name(v.state), v.reason);
		ship_verdict(jv_get(snap, "items"), w, &v);
		if (v.state != cases[i].ship || !strstr(v.reason, cases[i].ship_reason))
			unit_fail(__FILE__, __LINE__, "%s: ship says %s \"%s\"", cases[i].scenario,
				  deploy_state_name(v.state), v.reason);
		jv_free(snap);
	}
}

TEST(deploy_scenarios_new_revision_is_found)
{
	struct jv *snap = NULL;
	struct podfail_sel sel;

	CHECK_INT(jv_parse_file(&snap, SNAP_DIR "/crashloop.json", 1 << 20), 0);
	CHECK_INT(podfail_selector(find_kind(jv_get(snap, "items"), "Deployment"), jv_get(snap, "items"), &sel), 0);
	CHECK_STR(sel.label, "pod-template-hash");
	CHECK_STR(sel.value, "7d9c5b6f48");
	jv_free(snap);
}
