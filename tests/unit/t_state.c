/* t_state.c - unit tests for phase state and the audit log (rt/state.c). */
#include "unit.h"
#include "rt/state.h"
#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void st_write(const char *dir, const char *name, const char *text)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f) {
		unit_fail(__FILE__, __LINE__, "cannot write %s", path);
		return;
	}
	fputs(text, f);
	fclose(f);
}

TEST(state_save_then_load_round_trips)
{
	struct state_io io;
	struct jv *doc = jv_new_obj(), *back = NULL;
	struct buf raw = BUF_INIT(1 << 20);
	char dir[600];

	snprintf(dir, sizeof(dir), "%s/deep/ship-state", unit_tmpdir());
	CHECK_INT(state_dir_io(&io, dir), 0);
	CHECK_INT(state_load(&io, "heal", &back), ERR_NOTFOUND);
	jv_set_str(doc, "verdict", "rerun");
	jv_set_str(doc, "schema", "ignored: the envelope wins");
	CHECK_INT(state_save(&io, "heal", doc), 0);
	CHECK_STR(jv_get_str(doc, "schema"), "ignored: the envelope wins"); /* not modified */
	CHECK_INT(state_load(&io, "heal", &back), 0);
	CHECK_STR(jv_get_str(back, "schema"), STATE_SCHEMA);
	CHECK_STR(jv_get_str(back, "phase"), "heal");
	CHECK_STR(jv_get_str(back, "verdict"), "rerun");
	CHECK_INT(strlen(jv_get_str(back, "written")), 20);
	/* the schema comes first in the file */
	CHECK_INT(io.read(io.impl, "heal.json", &raw), 0);
	CHECK(strncmp(buf_cstr(&raw), "{\"schema\":\"ship.state/v1\",\"phase\":\"heal\"", 40) == 0);
	CHECK(raw.ptr[raw.len - 1] == '\n');
	buf_release(&raw);
	jv_free(back);
	jv_free(doc);
	state_io_close(&io);
}

TEST(state_load_tolerates_unknown_fields_rejects_newer)
{
	struct state_io io;
	struct jv *doc = NULL;
	const char *d = unit_tmpdir();

	CHECK_INT(state_dir_io(&io, d), 0);
	st_write(d, "scan.json", "{\"schema\":\"ship.state/v1.3\",\"phase\":\"scan\",\"new\":[1]}");
	CHECK_INT(state_load(&io, "scan", &doc), 0);
	CHECK_INT(jv_len(jv_get(doc, "new")), 1);
	jv_free(doc);
	st_write(d, "scan.json", "{\"schema\":\"ship.state/v2\",\"phase\":\"scan\"}");
	CHECK_INT(state_load(&io, "scan", &doc), ERR_INVALID);
	CHECK(doc == NULL);
	CHECK(strstr(err_last(), "/scan.json: written by a newer ship (schema ship.state/v2)") != NULL);
	st_write(d, "scan.json", "{\"schema\":\"ship.state/v10\",\"phase\":\"scan\"}");
	CHECK_INT(state_load(&io, "scan", &doc), ERR_INVALID);
	st_write(d, "scan.json", "{\"schema\":\"other/v1\",\"phase\":\"scan\"}");
	CHECK_INT(state_load(&io, "scan", &doc), ERR_INVALID);
	CHECK(strstr(err_last(), "unknown schema 'other/v1'") != NULL);
	st_write(d, "scan.json", "{\"schema\":\"ship.state/v1\",\"phase\":\"heal\"}");
	CHECK_INT(state_load(&io, "scan", &doc), ERR_INVALID);
	st_write(d, "scan.json", "{\"schema\":\"ship.state/v1\",\n\"phase\":");
	CHECK_INT(state_load(&io, "scan", &doc), ERR_INVALID);
	CHECK(strstr(err_last(), "/scan.json: line 2") != NULL);
	st_write(d, "scan.json", "\"ship.state/v1\"");
	CHECK_INT(state_load(&io, "scan", &doc), ERR_INVALID);
	CHECK(strstr(err_last(), "not a JSON object") != NULL);
	state_io_close(&io);
}

TEST(state_phase_names_are_checked)
{
	struct state_io io;
	struct jv *doc = NULL;

	CHECK_INT(state_check_phase("deploy-watch"), 0);
	CHECK_INT(state_check_phase("../x"), ERR_INVALID);
	CHECK_INT(state_check_phase(""), ERR_INVALID);
	CHECK_INT(state_check_phase("Heal"), ERR_INVALID);
	CHECK_INT(state_check_phase("a23456789012345678901234567890123"), ERR_INVALID);
	CHECK_INT(state_dir_io(&io, unit_tmpdir()), 0);
	CHECK_INT(state_load(&io, "../../etc/passwd", &doc), ERR_INVALID);
	state_io_close(&io);
	CHECK_INT(state_dir_io(&io, ""), ERR_USAGE);
}

TEST(state_audit_appends_json_lines)
{
	struct state_io io;
	struct buf b = BUF_INIT(1 << 16);
	struct jv *rec = NULL;
	const char *nl;

	CHECK_INT(state_dir_io(&io, unit_tmpdir()), 0);
	CHECK_INT(state_audit(&io, "publish", "release.create", "v1.2.0", "ok"), 0);
	CHECK_INT(state_audit(&io, "heal", "job.rerun", "line\nbreak \xff", "403"), 0);
	CHECK_INT(io.read(io.impl, STATE_AUDIT_FILE, &b), 0);
	nl = strchr(buf_cstr(&b), '\n');
	CHECK(nl != NULL);
	if (!nl)
		goto done;
	CHECK(strchr(nl + 1, '\n') == b.ptr + b.len - 1); /* exactly two lines */
	CHECK_INT(jv_parse(&rec, b.ptr, (size_t)(nl - b.ptr), 1 << 16, "audit"), 0);
	CHECK_STR(jv_get_str(rec, "action"), "release.create");
	CHECK_STR(jv_get_str(rec, "target"), "v1.2.0");
	CHECK_STR(jv_get_str(rec, "result"), "ok");
	CHECK_STR(jv_get_str(rec, "phase"), "publish");
	CHECK(jv_get_str(rec, "time")[19] == 'Z');
	jv_free(rec);
	CHECK_INT(jv_parse(&rec, nl + 1, strlen(nl + 1), 1 << 16, "audit"), 0);
	CHECK_STR(jv_get_str(rec, "target"), "line\nbreak \xef\xbf\xbd");
	jv_free(rec);
done:
	buf_release(&b);
	state_io_close(&io);
}

TEST(state_unwritable_dir_leaves_nothing)
{
	struct state_io io;
	struct jv *doc = jv_new_obj();
	const char *base = unit_tmpdir();
	char dir[600];

	st_write(base, "plainfile", "x");
	snprintf(dir, sizeof(dir), "%s/plainfile/st", base);
	CHECK_INT(state_dir_io(&io, dir), 0);
	CHECK(state_save(&io, "scan", doc) < 0);
	CHECK(strstr(err_last(), "plainfile") != NULL);
	CHECK(state_audit(&io, "scan", "a", "t", "ok") < 0);
	state_io_close(&io);
	jv_free(doc);
}

TEST(state_rfc3339)
{
	char t[21];

	state_time_rfc3339(t, 0);
	CHECK_STR(t, "1970-01-01T00:00:00Z");
	state_time_rfc3339(t, 1767323045);
	CHECK_STR(t, "2026-01-02T03:04:05Z");
}

/* A store in memory: the state API does not care where bytes live. */
struct mem_store {
	char name[64];
	struct buf data;
	int writes;
};

static int mem_read(void *impl, const char *name, struct buf *out)
{
	struct mem_store *m = impl;

	if (strcmp(m->name, name))
		return err_setc(ERR_NOTFOUND, "%s: absent", name);
	return buf_add(out, m->data.ptr, m->data.len) ? ERR_TOOBIG : 0;
}

static int mem_write(void *impl, const char *name, const void *data, size_t len)
{
	struct mem_store *m = impl;

	snprintf(m->name, sizeof(m->name), "%s", name);
	buf_reset(&m->data);
	m->writes++;
	return buf_add(&m->data, data, len) ? ERR_TOOBIG : 0;
}

TEST(state_works_over_any_store)
{
	struct mem_store m = { "", BUF_INIT(1 << 20), 0 };
	struct state_io io = { .impl = &m, .read = mem_read, .write = mem_write };
	struct jv *doc = jv_new_obj(), *back = NULL;

	jv_set_int(doc, "blocking", 2);
	CHECK_INT(state_save(&io, "scan", doc), 0);
	CHECK_INT(m.writes, 1);
	CHECK_STR(m.name, "scan.json");
	CHECK_INT(state_load(&io, "scan", &back), 0);
	CHECK_INT(jv_num(jv_get(back, "blocking"), 0), 2);
	jv_free(back);
	CHECK_INT(state_load(&io, "heal", &back), ERR_NOTFOUND);
	CHECK(back == NULL);
	jv_free(doc);
	buf_release(&m.data);
}

TEST(state_dry_store_writes_nothing)
{
	struct state_io io;
	struct jv *doc = jv_new_obj(), *back = NULL;
	char dir[600];

	snprintf(dir, sizeof(dir), "%s/never", unit_tmpdir());
	CHECK_INT(state_dir_io(&io, dir), 0);
	state_io_dry(&io);
	CHECK_INT(state_save(&io, "scan", doc), 0);
	CHECK_INT(state_audit(&io, "scan", "release.create", "v1", "ok"), 0);
	CHECK_INT(state_load(&io, "scan", &back), ERR_NOTFOUND);
	CHECK(access(dir, F_OK) != 0);
	state_io_close(&io);
	jv_free(doc);
}
