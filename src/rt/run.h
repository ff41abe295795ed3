/* run.h - the command layer: mode detection, options and configuration, running a command, rendering its result. */
#ifndef SHIP_RUN_H
#define SHIP_RUN_H

#include <stddef.h>
#include "core/jv.h"
#include "core/opt.h"
#include "rt/mode.h"
#include "rt/result.h"
#include "rt/state.h"

/*
 * What a command's run function gets. Everything is owned by rt_run();
 * pointers are borrowed for the duration of run().
 */
struct rt_ctx {
	const struct rt_command *cmd;
	const char *phase;          /* cmd->name */
	struct opt_set *opts;       /* final values: flags > INPUT_* > SHIP_* > file > defaults */
	enum rt_mode mode;          /* how ship was started */
	enum rt_format format;      /* how the result is rendered */
	int check_mode;             /* make no external change, report what would change
				       (Ansible check mode) */
	int diff;                   /* Ansible asked for a diff (rt_result_diff) */
	int color;                  /* ANSI colour allowed on stdout */
	const char *state_dir;      /* --state-dir */
	const char *ca_file;        /* --ca-file, or NULL */
	struct state_io *state;     /* the state store (the directory for now) */
	struct rt_result *result;   /* fill this */
	struct jv *module_args;     /* Ansible module args (secrets removed), or NULL */
};

/*
 * One command. `usage` may be NULL ("ship NAME [options]"). run() fills
 * ctx->result and returns 0, or a negative ERR_ code with err_set() when
 * the command could not do its job (the message becomes the error).
 * stdout belongs to the renderer: with ctx->format RT_FMT_JSON or
 * RT_FMT_ANSIBLE a command must print nothing there (Ansible reads one
 * JSON object); workflow commands only when ctx->format is RT_FMT_GITHUB.
 * In check mode (ctx->check_mode) a command makes no external change and
 * writes no state; it sets changed to what it would have done.
 * A command with built == 0 exits 2 with "not built yet"; its --help
 * still works and says "(not built yet)".
 */
struct rt_command {
	const char *name;
	const char *summary;
	const char *usage;
	const struct opt_spec *opts;
	int (*run)(struct rt_ctx *ctx);
	int built;
	int hidden;   /* diagnostics and test commands: left out of `ship help` */
};

/* The global options every command accepts (--format, --config,
 * --state-dir, --ca-file, -v, -q). */
extern const struct opt_spec rt_global_opts[];

/*
 * The whole command layer for main(): returns the process exit code.
 * Handles `ship`, `ship help [CMD]`, `ship CMD --help`, unknown
 * commands, the hidden `selftest` command, GitHub Actions / Ansible /
 * CLI modes and the result rendering. cmds is borrowed.
 */
int rt_run(const struct rt_command *cmds, size_t ncmds, int argc, char **argv);

/* The hidden built-in command for tests (src/rt/selftest.c). */
extern const struct rt_command rt_selftest_command;

#endif
