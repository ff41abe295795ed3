/* t_opt.c - unit tests of option parsing, precedence and help. */
#include "unit.h"
#include "core/err.h"
#include "core/opt.h"

#include <stdio.h>
#include <stdlib.h>

static const struct opt_spec specs[] = {
	{ "fail-on", 0, OPT_STR, "SEVERITY", "high", "lowest blocking severity" },
	{ "report", 'r', OPT_LIST, "FILE", NULL, "a report" },
	{ "dry-run", 0, OPT_FLAG, NULL, NULL, "change nothing" },
	{ "attempt", 0, OPT_INT, "N", NULL, "attempt" },
	{ "namespace", 'n', OPT_STR, "NS", NULL, "namespace" },
	OPT_END
};

static const struct opt_spec global[] = {
	{ "verbose", 'v', OPT_FLAG, NULL, NULL, "more output" },
	OPT_END
};

TEST(opt_parses_long_short_lists_and_rest)
{
	char *argv[] = { "scan", "--fail-on=critical", "-r", "a.json", "--report",
			 "b.json", "-v", "--dry-run", "pos", "-nprod", "--", "--x", NULL };
	struct opt_set s;
	size_t n;
	char *const *l;

	CHECK_INT(opt_parse(&s, specs, global, 12, argv), 0);
	CHECK_STR(opt_str(&s, "fail-on"), "critical");
	l = opt_list(&s, "report", &n);
	CHECK_INT(n, 2);
	CHECK_STR(l[0], "a.json");
	CHECK_STR(l[1], "b.json");
	CHECK(l[2] == NULL);
	CHECK_INT(opt_flag(&s, "verbose"), 1);
	CHECK_INT(opt_flag(&s, "dry-run"), 1);
	CHECK_STR(opt_str(&s, "namespace"), "prod");
	CHECK_INT(s.nrest, 2);
	CHECK_STR(s.rest[0], "pos");
	CHECK_STR(s.rest[1], "--x");
	opt_set_release(&s);
}

TEST(opt_defaults_and_precedence)
{
	char *argv[] = { "scan", NULL };
	struct opt_set s;

	CHECK_INT(opt_parse(&s, specs, NULL, 1, argv), 0);
	CHECK_STR(opt_str(&s, "fail-on"), "high");
	CHECK_INT(opt_find(&s, "fail-on")->src, OPT_SRC_DEFAULT);
	CHECK_INT(opt_set_value(&s, "fail-on", "low", OPT_SRC_CONFIG, ".ship.yml"), 0);
	CHECK_STR(opt_str(&s, "fail-on"), "low");
	CHECK_INT(opt_set_value(&s, "fail-on", "medium", OPT_SRC_INPUT, "INPUT_FAIL-ON"), 0);
	CHECK_STR(opt_str(&s, "fail-on"), "medium");
	/* A lower source never overrides a higher one. */
	CHECK_INT(opt_set_value(&s, "fail-on", "none", OPT_SRC_ENV, "SHIP_FAIL_ON"), 0);
	CHECK_STR(opt_str(&s, "fail-on"), "medium");
	CHECK_INT(opt_int(&s, "attempt", 7), 7);
	opt_set_release(&s);
}

TEST(opt_flag_beats_everything)
{
	char *argv[] = { "scan", "--fail-on", "none", NULL };
	struct opt_set s;

	CHECK_INT(opt_parse(&s, specs, NULL, 3, argv), 0);
	CHECK_INT(opt_set_value(&s, "fail-on", "low", OPT_SRC_INPUT, "INPUT_FAIL-ON"), 0);
	CHECK_STR(opt_str(&s, "fail-on"), "none");
	opt_set_release(&s);
}

TEST(opt_errors_name_the_option)
{
	char *a1[] = { "scan", "--nope", NULL };
	char *a2[] = { "scan", "--fail-on", NULL };
	char *a3[] = { "scan", "--attempt", "3x", NULL };
	char *a4[] = { "scan", "--dry-run=1", NULL };
	struct opt_set s;

	CHECK_INT(opt_parse(&s, specs, NULL, 2, a1), ERR_USAGE);
	CHECK(strstr(err_last(), "--nope") != NULL);
	opt_set_release(&s);
	CHECK_INT(opt_parse(&s, specs, NULL, 2, a2), ERR_USAGE);
	CHECK(strstr(err_last(), "--fail-on") != NULL);
	opt_set_release(&s);
	CHECK_INT(opt_parse(&s, specs, NULL, 3, a3), ERR_USAGE);
	CHECK(strstr(err_last(), "3x") != NULL);
	opt_set_release(&s);
	CHECK_INT(opt_parse(&s, specs, NULL, 2, a4), ERR_USAGE);
	opt_set_release(&s);
	CHECK_INT(opt_set_value(&s, "nope", "x", OPT_SRC_ENV, "SHIP_NOPE"), ERR_USAGE);
}

TEST(opt_help_lists_every_option)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	const struct opt_spec *o;

	opt_help(f, "ship scan [options]", "summary", specs, global);
	fclose(f);
	for (o = specs; o->name; o++)
		CHECK(strstr(text, o->name) != NULL);
	CHECK(strstr(text, "--verbose") != NULL);
	CHECK(strstr(text, "(default: high)") != NULL);
	free(text);
}
