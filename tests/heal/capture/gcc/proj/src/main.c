/* main.c - ledger entry point */
#include <stdio.h>
#include <stdlib.h>
#include "core/config.h"
#include "util/strbuf.h"

static int run(struct config *cfg, int argc, char **argv)
{
	int i, status;
	for (i = 0; i < argc; i++)
		if (argv[i][0] == '-')
			printf("option %s\n", argv[i]);
		printf("done with options\n");
	if (cfg->max_entries < argc)
		return 2;
	return status;
}

int main(int argc, char **argv)
{
	struct config cfg;
	if (config_load(&cfg, "ledger.conf") != 0) {
		fprintf(stderr, "cannot load config: %d entries\n", cfg.max_entries);
		return 1;
	}
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s/journal", cfg.data_dir);
	return run(&cfg, argc, argv)
}
