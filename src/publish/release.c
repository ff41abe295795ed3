/* release.c - one GitHub Release per tag: found including drafts, else created as a draft (duplicates from races removed), published last. */
#include "publish/publish_int.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

int pub_gh(struct pub_job *j)
{
	struct gh_opts o;
	struct http_opts ho;

	if (j->gh)
		return 0;
	memset(&o, 0, sizeof(o));
	memset(&ho, 0, sizeof(ho));
	ho.ca_file = j->ctx->ca_file;
	ho.retries = -1;      /* the default: 4 */
	o.http = &ho;
	o.token_file = opt_str(j->ctx->opts, "token-file");
	o.repo = opt_str(j->ctx->opts, "repo");
	if (o.repo && !*o.repo)
		o.repo = NULL;
	o.need_token = 1;
	return gh_new(&j->gh, &o);
}

void pub_audit(struct pub_job *j, const char *action, const char *target, const char *result)
{
	if (state_audit(j->ctx->state, "publish", action, target, result))
		log_warn("audit log: %s", err_last());
}

static long long rel_id(const struct jv *r)
{
	long long id = 0;

	jv_int(jv_get(r, "id"), &id);
	return id;
}

const struct jv *pub_release_canonical(const struct jv *list, const char *tag, size_t *n)
{
	const struct jv *best = NULL;
	size_t i;

	*n = 0;
	for (i = 0; i < jv_len(list); i++) {
		const struct jv *r = jv_at(list, i);
		const char *t = jv_get_str(r, "tag_name");
		int pub;

		if (!t || strcmp(t, tag))
			continue;
		(*n)++;
		pub = !jv_bool(jv_get(r, "draft"), 1);
		if (!best || (pub && jv_bool(jv_get(best, "draft"), 1)) ||
		    (pub == !jv_bool(jv_get(best, "draft"), 1) && rel_id(r) < rel_id(best)))
			best = r;
	}
	return best;
}

static int create_draft(struct pub_job *j)
{
	struct jv *f = jv_new_obj(), *out = NULL;
	int rc;

	if (!f)
		return err_set("out of memory");
	jv_set_str(f, "tag_name", j->tag);
	jv_set_str(f, "target_commitish", j->h.head);
	jv_set_str(f, "name", j->tag);
	jv_set(f, "body", jv_new_str_lossy(j->notes.ptr ? j->notes.ptr : "", j->notes.len));
	jv_set_bool(f, "draft", 1);
	jv_set_bool(f, "prerelease", semver_is_pre(&j->br.next));
	rc = gh_release_create(j->gh, f, &out);
	jv_free(f);
	if (rc == ERR_CONFLICT) {
		/* 422 already_exists: a concurrent run published it first. */
		log_info("release for %s created by someone else meanwhile: using it", j->tag);
		return gh_release_find(j->gh, j->tag, &j->release) ? err_wrap("release %s", j->tag) : 0;
	}
	if (rc)
		return err_wrap("creating the release for %s", j->tag);
	pub_audit(j, "release.create", j->tag, "draft");
	j->changed = 1;
	j->release = out;
	return 0;
}

/* After creating: another run may have created one at the same time.
 * Keep the canonical release; delete ours when it is the extra one. */
static int dedupe(struct pub_job *j)
{
	struct jv *list = NULL;
	const struct jv *keep;
	size_t n = 0;
	long long mine = rel_id(j->release);
	char what[64];
	int rc;

	if ((rc = gh_release_list(j->gh, &list)))
		return err_wrap("listing releases");
	keep = pub_release_canonical(list, j->tag, &n);
	if (n > 1 && keep && rel_id(keep) != mine) {
		log_warn("another run created a release for %s at the same time: deleting ours "
			 "(id %lld), keeping id %lld", j->tag, mine, rel_id(keep));
		if ((rc = gh_release_delete(j->gh, mine))) {
			rc = err_wrap("deleting duplicate draft %lld", mine);
		} else {
			snprintf(what, sizeof(what), "duplicate draft %lld", mine);
			pub_audit(j, "release.delete", j->tag, what);
			jv_free(j->release);
			j->release = jv_ref((struct jv *)keep);
		}
	}
	jv_free(list);
	return rc;
}

int pub_release_ensure(struct pub_job *j)
{
	int rc;

	if ((rc = pub_gh(j)))
		return rc;
	rc = gh_release_find(j->gh, j->tag, &j->release);
	if (rc == 0) {
		log_info("release for %s exists (id %lld, %s): continuing it", j->tag,
			 rel_id(j->release), jv_bool(jv_get(j->release, "draft"), 0) ? "draft" : "published");
		return 0;
	}
	if (rc != ERR_NOTFOUND)
		return err_wrap("looking up the release for %s", j->tag);
	if ((rc = create_draft(j)) || (rc = dedupe(j)))
		return rc;
	pub_test_crash_after("create");
	return 0;
}

int pub_release_publish(struct pub_job *j)
{
	struct jv *f, *out = NULL;
	int rc;

	if (!jv_bool(jv_get(j->release, "draft"), 0) || j->draft) {
		if (j->draft)
			log_info("release %s kept as a draft (--draft)", j->tag);
		return 0;
	}
	if (!(f = jv_new_obj()))
		return err_set("out of memory");
	jv_set_bool(f, "draft", 0);
	rc = gh_release_update(j->gh, rel_id(j->release), f, &out);
	jv_free(f);
	if (rc)
		return err_wrap("publishing the release for %s", j->tag);
	pub_audit(j, "release.publish", j->tag, "ok");
	j->changed = 1;
	jv_free(j->release);
	j->release = out;
	return 0;
}
