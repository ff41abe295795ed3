/* heal.h - `ship heal`: triage a failed run. */
#ifndef SHIP_HEAL_H
#define SHIP_HEAL_H

#include "core/opt.h"

extern const struct opt_spec heal_opts[];

struct rt_ctx;
/* The command entry (src/heal/heal_cmd.c). */
int heal_run(struct rt_ctx *ctx);

#endif
