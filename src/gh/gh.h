/* gh.h - GitHub REST client: token, API URL, JSON calls, pagination, endpoints. */
#ifndef SHIP_GH_H
#define SHIP_GH_H

#include "core/http.h"
#include "core/jv.h"

/*
 * The token comes from GITHUB_TOKEN, else GH_TOKEN, else a token file;
 * never from a flag. It is registered with log_add_secret() at once and
 * sent only to the API origin (and the uploads host for asset uploads),
 * never to a redirect target or a Link URL on another origin.
 * The API URL comes from GITHUB_API_URL (default https://api.github.com),
 * the repository from GITHUB_REPOSITORY unless given.
 *
 * Errors map to err codes: 404/410 ERR_NOTFOUND; 409 and 422
 * "already_exists" ERR_CONFLICT; other 400/422 ERR_INVALID; 401/403 and
 * 5xx ERR_SERVICE; the message carries GitHub's (sanitised) message.
 */
struct gh {
	struct http_client *http;   /* owned */
	char *api;                  /* base URL without trailing "/" (owned) */
	char *repo;                 /* "owner/name" or NULL (owned) */
	char *auth;                 /* "Bearer <token>" or NULL (owned) */
	long long deadline_ms;      /* absolute http_now_ms() limit; 0: none */
	int max_pages;              /* pagination cap; 0: 100 */
};

struct gh_opts {
	const char *token_file;     /* --token-file, or NULL */
	const char *repo;           /* --repo, or NULL: $GITHUB_REPOSITORY */
	const char *api_url;        /* NULL: $GITHUB_API_URL or the default */
	const struct http_opts *http;
	int need_token;             /* fail with ERR_USAGE when none */
};

/* Creates a client (caller frees with gh_free). */
int gh_new(struct gh **out, const struct gh_opts *o);
void gh_free(struct gh *g);

/*
 * One JSON call. `path` is "/repos/..." (relative to the API, "{repo}"
 * expands to g->repo) or an absolute URL on the API origin. body may be
 * NULL. *out (caller frees; NULL for an empty body) and *status are set
 * when given. Non-idempotent methods are not repeated unless `landed`
 * (may be NULL) says the first attempt did not take effect.
 */
int gh_call(struct gh *g, const char *method, const char *path, const struct jv *body,
	    struct jv **out, long *status, http_landed_fn landed, void *landed_ctx);
/* GET every page (per_page=100, Link rel="next") and concatenate the
 * arrays; `key` names the array in wrapped answers ({"jobs": [...]}) or
 * is NULL for a bare array. *out is a new array (caller frees). */
int gh_get_all(struct gh *g, const char *path, const char *key, struct jv **out);
/* GET to a file (temp + rename). Redirects are followed without the
 * token (logs and artifacts redirect to blob storage). */
int gh_download(struct gh *g, const char *path, const char *out_file);

/* Expands "{repo}" in path and prefixes the API URL when relative.
 * Appends to out. */
int gh_url(struct gh *g, struct buf *out, const char *path);

/* --- endpoints (src/gh/gh_calls.c); *out: new reference, caller frees ---- */
int gh_run_get(struct gh *g, long long run_id, struct jv **out);
/* attempt 0: every attempt (filter=all); else that attempt's jobs. */
int gh_run_jobs(struct gh *g, long long run_id, long attempt, struct jv **out);
int gh_job_log(struct gh *g, long long job_id, const char *out_file);
/* attempt 0: the latest. */
int gh_run_logs_zip(struct gh *g, long long run_id, long attempt, const char *out_file);
enum gh_rerun { GH_RERUN_FAILED, GH_RERUN_JOB, GH_RERUN_RUN };
/* Re-runs; for GH_RERUN_JOB id is a job id, else a run id. Checks
 * before any repeat whether the run's attempt already moved on. */
int gh_rerun(struct gh *g, enum gh_rerun what, long long id, long long run_id, int debug);
int gh_compare(struct gh *g, const char *base, const char *head, struct jv **out);
int gh_check_runs(struct gh *g, const char *sha, struct jv **out);
int gh_combined_status(struct gh *g, const char *sha, struct jv **out);

/* Releases. By tag including drafts (the tag endpoint hides drafts):
 * ERR_NOTFOUND when there is none. */
int gh_release_find(struct gh *g, const char *tag, struct jv **out);
int gh_release_list(struct gh *g, struct jv **out);
/* Creates (body: tag_name, name, body, draft, prerelease...). When the
 * POST fails ambiguously, looks the tag up before trying again. */
int gh_release_create(struct gh *g, const struct jv *fields, struct jv **out);
int gh_release_update(struct gh *g, long long id, const struct jv *fields, struct jv **out);
int gh_release_delete(struct gh *g, long long id);
int gh_asset_list(struct gh *g, long long release_id, struct jv **out);
/* Uploads a file to the release's upload_url (the uploads host). A name
 * that exists already gives ERR_CONFLICT unless `replace`, in which case
 * the old asset is deleted first. */
int gh_asset_upload(struct gh *g, const struct jv *release, const char *name,
		    const char *label, const char *file, const char *content_type,
		    int replace, struct jv **out);
int gh_asset_delete(struct gh *g, long long asset_id);
/* POST /git/refs; ERR_CONFLICT when the ref exists (any sha). */
int gh_ref_create(struct gh *g, const char *ref, const char *sha, struct jv **out);
/* POST /git/tags: an annotated tag object named `tag` on commit sha with
 * message and tagger (name, email, now); creates no ref. *out (the tag
 * object, its "sha", checked to be a hex object id) is the caller's to
 * jv_free(). Not repeated on an unclear answer: a second call makes a
 * second object. */
int gh_tag_object_create(struct gh *g, const char *tag, const char *sha, const char *message,
			 const char *tagger_name, const char *tagger_email, struct jv **out);
int gh_deployment_create(struct gh *g, const struct jv *fields, struct jv **out);
int gh_deployment_status(struct gh *g, long long deployment_id, const struct jv *fields,
			 struct jv **out);
int gh_comment_create(struct gh *g, long long issue, const char *body, struct jv **out);
int gh_comment_update(struct gh *g, long long comment_id, const char *body, struct jv **out);
int gh_comments_list(struct gh *g, long long issue, struct jv **out);
/* Comments on a commit (for runs without a pull request): list all pages,
 * create on the commit, update by id. */
int gh_commit_comments_list(struct gh *g, const char *sha, struct jv **out);
int gh_commit_comment_create(struct gh *g, const char *sha, const char *body,
                             struct jv **out);
int gh_commit_comment_update(struct gh *g, long long comment_id, const char *body,
                             struct jv **out);

#endif
