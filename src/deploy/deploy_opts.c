/* deploy_opts.c - the option table of `ship deploy-watch`. */
#include "deploy/deploy.h"

const struct opt_spec deploy_opts[] = {
	{ "argocd-app", 0, OPT_STR, "NAME", NULL, "watch an Argo CD Application (server: $ARGOCD_SERVER)" },
	{ "app-namespace", 0, OPT_STR, "NS", NULL, "namespace of the Argo CD Application" },
	{ "project", 0, OPT_STR, "NAME", NULL, "Argo CD project" },
	{ "sync", 0, OPT_FLAG, NULL, NULL, "sync the application before watching" },
	{ "revision", 0, OPT_STR, "REV", NULL, "expected revision (default: from publish state)" },
	{ "rollback-on-failure", 0, OPT_FLAG, NULL, NULL, "roll back to the previous history entry on failure" },
	{ "terminate-on-timeout", 0, OPT_FLAG, NULL, NULL, "terminate the running operation at the deadline" },
	{ "k8s", 0, OPT_LIST, "KIND/NAME", NULL, "watch a deployment, statefulset, daemonset or job" },
	{ "namespace", 'n', OPT_STR, "NS", NULL, "Kubernetes namespace" },
	{ "kubeconfig", 0, OPT_STR, "FILE", NULL, "kubeconfig file (default: $KUBECONFIG, in-cluster)" },
	{ "context", 0, OPT_STR, "NAME", NULL, "kubeconfig context" },
	{ "flux", 0, OPT_LIST, "KIND/NAME", NULL, "watch a Flux kustomization or helmrelease" },
	{ "reconcile", 0, OPT_FLAG, NULL, NULL, "request a Flux reconcile before watching" },
	{ "timeout", 0, OPT_STR, "DURATION", "10m", "hard overall deadline (exit 4)" },
	{ "stall-timeout", 0, OPT_STR, "DURATION", "5m", "verdict 'stuck' when nothing changes this long" },
	{ "idle-timeout", 0, OPT_STR, "DURATION", "60s", "reconnect a watch stream silent this long" },
	{ "restart-limit", 0, OPT_INT, "N", "3", "fail when a new pod restarts more often" },
	{ "github-deployment", 0, OPT_STR, "ENV", NULL, "record a GitHub deployment for environment ENV" },
	{ "environment-url", 0, OPT_STR, "URL", NULL, "URL shown with the GitHub deployment" },
	OPT_END
};
