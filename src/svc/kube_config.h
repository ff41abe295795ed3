/* kube_config.h - where and how to reach the Kubernetes API: kubeconfig or in-cluster. */
#ifndef SHIP_KUBE_CONFIG_H
#define SHIP_KUBE_CONFIG_H

#include <stddef.h>

/* user.exec of a kubeconfig (client.authentication.k8s.io credential plugin). */
struct kube_exec {
	char *command;
	char **args;              /* nargs strings */
	size_t nargs;
	char **env;               /* nenv "NAME=VALUE" strings */
	size_t nenv;
	char *api_version;        /* client.authentication.k8s.io/v1 or v1beta1 */
	char *interactive_mode;   /* Never | IfAvailable | Always, or NULL */
	int provide_cluster_info;
};

/*
 * Everything is owned by the struct (kube_config_free). Paths (and an
 * exec command containing '/') are made absolute relative to the directory
 * of the kubeconfig file the entry came from, as client-go does.
 * *_data fields hold decoded PEM bytes (from the base64 *-data keys).
 * token, password and key_data are registered with log_add_secret() as
 * soon as they are read.
 */
struct kube_config {
	char *context;            /* the selected context's name ("" in-cluster) */
	char *server;             /* https://host:port (IPv6 in brackets) */
	char *namespace;          /* the context's namespace, else "default" */
	char *ca_file, *ca_data;
	size_t ca_len;
	int insecure;             /* insecure-skip-tls-verify */
	char *tls_server_name, *proxy_url;
	char *token;
	char *token_file;         /* re-read on each request: bound tokens rotate */
	char *cert_file, *cert_data, *key_file, *key_data;
	size_t cert_len, key_len;
	char *username, *password;
	struct kube_exec *exec;   /* NULL when the user has no exec plugin */
};

/*
 * Parses kubeconfig text (YAML or JSON) named `name` in errors; `dir` is
 * its directory for relative paths (NULL: leave them). `context` selects a
 * context (NULL: current-context). Errors are ERR_INVALID with
 * "NAME: what is wrong" (unknown context, missing cluster, a *-data field
 * that is not base64, a removed auth-provider), ERR_TOOBIG over `max`.
 */
int kube_config_parse(struct kube_config *c, const char *data, size_t len,
		      size_t max, const char *name, const char *dir,
		      const char *context);
/* Reads and parses the kubeconfig file at path (exactly that file). */
int kube_config_load(struct kube_config *c, const char *path,
		     const char *context, size_t max);
/*
 * Merges the ':'-separated kubeconfig files of `list` as kubectl does:
 * files in order, missing ones (and empty entries) skipped; a named
 * cluster, user or context comes from the first file that has it;
 * current-context from the first file that sets one. Relative paths of
 * an entry resolve against the directory of the file it came from. Each
 * file is capped at `max` bytes, at most 32 files. ERR_NOTFOUND when none
 * of the files exists; a file that exists but does not parse is an error.
 */
int kube_config_load_list(struct kube_config *c, const char *list,
			  const char *context, size_t max);
/*
 * `--kubeconfig FILE` (kubeconfig != NULL): exactly that file, no merge.
 * Otherwise the merged `env` ($KUBECONFIG) list; ERR_NOTFOUND when env is
 * unset/empty or names no existing file (the caller then tries in-cluster
 * and ~/.kube/config).
 */
int kube_config_load_env(struct kube_config *c, const char *kubeconfig,
			 const char *env, const char *context, size_t max);
/*
 * The in-cluster configuration of a pod: KUBERNETES_SERVICE_HOST and
 * _PORT from the environment (env_get, e.g. getenv), token file, CA and
 * namespace under sa_dir (NULL: /var/run/secrets/kubernetes.io/serviceaccount).
 * ERR_NOTFOUND when not running in a cluster.
 */
int kube_config_in_cluster(struct kube_config *c, char *(*env_get)(const char *),
			   const char *sa_dir);
void kube_config_free(struct kube_config *c);

#endif
