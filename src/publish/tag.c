/* tag.c - the release tag: annotated, made with libgit2 and pushed over HTTPS, or made through the git data API. */
#include "publish/publish_int.h"
#include "core/err.h"
#include "core/log.h"
#include "rt/config.h"

#include <stdio.h>
#include <string.h>

/* The commit a tag ref on GitHub leads to (annotated tags peeled once). */
static int api_tag_commit(struct pub_job *j, char *out, size_t outsz)
{
	struct buf p = BUF_INIT(1024);
	struct jv *ref = NULL, *tag = NULL;
	const struct jv *obj;
	const char *type, *sha;
	int rc;

	buf_printf(&p, "/repos/{repo}/git/ref/tags/%s", j->tag);
	if ((rc = gh_call(j->gh, "GET", buf_cstr(&p), NULL, &ref, NULL, NULL, NULL)))
		goto done;
	obj = jv_get(ref, "object");
	type = jv_get_str(obj, "type");
	if (type && !strcmp(type, "tag")) {
		buf_reset(&p);
		buf_printf(&p, "/repos/{repo}/git/tags/%s", jv_get_str(obj, "sha") ? jv_get_str(obj, "sha") : "-");
		if ((rc = gh_call(j->gh, "GET", buf_cstr(&p), NULL, &tag, NULL, NULL, NULL)))
			goto done;
		obj = jv_get(tag, "object");
	}
	sha = jv_get_str(obj, "sha");
	snprintf(out, outsz, "%s", sha ? sha : "");
done:
	jv_free(ref);
	jv_free(tag);
	buf_release(&p);
	return rc;
}

/* The tag on GitHub exists (its commit is sha): fine when it is HEAD. */
static int api_tag_at_head(struct pub_job *j, const char *sha)
{
	if (strcmp(sha, j->h.head))
		return err_setc(ERR_CONFLICT, "tag %s exists on GitHub at %.12s, not at HEAD %.12s",
				j->tag, sha, j->h.head);
	log_info("tag %s exists on GitHub at HEAD already", j->tag);
	return 0;
}

/* The annotated tag object for HEAD, as tag_git makes it locally (same
 * message and tagger); its sha in obj. */
static int api_tag_object(struct pub_job *j, char *obj, size_t objsz)
{
	char name[256], email[320];
	struct jv *out = NULL;
	const char *sha;
	int rc;

	if ((rc = repo_tagger(j->repo, name, sizeof(name), email, sizeof(email))))
		return err_wrap("tag %s", j->tag);
	rc = gh_tag_object_create(j->gh, j->tag, j->h.head, buf_cstr(&j->notes), name, email, &out);
	sha = jv_get_str(out, "sha");
	if (rc == 0)
		snprintf(obj, objsz, "%s", sha);
	jv_free(out);
	return rc ? err_wrap("creating the tag object %s", j->tag) : 0;
}

/* --tag-via api: an annotated tag, as `git tag -a` and tag_git make it,
 * through the git data API: the tag object (POST /git/tags), then the
 * ref to it (POST /git/refs). The ref is looked up first, so a re-run
 * writes nothing. A crash between the two calls leaves a tag object no
 * ref points at (harmless), and the re-run makes a new one. */
static int tag_api(struct pub_job *j)
{
	char ref[600], sha[REPO_OID_HEX], obj[REPO_OID_HEX];
	struct jv *out = NULL;
	int rc;

	snprintf(ref, sizeof(ref), "refs/tags/%s", j->tag);
	if ((rc = pub_gh(j)))
		return rc;
	rc = api_tag_commit(j, sha, sizeof(sha));
	if (rc == 0)
		return api_tag_at_head(j, sha);
	if (rc != ERR_NOTFOUND)
		return err_wrap("reading %s", ref);
	if ((rc = api_tag_object(j, obj, sizeof(obj))))
		return rc;
	pub_audit(j, "tag.create-object", j->tag, obj);
	pub_test_crash_after("tag-object");
	rc = gh_ref_create(j->gh, ref, obj, &out);
	jv_free(out);
	if (rc == 0) {
		pub_audit(j, "tag.create-ref", j->tag, "ok");
		j->changed = 1;
		return 0;
	}
	if (rc != ERR_CONFLICT && rc != ERR_INVALID)
		return err_wrap("creating %s through the refs API", ref);
	/* Another run made it since the lookup. */
	if ((rc = api_tag_commit(j, sha, sizeof(sha))))
		return err_wrap("reading %s", ref);
	return api_tag_at_head(j, sha);
}

/* The push token: the same secret as the API's. */
static const char *push_token(void)
{
	static const char *const fallback[] = { "GITHUB_TOKEN", "GH_TOKEN", NULL };
	const char *t = NULL;

	return config_secret("github-token", fallback, &t) ? NULL : t;
}

/* 1 when the local repository has the tag already (a re-run). */
static int tag_exists(struct pub_job *j)
{
	struct repo_tag *t = NULL;
	size_t n = 0, i;
	int yes = 0;

	if (repo_tags(j->repo, j->tag, &t, &n))
		return 0;
	for (i = 0; i < n; i++)
		yes |= !strcmp(t[i].name, j->tag);
	repo_tags_free(t, n);
	return yes;
}

/* A push of a tag the remote has already is a no-op, so the push is
 * always made; it counts as a change only with a new local tag. */
static int tag_git(struct pub_job *j)
{
	const char *remote = j->remote;
	int rc, had = tag_exists(j);

	rc = repo_tag_create(j->repo, j->tag, j->h.head, buf_cstr(&j->notes), NULL, NULL);
	if (rc)
		return err_wrap("tag %s", j->tag);
	if (!had) {
		pub_audit(j, "tag.create", j->tag, "ok");
		j->changed = 1;
	}
	pub_test_crash_after("tag-local");
	if (!remote || !*remote)
		return 0;
	if ((rc = repo_push_tag(j->repo, remote, j->tag, push_token(), j->ctx->ca_file)))
		return err_wrap("pushing tag %s", j->tag);
	pub_audit(j, "tag.push", j->tag, had ? "ok (tag existed locally)" : "ok");
	return 0;
}

int pub_tag(struct pub_job *j)
{
	int rc = !strcmp(j->tag_via, "api") ? tag_api(j) : tag_git(j);

	if (rc == 0)
		pub_test_crash_after("tag");
	return rc;
}
