#ifndef RELAY_LOG_H
#define RELAY_LOG_H

#include <stdio.h>

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG };

extern enum log_level log_level;

#define LOG_AT(lvl, fmt, ...) \
    do { if ((lvl) <= log_level) fprintf(stderr, "relay: " fmt "\n", __VA_ARGS__); } while (0)
#define LOG_ERR(fmt, ...) LOG_AT(LOG_ERROR, fmt, __VA_ARGS__)
#define CHECK(cond) \
    do { if (!(cond)) LOG_ERR("check failed: %s at %s:%d", #cond, __FILE__); } while (0)

#endif
