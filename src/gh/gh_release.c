/* gh_release.c - GitHub releases, assets, refs, deployments and comments. */
#include "gh/gh.h"
#include "gh/gh_int.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int gh_escape(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~", c))
			buf_putc(b, (char)c);
		else
			buf_printf(b, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
	return buf_failed(b) ? err_setc(ERR_TOOBIG, "URL too long") : 0;
}

/* Landed callback for requests that are safe to send again (PATCH of the
 * same fields): always "repeat". */
static int gh_repeat(void *ctx, const struct http_resp *last)
{
	(void)ctx; (void)last;
	return 0;
}

int gh_release_list(struct gh *g, struct jv **out)
{
	return gh_get_all(g, "/repos/{repo}/releases", NULL, out);
}

/* The tag endpoint does not show drafts: scan the list for those. */
int gh_release_find(struct gh *g, const char *tag, struct jv **out)
{
	struct buf p = BUF_INIT(1024);
	struct jv *all = NULL;
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = gh_check_ref("tag", tag)) < 0)
		return rc;
	rc = gh_path(&p, "/repos/{repo}/releases/tags/%s", tag);
	if (rc == 0)
		rc = gh_call(g, "GET", p.ptr, NULL, out, NULL, NULL, NULL);
	buf_release(&p);
	if (rc != ERR_NOTFOUND)
		return rc;
	if ((rc = gh_release_list(g, &all)) < 0)
		return rc;
	for (i = 0; i < jv_len(all); i++) {
		const char *t = jv_get_str(jv_at(all, i), "tag_name");
		if (t && !strcmp(t, tag)) {
			*out = jv_ref(jv_at(all, i));
			break;
		}
	}
	jv_free(all);
	return *out ? 0 : err_setc(ERR_NOTFOUND, "no release for tag %s (drafts included)", tag);
}

struct gh_found {
	struct gh *g;
	const char *key;      /* tag or asset name */
	long long id;         /* release id for assets */
	struct jv *found;     /* what the check found (owned) */
};

static int gh_release_landed(void *ctx, const struct http_resp *last)
{
	struct gh_found *f = ctx;
	int rc;

	(void)last;
	rc = gh_release_find(f->g, f->key, &f->found);
	if (rc == ERR_NOTFOUND)
		return 0;
	if (rc == 0)
		log_info("gh: the release for %s exists already: not created twice", f->key);
	return rc < 0 ? rc : 1;
}

int gh_release_create(struct gh *g, const struct jv *fields, struct jv **out)
{
	struct gh_found f = { g, jv_get_str(fields, "tag_name"), 0, NULL };
	int rc;

	*out = NULL;
	if (!f.key)
		return err_setc(ERR_INVALID, "release: tag_name missing");
	rc = gh_call(g, "POST", "/repos/{repo}/releases", fields, out, NULL, gh_release_landed, &f);
	if (f.found) {          /* the first attempt landed: that one stands */
		jv_free(*out);
		*out = f.found;
		return 0;
	}
	return rc;
}

int gh_release_update(struct gh *g, long long id, const struct jv *fields, struct jv **out)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_path(&p, "/repos/{repo}/releases/%lld", id);

	if (rc == 0)
		rc = gh_call(g, "PATCH", p.ptr, fields, out, NULL, gh_repeat, NULL);
	buf_release(&p);
	return rc;
}

/* Deletes are idempotent: a 404 (gone already, perhaps by a first
 * attempt whose answer was lost) counts as done. */
static int gh_delete(struct gh *g, const char *path)
{
	int rc = gh_call(g, "DELETE", path, NULL, NULL, NULL, NULL, NULL);
	return rc == ERR_NOTFOUND ? 0 : rc;
}

int gh_release_delete(struct gh *g, long long id)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_path(&p, "/repos/{repo}/releases/%lld", id);

	if (rc == 0)
		rc = gh_delete(g, p.ptr);
	buf_release(&p);
	return rc;
}

int gh_asset_list(struct gh *g, long long release_id, struct jv **out)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_path(&p, "/repos/{repo}/releases/%lld/assets", release_id);

	if (rc == 0)
		rc = gh_get_all(g, p.ptr, NULL, out);
	buf_release(&p);
	return rc;
}

int gh_asset_delete(struct gh *g, long long asset_id)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_path(&p, "/repos/{repo}/releases/assets/%lld", asset_id);

	if (rc == 0)
		rc = gh_delete(g, p.ptr);
	buf_release(&p);
	return rc;
}

/* The asset called name on the release, or NULL (new reference). */
static int gh_asset_by_name(struct gh *g, long long rel, const char *name, struct jv **out)
{
	struct jv *all = NULL;
	size_t i;
	int rc;

	*out = NULL;
	if ((rc = gh_asset_list(g, rel, &all)) < 0)
		return rc;
	for (i = 0; i < jv_len(all); i++) {
		const char *n = jv_get_str(jv_at(all, i), "name");
		if (n && !strcmp(n, name)) {
			*out = jv_ref(jv_at(all, i));
			break;
		}
	}
	jv_free(all);
	return 0;
}

static int gh_asset_landed(void *ctx, const struct http_resp *last)
{
	struct gh_found *f = ctx;
	struct jv *a = NULL;
	const char *state;
	long long id = 0;
	int rc;

	(void)last;
	if ((rc = gh_asset_by_name(f->g, f->id, f->key, &a)) < 0)
		return rc;
	if (!a)
		return 0;
	state = jv_get_str(a, "state");
	if (state && !strcmp(state, "uploaded")) {
		log_info("gh: asset %s arrived although the upload reported an error", f->key);
		f->found = a;
		return 1;
	}
	/* A half-finished upload ("starter") blocks the name: remove it. */
	jv_int(jv_get(a, "id"), &id);
	jv_free(a);
	if ((rc = gh_asset_delete(f->g, id)) < 0)
		return rc;
	return 0;
}

/* Scheme and host of url as "scheme://host" into out; 0 or -1. */
static int gh_scheme_host(const char *url, char *out, size_t outsz)
{
	const char *h = strstr(url, "://");
	size_t n;

	if (!h)
		return -1;
	n = (size_t)(h - url) + 3 + strcspn(h + 3, ":/?#");
	if (n >= outsz)
		return -1;
	memcpy(out, url, n);
	out[n] = '\0';
	return 0;
}

/* The token goes to an upload URL only when it is on the API origin
 * (GHES: /api/uploads) or on uploads.<domain> next to api.<domain>. */
static int gh_upload_host_ok(const char *api, const char *url)
{
	char a[512], u[512], want[520];
	const char *ah;

	if (http_same_origin(api, url))
		return 1;
	if (gh_scheme_host(api, a, sizeof(a)) < 0 || gh_scheme_host(url, u, sizeof(u)) < 0)
		return 0;
	ah = strstr(a, "://") + 3;
	if (strncmp(ah, "api.", 4))
		return 0;
	snprintf(want, sizeof(want), "%.*suploads.%s", (int)(ah - a), a, ah + 4);
	return !strcmp(want, u);
}

/* upload_url is "https://uploads.github.com/repos/o/r/releases/1/assets{?name,label}". */
static int gh_upload_url(struct gh *g, const struct jv *release, const char *name,
			 const char *label, struct buf *u)
{
	const char *tpl = jv_get_str(release, "upload_url");

	if (!tpl)
		return err_setc(ERR_INVALID, "release without upload_url");
	buf_add(u, tpl, strcspn(tpl, "{"));
	if (!gh_upload_host_ok(g->api, buf_cstr(u)))
		return err_setc(ERR_INVALID, "upload_url %s is not a GitHub upload host for %s",
				http_log_url(buf_cstr(u)), g->api);
	buf_puts(u, "?name=");
	gh_escape(u, name);
	if (label && *label) {
		buf_puts(u, "&label=");
		gh_escape(u, label);
	}
	return buf_failed(u) ? err_setc(ERR_TOOBIG, "upload URL too long") : 0;
}

static int gh_upload_once(struct gh *g, struct gh_found *f, const char *url, const char *file,
			  const char *ctype, struct jv **out)
{
	struct buf ct = BUF_INIT(512);
	const char *hdr[4] = { "Accept: application/vnd.github+json",
			       "X-GitHub-Api-Version: 2022-11-28", NULL, NULL };
	struct http_req req = { 0 };
	struct http_resp r;
	int rc;

	buf_printf(&ct, "Content-Type: %s", ctype ? ctype : "application/octet-stream");
	hdr[2] = buf_cstr(&ct);
	http_resp_init(&r);
	req.method = "POST";
	req.url = url;
	req.headers = hdr;
	req.auth = g->auth;
	req.body_file = file;
	req.landed = gh_asset_landed;
	req.landed_ctx = f;
	req.deadline_ms = g->deadline_ms;
	rc = http_do(g->http, &req, &r);
	if (f->found) {
		*out = f->found;
		f->found = NULL;
		rc = 0;
	} else if (rc == 0 && r.status == 201) {
		rc = jv_parse(out, buf_cstr(&r.body), r.body.len, r.body.max, "asset upload response");
	} else if (rc == 0) {
		rc = gh_http_error("POST", url, &r);
	}
	http_resp_release(&r);
	buf_release(&ct);
	return rc;
}

int gh_asset_upload(struct gh *g, const struct jv *release, const char *name,
		    const char *label, const char *file, const char *content_type,
		    int replace, struct jv **out)
{
	struct buf u = BUF_INIT(8192);
	struct gh_found f = { g, name, 0, NULL };
	struct jv *old = NULL;
	int rc;

	*out = NULL;
	if (jv_int(jv_get(release, "id"), &f.id) < 0)
		return err_setc(ERR_INVALID, "release without id");
	if ((rc = gh_upload_url(g, release, name, label, &u)) < 0)
		goto done;
	rc = gh_upload_once(g, &f, buf_cstr(&u), file, content_type, out);
	if (rc != ERR_CONFLICT || !replace)
		goto done;
	/* 422 already_exists: replace the old asset, once. */
	log_info("gh: asset %s exists on the release: replacing it", name);
	if ((rc = gh_asset_by_name(g, f.id, name, &old)) < 0)
		goto done;
	if (old) {
		long long id = 0;
		jv_int(jv_get(old, "id"), &id);
		if ((rc = gh_asset_delete(g, id)) < 0)
			goto done;
	}
	rc = gh_upload_once(g, &f, buf_cstr(&u), file, content_type, out);
done:
	jv_free(old);
	jv_free(f.found);
	buf_release(&u);
	return rc;
}

struct gh_ref_check {
	struct gh *g;
	const char *ref;
	const char *sha;
};

static int gh_ref_landed(void *ctx, const struct http_resp *last)
{
	struct gh_ref_check *c = ctx;
	struct buf p = BUF_INIT(1024);
	struct jv *ref = NULL;
	const char *sha;
	int rc = gh_path(&p, "/repos/{repo}/git/ref/%s", c->ref + 5);

	(void)last;
	if (rc == 0)
		rc = gh_call(c->g, "GET", p.ptr, NULL, &ref, NULL, NULL, NULL);
	buf_release(&p);
	if (rc == ERR_NOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	sha = jv_get_str(jv_get(ref, "object"), "sha");
	rc = sha && !strcmp(sha, c->sha) ? 1 :
	     err_setc(ERR_CONFLICT, "%s exists and points at %s, not %s", c->ref, sha ? sha : "?", c->sha);
	jv_free(ref);
	return rc;
}

int gh_ref_create(struct gh *g, const char *ref, const char *sha, struct jv **out)
{
	struct gh_ref_check c = { g, ref, sha };
	struct jv *body;
	int rc;

	*out = NULL;
	if (strncmp(ref, "refs/", 5))
		return err_setc(ERR_INVALID, "ref \"%s\": must start with refs/", ref);
	if ((rc = gh_check_ref("ref", ref)) < 0 || (rc = gh_check_ref("sha", sha)) < 0)
		return rc;
	if (!(body = jv_new_obj()))
		return err_set("out of memory");
	rc = jv_set_str(body, "ref", ref);
	if (rc == 0)
		rc = jv_set_str(body, "sha", sha);
	if (rc == 0)
		rc = gh_call(g, "POST", "/repos/{repo}/git/refs", body, out, NULL, gh_ref_landed, &c);
	jv_free(body);
	return rc;
}

/* 1 for a SHA-1 or SHA-256 object id in hex. */
static int is_oid(const char *s)
{
	size_t n = s ? strspn(s, "0123456789abcdef") : 0;

	return n && !s[n] && (n == 40 || n == 64);
}

int gh_tag_object_create(struct gh *g, const char *tag, const char *sha, const char *message,
			 const char *tagger_name, const char *tagger_email, struct jv **out)
{
	struct jv *body = jv_new_obj(), *who = jv_new_obj();
	char date[32];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	*out = NULL;
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
	if ((rc = gh_check_ref("sha", sha)) < 0)
		goto done;
	rc = !body || !who || jv_set_str(body, "tag", tag) || jv_set_str(body, "message", message) ||
	     jv_set_str(body, "object", sha) || jv_set_str(body, "type", "commit") ||
	     jv_set_str(who, "name", tagger_name) || jv_set_str(who, "email", tagger_email) ||
	     jv_set_str(who, "date", date) ? err_set("out of memory") : 0;
	if (rc == 0) {
		jv_set(body, "tagger", who);
		who = NULL;
		rc = gh_call(g, "POST", "/repos/{repo}/git/tags", body, out, NULL, NULL, NULL);
	}
	/* the sha goes into a ref next: it must be an object id */
	if (rc == 0 && !is_oid(jv_get_str(*out, "sha"))) {
		rc = err_setc(ERR_INVALID, "POST /git/tags: the answer has no object id");
		jv_free(*out);
		*out = NULL;
	}
done:
	jv_free(who);
	jv_free(body);
	return rc;
}

int gh_deployment_create(struct gh *g, const struct jv *fields, struct jv **out)
{
	return gh_call(g, "POST", "/repos/{repo}/deployments", fields, out, NULL, NULL, NULL);
}

int gh_deployment_status(struct gh *g, long long deployment_id, const struct jv *fields,
			 struct jv **out)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_path(&p, "/repos/{repo}/deployments/%lld/statuses", deployment_id);

	if (rc == 0)
		rc = gh_call(g, "POST", p.ptr, fields, out, NULL, NULL, NULL);
	buf_release(&p);
	return rc;
}

/* Sends {"body": text} to the path in p and releases p: a comment create
 * (POST, never repeated blindly) or update (PATCH of the same body, safe
 * to repeat), the same for issue and commit comments. rc is the result
 * of building the path: when it failed, nothing is sent. */
static int comment_send(struct gh *g, int rc, int update, struct buf *p,
                        const char *text, struct jv **out)
{
	struct jv *body = NULL;

	if (rc) {
		buf_release(p);
		return rc;
	}
	body = jv_new_obj();
	if (!body || jv_set_str(body, "body", text) < 0)
		rc = err_set("out of memory");
	else
		rc = gh_call(g, update ? "PATCH" : "POST", p->ptr, body, out, NULL,
		             update ? gh_repeat : NULL, NULL);
	jv_free(body);
	buf_release(p);
	return rc;
}

/* GETs every page of the comment list at the path in p and releases p;
 * rc as for comment_send. */
static int comments_get(struct gh *g, int rc, struct buf *p, struct jv **out)
{
	if (rc == 0)
		rc = gh_get_all(g, p->ptr, NULL, out);
	buf_release(p);
	return rc;
}

int gh_comment_create(struct gh *g, long long issue, const char *text, struct jv **out)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_path(&p, "/repos/{repo}/issues/%lld/comments", issue);

	return comment_send(g, rc, 0, &p, text, out);
}

int gh_comment_update(struct gh *g, long long comment_id, const char *text, struct jv **out)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_path(&p, "/repos/{repo}/issues/comments/%lld", comment_id);

	return comment_send(g, rc, 1, &p, text, out);
}

int gh_comments_list(struct gh *g, long long issue, struct jv **out)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_path(&p, "/repos/{repo}/issues/%lld/comments", issue);

	return comments_get(g, rc, &p, out);
}

/* "/repos/{repo}/commits/SHA/comments", the SHA escaped (it comes from an
 * event payload). */
static int commit_comments_path(struct buf *p, const char *sha)
{
	buf_puts(p, "/repos/{repo}/commits/");
	http_escape(p, sha, "");
	buf_puts(p, "/comments");
	return buf_failed(p) ? err_set("out of memory") : 0;
}

int gh_commit_comment_create(struct gh *g, const char *sha, const char *text,
                             struct jv **out)
{
	struct buf p = BUF_INIT(512);

	return comment_send(g, commit_comments_path(&p, sha), 0, &p, text, out);
}

int gh_commit_comment_update(struct gh *g, long long comment_id, const char *text,
                             struct jv **out)
{
	struct buf p = BUF_INIT(512);
	int rc = gh_path(&p, "/repos/{repo}/comments/%lld", comment_id);

	return comment_send(g, rc, 1, &p, text, out);
}

int gh_commit_comments_list(struct gh *g, const char *sha, struct jv **out)
{
	struct buf p = BUF_INIT(512);

	return comments_get(g, commit_comments_path(&p, sha), &p, out);
}
