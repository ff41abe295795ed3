/* t_heal_cmd.c - `ship heal` on local logs through heal_run(), so the sanitizer build covers the command layer. */
#include "unit.h"

#include "heal/heal.h"
#include "core/buf.h"
#include "core/fs.h"
#include "core/zip.h"
#include "rt/run.h"

#include <stdio.h>
#include <string.h>

#define LOG_CODE \
	"2026-11-21T08:57:44.0412771Z ##[group]Run cargo build\n" \
	"2026-11-21T08:57:44.0452156Z ##[endgroup]\n" \
	"2026-11-21T09:02:49.1181022Z \x1b[1merror[E0308]\x1b[0m: mismatched types\n" \
	"2026-11-21T09:02:49.1181977Z   --> src/parser.rs:142:24\n" \
	"2026-11-21T09:02:49.1190021Z error: could not compile `p` (lib) due to 1 previous error\n" \
	"2026-11-21T09:02:49.1405115Z ##[error]Process completed with exit code 101.\n"
#define LOG_FLAKE \
	"##[group]Run npm ci\n" \
	"npm error code ECONNRESET\nnpm error network aborted\n" \
	"##[error]Process completed with exit code 1.\n"

/* Runs heal with argv and a state dir; *doc = the state written (or NULL). */
static int heal(char **argv, int argc, const char *st, struct rt_result *res, struct jv **doc)
{
	struct opt_set set;
	struct state_io io;
	struct rt_ctx ctx;
	struct buf b = BUF_INIT(1u << 24);
	char path[4096];
	int rc;

	memset(&set, 0, sizeof(set));
	memset(&ctx, 0, sizeof(ctx));
	*doc = NULL;
	CHECK_INT(opt_parse(&set, heal_opts, rt_global_opts, argc, argv), 0);
	CHECK_INT(state_dir_io(&io, st), 0);
	rt_result_init(res, "heal");
	ctx.phase = "heal";
	ctx.opts = &set;
	ctx.state = &io;
	ctx.state_dir = st;
	ctx.result = res;
	rc = heal_run(&ctx);
	snprintf(path, sizeof(path), "%s/heal.json", st);
	if (!fs_read(&b, path))
		CHECK_INT(jv_parse(doc, b.ptr, b.len, b.max, path), 0);
	buf_release(&b);
	state_io_close(&io);
	opt_set_release(&set);
	return rc;
}

static const char *out(const struct rt_result *r, const char *name)
{
	return jv_get_str(r->outputs, name);
}

TEST(heal_cmd_local_file_and_zip)
{
	char log[4096], zpath[4096], st[4096], pf[4096];
	struct rt_result r;
	struct zip_writer *w;
	struct jv *doc;

	snprintf(log, sizeof(log), "%s/heal-code.log", unit_tmpdir());
	snprintf(st, sizeof(st), "%s/heal-st", unit_tmpdir());
	snprintf(pf, sizeof(pf), "--prompt-file=%s/p/prompt.md", unit_tmpdir());
	CHECK_INT(fs_write_atomic(log, LOG_CODE, strlen(LOG_CODE), 0644), 0);
	{
		char *argv[] = { "heal", "--log", log, pf, NULL };

		CHECK_INT(heal(argv, 4, st, &r, &doc), 0);
	}
	CHECK_INT(r.verdict, RT_PASS);
	CHECK_STR(out(&r, "verdict"), "prompt");
	CHECK_STR(out(&r, "kind"), "code");
	CHECK_STR(out(&r, "agent"), "rex");
	CHECK(doc != NULL);
	CHECK_STR(jv_get_str(jv_at(jv_get(jv_at(jv_get(doc, "failed_jobs"), 0), "entries"), 0), "file"),
		  "src/parser.rs");
	jv_free(doc);
	rt_result_release(&r);

	snprintf(zpath, sizeof(zpath), "%s/heal-logs.zip", unit_tmpdir());
	CHECK_INT(zip_writer_open(&w, zpath), 0);
	CHECK_INT(zip_writer_add(w, "0_web.txt", LOG_FLAKE, strlen(LOG_FLAKE)), 0);
	CHECK_INT(zip_writer_add(w, "web/2_Run npm ci.txt", LOG_FLAKE, strlen(LOG_FLAKE)), 0);
	CHECK_INT(zip_writer_add(w, "1_ok.txt", "all good\n", 9), 0);
	CHECK_INT(zip_writer_close(w), 0);
	{
		char *argv[] = { "heal", "--log", zpath, "--dry-run", NULL };

		CHECK_INT(heal(argv, 4, st, &r, &doc), 0);
	}
	CHECK_STR(out(&r, "verdict"), "rerun");
	CHECK_STR(out(&r, "kind"), "transient-infra");
	CHECK_STR(out(&r, "rerun"), "false");
	CHECK_INT(jv_len(jv_get(doc, "failed_jobs")), 1);
	CHECK_STR(jv_get_str(jv_at(jv_get(doc, "failed_jobs"), 0), "log_source"),
		  "step files in the run-logs zip");
	jv_free(doc);
	rt_result_release(&r);
}

TEST(heal_cmd_bad_input)
{
	char st[4096], zpath[4096], tpath[4096];
	struct rt_result r;
	struct buf b = BUF_INIT(1u << 20);
	struct jv *doc;

	snprintf(st, sizeof(st), "%s/heal-bad", unit_tmpdir());
	snprintf(zpath, sizeof(zpath), "%s/heal-t.zip", unit_tmpdir());
	snprintf(tpath, sizeof(tpath), "%s/heal-trunc.zip", unit_tmpdir());
	{
		struct zip_writer *w;
		int i;

		CHECK_INT(zip_writer_open(&w, zpath), 0);
		for (i = 0; i < 40; i++)
			buf_puts(&b, LOG_CODE);
		CHECK_INT(zip_writer_add(w, "0_build.txt", b.ptr, b.len), 0);
		CHECK_INT(zip_writer_close(w), 0);
	}
	buf_reset(&b);
	CHECK_INT(fs_read(&b, zpath), 0);
	CHECK_INT(fs_write_atomic(tpath, b.ptr, b.len / 2, 0644), 0);
	{
		char *argv[] = { "heal", "--log", tpath, NULL };

		CHECK(heal(argv, 3, st, &r, &doc) < 0);
		CHECK(doc == NULL);
		rt_result_release(&r);
	}
	{
		char *argv[] = { "heal", "--log", zpath, "--route", "oops", NULL };

		CHECK(heal(argv, 5, st, &r, &doc) < 0);
		rt_result_release(&r);
	}
	buf_release(&b);
}
