/* publish_cmd.c - `ship publish`: plan, gates, tag, draft release, assets, publish, state (the command entry). */
#include "publish/publish.h"
#include "publish/publish_int.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "rt/ghcmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *opt_nonempty(const struct opt_set *s, const char *name)
{
	const char *v = opt_str(s, name);
	return v && *v ? v : NULL;
}

static int read_options(struct pub_job *j)
{
	struct opt_set *s = j->ctx->opts;

	if (s->nrest)
		return err_setc(ERR_USAGE, "unexpected argument '%s'", s->rest[0]);
	j->dir = opt_nonempty(s, "repo-dir");
	j->dir = j->dir ? j->dir : ".";
	j->prefix = opt_str(s, "tag-prefix");
	j->prefix = j->prefix ? j->prefix : "v";
	j->remote = opt_nonempty(s, "push-remote");
	j->tag_via = opt_nonempty(s, "tag-via");
	j->tag_via = j->tag_via ? j->tag_via : "git";
	if (strcmp(j->tag_via, "git") && strcmp(j->tag_via, "api"))
		return err_setc(ERR_USAGE, "--tag-via: \"%s\" is not git or api", j->tag_via);
	j->changelog_file = opt_nonempty(s, "changelog-file");
	j->webhook = opt_nonempty(s, "webhook-url");
	if (j->webhook && strncmp(j->webhook, "https://", 8) && strncmp(j->webhook, "http://", 7))
		return err_setc(ERR_USAGE, "--webhook-url: must be an http(s):// URL");
	j->dry = opt_flag(s, "dry-run") || j->ctx->check_mode;
	j->draft = opt_flag(s, "draft");
	return 0;
}

/* The notes are commit messages: untrusted. In GitHub mode they are
 * printed inside a stop-commands block so no line becomes a command. */
static int print_notes(struct pub_job *j)
{
	struct rt_untrusted u;
	int rc;

	if (j->ctx->format == RT_FMT_TEXT) {
		fwrite(j->notes.ptr, 1, j->notes.len, stdout);
		fputs("\n", stdout);
		fflush(stdout);
		return 0;
	}
	if (j->ctx->format != RT_FMT_GITHUB)
		return 0;
	fflush(stdout);
	if ((rc = ghcmd_group(STDOUT_FILENO, "changelog")) ||
	    (rc = rt_untrusted_begin(&u, STDOUT_FILENO)))
		return rc;
	rc = rt_untrusted_write(&u, j->notes.ptr, j->notes.len);
	if (rt_untrusted_end(&u) && !rc)
		rc = err_set("ending the stop-commands block");
	return rc ? rc : ghcmd_endgroup(STDOUT_FILENO);
}

static struct jv *assets_jv(const struct pub_job *j)
{
	struct jv *a;
	size_t i;

	if (j->uploaded)
		return jv_ref(j->uploaded);
	a = jv_new_arr();
	for (i = 0; i < j->nassets; i++) {
		struct jv *o = jv_new_obj();
		char d[SHA256_HEX + 8];

		snprintf(d, sizeof(d), "sha256:%s", j->assets[i].sha);
		jv_set_str(o, "name", j->assets[i].name);
		jv_set_str(o, "digest", d);
		jv_set_int(o, "size", j->assets[i].size);
		jv_push(a, o);
	}
	return a;
}

/* publish.json for deploy-watch, and the data of the JSON result. */
static struct jv *publish_doc(const struct pub_job *j, int released)
{
	struct jv *o = jv_new_obj();
	long long id = 0;

	jv_set_bool(o, "released", released && !j->dry);
	jv_set(o, "version", jv_new_str(released ? j->version : NULL));
	jv_set(o, "tag", jv_new_str(released ? j->tag : NULL));
	jv_set_str(o, "sha", j->h.head);
	jv_set(o, "last_tag", jv_new_str(j->h.last ? j->h.last->name : NULL));
	jv_set_str(o, "level", bump_level_name(j->br.level));
	jv_set_str(o, "reason", j->br.reason ? j->br.reason : "");
	jv_set_int(o, "commits", (long long)j->h.ncommits);
	jv_set_bool(o, "dry_run", j->dry);
	if (j->release && !jv_int(jv_get(j->release, "id"), &id)) {
		jv_set_int(o, "release_id", id);
		jv_set(o, "release_url", jv_new_str(jv_get_str(j->release, "html_url")));
		jv_set_bool(o, "draft", jv_bool(jv_get(j->release, "draft"), 0));
	}
	jv_set(o, "changelog_file", jv_new_str(j->changelog_file));
	jv_set(o, "assets", assets_jv(j));
	return o;
}

static int set_outputs(struct pub_job *j, int released)
{
	struct rt_result *r = j->ctx->result;
	const char *url = j->release ? jv_get_str(j->release, "html_url") : NULL;

	rt_result_output(r, "version", released ? j->version : "");
	rt_result_output(r, "tag", released ? j->tag : "");
	rt_result_output(r, "released", released && !j->dry ? "true" : "false");
	rt_result_output(r, "release-url", url ? url : "");
	rt_result_output(r, "changelog-file", j->changelog_file && released ? j->changelog_file : "");
	if (rt_result_data(r, "publish", publish_doc(j, released)))
		return err_set("out of memory");
	if (released)
		rt_result_data(r, "changelog", jv_new_str_lossy(j->notes.ptr ? j->notes.ptr : "",
								 j->notes.len));
	return 0;
}

static int save_state(struct pub_job *j, int released)
{
	struct jv *doc;
	int rc;

	if (j->dry)
		return 0;
	if (!(doc = publish_doc(j, released)))
		return err_set("out of memory");
	rc = state_save(j->ctx->state, "publish", doc);
	jv_free(doc);
	return rc ? err_wrap("writing publish state") : 0;
}

static int nothing_to_release(struct pub_job *j)
{
	int rc;

	rt_result_set(j->ctx->result, RT_PASS, "no release", "%s", j->br.reason);
	if ((rc = set_outputs(j, 0)))
		return rc;
	return save_state(j, 0);
}

/* The external changes, in the only order that survives a re-run:
 * tag -> draft -> assets -> SHA256SUMS -> publish. */
static int release(struct pub_job *j)
{
	int rc;

	if (!(j->uploaded = jv_new_arr()))
		return err_set("out of memory");
	if ((rc = pub_tag(j)) || (rc = pub_release_ensure(j)) || (rc = pub_assets_sync(j)))
		return rc;
	pub_test_crash_after("assets");
	if ((rc = pub_release_publish(j)))
		return rc;
	pub_test_crash_after("publish");
	return 0;
}

static int run_job(struct pub_job *j)
{
	int rc, blocked = 0;

	if ((rc = read_options(j)) || (rc = pub_assets_load(j)) || (rc = pub_plan(j)))
		return rc;
	if (!j->br.release)
		return nothing_to_release(j);
	if ((rc = pub_gates(j, &blocked)) || blocked)
		return rc;
	log_info("next version %s (tag %s, %s)", j->version, j->tag, j->br.reason);
	if ((rc = print_notes(j)))
		return rc;
	if (j->changelog_file && !j->dry &&
	    fs_write_atomic(j->changelog_file, j->notes.ptr, j->notes.len, 0644))
		return err_wrap("--changelog-file %s", j->changelog_file);
	if (j->dry) {
		rt_result_changed(j->ctx->result, 1);
		rt_result_set(j->ctx->result, RT_PASS, "dry run",
			      "would release %s as %s%s (nothing changed)", j->version, j->tag,
			      j->draft ? " (draft)" : "");
		return set_outputs(j, 1);
	}
	if ((rc = release(j)))
		return rc;
	rt_result_changed(j->ctx->result, j->changed);
	rt_result_set(j->ctx->result, RT_PASS, "released", "%s %s%s", j->tag,
		      jv_get_str(j->release, "html_url") ? jv_get_str(j->release, "html_url") : "",
		      j->draft ? " (draft)" : "");
	if ((rc = set_outputs(j, 1)) || (rc = save_state(j, 1)))
		return rc;
	pub_notify(j);
	return 0;
}

int publish_run(struct rt_ctx *ctx)
{
	struct pub_job j;
	int rc;

	memset(&j, 0, sizeof(j));
	j.ctx = ctx;
	buf_init(&j.notes, CHANGELOG_NOTES_MAX);
	rc = run_job(&j);
	if (rc == 0)
		pub_summary(&j);
	pub_assets_free(&j);
	jv_free(j.release);
	jv_free(j.uploaded);
	gh_free(j.gh);
	if (j.loaded)
		history_release(&j.h);
	repo_close(j.repo);
	buf_release(&j.notes);
	return rc;
}
