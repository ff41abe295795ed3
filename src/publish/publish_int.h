/* publish_int.h - the state of one `ship publish` run, shared by its steps (plan, gates, tag, release, assets). */
#ifndef SHIP_PUBLISH_INT_H
#define SHIP_PUBLISH_INT_H

#include <stddef.h>
#include "core/buf.h"
#include "core/jv.h"
#include "core/sha.h"
#include "gh/gh.h"
#include "publish/bump.h"
#include "publish/history.h"
#include "rt/run.h"

/* More --asset files than GitHub allows on one release is refused. */
#define PUB_MAX_ASSETS 1000
#define PUB_SUMS_NAME "SHA256SUMS"
/* The notes buffer cap; changelog_render cuts the text at 125000 bytes. */
#define CHANGELOG_NOTES_MAX (4u << 20)

/* One local file to attach; every string owned by the asset. */
struct pub_asset {
	char *path;                 /* local file */
	char *name;                 /* asset name on the release (basename) */
	char *label;                /* "path#label" label, or NULL */
	const char *ctype;          /* static Content-Type from the extension */
	char sha[SHA256_HEX];       /* lowercase hex */
	long long size;
};

/* One run. Pointers into ctx->opts are borrowed; the rest is owned and
 * freed by pub_job_free(). */
struct pub_job {
	struct rt_ctx *ctx;
	const char *dir;            /* --repo-dir */
	const char *prefix;         /* --tag-prefix */
	const char *remote;         /* --push-remote */
	const char *tag_via;        /* "git" or "api" */
	const char *changelog_file; /* --changelog-file or NULL */
	const char *webhook;        /* --webhook-url or NULL */
	int dry;                    /* --dry-run or check mode */
	int draft;                  /* --draft */
	struct repo *repo;
	struct history h;
	int loaded;                 /* h is filled */
	struct bump_result br;
	char version[SEMVER_MAX_TEXT];
	char tag[SEMVER_MAX_TEXT + 256];
	struct buf notes;           /* the changelog (untrusted text: commit messages) */
	struct pub_asset *assets;
	size_t nassets;
	struct gh *gh;              /* NULL until the first API call is needed */
	struct jv *release;         /* the release object once found or created */
	struct jv *uploaded;        /* [{name, digest, size, action}] */
	int changed;                /* an external change was made */
};

/* plan.c: version and changelog from the history. */
int pub_plan(struct pub_job *j);
/* gates.c: scan state and --require-green. *blocked = 1 with the result
 * set (RT_FAIL) when a gate refuses. */
int pub_gates(struct pub_job *j, int *blocked);
/* assets.c: expands --asset globs and hashes every file (before any change). */
int pub_assets_load(struct pub_job *j);
void pub_assets_free(struct pub_job *j);
/* The Content-Type for an asset name by its extension (static string;
 * application/octet-stream when unknown). */
const char *pub_content_type(const char *name);
/* 1 when GitHub keeps the name as it is: letters, digits, '.', '_', '-',
 * no leading or trailing dot, 1..255 bytes. */
int pub_asset_name_ok(const char *name);
/* Writes the SHA256SUMS text of the assets to out. */
int pub_sums_text(const struct pub_job *j, struct buf *out);
/* Uploads, skips or replaces every asset, then SHA256SUMS. */
int pub_assets_sync(struct pub_job *j);
/* tag.c: annotated tag + push, or through the git data API. */
int pub_tag(struct pub_job *j);
/* release.c: finds or creates the draft release (one per tag), then
 * publishes it unless --draft. */
int pub_release_ensure(struct pub_job *j);
int pub_release_publish(struct pub_job *j);
/* Of the releases in list whose tag_name is tag (*n: how many), the one
 * that stands: a published one first, else the lowest id (the first
 * created). Borrowed from list; NULL when none. */
const struct jv *pub_release_canonical(const struct jv *list, const char *tag, size_t *n);
/* The client, created on first use. */
int pub_gh(struct pub_job *j);
/* One audit line for an external change. */
void pub_audit(struct pub_job *j, const char *action, const char *target, const char *result);
/* notify.c: the --webhook-url POST; failures are warnings. */
void pub_notify(struct pub_job *j);
/* pub_summary.c: the step summary in GitHub format (failures are warnings). */
void pub_summary(struct pub_job *j);
/* crash.c: the test hook SHIP_TEST_CRASH_AFTER=<step>. */
void pub_test_crash_after(const char *step);

#endif
