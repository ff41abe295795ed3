/* scan_exec.c - `ship scan --run`: fork/execvp a scanner, capture stdout (capped) and stderr. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "scan_exec.h"
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

#define STDERR_KEEP 4096
#define MAX_ARGS 12

static const struct scan_scanner scanners[] = {
	{ "trivy", "trivy", SCAN_FMT_TRIVY },
	{ "grype", "grype", SCAN_FMT_GRYPE },
	{ "osv-scanner", "osv-scanner", SCAN_FMT_OSV },
	{ "cargo-audit", "cargo-audit", SCAN_FMT_CARGO_AUDIT },
	{ "npm-audit", "npm", SCAN_FMT_NPM_AUDIT },
};
#define NSCANNERS (sizeof(scanners) / sizeof(scanners[0]))

const char *scan_scanner_names(void)
{
	return "trivy, grype, osv-scanner, cargo-audit, npm-audit";
}

int scan_scanner_find(const char *name, const struct scan_scanner **out)
{
	size_t i;

	for (i = 0; i < NSCANNERS; i++)
		if (!strcmp(scanners[i].name, name)) {
			*out = &scanners[i];
			return 0;
		}
	return err_setc(ERR_USAGE, "--run: unknown scanner '%s' (expected one of: %s)",
			name, scan_scanner_names());
}

/* The argv for one scanner; strings in `tmp` (the caller's buffer). */
static int build_argv(const struct scan_scanner *s, const char *root, char *tmp,
		      size_t tmpsz, const char **av)
{
	int n = 0;

	av[n++] = s->prog;
	switch (s->fmt) {
	case SCAN_FMT_TRIVY:
		av[n++] = "fs"; av[n++] = "--format"; av[n++] = "json";
		av[n++] = "--scanners"; av[n++] = "vuln"; av[n++] = "--quiet";
		av[n++] = root;
		break;
	case SCAN_FMT_GRYPE:
		if ((size_t)snprintf(tmp, tmpsz, "dir:%s", root) >= tmpsz)
			return err_setc(ERR_USAGE, "repository root path too long");
		av[n++] = tmp; av[n++] = "-o"; av[n++] = "json"; av[n++] = "-q";
		break;
	case SCAN_FMT_OSV:
		av[n++] = "--format"; av[n++] = "json"; av[n++] = "--recursive";
		av[n++] = root;
		break;
	case SCAN_FMT_CARGO_AUDIT:
		if ((size_t)snprintf(tmp, tmpsz, "%s/Cargo.lock", root) >= tmpsz)
			return err_setc(ERR_USAGE, "repository root path too long");
		av[n++] = "audit"; av[n++] = "--json"; av[n++] = "--file"; av[n++] = tmp;
		break;
	default: /* npm audit runs in the root */
		av[n++] = "audit"; av[n++] = "--json";
		break;
	}
	av[n] = NULL;
	return 0;
}

/* In the child: wire the pipes, exec; on failure report errno on errfd. */
static void child(const struct scan_scanner *s, const char *root, const char **av,
		  int out_w, int err_w, int status_w)
{
	int e, null = open("/dev/null", O_RDONLY);

	/* Its own process group, so a stop reaches the scanner's children. */
	setpgid(0, 0);
	if (null >= 0)
		dup2(null, STDIN_FILENO);
	dup2(out_w, STDOUT_FILENO);
	dup2(err_w, STDERR_FILENO);
	if (s->fmt == SCAN_FMT_NPM_AUDIT && chdir(root) != 0) {
		e = errno;
		(void)!write(status_w, &e, sizeof(e));
		_exit(127);
	}
	execvp(s->prog, (char *const *)av);
	e = errno;
	(void)!write(status_w, &e, sizeof(e));
	_exit(127);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads what is available on fd into b (stdout: whole, capped) or keep
 * (stderr: the first STDERR_KEEP bytes). Returns 0, 1 at EOF, or an error. */
static int drain(int fd, struct buf *b, int is_err, const struct scan_scanner *s)
{
	char chunk[65536];
	ssize_t n = read(fd, chunk, sizeof(chunk));

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0
			: err_set("%s: reading its output: %s", s->name, strerror(errno));
	if (n == 0)
		return 1;
	if (is_err) {
		size_t room = STDERR_KEEP - b->len;
		buf_add(b, chunk, (size_t)n < room ? (size_t)n : room);
		return 0;
	}
	if (buf_add(b, chunk, (size_t)n))
		return buf_failed(b) == BUF_ETOOBIG
			? err_setc(ERR_TOOBIG, "%s: its output is larger than %zu bytes",
				   s->name, b->max)
			: err_set("out of memory");
	return 0;
}

/* Collects stdout and stderr until both close or the deadline. */
static int collect(int out_r, int err_r, const struct scan_scanner *s, long timeout_s,
		   struct buf *out, struct buf *errb)
{
	struct pollfd p[2] = { { out_r, POLLIN, 0 }, { err_r, POLLIN, 0 } };
	long deadline = timeout_s > 0 ? now_ms() + timeout_s * 1000 : 0;
	int rc, open_fds = 2, i, wait_ms;

	while (open_fds) {
		wait_ms = deadline ? (int)(deadline - now_ms()) : -1;
		if (deadline && wait_ms <= 0)
			return err_setc(ERR_TIMEOUT, "%s: no result after %ld seconds (stopped it)",
					s->name, timeout_s);
		if ((rc = poll(p, 2, wait_ms)) < 0 && errno != EINTR)
			return err_set("%s: poll: %s", s->name, strerror(errno));
		for (i = 0; rc > 0 && i < 2; i++) {
			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			int r = drain(p[i].fd, i ? errb : out, i, s);
			if (r < 0)
				return r;
			if (r == 1) {
				p[i].fd = -1;
				open_fds--;
			}
		}
	}
	return 0;
}

/* Waits for the exec report: 0 when exec succeeded, else the errno. */
static int exec_errno(int status_r)
{
	int e = 0;
	ssize_t n;

	do
		n = read(status_r, &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	return n == (ssize_t)sizeof(e) ? e : 0;
}

static int judge(const struct scan_scanner *s, int status, const struct buf *out,
		 const struct buf *errb)
{
	const char *p = out->ptr ? out->ptr : "";

	while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
		p++;
	if (*p)
		return 0; /* a report: the parser decides whether it is one */
	if (WIFSIGNALED(status))
		return err_setc(ERR_INVALID, "%s: killed by signal %d without a report: %.400s",
				s->name, WTERMSIG(status), buf_cstr(errb));
	return err_setc(ERR_INVALID, "%s: exited with status %d without a report%s%.400s",
			s->name, WEXITSTATUS(status), errb->len ? ": " : "", buf_cstr(errb));
}

int scan_exec(const struct scan_scanner *s, const char *root, long timeout_s,
	      struct buf *out)
{
	struct buf errb = BUF_INIT(STDERR_KEEP);
	const char *av[MAX_ARGS];
	char tmp[4096];
	int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, ps[2] = { -1, -1 };
	int rc, e, status = 0;
	pid_t pid = -1;

	if ((rc = build_argv(s, root, tmp, sizeof(tmp), av)))
		return rc;
	if (pipe2(po, O_CLOEXEC) || pipe2(pe, O_CLOEXEC) || pipe2(ps, O_CLOEXEC)) {
		rc = err_set("%s: pipe: %s", s->name, strerror(errno));
		goto done;
	}
	if ((pid = fork()) < 0) {
		rc = err_set("%s: fork: %s", s->name, strerror(errno));
		goto done;
	}
	if (pid == 0)
		child(s, root, av, po[1], pe[1], ps[1]);
	close(po[1]); close(pe[1]); close(ps[1]);
	po[1] = pe[1] = ps[1] = -1;
	if ((e = exec_errno(ps[0]))) {
		rc = e == ENOENT
			? err_setc(ERR_NOTFOUND, "%s: '%s' not found in PATH (install it, or run it "
				   "yourself and pass its JSON with --report)", s->name, s->prog)
			: err_setc(ERR_INVALID, "%s: cannot run '%s': %s", s->name, s->prog,
				   strerror(e));
		goto done;
	}
	log_debug("running %s over %s", s->prog, root);
	rc = collect(po[0], pe[0], s, timeout_s, out, &errb);
	if (rc) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
	}
done:
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	if (!rc && pid > 0)
		rc = judge(s, status, out, &errb);
	if (errb.len)
		log_debug("%s stderr: %.2000s", s->name, buf_cstr(&errb));
	for (e = 0; e < 2; e++) {
		if (po[e] >= 0) close(po[e]);
		if (pe[e] >= 0) close(pe[e]);
		if (ps[e] >= 0) close(ps[e]);
	}
	buf_release(&errb);
	return rc;
}
