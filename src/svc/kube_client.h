/* kube_client.h - requests to the Kubernetes API: config, credentials, GET/LIST/WATCH/PATCH. */
#ifndef SHIP_KUBE_CLIENT_H
#define SHIP_KUBE_CLIENT_H

#include <stddef.h>
#include "core/buf.h"
#include "core/http.h"
#include "core/jv.h"
#include "svc/kube_config.h"

/*
 * One API server. Credentials, in client-go's order: exec plugin
 * (ExecCredential token or client certificate, cached until its
 * expirationTimestamp), token, tokenFile (re-read per request), basic
 * auth; client certificates from the kubeconfig go to the TLS layer.
 * On a 401 the exec credential is dropped and the token file re-read,
 * and the request is sent once more (rotated or expired tokens).
 */
struct kube {
	struct kube_config cfg;
	struct http_client *http;   /* owned */
	char *exec_token;           /* owned secret, or NULL */
	char *exec_cert, *exec_key; /* owned PEM from the plugin, or NULL */
	long long exec_expiry_ms;   /* http_now_ms() limit; 0: none */
	long long deadline_ms;      /* absolute http_now_ms() limit; 0: none */
	const char *ca_file;        /* --ca-file (borrowed), or NULL */
	unsigned long requests;
};

/*
 * Opens the API: `kubeconfig` (NULL: $KUBECONFIG, then in-cluster, then
 * ~/.kube/config), `context` (NULL: current-context). ca_file is the
 * global --ca-file, used only when the kubeconfig names no CA.
 * Caller frees with kube_close().
 */
int kube_open(struct kube **out, const char *kubeconfig, const char *context,
	      const char *ca_file);
void kube_close(struct kube *k);

/*
 * The API path of a resource kind ("deployment", "statefulset", "pod",
 * "kustomization", ...) in namespace ns, optionally one object `name` and
 * a subresource (e.g. "log"); appended to out. ERR_INVALID for an unknown
 * kind. The kind may be plural or a short name (deploy, sts, ds, ks, hr).
 */
int kube_api_path(struct buf *out, const char *kind, const char *ns, const char *name,
		  const char *sub);
/* The canonical singular kind for a user-given one ("deploy" -> "deployment"), or NULL. */
const char *kube_kind_name(const char *kind);

/*
 * GET path (with query) as JSON. 2xx: *out is a new reference. Other
 * statuses fail: 404 ERR_NOTFOUND, 410 ERR_CONFLICT, 401/403 ERR_USAGE
 * (credentials), else ERR_SERVICE, with the Status message.
 */
int kube_get(struct kube *k, const char *path, struct jv **out);
/* GET as text into out (capped by out->max): pod logs. */
int kube_get_text(struct kube *k, const char *path, struct buf *out);
/* PATCH with a merge patch (application/merge-patch+json); *out may be NULL. */
int kube_patch(struct kube *k, const char *path, const struct jv *patch, struct jv **out);
/*
 * A WATCH request: on_line gets every line of a 2xx body as it arrives
 * (return non-zero to stop: the call then returns ERR_FAIL and *stopped
 * is 1). *status is the HTTP status (0 when none). Returns 0 when the
 * stream ended, ERR_TIMEOUT at the deadline, or the HTTP layer's error.
 */
int kube_watch_stream(struct kube *k, const char *path, long timeout_s,
		      http_line_fn on_line, void *ctx, long *status, int *stopped,
		      struct buf *err_body);

/* Runs the exec credential plugin now (src/svc/kube_exec.c); fills
 * k->exec_token or exec_cert/exec_key and exec_expiry_ms. */
int kube_exec_run(struct kube *k);

#endif
