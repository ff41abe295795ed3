/* git.h - git repositories through libgit2: the one libgit2 wrapper. */
#ifndef SHIP_GIT_H
#define SHIP_GIT_H

#include <stddef.h>

/*
 * Functions are named repo_* because libgit2 owns the git_* names.
 * Object ids travel as lowercase hex strings (SHA-1 or SHA-256).
 */
#define REPO_OID_HEX 65 /* 64 hex digits + NUL */

struct repo; /* opaque; repo_open/repo_close */

/* Opens the repository containing `path` (searching upwards, like git).
 * ERR_NOTFOUND when there is none. The caller closes it. */
int repo_open(struct repo **out, const char *path);
void repo_close(struct repo *r);

/* 1 when the repository is a shallow clone (history cut off), else 0. */
int repo_is_shallow(struct repo *r);

/* The commit HEAD points at. ERR_NOTFOUND on an unborn branch. */
int repo_head(struct repo *r, char oid[REPO_OID_HEX]);

struct repo_tag {
	char *name;              /* without "refs/tags/"; owned by the array */
	char oid[REPO_OID_HEX];  /* the commit it points at (annotated tags peeled) */
	int annotated;
};

/*
 * Lists tags whose name starts with `prefix` ("" for all), each peeled to
 * its commit; tags that do not lead to a commit are skipped. *out is
 * owned by the caller: repo_tags_free(*out, *n).
 */
int repo_tags(struct repo *r, const char *prefix, struct repo_tag **out, size_t *n);
void repo_tags_free(struct repo_tag *tags, size_t n);

/* *yes = 1 when `ancestor` is `commit` or one of its ancestors. */
int repo_is_ancestor(struct repo *r, const char *ancestor, const char *commit, int *yes);

/* One commit as seen by a walk; every pointer is borrowed for the
 * duration of the callback only. */
struct repo_commit {
	char oid[REPO_OID_HEX];
	const char *message;      /* as stored, leading newlines skipped; NOT
				     NUL-terminated: use message_len */
	size_t message_len;
	const char *author_name;
	const char *author_email;
	long long time;           /* committer time, seconds since the epoch */
	unsigned nparents;
};

/* Return 0 to go on, 1 to stop the walk early (not an error), or a
 * negative ERR_ code to abort it (returned by repo_walk). */
typedef int (*repo_walk_fn)(const struct repo_commit *c, void *ctx);

#define REPO_WALK_FIRST_PARENT 1
/*
 * Visits the commits reachable from `from` but not from `stop` (NULL: the
 * whole history), newest first (topological + time order). With
 * REPO_WALK_FIRST_PARENT only first parents are followed. When `reached`
 * is not NULL it is set to 1 when `stop` is reachable from `from` (along
 * first parents in that mode): `from` is `stop`, or a visited commit has
 * it as a parent. That answer is only complete when the callback did not
 * stop the walk early.
 */
int repo_walk(struct repo *r, const char *from, const char *stop, int flags,
	      repo_walk_fn fn, void *ctx, int *reached);

/*
 * Creates the annotated tag `name` on commit `target` with `message`.
 * The tagger is tagger_name/tagger_email when both are given, else
 * user.name/user.email from git config, else $GITHUB_ACTOR with the
 * <actor>@users.noreply.github.com address; ERR_INVALID when none is
 * known. An existing tag on the same commit is accepted (re-runs);
 * on another commit it is ERR_CONFLICT.
 */
int repo_tag_create(struct repo *r, const char *name, const char *target,
		    const char *message, const char *tagger_name,
		    const char *tagger_email);

/* The tagger repo_tag_create() uses without an explicit one (git config,
 * else $GITHUB_ACTOR), copied into name and email; ERR_INVALID when none
 * is known. */
int repo_tagger(struct repo *r, char *name, size_t nsz, char *email, size_t esz);

/*
 * Pushes refs/tags/<name> to `remote` (a remote name such as "origin" or
 * an https:// URL). `token` (may be NULL for anonymous) is offered as
 * HTTP basic credentials x-access-token:<token> through the credentials
 * callback, never in the URL; it is registered as a secret. For https
 * remotes TLS uses the CA bundle from ca_find(ca_file) (process-wide
 * libgit2 setting); local paths and file:// need none. ERR_SERVICE when the server refuses
 * the push or cannot be reached; ERR_CONFLICT when the remote has the tag
 * on another commit.
 */
int repo_push_tag(struct repo *r, const char *remote, const char *name,
		  const char *token, const char *ca_file);

#endif
