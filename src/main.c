/* main.c - the command table of ship; everything else goes through rt_run(). */
#include "core/err.h"
#include "deploy/deploy.h"
#include "gh/commands.h"
#include "heal/heal.h"
#include "publish/publish.h"
#include "rt/run.h"
#include "scan/scan.h"
#include "version.h"

#include <stdio.h>

/*
 * Adding a command: write its option table and entry in its folder, add
 * a row here, a docs/<command>.md page, its action.yml inputs
 * (tests/dist/gen_actions.py) and tests under tests/. A row with built = 0
 * keeps its --help but exits 2 saying it is not built yet.
 */
static int version_run(struct rt_ctx *ctx)
{
	ctx->result->raw = 1; /* it prints its own output */
	return version_print(stdout, opt_flag(ctx->opts, "json")) ? ERR_FAIL : 0;
}

static const struct rt_command commands[] = {
	{ "scan", "turn scanner reports into one verdict", NULL, scan_opts, scan_run, 1, 0 },
	{ "publish", "version, changelog, tag and GitHub Release", NULL, publish_opts, publish_run, 1, 0 },
	{ "deploy-watch", "wait for Argo CD, Kubernetes or Flux to be healthy", NULL, deploy_opts, deploy_watch_run, 1, 0 },
	{ "heal", "triage a failed run: extract errors, classify, re-run or hand off", NULL, heal_opts, heal_run, 1, 0 },
	{ "version", "print ship's version and components", NULL, version_opts, version_run, 1, 0 },
	/* Hidden diagnostics of the network layer, used by the tests. */
	FETCH_COMMAND, UNZIP_COMMAND, ZIP_COMMAND, GH_COMMAND,
};

int main(int argc, char **argv)
{
	return rt_run(commands, sizeof(commands) / sizeof(commands[0]), argc, argv);
}
