/* err.c - the last-error message, one per thread. */
#include "err.h"
#include "exitcode.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Big enough for a path, a position and a reason; longer text is cut. */
static _Thread_local char err_msg[2048];
static _Thread_local int err_last_code;

static int err_vset(int code, const char *fmt, va_list ap)
{
	vsnprintf(err_msg, sizeof(err_msg), fmt, ap);
	err_last_code = code;
	return code;
}

int err_set(const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = err_vset(ERR_FAIL, fmt, ap);
	va_end(ap);
	return rc;
}

int err_setc(int code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = err_vset(code, fmt, ap);
	va_end(ap);
	return rc;
}

int err_wrap(const char *fmt, ...)
{
	char old[sizeof(err_msg)];
	size_t n;
	va_list ap;

	memcpy(old, err_msg, sizeof(old));
	va_start(ap, fmt);
	vsnprintf(err_msg, sizeof(err_msg), fmt, ap);
	va_end(ap);
	n = strlen(err_msg);
	if (old[0] && n + 2 < sizeof(err_msg))
		snprintf(err_msg + n, sizeof(err_msg) - n, ": %s", old);
	return err_last_code ? err_last_code : ERR_FAIL;
}

const char *err_last(void)
{
	return err_msg;
}

int err_code(void)
{
	return err_last_code ? err_last_code : ERR_FAIL;
}

void err_clear(void)
{
	err_msg[0] = '\0';
	err_last_code = 0;
}

int err_exit_code(int code)
{
	switch (code) {
	case 0:
		return EXIT_OK;
	case ERR_INVALID:
	case ERR_TOOBIG:
	case ERR_USAGE:
	case ERR_NOTFOUND:
		return EXIT_USAGE;
	case ERR_SERVICE:
		return EXIT_SERVICE;
	case ERR_TIMEOUT:
		return EXIT_DEADLINE;
	default:
		return EXIT_USAGE;
	}
}

void err_position(const char *data, size_t off, size_t *line, size_t *col)
{
	size_t i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (data[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

int err_check_text(const char *data, size_t len, size_t max, const char *name)
{
	const char *nul;
	size_t line, col;

	if (len > max)
		return err_setc(ERR_TOOBIG, "%s: %zu bytes is over the limit of %zu",
				name, len, max);
	if ((nul = memchr(data, '\0', len))) {
		err_position(data, (size_t)(nul - data), &line, &col);
		return err_setc(ERR_INVALID, "%s: line %zu, column %zu: NUL byte",
				name, line, col);
	}
	return 0;
}
