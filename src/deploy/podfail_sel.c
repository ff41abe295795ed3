/* podfail_sel.c - which pods belong to a workload's new revision. */
#include "deploy/podfail.h"
#include "core/err.h"
#include "svc/kube_obj.h"

#include <stdio.h>
#include <string.h>

#define REV_ANNOTATION "deployment.kubernetes.io/revision"

static struct jv *items(const struct jv *list)
{
	return jv_type(list) == JV_ARR ? (struct jv *)list : jv_get(list, "items");
}

/* 1 when `o` is owned by `owner` (by uid when both have one, else by
 * controller kind/name). */
static int owned_by(const struct jv *o, const struct jv *owner)
{
	struct jv *refs = kube_path(o, "metadata.ownerReferences"), *r;
	const char *uid = kube_str(owner, "metadata.uid");
	const char *name = kube_str(owner, "metadata.name");
	const char *kind = jv_get_str(owner, "kind");
	const char *ru;
	size_t i;

	for (i = 0; i < jv_len(refs); i++) {
		r = jv_at(refs, i);
		ru = jv_get_str(r, "uid");
		if (uid && ru) {
			if (!strcmp(uid, ru))
				return 1;
			continue;
		}
		if (name && kind && jv_get_str(r, "name") && jv_get_str(r, "kind") &&
		    !strcmp(name, jv_get_str(r, "name")) && !strcmp(kind, jv_get_str(r, "kind")))
			return 1;
	}
	return 0;
}

static int set(struct podfail_sel *sel, const char *label, const char *value)
{
	if (!value || !*value || strlen(value) >= sizeof(sel->value))
		return err_setc(ERR_NOTFOUND, "no %s for the new revision yet", label);
	snprintf(sel->label, sizeof(sel->label), "%s", label);
	snprintf(sel->value, sizeof(sel->value), "%s", value);
	return 0;
}

static int observed(const struct jv *o)
{
	return kube_int(o, "metadata.generation", 0) <=
	       kube_int(o, "status.observedGeneration", 0);
}

static int deployment(const struct jv *d, const struct jv *owned, struct podfail_sel *sel)
{
	const char *rev = kube_annotation(d, REV_ANNOTATION), *rrev;
	struct jv *rs, *list = items(owned);
	size_t i;

	if (!observed(d) || !rev)
		return err_setc(ERR_NOTFOUND, "the deployment controller has not observed the new spec yet");
	for (i = 0; i < jv_len(list); i++) {
		rs = jv_at(list, i);
		rrev = kube_annotation(rs, REV_ANNOTATION);
		if (owned_by(rs, d) && rrev && !strcmp(rrev, rev))
			return set(sel, "pod-template-hash", kube_label(rs, "pod-template-hash"));
	}
	return err_setc(ERR_NOTFOUND, "no ReplicaSet for revision %s yet", rev);
}

static int daemonset(const struct jv *ds, const struct jv *owned, struct podfail_sel *sel)
{
	struct jv *list = items(owned), *cr, *best = NULL;
	long long top = -1, r;
	size_t i;

	if (!observed(ds))
		return err_setc(ERR_NOTFOUND, "the daemon set controller has not observed the new spec yet");
	for (i = 0; i < jv_len(list); i++) {
		cr = jv_at(list, i);
		r = kube_int(cr, "revision", -1);
		if (owned_by(cr, ds) && r > top) {
			top = r;
			best = cr;
		}
	}
	if (!best)
		return err_setc(ERR_NOTFOUND, "no ControllerRevision for the daemon set yet");
	return set(sel, "controller-revision-hash", kube_label(best, "controller-revision-hash"));
}

static int job(const struct jv *j, struct podfail_sel *sel)
{
	const char *uid = kube_str(j, "metadata.uid");
	struct jv *ml = kube_path(j, "spec.selector.matchLabels");

	if (jv_get_str(ml, "batch.kubernetes.io/controller-uid"))
		return set(sel, "batch.kubernetes.io/controller-uid", uid);
	return set(sel, "controller-uid", uid);
}

int podfail_selector(const struct jv *workload, const struct jv *owned,
		     struct podfail_sel *sel)
{
	const char *kind = jv_get_str(workload, "kind");

	memset(sel, 0, sizeof(*sel));
	if (kind && !strcmp(kind, "Deployment"))
		return deployment(workload, owned, sel);
	if (kind && !strcmp(kind, "StatefulSet")) {
		if (!observed(workload))
			return err_setc(ERR_NOTFOUND, "the statefulset controller has not observed the new spec yet");
		return set(sel, "controller-revision-hash", kube_str(workload, "status.updateRevision"));
	}
	if (kind && !strcmp(kind, "DaemonSet"))
		return daemonset(workload, owned, sel);
	if (kind && !strcmp(kind, "Job"))
		return job(workload, sel);
	return err_setc(ERR_INVALID, "%s: no pods to inspect for this kind", kind ? kind : "object");
}
