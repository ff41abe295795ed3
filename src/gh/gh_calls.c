/* gh_calls.c - GitHub endpoints: runs, jobs, logs, re-runs, compare, checks. */
#include "gh/gh.h"
#include "gh/gh_int.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

int gh_path(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	buf_reset(b);
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
	return buf_failed(b) ? err_setc(ERR_TOOBIG, "API path too long") : 0;
}

/* Refs and SHAs go into paths: refuse what would change the URL. */
int gh_check_ref(const char *what, const char *ref)
{
	const char *p;

	if (!ref || !*ref || strlen(ref) > 255)
		return err_setc(ERR_INVALID, "%s: empty or over 255 bytes", what);
	for (p = ref; *p; p++)
		if ((unsigned char)*p <= 0x20 || strchr("?#%\\^~:[]\"<>", *p) || *p == 0x7f)
			return err_setc(ERR_INVALID, "%s \"%s\": character not allowed in a ref", what, ref);
	if (strstr(ref, ".."))
		return err_setc(ERR_INVALID, "%s \"%s\": \"..\" not allowed", what, ref);
	return 0;
}

int gh_run_get(struct gh *g, long long run_id, struct jv **out)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_path(&p, "/repos/{repo}/actions/runs/%lld", run_id);

	if (rc == 0)
		rc = gh_call(g, "GET", p.ptr, NULL, out, NULL, NULL, NULL);
	buf_release(&p);
	return rc;
}

int gh_run_jobs(struct gh *g, long long run_id, long attempt, struct jv **out)
{
	struct buf p = BUF_INIT(512);
	int rc = attempt > 0 ?
		gh_path(&p, "/repos/{repo}/actions/runs/%lld/attempts/%ld/jobs", run_id, attempt) :
		gh_path(&p, "/repos/{repo}/actions/runs/%lld/jobs?filter=all", run_id);

	if (rc == 0)
		rc = gh_get_all(g, p.ptr, "jobs", out);
	buf_release(&p);
	return rc;
}

int gh_job_log(struct gh *g, long long job_id, const char *out_file)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_path(&p, "/repos/{repo}/actions/jobs/%lld/logs", job_id);

	if (rc == 0)
		rc = gh_download(g, p.ptr, out_file);
	buf_release(&p);
	return rc;
}

int gh_run_logs_zip(struct gh *g, long long run_id, long attempt, const char *out_file)
{
	struct buf p = BUF_INIT(512);
	int rc = attempt > 0 ?
		gh_path(&p, "/repos/{repo}/actions/runs/%lld/attempts/%ld/logs", run_id, attempt) :
		gh_path(&p, "/repos/{repo}/actions/runs/%lld/logs", run_id);

	if (rc == 0)
		rc = gh_download(g, p.ptr, out_file);
	buf_release(&p);
	return rc;
}

struct gh_rerun_check {
	struct gh *g;
	long long run_id;
	long long attempt;   /* run_attempt before the POST */
};

/* A re-run landed when the run's attempt moved on or it is running again. */
static int gh_rerun_landed(void *ctx, const struct http_resp *last)
{
	struct gh_rerun_check *c = ctx;
	struct jv *run = NULL;
	long long a = 0;
	const char *st;
	int rc;

	(void)last;
	if ((rc = gh_run_get(c->g, c->run_id, &run)) < 0)
		return rc;
	jv_int(jv_get(run, "run_attempt"), &a);
	st = jv_get_str(run, "status");
	rc = a > c->attempt || (st && strcmp(st, "completed"));
	log_info("gh: re-run of run %lld %s (attempt %lld, status %s)", c->run_id,
		 rc ? "took effect" : "did not take effect", a, st ? st : "?");
	jv_free(run);
	return rc;
}

int gh_rerun(struct gh *g, enum gh_rerun what, long long id, long long run_id, int debug)
{
	struct gh_rerun_check c = { g, run_id, 0 };
	struct buf p = BUF_INIT(512);
	struct jv *run = NULL, *body = jv_new_obj();
	int rc;

	if (!body)
		return err_set("out of memory");
	if ((rc = gh_run_get(g, run_id, &run)) < 0)
		goto done;
	jv_int(jv_get(run, "run_attempt"), &c.attempt);
	if (what == GH_RERUN_JOB)
		rc = gh_path(&p, "/repos/{repo}/actions/jobs/%lld/rerun", id);
	else
		rc = gh_path(&p, "/repos/{repo}/actions/runs/%lld/%s", id,
			     what == GH_RERUN_FAILED ? "rerun-failed-jobs" : "rerun");
	if (rc == 0 && debug)
		rc = jv_set_bool(body, "enable_debug_logging", 1);
	if (rc == 0)
		rc = gh_call(g, "POST", p.ptr, body, NULL, NULL, gh_rerun_landed, &c);
done:
	jv_free(run);
	jv_free(body);
	buf_release(&p);
	return rc;
}

int gh_compare(struct gh *g, const char *base, const char *head, struct jv **out)
{
	struct buf p = BUF_INIT(1024);
	int rc;

	if ((rc = gh_check_ref("base", base)) < 0 || (rc = gh_check_ref("head", head)) < 0)
		return rc;
	rc = gh_path(&p, "/repos/{repo}/compare/%s...%s", base, head);
	if (rc == 0)
		rc = gh_call(g, "GET", p.ptr, NULL, out, NULL, NULL, NULL);
	buf_release(&p);
	return rc;
}

int gh_check_runs(struct gh *g, const char *sha, struct jv **out)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_check_ref("sha", sha);

	if (rc == 0)
		rc = gh_path(&p, "/repos/{repo}/commits/%s/check-runs", sha);
	if (rc == 0)
		rc = gh_get_all(g, p.ptr, "check_runs", out);
	buf_release(&p);
	return rc;
}

int gh_combined_status(struct gh *g, const char *sha, struct jv **out)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_check_ref("sha", sha);

	if (rc == 0)
		rc = gh_path(&p, "/repos/{repo}/commits/%s/status", sha);
	if (rc == 0)
		rc = gh_call(g, "GET", p.ptr, NULL, out, NULL, NULL, NULL);
	buf_release(&p);
	return rc;
}
