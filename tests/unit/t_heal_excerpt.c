/* t_heal_excerpt.c - tests of the per-step failure excerpt. */
#include "unit.h"

#include "heal/analyze.h"
#include "heal/excerpt.h"
#include "heal/extract.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs extractor + excerpt over log; returns the builder (caller frees). */
static struct heal_excerpt *excerpt_of(const char *log, size_t len,
                                       const struct heal_excerpt_opts *o)
{
	struct heal_excerpt *ex = NULL;
	struct heal_extract *x = NULL;
	struct logread *r = NULL;
	struct logline ln;
	int rc;

	CHECK_INT(heal_excerpt_new(&ex, o), 0);
	CHECK_INT(heal_extract_new(&x, NULL, NULL), 0);
	CHECK_INT(logread_open_mem(&r, log, len, "t", 0), 0);
	while ((rc = logread_next(r, &ln)) == 1) {
		CHECK_INT(heal_extract_line(x, &ln), 0);
		CHECK_INT(heal_excerpt_line(ex, &ln, heal_extract_last_hit(x)), 0);
	}
	CHECK_INT(rc, 0);
	CHECK_INT(heal_excerpt_finish(ex), 0);
	logread_free(r);
	heal_extract_free(x);
	return ex;
}

TEST(heal_excerpt_only_failed_steps)
{
	static const char log[] =
		"##[group]Run lint\n"
		"warning: a.c:1:1: something\n"
		"ok\n"
		"##[group]Run build\n"
		"noise 1\n"
		"noise 2\n"
		"noise 3\n"
		"noise 4\n"
		"a.c:9:1: error: the reason\n"
		"  9 | int x = ;\n"
		"after 1\n"
		"after 2\n"
		"after 3\n"
		"after 4\n"
		"after 5\n"
		"after 6\n"
		"after 7\n"
		"##[error]Process completed with exit code 2.\n"
		"##[group]Run upload\n"
		"fine\n";
	struct heal_excerpt_opts o;
	struct heal_excerpt *ex;
	const struct heal_step_excerpt *s;

	heal_excerpt_defaults(&o);
	o.tail = 2;
	ex = excerpt_of(log, sizeof(log) - 1, &o);
	CHECK_INT(heal_excerpt_count(ex), 1);
	s = heal_excerpt_get(ex, 0);
	CHECK(s != NULL);
	if (s) {
		CHECK_STR(s->step, "Run build");
		CHECK_INT(s->exit_code, 2);
		CHECK_STR(s->text,
		          "noise 3\nnoise 4\na.c:9:1: error: the reason\n  9 | int x = ;\n"
		          "after 1\nafter 2\nafter 3\n[... 3 lines ...]\nafter 7\n"
		          "##[error]Process completed with exit code 2.\n");
	}
	heal_excerpt_free(ex);
}

TEST(heal_excerpt_plain_log_without_markers)
{
	static const char log[] = "building\nx.go:1:2: undefined: y\ndone\n";
	struct heal_excerpt *ex = excerpt_of(log, sizeof(log) - 1, NULL);

	CHECK_INT(heal_excerpt_count(ex), 1);
	if (heal_excerpt_count(ex))
		CHECK_INT(heal_excerpt_get(ex, 0)->exit_code, -1);
	heal_excerpt_free(ex);
	ex = excerpt_of("all good\n", 9, NULL);
	CHECK_INT(heal_excerpt_count(ex), 0);
	heal_excerpt_free(ex);
}

/* 100,000 distinct error lines and 100,000 repeats of one: the excerpt
 * stays within its caps, repeats are kept once, the tail is still there. */
TEST(heal_excerpt_caps_and_dedup)
{
	size_t n = 200000, i, o = 0, cap = n * 48 + 256;
	char *log = malloc(cap);
	struct heal_excerpt_opts opt;
	struct heal_excerpt *ex;
	const struct heal_step_excerpt *s;

	CHECK(log != NULL);
	if (!log)
		return;
	o += (size_t)snprintf(log, cap, "##[group]Run test\n");
	for (i = 0; i < n; i++)
		o += (size_t)snprintf(log + o, cap - o, i % 2 ? "same.c:1:1: error: same\n"
		                                              : "f.c:%zu:1: error: e\n", i);
	o += (size_t)snprintf(log + o, cap - o, "the last line\n##[error]Process completed with exit code 1.\n");
	heal_excerpt_defaults(&opt);
	ex = excerpt_of(log, o, &opt);
	CHECK_INT(heal_excerpt_count(ex), 1);
	s = heal_excerpt_get(ex, 0);
	if (s) {
		CHECK(s->nlines <= opt.max_lines);
		CHECK(strlen(s->text) <= opt.max_bytes);
		CHECK(s->omitted > n / 2);
		CHECK(strstr(s->text, "same.c:1:1: error: same\n") != NULL);
		CHECK(strstr(strstr(s->text, "same.c") + 1, "same.c:1:1") == NULL);
		CHECK(strstr(s->text, "the last line\n") != NULL);
	}
	heal_excerpt_free(ex);
	opt.max_lines = 10;
	opt.max_bytes = 200;
	ex = excerpt_of(log, o, &opt);
	s = heal_excerpt_get(ex, 0);
	CHECK(s != NULL);
	if (s) {
		CHECK(s->nlines <= 10);
		CHECK(strlen(s->text) <= 200);
	}
	heal_excerpt_free(ex);
	free(log);
}

TEST(heal_excerpt_max_steps)
{
	char log[4096];
	size_t o = 0, i;
	struct heal_excerpt_opts opt;
	struct heal_excerpt *ex;

	for (i = 0; i < 10; i++)
		o += (size_t)snprintf(log + o, sizeof(log) - o,
		                      "##[group]Run s%zu\nerror: e%zu\n"
		                      "##[error]Process completed with exit code 1.\n", i, i);
	heal_excerpt_defaults(&opt);
	opt.max_steps = 3;
	ex = excerpt_of(log, o, &opt);
	CHECK_INT(heal_excerpt_count(ex), 3);
	CHECK_STR(heal_excerpt_get(ex, 2)->step, "Run s2");
	heal_excerpt_free(ex);
}

TEST(heal_analyze_one_pass)
{
	static const char log[] =
		"2025-04-07T12:57:33.2904078Z ##[group]Run make\n"
		"2025-04-07T12:57:33.2904078Z a.c:1:2: error: bad\n"
		"2025-04-07T12:57:33.2904078Z ##[error]Process completed with exit code 2.\n";
	struct heal_analysis a;

	CHECK_INT(heal_analyze_mem(log, sizeof(log) - 1, "job.log", NULL, 0, NULL, &a), 0);
	CHECK_INT(a.entries.n, 1);
	CHECK_INT(a.lines, 3);
	CHECK_INT(a.bytes, sizeof(log) - 1);
	CHECK_INT(heal_excerpt_count(a.excerpt), 1);
	CHECK_STR(heal_excerpt_get(a.excerpt, 0)->step, "Run make");
	heal_analysis_free(&a);
	/* a per-step file of the run zip: the caller names the step */
	CHECK_INT(heal_analyze_mem("x.go:1:1: undefined: y\n", 23, "2_build.txt", "build", 0, NULL, &a), 0);
	CHECK_INT(a.entries.n, 1);
	CHECK_STR(a.entries.v[0].step, "build");
	heal_analysis_free(&a);
}
