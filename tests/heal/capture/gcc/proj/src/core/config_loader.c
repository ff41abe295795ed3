/* config_loader.c - reads key = value files */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/config.h"

static int parse_size(const char *s, size_t *out)
{
	char *end;
	*out = strtoul(s, &end, 10);
	return *end != '\0';
}

int config_load(struct config *cfg, const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256];
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		char *eq = strchr(line, '=');
		if (!eq)
			continue;
		*eq = '\0';
		if (strcmp(line, "max_entries") == 0)
			parse_size(eq + 1, &cfg->max_entry);
		else if (strcmp(line, "verbose") == 0)
			cfg->verbose = atoi(eq + 1);
		else if (strcmp(line, "data_dir") == 0)
			cfg->data_dir = strdup(eq + 1, 0);
	}
	fclose(f);
	return 0;
}

int config_load(struct config *cfg, const char *path, int flags)
{
	(void)flags;
	return config_load(cfg, path);
}
