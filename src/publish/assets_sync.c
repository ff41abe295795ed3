/* assets_sync.c - makes the release's assets equal the local files: skip same digest, replace different, upload missing, SHA256SUMS last. */
#include "publish/publish_int.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The release's asset named `name` in list, borrowed, or NULL. */
static const struct jv *by_name(const struct jv *list, const char *name)
{
	size_t i;

	for (i = 0; i < jv_len(list); i++) {
		const char *n = jv_get_str(jv_at(list, i), "name");
		if (n && !strcmp(n, name))
			return jv_at(list, i);
	}
	return NULL;
}

/* 1 when the remote asset is complete and has the local digest. A null
 * digest (older GitHub Enterprise) cannot prove anything: 0. */
static int same(const struct jv *remote, const struct pub_asset *a)
{
	const char *d = jv_get_str(remote, "digest"), *st = jv_get_str(remote, "state");

	return d && !strncmp(d, "sha256:", 7) && !strcmp(d + 7, a->sha) &&
	       (!st || !strcmp(st, "uploaded"));
}

static int immutable(const struct pub_job *j)
{
	return jv_bool(jv_get(j->release, "immutable"), 0) &&
	       !jv_bool(jv_get(j->release, "draft"), 0);
}

static void record(struct pub_job *j, const struct pub_asset *a, const char *action)
{
	struct jv *o = jv_new_obj();
	char d[SHA256_HEX + 8];

	snprintf(d, sizeof(d), "sha256:%s", a->sha);
	jv_set_str(o, "name", a->name);
	jv_set_str(o, "digest", d);
	jv_set_int(o, "size", a->size);
	jv_set_str(o, "action", action);
	jv_push(j->uploaded, o);
}

static int release_id(const struct pub_job *j, long long *id)
{
	return jv_int(jv_get(j->release, "id"), id) < 0 ?
	       err_setc(ERR_INVALID, "release without an id") : 0;
}

static int relist(struct pub_job *j, struct jv **list)
{
	long long id;
	int rc;

	jv_free(*list);
	*list = NULL;
	if ((rc = release_id(j, &id)))
		return rc;
	return gh_asset_list(j->gh, id, list) ? err_wrap("listing release assets") : 0;
}

static int delete_old(struct pub_job *j, const struct jv *old, const char *name)
{
	long long id = 0;

	if (immutable(j))
		return err_setc(ERR_CONFLICT, "release %s is immutable and its asset %s differs from "
				"the local file: publish a new version", j->tag, name);
	jv_int(jv_get(old, "id"), &id);
	log_info("asset %s differs from the local file (or has no digest): replacing it", name);
	if (gh_asset_delete(j->gh, id))
		return err_wrap("deleting asset %s", name);
	pub_audit(j, "asset.delete", name, "ok");
	j->changed = 1;
	return 0;
}

static int upload(struct pub_job *j, const struct pub_asset *a, struct jv **out)
{
	if (immutable(j))
		return err_setc(ERR_CONFLICT, "release %s is immutable: asset %s cannot be added",
				j->tag, a->name);
	log_info("uploading %s (%lld bytes, %s)", a->name, a->size, a->ctype);
	return gh_asset_upload(j->gh, j->release, a->name, a->label, a->path, a->ctype, 0, out);
}

/* One asset. *list is the release's asset list, refreshed when a race
 * (422 already_exists) says it is stale. */
static int sync_one(struct pub_job *j, struct jv **list, const struct pub_asset *a)
{
	const struct jv *old = by_name(*list, a->name);
	struct jv *got = NULL;
	int rc;

	if (old && same(old, a)) {
		log_info("asset %s is on the release with the same sha256: kept", a->name);
		record(j, a, "kept");
		return 0;
	}
	if (old && (rc = delete_old(j, old, a->name)))
		return rc;
	rc = upload(j, a, &got);
	if (rc == ERR_CONFLICT && !immutable(j)) {
		/* 422 already_exists: an earlier attempt whose answer was lost, or
		 * another run. Check what is there before touching it. */
		log_info("asset %s exists already: checking it", a->name);
		if ((rc = relist(j, list)))
			return rc;
		if ((old = by_name(*list, a->name)) && same(old, a)) {
			record(j, a, "kept");
			return 0;
		}
		if (old && (rc = delete_old(j, old, a->name)))
			return rc;
		rc = upload(j, a, &got);
	}
	jv_free(got);
	if (rc)
		return err_wrap("uploading %s", a->name);
	pub_audit(j, "asset.upload", a->name, "ok");
	j->changed = 1;
	record(j, a, "uploaded");
	return 0;
}

/* SHA256SUMS as a temporary file; *a describes it (path owned by caller). */
static int sums_file(const struct pub_job *j, struct pub_asset *a)
{
	struct buf b = BUF_INIT(1u << 20);
	const char *tmp = getenv("TMPDIR");
	char path[4096];
	int fd, rc;

	memset(a, 0, sizeof(*a));
	if ((rc = pub_sums_text(j, &b)))
		goto done;
	snprintf(path, sizeof(path), "%s/ship-sums-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		rc = err_set("creating a temporary file in %s", tmp && *tmp ? tmp : "/tmp");
		goto done;
	}
	if (write(fd, b.ptr, b.len) != (ssize_t)b.len)
		rc = err_set("writing %s", path);
	close(fd);
	a->path = strdup(path);
	a->name = (char *)PUB_SUMS_NAME;
	a->ctype = "text/plain";
	a->size = (long long)b.len;
	sha256_hex(b.ptr, b.len, a->sha);
	if (!a->path)
		rc = err_set("out of memory");
	if (rc)
		unlink(path);
done:
	buf_release(&b);
	return rc;
}

int pub_assets_sync(struct pub_job *j)
{
	struct jv *list = NULL;
	struct pub_asset sums;
	char step[300];
	size_t i;
	int rc;

	if (!j->nassets)
		return 0;
	if ((rc = relist(j, &list)))
		return rc;
	for (i = 0; !rc && i < j->nassets; i++) {
		rc = sync_one(j, &list, &j->assets[i]);
		snprintf(step, sizeof(step), "asset:%s", j->assets[i].name);
		if (!rc)
			pub_test_crash_after(step);
	}
	if (!rc && !(rc = sums_file(j, &sums))) {
		rc = sync_one(j, &list, &sums);
		unlink(sums.path);
		free(sums.path);
	}
	jv_free(list);
	return rc;
}
