/* jv_write.h - the JSON writer behind jv_dump (internal to src/core/jv*.c). */
#ifndef SHIP_JV_WRITE_H
#define SHIP_JV_WRITE_H

#include <jansson.h>
#include "buf.h"

/* Appends v as JSON (compact, or indented by two like JSON_INDENT(2)),
 * non-ASCII as \u escapes when ascii. Failure is the buffer's sticky
 * state: check buf_failed(out). */
void jv_write(struct buf *out, const json_t *v, int pretty, int ascii);

#endif
