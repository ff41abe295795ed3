/* argocd_wait.c - when an Argo CD Application counts as deployed, failed or still going. */
#include "deploy/argocd_wait.h"
#include "core/buf.h"
#include "core/err.h"
#include "svc/kube_obj.h"

#include <ctype.h>
#include <string.h>

int argocd_revision_match(const char *have, const char *want)
{
	size_t n, i;

	if (!want || !*want)
		return 1;
	if (!have)
		return 0;
	if (!strcmp(have, want))
		return 1;
	n = strlen(want);
	if (n < 7 || strlen(have) != 40 || strncasecmp(have, want, n))
		return 0;
	for (i = 0; i < n; i++)
		if (!isxdigit((unsigned char)want[i]))
			return 0;
	return 1;
}

/* Any of `rev` or `revs[]` under obj matches. */
static int revisions_match(const struct jv *obj, const char *want)
{
	struct jv *revs = jv_get(obj, "revisions");
	size_t i;

	if (!want)
		return 1;
	if (argocd_revision_match(jv_get_str(obj, "revision"), want))
		return 1;
	for (i = 0; i < jv_len(revs); i++)
		if (argocd_revision_match(jv_str(jv_at(revs, i)), want))
			return 1;
	return 0;
}

static const char *op_revision(const struct jv *op)
{
	const char *r = kube_str(op, "syncResult.revision");
	struct jv *rs;

	if (!r)
		r = kube_str(op, "operation.sync.revision");
	if (!r && (rs = kube_path(op, "syncResult.revisions")))
		r = jv_str(jv_at(rs, 0));
	return r ? r : "(none)";
}

static int op_matches(const struct jv *op, const char *want)
{
	return revisions_match(kube_path(op, "syncResult"), want) ||
	       revisions_match(kube_path(op, "operation.sync"), want);
}

/* "Kind/name: message" of the first resources in `list` whose `field`
 * equals `value` (at most 3), appended to b. */
static void list_resources(struct buf *b, const struct jv *list, const char *field,
			   const char *value, const char *msgfield)
{
	const struct jv *r;
	const char *s, *m;
	size_t i;
	int n = 0;

	for (i = 0; i < jv_len(list) && n < 3; i++) {
		r = jv_at(list, i);
		s = kube_str(r, field);
		if (!s || strcmp(s, value))
			continue;
		m = kube_str(r, msgfield);
		buf_printf(b, "%s%s/%s%s%s", n++ ? "; " : " (", jv_get_str(r, "kind") ? jv_get_str(r, "kind") : "?",
			   jv_get_str(r, "name") ? jv_get_str(r, "name") : "?", m && *m ? ": " : "", m ? m : "");
	}
	if (n)
		buf_puts(b, ")");
}

static void op_failed(const struct jv *op, struct deploy_verdict *v)
{
	struct buf b = BUF_INIT(DEPLOY_REASON_MAX);
	const char *msg = kube_str(op, "message");

	buf_printf(&b, "sync operation %s: %s", kube_str(op, "phase"), msg ? msg : "");
	list_resources(&b, kube_path(op, "syncResult.resources"), "status", "SyncFailed", "message");
	deploy_verdict_set(v, DEPLOY_FAILED, "%s", buf_cstr(&b));
	buf_release(&b);
}

static void degraded(const struct jv *app, struct deploy_verdict *v)
{
	struct buf b = BUF_INIT(DEPLOY_REASON_MAX);
	const char *msg = kube_str(app, "status.health.message");

	buf_printf(&b, "health Degraded after the sync%s%s", msg && *msg ? ": " : "", msg ? msg : "");
	list_resources(&b, kube_path(app, "status.resources"), "health.status", "Degraded", "health.message");
	deploy_verdict_set(v, DEPLOY_FAILED, "%s", buf_cstr(&b));
	buf_release(&b);
}

/* The operation gates: 1 when v was decided (progressing or failed). */
static int operation_gate(const struct jv *app, const struct argocd_wait_opts *o,
			  struct deploy_verdict *v)
{
	struct jv *op = kube_path(app, "status.operationState");
	const char *phase = kube_str(op, "phase");
	long long fin, rec;

	if (kube_has(app, "operation")) {
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "sync operation %s: %s",
				   phase ? phase : "requested", kube_str(op, "message") ? kube_str(op, "message") : "");
		return 1;
	}
	if (!op && !o->sync_requested_ns)
		return 0; /* never synced by an operation: sync status decides */
	if (!op)
		return deploy_verdict_set(v, DEPLOY_PROGRESSING, "waiting for the sync operation to start"), 1;
	if (o->sync_requested_ns &&
	    kube_time_at(op, "startedAt", 0) / KUBE_NS_PER_SEC < o->sync_requested_ns / KUBE_NS_PER_SEC)
		return deploy_verdict_set(v, DEPLOY_PROGRESSING, "waiting for the requested sync to start"), 1;
	if (!op_matches(op, o->revision))
		return deploy_verdict_set(v, DEPLOY_PROGRESSING, "last sync was of revision %s, waiting for a sync of %s",
					  op_revision(op), o->revision), 1;
	if (phase && (!strcmp(phase, "Failed") || !strcmp(phase, "Error")))
		return op_failed(op, v), 1;
	if (!phase || strcmp(phase, "Succeeded"))
		return deploy_verdict_set(v, DEPLOY_PROGRESSING, "sync operation %s", phase ? phase : "pending"), 1;
	fin = kube_time_at(op, "finishedAt", 0);
	rec = kube_time_at(app, "status.reconciledAt", 0);
	if (!fin)
		return deploy_verdict_set(v, DEPLOY_PROGRESSING, "sync operation has not finished"), 1;
	if (rec / KUBE_NS_PER_SEC < fin / KUBE_NS_PER_SEC)
		return deploy_verdict_set(v, DEPLOY_PROGRESSING, "waiting for Argo CD to reconcile after the sync finished at %s",
					  kube_str(op, "finishedAt")), 1;
	return 0;
}

int argocd_wait_status(const struct jv *app, const struct argocd_wait_opts *o,
		       struct deploy_verdict *v)
{
	static const struct argocd_wait_opts none;
	const char *kind = jv_get_str(app, "kind"), *sync, *health, *hmsg;

	if (!o)
		o = &none;
	deploy_verdict_set(v, DEPLOY_PROGRESSING, "not evaluated");
	if (kind && strcmp(kind, "Application"))
		return err_setc(ERR_INVALID, "%s: not an Argo CD Application", kind);
	if (jv_type(app) != JV_OBJ || !kube_str(app, "metadata.name"))
		return err_setc(ERR_INVALID, "Application without metadata.name");
	if (kube_has(app, "metadata.deletionTimestamp"))
		return deploy_verdict_set(v, DEPLOY_FAILED, "application is being deleted"), 0;
	if (operation_gate(app, o, v))
		return 0;
	sync = kube_str(app, "status.sync.status");
	health = kube_str(app, "status.health.status");
	hmsg = kube_str(app, "status.health.message");
	if (!sync || strcmp(sync, "Synced"))
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "sync status %s", sync ? sync : "Unknown");
	else if (!revisions_match(kube_path(app, "status.sync"), o->revision))
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "synced to revision %s, waiting for %s",
				   kube_str(app, "status.sync.revision") ? kube_str(app, "status.sync.revision") : "(none)",
				   o->revision);
	else if (health && !strcmp(health, "Healthy"))
		deploy_verdict_set(v, DEPLOY_DONE, "Synced and Healthy%s%s", o->revision ? " at " : "",
				   o->revision ? o->revision : "");
	else if (health && !strcmp(health, "Degraded"))
		degraded(app, v);
	else
		deploy_verdict_set(v, DEPLOY_PROGRESSING, "health %s%s%s", health ? health : "Unknown",
				   hmsg && *hmsg ? ": " : "", hmsg ? hmsg : "");
	return 0;
}
