/* gh.c - GitHub REST client core: token, URLs, JSON calls, errors, pages. */
#include "gh/gh.h"
#include "gh/gh_int.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GH_MAX_JSON   (64u << 20)
#define GH_MAX_TOKEN  (16u << 10)

static const char *const gh_headers[] = {
	"Accept: application/vnd.github+json",
	"X-GitHub-Api-Version: 2022-11-28",
	NULL
};
static const char *const gh_json_headers[] = {
	"Accept: application/vnd.github+json",
	"X-GitHub-Api-Version: 2022-11-28",
	"Content-Type: application/json",
	NULL
};

/* The token: env first, then the file; trailing whitespace dropped. */
static int gh_token(const struct gh_opts *o, struct buf *tok)
{
	const char *t = getenv("GITHUB_TOKEN");
	int rc;

	if (!t || !*t)
		t = getenv("GH_TOKEN");
	if (t && *t)
		return buf_puts(tok, t) < 0 ? err_setc(ERR_TOOBIG, "GITHUB_TOKEN: too long") : 0;
	if (!o->token_file)
		return 0;
	if ((rc = fs_read(tok, o->token_file)) < 0)
		return err_wrap("reading the token file");
	while (tok->len && isspace((unsigned char)tok->ptr[tok->len - 1]))
		buf_truncate(tok, tok->len - 1);
	if (!tok->len || memchr(tok->ptr, '\n', tok->len) || memchr(tok->ptr, ' ', tok->len))
		return err_setc(ERR_INVALID, "%s: expected one token on one line", o->token_file);
	return 0;
}

static char *gh_trimmed_dup(const char *s)
{
	size_t n = strlen(s);

	while (n && s[n - 1] == '/')
		n--;
	return strndup(s, n);
}

int gh_new(struct gh **out, const struct gh_opts *o)
{
	struct gh *g = calloc(1, sizeof(*g));
	struct buf tok = BUF_INIT(GH_MAX_TOKEN);
	const char *api = o->api_url ? o->api_url : getenv("GITHUB_API_URL");
	const char *repo = o->repo ? o->repo : getenv("GITHUB_REPOSITORY");
	int rc;

	*out = NULL;
	if (!g)
		return err_set("out of memory");
	if ((rc = gh_token(o, &tok)) < 0)
		goto fail;
	if (tok.len) {
		struct buf a = BUF_INIT(GH_MAX_TOKEN + 16);
		log_add_secret(buf_cstr(&tok));
		buf_printf(&a, "Bearer %s", buf_cstr(&tok));
		g->auth = buf_detach(&a);
		if (!g->auth) {
			rc = err_set("out of memory");
			goto fail;
		}
	} else if (o->need_token) {
		rc = err_setc(ERR_USAGE, "no GitHub token: set GITHUB_TOKEN (or GH_TOKEN), or use --token-file");
		goto fail;
	}
	if (!api || !*api)
		api = "https://api.github.com";
	if (strncmp(api, "https://", 8) && strncmp(api, "http://", 7)) {
		rc = err_setc(ERR_USAGE, "GITHUB_API_URL=%s: not an http(s) URL", api);
		goto fail;
	}
	g->api = gh_trimmed_dup(api);
	if (repo && *repo) {
		const char *sl = strchr(repo, '/');
		if (!sl || sl == repo || !sl[1] || strchr(sl + 1, '/') || strpbrk(repo, " ?#%")) {
			rc = err_setc(ERR_USAGE, "repository \"%s\": expected OWNER/NAME", repo);
			goto fail;
		}
		g->repo = strdup(repo);
	}
	if (!g->api || (repo && *repo && !g->repo)) {
		rc = err_set("out of memory");
		goto fail;
	}
	if ((rc = http_client_new(&g->http, o->http)) < 0)
		goto fail;
	buf_release(&tok);
	*out = g;
	return 0;
fail:
	buf_release(&tok);
	gh_free(g);
	return rc;
}

void gh_free(struct gh *g)
{
	if (!g)
		return;
	http_client_free(g->http);
	free(g->api);
	free(g->repo);
	free(g->auth);
	free(g);
}

int gh_url(struct gh *g, struct buf *out, const char *path)
{
	const char *p;

	if (!strncmp(path, "https://", 8) || !strncmp(path, "http://", 7)) {
		if (!http_same_origin(path, g->api))
			return err_setc(ERR_INVALID, "%s: not on the API origin %s", http_log_url(path), g->api);
		return buf_puts(out, path) < 0 ? err_setc(ERR_TOOBIG, "URL too long") : 0;
	}
	buf_puts(out, g->api);
	for (p = path; *p; p++) {
		if (!strncmp(p, "{repo}", 6)) {
			if (!g->repo)
				return err_setc(ERR_USAGE, "no repository: set GITHUB_REPOSITORY or --repo");
			buf_puts(out, g->repo);
			p += 5;
		} else {
			buf_putc(out, *p);
		}
	}
	return buf_failed(out) ? err_setc(ERR_TOOBIG, "URL too long") : 0;
}

/* GitHub's message for an error body, control characters dropped. */
static void gh_message(const struct http_resp *r, char *out, size_t outsz, int *exists)
{
	struct jv *j = NULL;
	const char *m = NULL;
	size_t i, o = 0;

	*exists = 0;
	out[0] = '\0';
	if (jv_parse(&j, buf_cstr(&r->body), r->body.len, r->body.max, "response") == 0) {
		struct jv *errs = jv_get(j, "errors");
		m = jv_get_str(j, "message");
		for (i = 0; i < jv_len(errs); i++) {
			const char *code = jv_get_str(jv_at(errs, i), "code");
			if (code && !strcmp(code, "already_exists"))
				*exists = 1;
		}
	}
	for (i = 0; m && m[i] && o + 1 < outsz && i < 300; i++)
		out[o++] = (unsigned char)m[i] < 0x20 ? ' ' : m[i];
	out[o] = '\0';
	jv_free(j);
}

int gh_http_error(const char *method, const char *url, const struct http_resp *r)
{
	char msg[320];
	int exists, code;
	long s = r->status;

	gh_message(r, msg, sizeof(msg), &exists);
	if (s == 404 || s == 410)
		code = ERR_NOTFOUND;
	else if (s == 409 || (s == 422 && (exists || strstr(msg, "already exists"))))
		code = ERR_CONFLICT;
	else if (s == 400 || s == 422)
		code = ERR_INVALID;
	else
		code = ERR_SERVICE;
	return err_setc(code, "%s %s: HTTP %ld%s%s%s%s", method, http_log_url(url), s,
			*http_reason(s) ? " " : "", http_reason(s), *msg ? ": " : "", msg);
}

int gh_call(struct gh *g, const char *method, const char *path, const struct jv *body,
	    struct jv **out, long *status, http_landed_fn landed, void *landed_ctx)
{
	struct buf url = BUF_INIT(8192), data = BUF_INIT(GH_MAX_JSON);
	struct http_req req = { 0 };
	struct http_resp r;
	int rc;

	if (out)
		*out = NULL;
	if (status)
		*status = 0;
	http_resp_init(&r);
	if ((rc = gh_url(g, &url, path)) < 0)
		goto done;
	if (body && (rc = jv_dump(&data, body, 0)) < 0)
		goto done;
	req.method = method;
	req.url = buf_cstr(&url);
	req.headers = body ? gh_json_headers : gh_headers;
	req.auth = g->auth;
	req.body = body ? data.ptr : NULL;
	req.body_len = data.len;
	req.max_body = GH_MAX_JSON;
	req.landed = landed;
	req.landed_ctx = landed_ctx;
	req.deadline_ms = g->deadline_ms;
	if ((rc = http_do(g->http, &req, &r)) < 0)
		goto done;
	if (status)
		*status = r.status;
	if (r.landed)           /* the check found the first attempt took effect */
		goto done;
	if (r.status < 200 || r.status > 299) {
		rc = gh_http_error(method, req.url, &r);
		goto done;
	}
	if (out && r.body.len)
		rc = jv_parse(out, buf_cstr(&r.body), r.body.len, GH_MAX_JSON, http_log_url(req.url));
done:
	http_resp_release(&r);
	buf_release(&url);
	buf_release(&data);
	return rc;
}

/* Appends per_page=100 unless the caller chose a page size. */
static int gh_first_page(struct buf *u, const char *path)
{
	buf_puts(u, path);
	if (!strstr(path, "per_page="))
		buf_puts(u, strchr(path, '?') ? "&per_page=100" : "?per_page=100");
	return buf_failed(u) ? err_setc(ERR_TOOBIG, "URL too long") : 0;
}

static int gh_take_items(struct jv *page, const char *key, struct jv *all, const char *url)
{
	struct jv *arr = key ? jv_get(page, key) : page;
	size_t i;

	if (jv_type(arr) != JV_ARR)
		return err_setc(ERR_INVALID, "%s: expected %s%s", http_log_url(url),
				key ? "an array in " : "an array", key ? key : "");
	for (i = 0; i < jv_len(arr); i++)
		if (jv_push(all, jv_ref(jv_at(arr, i))) < 0)
			return err_set("out of memory");
	return 0;
}

int gh_get_all(struct gh *g, const char *path, const char *key, struct jv **out)
{
	struct buf u = BUF_INIT(8192), full = BUF_INIT(8192);
	struct jv *all = jv_new_arr(), *page = NULL;
	struct http_req req = { 0 };
	struct http_resp r;
	char link[8192], next[8192];
	int rc, pages = 0, max = g->max_pages > 0 ? g->max_pages : 100;

	*out = NULL;
	http_resp_init(&r);
	if (!all)
		return err_set("out of memory");
	if ((rc = gh_first_page(&u, path)) < 0 || (rc = gh_url(g, &full, buf_cstr(&u))) < 0)
		goto done;
	for (;;) {
		if (++pages > max) {
			rc = err_setc(ERR_TOOBIG, "%s: more than %d pages", http_log_url(full.ptr), max);
			goto done;
		}
		memset(&req, 0, sizeof(req));
		req.url = buf_cstr(&full);
		req.headers = gh_headers;
		req.auth = g->auth;
		req.max_body = GH_MAX_JSON;
		req.deadline_ms = g->deadline_ms;
		http_resp_release(&r);
		http_resp_init(&r);
		if ((rc = http_do(g->http, &req, &r)) < 0)
			goto done;
		if (r.status != 200) {
			rc = gh_http_error("GET", req.url, &r);
			goto done;
		}
		if ((rc = jv_parse(&page, buf_cstr(&r.body), r.body.len, GH_MAX_JSON,
				   http_log_url(req.url))) < 0 ||
		    (rc = gh_take_items(page, key, all, req.url)) < 0)
			goto done;
		jv_free(page);
		page = NULL;
		if (!http_resp_header(&r, "link", link, sizeof(link)) ||
		    !http_link_next(link, next, sizeof(next)))
			break;
		/* Never follow a Link (with the token) off the API origin. */
		if (!http_same_origin(next, g->api)) {
			rc = err_setc(ERR_INVALID, "%s: next page %s is not on the API origin",
				      http_log_url(req.url), http_log_url(next));
			goto done;
		}
		buf_reset(&full);
		buf_puts(&full, next);
	}
	*out = all;
	all = NULL;
done:
	jv_free(page);
	jv_free(all);
	http_resp_release(&r);
	buf_release(&u);
	buf_release(&full);
	return rc;
}

int gh_download(struct gh *g, const char *path, const char *out_file)
{
	struct buf url = BUF_INIT(8192);
	struct http_req req = { 0 };
	struct http_resp r;
	int rc;

	http_resp_init(&r);
	if ((rc = gh_url(g, &url, path)) < 0)
		goto done;
	req.url = buf_cstr(&url);
	req.headers = gh_headers;
	req.auth = g->auth;
	req.out_file = out_file;
	req.max_body = 0;
	req.deadline_ms = g->deadline_ms;
	if ((rc = http_do(g->http, &req, &r)) < 0)
		goto done;
	if (r.status != 200)
		rc = gh_http_error("GET", req.url, &r);
done:
	http_resp_release(&r);
	buf_release(&url);
	return rc;
}
