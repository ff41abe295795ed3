/* heal_extract.c - test and bench driver: runs the heal extractor over log files. */
#include "heal/excerpt.h"
#include "heal/extract.h"
#include "heal/logread.h"
#include "core/err.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * heal_extract FILE...          one line per entry, tab-separated:
 *     file line col sev code tool rule step log_line message
 *   (tabs and control bytes in fields are shown as spaces)
 * heal_extract --count FILE...  streams and prints "entries N bytes B
 *     seconds S MBps R" without keeping entries (the benchmark mode).
 * heal_extract --read FILE...   like --count but only reads the lines
 *     (logread alone: the reader's share of the time).
 * heal_extract --excerpt FILE... prints the failed steps' excerpts:
 *     "=== step N: TITLE (exit E, L lines, O omitted)" then the text.
 * Exit 0, or 2 when a file cannot be read.
 */

static void field(const char *s)
{
	for (; s && *s; s++)
		putchar((unsigned char)*s < 0x20 ? ' ' : *s);
	putchar('\t');
}

static int print_entry(void *ctx, const struct heal_entry *e)
{
	char num[64];

	(void)ctx;
	field(e->file ? e->file : "");
	snprintf(num, sizeof(num), "%ld", e->line);
	field(num);
	snprintf(num, sizeof(num), "%ld", e->col);
	field(num);
	field(heal_sev_name(e->sev));
	field(e->code ? e->code : "");
	field(e->tool);
	field(e->rule);
	field(e->step);
	snprintf(num, sizeof(num), "%zu", e->log_line);
	field(num);
	for (const char *s = e->message; *s; s++)
		putchar((unsigned char)*s < 0x20 ? ' ' : *s);
	putchar('\n');
	for (size_t i = 0; i < e->ncont; i++) {
		fputs("\t\t", stdout);
		for (const char *s = e->cont[i]; *s; s++)
			putchar((unsigned char)*s < 0x20 ? ' ' : *s);
		putchar('\n');
	}
	return 0;
}

static int count_entry(void *ctx, const struct heal_entry *e)
{
	(void)e;
	++*(unsigned long long *)ctx;
	return 0;
}

static int quiet_entry(void *ctx, const struct heal_entry *e)
{
	(void)ctx;
	(void)e;
	return 0;
}

static void print_excerpts(const struct heal_excerpt *ex)
{
	for (size_t i = 0; i < heal_excerpt_count(ex); i++) {
		const struct heal_step_excerpt *s = heal_excerpt_get(ex, i);

		printf("=== step %d: %s (exit %d, %zu lines, %zu omitted)\n%s",
		       s->step_no, s->step, s->exit_code, s->nlines, s->omitted,
		       s->text);
	}
}

/* The --count loop: reading and extracting only, with r, x and the line
 * kept in registers (the general loop below reloads them per line). */
static __attribute__((noinline)) int count_lines(struct logread *r,
                                                 struct heal_extract *x)
{
	struct logline ln;
	int rc;

	while ((rc = logread_next(r, &ln)) == 1)
		if ((rc = heal_extract_line(x, &ln)) != 0)
			return rc;
	return rc;
}

/* mode: 0 print entries, 1 count, 2 excerpts, 3 read only */
static int run(const char *path, int mode, unsigned long long *n,
               unsigned long long *bytes)
{
	struct logread *r = NULL;
	struct heal_extract *x = NULL;
	struct heal_excerpt *ex = NULL;
	struct logline ln;
	heal_entry_fn fns[] = { print_entry, count_entry, quiet_entry };
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;
	int rc;

	if (fd < 0) {
		fprintf(stderr, "heal_extract: %s: cannot open\n", path);
		return -1;
	}
	rc = logread_open_fd(&r, fd, path, 0);
	if (!rc && mode != 3)
		rc = heal_extract_new(&x, fns[mode], n);
	while (!rc && mode == 3 && (rc = logread_next(r, &ln)) == 1)
		rc = 0;
	if (!rc && mode == 1)
		rc = count_lines(r, x);
	if (!rc && mode == 2)
		rc = heal_excerpt_new(&ex, NULL);
	while (!rc && x && (rc = logread_next(r, &ln)) == 1) {
		rc = heal_extract_line(x, &ln);
		if (!rc && ex)
			rc = heal_excerpt_line(ex, &ln, heal_extract_last_hit(x));
	}
	if (!rc && x)
		rc = heal_extract_finish(x);
	if (!rc && ex && !(rc = heal_excerpt_finish(ex)))
		print_excerpts(ex);
	heal_excerpt_free(ex);
	if (r)
		*bytes += logread_bytes(r);
	if (rc)
		fprintf(stderr, "heal_extract: %s\n", err_last());
	heal_extract_free(x);
	logread_free(r);
	if (fd > 0)
		close(fd);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned long long n = 0, bytes = 0;
	struct timespec t0, t1;
	int mode = 0, i = 1, bad = 0;
	double s;

	if (argc > 1 && strcmp(argv[1], "--count") == 0)
		mode = 1, i++;
	else if (argc > 1 && strcmp(argv[1], "--excerpt") == 0)
		mode = 2, i++;
	else if (argc > 1 && strcmp(argv[1], "--read") == 0)
		mode = 3, i++;
	if (i >= argc) {
		fprintf(stderr, "usage: heal_extract [--count|--read|--excerpt] FILE...\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (; i < argc; i++)
		bad |= run(argv[i], mode, &n, &bytes) != 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (mode == 1 || mode == 3)
		printf("entries %llu bytes %llu seconds %.3f MBps %.1f\n", n, bytes,
		       s, s > 0 ? bytes / s / 1e6 : 0.0);
	return bad ? 2 : 0;
}
