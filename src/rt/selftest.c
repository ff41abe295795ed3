/* selftest.c - `ship selftest`: a hidden, always-built command that exercises the runtime contract in tests. */
#include "rt/run.h"
#include "rt/config.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

static const struct opt_spec selftest_opts[] = {
	{ "fail", 0, OPT_FLAG, NULL, NULL, "end with a negative verdict (exit 1)" },
	{ "change", 0, OPT_FLAG, NULL, NULL,
	  "make an external change (an audit record); in check mode only report it" },
	{ "error", 0, OPT_STR, "KIND", NULL, "fail to run: invalid, service or timeout" },
	{ "message", 0, OPT_STR, "TEXT", NULL, "the result message" },
	{ "output", 0, OPT_LIST, "NAME=VALUE", NULL, "add a step output" },
	{ "read-state", 0, OPT_LIST, "PHASE", NULL, "read PHASE's state and report it" },
	{ "mask-check", 0, OPT_FLAG, NULL, NULL,
	  "read the `token` secret (SHIP_TOKEN, GITHUB_TOKEN, SHIP_TOKEN_FILE) and log it masked" },
	{ "fail-on", 0, OPT_STR, "LEVEL", "high", "a phase-style option for configuration tests" },
	{ "count", 0, OPT_INT, "N", "1", "an integer option for configuration tests" },
	{ "tag", 0, OPT_LIST, "TAG", NULL, "a list option for configuration tests" },
	OPT_END
};

static const char *selftest_src(enum opt_source s)
{
	static const char *const names[] = { "none", "default", "config", "env", "input", "flag" };

	return (unsigned)s < sizeof(names) / sizeof(*names) ? names[s] : "?";
}

/* data.options: every option's value and where it came from. */
static struct jv *selftest_options(const struct opt_set *set)
{
	struct jv *all = jv_new_obj(), *o, *l;
	size_t i, k;

	for (i = 0; all && i < set->n; i++) {
		const struct opt_value *v = &set->v[i];
		o = jv_new_obj();
		if (v->spec->type == OPT_LIST) {
			l = jv_new_arr();
			for (k = 0; k < v->nlist; k++)
				jv_push(l, jv_new_str(v->list[k]));
			jv_set(o, "value", l);
		} else {
			jv_set_str(o, "value", v->str);
		}
		jv_set_str(o, "source", selftest_src(v->src));
		jv_set(all, v->spec->name, o);
	}
	return all;
}

static int selftest_error(const char *kind)
{
	if (!strcmp(kind, "invalid"))
		return err_setc(ERR_INVALID, "selftest: invalid input, as asked");
	if (!strcmp(kind, "service"))
		return err_setc(ERR_SERVICE, "selftest: service failed, as asked");
	if (!strcmp(kind, "timeout"))
		return err_setc(ERR_TIMEOUT, "selftest: deadline reached, as asked");
	return err_setc(ERR_USAGE, "--error: '%s' is not invalid, service or timeout", kind);
}

static int selftest_outputs(struct rt_ctx *ctx)
{
	char *const *l = opt_list(ctx->opts, "output", NULL);
	char name[256];
	const char *eq;

	for (; *l; l++) {
		if (!(eq = strchr(*l, '=')) || eq == *l || (size_t)(eq - *l) >= sizeof(name))
			return err_setc(ERR_USAGE, "--output: '%s' is not NAME=VALUE", *l);
		memcpy(name, *l, (size_t)(eq - *l));
		name[eq - *l] = '\0';
		if (rt_result_output(ctx->result, name, eq + 1))
			return ERR_FAIL;
	}
	return 0;
}

static int selftest_read_states(struct rt_ctx *ctx)
{
	char *const *l = opt_list(ctx->opts, "read-state", NULL);
	struct jv *all = jv_new_obj(), *doc;
	int rc = 0;

	for (; *l && !rc; l++) {
		if (!(rc = state_load(ctx->state, *l, &doc)))
			rc = jv_set(all, *l, doc);
	}
	if (!rc)
		return rt_result_data(ctx->result, "states", all);
	jv_free(all);
	return rc;
}

static int selftest_change(struct rt_ctx *ctx)
{
	int rc;

	rt_result_changed(ctx->result, 1);
	rt_result_diff(ctx->result, "touched: no\n", "touched: yes\n");
	/* In check mode the store is dry (run.c): this writes nothing. */
	if ((rc = state_audit(ctx->state, ctx->phase, "selftest.touch", ctx->state_dir, "ok")))
		return err_wrap("writing the audit log");
	return 0;
}

static int selftest_run(struct rt_ctx *ctx)
{
	struct jv *st;
	const char *kind = opt_str(ctx->opts, "error"), *tok;
	const char *msg = opt_str(ctx->opts, "message");
	int rc, fail = opt_flag(ctx->opts, "fail");

	if (ctx->opts->nrest)
		return err_setc(ERR_USAGE, "unexpected argument '%s'", ctx->opts->rest[0]);
	if (kind)
		return selftest_error(kind);
	if (opt_flag(ctx->opts, "mask-check")) {
		if ((rc = config_secret("token", (const char *const[]){ "GITHUB_TOKEN", NULL }, &tok)))
			return rc;
		log_warn("token is %s", tok);
		rt_result_data(ctx->result, "token_length", jv_new_int((long long)strlen(tok)));
	}
	if ((rc = selftest_outputs(ctx)) || (rc = selftest_read_states(ctx)))
		return rc;
	if (opt_flag(ctx->opts, "change") && (rc = selftest_change(ctx)))
		return rc;
	rt_result_data(ctx->result, "options", selftest_options(ctx->opts));
	rt_result_data(ctx->result, "check_mode", jv_new_bool(ctx->check_mode));
	rt_result_set(ctx->result, fail ? RT_FAIL : RT_PASS, fail ? "fail" : "pass", "%s",
		      msg ? msg : fail ? "failing as asked" : "all good");
	/* The phase's own state: what later phases would read (a no-op in
	 * check mode, where the store is dry). */
	if (!(st = jv_new_obj()))
		return err_set("out of memory");
	jv_set_str(st, "verdict", fail ? "fail" : "pass");
	jv_set_bool(st, "changed", ctx->result->changed);
	rc = state_save(ctx->state, ctx->phase, st);
	jv_free(st);
	return rc ? err_wrap("writing state") : 0;
}

const struct rt_command rt_selftest_command = {
	"selftest",
	"exercise the runtime contract (tests only)",
	NULL,
	selftest_opts,
	selftest_run,
	1,
	1
};
