/* publish.h - `ship publish`: version, changelog, tag and GitHub Release. */
#ifndef SHIP_PUBLISH_H
#define SHIP_PUBLISH_H

#include "core/opt.h"

extern const struct opt_spec publish_opts[];

#endif
