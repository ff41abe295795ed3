/* kube_config.c - where and how to reach the Kubernetes API: kubeconfig or in-cluster. */
#include "svc/kube_config.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/jv.h"
#include "core/log.h"
#include "svc/kube_yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SA_DIR "/var/run/secrets/kubernetes.io/serviceaccount"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int b64val(int ch)
{
	if (ch >= 'A' && ch <= 'Z') return ch - 'A';
	if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
	if (ch >= '0' && ch <= '9') return ch - '0' + 52;
	if (ch == '+') return 62;
	if (ch == '/') return 63;
	return -1;
}

/* Standard base64 (whitespace ignored, '=' padding optional) into a new
 * NUL-terminated string; *n its length. -1 on invalid input. */
static int b64_decode(const char *s, char **out, size_t *n)
{
	size_t len = strlen(s), o = 0;
	unsigned acc = 0;
	int bits = 0, v;
	char *d = malloc(len / 4 * 3 + 4);

	if (!d)
		return -1;
	for (; *s && *s != '='; s++) {
		if (*s == '\n' || *s == '\r' || *s == ' ' || *s == '\t')
			continue;
		if ((v = b64val((unsigned char)*s)) < 0)
			goto bad;
		acc = (acc << 6) | (unsigned)v;
		if ((bits += 6) >= 8) {
			bits -= 8;
			d[o++] = (char)((acc >> bits) & 0xff);
		}
	}
	for (; *s; s++)
		if (*s != '=' && *s != '\n' && *s != '\r')
			goto bad;
	d[o] = 0;
	*out = d;
	*n = o;
	return 0;
bad:
	free(d);
	return -1;
}

/* One parsed kubeconfig file: its document, name for errors, directory. */
struct kc_file {
	struct jv *doc;
	const char *name;
	const char *dir;
};

/* The `field` object of the first entry named `want` in list `key` over
 * the files in order (kubectl's merge: the first file to set a name wins);
 * *from (when from is not NULL) is the file it came from. */
static struct jv *named(const struct kc_file *f, size_t nf, const char *key,
			const char *field, const char *want, const struct kc_file **from)
{
	struct jv *list;
	const char *n;
	size_t i, j;

	for (j = 0; want && j < nf; j++) {
		list = jv_get(f[j].doc, key);
		for (i = 0; i < jv_len(list); i++) {
			n = jv_get_str(jv_at(list, i), "name");
			if (n && !strcmp(n, want)) {
				if (from)
					*from = &f[j];
				return jv_get(jv_at(list, i), field);
			}
		}
	}
	return NULL;
}

static char *path_in(const char *dir, const char *p)
{
	struct buf b = BUF_INIT(8192);

	if (!p)
		return NULL;
	if (!dir || p[0] == '/')
		return strdup(p);
	buf_printf(&b, "%s/%s", dir, p);
	return buf_detach(&b);
}

static int data_field(const struct jv *o, const char *key, const char *name,
		      char **out, size_t *n)
{
	const char *s = jv_get_str(o, key);

	if (!s)
		return 0;
	if (b64_decode(s, out, n) < 0)
		return err_setc(ERR_INVALID, "%s: %s is not valid base64", name, key);
	return 0;
}

static int secret(char **dst, const char *s)
{
	if (!s)
		return 0;
	if (!(*dst = strdup(s)))
		return err_set("out of memory");
	(void)log_add_secret(s); /* refuses < 4 bytes; such a value is no secret */
	return 0;
}

/* client-go resolves an exec command with a '/' next to its kubeconfig;
 * a bare name is left for the PATH search. */
static char *exec_command(const char *dir, const char *cmd)
{
	return strchr(cmd, '/') ? path_in(dir, cmd) : strdup(cmd);
}

static int exec_block(struct kube_config *c, const struct jv *e, const char *name,
		      const char *dir)
{
	struct kube_exec *x;
	struct jv *args = jv_get(e, "args"), *env = jv_get(e, "env");
	struct buf b = BUF_INIT(1 << 16);
	size_t i;

	if (!jv_get_str(e, "command"))
		return err_setc(ERR_INVALID, "%s: user.exec without command", name);
	if (!(x = c->exec = calloc(1, sizeof(*x))) ||
	    !(x->args = calloc(jv_len(args) + 1, sizeof(char *))) ||
	    !(x->env = calloc(jv_len(env) + 1, sizeof(char *))))
		return err_set("out of memory");
	x->command = exec_command(dir, jv_get_str(e, "command"));
	x->api_version = dup_or_null(jv_get_str(e, "apiVersion"));
	x->interactive_mode = dup_or_null(jv_get_str(e, "interactiveMode"));
	x->provide_cluster_info = jv_bool(jv_get(e, "provideClusterInfo"), 0);
	for (i = 0; i < jv_len(args); i++)
		if (jv_str(jv_at(args, i)))
			x->args[x->nargs++] = strdup(jv_str(jv_at(args, i)));
	for (i = 0; i < jv_len(env); i++) {
		if (!jv_get_str(jv_at(env, i), "name"))
			return err_setc(ERR_INVALID, "%s: user.exec.env[%zu] without name", name, i);
		buf_reset(&b);
		buf_printf(&b, "%s=%s", jv_get_str(jv_at(env, i), "name"),
			   jv_get_str(jv_at(env, i), "value") ? jv_get_str(jv_at(env, i), "value") : "");
		x->env[x->nenv++] = buf_detach(&b);
	}
	buf_release(&b);
	return 0;
}

static int user_block(struct kube_config *c, const struct jv *u, const char *name,
		      const char *dir)
{
	int rc;

	if (jv_get(u, "auth-provider"))
		return err_setc(ERR_INVALID, "%s: user.auth-provider was removed in Kubernetes 1.26; "
				"use an exec plugin (e.g. gke-gcloud-auth-plugin, kubelogin)", name);
	if ((rc = secret(&c->token, jv_get_str(u, "token"))) < 0 ||
	    (rc = secret(&c->password, jv_get_str(u, "password"))) < 0)
		return rc;
	c->token_file = path_in(dir, jv_get_str(u, "tokenFile"));
	c->username = dup_or_null(jv_get_str(u, "username"));
	c->cert_file = path_in(dir, jv_get_str(u, "client-certificate"));
	c->key_file = path_in(dir, jv_get_str(u, "client-key"));
	if ((rc = data_field(u, "client-certificate-data", name, &c->cert_data, &c->cert_len)) < 0 ||
	    (rc = data_field(u, "client-key-data", name, &c->key_data, &c->key_len)) < 0)
		return rc;
	if (c->key_data)
		(void)log_add_secret(c->key_data);
	if (jv_get(u, "exec"))
		return exec_block(c, jv_get(u, "exec"), name, dir);
	return 0;
}

/* current-context of the first file that sets one. */
static const char *current_context(const struct kc_file *f, size_t nf)
{
	const char *s;
	size_t j;

	for (j = 0; j < nf; j++)
		if ((s = jv_get_str(f[j].doc, "current-context")) && *s)
			return s;
	return NULL;
}

/* Resolves context -> cluster and user over the merged files; `label`
 * names the whole set in errors, an entry's own file names its errors. */
static int from_files(struct kube_config *c, const struct kc_file *f, size_t nf,
		      const char *label, const char *context)
{
	const char *ctx = context ? context : current_context(f, nf);
	const struct kc_file *fc = NULL, *fu = NULL;
	struct jv *cx, *cl, *u;
	const char *ns;
	int rc;

	if (!ctx || !*ctx)
		return err_setc(ERR_INVALID, "%s: no current-context and no context given", label);
	if (!(cx = named(f, nf, "contexts", "context", ctx, NULL)))
		return err_setc(ERR_INVALID, "%s: context \"%s\" not found", label, ctx);
	if (!(cl = named(f, nf, "clusters", "cluster", jv_get_str(cx, "cluster"), &fc)) ||
	    !jv_get_str(cl, "server"))
		return err_setc(ERR_INVALID, "%s: context \"%s\": cluster \"%s\" not found or without server",
				label, ctx, jv_get_str(cx, "cluster") ? jv_get_str(cx, "cluster") : "");
	u = named(f, nf, "users", "user", jv_get_str(cx, "user"), &fu);
	if (jv_get_str(cx, "user") && !u)
		return err_setc(ERR_INVALID, "%s: context \"%s\": user \"%s\" not found", label, ctx,
				jv_get_str(cx, "user"));
	ns = jv_get_str(cx, "namespace");
	c->context = strdup(ctx);
	c->server = strdup(jv_get_str(cl, "server"));
	c->namespace = strdup(ns && *ns ? ns : "default");
	c->ca_file = path_in(fc->dir, jv_get_str(cl, "certificate-authority"));
	c->insecure = jv_bool(jv_get(cl, "insecure-skip-tls-verify"), 0);
	c->tls_server_name = dup_or_null(jv_get_str(cl, "tls-server-name"));
	c->proxy_url = dup_or_null(jv_get_str(cl, "proxy-url"));
	if ((rc = data_field(cl, "certificate-authority-data", fc->name, &c->ca_data, &c->ca_len)) < 0)
		return rc;
	return u ? user_block(c, u, fu->name, fu->dir) : 0;
}

/* Parses one file's text into f->doc (an empty file is an empty config). */
static int parse_doc(struct kc_file *f, const char *data, size_t len, size_t max)
{
	int rc;

	if ((rc = kube_yaml_parse(&f->doc, data, len, max, f->name)) < 0)
		return rc;
	if (jv_type(f->doc) != JV_OBJ && jv_type(f->doc) != JV_NULL)
		return err_setc(ERR_INVALID, "%s: not a kubeconfig (expected a mapping)", f->name);
	return 0;
}

int kube_config_parse(struct kube_config *c, const char *data, size_t len,
		      size_t max, const char *name, const char *dir,
		      const char *context)
{
	struct kc_file f = { NULL, name, dir };
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = parse_doc(&f, data, len, max)) == 0 && jv_type(f.doc) != JV_OBJ)
		rc = err_setc(ERR_INVALID, "%s: not a kubeconfig (expected a mapping)", name);
	if (rc == 0)
		rc = from_files(c, &f, 1, name, context);
	jv_free(f.doc);
	if (rc < 0)
		kube_config_free(c);
	return rc;
}

int kube_config_load(struct kube_config *c, const char *path,
		     const char *context, size_t max)
{
	struct buf b = BUF_INIT(max);
	char *dir = strdup(path), *slash;
	int rc;

	memset(c, 0, sizeof(*c));
	if (!dir)
		return err_set("out of memory");
	slash = strrchr(dir, '/');
	if (slash)
		*slash = 0;
	if ((rc = fs_read(&b, path)) == 0)
		rc = kube_config_parse(c, buf_cstr(&b), b.len, max, path, slash ? dir : ".", context);
	buf_release(&b);
	free(dir);
	return rc;
}

#define KC_MAX_FILES 32

/* Reads and parses the file at path into *f; f->name = path and f->dir
 * (a new string, *dir) are then owned by the caller. */
static int read_one(struct kc_file *f, const char *path, char **dir, size_t max)
{
	struct buf b = BUF_INIT(max);
	char *slash;
	int rc;

	if (!(*dir = strdup(path)))
		return err_set("out of memory");
	if ((slash = strrchr(*dir, '/')))
		*slash = 0;
	f->name = path;
	f->dir = slash ? *dir : ".";
	if ((rc = fs_read(&b, path)) == 0 && b.len) /* empty: an empty config */
		rc = parse_doc(f, buf_cstr(&b), b.len, max);
	buf_release(&b);
	return rc;
}

int kube_config_load_list(struct kube_config *c, const char *list,
			  const char *context, size_t max)
{
	struct kc_file f[KC_MAX_FILES];
	char *path[KC_MAX_FILES], *dir[KC_MAX_FILES];
	const char *p = list, *colon = NULL;
	size_t nf = 0, l, i;
	int rc = 0;

	memset(c, 0, sizeof(*c));
	memset(f, 0, sizeof(f));
	for (; rc == 0 && p && *p; p = colon ? colon + 1 : NULL) {
		colon = strchr(p, ':');
		l = colon ? (size_t)(colon - p) : strlen(p);
		if (!l)
			continue;
		if (nf == KC_MAX_FILES) {
			rc = err_setc(ERR_TOOBIG, "KUBECONFIG: more than %d files", KC_MAX_FILES);
			break;
		}
		dir[nf] = NULL;
		if (!(path[nf] = strndup(p, l)))
			rc = err_set("out of memory");
		else if (!fs_exists(path[nf]))
			free(path[nf]); /* kubectl skips files that do not exist */
		else {
			rc = read_one(&f[nf], path[nf], &dir[nf], max);
			nf++;
		}
	}
	if (rc == 0 && nf == 0)
		rc = err_setc(ERR_NOTFOUND, "KUBECONFIG: none of its files exists (%s)", list ? list : "");
	if (rc == 0)
		rc = nf == 1 ? from_files(c, f, 1, f[0].name, context) : from_files(c, f, nf, list, context);
	for (i = 0; i < nf; i++) {
		jv_free(f[i].doc);
		free(path[i]);
		free(dir[i]);
	}
	if (rc < 0)
		kube_config_free(c);
	return rc;
}

int kube_config_load_env(struct kube_config *c, const char *kubeconfig,
			 const char *env, const char *context, size_t max)
{
	memset(c, 0, sizeof(*c));
	if (kubeconfig)
		return kube_config_load(c, kubeconfig, context, max);
	if (!env || !*env)
		return err_setc(ERR_NOTFOUND, "KUBECONFIG is not set");
	return kube_config_load_list(c, env, context, max);
}

static char *read_small(const char *path)
{
	struct buf b = BUF_INIT(4096);

	if (fs_read(&b, path) < 0) {
		buf_release(&b);
		return NULL;
	}
	while (b.len && (b.ptr[b.len - 1] == '\n' || b.ptr[b.len - 1] == ' '))
		buf_truncate(&b, b.len - 1);
	return buf_detach(&b);
}

int kube_config_in_cluster(struct kube_config *c, char *(*env_get)(const char *),
			   const char *sa_dir)
{
	const char *host = env_get("KUBERNETES_SERVICE_HOST");
	const char *port = env_get("KUBERNETES_SERVICE_PORT");
	struct buf b = BUF_INIT(4096);

	memset(c, 0, sizeof(*c));
	if (!host || !*host || !port || !*port)
		return err_setc(ERR_NOTFOUND, "not running in a Kubernetes pod "
				"(KUBERNETES_SERVICE_HOST/PORT unset)");
	if (!sa_dir)
		sa_dir = SA_DIR;
	buf_printf(&b, strchr(host, ':') ? "https://[%s]:%s" : "https://%s:%s", host, port);
	c->server = buf_detach(&b);
	c->context = strdup("");
	c->token_file = path_in(sa_dir, "token");
	c->ca_file = path_in(sa_dir, "ca.crt");
	buf_printf(&b, "%s/namespace", sa_dir);
	c->namespace = read_small(buf_cstr(&b));
	buf_release(&b);
	if (!c->namespace || !*c->namespace) {
		free(c->namespace);
		c->namespace = strdup("default");
	}
	if (!fs_exists(c->token_file)) {
		kube_config_free(c);
		return err_setc(ERR_NOTFOUND, "in-cluster: no service account token under %s", sa_dir);
	}
	return 0;
}

void kube_config_free(struct kube_config *c)
{
	size_t i;

	if (c->exec) {
		for (i = 0; i < c->exec->nargs; i++)
			free(c->exec->args[i]);
		for (i = 0; i < c->exec->nenv; i++)
			free(c->exec->env[i]);
		free(c->exec->args);
		free(c->exec->env);
		free(c->exec->command);
		free(c->exec->api_version);
		free(c->exec->interactive_mode);
		free(c->exec);
	}
	free(c->context); free(c->server); free(c->namespace);
	free(c->ca_file); free(c->ca_data); free(c->tls_server_name); free(c->proxy_url);
	free(c->token); free(c->token_file); free(c->cert_file); free(c->cert_data);
	free(c->key_file); free(c->key_data); free(c->username); free(c->password);
	memset(c, 0, sizeof(*c));
}
