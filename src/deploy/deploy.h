/* deploy.h - `ship deploy-watch`: wait for a deployment to be healthy. */
#ifndef SHIP_DEPLOY_H
#define SHIP_DEPLOY_H

#include "core/opt.h"

extern const struct opt_spec deploy_opts[];

#endif
