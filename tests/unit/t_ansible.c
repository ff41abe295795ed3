/* t_ansible.c - unit tests for the binary Ansible module protocol (rt/ansible.c). */
#include "unit.h"
#include "rt/ansible.h"
#include "rt/config.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

static const struct opt_spec an_cmd[] = {
	{ "fail-on", 0, OPT_STR, NULL, "high", "" },
	{ "tag", 0, OPT_LIST, NULL, NULL, "" },
	{ "dry-run", 0, OPT_FLAG, NULL, NULL, "" },
	{ "timeout", 0, OPT_INT, NULL, NULL, "" },
	OPT_END
};

static const char *an_file(const char *text)
{
	static char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/args", unit_tmpdir());
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

TEST(ansible_phase_from_module_name_argument_or_argv0)
{
	struct rt_ansible a;

	CHECK_INT(rt_ansible_load(&a, "/x/AnsiballZ_ship_heal",
		  an_file("{\"_ansible_module_name\": \"ship_deploy_watch\"}")), 0);
	CHECK_STR(a.phase, "deploy-watch");
	CHECK_STR(a.module, "ship_deploy_watch");
	rt_ansible_release(&a);
	CHECK_INT(rt_ansible_load(&a, "x", an_file("{\"_ansible_module_name\": "
						 "\"my.coll.ship_scan\"}")), 0);
	CHECK_STR(a.phase, "scan");
	rt_ansible_release(&a);
	CHECK_INT(rt_ansible_load(&a, "x", an_file("{\"_ansible_module_name\": \"ship\", "
						 "\"phase\": \"publish\"}")), 0);
	CHECK_STR(a.phase, "publish");
	rt_ansible_release(&a);
	CHECK_INT(rt_ansible_load(&a, "/tmp/ship_heal", an_file("{\"_ansible_check_mode\": true}")), 0);
	CHECK_STR(a.phase, "heal");
	CHECK_INT(a.check_mode, 1);
	rt_ansible_release(&a);
	CHECK_INT(rt_ansible_load(&a, "/tmp/ship", an_file("{\"_ansible_diff\": true}")), ERR_INVALID);
	CHECK(strstr(err_last(), "cannot tell the phase") != NULL);
	rt_ansible_release(&a);
}

TEST(ansible_malformed_files)
{
	struct rt_ansible a;
	const char *p;

	p = an_file("{\"_ansible_module_name\": \"ship_scan\"");
	CHECK_INT(rt_ansible_load(&a, "x", p), ERR_INVALID);
	CHECK(strstr(err_last(), "the Ansible args file is not valid JSON") == err_last());
	CHECK(strstr(err_last(), p) != NULL);
	rt_ansible_release(&a);
	CHECK_INT(rt_ansible_load(&a, "x", an_file("[1]")), ERR_INVALID);
	rt_ansible_release(&a);
	CHECK_INT(rt_ansible_load(&a, "x", an_file("{\"phase\": 3}")), ERR_INVALID);
	rt_ansible_release(&a);
	CHECK(rt_ansible_load(&a, "x", "/nonexistent/args") < 0);
	rt_ansible_release(&a);
}

TEST(ansible_args_become_flags_secrets_stay_out)
{
	struct rt_ansible a;
	struct opt_set set;
	char *argv[] = { "scan", NULL };
	const char *tok = NULL;
	size_t n = 0;

	log_clear_secrets();
	config_clear_secrets();
	CHECK_INT(rt_ansible_load(&a, "x", an_file(
		"{\"fail_on\": \"low\", \"tag\": [\"a\", 2, true], \"dry_run\": true,"
		" \"timeout\": 30, \"github_token\": \"ghp_secretvalue\", \"phase\": \"scan\","
		" \"_ansible_module_name\": \"ship_scan\", \"_ansible_diff\": false}")), 0);
	CHECK(jv_get(a.public_args, "github_token") == NULL);
	CHECK(jv_get(a.public_args, "_ansible_diff") == NULL);
	CHECK_STR(jv_get_str(a.public_args, "fail_on"), "low");
	CHECK_INT(config_secret("github_token", NULL, &tok), 0);
	CHECK_STR(tok, "ghp_secretvalue");
	CHECK_INT(opt_parse(&set, an_cmd, NULL, 1, argv), 0);
	CHECK_INT(rt_ansible_apply(&a, &set), 0);
	CHECK_STR(opt_str(&set, "fail-on"), "low");
	CHECK_INT(opt_find(&set, "fail-on")->src, OPT_SRC_FLAG);
	CHECK_STR(opt_list(&set, "tag", &n)[1], "2");
	CHECK_INT(n, 3);
	CHECK_STR(opt_list(&set, "tag", &n)[2], "true");
	CHECK_INT(opt_flag(&set, "dry-run"), 1);
	CHECK_INT(opt_int(&set, "timeout", 0), 30);
	opt_set_release(&set);
	rt_ansible_release(&a);
	config_clear_secrets();
	log_clear_secrets();
}

TEST(ansible_unsupported_and_bad_values)
{
	struct rt_ansible a;
	struct opt_set set;
	char *argv[] = { "scan", NULL };

	CHECK_INT(rt_ansible_load(&a, "x", an_file(
		"{\"_ansible_module_name\": \"ship_scan\", \"nope\": 1, \"also\": 2}")), 0);
	CHECK_INT(opt_parse(&set, an_cmd, NULL, 1, argv), 0);
	CHECK_INT(rt_ansible_apply(&a, &set), ERR_USAGE);
	CHECK_STR(err_last(), "Unsupported parameters for (ship_scan) module: nope, also. "
			      "Supported parameters include: fail_on, tag, dry_run, timeout");
	opt_set_release(&set);
	rt_ansible_release(&a);
	CHECK_INT(rt_ansible_load(&a, "x", an_file(
		"{\"_ansible_module_name\": \"ship_scan\", \"fail_on\": [\"a\"]}")), 0);
	CHECK_INT(opt_parse(&set, an_cmd, NULL, 1, argv), 0);
	CHECK_INT(rt_ansible_apply(&a, &set), ERR_USAGE);
	CHECK(strstr(err_last(), "argument 'fail_on': expected a single value") != NULL);
	opt_set_release(&set);
	rt_ansible_release(&a);
	CHECK_INT(rt_ansible_load(&a, "x", an_file(
		"{\"_ansible_module_name\": \"ship_scan\", \"dry_run\": \"perhaps\"}")), 0);
	CHECK_INT(opt_parse(&set, an_cmd, NULL, 1, argv), 0);
	CHECK_INT(rt_ansible_apply(&a, &set), ERR_USAGE);
	opt_set_release(&set);
	rt_ansible_release(&a);
}

TEST(ansible_result_shape)
{
	struct rt_ansible a;
	struct rt_result r;
	struct jv *j;

	CHECK_INT(rt_ansible_load(&a, "x", an_file(
		"{\"_ansible_module_name\": \"ship_scan\", \"_ansible_diff\": true,"
		" \"_ansible_check_mode\": true, \"fail_on\": \"low\"}")), 0);
	rt_result_init(&r, "scan");
	rt_result_set(&r, RT_FAIL, "blocked", "%d findings block", 3);
	rt_result_changed(&r, 1);
	rt_result_output(&r, "blocking", "3");
	rt_result_diff(&r, "a\n", "b\n");
	j = rt_ansible_result(&a, &r);
	CHECK_INT(jv_bool(jv_get(j, "failed"), 0), 1);
	CHECK_INT(jv_bool(jv_get(j, "changed"), 0), 1);
	CHECK_INT(jv_bool(jv_get(j, "check_mode"), 0), 1);
	CHECK_STR(jv_get_str(j, "msg"), "3 findings block");
	CHECK_STR(jv_get_str(j, "verdict"), "blocked");
	CHECK_STR(jv_get_str(jv_get(j, "outputs"), "blocking"), "3");
	CHECK_STR(jv_get_str(jv_get(j, "diff"), "after"), "b\n");
	CHECK_STR(jv_get_str(jv_get(jv_get(j, "invocation"), "module_args"), "fail_on"), "low");
	jv_free(j);
	a.diff = 0;
	j = rt_ansible_result(&a, &r);
	CHECK(jv_get(j, "diff") == NULL);
	jv_free(j);
	rt_result_release(&r);
	rt_result_init(&r, "scan");
	rt_result_error(&r, ERR_SERVICE, "GitHub API: 502");
	j = rt_ansible_result(NULL, &r);
	CHECK_INT(jv_bool(jv_get(j, "failed"), 0), 1);
	CHECK_STR(jv_get_str(j, "verdict"), "error");
	long long code = 0;
	CHECK_INT(jv_int(jv_get(j, "exit_code"), &code), 0);
	CHECK_INT(code, 3);
	jv_free(j);
	rt_result_release(&r);
	rt_ansible_release(&a);
}
