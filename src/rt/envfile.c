/* envfile.c - writes records to the runner's file commands (output, env, state). */
#include "envfile.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/rand.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const vars[] = { "GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_STATE" };

const char *envfile_var(enum envfile_kind kind)
{
	return (unsigned)kind < 3 ? vars[kind] : "GITHUB_OUTPUT";
}

static int check_name(enum envfile_kind kind, const char *name)
{
	size_t n = name ? strlen(name) : 0;
	const char *var = envfile_var(kind);

	if (n == 0)
		return err_setc(ERR_INVALID, "%s: empty name", var);
	if (n > ENVFILE_MAX_NAME)
		return err_setc(ERR_INVALID, "%s: name longer than %d bytes", var, ENVFILE_MAX_NAME);
	if (strpbrk(name, "\r\n="))
		return err_setc(ERR_INVALID, "%s: name '%.64s' holds CR, LF or '='", var, name);
	if (strstr(name, "<<") || name[n - 1] == '<')
		return err_setc(ERR_INVALID, "%s: name '%.64s' holds '<<' or ends in '<'", var, name);
	if (kind == ENVFILE_ENV && !strcasecmp(name, "NODE_OPTIONS"))
		return err_setc(ERR_INVALID, "GITHUB_ENV: NODE_OPTIONS cannot be set (the runner refuses it)");
	return 0;
}

int envfile_check(enum envfile_kind kind, const char *name, const char *value, size_t len)
{
	int rc = check_name(kind, name);

	if (rc < 0)
		return rc;
	if (len > ENVFILE_MAX_VALUE)
		return err_setc(ERR_TOOBIG, "%s: value of '%.64s' is %zu bytes, over %u",
				envfile_var(kind), name, len, ENVFILE_MAX_VALUE);
	if (len && memchr(value, 0, len))
		return err_setc(ERR_INVALID, "%s: value of '%.64s' holds a NUL byte",
				envfile_var(kind), name);
	return 0;
}

static int has(const char *hay, size_t len, const char *needle)
{
	return memmem(hay, len, needle, strlen(needle)) != NULL;
}

int envfile_format(struct buf *out, enum envfile_kind kind, const char *name,
		   const char *value, size_t len, const char *delim)
{
	char own[64];
	int rc;

	if (!value)
		value = "", len = 0;
	if ((rc = envfile_check(kind, name, value, len)) < 0)
		return rc;
	if (!memchr(value, '\n', len)) {
		buf_puts(out, name);
		buf_putc(out, '=');
		buf_add(out, value, len);
	} else {
		if (!delim) {
			memcpy(own, "ghadelimiter_", 13);
			if (rand_uuid(own + 13) < 0)
				return err_wrap("%s delimiter", envfile_var(kind));
			delim = own;
		}
		if (strstr(name, delim) || has(value, len, delim))
			return err_setc(ERR_INVALID,
					"%s: unexpected input: name or value of '%.64s' contains delimiter %s",
					envfile_var(kind), name, delim);
		buf_printf(out, "%s<<%s\n", name, delim);
		buf_add(out, value, len);
		buf_printf(out, "\n%s", delim);
	}
	buf_putc(out, '\n');
	if (buf_failed(out))
		return err_setc(buf_failed(out) == BUF_ETOOBIG ? ERR_TOOBIG : ERR_FAIL,
				"%s: record for '%.64s' does not fit", envfile_var(kind), name);
	return 0;
}

int envfile_append(const char *path, enum envfile_kind kind, const char *name,
		   const char *value, size_t len)
{
	struct buf b = BUF_INIT(ENVFILE_MAX_VALUE + 2 * ENVFILE_MAX_NAME + 256);
	char why[512];
	int rc;

	rc = envfile_format(&b, kind, name, value, len, NULL);
	if (rc == 0 && fs_append(path, b.ptr, b.len) < 0) {
		snprintf(why, sizeof(why), "%s", err_last());
		rc = err_setc(ERR_INVALID, "$%s is set but cannot be written: %s",
			      envfile_var(kind), why);
	}
	buf_release(&b);
	return rc;
}

int envfile_set(enum envfile_kind kind, const char *name, const char *value, size_t len)
{
	const char *path = getenv(envfile_var(kind));

	if (!path || !*path)
		return err_setc(ERR_NOTFOUND, "%s is not set", envfile_var(kind));
	return envfile_append(path, kind, name, value, len);
}

int envfile_set_str(enum envfile_kind kind, const char *name, const char *value)
{
	return envfile_set(kind, name, value, value ? strlen(value) : 0);
}
