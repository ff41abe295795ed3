/* envfile.h - $GITHUB_OUTPUT, $GITHUB_ENV and $GITHUB_STATE records. */
#ifndef SHIP_ENVFILE_H
#define SHIP_ENVFILE_H

#include <stddef.h>
#include "core/buf.h"

/*
 * The runner reads these files after the step exits
 * (research/gha-contract.md §2), splitting lines on LF only. ship writes:
 *   NAME=VALUE\n                       when VALUE holds no LF
 *   NAME<<ghadelimiter_<uuid>\nVALUE\nghadelimiter_<uuid>\n   otherwise
 * with a fresh random (v4) UUID per record, refused when NAME or VALUE
 * contains the delimiter. Each record is appended with one write(2).
 *
 * Names are refused (ERR_INVALID) when empty, longer than
 * ENVFILE_MAX_NAME, or holding LF, CR, NUL, '=' or "<<" or ending in '<'
 * (each would make the runner split the record elsewhere); GITHUB_ENV
 * also refuses NODE_OPTIONS (any case), which the runner rejects.
 * Values may hold anything but NUL, up to ENVFILE_MAX_VALUE bytes
 * (ERR_TOOBIG); GitHub caps outputs at 1 MB per job anyway.
 */
enum envfile_kind { ENVFILE_OUTPUT, ENVFILE_ENV, ENVFILE_STATE };

#define ENVFILE_MAX_NAME  1024
#define ENVFILE_MAX_VALUE (1u << 20)

/* "GITHUB_OUTPUT", "GITHUB_ENV" or "GITHUB_STATE"; static. */
const char *envfile_var(enum envfile_kind kind);

/* Validates name and value as described above. 0 or ERR_INVALID/ERR_TOOBIG. */
int envfile_check(enum envfile_kind kind, const char *name, const char *value, size_t len);

/*
 * Appends one record to out. `delim` is the heredoc delimiter to use, or
 * NULL for a fresh "ghadelimiter_<uuid>" (tests pass their own to check
 * the refusal). 0 or a negative ERR_ code (err_set).
 */
int envfile_format(struct buf *out, enum envfile_kind kind, const char *name,
		   const char *value, size_t len, const char *delim);

/* Formats and appends one record to the file at path (created when
 * missing) with one write. Unwritable → ERR_INVALID naming the path. */
int envfile_append(const char *path, enum envfile_kind kind, const char *name,
		   const char *value, size_t len);

/* envfile_append() to the file named by envfile_var(kind). When that
 * variable is unset or empty: ERR_NOTFOUND ("GITHUB_OUTPUT is not set"),
 * so callers outside Actions can skip quietly. */
int envfile_set(enum envfile_kind kind, const char *name, const char *value, size_t len);

/* Convenience for NUL-terminated values. */
int envfile_set_str(enum envfile_kind kind, const char *name, const char *value);

#endif
