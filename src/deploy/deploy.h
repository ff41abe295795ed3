/* deploy.h - `ship deploy-watch`: wait for a deployment to be healthy. */
#ifndef SHIP_DEPLOY_H
#define SHIP_DEPLOY_H

#include "core/opt.h"

struct rt_ctx;

extern const struct opt_spec deploy_opts[];
/* The command's run function (src/deploy/deploy_cmd.c). */
int deploy_watch_run(struct rt_ctx *ctx);

#endif
