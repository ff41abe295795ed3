/* runner.c - runs every registered unit test and prints "N passed, N failed". */
#include "unit.h"

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static struct unit_test *unit_head;
static int unit_failed_now;
static const struct unit_test *unit_current;

void unit_register(struct unit_test *t)
{
	/* Keep them sorted by file, then name, so runs are repeatable. */
	struct unit_test **p = &unit_head;

	while (*p && (strcmp((*p)->file, t->file) < 0 ||
		      (!strcmp((*p)->file, t->file) && strcmp((*p)->name, t->name) < 0)))
		p = &(*p)->next;
	t->next = *p;
	*p = t;
}

void unit_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "FAIL %s: %s:%d: ", unit_current ? unit_current->name : "?",
		file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	unit_failed_now = 1;
}

const char *unit_fixture(const char *rel)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s", UNIT_FIXTURES, rel);
	return path;
}

const char *unit_tmpdir(void)
{
	static char path[256];

	snprintf(path, sizeof(path), "%s/ship-unit-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(path)) {
		perror("mkdtemp");
		abort();
	}
	return path;
}

/*
 * Runs one test in a child process so that a crash (or an abort from a
 * sanitizer) fails that test and the run goes on to the summary line.
 * UNIT_NOFORK=1 runs in-process, for debuggers. Returns 1 when it passed.
 */
static int unit_run_one(struct unit_test *t)
{
	pid_t pid;
	int status;

	unit_current = t;
	unit_failed_now = 0;
	if (getenv("UNIT_NOFORK")) {
		t->fn();
		return !unit_failed_now;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 0;
	}
	if (pid == 0) {
		t->fn();
		fflush(NULL);
		_exit(unit_failed_now ? 1 : 0);
	}
	if (waitpid(pid, &status, 0) < 0)
		return 0;
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "FAIL %s: killed by signal %d\n", t->name, WTERMSIG(status));
		return 0;
	}
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int remove_one(const char *path, const struct stat *st, int flag,
                      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) ? -1 : 0;
}

/* One directory for the whole run: every unit_tmpdir() is made inside it
 * (through TMPDIR, which the forked tests inherit) and it is removed at
 * the end, so runs leave nothing behind in /tmp. UNIT_KEEP=1 keeps it. */
static char *run_tmpdir(void)
{
	static char root[256];

	snprintf(root, sizeof(root), "%s/ship-unit-run-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(root) || setenv("TMPDIR", root, 1)) {
		perror("ship-unit-run");
		abort();
	}
	return root;
}

int main(int argc, char **argv)
{
	struct unit_test *t;
	int passed = 0, failed = 0;
	const char *root = run_tmpdir();

	for (t = unit_head; t; t = t->next) {
		if (argc > 1 && !strstr(t->name, argv[1]))
			continue;
		if (unit_run_one(t))
			passed++;
		else
			failed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	if (!getenv("UNIT_KEEP") &&
	    nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "unit: could not remove %s\n", root);
	return failed ? 1 : 0;
}
