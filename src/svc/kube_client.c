/* kube_client.c - Kubernetes API requests with kubeconfig or in-cluster credentials. */
#include "svc/kube_client.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define KUBE_MAX_CONFIG  (4u << 20)
#define KUBE_MAX_OBJECT  (64u << 20)
#define KUBE_MAX_TOKEN   (64u << 10)
#define KUBE_MAX_LINE    (16u << 20)

struct kube_res {
	const char *kind, *plural, *prefix, *shorts;
	int namespaced;
};

static const struct kube_res kube_res[] = {
	{ "deployment", "deployments", "apis/apps/v1", "deploy", 1 },
	{ "statefulset", "statefulsets", "apis/apps/v1", "sts", 1 },
	{ "daemonset", "daemonsets", "apis/apps/v1", "ds", 1 },
	{ "replicaset", "replicasets", "apis/apps/v1", "rs", 1 },
	{ "controllerrevision", "controllerrevisions", "apis/apps/v1", "", 1 },
	{ "job", "jobs", "apis/batch/v1", "", 1 },
	{ "pod", "pods", "api/v1", "po", 1 },
	{ "event", "events", "api/v1", "ev", 1 },
	{ "kustomization", "kustomizations", "apis/kustomize.toolkit.fluxcd.io/v1", "ks", 1 },
	{ "helmrelease", "helmreleases", "apis/helm.toolkit.fluxcd.io/v2", "hr", 1 },
};

static const struct kube_res *res_find(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < sizeof(kube_res) / sizeof(kube_res[0]); i++) {
		const struct kube_res *r = &kube_res[i];
		if (!strcasecmp(kind, r->kind) || !strcasecmp(kind, r->plural) ||
		    (*r->shorts && !strcasecmp(kind, r->shorts)))
			return r;
	}
	return NULL;
}

const char *kube_kind_name(const char *kind)
{
	const struct kube_res *r = res_find(kind);
	return r ? r->kind : NULL;
}

int kube_api_path(struct buf *out, const char *kind, const char *ns, const char *name,
		  const char *sub)
{
	const struct kube_res *r = res_find(kind);

	if (!r)
		return err_setc(ERR_INVALID, "unknown kind %s", kind ? kind : "(none)");
	buf_printf(out, "/%s", r->prefix);
	if (r->namespaced && ns && *ns)
		buf_printf(out, "/namespaces/%s", ns);
	buf_printf(out, "/%s", r->plural);
	if (name)
		buf_printf(out, "/%s", name);
	if (name && sub)
		buf_printf(out, "/%s", sub);
	return buf_failed(out) ? err_setc(ERR_TOOBIG, "API path too long") : 0;
}

/* --kubeconfig (exactly that file), else $KUBECONFIG merged as kubectl
 * does, else in-cluster, else ~/.kube/config. */
static int load_config(struct kube *k, const char *kubeconfig, const char *context)
{
	char path[4096];
	const char *home = getenv("HOME");
	int rc;

	rc = kube_config_load_env(&k->cfg, kubeconfig, getenv("KUBECONFIG"), context,
				  KUBE_MAX_CONFIG);
	if (rc != ERR_NOTFOUND || kubeconfig)
		return rc;
	rc = kube_config_in_cluster(&k->cfg, getenv, NULL);
	if (rc != ERR_NOTFOUND)
		return rc;
	if (home && (size_t)snprintf(path, sizeof(path), "%s/.kube/config", home) < sizeof(path) &&
	    fs_exists(path))
		return kube_config_load(&k->cfg, path, context, KUBE_MAX_CONFIG);
	return err_setc(ERR_USAGE, "no Kubernetes configuration: use --kubeconfig, $KUBECONFIG, "
			"run in a pod with a service account, or create ~/.kube/config");
}

/* (Re)creates the HTTP client with the TLS material of the config and,
 * when the exec plugin returned one, its client certificate. */
static int kube_http(struct kube *k)
{
	struct http_opts o;

	memset(&o, 0, sizeof(o));
	o.retries = -1;
	o.rate = 50;
	o.burst = 50;
	o.ca_file = k->cfg.ca_file ? k->cfg.ca_file : k->ca_file;
	o.ca_pem = k->cfg.ca_data;
	o.ca_pem_len = k->cfg.ca_len;
	o.cert_pem = k->exec_cert ? k->exec_cert : k->cfg.cert_data;
	o.cert_pem_len = k->exec_cert ? strlen(k->exec_cert) : k->cfg.cert_len;
	o.key_pem = k->exec_key ? k->exec_key : k->cfg.key_data;
	o.key_pem_len = k->exec_key ? strlen(k->exec_key) : k->cfg.key_len;
	o.cert_file = k->cfg.cert_file;
	o.key_file = k->cfg.key_file;
	o.insecure = k->cfg.insecure;
	http_client_free(k->http);
	k->http = NULL;
	return http_client_new(&k->http, &o);
}

int kube_open(struct kube **out, const char *kubeconfig, const char *context,
	      const char *ca_file)
{
	struct kube *k = calloc(1, sizeof(*k));
	int rc;

	*out = NULL;
	if (!k)
		return err_set("out of memory");
	k->ca_file = ca_file;
	if ((rc = load_config(k, kubeconfig, context)) || (rc = kube_http(k))) {
		kube_close(k);
		return rc;
	}
	log_debug("kubernetes: %s (context %s, namespace %s)", k->cfg.server,
		  *k->cfg.context ? k->cfg.context : "in-cluster", k->cfg.namespace);
	*out = k;
	return 0;
}

void kube_close(struct kube *k)
{
	if (!k)
		return;
	http_client_free(k->http);
	kube_config_free(&k->cfg);
	free(k->exec_token);
	free(k->exec_cert);
	free(k->exec_key);
	free(k);
}

/* The Authorization value for the next request into out ("" = none). */
static int kube_auth(struct kube *k, struct buf *out)
{
	struct buf tok = BUF_INIT(KUBE_MAX_TOKEN);
	int rc = 0;

	buf_reset(out);
	if (k->cfg.exec && (!k->exec_token && !k->exec_cert ?
			    1 : (k->exec_expiry_ms && http_now_ms() >= k->exec_expiry_ms))) {
		int had_cert = k->exec_cert != NULL;
		if ((rc = kube_exec_run(k)))
			return rc;
		if ((k->exec_cert != NULL || had_cert) && (rc = kube_http(k)))
			return rc;
	}
	if (k->exec_token) {
		buf_printf(out, "Bearer %s", k->exec_token);
	} else if (k->cfg.token_file) {
		if ((rc = fs_read(&tok, k->cfg.token_file)))
			return err_wrap("reading the token file %s", k->cfg.token_file);
		while (tok.len && (tok.ptr[tok.len - 1] == '\n' || tok.ptr[tok.len - 1] == '\r'))
			tok.len--;
		buf_truncate(&tok, tok.len);
		log_add_secret(buf_cstr(&tok));
		buf_printf(out, "Bearer %s", buf_cstr(&tok));
	} else if (k->cfg.token) {
		buf_printf(out, "Bearer %s", k->cfg.token);
	}
	buf_release(&tok);
	return buf_failed(out) ? err_set("credential too long") : 0;
}

/* What a failed API call says: the Status message or the status line. */
static int kube_fail(const char *method, const char *path, long status, const struct buf *body)
{
	struct jv *st = NULL;
	const char *msg = NULL;
	int code = status == 404 ? ERR_NOTFOUND : status == 410 ? ERR_CONFLICT :
		   (status == 401 || status == 403) ? ERR_USAGE : ERR_SERVICE;

	if (body->len && !jv_parse(&st, body->ptr, body->len, body->len + 1, "Status"))
		msg = jv_get_str(st, "message");
	err_clear();
	err_setc(code, "kubernetes: %s %s: HTTP %ld%s%s", method, path, status,
		 msg ? ": " : "", msg ? msg : http_reason(status));
	jv_free(st);
	return code;
}

/* One request with auth; on 401 the credentials are refreshed once. */
static int kube_do(struct kube *k, struct http_req *req, struct http_resp *resp,
		   const char *path)
{
	struct buf url = BUF_INIT(16384), auth = BUF_INIT(KUBE_MAX_TOKEN + 64);
	int rc, attempt;

	buf_printf(&url, "%s%s", k->cfg.server, path);
	if (buf_failed(&url)) {
		rc = err_setc(ERR_TOOBIG, "kubernetes: URL too long");
		goto done;
	}
	req->url = buf_cstr(&url);
	req->deadline_ms = k->deadline_ms;
	for (attempt = 0; attempt < 2; attempt++) {
		if ((rc = kube_auth(k, &auth)))
			goto done;
		req->auth = auth.len ? buf_cstr(&auth) : NULL;
		k->requests++;
		http_resp_release(resp);
		http_resp_init(resp);
		rc = http_do(k->http, req, resp);
		if (rc || resp->status != 401 || (!k->cfg.exec && !k->cfg.token_file))
			break;
		log_info("kubernetes: 401 Unauthorized, refreshing the credentials");
		free(k->exec_token);
		k->exec_token = NULL;
		k->exec_expiry_ms = 0;
	}
done:
	buf_release(&url);
	buf_release(&auth);
	return rc;
}

/* A request that accepts JSON, all else zero: GET and watch. */
static void json_req(struct http_req *req)
{
	static const char *const hdr[] = { "Accept: application/json", NULL };

	memset(req, 0, sizeof(*req));
	req->headers = hdr;
}

int kube_get(struct kube *k, const char *path, struct jv **out)
{
	struct http_req req;
	struct http_resp resp;
	int rc;

	*out = NULL;
	json_req(&req);
	req.max_body = KUBE_MAX_OBJECT;
	http_resp_init(&resp);
	rc = kube_do(k, &req, &resp, path);
	if (!rc && (resp.status < 200 || resp.status > 299))
		rc = kube_fail("GET", path, resp.status, &resp.body);
	else if (!rc)
		rc = jv_parse(out, resp.body.ptr ? resp.body.ptr : "", resp.body.len,
			      KUBE_MAX_OBJECT, path);
	http_resp_release(&resp);
	return rc;
}

int kube_get_text(struct kube *k, const char *path, struct buf *out)
{
	struct http_req req;
	struct http_resp resp;
	int rc;

	memset(&req, 0, sizeof(req));
	req.max_body = out->max ? out->max : (1u << 20);
	http_resp_init(&resp);
	rc = kube_do(k, &req, &resp, path);
	if (!rc && (resp.status < 200 || resp.status > 299))
		rc = kube_fail("GET", path, resp.status, &resp.body);
	else if (!rc && buf_add(out, resp.body.ptr ? resp.body.ptr : "", resp.body.len))
		rc = err_setc(ERR_TOOBIG, "%s: over %zu bytes", path, out->max);
	http_resp_release(&resp);
	return rc;
}

int kube_patch(struct kube *k, const char *path, const struct jv *patch, struct jv **out)
{
	static const char *const hdr[] = { "Content-Type: application/merge-patch+json",
					   "Accept: application/json", NULL };
	struct buf body = BUF_INIT(1u << 20);
	struct http_req req;
	struct http_resp resp;
	int rc;

	if (out)
		*out = NULL;
	memset(&req, 0, sizeof(req));
	http_resp_init(&resp);
	if (jv_dump(&body, patch, 0)) {
		rc = err_set("patch too large");
		goto done;
	}
	req.method = "PATCH";
	req.headers = hdr;
	req.body = body.ptr;
	req.body_len = body.len;
	req.idempotent = 1; /* a merge patch sets the same value again */
	rc = kube_do(k, &req, &resp, path);
	if (!rc && (resp.status < 200 || resp.status > 299))
		rc = kube_fail("PATCH", path, resp.status, &resp.body);
	else if (!rc && out)
		rc = jv_parse(out, resp.body.ptr ? resp.body.ptr : "", resp.body.len,
			      KUBE_MAX_OBJECT, path);
done:
	buf_release(&body);
	http_resp_release(&resp);
	return rc;
}

int kube_watch_stream(struct kube *k, const char *path, long timeout_s,
		      http_line_fn on_line, void *ctx, long *status, int *stopped,
		      struct buf *err_body)
{
	struct http_req req;
	struct http_resp resp;
	int rc;

	json_req(&req);
	req.on_line = on_line;
	req.sink_ctx = ctx;
	req.max_line = KUBE_MAX_LINE;
	req.no_retry = 1;        /* the session decides what comes next */
	req.timeout_ms = (timeout_s + 30) * 1000;
	req.idle_ms = (timeout_s + 30) * 1000;
	http_resp_init(&resp);
	*stopped = 0;
	rc = kube_do(k, &req, &resp, path);
	*status = resp.status;
	if (rc == ERR_FAIL && resp.status >= 200 && resp.status < 300)
		*stopped = 1;
	if (err_body && resp.body.len)
		buf_add(err_body, resp.body.ptr, resp.body.len);
	http_resp_release(&resp);
	return rc;
}
