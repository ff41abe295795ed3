/* publish_plan.c - test driver: the publish plan (version + changelog) of a repository, optionally tagged and pushed. */
#include "core/buf.h"
#include "core/err.h"
#include "core/git.h"
#include "publish/bump.h"
#include "publish/changelog.h"
#include "publish/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * publish_plan [-C DIR] [--prefix P] [--first-parent] [--prerelease CH]
 *   [--version X] [--initial X] [--no-keep-zerover] [--repo-url URL]
 *   [--date D] [--tag] [--push REMOTE] [--ca-file FILE]
 * Prints key=value lines, "---", then the notes. --tag creates the
 * annotated tag on HEAD, --push pushes it with $GITHUB_TOKEN.
 */
struct args {
	const char *dir, *remote, *ca_file, *repo_url, *date;
	int tag;
	struct hist_opts h;
	struct bump_opts b;
};

static int parse_args(struct args *a, int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		const char **slot = !strcmp(o, "-C") ? &a->dir :
			!strcmp(o, "--prefix") ? &a->h.prefix :
			!strcmp(o, "--prerelease") ? &a->b.prerelease :
			!strcmp(o, "--version") ? &a->b.version :
			!strcmp(o, "--initial") ? &a->b.initial :
			!strcmp(o, "--repo-url") ? &a->repo_url :
			!strcmp(o, "--date") ? &a->date :
			!strcmp(o, "--push") ? &a->remote :
			!strcmp(o, "--ca-file") ? &a->ca_file : NULL;

		if (slot && v) {
			*slot = v;
			i++;
		} else if (!strcmp(o, "--first-parent")) {
			a->h.first_parent = 1;
		} else if (!strcmp(o, "--no-keep-zerover")) {
			a->b.keep_zerover = 0;
		} else if (!strcmp(o, "--tag")) {
			a->tag = 1;
		} else {
			return err_setc(ERR_USAGE, "bad argument: %s", o);
		}
	}
	return 0;
}

static void print_plan(const struct history *h, const struct bump_result *r,
		       const char *tag)
{
	char v[SEMVER_MAX_TEXT];

	semver_str(&r->next, v);
	printf("last=%s\nlast_stable=%s\nrelease=%d\nnext=%s\ntag=%s\n"
	       "level=%s\nreason=%s\ncommits=%zu\n---\n",
	       h->last ? h->last->name : "-",
	       h->last_stable ? h->last_stable->name : "-", r->release,
	       r->release ? v : "-", r->release ? tag : "-",
	       bump_level_name(r->level), r->reason, h->ncommits);
}

static int run(struct args *a)
{
	struct repo *r = NULL;
	struct history h;
	struct bump_input in;
	struct bump_result res;
	struct buf notes = BUF_INIT(BUF_MAX_JSON);
	char v[SEMVER_MAX_TEXT], tag[SEMVER_MAX_TEXT + 256];
	const char *prefix = a->h.prefix ? a->h.prefix : "v";
	int rc, loaded = 0;

	if ((rc = repo_open(&r, a->dir)) || (rc = history_load(&h, r, &a->h)))
		goto done;
	loaded = 1;
	history_bump_input(&h, &in);
	if ((rc = bump_next(&res, &in, &a->b)))
		goto done;
	semver_str(&res.next, v);
	snprintf(tag, sizeof(tag), "%s%s", prefix, v);
	print_plan(&h, &res, tag);
	if (!res.release)
		goto done;
	{
		struct changelog_opts o = { v, tag, NULL, a->repo_url, a->date,
					    a->b.prerelease != NULL, 0, NULL, 0, NULL };

		o.prev_tag = a->b.prerelease ? (h.last ? h.last->name : NULL)
					     : (h.last_stable ? h.last_stable->name : NULL);
		if ((rc = changelog_render(&notes, h.commits, h.ncommits, &o)))
			goto done;
	}
	fwrite(notes.ptr, 1, notes.len, stdout);
	fflush(stdout);
	if (a->tag && (rc = repo_tag_create(r, tag, h.head, buf_cstr(&notes), NULL, NULL)))
		goto done;
	if (a->remote)
		rc = repo_push_tag(r, a->remote, tag, getenv("GITHUB_TOKEN"), a->ca_file);
done:
	buf_release(&notes);
	if (loaded)
		history_release(&h);
	repo_close(r);
	return rc;
}

int main(int argc, char **argv)
{
	struct args a;
	struct hist_opts ho = HIST_OPTS_INIT;
	struct bump_opts bo = BUMP_OPTS_INIT;
	int rc;

	memset(&a, 0, sizeof(a));
	a.dir = ".";
	a.h = ho;
	a.b = bo;
	if ((rc = parse_args(&a, argc, argv)) || (rc = run(&a))) {
		fprintf(stderr, "publish_plan: %s\n", err_last());
		return err_exit_code(rc);
	}
	return 0;
}
