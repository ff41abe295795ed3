/* deploy_k8s.c - LIST/WATCH one Kubernetes workload and its new pods until a verdict. */
#include "deploy/deploy_int.h"
#include "deploy/flux_ready.h"
#include "deploy/podfail.h"
#include "deploy/rollout.h"
#include "svc/kube_client.h"
#include "svc/kube_obj.h"
#include "svc/kube_session.h"
#include "svc/kube_watch.h"
#include "core/err.h"
#include "core/http.h"
#include "core/log.h"
#include "core/rand.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define K8S_WINDOW_S     2      /* pods are looked at between watch windows */
#define K8S_GRACE_MS     3000   /* a pod failure that may be a hiccup must persist */
#define K8S_MAX_EVENT    (16u << 20)
#define NS_PER_MS        1000000LL

struct k8s_watch {
	struct deploy_job *job;
	const char *kind, *name, *ns;
	char ref[160];
	struct jv *obj;                /* latest workload object (owned) */
	struct kube_watch w;
	struct kube_session s;
	struct rollout_opts ro;
	const struct flux_ready_opts *flux; /* a Flux object: its readiness rules */
	struct deploy_verdict v;       /* latest verdict */
	struct deploy_verdict pods;    /* latest pod verdict */
	struct jv *findings;           /* pod findings (owned) */
	int decided, gone, bad_event, err_code;
	int recheck;                   /* the watch was stopped to look at pods */
	long long last_pods_ms;
	struct buf fp;                 /* status fingerprint, for the stall rule */
	long long last_change_ms;
	char bad_key[320];
	long long bad_since_ms;
	char err_msg[512];
};

static void sleep_ms(long long ms)
{
	struct timespec ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	nanosleep(&ts, NULL);
}

static long long now_ns(void)
{
	return http_now_ms() * NS_PER_MS;
}

static void url_enc(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~')
			buf_putc(b, (char)c);
		else
			buf_printf(b, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

/* The status changed: remember when, for --stall-timeout. */
static void note_state(struct k8s_watch *kw)
{
	struct buf now = BUF_INIT(K8S_MAX_EVENT);

	jv_dump(&now, jv_get(kw->obj, "status"), 0);
	buf_puts(&now, kw->pods.reason);
	if (now.len != kw->fp.len || (now.len && memcmp(now.ptr, kw->fp.ptr, now.len))) {
		buf_reset(&kw->fp);
		buf_add(&kw->fp, buf_cstr(&now), now.len);
		kw->last_change_ms = http_now_ms();
	}
	buf_release(&now);
}

static int evaluate(struct k8s_watch *kw)
{
	int rc = kw->flux ? flux_ready_status(kw->obj, kw->flux, &kw->v)
			  : rollout_status(kw->obj, &kw->ro, &kw->v);

	if (rc)
		return rc;
	note_state(kw);
	if (kw->v.state != DEPLOY_PROGRESSING)
		kw->decided = 1;
	return 0;
}

/* The watch stream: one JSON event per line. Returns 1 to stop it. */
static int on_line(void *ctx, const char *line, size_t len)
{
	struct k8s_watch *kw = ctx;
	struct kube_event ev;
	int r;

	if (kube_watch_feed(&kw->w, line, len) || kube_watch_feed(&kw->w, "\n", 1)) {
		snprintf(kw->err_msg, sizeof(kw->err_msg), "%s", err_last());
		kw->bad_event = 1;
		return 1;
	}
	while ((r = kube_watch_next(&kw->w, &ev)) == 1) {
		if (ev.type == KUBE_EV_ERROR) {
			kw->gone = kube_watch_is_gone(&ev);
			kw->bad_event = !kw->gone;
			snprintf(kw->err_msg, sizeof(kw->err_msg), "watch %s: ERROR %d: %s", kw->ref,
				 ev.code, ev.message ? ev.message : "");
			return 1;
		}
		kube_session_seen(&kw->s, kw->w.rv);
		if (ev.type == KUBE_EV_BOOKMARK)
			continue;
		if (ev.type == KUBE_EV_DELETED) {
			deploy_verdict_set(&kw->v, DEPLOY_FAILED, "%s was deleted", kw->ref);
			kw->decided = 1;
			return 1;
		}
		jv_free(kw->obj);
		kw->obj = jv_ref(ev.object);
		if ((kw->err_code = evaluate(kw))) {
			snprintf(kw->err_msg, sizeof(kw->err_msg), "%s", err_last());
			return 1;
		}
		if (kw->decided)
			return 1;
		/* The workload moved: look at its new pods now, not at the
		 * end of the window (a new ReplicaSet may be crash-looping). */
		if (!kw->flux && http_now_ms() - kw->last_pods_ms >= 200) {
			kw->recheck = 1;
			return 1;
		}
	}
	if (r < 0) {
		snprintf(kw->err_msg, sizeof(kw->err_msg), "%s", err_last());
		kw->bad_event = 1;
		return 1;
	}
	return 0;
}

/* "?labelSelector=k%3Dv,..." from spec.selector.matchLabels. */
static void match_labels(struct buf *q, const struct jv *obj)
{
	struct jv *ml = kube_path(obj, "spec.selector.matchLabels"), *val;
	void *it = NULL;
	const char *k;
	int first = 1;

	buf_puts(q, "?labelSelector=");
	while ((k = jv_iter(ml, &it, &val))) {
		if (!first)
			buf_puts(q, "%2C");
		url_enc(q, k);
		buf_puts(q, "%3D");
		url_enc(q, jv_str(val) ? jv_str(val) : "");
		first = 0;
	}
}

/* The objects that say which revision is new (ReplicaSets, ControllerRevisions). */
static int owned_list(struct k8s_watch *kw, struct jv **owned)
{
	const char *kind = jv_get_str(kw->obj, "kind");
	const char *sub = !kind ? NULL : !strcmp(kind, "Deployment") ? "replicaset" :
			  !strcmp(kind, "DaemonSet") ? "controllerrevision" : NULL;
	struct buf p = BUF_INIT(8192);
	int rc;

	*owned = NULL;
	if (!sub)
		return 0;
	kube_api_path(&p, sub, kw->ns, NULL, NULL);
	match_labels(&p, kw->obj);
	rc = buf_failed(&p) ? err_set("selector too long") : kube_get(kw->job->kube, buf_cstr(&p), owned);
	buf_release(&p);
	return rc;
}

/* Failures that the kubelet only reports after repeated attempts need no
 * grace; others (ErrImagePull, a restart count) must persist a moment. */
static int persistent(const char *reason)
{
	size_t n = reason ? strlen(reason) : 0;

	return n && ((n > 7 && !strcmp(reason + n - 7, "BackOff")) || !strcmp(reason, "OOMKilled") ||
		     !strcmp(reason, "Unschedulable"));
}

static void pod_verdict(struct k8s_watch *kw, const struct deploy_verdict *pv, struct jv *findings)
{
	struct jv *f0 = jv_at(findings, 0);
	const char *reason = jv_get_str(f0, "reason");
	char key[320];
	long long now = http_now_ms();

	kw->pods = *pv;
	jv_free(kw->findings);
	kw->findings = findings;
	if (pv->state != DEPLOY_FAILED) {
		kw->bad_key[0] = '\0';
		return;
	}
	snprintf(key, sizeof(key), "%s/%s/%s", jv_get_str(f0, "pod") ? jv_get_str(f0, "pod") : "",
		 jv_get_str(f0, "container") ? jv_get_str(f0, "container") : "", reason ? reason : "");
	if (strcmp(key, kw->bad_key)) {
		snprintf(kw->bad_key, sizeof(kw->bad_key), "%s", key);
		kw->bad_since_ms = now;
	}
	if (persistent(reason) || now - kw->bad_since_ms >= K8S_GRACE_MS) {
		kw->v = *pv;
		kw->decided = 1;
	}
}

/* Early failure from the new revision's pods. Errors are logged, not fatal:
 * the rollout rules still decide. */
static void check_pods(struct k8s_watch *kw)
{
	struct jv *owned = NULL, *pods = NULL, *findings = NULL;
	struct podfail_sel sel;
	struct podfail_opts po;
	struct deploy_verdict pv;
	struct buf p = BUF_INIT(8192);
	int rc = 0;

	kw->last_pods_ms = http_now_ms();
	if (!kw->obj || (rc = owned_list(kw, &owned)))
		goto done;
	rc = podfail_selector(kw->obj, owned, &sel);
	if (rc)
		goto done;
	kube_api_path(&p, "pod", kw->ns, NULL, NULL);
	buf_puts(&p, "?labelSelector=");
	url_enc(&p, sel.label);
	buf_puts(&p, "%3D");
	url_enc(&p, sel.value);
	if (buf_failed(&p) || (rc = kube_get(kw->job->kube, buf_cstr(&p), &pods)))
		goto done;
	memset(&po, 0, sizeof(po));
	po.sel = &sel;
	po.restart_limit = kw->job->restart_limit;
	po.now_ns = deploy_wall_ns();
	if (!podfail_check(pods, &po, &pv, &findings))
		pod_verdict(kw, &pv, findings);
	note_state(kw);
done:
	if (rc && rc != ERR_NOTFOUND)
		log_debug("%s: pods: %s", kw->ref, err_last());
	jv_free(owned);
	jv_free(pods);
	buf_release(&p);
}

static int do_list(struct k8s_watch *kw)
{
	struct buf p = BUF_INIT(8192);
	struct jv *list = NULL;
	int rc;

	kube_api_path(&p, kw->kind, kw->ns, NULL, NULL);
	buf_puts(&p, "?fieldSelector=metadata.name%3D");
	url_enc(&p, kw->name);
	kube_session_started(&kw->s, now_ns());
	rc = buf_failed(&p) ? err_set("name too long") : kube_get(kw->job->kube, buf_cstr(&p), &list);
	if (rc == ERR_USAGE || rc == ERR_NOTFOUND || rc == ERR_INVALID)
		goto done;   /* credentials, an unknown resource: no retry helps */
	if (rc) {
		log_warn("%s: LIST failed: %s", kw->ref, err_last());
		kube_session_list_failed(&kw->s, now_ns());
		rc = 0;
		goto done;
	}
	kube_session_listed(&kw->s, kube_str(list, "metadata.resourceVersion") ?
			    kube_str(list, "metadata.resourceVersion") : "", now_ns());
	if (!jv_at(jv_get(list, "items"), 0)) {
		rc = err_setc(ERR_NOTFOUND, "%s not found in namespace %s", kw->ref, kw->ns);
		goto done;
	}
	jv_free(kw->obj);
	kw->obj = jv_ref(jv_at(jv_get(list, "items"), 0));
	rc = evaluate(kw);
done:
	jv_free(list);
	buf_release(&p);
	return rc;
}

static enum kube_end watch_end(struct k8s_watch *kw, int rc, long status)
{
	if (kw->gone || status == 410)
		return KUBE_END_GONE;
	if (kw->bad_event)
		return KUBE_END_CUT;
	if (!rc)
		return kube_watch_end(&kw->w) ? KUBE_END_CUT : KUBE_END_CLEAN;
	if (rc == ERR_TIMEOUT)
		return KUBE_END_IDLE;
	return status >= 200 && status < 300 ? KUBE_END_CUT : KUBE_END_ERROR;
}

static int do_watch(struct k8s_watch *kw)
{
	struct buf p = BUF_INIT(8192), eb = BUF_INIT(64u << 10);
	unsigned rnd = 0;
	long status = 0;
	long long t;
	int rc, stopped;

	rand_bytes(&rnd, sizeof(rnd));
	t = kube_session_watch_timeout(&kw->s, now_ns(), rnd);
	if (t > K8S_WINDOW_S)
		t = K8S_WINDOW_S;
	kube_api_path(&p, kw->kind, kw->ns, NULL, NULL);
	buf_puts(&p, "?watch=1&allowWatchBookmarks=true&fieldSelector=metadata.name%3D");
	url_enc(&p, kw->name);
	buf_printf(&p, "&resourceVersion=%s&timeoutSeconds=%lld", kw->s.rv, t);
	kube_watch_free(&kw->w);
	kube_watch_init(&kw->w, kw->ref, K8S_MAX_EVENT);
	kw->gone = kw->bad_event = kw->recheck = 0;
	kube_session_started(&kw->s, now_ns());
	rc = kube_watch_stream(kw->job->kube, buf_cstr(&p), (long)t, on_line, kw, &status,
			       &stopped, &eb);
	if (kw->err_code) {
		rc = err_setc(kw->err_code, "%s", kw->err_msg);
		goto done;
	}
	if (kw->decided) {
		rc = 0;
		goto done;
	}
	if (status == 401 || status == 403 || status == 404) {
		struct jv *st = NULL;
		jv_parse(&st, buf_cstr(&eb), eb.len, eb.len + 1, "Status");
		rc = err_setc(status == 404 ? ERR_NOTFOUND : ERR_USAGE, "watch %s: HTTP %ld: %s",
			      kw->ref, status, jv_get_str(st, "message") ? jv_get_str(st, "message")
			      : http_reason(status));
		jv_free(st);
		goto done;
	}
	if (kw->recheck) {
		/* Stopped on purpose while events flowed: not a short watch. */
		kw->s.short_watches = 0;
		kw->s.watches++;
		rc = 0;
		goto done;
	}
	if (kw->bad_event || (rc && rc != ERR_TIMEOUT))
		log_debug("%s: watch ended: %s", kw->ref, kw->bad_event ? kw->err_msg : err_last());
	kube_session_ended(&kw->s, watch_end(kw, rc, status), now_ns());
	rc = 0;
done:
	buf_release(&p);
	buf_release(&eb);
	return rc;
}

/* The hard deadline or the stall rule ended the watch. */
static void give_up(struct k8s_watch *kw, struct jv *t)
{
	char why[DEPLOY_REASON_MAX + 64];

	if (http_now_ms() >= kw->job->deadline_ms) {
		snprintf(why, sizeof(why), "deadline reached: %s", kw->v.reason);
		deploy_target_set(kw->job, t, "timeout", why);
	} else {
		deploy_target_set(kw->job, t, "stuck", kw->v.reason);
	}
}

static int loop(struct k8s_watch *kw)
{
	long long wait = 0, stall_ns = kw->job->stall_ms * NS_PER_MS;
	int rc = 0;

	for (;;) {
		if (kw->obj && !kw->decided && !kw->flux)
			check_pods(kw);
		if (kw->decided)
			return 0;
		if (kw->obj && stall_ns > 0) {
			deploy_verdict_stall(&kw->v, kw->last_change_ms * NS_PER_MS, now_ns(), stall_ns);
			if (kw->v.state == DEPLOY_STUCK)
				return 0;
		}
		if (kw->obj)
			deploy_progress(kw->job, kw->ref, kw->pods.state == DEPLOY_FAILED ?
					kw->pods.reason : kw->v.reason, 0);
		switch (kube_session_next(&kw->s, now_ns(), &wait)) {
		case KUBE_DO_STOP:
			return 0;
		case KUBE_DO_WAIT:
			sleep_ms(wait / NS_PER_MS > 1000 ? 1000 : wait / NS_PER_MS + 1);
			break;
		case KUBE_DO_LIST:
			rc = do_list(kw);
			break;
		case KUBE_DO_WATCH:
			rc = do_watch(kw);
			break;
		}
		if (rc)
			return rc;
	}
}

int deploy_k8s_watch(struct deploy_job *job, const char *kind, const char *name,
		     const char *ns, const struct flux_ready_opts *flux)
{
	struct k8s_watch kw;
	char line[DEPLOY_REASON_MAX + 128];
	struct jv *t;
	int rc;

	memset(&kw, 0, sizeof(kw));
	kw.job = job;
	kw.kind = kind;
	kw.name = name;
	kw.ns = ns;
	kw.flux = flux;
	snprintf(kw.ref, sizeof(kw.ref), "%s/%s", kind, name);
	kw.ro.watch_start_ns = job->start_wall_ns;
	buf_init(&kw.fp, K8S_MAX_EVENT);
	kube_watch_init(&kw.w, kw.ref, K8S_MAX_EVENT);
	kw.last_change_ms = http_now_ms();
	deploy_verdict_set(&kw.v, DEPLOY_PROGRESSING, "waiting for the first LIST");
	kube_session_init(&kw.s, now_ns(), (job->deadline_ms - http_now_ms()) * NS_PER_MS);
	t = deploy_target_new(job, kind, name, ns);
	if ((rc = deploy_kube(job)))
		goto done;
	rc = loop(&kw);
	if (rc)
		goto done;
	if (kw.decided)
		deploy_target_set(job, t, deploy_state_name(kw.v.state), kw.v.reason);
	else
		give_up(&kw, t);
	snprintf(line, sizeof(line), "%s: %s", jv_get_str(t, "verdict"), jv_get_str(t, "reason"));
	deploy_progress(job, kw.ref, line, 1);
	if (kw.findings && jv_len(kw.findings))
		jv_set(t, "findings", jv_ref(kw.findings));
	if (kw.v.state != DEPLOY_DONE && !flux)
		deploy_ctx_collect(job, t, kw.obj, name, ns);
done:
	if (rc)
		deploy_target_set(job, t, "error", err_last());
	jv_free(kw.obj);
	jv_free(kw.findings);
	kube_watch_free(&kw.w);
	buf_release(&kw.fp);
	return rc;
}
