/* heal_github.c - the failed run from GitHub: event payload or --repo/--run, jobs, logs, re-run, comment. */
#include "heal_int.h"
#include "core/http.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "gh/gh.h"
#include "rt/state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEAL_EVENT_MAX (25u << 20)
#define HEAL_COMMENT_MARK "<!-- ship-heal"

static char *dup_str(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void take(char **dst, const char *s)
{
	if (s && *s && !*dst)
		*dst = strdup(s);
}

static long long num(const struct jv *v)
{
	long long n = 0;

	return jv_int(v, &n) ? 0 : n;
}

/* Fields of a workflow_run object (event payload or GET run). */
static void from_run(struct heal_ctx *h, const struct jv *run)
{
	const struct jv *prs = jv_get(run, "pull_requests");

	if (!h->run_id)
		h->run_id = num(jv_get(run, "id"));
	if (!h->attempt)
		h->attempt = (long)num(jv_get(run, "run_attempt"));
	take(&h->sha, jv_get_str(run, "head_sha"));
	take(&h->branch, jv_get_str(run, "head_branch"));
	take(&h->workflow, jv_get_str(run, "name"));
	take(&h->run_url, jv_get_str(run, "html_url"));
	take(&h->event, jv_get_str(run, "event"));
	take(&h->conclusion, jv_get_str(run, "conclusion"));
	take(&h->repo, jv_get_str(jv_get(run, "repository"), "full_name"));
	if (!h->pr && jv_len(prs))
		h->pr = num(jv_get(jv_at(prs, 0), "number"));
}

/* check_run / check_suite: the run behind the suite. */
static int from_suite(struct heal_ctx *h, long long suite)
{
	struct buf p = BUF_INIT(512);
	struct jv *out = NULL;
	int rc;

	buf_printf(&p, "/repos/{repo}/actions/runs?check_suite_id=%lld", suite);
	if (!(rc = gh_call(h->gh, "GET", p.ptr, NULL, &out, NULL, NULL, NULL))) {
		const struct jv *run = jv_at(jv_get(out, "workflow_runs"), 0);

		if (!run)
			rc = err_setc(ERR_NOTFOUND, "check suite %lld has no workflow run", suite);
		else
			from_run(h, run);
	}
	jv_free(out);
	buf_release(&p);
	return rc;
}

/* Reads the payload; returns the check suite id to resolve, or 0. */
static int read_event(struct heal_ctx *h, const char *path, long long *suite)
{
	struct jv *ev = NULL;
	const struct jv *o;
	int rc;

	*suite = 0;
	if ((rc = jv_parse_file(&ev, path, HEAL_EVENT_MAX)))
		return err_wrap("event payload");
	take(&h->repo, jv_get_str(jv_get(ev, "repository"), "full_name"));
	if ((o = jv_get(ev, "workflow_run"))) {
		from_run(h, o);
	} else if ((o = jv_get(ev, "workflow_job"))) {
		h->run_id = num(jv_get(o, "run_id"));
		if (!h->attempt)
			h->attempt = (long)num(jv_get(o, "run_attempt"));
		take(&h->sha, jv_get_str(o, "head_sha"));
		take(&h->branch, jv_get_str(o, "head_branch"));
	} else if ((o = jv_get(ev, "check_run"))) {
		take(&h->sha, jv_get_str(o, "head_sha"));
		*suite = num(jv_get(jv_get(o, "check_suite"), "id"));
	} else if ((o = jv_get(ev, "check_suite"))) {
		take(&h->sha, jv_get_str(o, "head_sha"));
		take(&h->branch, jv_get_str(o, "head_branch"));
		*suite = num(jv_get(o, "id"));
	}
	jv_free(ev);
	return 0;
}

/* --run, the event, or the current run ($GITHUB_RUN_ID). */
static int locate_run(struct heal_ctx *h, long long *suite)
{
	struct opt_set *o = h->rt->opts;
	const char *run = opt_str(o, "run"), *ev = opt_str(o, "event"), *env;
	char *end = NULL;
	int rc;

	*suite = 0;
	h->attempt = opt_int(o, "attempt", 0);
	if (h->attempt < 0)
		return err_setc(ERR_USAGE, "--attempt: must be 1 or more");
	if (run && *run) {
		h->run_id = strtoll(run, &end, 10);
		if (*end || h->run_id <= 0)
			return err_setc(ERR_USAGE, "--run: '%s' is not a run id", run);
	}
	if (!ev || !*ev)
		ev = getenv("GITHUB_EVENT_PATH");
	if (!h->run_id && ev && *ev && (rc = read_event(h, ev, suite)))
		return rc;
	if (!h->run_id && !*suite && (env = getenv("GITHUB_RUN_ID")) && *env) {
		h->run_id = strtoll(env, NULL, 10);
		if (!h->attempt && (env = getenv("GITHUB_RUN_ATTEMPT")))
			h->attempt = strtol(env, NULL, 10);
	}
	if (!h->run_id && !*suite)
		return err_setc(ERR_USAGE, "nothing to triage: give --log FILE|DIR|ZIP, --run ID, "
				"or run in a workflow with an event payload");
	return 0;
}

static int is_failed(const char *c)
{
	return c && (!strcmp(c, "failure") || !strcmp(c, "timed_out") ||
		     !strcmp(c, "startup_failure"));
}

/* A job still running (the current job, under `if: failure()`) counts
 * when one of its steps failed already. */
static int has_failed_step(const struct jv *job)
{
	const struct jv *steps = jv_get(job, "steps");
	size_t k;

	for (k = 0; k < jv_len(steps); k++)
		if (is_failed(jv_get_str(jv_at(steps, k), "conclusion")))
			return 1;
	return 0;
}

/* Jobs of the attempt that failed (all pages), with their failed steps. */
static int load_jobs(struct heal_ctx *h)
{
	struct jv *jobs = NULL;
	size_t i, k;
	int rc;

	if ((rc = gh_run_jobs(h->gh, h->run_id, h->attempt, &jobs)))
		return err_wrap("listing the jobs of run %lld", h->run_id);
	log_info("run %lld attempt %ld: %zu jobs", h->run_id, h->attempt, jv_len(jobs));
	for (i = 0; !rc && i < jv_len(jobs); i++) {
		const struct jv *jo = jv_at(jobs, i), *steps = jv_get(jo, "steps");
		struct heal_job *j;

		if (!is_failed(jv_get_str(jo, "conclusion")) &&
		    !(!jv_get_str(jo, "conclusion") && has_failed_step(jo)))
			continue;
		if (!(j = heal_job_add(h, jv_get_str(jo, "name")))) {
			rc = err_code();
			break;
		}
		j->id = num(jv_get(jo, "id"));
		j->conclusion = dup_str(jv_get_str(jo, "conclusion"));
		j->url = dup_str(jv_get_str(jo, "html_url"));
		j->failed_steps = jv_new_arr();
		for (k = 0; k < jv_len(steps); k++) {
			const struct jv *s = jv_at(steps, k);
			struct jv *fs;

			if (!is_failed(jv_get_str(s, "conclusion")))
				continue;
			fs = jv_new_obj();
			jv_set_int(fs, "number", num(jv_get(s, "number")));
			jv_set_str(fs, "name", jv_get_str(s, "name"));
			jv_push(j->failed_steps, fs);
		}
	}
	jv_free(jobs);
	return rc;
}

/* The job name as the run-logs zip spells it: '/' and ':' removed,
 * cut to 90 characters, trimmed. */
static struct jv *zip_job_name(const char *name)
{
	char out[512];
	size_t n = 0, chars = 0;

	for (; *name && n < sizeof(out) - 1; name++) {
		if (*name == '/' || *name == ':')
			continue;
		if (((unsigned char)*name & 0xC0) != 0x80 && ++chars > 90)
			break;
		out[n++] = *name;
	}
	while (n && out[n - 1] == ' ')
		n--;
	return jv_new_strn(out, n);
}

static int tmp_file(char *out, size_t sz, const char *what)
{
	const char *t = getenv("RUNNER_TEMP");
	int fd;

	if (!t || !*t)
		t = getenv("TMPDIR");
	snprintf(out, sz, "%s/ship-heal-%s-XXXXXX", t && *t ? t : "/tmp", what);
	if ((fd = mkstemp(out)) < 0)
		return err_set("creating a temporary file in %s: cannot", t && *t ? t : "/tmp");
	close(fd);
	return 0;
}

static int job_log(struct heal_ctx *h, struct heal_job *j)
{
	char path[512], name[128];
	int rc, fd;

	if ((rc = tmp_file(path, sizeof(path), "job")))
		return rc;
	rc = gh_job_log(h->gh, j->id, path);
	if (rc == ERR_NOTFOUND) {
		log_warn("job %lld (%s): no log yet", j->id, j->name);
		unlink(path);
		return 0;
	}
	snprintf(name, sizeof(name), "job %lld log", j->id);
	fd = rc ? -1 : open(path, O_RDONLY | O_CLOEXEC);
	if (!rc && fd < 0)
		rc = err_set("%s: %s", path, strerror(errno));
	if (!rc)
		rc = heal_job_feed_fd(h, j, fd, name, NULL);  /* streamed */
	if (fd >= 0)
		close(fd);
	if (!rc)
		j->source = "job log endpoint";
	unlink(path);
	return rc;
}

/* The run-logs zip of the attempt; each failed job missing from it
 * (no step files and no job file) from the job-logs endpoint. */
static int load_logs(struct heal_ctx *h)
{
	struct jv *want = jv_new_arr(), *missing = NULL;
	char zpath[512];
	size_t i, k;
	int rc;

	if (!h->njobs) {
		jv_free(want);
		return 0;
	}
	for (i = 0; i < h->njobs; i++)
		jv_push(want, zip_job_name(h->jobs[i].name));
	/* Jobs are looked up by name: the zip names match the normalised ones. */
	for (i = 0; i < h->njobs; i++)
		if (!(h->jobs[i].zname = strdup(jv_str(jv_at(want, i))))) {
			rc = err_set("out of memory");
			goto done;
		}
	if ((rc = tmp_file(zpath, sizeof(zpath), "logs")))
		goto done;
	rc = gh_run_logs_zip(h->gh, h->run_id, h->attempt, zpath);
	if (!rc)
		rc = heal_zip_read(h, zpath, want, &missing);
	unlink(zpath);
	if (rc == ERR_NOTFOUND || rc == ERR_INVALID || rc == ERR_TOOBIG) {
		/* No archive (yet), or a damaged one: each job's own log. */
		log_warn("run %lld: run-logs archive unusable (%s); reading each job's log",
			 h->run_id, err_last());
		jv_free(missing);
		missing = NULL;
		rc = 0;
	}
	if (rc)
		goto done;
	for (i = 0; !rc && i < h->njobs; i++) {
		int miss = !missing && !h->jobs[i].entries.n && !jv_len(h->jobs[i].excerpts);

		for (k = 0; missing && k < jv_len(missing); k++)
			miss |= !strcmp(jv_str(jv_at(missing, k)), h->jobs[i].zname);
		if (miss) {
			log_info("job %s: not in the run-logs zip, reading the job log", h->jobs[i].name);
			rc = job_log(h, &h->jobs[i]);
		}
	}
done:
	jv_free(want);
	jv_free(missing);
	return rc;
}

static void load_changed(struct heal_ctx *h)
{
	struct buf p = BUF_INIT(512);
	struct jv *out = NULL;
	const struct jv *files;
	size_t i;

	if (!h->sha)
		return;
	buf_puts(&p, "/repos/{repo}/commits/");
	http_escape(&p, h->sha, "/");
	if (gh_call(h->gh, "GET", p.ptr, NULL, &out, NULL, NULL, NULL)) {
		log_debug("changed files of %s: %s", h->sha, err_last());
	} else {
		files = jv_get(out, "files");
		h->changed = jv_new_arr();
		for (i = 0; i < jv_len(files) && i < 300; i++)
			jv_push(h->changed, jv_new_str(jv_get_str(jv_at(files, i), "filename")));
	}
	jv_free(out);
	buf_release(&p);
}

static int open_gh(struct heal_ctx *h)
{
	struct http_opts ho;
	struct gh_opts go;

	memset(&ho, 0, sizeof(ho));
	memset(&go, 0, sizeof(go));
	ho.ca_file = h->rt->ca_file;
	ho.retries = -1;
	go.http = &ho;
	go.token_file = opt_str(h->rt->opts, "token-file");
	go.repo = opt_str(h->rt->opts, "repo");
	if (go.repo && !*go.repo)
		go.repo = NULL;
	if (!go.repo)
		go.repo = h->repo;
	go.need_token = 1;
	return gh_new(&h->gh, &go);
}

int heal_input_github(struct heal_ctx *h)
{
	struct jv *run = NULL;
	long long suite;
	int rc;

	if ((rc = locate_run(h, &suite)) || (rc = open_gh(h)))
		return rc;
	if (!h->repo && h->gh->repo)
		h->repo = strdup(h->gh->repo);
	if (!h->gh->repo)
		return err_setc(ERR_USAGE, "which repository? give --repo OWNER/NAME or set "
				"GITHUB_REPOSITORY");
	if (suite && (rc = from_suite(h, suite)))
		return err_wrap("finding the run of check suite %lld", suite);
	if ((rc = gh_run_get(h->gh, h->run_id, &run)))
		return err_wrap("reading run %lld", h->run_id);
	from_run(h, run);
	jv_free(run);
	if (h->attempt <= 0)
		h->attempt = 1;
	if ((rc = heal_dedupe_check(h)) || h->duplicate)
		return rc;
	if ((rc = load_jobs(h)) || (rc = load_logs(h)))
		return rc;
	load_changed(h);
	return 0;
}

/* 1 when the branch head is still the run's SHA, 0 when it moved on. */
static int head_current(struct heal_ctx *h, int *cur)
{
	struct buf p = BUF_INIT(1024);
	struct jv *out = NULL;
	const char *sha;
	int rc;

	*cur = 0;
	if (!h->branch || !h->sha)
		return 0;
	buf_puts(&p, "/repos/{repo}/branches/");
	http_escape(&p, h->branch, "/");
	rc = gh_call(h->gh, "GET", p.ptr, NULL, &out, NULL, NULL, NULL);
	if (rc == ERR_NOTFOUND) {
		log_info("branch %s is gone: not re-running", h->branch);
		rc = 0;
	} else if (!rc) {
		sha = jv_get_str(jv_get(out, "commit"), "sha");
		*cur = sha && !strcmp(sha, h->sha);
		if (!*cur)
			log_info("branch %s moved on to %s (the run is for %s)", h->branch,
				 sha ? sha : "?", h->sha);
	}
	jv_free(out);
	buf_release(&p);
	return rc;
}

int heal_rerun(struct heal_ctx *h)
{
	char target[256];
	int cur, rc;

	if ((rc = head_current(h, &cur)))
		return err_wrap("checking the head of %s", h->branch);
	h->head_current = cur;
	if (!cur)
		return 1; /* the caller decides again */
	snprintf(target, sizeof(target), "%s run %lld attempt %ld", h->repo, h->run_id, h->attempt);
	if (h->dry) {
		heal_action(h, "dry run: would re-run the failed jobs of %s", target);
		h->acted = 1;
		return 0;
	}
	rc = gh_rerun(h->gh, GH_RERUN_FAILED, h->run_id, h->run_id, 0);
	state_audit(h->rt->state, "heal", "run.rerun-failed-jobs", target, rc ? "error" : "ok");
	if (rc)
		return err_wrap("re-running the failed jobs of run %lld", h->run_id);
	heal_action(h, "re-ran the failed jobs of %s", target);
	h->acted = 1;
	return 0;
}

/* Creates (id 0) or updates the triage comment on the run's pull
 * request, or on its head commit when it has none. */
static int comment_put(struct heal_ctx *h, long long id, const char *text)
{
	if (h->pr)
		return id ? gh_comment_update(h->gh, id, text, NULL)
		          : gh_comment_create(h->gh, h->pr, text, NULL);
	return id ? gh_commit_comment_update(h->gh, id, text, NULL)
	          : gh_commit_comment_create(h->gh, h->sha, text, NULL);
}

/* One comment per run on its pull request (a push has none: then on the
 * head commit): found by its marker and updated in place, created only
 * when there is none. */
int heal_comment(struct heal_ctx *h, const char *body)
{
	struct buf mark = BUF_INIT(1024), text = BUF_INIT(1u << 20);
	struct jv *list = NULL;
	long long id = 0;
	char target[128];
	size_t i;
	int rc;

	if (!h->gh || (!h->pr && !h->sha)) {
		log_info("--comment: no pull request or commit for this run; no comment");
		return 0;
	}
	buf_printf(&mark, "%s run=\"%lld\" -->", HEAL_COMMENT_MARK, h->run_id);
	buf_printf(&text, "%s\n%s", mark.ptr, body);
	if (h->pr)
		snprintf(target, sizeof(target), "%s#%lld", h->repo ? h->repo : "?", h->pr);
	else
		snprintf(target, sizeof(target), "%s@%.12s", h->repo ? h->repo : "?", h->sha);
	if (buf_failed(&text)) {
		rc = err_set("comment too large");
		goto done;
	}
	rc = h->pr ? gh_comments_list(h->gh, h->pr, &list)
	           : gh_commit_comments_list(h->gh, h->sha, &list);
	if (rc)
		goto done;
	for (i = 0; i < jv_len(list) && !id; i++) {
		const char *b = jv_get_str(jv_at(list, i), "body");

		if (b && !strncmp(b, mark.ptr, mark.len))
			id = num(jv_get(jv_at(list, i), "id"));
	}
	if (h->dry) {
		heal_action(h, "dry run: would %s the triage comment on %s", id ? "update" : "create",
			    target);
		goto done;
	}
	rc = comment_put(h, id, text.ptr);
	state_audit(h->rt->state, "heal", id ? "comment.update" : "comment.create", target,
		    rc ? "error" : "ok");
	if (!rc) {
		heal_action(h, "%s the triage comment on %s", id ? "updated" : "created", target);
		h->acted = 1;
	}
done:
	if (rc)
		err_wrap("--comment on %s", target);
	if (rc && !h->pr) {
		/* the commit is a fallback the user did not name: a token
		 * without contents: write (403) must not fail the triage */
		log_warn("%s (commit comments need contents: write); no comment", err_last());
		heal_action(h, "could not comment on %s: %s", target, err_last());
		rc = 0;
	}
	jv_free(list);
	buf_release(&mark);
	buf_release(&text);
	return rc;
}
