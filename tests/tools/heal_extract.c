/* heal_extract.c - test and bench driver: runs the heal extractor over log files. */
#include "heal/analyze.h"
#include "heal/excerpt.h"
#include "heal/extract.h"
#include "heal/logread.h"
#include "core/err.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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
 * Before the mode, --threads N (0: as many as the CPUs, 1: one) and
 * --min-part BYTES set heal_par_opts: how a large file is cut into
 * parts read at once (the tests force small parts with them).
 * Exit 0, or 2 when a file cannot be read.
 */

static void field(const char *s)
{
	for (; s && *s; s++)
		putchar((unsigned char)*s < 0x20 ? ' ' : *s);
	putchar('\t');
}

static void print_entry(const struct heal_entry *e)
{
	char num[64];

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

/* --read: the lines only. */
static int read_only(int fd, const char *path, unsigned long long *bytes)
{
	struct logread *r = NULL;
	struct logline ln;
	int rc = logread_open_fd(&r, fd, path, 0);

	while (!rc && (rc = logread_next(r, &ln)) == 1)
		rc = 0;
	if (r)
		*bytes += logread_bytes(r);
	logread_free(r);
	return rc;
}

/* mode: 0 print entries, 1 count, 2 excerpts, 3 read only. Every mode
 * but 3 is ship heal's own read of a log file (heal_analyze_fd_par):
 * parts on several threads when the file is large enough. */
static int run(const char *path, int mode, const struct heal_par_opts *par,
               unsigned long long *n, unsigned long long *bytes)
{
	struct heal_excerpt_opts o;
	struct heal_analysis a;
	int fd = strcmp(path, "-") ? open(path, O_RDONLY) : 0;
	int rc;

	if (fd < 0) {
		fprintf(stderr, "heal_extract: %s: cannot open\n", path);
		return -1;
	}
	heal_excerpt_defaults(&o);
	if (mode != 2)
		o.max_steps = 0;  /* no excerpt */
	if (mode == 3) {
		rc = read_only(fd, path, bytes);
	} else {
		rc = heal_analyze_fd_par(fd, path, mode ? 1 : (size_t)-1, &o,
		                         par, &a);
		if (!rc) {
			*n += a.entries.n + a.entries.dropped;
			*bytes += a.bytes;
			for (size_t i = 0; mode == 0 && i < a.entries.n; i++)
				print_entry(&a.entries.v[i]);
			if (mode == 2)
				print_excerpts(a.excerpt);
			heal_analysis_free(&a);
		}
	}
	if (rc)
		fprintf(stderr, "heal_extract: %s\n", err_last());
	if (fd > 0)
		close(fd);
	return rc;
}

int main(int argc, char **argv)
{
	unsigned long long n = 0, bytes = 0;
	struct timespec t0, t1;
	struct heal_par_opts par = { 0, 0 };
	int mode = 0, i = 1, bad = 0;
	double s;

	for (; i + 1 < argc && !strncmp(argv[i], "--", 2); i += 2) {
		if (!strcmp(argv[i], "--threads"))
			par.threads = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--min-part"))
			par.min_part = strtoull(argv[i + 1], NULL, 10);
		else
			break;
	}
	if (i < argc && strcmp(argv[i], "--count") == 0)
		mode = 1, i++;
	else if (i < argc && strcmp(argv[i], "--excerpt") == 0)
		mode = 2, i++;
	else if (i < argc && strcmp(argv[i], "--read") == 0)
		mode = 3, i++;
	if (i >= argc) {
		fprintf(stderr, "usage: heal_extract [--threads N] [--min-part BYTES] "
		        "[--count|--read|--excerpt] FILE...\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (; i < argc; i++)
		bad |= run(argv[i], mode, &par, &n, &bytes) != 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (mode == 1 || mode == 3)
		printf("entries %llu bytes %llu seconds %.3f MBps %.1f\n", n, bytes,
		       s, s > 0 ? bytes / s / 1e6 : 0.0);
	return bad ? 2 : 0;
}
