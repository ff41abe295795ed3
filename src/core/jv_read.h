/* jv_read.h - the JSON reader behind jv_parse (internal to src/core/jv*.c). */
#ifndef SHIP_JV_READ_H
#define SHIP_JV_READ_H

#include <jansson.h>
#include <stddef.h>

/*
 * Parses data[0..len) (any JSON value at the top) into a new jansson
 * value (*out, caller decrefs). On error: ERR_INVALID with
 * "NAME: line L, column C: reason" set through err_setc().
 */
int jv_read(json_t **out, const char *data, size_t len, const char *name);

#endif
