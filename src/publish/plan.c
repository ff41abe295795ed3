/* plan.c - the publish plan: last tag, next version and the changelog, from the git history. */
#include "publish/publish_int.h"
#include "publish/changelog.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* "https://github.com/o/r" from the runner's environment, or NULL. */
static const char *repo_url(char *out, size_t outsz)
{
	const char *server = getenv("GITHUB_SERVER_URL");
	const char *repo = getenv("GITHUB_REPOSITORY");
	size_t n;

	if (!repo || !*repo || strchr(repo, ' '))
		return NULL;
	if (!server || strncmp(server, "https://", 8))
		server = "https://github.com";
	n = strlen(server);
	while (n && server[n - 1] == '/')
		n--;
	if ((size_t)snprintf(out, outsz, "%.*s/%s", (int)n, server, repo) >= outsz)
		return NULL;
	return out;
}

static void today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static int render_notes(struct pub_job *j, const struct bump_opts *bo,
			const struct buf *tpl, const char *tpl_name)
{
	char url[1024], date[11];
	struct changelog_opts o;

	memset(&o, 0, sizeof(o));
	if (tpl_name) {
		o.tpl = tpl->ptr ? tpl->ptr : "";
		o.tpl_len = tpl->len;
		o.tpl_name = tpl_name;
	}
	today(date);
	o.version = j->version;
	o.tag = j->tag;
	o.repo_url = repo_url(url, sizeof(url));
	o.date = date;
	o.only_since_last = bo->prerelease != NULL;
	o.prev_tag = bo->prerelease ? (j->h.last ? j->h.last->name : NULL)
				    : (j->h.last_stable ? j->h.last_stable->name : NULL);
	return changelog_render(&j->notes, j->h.commits, j->h.ncommits, &o) ? err_wrap("changelog") : 0;
}

/*
 * HEAD already carries the highest version tag: an earlier run tagged it
 * and stopped (or someone tagged by hand). Plan that release again as
 * it was before the tag existed, so a re-run finishes the same release
 * with the same notes instead of reporting "nothing to release".
 */
static int replan_tagged_head(struct pub_job *j, struct hist_opts *ho, struct bump_opts *bo,
			      char *version, size_t versz)
{
	char tag[SEMVER_MAX_TEXT + 256];

	snprintf(tag, sizeof(tag), "%s", j->h.last->name);
	semver_str(&j->h.last->ver, version);
	(void)versz;
	log_info("HEAD is tagged %s: planning that release again (re-run)", tag);
	history_release(&j->h);
	j->loaded = 0;
	ho->skip_tag = tag;
	if (history_load(&j->h, j->repo, ho))
		return err_wrap("re-reading the history without %s", tag);
	j->loaded = 1;
	bo->version = version;
	bo->prerelease = NULL;
	return 0;
}

/* Reads and checks --template before anything else (a bad template is
 * an error even when there is nothing to release). */
static int read_template(struct buf *tpl, const char *path)
{
	int rc;

	if ((rc = fs_read(tpl, path)))
		return err_wrap("--template");
	if ((rc = changelog_tpl_check(tpl->ptr ? tpl->ptr : "", tpl->len, path)))
		return err_wrap("--template");
	return 0;
}

static int plan(struct pub_job *j, const struct buf *tpl, const char *tpl_name)
{
	struct opt_set *s = j->ctx->opts;
	struct hist_opts ho = HIST_OPTS_INIT;
	struct bump_opts bo = BUMP_OPTS_INIT;
	struct bump_input in;
	char resumed[SEMVER_MAX_TEXT];
	int rc;

	resumed[0] = '\0';
	ho.prefix = j->prefix;
	ho.first_parent = opt_flag(s, "first-parent");
	bo.keep_zerover = !opt_flag(s, "major-on-zero");
	bo.prerelease = opt_str(s, "prerelease");
	if (bo.prerelease && !*bo.prerelease)
		bo.prerelease = NULL;
	bo.version = opt_str(s, "version");
	if (bo.version && !*bo.version)
		bo.version = NULL;
	bo.initial = opt_str(s, "initial-version");
	if ((rc = repo_open(&j->repo, j->dir)))
		return err_wrap("--repo-dir %s", j->dir);
	if ((rc = history_load(&j->h, j->repo, &ho)))
		return rc;
	j->loaded = 1;
	if (!bo.version && j->h.last && !strcmp(j->h.last->oid, j->h.head) &&
	    (rc = replan_tagged_head(j, &ho, &bo, resumed, sizeof(resumed))))
		return rc;
	history_bump_input(&j->h, &in);
	if ((rc = bump_next(&j->br, &in, &bo)))
		return rc;
	if (resumed[0])
		j->br.reason = "HEAD carries this version tag already: finishing its release";
	log_info("last release %s, %zu commits since; %s", j->h.last ? j->h.last->name : "(none)",
		 j->h.ncommits, j->br.reason);
	if (!j->br.release)
		return 0;
	semver_str(&j->br.next, j->version);
	if ((size_t)snprintf(j->tag, sizeof(j->tag), "%s%s", j->prefix, j->version) >= sizeof(j->tag))
		return err_setc(ERR_INVALID, "--tag-prefix: too long");
	return render_notes(j, &bo, tpl, tpl_name);
}

int pub_plan(struct pub_job *j)
{
	struct buf tpl = BUF_INIT(CHANGELOG_TPL_MAX);
	const char *name = opt_str(j->ctx->opts, "template");
	int rc;

	if (name && !*name)
		name = NULL;
	if (name && (rc = read_template(&tpl, name)))
		goto done;
	rc = plan(j, &tpl, name);
done:
	buf_release(&tpl);
	return rc;
}
