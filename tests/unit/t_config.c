/* t_config.c - unit tests for configuration precedence and secrets (rt/config.c). */
#include "unit.h"
#include "rt/config.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct opt_spec cfg_cmd[] = {
	{ "fail-on", 0, OPT_STR, "LEVEL", "high", "" },
	{ "tag", 0, OPT_LIST, "TAG", NULL, "" },
	{ "strict", 0, OPT_FLAG, NULL, NULL, "" },
	{ "count", 0, OPT_INT, "N", NULL, "" },
	OPT_END
};
static const struct opt_spec cfg_other[] = {
	{ "only-other", 0, OPT_STR, NULL, NULL, "" },
	OPT_END
};
static const struct opt_spec cfg_global[] = {
	{ "state-dir", 0, OPT_STR, "DIR", "ship-state", "" },
	{ "format", 0, OPT_STR, NULL, NULL, "" },
	OPT_END
};
static const struct config_section cfg_secs[] = {
	{ "heal", cfg_cmd }, { "deploy-watch", cfg_other },
};

static void cfg_parse(struct opt_set *set, int argc, char **argv)
{
	if (opt_parse(set, cfg_cmd, cfg_global, argc, argv))
		unit_fail(__FILE__, __LINE__, "opt_parse: %s", err_last());
}

static int cfg_apply_yaml(struct opt_set *set, const char *yaml)
{
	struct yml_doc *doc = NULL;
	int rc = yml_parse(&doc, yaml, strlen(yaml), 1 << 20, ".ship.yml");

	if (!rc)
		rc = config_apply_file(set, doc, cfg_global, cfg_secs, 2, "heal");
	yml_free(doc);
	return rc;
}

static void cfg_unsetenv(void)
{
	unsetenv("INPUT_FAIL-ON");
	unsetenv("SHIP_FAIL_ON");
	unsetenv("INPUT_TAG");
	unsetenv("SHIP_STRICT");
	unsetenv("SHIP_COUNT");
}

TEST(config_env_var_names)
{
	char b[64];

	config_input_var(b, sizeof(b), "fail-on");
	CHECK_STR(b, "INPUT_FAIL-ON");
	config_input_var(b, sizeof(b), "my input");
	CHECK_STR(b, "INPUT_MY_INPUT");
	config_env_var(b, sizeof(b), "fail-on");
	CHECK_STR(b, "SHIP_FAIL_ON");
	config_env_var(b, 8, "fail-on");
	CHECK_STR(b, "SHIP_FA");
}

TEST(config_precedence_all_levels)
{
	char *argv[] = { "heal", NULL, NULL };
	struct opt_set set;

	cfg_unsetenv();
	cfg_parse(&set, 1, argv);
	CHECK_STR(opt_str(&set, "fail-on"), "high");
	CHECK_INT(cfg_apply_yaml(&set, "heal:\n  fail-on: low\n"), 0);
	CHECK_STR(opt_str(&set, "fail-on"), "low");
	CHECK_INT(opt_find(&set, "fail-on")->src, OPT_SRC_CONFIG);
	opt_set_release(&set);

	/* env over file, input over env, flag over input */
	setenv("SHIP_FAIL_ON", "medium", 1);
	cfg_parse(&set, 1, argv);
	CHECK_INT(config_apply_env(&set), 0);
	CHECK_INT(cfg_apply_yaml(&set, "heal:\n  fail-on: low\n"), 0);
	CHECK_STR(opt_str(&set, "fail-on"), "medium");
	opt_set_release(&set);
	setenv("INPUT_FAIL-ON", "critical", 1);
	cfg_parse(&set, 1, argv);
	CHECK_INT(config_apply_env(&set), 0);
	CHECK_STR(opt_str(&set, "fail-on"), "critical");
	CHECK_INT(opt_find(&set, "fail-on")->src, OPT_SRC_INPUT);
	opt_set_release(&set);
	argv[1] = "--fail-on=none";
	cfg_parse(&set, 2, argv);
	CHECK_INT(config_apply_env(&set), 0);
	CHECK_STR(opt_str(&set, "fail-on"), "none");
	opt_set_release(&set);
	/* an empty input is unset */
	setenv("INPUT_FAIL-ON", "", 1);
	cfg_parse(&set, 1, argv);
	CHECK_INT(config_apply_env(&set), 0);
	CHECK_STR(opt_str(&set, "fail-on"), "medium");
	opt_set_release(&set);
	cfg_unsetenv();
}

TEST(config_env_lists_and_flags)
{
	char *argv[] = { "heal", NULL };
	struct opt_set set;
	size_t n = 0;
	char *const *l;

	cfg_unsetenv();
	setenv("INPUT_TAG", "a\r\n  b  \n\nc", 1);
	setenv("SHIP_STRICT", "YES", 1);
	cfg_parse(&set, 1, argv);
	CHECK_INT(config_apply_env(&set), 0);
	l = opt_list(&set, "tag", &n);
	CHECK_INT(n, 3);
	CHECK_STR(l[0], "a");
	CHECK_STR(l[1], "b");
	CHECK_STR(l[2], "c");
	CHECK_INT(opt_flag(&set, "strict"), 1);
	opt_set_release(&set);
	setenv("SHIP_STRICT", "sometimes", 1);
	cfg_parse(&set, 1, argv);
	CHECK_INT(config_apply_env(&set), ERR_USAGE);
	CHECK_STR(err_last(), "SHIP_STRICT: 'sometimes' is not true or false");
	opt_set_release(&set);
	unsetenv("SHIP_STRICT");
	setenv("SHIP_COUNT", "12x", 1);
	cfg_parse(&set, 1, argv);
	CHECK_INT(config_apply_env(&set), ERR_USAGE);
	CHECK(strstr(err_last(), "SHIP_COUNT") != NULL);
	opt_set_release(&set);
	cfg_unsetenv();
}

TEST(config_file_section_beats_top_level)
{
	char *argv[] = { "heal", NULL };
	struct opt_set set;
	size_t n = 0;

	cfg_unsetenv();
	cfg_parse(&set, 1, argv);
	CHECK_INT(cfg_apply_yaml(&set, "state_dir: top\nheal:\n  state-dir: sec\n"
					"  tag: [x, y]\n  strict: on\n  count: 5\n"
					"deploy-watch:\n  only-other: 1\n"), 0);
	CHECK_STR(opt_str(&set, "state-dir"), "sec");
	opt_list(&set, "tag", &n);
	CHECK_INT(n, 2);
	CHECK_STR(opt_str(&set, "strict"), "true");
	CHECK_INT(opt_int(&set, "count", 0), 5);
	opt_set_release(&set);
	cfg_parse(&set, 1, argv);
	CHECK_INT(cfg_apply_yaml(&set, "state-dir: top\nheal:\n  tag: single\n"), 0);
	CHECK_STR(opt_str(&set, "state-dir"), "top");
	CHECK_STR(opt_list(&set, "tag", &n)[0], "single");
	opt_set_release(&set);
}

TEST(config_file_unknown_keys_name_the_line)
{
	char *argv[] = { "heal", NULL };
	struct opt_set set;

	cfg_parse(&set, 1, argv);
	CHECK_INT(cfg_apply_yaml(&set, "format: json\nfail-on: x\n"), ERR_USAGE);
	CHECK_STR(err_last(), ".ship.yml: line 2, column 1: unknown key 'fail-on' "
			      "(not a global option or a command)");
	CHECK_INT(cfg_apply_yaml(&set, "heal:\n  tag: a\n  tags: b\n"), ERR_USAGE);
	CHECK(strstr(err_last(), "line 3, column 3: unknown key 'tags' in section 'heal'") != NULL);
	/* another phase's section is checked too */
	CHECK_INT(cfg_apply_yaml(&set, "deploy-watch:\n  fail-on: x\n"), ERR_USAGE);
	CHECK(strstr(err_last(), "line 2, column 3: unknown key 'fail-on' in section "
				 "'deploy-watch'") != NULL);
	CHECK_INT(cfg_apply_yaml(&set, "heal:\n  count: [1]\n"), ERR_USAGE);
	CHECK(strstr(err_last(), "count: expected a value, not a list") != NULL);
	CHECK_INT(cfg_apply_yaml(&set, "heal:\n  count: abc\n"), ERR_USAGE);
	CHECK(strstr(err_last(), "line 2, column 10: count") != NULL);
	opt_set_release(&set);
	cfg_parse(&set, 1, argv);
	CHECK_INT(cfg_apply_yaml(&set, "heal:\n  tag: [[a]]\n"), ERR_USAGE);
	CHECK(strstr(err_last(), "line 2, column 9: tag: expected a value, not a list") != NULL);
	CHECK_INT(cfg_apply_yaml(&set, "[1]\n"), ERR_USAGE);
	CHECK_INT(cfg_apply_yaml(&set, ""), 0);
	CHECK_INT(cfg_apply_yaml(&set, "heal:\n"), 0);
	opt_set_release(&set);
}

TEST(config_load_default_and_explicit)
{
	struct yml_doc *doc = (struct yml_doc *)1;
	char path[512];
	FILE *f;

	/* the unit runner's cwd has no .ship.yml */
	CHECK_INT(config_load(&doc, NULL), 0);
	CHECK(doc == NULL);
	snprintf(path, sizeof(path), "%s/none.yml", unit_tmpdir());
	CHECK_INT(config_load(&doc, path), ERR_USAGE);
	CHECK(strstr(err_last(), "configuration file not found") != NULL);
	snprintf(path, sizeof(path), "%s/c.yml", unit_tmpdir());
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("heal:\n  fail-on: low\n", f);
	fclose(f);
	CHECK_INT(config_load(&doc, path), 0);
	CHECK(doc != NULL);
	yml_free(doc);
}

TEST(config_secrets_order_and_redaction)
{
	const char *v = NULL, *const fb[] = { "T_FALLBACK_TOKEN", NULL };
	char path[512], out[128];
	FILE *f;

	log_clear_secrets();
	config_clear_secrets();
	unsetenv("INPUT_TOKEN");
	unsetenv("SHIP_TOKEN");
	unsetenv("SHIP_TOKEN_FILE");
	setenv("T_FALLBACK_TOKEN", "fallback-value", 1);
	CHECK_INT(config_secret("token", fb, &v), 0);
	CHECK_STR(v, "fallback-value");
	setenv("SHIP_TOKEN", "ship-value", 1);
	CHECK_INT(config_secret("token", fb, &v), 0);
	CHECK_STR(v, "ship-value");
	setenv("INPUT_TOKEN", "input-value", 1);
	CHECK_INT(config_secret("token", fb, &v), 0);
	CHECK_STR(v, "input-value");
	CHECK_INT(config_put_secret("token", "args-value"), 0);
	CHECK_INT(config_secret("token", fb, &v), 0);
	CHECK_STR(v, "args-value");
	log_redact("x input-value y", 15, out, sizeof(out));
	CHECK_STR(out, "x *** y");
	unsetenv("INPUT_TOKEN");
	unsetenv("SHIP_TOKEN");
	unsetenv("T_FALLBACK_TOKEN");
	config_clear_secrets();
	CHECK_INT(config_secret("token", fb, &v), ERR_NOTFOUND);
	CHECK(strstr(err_last(), "SHIP_TOKEN_FILE") != NULL);
	snprintf(path, sizeof(path), "%s/tok", unit_tmpdir());
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("file-secret\r\n\n", f);
	fclose(f);
	setenv("SHIP_TOKEN_FILE", path, 1);
	CHECK_INT(config_secret("token", NULL, &v), 0);
	CHECK_STR(v, "file-secret");
	f = fopen(path, "w");
	if (f)
		fclose(f);
	CHECK_INT(config_secret("token", NULL, &v), ERR_INVALID);
	unsetenv("SHIP_TOKEN_FILE");
	config_clear_secrets();
	log_clear_secrets();
}

TEST(config_secret_names)
{
	CHECK(config_is_secret_name("token"));
	CHECK(config_is_secret_name("github_token"));
	CHECK(config_is_secret_name("API-KEY"));
	CHECK(config_is_secret_name("password"));
	CHECK(!config_is_secret_name("token_file"));
	CHECK(!config_is_secret_name("ssh-key-path"));
	CHECK(!config_is_secret_name("fail-on"));
	CHECK_STR(config_bool_word("On"), "true");
	CHECK_STR(config_bool_word("0"), "false");
	CHECK(config_bool_word("2") == NULL);
}
