/* gz.h - gzip compression of a buffer in memory (the one zlib wrapper for gzip). */
#ifndef SHIP_GZ_H
#define SHIP_GZ_H

#include <stddef.h>
#include "buf.h"

/*
 * Sets *out to the size in bytes of data[0..len) compressed as one gzip
 * member (RFC 1952) at zlib's default level -- what `gzip -6` and
 * Node's zlib.gzipSync() produce, so what an upload limit "gzip-
 * compressed" measures. Nothing is kept: memory use is constant.
 * Returns 0, or ERR_FAIL with a message when zlib fails (out of memory).
 */
int gz_size(const void *data, size_t len, size_t *out);

/*
 * Appends data[0..len) compressed as one gzip member to out (caller-
 * owned; out's cap applies: ERR_TOOBIG when the result does not fit).
 */
int gz_compress(struct buf *out, const void *data, size_t len);

#endif
