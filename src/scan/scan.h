/* scan.h - `ship scan`: one verdict from many vulnerability scanners. */
#ifndef SHIP_SCAN_H
#define SHIP_SCAN_H

#include "core/opt.h"

struct rt_ctx;

extern const struct opt_spec scan_opts[];

/* The command entry (src/scan/scan_cmd.c): reads the reports and runs
 * the scanners named by the options, applies the policy, writes SARIF,
 * annotations, the step summary, outputs and ship-state/scan.json.
 * Fills ctx->result; returns 0 or a negative ERR_ code (docs/scan.md). */
int scan_run(struct rt_ctx *ctx);

#endif
