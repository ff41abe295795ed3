/* podfail.c - early failure from the pods of a workload's NEW revision. */
#include "deploy/podfail.h"
#include "core/err.h"
#include "svc/kube_obj.h"

#include <stdio.h>
#include <string.h>

#define UNSCHEDULABLE_DEFAULT_NS (15 * KUBE_NS_PER_SEC) /* kstatus' window */

struct finding {
	const char *pod, *container, *reason, *message;
	long long exit_code, restarts;
};

static int ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && !strcmp(s + n - m, suf);
}

static int bad_waiting(const char *r)
{
	return r && (!strncmp(r, "Err", 3) || ends_with(r, "BackOff") ||
		     ends_with(r, "Error") || !strcmp(r, "InvalidImageName"));
}

static int is_oom(const struct jv *c, const char *state)
{
	char path[64];
	const char *r;

	snprintf(path, sizeof(path), "%s.terminated.reason", state);
	r = kube_str(c, path);
	return r && !strcmp(r, "OOMKilled");
}

/* The first problem of one container status, or 0. */
static int container_problem(const struct jv *c, const struct podfail_opts *o,
			     struct finding *f)
{
	const char *w = kube_str(c, "state.waiting.reason");

	f->container = jv_get_str(c, "name");
	f->restarts = kube_int(c, "restartCount", 0);
	f->exit_code = kube_int(c, "lastState.terminated.exitCode", -1);
	if (bad_waiting(w)) {
		f->reason = w;
		f->message = kube_str(c, "state.waiting.message");
		/* CrashLoopBackOff after an OOM kill says less than the kill. */
		if (is_oom(c, "lastState"))
			f->reason = "OOMKilled";
		return 1;
	}
	if (is_oom(c, "state") || is_oom(c, "lastState")) {
		f->reason = "OOMKilled";
		f->message = "container exceeded its memory limit";
		if (is_oom(c, "state"))
			f->exit_code = kube_int(c, "state.terminated.exitCode", -1);
		return 1;
	}
	if (o->restart_limit >= 0 && f->restarts > o->restart_limit) {
		f->reason = "RestartLimit";
		f->message = kube_str(c, "lastState.terminated.reason");
		return 1;
	}
	return 0;
}

static int unschedulable(const struct jv *pod, const struct podfail_opts *o,
			 struct finding *f)
{
	struct jv *c = kube_cond(pod, "PodScheduled");
	long long since, window = o->unschedulable_ns ? o->unschedulable_ns : UNSCHEDULABLE_DEFAULT_NS;
	const char *r = jv_get_str(c, "reason"), *s = jv_get_str(c, "status");

	if (!r || !s || strcmp(s, "False") || strcmp(r, "Unschedulable"))
		return 0;
	since = kube_time_at(c, "lastTransitionTime", 0);
	if (!since || o->now_ns - since < window)
		return 0;
	f->container = NULL;
	f->reason = "Unschedulable";
	f->message = jv_get_str(c, "message");
	f->restarts = 0;
	f->exit_code = -1;
	return 1;
}

static int pod_problem(const struct jv *pod, const struct podfail_opts *o,
		       struct finding *f)
{
	static const char *const lists[] = { "status.initContainerStatuses", "status.containerStatuses" };
	struct jv *cs;
	size_t l, i;

	f->pod = kube_str(pod, "metadata.name");
	for (l = 0; l < 2; l++) {
		cs = kube_path(pod, lists[l]);
		for (i = 0; i < jv_len(cs); i++)
			if (container_problem(jv_at(cs, i), o, f))
				return 1;
	}
	return unschedulable(pod, o, f);
}

static int selected(const struct jv *pod, const struct podfail_opts *o)
{
	const char *v, *kind = jv_get_str(pod, "kind");

	if ((kind && strcmp(kind, "Pod")) || kube_has(pod, "metadata.deletionTimestamp"))
		return 0;
	if (!o->sel)
		return 1;
	v = kube_label(pod, o->sel->label);
	return v && !strcmp(v, o->sel->value);
}

static int record(struct jv *arr, const struct finding *f)
{
	struct jv *o = jv_new_obj();

	if (!o)
		return -1;
	jv_set_str(o, "pod", f->pod ? f->pod : "");
	if (f->container)
		jv_set_str(o, "container", f->container);
	jv_set(o, "reason", jv_new_str_lossy(f->reason, strlen(f->reason)));
	if (f->message)
		jv_set(o, "message", jv_new_str_lossy(f->message, strlen(f->message)));
	if (f->exit_code >= 0)
		jv_set_int(o, "exitCode", f->exit_code);
	jv_set_int(o, "restarts", f->restarts);
	return jv_push(arr, o);
}

static void describe(struct deploy_verdict *v, const struct finding *f, int bad, int total)
{
	char what[160] = "";

	if (f->container)
		snprintf(what, sizeof(what), " container %s", f->container);
	if (!strcmp(f->reason, "RestartLimit"))
		deploy_verdict_set(v, DEPLOY_FAILED, "%d of %d new pods failing; pod %s%s restarted %lld times (last: %s)",
				   bad, total, f->pod ? f->pod : "?", what, f->restarts,
				   f->message ? f->message : "?");
	else
		deploy_verdict_set(v, DEPLOY_FAILED, "%d of %d new pods failing; pod %s%s: %s%s%s",
				   bad, total, f->pod ? f->pod : "?", what, f->reason,
				   f->message && *f->message ? ": " : "", f->message ? f->message : "");
}

int podfail_check(const struct jv *pods, const struct podfail_opts *o,
		  struct deploy_verdict *v, struct jv **findings)
{
	struct jv *list = jv_type(pods) == JV_ARR ? (struct jv *)pods : jv_get(pods, "items");
	struct jv *arr = NULL;
	struct finding f, first;
	int bad = 0, total = 0;
	size_t i;

	if (findings && !(*findings = arr = jv_new_arr()))
		return err_set("out of memory");
	for (i = 0; i < jv_len(list); i++) {
		if (!selected(jv_at(list, i), o))
			continue;
		total++;
		if (!pod_problem(jv_at(list, i), o, &f))
			continue;
		if (!bad++)
			first = f;
		if (arr && record(arr, &f) < 0) {
			jv_free(arr);
			*findings = NULL;
			return err_set("out of memory");
		}
	}
	if (bad)
		describe(v, &first, bad, total);
	else
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "no failing pods (%d of the new revision)", total);
	return 0;
}
