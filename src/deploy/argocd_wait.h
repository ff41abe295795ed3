/* argocd_wait.h - when an Argo CD Application counts as deployed, failed or still going. */
#ifndef SHIP_DEPLOY_ARGOCD_WAIT_H
#define SHIP_DEPLOY_ARGOCD_WAIT_H

#include "core/jv.h"
#include "deploy/verdict.h"

struct argocd_wait_opts {
	/* The revision that must be deployed (a full commit SHA, a 7+ hex
	 * prefix of one, or a tag/chart version compared exactly); NULL = any. */
	const char *revision;
	/* When ship asked for the sync (ns since the epoch), 0 when it did
	 * not: an operationState started before this is an older sync. */
	long long sync_requested_ns;
};

/*
 * Evaluates one Application object (GET /api/v1/applications/NAME or a
 * watch event's "application"):
 *   DONE   = no operation running, operationState Succeeded at the
 *            expected revision, status.reconciledAt >= operationState.
 *            finishedAt (the health was computed after the sync, not a
 *            stale pre-sync "Healthy"), sync Synced at the revision, health
 *            Healthy;
 *   FAILED = operationState Failed/Error (for our revision/sync), health
 *            Degraded once the freshness gate above has passed, or the
 *            application is being deleted;
 *   PROGRESSING otherwise, with what it waits for.
 * Returns 0, or ERR_INVALID when app is not an Application.
 */
int argocd_wait_status(const struct jv *app, const struct argocd_wait_opts *o,
		       struct deploy_verdict *v);

/* 1 when `have` is the wanted revision `want` (equal, or want is a 7+
 * character prefix of a commit SHA). */
int argocd_revision_match(const char *have, const char *want);

#endif
