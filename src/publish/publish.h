/* publish.h - `ship publish`: version, changelog, tag and GitHub Release. */
#ifndef SHIP_PUBLISH_H
#define SHIP_PUBLISH_H

#include "core/opt.h"

extern const struct opt_spec publish_opts[];

struct rt_ctx;
/* The command entry (src/main.c's table). */
int publish_run(struct rt_ctx *ctx);

#endif
