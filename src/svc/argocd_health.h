/* argocd_health.h - Argo CD's built-in health assessment of Kubernetes objects. */
#ifndef SHIP_ARGOCD_HEALTH_H
#define SHIP_ARGOCD_HEALTH_H

#include <stddef.h>
#include "core/jv.h"

/* Argo CD's health codes (gitops-engine pkg/health), worst last. */
enum argocd_health {
	ARGOCD_HEALTH_UNKNOWN = 0,
	ARGOCD_HEALTH_HEALTHY,
	ARGOCD_HEALTH_SUSPENDED,
	ARGOCD_HEALTH_PROGRESSING,
	ARGOCD_HEALTH_MISSING,
	ARGOCD_HEALTH_DEGRADED
};

/* "Healthy", "Progressing", ... as Argo CD spells them. Static storage. */
const char *argocd_health_name(enum argocd_health h);
/* The code for an Argo CD spelling; ARGOCD_HEALTH_UNKNOWN when unknown. */
enum argocd_health argocd_health_parse(const char *s);

/*
 * Assesses one live object the way Argo CD's built-in checks do for
 * Deployment, StatefulSet, DaemonSet, ReplicaSet, Pod, Job, PVC, Service,
 * Ingress, HorizontalPodAutoscaler and APIService. The message (Argo's
 * health message, may quote untrusted text) goes into msg[0..n).
 * Returns 0, or ERR_NOTFOUND when Argo CD has no built-in check for the
 * kind (it then leaves health unset), or ERR_INVALID for a malformed
 * object (e.g. an HPA conditions annotation that is not JSON).
 */
int argocd_health_assess(const struct jv *obj, enum argocd_health *out,
			 char *msg, size_t n);

#endif
