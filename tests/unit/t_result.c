/* t_result.c - unit tests for the phase result object and mode helpers (rt/result.c, rt/mode.c). */
#include "unit.h"
#include "rt/mode.h"
#include "rt/result.h"
#include "core/err.h"

#include <stdlib.h>
#include <string.h>

TEST(result_exit_codes_follow_design)
{
	struct rt_result r;

	rt_result_init(&r, "scan");
	CHECK_INT(rt_result_exit_code(&r), 0);
	CHECK_STR(rt_result_word(&r), "done");
	rt_result_set(&r, RT_PASS, NULL, NULL);
	CHECK_STR(rt_result_word(&r), "pass");
	rt_result_set(&r, RT_FAIL, "blocked", "%d block", 2);
	CHECK_INT(rt_result_exit_code(&r), 1);
	CHECK_STR(r.message, "2 block");
	rt_result_error(&r, ERR_TIMEOUT, "deadline");
	CHECK_INT(rt_result_exit_code(&r), 4);
	CHECK_STR(rt_result_word(&r), "error");
	rt_result_error(&r, ERR_SERVICE, "");
	CHECK_INT(rt_result_exit_code(&r), 3);
	CHECK_STR(r.message, "failed");
	rt_result_error(&r, ERR_INVALID, "bad");
	CHECK_INT(rt_result_exit_code(&r), 2);
	rt_result_release(&r);
	CHECK_STR(r.phase, "scan");
}

TEST(result_json_and_text)
{
	struct rt_result r;
	struct buf b = BUF_INIT(1 << 16);
	struct jv *j;

	rt_result_init(&r, "heal");
	rt_result_set(&r, RT_PASS, "rerun", "re-ran %s", "job 7");
	rt_result_changed(&r, 5);
	rt_result_output(&r, "agent", "rex");
	rt_result_output(&r, "bad", "a\xff");
	rt_result_data(&r, "n", jv_new_int(3));
	j = rt_result_json(&r);
	CHECK_STR(jv_get_str(j, "verdict"), "rerun");
	CHECK_INT(jv_bool(jv_get(j, "ok"), 0), 1);
	CHECK_INT(jv_bool(jv_get(j, "changed"), 0), 1);
	CHECK_STR(jv_get_str(jv_get(j, "outputs"), "bad"), "a\xef\xbf\xbd");
	CHECK(jv_get(j, "error") == NULL);
	jv_free(j);
	CHECK_INT(rt_result_text(&r, &b, 0), 0);
	CHECK_STR(buf_cstr(&b), "heal: rerun (changed): re-ran job 7\n  agent: rex\n  bad: a\xef\xbf\xbd\n");
	buf_reset(&b);
	CHECK_INT(rt_result_text(&r, &b, 1), 0);
	CHECK(strstr(buf_cstr(&b), "\033[1;32mrerun\033[0m") != NULL);
	buf_release(&b);
	rt_result_release(&r);
}

TEST(mode_formats_and_colour)
{
	enum rt_format f = RT_FMT_TEXT;
	char *one[] = { "ship", "scan", NULL };

	CHECK_INT(rt_format_parse("json", &f), 0);
	CHECK_INT(f, RT_FMT_JSON);
	CHECK_INT(rt_format_parse("github", &f), 0);
	CHECK_INT(f, RT_FMT_GITHUB);
	CHECK_INT(rt_format_parse("xml", &f), ERR_USAGE);
	CHECK_INT(rt_mode_format(RT_MODE_GITHUB), RT_FMT_GITHUB);
	CHECK_INT(rt_mode_format(RT_MODE_CLI), RT_FMT_TEXT);
	setenv("GITHUB_ACTIONS", "true", 1);
	CHECK_INT(rt_mode_env(), RT_MODE_GITHUB);
	setenv("GITHUB_ACTIONS", "false", 1);
	CHECK_INT(rt_mode_env(), RT_MODE_CLI);
	unsetenv("GITHUB_ACTIONS");
	setenv("NO_COLOR", "1", 1);
	CHECK_INT(rt_color_ok(1), 0);
	unsetenv("NO_COLOR");
	/* "scan" is no file here; options and two arguments never are modules */
	CHECK_INT(rt_mode_is_ansible(2, one), 0);
	one[1] = "--help";
	CHECK_INT(rt_mode_is_ansible(2, one), 0);
	CHECK_INT(rt_mode_is_ansible(1, one), 0);
}
