/* gh_cmd.c - `ship gh CALL ...`: one GitHub client call from the command line. */
/*
 * Calls (JSON on stdout):
 *   api PATH            GET (or --method, --data-file JSON) one API path;
 *                       --all [--key K] follows Link pages
 *   run ID | jobs RUN [--attempt N] | job-log JOB -o F | run-logs RUN -o F
 *   rerun RUN | rerun-failed RUN | rerun-job JOB --run RUN
 *   compare BASE HEAD | checks SHA | status SHA
 *   release TAG | releases | release-create --data-file F
 *   release-update ID --data-file F | release-delete ID
 *   assets RELEASE_ID | upload TAG FILE [--name N] [--label L] [--replace]
 *   asset-delete ID | ref-create REF SHA
 *   comment ISSUE --data-file TEXT | comments ISSUE
 *   artifact-upload NAME ZIP | artifact-list [NAME] | artifact-download NAME -o F
 *                       (artifact service v4: ACTIONS_RUNTIME_TOKEN, ACTIONS_RESULTS_URL)
 * Token from GITHUB_TOKEN/GH_TOKEN or --token-file, never a flag.
 */
#include "gh/commands.h"
#include "rt/run.h"
#include "gh/artifact.h"
#include "gh/gh.h"
#include "core/err.h"
#include "core/exitcode.h"
#include "core/fs.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct opt_spec gh_cmd_opts[] = {
	{ "repo", 0, OPT_STR, "OWNER/NAME", NULL, "repository (default: $GITHUB_REPOSITORY)" },
	{ "token-file", 0, OPT_STR, "FILE", NULL, "read the token from FILE (default: $GITHUB_TOKEN, $GH_TOKEN)" },
	{ "method", 'X', OPT_STR, "METHOD", "GET", "api: request method" },
	{ "data-file", 0, OPT_STR, "FILE", NULL, "JSON request body (comment: the text)" },
	{ "all", 0, OPT_FLAG, NULL, NULL, "api: follow Link pages and concatenate" },
	{ "key", 0, OPT_STR, "NAME", NULL, "api --all: the array inside each page" },
	{ "output", 'o', OPT_STR, "FILE", NULL, "job-log, run-logs: where to write" },
	{ "attempt", 0, OPT_INT, "N", "0", "jobs, run-logs: one attempt (0: all / latest)" },
	{ "run", 0, OPT_STR, "ID", NULL, "rerun-job: the run of the job" },
	{ "name", 0, OPT_STR, "NAME", NULL, "upload: asset name (default: the file's base name)" },
	{ "label", 0, OPT_STR, "TEXT", NULL, "upload: asset label" },
	{ "content-type", 0, OPT_STR, "TYPE", NULL, "upload: media type" },
	{ "replace", 0, OPT_FLAG, NULL, NULL, "upload: replace an asset of the same name" },
	{ "retries", 0, OPT_INT, "N", "4", "HTTP retries" },
	{ "backoff-ms", 0, OPT_INT, "MS", "500", "first backoff step" },
	{ "deadline", 0, OPT_INT, "SECONDS", NULL, "overall deadline" },
	OPT_END
};

static long long gh_cmd_id(const char *s)
{
	char *end;
	long long v = s ? strtoll(s, &end, 10) : -1;

	return s && *s && !*end && v > 0 ? v : -1;
}

static int gh_cmd_body(const struct opt_set *set, struct jv **out)
{
	const char *f = opt_str(set, "data-file");

	*out = NULL;
	if (!f)
		return err_setc(ERR_USAGE, "--data-file is required");
	return jv_parse_file(out, f, 16u << 20);
}

static int gh_cmd_text(const struct opt_set *set, char **out)
{
	struct buf b = BUF_INIT(1u << 20);
	const char *f = opt_str(set, "data-file");
	int rc;

	*out = NULL;
	if (!f)
		return err_setc(ERR_USAGE, "--data-file is required");
	if ((rc = fs_read(&b, f)) < 0) {
		buf_release(&b);
		return rc;
	}
	*out = buf_detach(&b);
	return *out ? 0 : err_set("out of memory");
}

static int gh_cmd_api(struct gh *g, const struct opt_set *set, const char *path, struct jv **out)
{
	struct jv *body = NULL;
	int rc;

	if (opt_flag(set, "all"))
		return gh_get_all(g, path, opt_str(set, "key"), out);
	if (opt_str(set, "data-file") && (rc = gh_cmd_body(set, &body)) < 0)
		return rc;
	rc = gh_call(g, opt_str(set, "method"), path, body, out, NULL, NULL, NULL);
	jv_free(body);
	return rc;
}

static int gh_cmd_upload(struct gh *g, const struct opt_set *set, const char *tag,
			 const char *file, struct jv **out)
{
	struct jv *rel = NULL;
	const char *name = opt_str(set, "name"), *base = strrchr(file, '/');
	int rc;

	if ((rc = gh_release_find(g, tag, &rel)) < 0)
		return rc;
	rc = gh_asset_upload(g, rel, name ? name : base ? base + 1 : file, opt_str(set, "label"),
			     file, opt_str(set, "content-type"), opt_flag(set, "replace"), out);
	jv_free(rel);
	return rc;
}

/* Artifact service v4 calls. */
static int gh_cmd_artifact(struct gh *g, const struct opt_set *set, struct jv **out)
{
	const char *c = set->rest[0], *a = set->nrest > 1 ? set->rest[1] : NULL;
	const char *b = set->nrest > 2 ? set->rest[2] : NULL;
	struct artifact_svc *s = NULL;
	long long id = 0;
	int rc;

	if ((rc = artifact_open(&s, g->http)) < 0)
		return rc;
	if (!strcmp(c, "artifact-list")) {
		rc = artifact_list(s, a, out);
	} else if (!strcmp(c, "artifact-upload")) {
		rc = a && b ? artifact_upload(s, a, b, 0, &id) :
		     err_setc(ERR_USAGE, "gh artifact-upload: NAME ZIP required");
		if (rc == 0 && (*out = jv_new_obj()))
			jv_set_int(*out, "id", id);
	} else {
		rc = a && opt_str(set, "output") ? artifact_download(s, a, opt_str(set, "output")) :
		     err_setc(ERR_USAGE, "gh artifact-download: NAME and --output required");
	}
	artifact_close(s);
	return rc;
}

/* Dispatches one call; *out is what to print (may stay NULL). */
static int gh_cmd_call(struct gh *g, const struct opt_set *set, struct jv **out)
{
	const char *c = set->rest[0], *a = set->nrest > 1 ? set->rest[1] : NULL;
	const char *b = set->nrest > 2 ? set->rest[2] : NULL, *o = opt_str(set, "output");
	long long id = gh_cmd_id(a);
	long att = opt_int(set, "attempt", 0);
	struct jv *body = NULL;
	char *text = NULL;
	int rc;

#define NEED(cond, what) if (!(cond)) return err_setc(ERR_USAGE, "gh %s: %s", c, what)
	if (!strcmp(c, "api")) { NEED(a, "PATH required"); return gh_cmd_api(g, set, a, out); }
	if (!strncmp(c, "artifact-", 9)) return gh_cmd_artifact(g, set, out);
	if (!strcmp(c, "releases")) return gh_release_list(g, out);
	if (!strcmp(c, "release")) { NEED(a, "TAG required"); return gh_release_find(g, a, out); }
	if (!strcmp(c, "compare")) { NEED(a && b, "BASE HEAD required"); return gh_compare(g, a, b, out); }
	if (!strcmp(c, "checks")) { NEED(a, "SHA required"); return gh_check_runs(g, a, out); }
	if (!strcmp(c, "status")) { NEED(a, "SHA required"); return gh_combined_status(g, a, out); }
	if (!strcmp(c, "ref-create")) { NEED(a && b, "REF SHA required"); return gh_ref_create(g, a, b, out); }
	if (!strcmp(c, "upload")) { NEED(a && b, "TAG FILE required"); return gh_cmd_upload(g, set, a, b, out); }
	if (!strcmp(c, "release-create")) {
		if ((rc = gh_cmd_body(set, &body)) == 0)
			rc = gh_release_create(g, body, out);
		jv_free(body);
		return rc;
	}
	NEED(id > 0, "a numeric ID is required");
	if (!strcmp(c, "run")) return gh_run_get(g, id, out);
	if (!strcmp(c, "jobs")) return gh_run_jobs(g, id, att, out);
	if (!strcmp(c, "job-log")) { NEED(o, "--output required"); return gh_job_log(g, id, o); }
	if (!strcmp(c, "run-logs")) { NEED(o, "--output required"); return gh_run_logs_zip(g, id, att, o); }
	if (!strcmp(c, "rerun")) return gh_rerun(g, GH_RERUN_RUN, id, id, 0);
	if (!strcmp(c, "rerun-failed")) return gh_rerun(g, GH_RERUN_FAILED, id, id, 0);
	if (!strcmp(c, "rerun-job")) {
		NEED(gh_cmd_id(opt_str(set, "run")) > 0, "--run RUN required");
		return gh_rerun(g, GH_RERUN_JOB, id, gh_cmd_id(opt_str(set, "run")), 0);
	}
	if (!strcmp(c, "release-delete")) return gh_release_delete(g, id);
	if (!strcmp(c, "assets")) return gh_asset_list(g, id, out);
	if (!strcmp(c, "asset-delete")) return gh_asset_delete(g, id);
	if (!strcmp(c, "comments")) return gh_comments_list(g, id, out);
	if (!strcmp(c, "release-update")) {
		if ((rc = gh_cmd_body(set, &body)) == 0)
			rc = gh_release_update(g, id, body, out);
		jv_free(body);
		return rc;
	}
	if (!strcmp(c, "comment")) {
		if ((rc = gh_cmd_text(set, &text)) == 0)
			rc = gh_comment_create(g, id, text, out);
		free(text);
		return rc;
	}
#undef NEED
	return err_setc(ERR_USAGE, "gh: unknown call \"%s\" (see ship gh --help)", c);
}

static int gh_cmd_main(const struct opt_set *set)
{
	struct http_opts ho = { 0 };
	struct gh_opts go = { 0 };
	struct gh *g = NULL;
	struct jv *out = NULL;
	struct buf b = BUF_INIT(256u << 20);
	int rc;

	if (set->nrest < 1) {
		log_error("usage: ship gh CALL [ARGS] (see ship gh --help)");
		return EXIT_USAGE;
	}
	ho.ca_file = opt_str(set, "ca-file");
	ho.retries = (int)opt_int(set, "retries", 4);
	ho.backoff_base_ms = opt_int(set, "backoff-ms", 500);
	go.http = &ho;
	go.repo = opt_str(set, "repo");
	go.token_file = opt_str(set, "token-file");
	rc = gh_new(&g, &go);
	if (rc == 0 && opt_str(set, "deadline"))
		g->deadline_ms = http_now_ms() + opt_int(set, "deadline", 0) * 1000;
	if (rc == 0)
		rc = gh_cmd_call(g, set, &out);
	if (rc == 0 && out && (rc = jv_dump(&b, out, JV_PRETTY)) == 0) {
		buf_putc(&b, '\n');
		fwrite(b.ptr, 1, b.len, stdout);
	}
	fflush(stdout);
	if (rc < 0)
		log_error("%s", err_last());
	jv_free(out);
	buf_release(&b);
	gh_free(g);
	return rc < 0 ? err_exit_code(rc) : EXIT_OK;
}

int gh_cmd_run(struct rt_ctx *ctx)
{
	int code = gh_cmd_main(ctx->opts);

	ctx->result->raw = 1;
	if (code == EXIT_OK)
		return 0;
	return code == EXIT_SERVICE ? ERR_SERVICE : code == EXIT_DEADLINE ? ERR_TIMEOUT : ERR_INVALID;
}
