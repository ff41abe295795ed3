/* deploy_int.h - private to the deploy-watch sources: one run and its targets. */
#ifndef SHIP_DEPLOY_INT_H
#define SHIP_DEPLOY_INT_H

#include "core/jv.h"
#include "deploy/verdict.h"
#include "rt/run.h"

struct kube;
struct flux_ready_opts;
struct gh;

/*
 * One run. Every target gets a result object in `targets` (owned):
 *   {"target": "deployment/web", "kind", "name", "namespace",
 *    "verdict": "done|failed|stuck|timeout|error", "reason",
 *    "seconds", "findings": [...], "logs": [...], "events": [...],
 *    "argocd": {...}}
 * Texts in it come from the cluster and are untrusted.
 */
struct deploy_job {
	struct rt_ctx *ctx;
	long long start_ms;        /* http_now_ms() at the start */
	long long deadline_ms;     /* hard overall deadline (http_now_ms) */
	long long start_wall_ns;   /* wall clock at the start */
	long long stall_ms;        /* --stall-timeout */
	long long idle_ms;         /* a silent watch is dead after this */
	int restart_limit;
	int github;                /* progress inside ::group:: */
	int grouped;               /* a group is open */
	const char *revision;      /* expected revision (rev_buf), or NULL */
	char rev_buf[256];
	struct kube *kube;         /* opened on first use */
	struct jv *targets;
	struct gh *gh;             /* --github-deployment client, or NULL */
	long long gh_deployment;   /* its id, 0: none */
	long long last_progress_ms;
	char last_progress[DEPLOY_REASON_MAX];
};

/* Wall clock, ns since the epoch. */
long long deploy_wall_ns(void);

/* "90", "30s", "10m", "1h30m" -> ms; ERR_USAGE naming --opt otherwise. */
int deploy_duration(const char *s, const char *opt, long long *ms);

/* deploy_ghdeploy.c: --github-deployment ENV: create it and post
 * in_progress, then success/failure. Failures only warn. */
void deploy_github_start(struct deploy_job *job);
void deploy_github_finish(struct deploy_job *job, const char *verdict);

/* Opens job->kube when not yet open (kubeconfig options). */
int deploy_kube(struct deploy_job *job);

/* A new result object for a target, appended to job->targets (borrowed). */
struct jv *deploy_target_new(struct deploy_job *job, const char *kind, const char *name,
			     const char *ns);
/* Sets verdict/reason/seconds of a target result. */
void deploy_target_set(struct deploy_job *job, struct jv *t, const char *verdict,
		       const char *reason);

/*
 * A progress line for target `ref` when the reason changed (at most one
 * per second) or every 30 s, or now with `force` (the verdict line, which
 * is printed as soon as a verdict is known, before context is collected
 * or state written); untrusted text is neutralised.
 */
void deploy_progress(struct deploy_job *job, const char *ref, const char *reason, int force);

/* deploy_k8s.c: watches one workload (flux NULL) or Flux object until a
 * verdict or the deadline; LIST, WATCH from the resourceVersion with
 * bookmarks, re-WATCH, re-LIST on 410; workloads' new pods between
 * watch windows. 0 with the target's verdict set, or an error. */
int deploy_k8s_watch(struct deploy_job *job, const char *kind, const char *name,
		     const char *ns, const struct flux_ready_opts *flux);
/* deploy_ctx.c: fills t's "logs" and "events" for a failed workload;
 * obj is its last seen object (borrowed; NULL when none). */
void deploy_ctx_collect(struct deploy_job *job, struct jv *t, const struct jv *obj,
			const char *name, const char *ns);
/* deploy_argocd.c: an Argo CD Application. */
int deploy_argocd_watch(struct deploy_job *job, const char *app);
/* deploy_flux.c: a Flux Kustomization or HelmRelease. */
int deploy_flux_watch(struct deploy_job *job, const char *kind, const char *name,
		      const char *ns);
/* deploy_out.c: summary, annotations, outputs and state. */
int deploy_output(struct deploy_job *job, const char *verdict, const char *reason);

#endif
