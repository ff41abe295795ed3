/* deploy_out.c - the verdict of deploy-watch as outputs, annotations, step summary and state. */
#include "deploy/deploy_int.h"
#include "core/err.h"
#include "core/http.h"
#include "core/log.h"
#include "rt/annot.h"
#include "rt/ghcmd.h"
#include "rt/summary.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *s_or(const struct jv *o, const char *key)
{
	const char *s = jv_get_str(o, key);
	return s ? s : "";
}

static int target_rows(struct summary *s, const struct deploy_job *job)
{
	static const char *const hdr[] = { "Target", "Verdict", "Reason", "Seconds" };
	struct jv *t;
	size_t i;
	int rc = summary_table(s, 4, hdr);

	for (i = 0; !rc && (t = jv_at(job->targets, i)); i++) {
		char secs[32];
		const char *row[4];
		snprintf(secs, sizeof(secs), "%.1f", jv_num(jv_get(t, "seconds"), 0));
		row[0] = s_or(t, "target");
		row[1] = s_or(t, "verdict");
		row[2] = s_or(t, "reason");
		row[3] = secs;
		rc = summary_row(s, 4, row);
	}
	return rc;
}

static int finding_rows(struct summary *s, const struct jv *t)
{
	static const char *const hdr[] = { "Pod", "Container", "Reason", "Exit code",
					   "Restarts", "Message" };
	struct jv *f;
	size_t i;
	int rc = 0;

	for (i = 0; !rc && (f = jv_at(jv_get(t, "findings"), i)); i++) {
		char code[24] = "", restarts[24] = "";
		const char *row[6];
		long long n;
		if (!i && (rc = summary_table(s, 6, hdr)))
			break;
		if (!jv_int(jv_get(f, "exitCode"), &n))
			snprintf(code, sizeof(code), "%lld", n);
		if (!jv_int(jv_get(f, "restarts"), &n))
			snprintf(restarts, sizeof(restarts), "%lld", n);
		row[0] = s_or(f, "pod");
		row[1] = s_or(f, "container");
		row[2] = s_or(f, "reason");
		row[3] = code;
		row[4] = restarts;
		row[5] = s_or(f, "message");
		rc = summary_row(s, 6, row);
	}
	return rc;
}

static int event_rows(struct summary *s, const struct jv *t)
{
	static const char *const hdr[] = { "Object", "Reason", "Count", "Message" };
	struct jv *e;
	size_t i;
	int rc = 0;

	for (i = 0; !rc && (e = jv_at(jv_get(t, "events"), i)); i++) {
		char count[24];
		const char *row[4];
		if (!i && ((rc = summary_heading(s, 4, "Warning events")) ||
			   (rc = summary_table(s, 4, hdr))))
			break;
		snprintf(count, sizeof(count), "%.0f", jv_num(jv_get(e, "count"), 1));
		row[0] = s_or(e, "object");
		row[1] = s_or(e, "reason");
		row[2] = count;
		row[3] = s_or(e, "message");
		rc = summary_row(s, 4, row);
	}
	return rc;
}

static int log_blocks(struct summary *s, const struct jv *t)
{
	struct jv *l;
	size_t i;
	int rc = 0;

	for (i = 0; !rc && (l = jv_at(jv_get(t, "logs"), i)); i++) {
		char title[600];
		const char *text = s_or(l, "log");
		snprintf(title, sizeof(title), "%s log of %s/%s",
			 jv_bool(jv_get(l, "previous"), 0) ? "Previous container" : "Container",
			 s_or(l, "pod"), s_or(l, "container"));
		if (!(rc = summary_details_begin(s, title)) &&
		    !(rc = summary_code(s, "text", text, strlen(text))))
			rc = summary_details_end(s);
	}
	return rc;
}

/* Argo CD: sync errors and degraded resources (src/deploy/deploy_argocd.c). */
static int argocd_rows(struct summary *s, const struct jv *t)
{
	static const char *const hdr[] = { "Resource", "Status", "Message" };
	struct jv *r;
	size_t i;
	int rc = 0;

	for (i = 0; !rc && (r = jv_at(jv_get(t, "resources"), i)); i++) {
		const char *row[3];
		if (!i && ((rc = summary_heading(s, 4, "Argo CD resources")) ||
			   (rc = summary_table(s, 3, hdr))))
			break;
		row[0] = s_or(r, "resource");
		row[1] = s_or(r, "status");
		row[2] = s_or(r, "message");
		rc = summary_row(s, 3, row);
	}
	return rc;
}

static int write_summary(const struct deploy_job *job, const char *verdict, const char *reason,
			 const size_t dropped[3])
{
	struct summary s;
	struct jv *t;
	char md[128];
	size_t i;
	int rc;

	summary_init(&s);
	summary_section(&s, "verdict", SUMMARY_VERDICT);
	snprintf(md, sizeof(md), "### deploy-watch: %s", verdict);
	if (!(rc = summary_markdown(&s, md)) && !(rc = summary_para(&s, reason)))
		rc = target_rows(&s, job);
	for (i = 0; !rc && (t = jv_at(job->targets, i)); i++) {
		if (!strcmp(s_or(t, "verdict"), "done"))
			continue;
		summary_section(&s, "failure detail", SUMMARY_HIGH);
		if (!(rc = finding_rows(&s, t)) && !(rc = argocd_rows(&s, t)))
			rc = event_rows(&s, t);
		summary_section(&s, "logs", SUMMARY_LOW);
		if (!rc)
			rc = log_blocks(&s, t);
	}
	summary_section(&s, "annotations", SUMMARY_NORMAL);
	if (!rc)
		rc = summary_dropped_annotations(&s, dropped);
	if (!rc) {
		rc = summary_write(&s);
		if (rc == ERR_NOTFOUND)
			rc = 0;
	}
	summary_free(&s);
	return rc;
}

static int annotate(const struct deploy_job *job, size_t dropped[3])
{
	struct annot_sink sink;
	struct ghcmd_props p;
	struct jv *t, *f;
	size_t i, k;
	int rc = 0;

	annot_init(&sink);
	for (i = 0; !rc && (t = jv_at(job->targets, i)); i++) {
		struct buf title = BUF_INIT(1024), msg = BUF_INIT(8192);
		const char *v = s_or(t, "verdict");
		if (strcmp(v, "done")) {
			memset(&p, 0, sizeof(p));
			buf_printf(&title, "deploy-watch: %s %s", s_or(t, "target"), v);
			rt_untrusted_neutralize(&msg, s_or(t, "reason"), strlen(s_or(t, "reason")));
			p.title = buf_cstr(&title);
			rc = annot_add(&sink, GHCMD_ERROR, 1000, &p, buf_cstr(&msg));
		}
		for (k = 0; !rc && (f = jv_at(jv_get(t, "findings"), k)); k++) {
			buf_reset(&msg);
			buf_printf(&msg, "pod %s container %s: %s: %s", s_or(f, "pod"),
				   s_or(f, "container"), s_or(f, "reason"), s_or(f, "message"));
			buf_reset(&title);
			rt_untrusted_neutralize(&title, buf_cstr(&msg), msg.len);
			rc = annot_add(&sink, GHCMD_WARNING, 100 - (long)k, NULL, buf_cstr(&title));
		}
		buf_release(&title);
		buf_release(&msg);
	}
	if (!rc && job->github)
		rc = annot_flush(&sink, STDOUT_FILENO);
	annot_dropped_all(&sink, dropped);
	annot_free(&sink);
	return rc;
}

static int save_state(const struct deploy_job *job, const char *verdict, const char *reason)
{
	struct jv *doc = jv_new_obj();
	int rc;

	jv_set_str(doc, "verdict", verdict);
	jv_set(doc, "reason", jv_new_str_lossy(reason, strlen(reason)));
	jv_set(doc, "revision", jv_new_str(job->revision));
	jv_set(doc, "seconds", jv_new_real((double)(http_now_ms() - job->start_ms) / 1000.0));
	jv_set(doc, "targets", jv_ref(job->targets));
	rc = state_save(job->ctx->state, "deploy", doc);
	jv_free(doc);
	return rc;
}

int deploy_output(struct deploy_job *job, const char *verdict, const char *reason)
{
	struct rt_result *r = job->ctx->result;
	size_t dropped[3] = { 0, 0, 0 };
	struct buf safe = BUF_INIT(8192);
	int ok = !strcmp(verdict, "done"), rc;

	rt_untrusted_neutralize(&safe, reason, strlen(reason));
	rt_result_set(r, ok ? RT_PASS : RT_FAIL, verdict, "%s", buf_cstr(&safe));
	rt_result_output(r, "verdict", verdict);
	rt_result_output(r, "reason", buf_cstr(&safe));
	rt_result_data(r, "targets", jv_ref(job->targets));
	if (job->revision)
		rt_result_data(r, "revision", jv_new_str(job->revision));
	buf_release(&safe);
	if ((rc = annotate(job, dropped)))
		log_warn("annotations: %s", err_last());
	if ((rc = write_summary(job, verdict, reason, dropped)))
		log_warn("step summary: %s", err_last());
	return save_state(job, verdict, reason);
}
