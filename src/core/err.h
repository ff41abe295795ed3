/* err.h - error codes and the last-error message (err_set/err_last). */
#ifndef SHIP_ERR_H
#define SHIP_ERR_H

#include <stddef.h>

/*
 * Functions return int: 0 on success, a negative code on failure. -1
 * (ERR_FAIL) covers everything not named here; the named codes are for
 * failures a caller is expected to handle. The human message goes through
 * err_set() and is read with err_last(). Each error also carries an exit
 * class (see exitcode.h) so the command layer can map it without guessing.
 */
enum {
	ERR_FAIL     = -1,  /* generic */
	ERR_NOTFOUND = -2,  /* the thing asked for does not exist */
	ERR_INVALID  = -3,  /* bad input: a parse or validation error */
	ERR_TOOBIG   = -4,  /* input over its size cap */
	ERR_CONFLICT = -5,  /* exists already, in another form */
	ERR_SERVICE  = -6,  /* an external service failed after retries */
	ERR_TIMEOUT  = -7,  /* a deadline was reached */
	ERR_USAGE    = -8   /* wrong command-line use */
};

/* Sets the message and returns ERR_FAIL, so `return err_set(...)` works. */
int err_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Same, returning `code` (one of the ERR_ values above). */
int err_setc(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prefixes the current message: "what: <old message>". Returns the code
 * of the last error. */
int err_wrap(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The last message, or "" when none; borrowed, valid until the next err_*. */
const char *err_last(void);
/* The code given with the last error (ERR_FAIL when set by err_set). */
int err_code(void);
void err_clear(void);
/* Line and column (1-based; columns count bytes) of byte offset off in
 * data, for "INPUT: line L, column C: reason" messages. */
void err_position(const char *data, size_t off, size_t *line, size_t *col);
/*
 * The checks every text parser does first: at most `max` bytes
 * (ERR_TOOBIG) and no NUL byte (ERR_INVALID with its line and column).
 * `name` names the input in the message.
 */
int err_check_text(const char *data, size_t len, size_t max, const char *name);
/* Maps an ERR_ code to the process exit code of exitcode.h. */
int err_exit_code(int code);

#endif
