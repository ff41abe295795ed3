/* version.h - `ship version`. */
#ifndef SHIP_VERSION_H
#define SHIP_VERSION_H

#include <stdio.h>
#include "core/opt.h"

extern const struct opt_spec version_opts[];
/* Prints the version and the component manifest (text or JSON). */
int version_print(FILE *out, int json);

#endif
