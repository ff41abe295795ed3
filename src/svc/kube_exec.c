/* kube_exec.c - running a kubeconfig exec credential plugin (fork/execvp with argv, no shell). */
#include "svc/kube_client.h"
#include "svc/kube_obj.h"
#include "core/err.h"
#include "core/log.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define EXEC_MAX_OUT   (1u << 20)
#define EXEC_TIMEOUT_MS 60000

/* KUBERNETES_EXEC_INFO: the ExecCredential the plugin reads (client-go). */
static int exec_info(const struct kube *k, struct buf *out)
{
	struct jv *o = jv_new_obj(), *spec = jv_new_obj(), *cl;
	int rc;

	jv_set_str(o, "apiVersion", k->cfg.exec->api_version ? k->cfg.exec->api_version
			: "client.authentication.k8s.io/v1");
	jv_set_str(o, "kind", "ExecCredential");
	jv_set_bool(spec, "interactive", 0);
	if (k->cfg.exec->provide_cluster_info) {
		cl = jv_new_obj();
		jv_set_str(cl, "server", k->cfg.server);
		if (k->cfg.tls_server_name)
			jv_set_str(cl, "tls-server-name", k->cfg.tls_server_name);
		jv_set_bool(cl, "insecure-skip-tls-verify", k->cfg.insecure);
		if (k->cfg.ca_data)
			jv_set(cl, "certificate-authority-data",
			       jv_new_strn(k->cfg.ca_data, k->cfg.ca_len));
		jv_set(spec, "cluster", cl);
	}
	jv_set(o, "spec", spec);
	rc = jv_dump(out, o, 0) ? err_set("ExecCredential too large") : 0;
	jv_free(o);
	return rc;
}

/* Child side: env = ours + the plugin's env + KUBERNETES_EXEC_INFO; stdin
 * /dev/null (interactiveMode is never honoured: CI has no terminal). */
static void exec_child(const struct kube_exec *e, int outfd, const char *info)
{
	char **argv = calloc(e->nargs + 2, sizeof(char *));
	size_t i;
	int nul = open("/dev/null", O_RDONLY);

	if (!argv)
		_exit(127);
	if (nul >= 0)
		dup2(nul, 0);
	dup2(outfd, 1);
	for (i = 0; i < e->nenv; i++)
		putenv(e->env[i]);
	setenv("KUBERNETES_EXEC_INFO", info, 1);
	argv[0] = e->command;
	for (i = 0; i < e->nargs; i++)
		argv[i + 1] = e->args[i];
	execvp(e->command, argv);
	fprintf(stderr, "ship: exec plugin %s: %s\n", e->command, strerror(errno));
	_exit(127);
}

/* Reads the child's stdout until EOF, the cap or the timeout. */
static int exec_read(int fd, struct buf *out, const char *cmd)
{
	long long until = http_now_ms() + EXEC_TIMEOUT_MS;
	char tmp[8192];
	struct pollfd p;
	ssize_t n;

	p.fd = fd;
	p.events = POLLIN;
	for (;;) {
		long long left = until - http_now_ms();
		if (left <= 0)
			return err_setc(ERR_TIMEOUT, "exec plugin %s: no answer within %d s", cmd,
					EXEC_TIMEOUT_MS / 1000);
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
			return err_set("exec plugin %s: poll: %s", cmd, strerror(errno));
		n = read(fd, tmp, sizeof(tmp));
		if (n == 0)
			return 0;
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0)
			return err_set("exec plugin %s: read: %s", cmd, strerror(errno));
		if (buf_add(out, tmp, (size_t)n))
			return err_setc(ERR_TOOBIG, "exec plugin %s: output over %u bytes", cmd,
					EXEC_MAX_OUT);
	}
}

static char *dup_secret(const char *s)
{
	char *d = s ? strdup(s) : NULL;
	if (d)
		log_add_secret(d);
	return d;
}

/* Takes status.token or status.clientCertificateData/clientKeyData. */
static int exec_take(struct kube *k, const struct buf *out, const char *cmd)
{
	struct jv *doc = NULL, *st;
	const char *tok, *cert, *key, *exp;
	long long ns;
	int rc;

	if ((rc = jv_parse(&doc, out->ptr ? out->ptr : "", out->len, EXEC_MAX_OUT,
			   "exec plugin output")))
		return rc;
	st = jv_get(doc, "status");
	tok = jv_get_str(st, "token");
	cert = jv_get_str(st, "clientCertificateData");
	key = jv_get_str(st, "clientKeyData");
	exp = jv_get_str(st, "expirationTimestamp");
	free(k->exec_token);
	free(k->exec_cert);
	free(k->exec_key);
	k->exec_token = dup_secret(tok);
	k->exec_cert = cert && key ? strdup(cert) : NULL;
	k->exec_key = cert && key ? dup_secret(key) : NULL;
	k->exec_expiry_ms = 0;
	if (exp && !kube_time(exp, &ns)) {
		long long left_ms = (ns - (long long)time(NULL) * KUBE_NS_PER_SEC) / 1000000;
		k->exec_expiry_ms = http_now_ms() + (left_ms > 0 ? left_ms : 0);
	}
	if (!k->exec_token && !k->exec_cert)
		rc = err_setc(ERR_INVALID, "exec plugin %s: no status.token or client "
			      "certificate in its ExecCredential", cmd);
	jv_free(doc);
	return rc;
}

int kube_exec_run(struct kube *k)
{
	const struct kube_exec *e = k->cfg.exec;
	struct buf info = BUF_INIT(1u << 20), out = BUF_INIT(EXEC_MAX_OUT);
	int pfd[2] = { -1, -1 }, status = 0, rc;
	pid_t pid;

	if ((rc = exec_info(k, &info)))
		goto done;
	if (pipe(pfd) < 0) {
		rc = err_set("pipe: %s", strerror(errno));
		goto done;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		rc = err_set("fork: %s", strerror(errno));
		goto done;
	}
	if (pid == 0) {
		close(pfd[0]);
		exec_child(e, pfd[1], buf_cstr(&info));
	}
	close(pfd[1]);
	pfd[1] = -1;
	rc = exec_read(pfd[0], &out, e->command);
	if (rc)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!rc && (!WIFEXITED(status) || WEXITSTATUS(status)))
		rc = err_setc(ERR_USAGE, "exec plugin %s failed (exit status %d)", e->command,
			      WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	if (!rc)
		rc = exec_take(k, &out, e->command);
done:
	if (pfd[0] >= 0)
		close(pfd[0]);
	if (pfd[1] >= 0)
		close(pfd[1]);
	buf_release(&info);
	buf_release(&out);
	return rc;
}
