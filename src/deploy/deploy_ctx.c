/* deploy_ctx.c - context for a failed workload: container logs and Warning events. */
#include "deploy/deploy_int.h"
#include "core/http.h"
#include "svc/kube_client.h"
#include "svc/kube_obj.h"
#include "deploy/podfail.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

#define CTX_MAX_PODS    3        /* logs of this many failing containers */
#define CTX_LOG_LINES   50
#define CTX_LOG_BYTES   8192     /* per container (limitBytes) */
#define CTX_MAX_EVENTS  20

/* The log tail of one container: the previous (crashed) instance first. */
static void one_log(struct deploy_job *job, struct jv *logs, const char *ns, const char *pod,
		    const char *container)
{
	struct buf p = BUF_INIT(4096), text = BUF_INIT(CTX_LOG_BYTES + 1);
	int previous, rc = -1;

	for (previous = 1; previous >= 0 && rc; previous--) {
		buf_reset(&p);
		buf_reset(&text);
		kube_api_path(&p, "pod", ns, pod, "log");
		buf_puts(&p, "?container=");
		http_escape(&p, container, NULL);
		buf_printf(&p, "&tailLines=%d&limitBytes=%d%s", CTX_LOG_LINES, CTX_LOG_BYTES,
			   previous ? "&previous=true" : "");
		rc = buf_failed(&p) ? -1 : kube_get_text(job->kube, buf_cstr(&p), &text);
		if (!rc) {
			struct jv *o = jv_new_obj();
			jv_set_str(o, "pod", pod);
			jv_set_str(o, "container", container);
			jv_set_bool(o, "previous", previous);
			jv_set(o, "log", jv_new_str_lossy(buf_cstr(&text), text.len));
			jv_push(logs, o);
		}
	}
	if (rc)
		log_debug("no log for %s/%s: %s", pod, container, err_last());
	buf_release(&p);
	buf_release(&text);
}

/* LIST kind in ns with `query` (up to its '=') and the escaped value;
 * *list is the caller's to free. Failures are logged, not fatal: the
 * context is best effort. */
static int list_where(struct deploy_job *job, const char *kind, const char *ns,
		      const char *query, const char *value, struct jv **list)
{
	struct buf p = BUF_INIT(4096);
	int rc;

	*list = NULL;
	kube_api_path(&p, kind, ns, NULL, NULL);
	buf_puts(&p, query);
	http_escape(&p, value, NULL);
	rc = buf_failed(&p) ? err_set("query too long") : kube_get(job->kube, buf_cstr(&p), list);
	if (rc)
		log_debug("%s of %s: %s", kind, value, err_last());
	buf_release(&p);
	return rc;
}

/* Warning events about one object, appended to events (capped). */
static void warnings(struct deploy_job *job, struct jv *events, const char *ns, const char *name)
{
	struct jv *list = NULL, *e;
	size_t i;

	if (list_where(job, "event", ns, "?fieldSelector=type%3DWarning%2CinvolvedObject.name%3D",
		       name, &list))
		goto done;
	for (i = 0; (e = jv_at(jv_get(list, "items"), i)) && jv_len(events) < CTX_MAX_EVENTS; i++) {
		struct jv *o = jv_new_obj();
		jv_set_str(o, "object", name);
		jv_set(o, "reason", jv_get(e, "reason") ? jv_ref(jv_get(e, "reason")) : jv_new_str(""));
		jv_set(o, "message", jv_get(e, "message") ? jv_ref(jv_get(e, "message")) : jv_new_str(""));
		jv_set_int(o, "count", (long long)jv_num(jv_get(e, "count"), 1));
		jv_push(events, o);
	}
done:
	jv_free(list);
}

/* A failed Job's verdict comes from its Failed condition, not from pod
 * findings, and its pods (restartPolicy Never) end Failed with an exit
 * code rather than in a back-off: the logs and events of the containers
 * that exited non-zero, in the Job's pods (podfail_selector: its uid
 * label, as the early pod checks select them). */
static void job_pods(struct deploy_job *job, const struct jv *obj, struct jv *logs,
		     struct jv *events, const char *ns)
{
	struct podfail_sel sel;
	struct jv *list = NULL, *pod, *c;
	char query[128];
	size_t i, j, npods = 0;

	if (podfail_selector(obj, NULL, &sel))
		return;
	snprintf(query, sizeof(query), "?labelSelector=%s%%3D", sel.label);
	if (list_where(job, "pod", ns, query, sel.value, &list))
		goto done;
	for (i = 0; (pod = jv_at(jv_get(list, "items"), i)) && npods < CTX_MAX_PODS; i++) {
		const char *phase = kube_str(pod, "status.phase"), *pn = kube_str(pod, "metadata.name");
		int any = 0;

		if (!pn || !phase || strcmp(phase, "Failed"))
			continue;
		for (j = 0; (c = jv_at(kube_path(pod, "status.containerStatuses"), j)); j++)
			if (kube_int(c, "state.terminated.exitCode", 0) != 0 && jv_get_str(c, "name")) {
				one_log(job, logs, ns, pn, jv_get_str(c, "name"));
				any = 1;
			}
		if (any) {
			warnings(job, events, ns, pn);
			npods++;
		}
	}
done:
	jv_free(list);
}

void deploy_ctx_collect(struct deploy_job *job, struct jv *t, const struct jv *obj,
			const char *name, const char *ns)
{
	struct jv *logs = jv_new_arr(), *events = jv_new_arr(), *f;
	struct jv *findings = jv_get(t, "findings");
	char seen[CTX_MAX_PODS][256];
	size_t i, npods = 0, k;

	if (!job->kube)
		goto done;
	warnings(job, events, ns, name);
	if (jv_get_str(obj, "kind") && !strcmp(jv_get_str(obj, "kind"), "Job") && !jv_len(findings))
		job_pods(job, obj, logs, events, ns);
	for (i = 0; (f = jv_at(findings, i)) && npods < CTX_MAX_PODS; i++) {
		const char *pod = jv_get_str(f, "pod"), *c = jv_get_str(f, "container");
		for (k = 0; pod && k < npods && strcmp(seen[k], pod); k++)
			;
		if (!pod || k < npods)
			continue;
		snprintf(seen[npods++], sizeof(seen[0]), "%s", pod);
		warnings(job, events, ns, pod);
		if (c && *c)
			one_log(job, logs, ns, pod, c);
	}
done:
	jv_set(t, "logs", logs);
	jv_set(t, "events", events);
}
