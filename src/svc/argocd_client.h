/* argocd_client.h - Argo CD REST API: applications, sync, rollback, terminate, watch stream. */
#ifndef SHIP_ARGOCD_CLIENT_H
#define SHIP_ARGOCD_CLIENT_H

#include "core/http.h"
#include "core/jv.h"

/*
 * The server comes from $ARGOCD_SERVER (host[:port] means https://, or a
 * full http(s) URL), the token from $ARGOCD_AUTH_TOKEN (a secret:
 * registered for redaction at once, never a flag). Errors carry Argo CD's
 * message ({"error", "code", "message"} bodies of grpc-gateway).
 */
struct argocd {
	struct http_client *http;  /* owned */
	char *base;                /* "https://host:port" (owned) */
	char *auth;                /* "Bearer ..." (owned) */
	long long deadline_ms;     /* absolute http_now_ms() limit; 0: none */
};

/* ERR_USAGE when ARGOCD_SERVER or ARGOCD_AUTH_TOKEN is missing. Caller
 * frees with argocd_close(). ca_file: --ca-file or NULL. */
int argocd_open(struct argocd **out, const char *ca_file);
void argocd_close(struct argocd *a);

/* GET /api/v1/applications/NAME (appNamespace/project when not NULL);
 * *out a new reference. 404 ERR_NOTFOUND, 401/403 ERR_USAGE, else ERR_SERVICE. */
int argocd_app_get(struct argocd *a, const char *name, const char *ns, const char *project,
		   struct jv **out);
/*
 * POST .../sync with the revision (NULL: the app's target). *busy is 1
 * (and 0 returned) when Argo CD says "another operation is already in
 * progress": the caller retries later.
 */
int argocd_app_sync(struct argocd *a, const char *name, const char *ns, const char *project,
		    const char *revision, int *busy);
/* POST .../rollback to history entry id. */
int argocd_app_rollback(struct argocd *a, const char *name, const char *ns,
			const char *project, long long id);
/* DELETE .../operation: terminates the running sync. */
int argocd_app_terminate(struct argocd *a, const char *name, const char *ns,
			 const char *project);
/*
 * GET /api/v1/stream/applications?name=NAME: every line goes to on_line
 * (return non-zero to stop). *status is the HTTP status; a non-2xx body
 * lands in err_body (capped). Returns what http_do returns.
 */
int argocd_app_stream(struct argocd *a, const char *name, const char *ns, const char *project,
		      long idle_ms, http_line_fn on_line, void *ctx, long *status,
		      struct buf *err_body);

#endif
