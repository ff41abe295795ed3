/* deploy_ghdeploy.c - --github-deployment ENV: a GitHub deployment with in_progress/success/failure statuses. */
#include "deploy/deploy_int.h"
#include "gh/gh.h"
#include "core/err.h"
#include "core/log.h"
#include "rt/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The run's page, for log_url, when running in Actions. */
static void run_url(char *out, size_t n)
{
	const char *srv = getenv("GITHUB_SERVER_URL"), *repo = getenv("GITHUB_REPOSITORY"),
		   *run = getenv("GITHUB_RUN_ID");

	out[0] = '\0';
	if (srv && repo && run)
		snprintf(out, n, "%s/%s/actions/runs/%s", srv, repo, run);
}

static int post_status(struct deploy_job *job, const char *state, const char *desc)
{
	const char *url = opt_str(job->ctx->opts, "environment-url");
	struct jv *f = jv_new_obj(), *out = NULL;
	char log_url[1024];
	int rc;

	jv_set_str(f, "state", state);
	jv_set(f, "description", jv_new_str_lossy(desc, strlen(desc) > 140 ? 140 : strlen(desc)));
	if (url && *url)
		jv_set_str(f, "environment_url", url);
	run_url(log_url, sizeof(log_url));
	if (*log_url)
		jv_set_str(f, "log_url", log_url);
	rc = gh_deployment_status(job->gh, job->gh_deployment, f, &out);
	if (rc)
		log_warn("GitHub deployment status %s: %s", state, err_last());
	jv_free(f);
	jv_free(out);
	return rc;
}

void deploy_github_start(struct deploy_job *job)
{
	const char *env = opt_str(job->ctx->opts, "github-deployment");
	const char *ref = getenv("GITHUB_SHA");
	struct gh_opts go;
	struct jv *f, *out = NULL;
	long long id = 0;

	if (!env || !*env)
		return;
	if (!ref || !*ref)
		ref = job->revision;
	memset(&go, 0, sizeof(go));
	go.need_token = 1;
	go.repo = NULL;
	if (!ref) {
		log_warn("--github-deployment: no ref (GITHUB_SHA, --revision or publish state): skipped");
		return;
	}
	if (gh_new(&job->gh, &go)) {
		log_warn("--github-deployment: %s", err_last());
		return;
	}
	job->gh->deadline_ms = job->deadline_ms;
	f = jv_new_obj();
	jv_set_str(f, "ref", ref);
	jv_set_str(f, "environment", env);
	jv_set_bool(f, "auto_merge", 0);
	jv_set(f, "required_contexts", jv_new_arr());
	jv_set_str(f, "description", "ship deploy-watch");
	if (gh_deployment_create(job->gh, f, &out) || jv_int(jv_get(out, "id"), &id) || id <= 0) {
		log_warn("--github-deployment: creating the deployment: %s", err_last());
	} else {
		job->gh_deployment = id;
		state_audit(job->ctx->state, "deploy", "github.deployment", env, "ok");
		rt_result_changed(job->ctx->result, 1);
		post_status(job, "in_progress", "watching the rollout");
	}
	jv_free(f);
	jv_free(out);
}

void deploy_github_finish(struct deploy_job *job, const char *verdict)
{
	const char *state = !strcmp(verdict, "done") ? "success" :
			    (!strcmp(verdict, "failed") || !strcmp(verdict, "stuck")) ? "failure" : "error";
	char desc[160];

	if (job->gh && job->gh_deployment) {
		/* The watch deadline may have passed: give the status its own. */
		job->gh->deadline_ms = 0;
		snprintf(desc, sizeof(desc), "deploy-watch: %s", verdict);
		post_status(job, state, desc);
	}
	gh_free(job->gh);
	job->gh = NULL;
}
