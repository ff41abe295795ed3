/* run.c - the command layer: pick the mode and command, apply configuration, run, render. */
#include "rt/run.h"
#include "rt/ansible.h"
#include "rt/config.h"
#include "rt/ghcmd.h"
#include "rt/render.h"
#include "core/err.h"
#include "core/exitcode.h"
#include "core/log.h"
#include "core/yml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SHIP_VERSION
#define SHIP_VERSION "0.0.0-dev"
#endif

const struct opt_spec rt_global_opts[] = {
	{ "format", 0, OPT_STR, "FORMAT",
	  NULL, "output: text, json or github (default: github in Actions, else text)" },
	{ "config", 0, OPT_STR, "FILE", NULL,
	  "configuration file (default: .ship.yml when present)" },
	{ "state-dir", 0, OPT_STR, "DIR", "ship-state", "where phase state is read and written" },
	{ "state-from", 0, OPT_STR, "LOC", NULL,
	  "read state from dir:PATH, artifact:NAME (this run) or run:RUN_ID/artifact:NAME "
	  "(default: the state directory)" },
	{ "state-to", 0, OPT_STR, "LOC", NULL,
	  "write state to dir:PATH, or to the state directory and artifact:NAME (uploaded as "
	  "NAME-<phase> when the phase ends) (default: the state directory)" },
	{ "state-retention", 0, OPT_INT, "DAYS", NULL,
	  "days to keep uploaded state artifacts, 1-90 (default: the repository's)" },
	{ "ca-file", 0, OPT_STR, "FILE", NULL, "CA certificates (PEM) for TLS" },
	{ "verbose", 'v', OPT_FLAG, NULL, NULL, "more diagnostics on stderr" },
	{ "quiet", 'q', OPT_FLAG, NULL, NULL, "only warnings and errors on stderr" },
	OPT_END
};

/* The caller's commands plus the hidden built-ins. */
struct rt_table {
	const struct rt_command *cmds;
	size_t n;
};

static const struct rt_command *rt_find(const struct rt_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->cmds[i].name, name))
			return &t->cmds[i];
	if (!strcmp(name, rt_selftest_command.name))
		return &rt_selftest_command;
	return NULL;
}

static void rt_usage(const struct rt_table *t, FILE *f)
{
	size_t i;

	fprintf(f, "usage: ship <command> [options]\n\ncommands:\n");
	for (i = 0; i < t->n; i++)
		if (!t->cmds[i].hidden)
			fprintf(f, "  %-14s %s%s\n", t->cmds[i].name, t->cmds[i].summary,
				t->cmds[i].built ? "" : " (not built yet)");
	fprintf(f, "  %-14s %s\n", "help", "show this help, or `ship help <command>`");
	fprintf(f, "\nRun `ship <command> --help` for the command's options.\n");
}

static int rt_help(const struct rt_command *c)
{
	char use[160], sum[512];

	if (c->usage)
		snprintf(use, sizeof(use), "%s", c->usage);
	else
		snprintf(use, sizeof(use), "ship %s [options]", c->name);
	snprintf(sum, sizeof(sum), "%s%s", c->summary,
		 c->built ? "" : "\n(not built yet: this phase is not implemented in this version)");
	opt_help(stdout, use, sum, c->opts, rt_global_opts);
	return EXIT_OK;
}

/* With --format json in Actions stdout must stay one JSON document, so
 * ::add-mask:: goes to stderr, which the runner reads for commands too. */
static void rt_mask_stderr(const char *secret)
{
	(void)ghcmd_add_mask(STDERR_FILENO, secret);
}

/* Applies the configuration file to set (after flags and environment). */
static int rt_apply_file(const struct rt_table *t, struct opt_set *set, const char *phase)
{
	struct config_section *secs;
	struct yml_doc *doc = NULL;
	struct opt_value *cv = opt_find(set, "config");
	size_t i;
	int rc;

	if ((rc = config_load(&doc, cv && cv->src > OPT_SRC_DEFAULT ? cv->str : NULL)) || !doc)
		return rc;
	if (!(secs = calloc(t->n + 1, sizeof(*secs)))) {
		yml_free(doc);
		return err_set("out of memory");
	}
	for (i = 0; i < t->n; i++) {
		secs[i].name = t->cmds[i].name;
		secs[i].opts = t->cmds[i].opts;
	}
	secs[t->n].name = rt_selftest_command.name;
	secs[t->n].opts = rt_selftest_command.opts;
	rc = config_apply_file(set, doc, rt_global_opts, secs, t->n + 1, phase);
	free(secs);
	yml_free(doc);
	return rc;
}

/* The state store: the state directory, or --state-from / --state-to. */
static int rt_state_open(struct rt_ctx *ctx)
{
	struct state_where w = { 0 };
	long days = opt_int(ctx->opts, "state-retention", 0);

	if (days < 0 || days > 90)
		return err_setc(ERR_USAGE, "--state-retention %ld: must be 1 to 90 days", days);
	w.from = opt_str(ctx->opts, "state-from");
	w.to = opt_str(ctx->opts, "state-to");
	w.state_dir = ctx->state_dir;
	w.phase = ctx->phase;
	w.ca_file = ctx->ca_file;
	w.retention_days = (int)days;
	return state_open(ctx->state, &w);
}

/* After run(): publish the state the phase wrote (artifact sinks). A
 * failed upload fails a phase that had succeeded; after a phase error it
 * is only reported. */
static void rt_state_finish(struct rt_ctx *ctx)
{
	int rc = state_io_finish(ctx->state);

	if (!rc)
		return;
	if (ctx->result->error)
		log_error("%s", err_last());
	else
		rt_result_error(ctx->result, rc, err_last());
}

/* Everything between parsed flags and run(): precedence, log level, format. */
static int rt_prepare(const struct rt_table *t, struct rt_ctx *ctx)
{
	const char *fmt;
	int rc;

	if ((rc = config_apply_env(ctx->opts)) ||
	    (rc = rt_apply_file(t, ctx->opts, ctx->phase)))
		return rc;
	if (opt_flag(ctx->opts, "quiet"))
		log_set_level(LOG_WARN);
	if (opt_flag(ctx->opts, "verbose"))
		log_set_level(LOG_DEBUG);
	fmt = opt_str(ctx->opts, "format");
	if (ctx->mode != RT_MODE_ANSIBLE && fmt && (rc = rt_format_parse(fmt, &ctx->format)))
		return rc;
	ctx->color = ctx->format == RT_FMT_TEXT && rt_color_ok(STDOUT_FILENO);
	if (ctx->mode == RT_MODE_GITHUB && ctx->format == RT_FMT_JSON)
		log_set_secret_hook(rt_mask_stderr);
	ctx->state_dir = opt_str(ctx->opts, "state-dir");
	ctx->ca_file = opt_str(ctx->opts, "ca-file");
	if ((rc = rt_state_open(ctx)))
		return rc;
	if (ctx->check_mode)
		state_io_dry(ctx->state);
	return 0;
}

/* Parses, configures and runs one command; fills ctx->result. Returns
 * 1 when --help was printed (nothing to render), else 0. */
static int rt_exec(const struct rt_table *t, struct rt_ctx *ctx,
		   const struct rt_ansible *a, int argc, char **argv)
{
	const struct rt_command *c = ctx->cmd;
	int rc;

	if ((rc = opt_parse(ctx->opts, c->opts, rt_global_opts, argc, argv)))
		goto fail;
	if (ctx->opts->help && !a)
		return rt_help(c), 1;
	if (!c->built || !c->run) {
		rc = err_setc(ERR_USAGE, "not built yet: the %s phase is not implemented in ship %s",
			      c->name, SHIP_VERSION);
		goto fail;
	}
	if (a && (rc = rt_ansible_apply(a, ctx->opts)))
		goto fail;
	if ((rc = rt_prepare(t, ctx)))
		goto fail;
	log_debug("mode %s, state in %s", rt_mode_name(ctx->mode), ctx->state_dir);
	if ((rc = c->run(ctx)))
		goto fail;
	return 0;
fail:
	rt_result_error(ctx->result, rc, err_last());
	return 0;
}

static int rt_dispatch(const struct rt_table *t, const struct rt_command *c,
		       enum rt_mode mode, const struct rt_ansible *a, int argc, char **argv)
{
	struct opt_set set;
	struct state_io io;
	struct rt_result res;
	struct rt_ctx ctx;
	int code;

	memset(&set, 0, sizeof(set));
	memset(&io, 0, sizeof(io));
	memset(&ctx, 0, sizeof(ctx));
	rt_result_init(&res, c->name);
	log_set_phase(c->name);
	ctx.cmd = c;
	ctx.phase = c->name;
	ctx.opts = &set;
	ctx.mode = mode;
	ctx.format = rt_mode_format(mode);
	ctx.state = &io;
	ctx.result = &res;
	if (a) {
		ctx.check_mode = a->check_mode;
		ctx.diff = a->diff;
		ctx.module_args = a->public_args;
	}
	if (rt_exec(t, &ctx, a, argc, argv)) {
		code = EXIT_OK;
	} else {
		rt_state_finish(&ctx);
		code = rt_render(&res, ctx.format, a, ctx.color);
	}
	state_io_close(&io);
	opt_set_release(&set);
	rt_result_release(&res);
	return code;
}

/* Ansible module mode: every failure, even before the command is known,
 * is reported as one JSON object with failed: true. */
static int rt_run_ansible(const struct rt_table *t, int argc, char **argv)
{
	struct rt_ansible a;
	const struct rt_command *c;
	struct rt_result res;
	char *args[2];
	int rc, code;

	log_set_level(LOG_WARN);
	if (!(rc = rt_ansible_load(&a, argv[0], argv[1]))) {
		if ((c = rt_find(t, a.phase))) {
			args[0] = (char *)c->name;
			args[1] = NULL;
			code = rt_dispatch(t, c, RT_MODE_ANSIBLE, &a, 1, args);
			rt_ansible_release(&a);
			return code;
		}
		rc = err_setc(ERR_USAGE, "module %s: unknown ship phase '%s'", a.module, a.phase);
	}
	rt_result_init(&res, a.phase[0] ? a.phase : "ship");
	rt_result_error(&res, rc, err_last());
	code = rt_render(&res, RT_FMT_ANSIBLE, a.args ? &a : NULL, 0);
	rt_result_release(&res);
	rt_ansible_release(&a);
	return code;
}

int rt_run(const struct rt_command *cmds, size_t ncmds, int argc, char **argv)
{
	struct rt_table t = { cmds, ncmds };
	const struct rt_command *c;
	enum rt_mode mode = rt_mode_env();
	char *version_argv[2] = { (char *)"version", NULL };
	int code;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && !rt_find(&t, argv[1]) && rt_mode_is_ansible(argc, argv)) {
		code = rt_run_ansible(&t, argc, argv);
		config_clear_secrets();
		return code;
	}
	/* Mask secrets in the Actions log before anything could print them. */
	if (mode == RT_MODE_GITHUB) {
		log_set_secret_hook(ghcmd_mask_hook);
		/* Diagnostics quote untrusted input; the runner reads stderr too. */
		log_set_filter(rt_untrusted_neutralize);
	}
	if (argc < 2) {
		rt_usage(&t, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version") && (c = rt_find(&t, "version")))
		return rt_dispatch(&t, c, mode, NULL, 1, version_argv);
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc > 2 && (c = rt_find(&t, argv[2])))
			return rt_help(c);
		if (argc > 2) {
			log_error("unknown command '%s' (see `ship help`)", argv[2]);
			return EXIT_USAGE;
		}
		rt_usage(&t, stdout);
		return EXIT_OK;
	}
	if (!(c = rt_find(&t, argv[1]))) {
		log_error("unknown command '%s' (see `ship help`)", argv[1]);
		return EXIT_USAGE;
	}
	code = rt_dispatch(&t, c, mode, NULL, argc - 1, argv + 1);
	config_clear_secrets();
	return code;
}
