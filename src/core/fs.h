/* fs.h - file helpers: capped reads and atomic writes. */
#ifndef SHIP_FS_H
#define SHIP_FS_H

#include <stddef.h>
#include "buf.h"

/*
 * Reads the whole file into out (appending), failing with ERR_TOOBIG when
 * it holds more than out->max bytes and ERR_NOTFOUND when absent. The
 * error message names the path.
 */
int fs_read(struct buf *out, const char *path);
/*
 * Writes data to path atomically: a temporary file in the same directory,
 * fsync, rename, fsync of the directory. On failure nothing is left
 * behind and the old file (if any) is intact. mode as for open(2).
 */
int fs_write_atomic(const char *path, const void *data, size_t len, int mode);
/* Appends one record with a single write(2) on an O_APPEND descriptor, so
 * concurrent writers never interleave within a record. */
int fs_append(const char *path, const void *data, size_t len);
/* mkdir -p; 0 when it exists already. */
int fs_mkdirs(const char *path, int mode);
/* 1 when path exists (any type), else 0. */
int fs_exists(const char *path);

#endif
