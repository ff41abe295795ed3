/* t_state_fetch.c - unit tests for merging state artifacts and parsing state locations (rt/state_fetch.c, rt/state_artifact.c). */
#include "unit.h"
#include "rt/state.h"
#include "rt/state_int.h"
#include "core/err.h"
#include "core/fs.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static void sf_put(const char *dir, const char *name, const char *text)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fs_mkdirs(dir, 0755);
	if (fs_write_atomic(path, text, strlen(text), 0644))
		unit_fail(__FILE__, __LINE__, "cannot write %s", path);
}

static void sf_get(const char *dir, const char *name, struct buf *out)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	out->len = 0;
	if (fs_read(out, path))
		unit_fail(__FILE__, __LINE__, "cannot read %s", path);
}

TEST(state_merge_owner_wins_and_audit_concatenates)
{
	char a1[800], a2[600], a3[600], m[600];
	struct jv *origins = jv_new_obj();
	struct buf b = BUF_INIT(1 << 20);
	char tmp[300];

	snprintf(tmp, sizeof(tmp), "%s", unit_tmpdir());
	snprintf(a1, sizeof(a1), "%s/a1", tmp);
	snprintf(a2, sizeof(a2), "%s/a2", tmp);
	snprintf(a3, sizeof(a3), "%s/a3", tmp);
	snprintf(m, sizeof(m), "%s/merged", tmp);
	fs_mkdirs(m, 0755);
	sf_put(a1, "scan.json", "own");
	sf_put(a1, "audit.jsonl", "{\"a\":1}\n");
	sf_put(a1, ".hidden", "x");
	sf_put(a2, "scan.json", "stale");
	sf_put(a2, "heal.json", "heal-1");
	sf_put(a2, "audit.jsonl", "{\"b\":2}");      /* no final newline */
	sf_put(a3, "heal.json", "heal-2");
	sf_put(a3, "audit.jsonl", "{\"c\":3}\n");
	CHECK_INT(state_merge_dir(a1, "ship-state-scan", "ship-state", m, origins), 0);
	CHECK_INT(state_merge_dir(a2, "ship-state-other", "ship-state", m, origins), 0);
	CHECK_INT(state_merge_dir(a3, "ship-state-x", "ship-state", m, origins), 0);
	sf_get(m, "scan.json", &b);
	CHECK_STR(buf_cstr(&b), "own");                /* the phase's own artifact wins */
	sf_get(m, "heal.json", &b);
	CHECK_STR(buf_cstr(&b), "heal-2");             /* otherwise the later upload */
	sf_get(m, "audit.jsonl", &b);
	CHECK_STR(buf_cstr(&b), "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n");
	CHECK_STR(jv_get_str(jv_get(origins, "scan.json"), "artifact"), "ship-state-scan");
	CHECK_STR(jv_get_str(jv_get(origins, "heal.json"), "artifact"), "ship-state-x");
	CHECK(!fs_exists(m) || !jv_get(origins, ".hidden"));
	snprintf(a1, sizeof(a1), "%s/.hidden", m);
	CHECK(!fs_exists(a1));
	jv_free(origins);
	buf_release(&b);
}

TEST(state_where_parse_locations)
{
	const char *val;
	char kind[16];
	long long run;

	CHECK_INT(state_where_parse("state-from", "dir:/x/y", kind, &val, &run), 0);
	CHECK_STR(kind, "dir");
	CHECK_STR(val, "/x/y");
	CHECK_INT(state_where_parse("state-from", "artifact:ship-state", kind, &val, &run), 0);
	CHECK_STR(kind, "artifact");
	CHECK_STR(val, "ship-state");
	CHECK_INT(state_where_parse("state-from", "run:123/artifact:st", kind, &val, &run), 0);
	CHECK_STR(kind, "run");
	CHECK_STR(val, "st");
	CHECK(run == 123);
	CHECK_INT(state_where_parse("state-from", "dir:", kind, &val, &run), ERR_USAGE);
	CHECK_INT(state_where_parse("state-from", "run:0/artifact:x", kind, &val, &run), ERR_USAGE);
	CHECK_INT(state_where_parse("state-from", "run:-1/artifact:x", kind, &val, &run), ERR_USAGE);
	CHECK_INT(state_where_parse("state-from", "run:1/artifact:a:b", kind, &val, &run), ERR_USAGE);
	CHECK_INT(state_where_parse("state-to", "artifact:", kind, &val, &run), ERR_USAGE);
	CHECK_INT(state_where_parse("state-to", "ARTIFACT:x", kind, &val, &run), ERR_USAGE);
}

TEST(state_open_plain_dir_is_the_dir_store)
{
	struct state_io io;
	struct state_where w = { 0 };
	struct jv *doc = jv_new_obj(), *back = NULL;
	char dir[600], from[700], to[700], tmp[300];

	snprintf(tmp, sizeof(tmp), "%s", unit_tmpdir());
	snprintf(dir, sizeof(dir), "%s/st", tmp);
	w.state_dir = dir;
	w.phase = "scan";
	CHECK_INT(state_open(&io, &w), 0);
	CHECK(io.finish == NULL);
	CHECK_INT(state_save(&io, "scan", doc), 0);
	CHECK_INT(state_io_finish(&io), 0);
	state_io_close(&io);
	/* a dir: source; writes go to another dir: sink */
	snprintf(from, sizeof(from), "dir:%s", dir);
	snprintf(to, sizeof(to), "dir:%s/other", tmp);
	w.from = from;
	w.to = to;
	CHECK_INT(state_open(&io, &w), 0);
	CHECK_INT(state_load(&io, "scan", &back), 0);
	CHECK_INT(state_save(&io, "heal", doc), 0);
	CHECK_INT(state_io_finish(&io), 0);        /* nothing to upload */
	state_io_close(&io);
	snprintf(to, sizeof(to), "%s/other/heal.json", tmp);
	CHECK(fs_exists(to));
	snprintf(to, sizeof(to), "%s/heal.json", dir);
	CHECK(!fs_exists(to));
	jv_free(back);
	jv_free(doc);
}
