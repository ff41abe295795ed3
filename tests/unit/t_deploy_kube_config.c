/* t_deploy_kube_config.c - kubeconfig selection, paths, *-data, exec, in-cluster. */
#include "unit.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "svc/kube_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* As `gcloud container clusters get-credentials` and kind write them. */
static const char kubeconfig[] =
	"apiVersion: v1\n"
	"kind: Config\n"
	"current-context: kind-ci\n"
	"preferences: {}\n"
	"clusters:\n"
	"- name: kind-ci\n"
	"  cluster:\n"
	"    server: https://127.0.0.1:43117\n"
	"    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUI=\n"
	"- name: gke_proj_europe-west1_prod\n"
	"  cluster:\n"
	"    server: https://34.76.10.2\n"
	"    certificate-authority: certs/gke-ca.pem\n"
	"    tls-server-name: kubernetes.default\n"
	"contexts:\n"
	"- name: kind-ci\n"
	"  context: {cluster: kind-ci, user: kind-ci, namespace: apps}\n"
	"- name: gke-prod\n"
	"  context:\n"
	"    cluster: gke_proj_europe-west1_prod\n"
	"    user: gke-user\n"
	"users:\n"
	"- name: kind-ci\n"
	"  user:\n"
	"    token: eyJhbGciOiJSUzI1NiJ9.kind-ci-token\n"
	"- name: gke-user\n"
	"  user:\n"
	"    exec:\n"
	"      apiVersion: client.authentication.k8s.io/v1beta1\n"
	"      command: gke-gcloud-auth-plugin\n"
	"      args: [--use_application_default_credentials]\n"
	"      env:\n"
	"      - {name: CLOUDSDK_CORE_PROJECT, value: proj}\n"
	"      installHint: Install gke-gcloud-auth-plugin\n"
	"      provideClusterInfo: true\n"
	"      interactiveMode: Never\n";

TEST(kube_config_current_context_with_token)
{
	struct kube_config c;
	char red[128];

	log_clear_secrets();
	CHECK_INT(kube_config_parse(&c, kubeconfig, strlen(kubeconfig), 1 << 20, "kubeconfig", "/home/ci/.kube", NULL), 0);
	CHECK_STR(c.context, "kind-ci");
	CHECK_STR(c.server, "https://127.0.0.1:43117");
	CHECK_STR(c.namespace, "apps");
	CHECK_STR(c.ca_data, "-----BEGIN CERTIFICATE-----\nMIIB");
	CHECK_INT(c.ca_len, 32);
	CHECK_STR(c.token, "eyJhbGciOiJSUzI1NiJ9.kind-ci-token");
	CHECK(c.exec == NULL);
	log_redact("Bearer eyJhbGciOiJSUzI1NiJ9.kind-ci-token", 41, red, sizeof(red));
	CHECK_STR(red, "Bearer ***");
	kube_config_free(&c);
	log_clear_secrets();
}

TEST(kube_config_other_context_with_exec_and_relative_ca)
{
	struct kube_config c;

	CHECK_INT(kube_config_parse(&c, kubeconfig, strlen(kubeconfig), 1 << 20, "kubeconfig", "/home/ci/.kube",
				    "gke-prod"), 0);
	CHECK_STR(c.server, "https://34.76.10.2");
	CHECK_STR(c.namespace, "default");
	CHECK_STR(c.ca_file, "/home/ci/.kube/certs/gke-ca.pem");
	CHECK_STR(c.tls_server_name, "kubernetes.default");
	CHECK(c.token == NULL);
	CHECK(c.exec != NULL);
	if (c.exec) {
		CHECK_STR(c.exec->command, "gke-gcloud-auth-plugin");
		CHECK_INT(c.exec->nargs, 1);
		CHECK_STR(c.exec->args[0], "--use_application_default_credentials");
		CHECK_INT(c.exec->nenv, 1);
		CHECK_STR(c.exec->env[0], "CLOUDSDK_CORE_PROJECT=proj");
		CHECK_STR(c.exec->api_version, "client.authentication.k8s.io/v1beta1");
		CHECK_STR(c.exec->interactive_mode, "Never");
		CHECK_INT(c.exec->provide_cluster_info, 1);
	}
	kube_config_free(&c);
	log_clear_secrets();
}

static int parse_err(const char *text, const char *context)
{
	struct kube_config c;
	int rc = kube_config_parse(&c, text, strlen(text), 1 << 20, "kc", NULL, context);

	if (rc == 0)
		kube_config_free(&c);
	return rc;
}

TEST(kube_config_errors_name_the_problem)
{
	CHECK_INT(parse_err(kubeconfig, "staging"), ERR_INVALID);
	CHECK_STR(err_last(), "kc: context \"staging\" not found");
	CHECK_INT(parse_err("apiVersion: v1\nclusters: []\n", NULL), ERR_INVALID);
	CHECK_STR(err_last(), "kc: no current-context and no context given");
	CHECK_INT(parse_err("current-context: a\ncontexts: [{name: a, context: {cluster: x, user: u}}]\n", NULL),
		  ERR_INVALID);
	CHECK_STR(err_last(), "kc: context \"a\": cluster \"x\" not found or without server");
	CHECK_INT(parse_err("current-context: a\ncontexts: [{name: a, context: {cluster: x, user: u}}]\n"
			    "clusters: [{name: x, cluster: {server: 'https://h', certificate-authority-data: '%%%'}}]\n"
			    "users: [{name: u, user: {}}]\n", NULL), ERR_INVALID);
	CHECK_STR(err_last(), "kc: certificate-authority-data is not valid base64");
	CHECK_INT(parse_err("current-context: a\ncontexts: [{name: a, context: {cluster: x, user: u}}]\n"
			    "clusters: [{name: x, cluster: {server: 'https://h'}}]\n"
			    "users: [{name: u, user: {auth-provider: {name: gcp}}}]\n", NULL), ERR_INVALID);
	CHECK(strstr(err_last(), "auth-provider was removed in Kubernetes 1.26") != NULL);
	CHECK_INT(parse_err("- just\n- a list\n", NULL), ERR_INVALID);
	CHECK_INT(parse_err("a: [unclosed\n", NULL), ERR_INVALID);
	CHECK(strstr(err_last(), "kc: line ") != NULL);
}

TEST(kube_config_load_resolves_paths_next_to_the_file)
{
	struct kube_config c;
	char path[1024];
	const char *dir = unit_tmpdir();
	const char *text = "current-context: a\ncontexts: [{name: a, context: {cluster: x, user: u}}]\n"
			   "clusters: [{name: x, cluster: {server: 'https://h:6443', certificate-authority: ca.pem}}]\n"
			   "users: [{name: u, user: {tokenFile: tok, client-certificate: /etc/pki/c.pem}}]\n";

	snprintf(path, sizeof(path), "%s/config", dir);
	CHECK_INT(fs_write_atomic(path, text, strlen(text), 0600), 0);
	CHECK_INT(kube_config_load(&c, path, NULL, 1 << 20), 0);
	snprintf(path, sizeof(path), "%s/ca.pem", dir);
	CHECK_STR(c.ca_file, path);
	snprintf(path, sizeof(path), "%s/tok", dir);
	CHECK_STR(c.token_file, path);
	CHECK_STR(c.cert_file, "/etc/pki/c.pem");
	kube_config_free(&c);
	snprintf(path, sizeof(path), "%s/missing", dir);
	CHECK_INT(kube_config_load(&c, path, NULL, 1 << 20), ERR_NOTFOUND);
}

static const char *fake_host;
static char *fake_env(const char *name)
{
	if (!strcmp(name, "KUBERNETES_SERVICE_HOST"))
		return (char *)fake_host;
	if (!strcmp(name, "KUBERNETES_SERVICE_PORT"))
		return (char *)"443";
	return NULL;
}

TEST(kube_config_in_cluster)
{
	struct kube_config c;
	char path[1024];
	const char *dir = unit_tmpdir();

	fake_host = NULL;
	CHECK_INT(kube_config_in_cluster(&c, fake_env, dir), ERR_NOTFOUND);
	fake_host = "fd00:10:96::1";
	CHECK_INT(kube_config_in_cluster(&c, fake_env, dir), ERR_NOTFOUND);
	CHECK(strstr(err_last(), "no service account token") != NULL);
	snprintf(path, sizeof(path), "%s/token", dir);
	CHECK_INT(fs_write_atomic(path, "tok", 3, 0600), 0);
	snprintf(path, sizeof(path), "%s/namespace", dir);
	CHECK_INT(fs_write_atomic(path, "ci-runners\n", 11, 0600), 0);
	CHECK_INT(kube_config_in_cluster(&c, fake_env, dir), 0);
	CHECK_STR(c.server, "https://[fd00:10:96::1]:443");
	CHECK_STR(c.namespace, "ci-runners");
	snprintf(path, sizeof(path), "%s/ca.crt", dir);
	CHECK_STR(c.ca_file, path);
	kube_config_free(&c);
	fake_host = "10.96.0.1";
	CHECK_INT(kube_config_in_cluster(&c, fake_env, dir), 0);
	CHECK_STR(c.server, "https://10.96.0.1:443");
	kube_config_free(&c);
}

/* Writes text to DIR/rel (creating DIR/sub when rel has one); out gets the path. */
static void put(char *out, size_t n, const char *dir, const char *rel, const char *text)
{
	char sub[1024];

	snprintf(sub, sizeof(sub), "%s/b", dir);
	(void)fs_mkdirs(sub, 0700);
	snprintf(out, n, "%s/%s", dir, rel);
	(void)fs_write_atomic(out, text, strlen(text), 0600);
}

/* File a: current-context and the context; its cluster and user are in b. */
static const char merge_a[] =
	"current-context: web\n"
	"contexts: [{name: web, context: {cluster: prod, user: deployer, namespace: web}}]\n"
	"users: [{name: other, user: {token: not-this-one}}]\n";
/* File b (in another directory): current-context that must lose, the cluster,
 * the user and duplicates of a's context that must lose. */
static const char merge_b[] =
	"current-context: staging\n"
	"contexts:\n"
	"- {name: web, context: {cluster: prod, user: deployer, namespace: from-b}}\n"
	"- {name: staging, context: {cluster: prod, user: deployer}}\n"
	"clusters: [{name: prod, cluster: {server: 'https://prod:6443', certificate-authority: ca.pem}}]\n"
	"users:\n"
	"- name: deployer\n"
	"  user:\n"
	"    tokenFile: tok\n"
	"    client-certificate: certs/c.pem\n"
	"    client-key: /abs/k.pem\n"
	"    exec: {command: ./bin/auth, apiVersion: client.authentication.k8s.io/v1}\n";

TEST(kube_config_merge_entries_split_across_files)
{
	struct kube_config c;
	char a[1024], b[1024], list[4096], want[1024];
	const char *dir = unit_tmpdir();

	put(a, sizeof(a), dir, "a.yaml", merge_a);
	put(b, sizeof(b), dir, "b/config", merge_b);
	snprintf(list, sizeof(list), "%s:%s", a, b);
	CHECK_INT(kube_config_load_list(&c, list, NULL, 1 << 20), 0);
	CHECK_STR(c.context, "web");        /* current-context from the first setter */
	CHECK_STR(c.namespace, "web");      /* a's context wins over b's duplicate */
	CHECK_STR(c.server, "https://prod:6443");
	snprintf(want, sizeof(want), "%s/b/ca.pem", dir);   /* relative to b, not a */
	CHECK_STR(c.ca_file, want);
	snprintf(want, sizeof(want), "%s/b/tok", dir);
	CHECK_STR(c.token_file, want);
	snprintf(want, sizeof(want), "%s/b/certs/c.pem", dir);
	CHECK_STR(c.cert_file, want);
	CHECK_STR(c.key_file, "/abs/k.pem");
	CHECK(c.exec != NULL);
	snprintf(want, sizeof(want), "%s/b/./bin/auth", dir);
	if (c.exec)
		CHECK_STR(c.exec->command, want);
	kube_config_free(&c);

	/* Reversed order: b's current-context and b's duplicate of "web" win. */
	snprintf(list, sizeof(list), "%s:%s", b, a);
	CHECK_INT(kube_config_load_list(&c, list, NULL, 1 << 20), 0);
	CHECK_STR(c.context, "staging");
	kube_config_free(&c);
	CHECK_INT(kube_config_load_list(&c, list, "web", 1 << 20), 0);
	CHECK_STR(c.namespace, "from-b");
	kube_config_free(&c);
}

TEST(kube_config_merge_first_user_wins)
{
	struct kube_config c;
	char a[1024], b[1024], list[4096];
	const char *dir = unit_tmpdir();

	put(a, sizeof(a), dir, "a", "current-context: x\n"
	    "contexts: [{name: x, context: {cluster: k, user: u}}]\n"
	    "users: [{name: u, user: {token: first-token}}]\n");
	put(b, sizeof(b), dir, "b/b", "clusters: [{name: k, cluster: {server: 'https://k'}}]\n"
	    "users: [{name: u, user: {token: second-token}}]\n");
	snprintf(list, sizeof(list), "%s:%s", a, b);
	CHECK_INT(kube_config_load_list(&c, list, NULL, 1 << 20), 0);
	CHECK_STR(c.token, "first-token");
	kube_config_free(&c);
	snprintf(list, sizeof(list), "%s:%s", b, a);
	CHECK_INT(kube_config_load_list(&c, list, NULL, 1 << 20), 0);
	CHECK_STR(c.token, "second-token");
	kube_config_free(&c);
	log_clear_secrets();
}

TEST(kube_config_merge_skips_missing_and_empty_entries)
{
	struct kube_config c;
	char a[1024], b[1024], e[1024], list[4096], want[1200];
	const char *dir = unit_tmpdir();

	put(a, sizeof(a), dir, "a", merge_a);
	put(b, sizeof(b), dir, "b/config", merge_b);
	put(e, sizeof(e), dir, "empty", "");
	snprintf(list, sizeof(list), "%s/nope::%s:%s:%s:%s/b/nope", dir, e, a, b, dir);
	CHECK_INT(kube_config_load_list(&c, list, NULL, 1 << 20), 0);
	CHECK_STR(c.context, "web");
	kube_config_free(&c);

	snprintf(list, sizeof(list), "%s/nope:%s/nope2", dir, dir);
	CHECK_INT(kube_config_load_list(&c, list, NULL, 1 << 20), ERR_NOTFOUND);
	CHECK(strstr(err_last(), "none of its files exists") != NULL);
	CHECK_INT(kube_config_load_list(&c, "", NULL, 1 << 20), ERR_NOTFOUND);

	/* Only a: its context names a cluster nobody defines; the error names the file. */
	snprintf(list, sizeof(list), "%s/nope:%s", dir, a);
	CHECK_INT(kube_config_load_list(&c, list, NULL, 1 << 20), ERR_INVALID);
	snprintf(want, sizeof(want), "%s: context \"web\": cluster \"prod\" not found or without server", a);
	CHECK_STR(err_last(), want);
	log_clear_secrets();
}

TEST(kube_config_merge_errors)
{
	struct kube_config c;
	char a[1024], bad[1024], list[4096], want[4200];
	const char *dir = unit_tmpdir();

	put(a, sizeof(a), dir, "a", merge_a);
	put(bad, sizeof(bad), dir, "bad", "- not\n- a mapping\n");
	snprintf(list, sizeof(list), "%s:%s", a, bad);
	CHECK_INT(kube_config_load_list(&c, list, NULL, 1 << 20), ERR_INVALID);
	snprintf(want, sizeof(want), "%s: not a kubeconfig (expected a mapping)", bad);
	CHECK_STR(err_last(), want);
	put(bad, sizeof(bad), dir, "bad", "current-context: [\n");
	CHECK_INT(kube_config_load_list(&c, list, NULL, 1 << 20), ERR_INVALID);
	CHECK(strstr(err_last(), "line ") != NULL);
	put(bad, sizeof(bad), dir, "bad", "clusters: [{name: prod, cluster: {server: 'https://p'}}]\n");
	CHECK_INT(kube_config_load_list(&c, list, "nope", 1 << 20), ERR_INVALID);
	snprintf(want, sizeof(want), "%s: context \"nope\" not found", list);
	CHECK_STR(err_last(), want);
	CHECK_INT(kube_config_load_list(&c, list, NULL, 1 << 20), ERR_INVALID); /* no user deployer */
	CHECK(strstr(err_last(), "user \"deployer\" not found") != NULL);
	CHECK_INT(kube_config_load_list(&c, list, NULL, 16), ERR_TOOBIG);
}

TEST(kube_config_kubeconfig_flag_disables_merging)
{
	struct kube_config c;
	char a[1024], b[1024], list[4096];
	const char *dir = unit_tmpdir();

	put(a, sizeof(a), dir, "a", merge_a);
	put(b, sizeof(b), dir, "b/config", merge_b);
	snprintf(list, sizeof(list), "%s:%s", a, b);
	CHECK_INT(kube_config_load_env(&c, NULL, list, NULL, 1 << 20), 0);
	CHECK_STR(c.server, "https://prod:6443");
	kube_config_free(&c);
	/* --kubeconfig a: exactly that file, b's cluster is not merged in. */
	CHECK_INT(kube_config_load_env(&c, a, list, NULL, 1 << 20), ERR_INVALID);
	CHECK(strstr(err_last(), "cluster \"prod\" not found") != NULL);
	CHECK_INT(kube_config_load_env(&c, b, list, NULL, 1 << 20), 0);
	CHECK_STR(c.context, "staging");
	kube_config_free(&c);
	CHECK_INT(kube_config_load_env(&c, NULL, NULL, NULL, 1 << 20), ERR_NOTFOUND);
	CHECK_INT(kube_config_load_env(&c, NULL, "", NULL, 1 << 20), ERR_NOTFOUND);
	log_clear_secrets();
}

TEST(kube_config_exec_bare_command_is_left_for_path)
{
	struct kube_config c;
	const char *text = "current-context: a\ncontexts: [{name: a, context: {cluster: x, user: u}}]\n"
			   "clusters: [{name: x, cluster: {server: 'https://h'}}]\n"
			   "users: [{name: u, user: {exec: {command: kubelogin}}}]\n";

	CHECK_INT(kube_config_parse(&c, text, strlen(text), 1 << 20, "kc", "/home/ci/.kube", NULL), 0);
	CHECK(c.exec != NULL);
	if (c.exec)
		CHECK_STR(c.exec->command, "kubelogin");
	kube_config_free(&c);
}
