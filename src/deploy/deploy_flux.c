/* deploy_flux.c - a Flux Kustomization or HelmRelease: optional reconcile request, then Ready. */
#include "deploy/deploy_int.h"
#include "deploy/flux_ready.h"
#include "svc/kube_client.h"
#include "core/err.h"
#include "core/log.h"
#include "rt/state.h"

#include <stdio.h>
#include <time.h>

/* What `flux reconcile` writes: time.Now().Format(time.RFC3339Nano). */
static void now_rfc3339nano(char *out, size_t n)
{
	struct timespec ts;
	struct tm tm;
	char base[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out, n, "%s.%09ldZ", base, ts.tv_nsec);
}

/* PATCH metadata.annotations["reconcile.fluxcd.io/requestedAt"]. */
static int request_reconcile(struct deploy_job *job, const char *kind, const char *name,
			     const char *ns, char *at, size_t atsz)
{
	struct jv *patch = jv_new_obj(), *md = jv_new_obj(), *ann = jv_new_obj();
	struct buf p = BUF_INIT(4096);
	char target[300];
	int rc;

	now_rfc3339nano(at, atsz);
	jv_set_str(ann, "reconcile.fluxcd.io/requestedAt", at);
	jv_set(md, "annotations", ann);
	jv_set(patch, "metadata", md);
	if (!(rc = kube_api_path(&p, kind, ns, name, NULL)))
		rc = kube_patch(job->kube, buf_cstr(&p), patch, NULL);
	snprintf(target, sizeof(target), "%s/%s", kind, name);
	state_audit(job->ctx->state, "deploy", "flux.reconcile", target, rc ? "error" : "ok");
	if (!rc) {
		log_info("%s: reconcile requested at %s", target, at);
		rt_result_changed(job->ctx->result, 1);
	}
	jv_free(patch);
	buf_release(&p);
	return rc;
}

int deploy_flux_watch(struct deploy_job *job, const char *kind, const char *name,
		      const char *ns)
{
	struct flux_ready_opts fo;
	char at[64];
	int rc;

	fo.requested_at = NULL;
	fo.revision = job->revision;
	if ((rc = deploy_kube(job)))
		return rc;
	if (opt_flag(job->ctx->opts, "reconcile")) {
		if ((rc = request_reconcile(job, kind, name, ns, at, sizeof(at))))
			return rc;
		fo.requested_at = at;
	}
	return deploy_k8s_watch(job, kind, name, ns, &fo);
}
