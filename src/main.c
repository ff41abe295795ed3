/* main.c - the command table and dispatch of ship. */
#include "core/err.h"
#include "core/exitcode.h"
#include "core/log.h"
#include "core/opt.h"
#include "deploy/deploy.h"
#include "heal/heal.h"
#include "publish/publish.h"
#include "scan/scan.h"
#include "version.h"

#include <stdio.h>
#include <string.h>

/*
 * Adding a command: write its option table and entry in its folder,
 * add a row here, a docs/<command>.md page, and tests under tests/.
 */
struct command {
	const char *name;
	const char *summary;
	const struct opt_spec *opts;
	int built;
};

static const struct command commands[] = {
	{ "scan", "turn scanner reports into one verdict", scan_opts, 0 },
	{ "publish", "version, changelog, tag and GitHub Release", publish_opts, 0 },
	{ "deploy-watch", "wait for Argo CD, Kubernetes or Flux to be healthy", deploy_opts, 0 },
	{ "heal", "triage a failed run: extract errors, classify, re-run or hand off", heal_opts, 0 },
	{ "version", "print ship's version and components", version_opts, 1 },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: ship <command> [options]\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-14s %s%s\n", commands[i].name, commands[i].summary,
			commands[i].built ? "" : " (not built yet)");
	fprintf(f, "  %-14s %s\n", "help", "show this help, or `ship help <command>`");
	fprintf(f, "\nRun `ship <command> --help` for the command's options.\n");
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int command_help(const struct command *c)
{
	char use[128], sum[256];

	snprintf(use, sizeof(use), "ship %s [options]", c->name);
	snprintf(sum, sizeof(sum), "%s%s", c->summary,
		 c->built ? "" : "\n(not built yet: this phase is not implemented in this version)");
	opt_help(stdout, use, sum, c->opts, NULL);
	return EXIT_OK;
}

static int run_command(const struct command *c, int argc, char **argv)
{
	struct opt_set set;
	int rc;

	log_set_phase(c->name);
	if ((rc = opt_parse(&set, c->opts, NULL, argc, argv))) {
		log_error("%s", err_last());
		opt_set_release(&set);
		return EXIT_USAGE;
	}
	if (set.help) {
		opt_set_release(&set);
		return command_help(c);
	}
	if (!c->built) {
		log_error("not built yet: the %s phase is not implemented in ship %s",
			  c->name, SHIP_VERSION);
		opt_set_release(&set);
		return EXIT_USAGE;
	}
	rc = version_print(stdout, opt_flag(&set, "json")) ? EXIT_USAGE : EXIT_OK;
	opt_set_release(&set);
	return rc;
}

int main(int argc, char **argv)
{
	const struct command *c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version"))
		return version_print(stdout, 0) ? EXIT_USAGE : EXIT_OK;
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc > 2 && (c = find_command(argv[2])))
			return command_help(c);
		usage(stdout);
		return EXIT_OK;
	}
	if (!(c = find_command(argv[1]))) {
		log_error("unknown command '%s' (see `ship help`)", argv[1]);
		return EXIT_USAGE;
	}
	return run_command(c, argc - 1, argv + 1);
}
