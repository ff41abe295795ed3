/* zip_int.h - private to zip*.c. */
#ifndef SHIP_ZIP_INT_H
#define SHIP_ZIP_INT_H

#include "zip.h"
#include "buf.h"

void zip_limits_defaults(struct zip_limits *l, const struct zip_limits *in);

#endif
