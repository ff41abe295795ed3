/* config.h - the ledger's runtime configuration */
#ifndef LEDGER_CONFIG_H
#define LEDGER_CONFIG_H

#include <stddef.h>

struct config {
	const char *data_dir;
	size_t max_entries;
	int verbose;
};

int config_load(struct config *cfg, const char *path);
bool config_is_valid(const struct config *cfg);
void config_dump(const struct config *cfg, int fd);

#endif
