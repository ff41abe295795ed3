/* state.c - read, validate and write phase state; append audit records; the directory store. */
#include "rt/state.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef SHIP_VERSION
#define SHIP_VERSION "0.0.0-dev"
#endif

struct state_dir {
	char *dir;
};

static void state_dir_path(const struct state_dir *d, const char *name, char *out,
			   size_t outsz)
{
	snprintf(out, outsz, "%s/%s", d->dir, name);
}

static int state_dir_read(void *impl, const char *name, struct buf *out)
{
	char path[4096];

	state_dir_path(impl, name, path, sizeof(path));
	return fs_read(out, path);
}

static int state_dir_write(void *impl, const char *name, const void *data, size_t len)
{
	struct state_dir *d = impl;
	char path[4096];

	if (fs_mkdirs(d->dir, 0755))
		return err_wrap("state directory %s", d->dir);
	state_dir_path(d, name, path, sizeof(path));
	return fs_write_atomic(path, data, len, 0644);
}

static int state_dir_append(void *impl, const char *name, const void *data, size_t len)
{
	struct state_dir *d = impl;
	char path[4096];

	if (fs_mkdirs(d->dir, 0755))
		return err_wrap("state directory %s", d->dir);
	state_dir_path(d, name, path, sizeof(path));
	return fs_append(path, data, len);
}

static void state_dir_describe(void *impl, const char *name, char *out, size_t outsz)
{
	state_dir_path(impl, name, out, outsz);
}

static void state_dir_close(void *impl)
{
	struct state_dir *d = impl;

	if (d)
		free(d->dir);
	free(d);
}

int state_dir_io(struct state_io *io, const char *dir)
{
	struct state_dir *d;

	memset(io, 0, sizeof(*io));
	if (!dir || !*dir)
		return err_setc(ERR_USAGE, "--state-dir: empty directory name");
	if (strlen(dir) > 3000)
		return err_setc(ERR_USAGE, "--state-dir: path too long");
	if (!(d = calloc(1, sizeof(*d))) || !(d->dir = strdup(dir))) {
		free(d);
		return err_set("out of memory");
	}
	io->impl = d;
	io->read = state_dir_read;
	io->write = state_dir_write;
	io->append = state_dir_append;
	io->describe = state_dir_describe;
	io->close = state_dir_close;
	return 0;
}

static int state_dry_write(void *impl, const char *name, const void *data, size_t len)
{
	(void)impl;
	(void)data;
	log_debug("check mode: not writing %s (%zu bytes)", name, len);
	return 0;
}

void state_io_dry(struct state_io *io)
{
	io->write = state_dry_write;
	io->append = state_dry_write;
}

int state_io_finish(struct state_io *io)
{
	int (*fn)(void *) = io->finish;

	io->finish = NULL;
	return fn ? fn(io->impl) : 0;
}

void state_io_close(struct state_io *io)
{
	if (io->close)
		io->close(io->impl);
	memset(io, 0, sizeof(*io));
}

int state_check_phase(const char *phase)
{
	size_t i;

	for (i = 0; phase && phase[i]; i++) {
		char c = phase[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') || i >= 32)
			break;
	}
	if (!phase || !i || phase[i])
		return err_setc(ERR_INVALID, "'%s' is not a valid phase name",
				phase ? phase : "(null)");
	return 0;
}

static void state_describe(const struct state_io *io, const char *name, char *out,
			   size_t outsz)
{
	if (io->describe)
		io->describe(io->impl, name, out, outsz);
	else
		snprintf(out, outsz, "%s", name);
}

/* Parses "ship.state/vN"; the major version, or -1. */
static long state_major(const char *schema)
{
	static const char prefix[] = "ship.state/v";
	char *end;
	long n;

	if (!schema || strncmp(schema, prefix, sizeof(prefix) - 1))
		return -1;
	schema += sizeof(prefix) - 1;
	if (*schema < '1' || *schema > '9')
		return -1;
	n = strtol(schema, &end, 10);
	/* "v1.2" would be a minor revision: same major, still readable. */
	if (*end && *end != '.')
		return -1;
	return n;
}

int state_check(const struct jv *doc, const char *phase, const char *name)
{
	const char *schema = jv_get_str(doc, "schema"), *p;
	long major;

	if (jv_type(doc) != JV_OBJ)
		return err_setc(ERR_INVALID, "%s: not a ship state document (not a JSON object)",
				name);
	if (!schema)
		return err_setc(ERR_INVALID, "%s: not a ship state document (no \"schema\")",
				name);
	if ((major = state_major(schema)) < 0)
		return err_setc(ERR_INVALID, "%s: unknown schema '%.100s' (expected %s)",
				name, schema, STATE_SCHEMA);
	if (major > STATE_SCHEMA_MAJOR)
		return err_setc(ERR_INVALID,
				"%s: written by a newer ship (schema %.100s); this ship "
				"reads %s: upgrade ship", name, schema, STATE_SCHEMA);
	p = jv_get_str(doc, "phase");
	if (phase && (!p || strcmp(p, phase)))
		return err_setc(ERR_INVALID, "%s: holds phase '%.40s', expected '%s'", name,
				p ? p : "(none)", phase);
	return 0;
}

int state_load(const struct state_io *io, const char *phase, struct jv **out)
{
	struct buf b = BUF_INIT(STATE_MAX);
	char name[64], where[4096];
	int rc;

	*out = NULL;
	if ((rc = state_check_phase(phase)))
		return rc;
	snprintf(name, sizeof(name), "%s.json", phase);
	state_describe(io, name, where, sizeof(where));
	if ((rc = io->read(io->impl, name, &b)))
		goto done;
	if ((rc = jv_parse(out, buf_cstr(&b), b.len, STATE_MAX, where)))
		goto done;
	if ((rc = state_check(*out, phase, where))) {
		jv_free(*out);
		*out = NULL;
	}
done:
	buf_release(&b);
	return rc;
}

void state_time_rfc3339(char out[21], long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || !strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, 21, "1970-01-01T00:00:00Z");
}

/* The document to write: the fixed header fields first, then the
 * phase's fields (a reader sees the schema before anything else). */
static struct jv *state_envelope(const char *phase, const struct jv *doc)
{
	static const char *const fixed[] = { "schema", "phase", "written", "ship_version" };
	struct jv *out = jv_new_obj(), *v;
	char when[21];
	void *it = NULL;
	const char *k;
	size_t i;

	state_time_rfc3339(when, (long long)time(NULL));
	if (!out || jv_set_str(out, "schema", STATE_SCHEMA) || jv_set_str(out, "phase", phase) ||
	    jv_set_str(out, "written", when) || jv_set_str(out, "ship_version", SHIP_VERSION))
		goto fail;
	while ((k = jv_iter(doc, &it, &v))) {
		for (i = 0; i < 4 && strcmp(k, fixed[i]); i++)
			;
		if (i == 4 && jv_set(out, k, jv_ref(v)))
			goto fail;
	}
	return out;
fail:
	jv_free(out);
	return NULL;
}

int state_save(const struct state_io *io, const char *phase, const struct jv *doc)
{
	struct buf b = BUF_INIT(STATE_MAX);
	struct jv *env = NULL;
	char name[64];
	int rc;

	if ((rc = state_check_phase(phase)))
		return rc;
	if (jv_type(doc) != JV_OBJ)
		return err_set("state for %s must be a JSON object", phase);
	if (!(env = state_envelope(phase, doc)))
		return err_set("out of memory");
	/* Compact: state is read by machines (and jq), and a scan of a large
	 * report writes tens of MB of it. */
	if ((rc = jv_dump(&b, env, 0)) || (rc = buf_putc(&b, '\n') ? ERR_TOOBIG : 0))
		goto done;
	snprintf(name, sizeof(name), "%s.json", phase);
	rc = io->write(io->impl, name, b.ptr, b.len);
done:
	jv_free(env);
	buf_release(&b);
	return rc;
}

int state_audit(const struct state_io *io, const char *phase, const char *action,
		const char *target, const char *result)
{
	struct buf b = BUF_INIT(1u << 20);
	struct jv *o = jv_new_obj();
	char when[21];
	int rc = ERR_FAIL;

	state_time_rfc3339(when, (long long)time(NULL));
	if (!o || jv_set_str(o, "time", when) || jv_set_str(o, "phase", phase) ||
	    jv_set(o, "action", jv_new_str_lossy(action, action ? strlen(action) : 0)) ||
	    jv_set(o, "target", jv_new_str_lossy(target, target ? strlen(target) : 0)) ||
	    jv_set(o, "result", jv_new_str_lossy(result, result ? strlen(result) : 0)))
		goto done;
	/* One compact line: JSON escapes every newline inside strings. */
	if ((rc = jv_dump(&b, o, 0)) || (rc = buf_putc(&b, '\n') ? ERR_TOOBIG : 0))
		goto done;
	rc = io->append(io->impl, STATE_AUDIT_FILE, b.ptr, b.len);
done:
	jv_free(o);
	buf_release(&b);
	return rc;
}
