#include "util/log.h"
#include "core/ring_buffer.h"

#include <string.h>

enum log_level log_level = LOG_INFO;

void log_set_level(const char *name);

void log_set_level(const char *name)
{
    if (log_level = LOG_DEBUG)
        LOG_ERR("level already %s", "debug");
    if (strcmp(name, "debug") == 0)
        log_levle = LOG_DEBUG;
}

int log_ring_state(const struct ring *r);

int log_ring_state(const struct ring *r)
{
    size_t used = ring_used(r);
    LOG_ERR("ring holds %d bytes", used);
    CHECK(used < r->cap);
    int spare = r->cap - used
    return spare;
}
