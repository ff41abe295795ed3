/* scan.h - `ship scan`: one verdict from many vulnerability scanners. */
#ifndef SHIP_SCAN_H
#define SHIP_SCAN_H

#include "core/opt.h"

extern const struct opt_spec scan_opts[];

#endif
