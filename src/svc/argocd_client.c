/* argocd_client.c - Argo CD REST calls with the token from the environment. */
#include "svc/argocd_client.h"
#include "core/http.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARGOCD_MAX_APP   (64u << 20)
#define ARGOCD_MAX_LINE  (64u << 20)
#define ARGOCD_MAX_TOKEN 16384

int argocd_open(struct argocd **out, const char *ca_file)
{
	const char *srv = getenv("ARGOCD_SERVER"), *tok = getenv("ARGOCD_AUTH_TOKEN");
	struct argocd *a;
	struct http_opts o;
	struct buf b = BUF_INIT(4096);
	size_t n;
	int rc;

	*out = NULL;
	if (!srv || !*srv)
		return err_setc(ERR_USAGE, "--argocd-app needs $ARGOCD_SERVER (host:port or URL)");
	if (!tok || !*tok)
		return err_setc(ERR_USAGE, "--argocd-app needs the token in $ARGOCD_AUTH_TOKEN");
	if (strlen(tok) > ARGOCD_MAX_TOKEN || strpbrk(tok, "\r\n"))
		return err_setc(ERR_USAGE, "$ARGOCD_AUTH_TOKEN is not a valid token");
	log_add_secret(tok);
	if (!(a = calloc(1, sizeof(*a))))
		return err_set("out of memory");
	buf_printf(&b, "%s%s", strstr(srv, "://") ? "" : "https://", srv);
	n = b.len;
	while (n && b.ptr[n - 1] == '/')
		n--;
	buf_truncate(&b, n);
	a->base = buf_detach(&b);
	buf_printf(&b, "Bearer %s", tok);
	a->auth = buf_detach(&b);
	memset(&o, 0, sizeof(o));
	o.retries = -1;
	o.ca_file = ca_file;
	if (!a->base || !a->auth)
		rc = err_set("out of memory");
	else
		rc = http_client_new(&a->http, &o);
	if (rc) {
		argocd_close(a);
		return rc;
	}
	*out = a;
	return 0;
}

void argocd_close(struct argocd *a)
{
	if (!a)
		return;
	http_client_free(a->http);
	free(a->base);
	free(a->auth);
	free(a);
}

/* BASE/api/v1/applications/NAME[/what]?appNamespace=..&project=.. */
static void app_url(struct buf *u, const struct argocd *a, const char *name, const char *what,
		    const char *ns, const char *project)
{
	char sep = '?';

	buf_printf(u, "%s/api/v1/applications/", a->base);
	http_escape(u, name, NULL);
	if (what)
		buf_printf(u, "/%s", what);
	if (ns && *ns) {
		buf_printf(u, "%cappNamespace=", sep);
		http_escape(u, ns, NULL);
		sep = '&';
	}
	if (project && *project) {
		buf_printf(u, "%cproject=", sep);
		http_escape(u, project, NULL);
	}
}

/* The message of an Argo CD error body, or the status reason. */
static void err_text(const struct http_resp *r, char *out, size_t n)
{
	struct jv *doc = NULL;
	const char *m = NULL;

	if (r->body.len && !jv_parse(&doc, r->body.ptr, r->body.len, r->body.len + 1, "error"))
		m = jv_get_str(doc, "message") ? jv_get_str(doc, "message") : jv_get_str(doc, "error");
	snprintf(out, n, "%s", m ? m : http_reason(r->status));
	jv_free(doc);
}

static int call(struct argocd *a, const char *method, const char *url, const struct jv *body,
		struct http_resp *resp)
{
	static const char *const hdr[] = { "Accept: application/json",
					   "Content-Type: application/json", NULL };
	struct buf b = BUF_INIT(1u << 20);
	struct http_req req;
	int rc;

	memset(&req, 0, sizeof(req));
	req.method = method;
	req.url = url;
	req.headers = hdr;
	req.auth = a->auth;
	req.max_body = ARGOCD_MAX_APP;
	req.deadline_ms = a->deadline_ms;
	if (body) {
		jv_dump(&b, body, 0);
		req.body = buf_cstr(&b);
		req.body_len = b.len;
	}
	rc = http_do(a->http, &req, resp);
	buf_release(&b);
	return rc;
}

static int judge(const struct http_resp *r, const char *what)
{
	char msg[1024];

	if (r->status >= 200 && r->status < 300)
		return 0;
	err_text(r, msg, sizeof(msg));
	return err_setc(r->status == 404 ? ERR_NOTFOUND : (r->status == 401 || r->status == 403) ?
			ERR_USAGE : r->status == 400 || r->status == 409 || r->status == 412 ?
			ERR_CONFLICT : ERR_SERVICE, "argocd: %s: HTTP %ld: %s", what, r->status, msg);
}

int argocd_app_get(struct argocd *a, const char *name, const char *ns, const char *project,
		   struct jv **out)
{
	struct buf u = BUF_INIT(8192);
	struct http_resp r;
	int rc;

	*out = NULL;
	http_resp_init(&r);
	app_url(&u, a, name, NULL, ns, project);
	if (!(rc = call(a, "GET", buf_cstr(&u), NULL, &r)) && !(rc = judge(&r, "get application")))
		rc = jv_parse(out, buf_cstr(&r.body), r.body.len, ARGOCD_MAX_APP, "application");
	http_resp_release(&r);
	buf_release(&u);
	return rc;
}

int argocd_app_sync(struct argocd *a, const char *name, const char *ns, const char *project,
		    const char *revision, int *busy)
{
	struct jv *body = jv_new_obj();
	struct buf u = BUF_INIT(8192);
	struct http_resp r;
	char msg[1024];
	int rc;

	*busy = 0;
	http_resp_init(&r);
	app_url(&u, a, name, "sync", NULL, NULL);
	jv_set_str(body, "name", name);
	if (ns && *ns)
		jv_set_str(body, "appNamespace", ns);
	if (project && *project)
		jv_set_str(body, "project", project);
	if (revision)
		jv_set_str(body, "revision", revision);
	rc = call(a, "POST", buf_cstr(&u), body, &r);
	if (!rc && r.status >= 400) {
		err_text(&r, msg, sizeof(msg));
		if (strstr(msg, "another operation is already in progress")) {
			*busy = 1;
			goto done;
		}
	}
	if (!rc)
		rc = judge(&r, "sync");
done:
	jv_free(body);
	http_resp_release(&r);
	buf_release(&u);
	return rc;
}

int argocd_app_rollback(struct argocd *a, const char *name, const char *ns,
			const char *project, long long id)
{
	struct jv *body = jv_new_obj();
	struct buf u = BUF_INIT(8192);
	struct http_resp r;
	int rc;

	http_resp_init(&r);
	app_url(&u, a, name, "rollback", NULL, NULL);
	jv_set_str(body, "name", name);
	jv_set_int(body, "id", id);
	if (ns && *ns)
		jv_set_str(body, "appNamespace", ns);
	if (project && *project)
		jv_set_str(body, "project", project);
	if (!(rc = call(a, "POST", buf_cstr(&u), body, &r)))
		rc = judge(&r, "rollback");
	jv_free(body);
	http_resp_release(&r);
	buf_release(&u);
	return rc;
}

int argocd_app_terminate(struct argocd *a, const char *name, const char *ns,
			 const char *project)
{
	struct buf u = BUF_INIT(8192);
	struct http_resp r;
	int rc;

	http_resp_init(&r);
	app_url(&u, a, name, "operation", ns, project);
	if (!(rc = call(a, "DELETE", buf_cstr(&u), NULL, &r)))
		rc = judge(&r, "terminate operation");
	http_resp_release(&r);
	buf_release(&u);
	return rc;
}

int argocd_app_stream(struct argocd *a, const char *name, const char *ns, const char *project,
		      long idle_ms, http_line_fn on_line, void *ctx, long *status,
		      struct buf *err_body)
{
	static const char *const hdr[] = { "Accept: application/json", NULL };
	struct buf u = BUF_INIT(8192);
	struct http_req req;
	struct http_resp r;
	int rc;

	http_resp_init(&r);
	buf_printf(&u, "%s/api/v1/stream/applications?name=", a->base);
	http_escape(&u, name, NULL);
	if (ns && *ns) {
		buf_puts(&u, "&appNamespace=");
		http_escape(&u, ns, NULL);
	}
	if (project && *project) {
		buf_puts(&u, "&projects=");
		http_escape(&u, project, NULL);
	}
	memset(&req, 0, sizeof(req));
	req.url = buf_cstr(&u);
	req.headers = hdr;
	req.auth = a->auth;
	req.on_line = on_line;
	req.sink_ctx = ctx;
	req.max_line = ARGOCD_MAX_LINE;
	req.no_retry = 1;
	req.idle_ms = idle_ms;
	req.timeout_ms = a->deadline_ms ? (long)(a->deadline_ms - http_now_ms()) + 1000 : 0;
	req.deadline_ms = a->deadline_ms;
	rc = http_do(a->http, &req, &r);
	*status = r.status;
	if (err_body && r.body.len)
		buf_add(err_body, r.body.ptr, r.body.len);
	http_resp_release(&r);
	buf_release(&u);
	return rc;
}
