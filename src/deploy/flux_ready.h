/* flux_ready.h - readiness of Flux Kustomizations and HelmReleases after a reconcile. */
#ifndef SHIP_DEPLOY_FLUX_READY_H
#define SHIP_DEPLOY_FLUX_READY_H

#include "core/jv.h"
#include "deploy/verdict.h"

struct flux_ready_opts {
	/* The reconcile.fluxcd.io/requestedAt value ship wrote (when it
	 * requested a reconcile); the controller echoes it in
	 * status.lastHandledReconcileAt. NULL: no request made. */
	const char *requested_at;
	/* Wanted source revision (e.g. "main@sha1:<sha>", a SHA or a chart
	 * version) matched against lastAppliedRevision (Kustomization) or
	 * lastAttemptedRevision (HelmRelease); NULL = any. A SHA matches the
	 * "@sha1:<sha>" suffix too. */
	const char *revision;
};

/*
 * Evaluates a Kustomization (kustomize.toolkit.fluxcd.io) or HelmRelease
 * (helm.toolkit.fluxcd.io):
 *   not judged until status.observedGeneration >= metadata.generation,
 *   lastHandledReconcileAt == requested_at, and the Ready condition is
 *   for the current generation (its observedGeneration, when present);
 *   FAILED: spec.suspend, Stalled=True, Ready=False with a failure reason
 *   (HelmRelease: InstallFailed, UpgradeFailed, TestFailed, RollbackFailed,
 *   UninstallFailed, and RollbackSucceeded/UninstallSucceeded, which mean
 *   the release failed and was remediated; Kustomization: BuildFailed,
 *   HealthCheckFailed, PruneFailed, ArtifactFailed, ReconciliationFailed);
 *   DONE: Ready=True (at the wanted revision);
 *   PROGRESSING otherwise (Reconciling, DependencyNotReady, Unknown).
 * Returns 0, or ERR_INVALID for another kind.
 */
int flux_ready_status(const struct jv *obj, const struct flux_ready_opts *o,
		      struct deploy_verdict *v);

#endif
