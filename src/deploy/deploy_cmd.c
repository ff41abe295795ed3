/* deploy_cmd.c - `ship deploy-watch`: the command entry, targets in order, one verdict. */
#include "deploy/deploy.h"
#include "deploy/deploy_int.h"
#include "svc/kube_client.h"
#include "core/err.h"
#include "core/http.h"
#include "core/log.h"
#include "rt/ghcmd.h"
#include "rt/state.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

long long deploy_wall_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* "90", "30s", "10m", "1h", "1m30s" -> milliseconds. */
int deploy_duration(const char *s, const char *opt, long long *ms)
{
	long long total = 0, n;
	const char *p = s;

	if (!s || !*s)
		return err_setc(ERR_USAGE, "--%s: empty duration", opt);
	while (*p) {
		if (!isdigit((unsigned char)*p))
			goto bad;
		for (n = 0; isdigit((unsigned char)*p); p++) {
			n = n * 10 + (*p - '0');
			if (n > 100000000)
				goto bad;
		}
		switch (*p) {
		case 'h': total += n * 3600000; p++; break;
		case 'm': total += n * 60000; p++; break;
		case 's': total += n * 1000; p++; break;
		case '\0': total += n * 1000; break;
		default: goto bad;
		}
	}
	*ms = total;
	return 0;
bad:
	return err_setc(ERR_USAGE, "--%s: %s is not a duration (e.g. 90s, 10m, 1h)", opt, s);
}

int deploy_kube(struct deploy_job *job)
{
	int rc;

	if (job->kube)
		return 0;
	rc = kube_open(&job->kube, opt_str(job->ctx->opts, "kubeconfig"),
		       opt_str(job->ctx->opts, "context"), job->ctx->ca_file);
	if (!rc)
		job->kube->deadline_ms = job->deadline_ms;
	return rc;
}

struct jv *deploy_target_new(struct deploy_job *job, const char *kind, const char *name,
			     const char *ns)
{
	struct jv *t = jv_new_obj();
	char ref[300];

	snprintf(ref, sizeof(ref), "%s/%s", kind, name);
	jv_set_str(t, "target", ref);
	jv_set_str(t, "kind", kind);
	jv_set_str(t, "name", name);
	if (ns)
		jv_set_str(t, "namespace", ns);
	jv_set_str(t, "verdict", "progressing");
	jv_set_str(t, "reason", "");
	jv_push(job->targets, t);
	return t;
}

void deploy_target_set(struct deploy_job *job, struct jv *t, const char *verdict,
		       const char *reason)
{
	jv_set_str(t, "verdict", verdict);
	jv_set(t, "reason", jv_new_str_lossy(reason, strlen(reason)));
	jv_set(t, "seconds", jv_new_real((double)(http_now_ms() - job->start_ms) / 1000.0));
}

void deploy_progress(struct deploy_job *job, const char *ref, const char *reason, int force)
{
	struct buf line = BUF_INIT(4096), safe = BUF_INIT(8192);
	long long now = http_now_ms();
	int changed = strcmp(reason, job->last_progress) != 0;

	if (!force && !(changed && now - job->last_progress_ms >= 1000) &&
	    now - job->last_progress_ms < 30000)
		return;
	snprintf(job->last_progress, sizeof(job->last_progress), "%s", reason);
	job->last_progress_ms = now;
	if (job->github && !job->grouped) {
		ghcmd_group(1, "deploy-watch: waiting");
		job->grouped = 1;
	}
	buf_printf(&line, "%s: %s (%.0fs)", ref, reason, (double)(now - job->start_ms) / 1000.0);
	rt_untrusted_neutralize(&safe, buf_cstr(&line), line.len);
	if (job->github) {
		buf_putc(&safe, '\n');
		ghcmd_write_all(1, buf_cstr(&safe), safe.len);
	} else {
		log_info("%s", buf_cstr(&safe));
	}
	buf_release(&line);
	buf_release(&safe);
}

/* "KIND/NAME" -> canonical kind and name. */
static int split_target(const char *spec, const char *opt, char *kind, size_t ksz,
			const char **name)
{
	const char *slash = strchr(spec, '/');

	if (!slash || slash == spec || !slash[1] || strchr(slash + 1, '/') ||
	    (size_t)(slash - spec) >= ksz)
		return err_setc(ERR_USAGE, "--%s %s: expected KIND/NAME", opt, spec);
	memcpy(kind, spec, (size_t)(slash - spec));
	kind[slash - spec] = '\0';
	*name = slash + 1;
	return 0;
}

static int run_k8s(struct deploy_job *job, const char *spec, const char *ns)
{
	char kind[64];
	const char *name, *k;
	int rc;

	if ((rc = split_target(spec, "k8s", kind, sizeof(kind), &name)))
		return rc;
	k = kube_kind_name(kind);
	return deploy_k8s_watch(job, k, name, ns, NULL);
}

static int run_flux(struct deploy_job *job, const char *spec, const char *ns)
{
	char kind[64];
	const char *name, *k;
	int rc;

	if ((rc = split_target(spec, "flux", kind, sizeof(kind), &name)))
		return rc;
	k = kube_kind_name(kind);
	return deploy_flux_watch(job, k, name, ns);
}

/* The namespace: -n, else the kubeconfig's (needs the config), else default. */
static int namespace_of(struct deploy_job *job, const char **ns)
{
	int rc;

	*ns = opt_str(job->ctx->opts, "namespace");
	if (*ns && **ns)
		return 0;
	if ((rc = deploy_kube(job)))
		return rc;
	*ns = job->kube->cfg.namespace;
	return 0;
}

/* Worst verdict over the targets: error > timeout > failed > stuck > done. */
static const char *overall(const struct deploy_job *job, const char **reason)
{
	static const char *const order[] = { "error", "timeout", "failed", "stuck", "done" };
	size_t i, o;
	struct jv *t;

	for (o = 0; o < sizeof(order) / sizeof(order[0]); o++)
		for (i = 0; (t = jv_at(job->targets, i)); i++)
			if (!strcmp(jv_get_str(t, "verdict"), order[o])) {
				*reason = jv_get_str(t, "reason");
				return order[o];
			}
	*reason = "no target";
	return "error";
}

static int watch_all(struct deploy_job *job)
{
	char *const *k8s, *const *flux;
	size_t nk, nf, i;
	const char *app = opt_str(job->ctx->opts, "argocd-app"), *ns = NULL;
	int rc = 0;

	k8s = opt_list(job->ctx->opts, "k8s", &nk);
	flux = opt_list(job->ctx->opts, "flux", &nf);
	if (!nk && !nf && !(app && *app))
		return err_setc(ERR_USAGE, "nothing to watch: give --argocd-app, --k8s or --flux");
	/* Usage errors first, before anything is contacted. */
	for (i = 0; i < nk + nf; i++) {
		char kind[64];
		const char *name, *k;
		if ((rc = split_target(i < nk ? k8s[i] : flux[i - nk], i < nk ? "k8s" : "flux",
				       kind, sizeof(kind), &name)))
			return rc;
		k = kube_kind_name(kind);
		if (i < nk && (!k || (strcmp(k, "deployment") && strcmp(k, "statefulset") &&
				      strcmp(k, "daemonset") && strcmp(k, "job"))))
			return err_setc(ERR_USAGE, "--k8s %s: KIND must be deployment, statefulset, "
					"daemonset or job", k8s[i]);
		if (i >= nk && (!k || (strcmp(k, "kustomization") && strcmp(k, "helmrelease"))))
			return err_setc(ERR_USAGE, "--flux %s: KIND must be kustomization or "
					"helmrelease", flux[i - nk]);
	}
	if (app && *app)
		rc = deploy_argocd_watch(job, app);
	for (i = 0; !rc && i < nk + nf; i++) {
		if (!ns && (rc = namespace_of(job, &ns)))
			break;
		rc = i < nk ? run_k8s(job, k8s[i], ns) : run_flux(job, flux[i - nk], ns);
		/* Later targets are not judged after a failure: fail fast. */
		if (!rc && strcmp(jv_get_str(jv_at(job->targets, jv_len(job->targets) - 1),
					     "verdict"), "done"))
			break;
	}
	return rc;
}

/* --revision, else the SHA (or tag) that publish recorded in its state. */
static int expected_revision(struct deploy_job *job)
{
	const char *r = opt_str(job->ctx->opts, "revision");
	struct jv *doc = NULL;
	int rc;

	if (r && *r) {
		snprintf(job->rev_buf, sizeof(job->rev_buf), "%s", r);
		job->revision = job->rev_buf;
		return 0;
	}
	rc = state_load(job->ctx->state, "publish", &doc);
	if (rc == ERR_NOTFOUND)
		return 0;
	if (rc)
		return rc;
	r = jv_get_str(doc, "sha") ? jv_get_str(doc, "sha") : jv_get_str(doc, "tag");
	if (r && *r) {
		snprintf(job->rev_buf, sizeof(job->rev_buf), "%s", r);
		job->revision = job->rev_buf;
		log_info("expected revision %s (from publish state)", r);
	}
	jv_free(doc);
	return 0;
}

static int job_init(struct deploy_job *job, struct rt_ctx *ctx)
{
	long long timeout, stall = 0;
	int rc;

	memset(job, 0, sizeof(*job));
	job->ctx = ctx;
	job->start_ms = http_now_ms();
	job->start_wall_ns = deploy_wall_ns();
	job->github = ctx->format == RT_FMT_GITHUB;
	job->restart_limit = (int)opt_int(ctx->opts, "restart-limit", 3);
	job->targets = jv_new_arr();
	if ((rc = deploy_duration(opt_str(ctx->opts, "timeout"), "timeout", &timeout)))
		return rc;
	if (opt_str(ctx->opts, "stall-timeout") &&
	    (rc = deploy_duration(opt_str(ctx->opts, "stall-timeout"), "stall-timeout", &stall)))
		return rc;
	if (timeout <= 0)
		return err_setc(ERR_USAGE, "--timeout must be positive");
	job->deadline_ms = job->start_ms + timeout;
	job->stall_ms = stall;
	if ((rc = deploy_duration(opt_str(ctx->opts, "idle-timeout") ?
				  opt_str(ctx->opts, "idle-timeout") : "60s", "idle-timeout",
				  &job->idle_ms)))
		return rc;
	return expected_revision(job);
}

static int deploy_run(struct rt_ctx *ctx)
{
	struct deploy_job job;
	const char *verdict, *reason;
	char msg[1024] = "";
	int rc = job_init(&job, ctx);

	if (rc)
		goto done;
	if (ctx->check_mode) {
		rt_result_set(ctx->result, RT_PASS, "skipped", "check mode: nothing watched");
		goto done;
	}
	deploy_github_start(&job);
	rc = watch_all(&job);
	if (rc)
		snprintf(msg, sizeof(msg), "%s", err_last());
	if (job.grouped)
		ghcmd_endgroup(1);
	job.grouped = 0;
	if (rc && !jv_len(job.targets))
		goto done;
	verdict = overall(&job, &reason);
	deploy_github_finish(&job, verdict);
	if (deploy_output(&job, verdict, reason) && !rc) {
		rc = err_code();
		snprintf(msg, sizeof(msg), "%s", err_last());
	}
	if (!rc && !strcmp(verdict, "timeout")) {
		rc = ERR_TIMEOUT;
		snprintf(msg, sizeof(msg), "deploy-watch: %s", reason);
	}
done:
	if (rc) {
		if (*msg)
			err_setc(rc, "%s", msg);
		rt_result_error(ctx->result, rc, err_last());
	}
	kube_close(job.kube);
	jv_free(job.targets);
	return rc;
}

int deploy_watch_run(struct rt_ctx *ctx)
{
	return deploy_run(ctx);
}
