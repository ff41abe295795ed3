/* deploy_argocd.c - an Argo CD Application: optional sync, watch stream (polling fallback), rollback. */
#include "deploy/deploy_int.h"
#include "deploy/argocd_wait.h"
#include "svc/argocd_client.h"
#include "svc/argocd_stream.h"
#include "core/err.h"
#include "core/http.h"
#include "core/log.h"
#include "rt/state.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define AC_POLL_MS      2000
#define AC_BUSY_MS      2000     /* "another operation is already in progress": retry */
#define AC_MAX_MESSAGE  (64u << 20)
#define AC_MAX_SHORT    3        /* streams that end at once before polling */

struct ac_watch {
	struct deploy_job *job;
	struct argocd *a;
	const char *name, *ns, *project;
	struct argocd_wait_opts wo;
	struct argocd_stream st;
	struct deploy_verdict v;
	struct jv *app;              /* latest Application (owned) */
	int decided, stream_err, err_http, polling, short_streams;
	char err[512];
	struct buf fp;
	long long last_change_ms;
};

static void ms_sleep(long long ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	nanosleep(&ts, NULL);
}

static int evaluate(struct ac_watch *w)
{
	struct buf now = BUF_INIT(AC_MAX_MESSAGE);
	int rc = argocd_wait_status(w->app, &w->wo, &w->v);

	jv_dump(&now, jv_get(w->app, "status"), 0);
	if (now.len != w->fp.len || (now.len && memcmp(now.ptr, w->fp.ptr, now.len))) {
		buf_reset(&w->fp);
		buf_add(&w->fp, buf_cstr(&now), now.len);
		w->last_change_ms = http_now_ms();
	}
	buf_release(&now);
	if (!rc && w->v.state != DEPLOY_PROGRESSING)
		w->decided = 1;
	return rc;
}

static int on_line(void *ctx, const char *line, size_t len)
{
	struct ac_watch *w = ctx;
	struct argocd_event ev;
	int r;

	if (argocd_stream_feed(&w->st, line, len) || argocd_stream_feed(&w->st, "\n", 1))
		goto bad;
	while ((r = argocd_stream_next(&w->st, &ev)) == 1) {
		if (ev.type == ARGOCD_EV_ERROR) {
			w->stream_err = 1;
			w->err_http = ev.http_code;
			snprintf(w->err, sizeof(w->err), "argocd stream: %s",
				 ev.message ? ev.message : "error");
			return 1;
		}
		if (ev.type == ARGOCD_EV_DELETED) {
			deploy_verdict_set(&w->v, DEPLOY_FAILED, "application %s was deleted", w->name);
			w->decided = 1;
			return 1;
		}
		jv_free(w->app);
		w->app = jv_ref(ev.app);
		if (evaluate(w))
			goto bad;
		if (w->decided)
			return 1;
	}
	if (r == 0)
		return 0;
bad:
	w->stream_err = 1;
	snprintf(w->err, sizeof(w->err), "%s", err_last());
	return 1;
}

/* One stream; decides whether to fall back to polling. */
static int stream_once(struct ac_watch *w)
{
	struct buf eb = BUF_INIT(64u << 10);
	long long t0 = http_now_ms();
	long status = 0;
	int rc;

	argocd_stream_free(&w->st);
	argocd_stream_init(&w->st, "argocd stream", AC_MAX_MESSAGE);
	w->stream_err = w->err_http = 0;
	rc = argocd_app_stream(w->a, w->name, w->ns, w->project, w->job->idle_ms, on_line, w,
			       &status, &eb);
	buf_release(&eb);
	if (w->decided)
		return 0;
	if (status == 401 || status == 403 || w->err_http == 401 || w->err_http == 403)
		return err_setc(ERR_USAGE, "argocd: stream: HTTP %ld: permission denied",
				status ? status : (long)w->err_http);
	if (status == 404 || status == 405 || status == 501 || w->err_http == 501) {
		log_info("argocd: no watch stream (HTTP %ld): polling every %d s", status,
			 AC_POLL_MS / 1000);
		w->polling = 1;
		return 0;
	}
	if (rc || w->stream_err)
		log_debug("argocd: stream ended: %s", w->stream_err ? w->err : err_last());
	w->short_streams = http_now_ms() - t0 < 1000 ? w->short_streams + 1 : 0;
	if (w->short_streams >= AC_MAX_SHORT) {
		log_info("argocd: the stream keeps ending at once (a proxy that buffers?): polling");
		w->polling = 1;
	} else if (w->short_streams) {
		ms_sleep(500LL * w->short_streams);
	}
	return 0;
}

static int poll_once(struct ac_watch *w)
{
	struct jv *app = NULL;
	int rc = argocd_app_get(w->a, w->name, w->ns, w->project, &app);

	if (rc == ERR_SERVICE || rc == ERR_TIMEOUT) {
		log_warn("argocd: %s", err_last());
		rc = 0;
	} else if (!rc) {
		jv_free(w->app);
		w->app = app;
		rc = evaluate(w);
	}
	if (!rc && !w->decided)
		ms_sleep(AC_POLL_MS);
	return rc;
}

static int loop(struct ac_watch *w)
{
	char ref[300];
	int rc = 0;

	snprintf(ref, sizeof(ref), "application/%s", w->name);
	while (!rc && !w->decided && http_now_ms() < w->job->deadline_ms) {
		if (w->job->stall_ms > 0) {
			deploy_verdict_stall(&w->v, w->last_change_ms * 1000000LL,
					     http_now_ms() * 1000000LL, w->job->stall_ms * 1000000LL);
			if (w->v.state == DEPLOY_STUCK)
				break;
		}
		deploy_progress(w->job, ref, w->v.reason, 0);
		rc = w->polling ? poll_once(w) : stream_once(w);
	}
	return rc;
}

/* POST sync, retrying later while another operation runs. */
static int sync_app(struct ac_watch *w)
{
	int busy = 1, rc = 0;
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	/* operationState.startedAt has whole seconds. */
	w->wo.sync_requested_ns = (long long)ts.tv_sec * 1000000000LL;
	while (busy) {
		rc = argocd_app_sync(w->a, w->name, w->ns, w->project, w->job->revision, &busy);
		if (rc || !busy)
			break;
		if (http_now_ms() + AC_BUSY_MS >= w->job->deadline_ms)
			return err_setc(ERR_TIMEOUT, "argocd: sync of %s: another operation was still "
					"in progress at the deadline", w->name);
		log_info("argocd: another operation is in progress on %s: retrying the sync", w->name);
		ms_sleep(AC_BUSY_MS);
	}
	state_audit(w->job->ctx->state, "deploy", "argocd.sync", w->name, rc ? "error" : "ok");
	return rc;
}

static void add_res(struct jv *out, const struct jv *r, const char *status, const char *msg)
{
	struct jv *o = jv_new_obj();
	char id[600];

	snprintf(id, sizeof(id), "%s/%s%s%s", jv_get_str(r, "kind") ? jv_get_str(r, "kind") : "",
		 jv_get_str(r, "namespace") ? jv_get_str(r, "namespace") : "",
		 jv_get_str(r, "namespace") ? "/" : "", jv_get_str(r, "name") ? jv_get_str(r, "name") : "");
	jv_set_str(o, "resource", id);
	jv_set_str(o, "status", status ? status : "");
	jv_set(o, "message", jv_new_str_lossy(msg ? msg : "", msg ? strlen(msg) : 0));
	jv_push(out, o);
}

/* Sync errors and degraded resources for the summary and state. */
static void context(struct ac_watch *w, struct jv *t)
{
	struct jv *out = jv_new_arr(), *r;
	struct jv *sr = jv_get(jv_get(jv_get(jv_get(w->app, "status"), "operationState"),
				      "syncResult"), "resources");
	size_t i;

	for (i = 0; (r = jv_at(sr, i)) && jv_len(out) < 50; i++)
		if (jv_get_str(r, "status") && strcmp(jv_get_str(r, "status"), "Synced") &&
		    strcmp(jv_get_str(r, "status"), "Pruned"))
			add_res(out, r, jv_get_str(r, "status"), jv_get_str(r, "message"));
	sr = jv_get(jv_get(w->app, "status"), "resources");
	for (i = 0; (r = jv_at(sr, i)) && jv_len(out) < 50; i++) {
		const char *h = jv_get_str(jv_get(r, "health"), "status");
		if (h && (!strcmp(h, "Degraded") || !strcmp(h, "Missing")))
			add_res(out, r, h, jv_get_str(jv_get(r, "health"), "message"));
	}
	jv_set(t, "resources", out);
}

/* --rollback-on-failure: to the history entry before the newest. */
static void rollback(struct ac_watch *w, struct jv *t)
{
	struct jv *hist = jv_get(jv_get(w->app, "status"), "history");
	long long id = 0, best = -1, cur = -1, n;
	char msg[512];
	size_t i;

	if (jv_get(jv_get(jv_get(w->app, "spec"), "syncPolicy"), "automated")) {
		snprintf(msg, sizeof(msg), "not rolled back: auto-sync is enabled on %s, and Argo CD "
			 "refuses a rollback then (disable spec.syncPolicy.automated, or revert in "
			 "git)", w->name);
		goto note;
	}
	for (i = 0; i < jv_len(hist); i++)
		if (!jv_int(jv_get(jv_at(hist, i), "id"), &n) && n > cur)
			cur = n;
	for (i = 0; i < jv_len(hist); i++)
		if (!jv_int(jv_get(jv_at(hist, i), "id"), &n) && n < cur && n > best)
			best = n;
	if (best < 0) {
		snprintf(msg, sizeof(msg), "not rolled back: no earlier history entry");
		goto note;
	}
	id = best;
	if (argocd_app_rollback(w->a, w->name, w->ns, w->project, id))
		snprintf(msg, sizeof(msg), "rollback to history %lld failed: %s", id, err_last());
	else
		snprintf(msg, sizeof(msg), "rolled back to history %lld", id);
	state_audit(w->job->ctx->state, "deploy", "argocd.rollback", w->name,
		    strncmp(msg, "rolled", 6) ? "error" : "ok");
	rt_result_changed(w->job->ctx->result, 1);
note:
	log_warn("argocd: %s", msg);
	jv_set_str(t, "rollback", msg);
}

static void terminate(struct ac_watch *w, struct jv *t)
{
	const char *phase = jv_get_str(jv_get(jv_get(w->app, "status"), "operationState"), "phase");
	int rc;

	if (!jv_get(w->app, "operation") && !(phase && !strcmp(phase, "Running")))
		return;
	w->a->deadline_ms = http_now_ms() + 30000;  /* past the watch deadline */
	rc = argocd_app_terminate(w->a, w->name, w->ns, w->project);
	state_audit(w->job->ctx->state, "deploy", "argocd.terminate", w->name, rc ? "error" : "ok");
	jv_set_str(t, "terminated", rc ? err_last() : "the running operation was terminated");
}

static void finish(struct ac_watch *w, struct jv *t)
{
	struct rt_ctx *ctx = w->job->ctx;
	char line[DEPLOY_REASON_MAX + 64];
	int timeout = !w->decided && w->v.state != DEPLOY_STUCK;

	if (timeout) {
		snprintf(line, sizeof(line), "deadline reached: %s", w->v.reason);
		deploy_target_set(w->job, t, "timeout", line);
	} else {
		deploy_target_set(w->job, t, deploy_state_name(w->v.state), w->v.reason);
	}
	snprintf(line, sizeof(line), "%s: %s", jv_get_str(t, "verdict"), jv_get_str(t, "reason"));
	deploy_progress(w->job, jv_get_str(t, "target"), line, 1);
	if (w->v.state == DEPLOY_DONE)
		return;
	context(w, t);
	if (timeout && opt_flag(ctx->opts, "terminate-on-timeout"))
		terminate(w, t);
	if (!timeout && w->v.state == DEPLOY_FAILED && opt_flag(ctx->opts, "rollback-on-failure")) {
		w->a->deadline_ms = http_now_ms() + 30000;
		rollback(w, t);
	}
}

int deploy_argocd_watch(struct deploy_job *job, const char *app)
{
	struct ac_watch w;
	struct jv *t;
	int rc;

	memset(&w, 0, sizeof(w));
	w.job = job;
	w.name = app;
	w.ns = opt_str(job->ctx->opts, "app-namespace");
	w.project = opt_str(job->ctx->opts, "project");
	w.wo.revision = job->revision;
	w.last_change_ms = http_now_ms();
	buf_init(&w.fp, AC_MAX_MESSAGE);
	argocd_stream_init(&w.st, "argocd stream", AC_MAX_MESSAGE);
	deploy_verdict_set(&w.v, DEPLOY_PROGRESSING, "waiting for the application");
	t = deploy_target_new(job, "application", app, w.ns);
	if (job->revision)
		jv_set_str(t, "revision", job->revision);
	if ((rc = argocd_open(&w.a, job->ctx->ca_file)))
		goto done;
	w.a->deadline_ms = job->deadline_ms;
	if ((rc = argocd_app_get(w.a, app, w.ns, w.project, &w.app)))
		goto done;
	if (opt_flag(job->ctx->opts, "sync")) {
		if ((rc = sync_app(&w)))
			goto done;
		rt_result_changed(job->ctx->result, 1);
	} else if ((rc = evaluate(&w))) {
		goto done;
	}
	if (!w.decided && (rc = loop(&w)))
		goto done;
	finish(&w, t);
done:
	if (rc)
		deploy_target_set(job, t, "error", err_last());
	argocd_close(w.a);
	argocd_stream_free(&w.st);
	jv_free(w.app);
	buf_release(&w.fp);
	return rc;
}
