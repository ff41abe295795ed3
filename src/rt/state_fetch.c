/* state_fetch.c - fetch ship-state-* workflow artifacts (v4 or REST), extract them safely and merge them into one directory. */
#include "rt/state.h"
#include "rt/state_int.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "core/zip.h"
#include "gh/artifact.h"
#include "gh/gh.h"

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int state_mkdtemp(char **out)
{
	const char *base = getenv("RUNNER_TEMP");
	struct buf b = BUF_INIT(4096);

	*out = NULL;
	if (!base || !*base)
		base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	buf_printf(&b, "%s/ship-state-XXXXXX", base);
	if (buf_failed(&b) || !mkdtemp(b.ptr)) {
		buf_release(&b);
		return err_setc(ERR_FAIL, "cannot create a temporary directory in %s", base);
	}
	*out = buf_detach(&b);
	return 0;
}

static int state_rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	(void)(flag == FTW_DP ? rmdir(p) : unlink(p));
	return 0;
}

void state_rmtree(const char *path)
{
	if (path && *path)
		nftw(path, state_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* One artifact to merge. */
struct fetch_item {
	char name[256];
	long long id;
};

/* The matching artifacts of list ([{"name", "id"}]), sorted by id. */
static int fetch_pick(const struct jv *list, const char *prefix, struct fetch_item **out,
		      size_t *n)
{
	size_t i, k = 0, plen = strlen(prefix);
	struct fetch_item *it = calloc(jv_len(list) + 1, sizeof(*it)), t;

	*out = NULL;
	*n = 0;
	if (!it)
		return err_set("out of memory");
	for (i = 0; i < jv_len(list); i++) {
		const struct jv *a = jv_at(list, i);
		const char *nm = jv_get_str(a, "name");
		long long id = 0;
		if (!nm || strlen(nm) >= sizeof(it->name) || jv_bool(jv_get(a, "expired"), 0) ||
		    jv_int(jv_get(a, "id"), &id) < 0 || strncmp(nm, prefix, plen) ||
		    (nm[plen] && nm[plen] != '-'))
			continue;
		snprintf(it[k].name, sizeof(it[k].name), "%s", nm);
		it[k++].id = id;
	}
	if (k > STATE_MAX_ARTIFACTS) {
		free(it);
		return err_setc(ERR_TOOBIG, "more than %d state artifacts called %s-*",
				STATE_MAX_ARTIFACTS, prefix);
	}
	for (i = 1; i < k; i++) {              /* insertion sort by id */
		size_t j = i;
		for (t = it[i]; j > 0 && it[j - 1].id > t.id; j--)
			it[j] = it[j - 1];
		it[j] = t;
	}
	*out = it;
	*n = k;
	return 0;
}

/* A plain state file name: [A-Za-z0-9._-], not starting with '.'. */
static int fetch_plain(const char *n)
{
	return *n && *n != '.' && strspn(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					"0123456789._-") == strlen(n);
}

/* 1 when file is "<p>.json" and art is "<prefix>-<p>". */
static int fetch_owner(const char *file, const char *art, const char *prefix)
{
	size_t fl = strlen(file), pl = strlen(prefix);

	return fl > 5 && !strcmp(file + fl - 5, ".json") && !strncmp(art, prefix, pl) &&
	       art[pl] == '-' && strlen(art + pl + 1) == fl - 5 &&
	       !strncmp(art + pl + 1, file, fl - 5);
}

/* Merges one file of artifact art into dir. */
static int fetch_merge_file(const char *path, const char *file, const char *art,
			    const char *prefix, const char *dir, struct jv *origins)
{
	struct buf b = BUF_INIT(STATE_MAX), dst = BUF_INIT(4096);
	struct jv *o = jv_get(origins, file);
	int owner = fetch_owner(file, art, prefix), rc;

	buf_printf(&dst, "%s/%s", dir, file);
	if ((rc = fs_read(&b, path)) < 0)
		goto done;
	if (!strcmp(file, STATE_AUDIT_FILE)) {
		if (b.len && b.ptr[b.len - 1] != '\n')
			buf_putc(&b, '\n');
		rc = b.len ? fs_append(buf_cstr(&dst), b.ptr, b.len) : 0;
		goto done;
	}
	if (o && jv_bool(jv_get(o, "owner"), 0) && !owner) {
		log_debug("state: keeping %s from %s over the copy in %s", file,
			  jv_get_str(o, "artifact"), art);
		goto done;
	}
	if ((rc = fs_write_atomic(buf_cstr(&dst), b.ptr, b.len, 0644)) < 0)
		goto done;
	if (!(o = jv_new_obj()) || jv_set_str(o, "artifact", art) || jv_set_bool(o, "owner", owner) ||
	    jv_set(origins, file, o))
		rc = err_set("out of memory");
done:
	buf_release(&b);
	buf_release(&dst);
	return rc;
}

int state_merge_dir(const char *from, const char *art, const char *prefix, const char *dir,
		    struct jv *origins)
{
	struct buf path = BUF_INIT(8192);
	DIR *d = opendir(from);
	struct dirent *e;
	struct stat st;
	int rc = 0;

	if (!d)
		return err_setc(ERR_FAIL, "%s: cannot read", from);
	while (rc == 0 && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		path.len = 0;
		buf_printf(&path, "%s/%s", from, e->d_name);
		if (lstat(buf_cstr(&path), &st) < 0 || !S_ISREG(st.st_mode) || !fetch_plain(e->d_name)) {
			log_debug("state: artifact %s: ignoring %s", art, e->d_name);
			continue;
		}
		rc = fetch_merge_file(buf_cstr(&path), e->d_name, art, prefix, dir, origins);
	}
	closedir(d);
	buf_release(&path);
	return rc;
}

/* Where the bytes come from: the v4 service or REST. */
struct fetch_src {
	struct artifact_svc *svc;      /* v4, or NULL */
	struct gh *gh;                 /* REST, or NULL */
	struct http_client *http;      /* for svc */
	long long run_id;
};

static int fetch_open(struct fetch_src *f, const char *kind, long long run_id,
		      const char *ca_file)
{
	struct http_opts ho = { 0 };
	struct gh_opts go = { 0 };
	const char *rid = getenv("GITHUB_RUN_ID");
	int rc;

	ho.ca_file = ca_file;
	if (!strcmp(kind, "artifact") && getenv("ACTIONS_RUNTIME_TOKEN") &&
	    getenv("ACTIONS_RESULTS_URL")) {
		if ((rc = http_client_new(&f->http, &ho)) < 0)
			return rc;
		return artifact_open(&f->svc, f->http);
	}
	if (!strcmp(kind, "artifact")) {
		if (!rid || (run_id = strtoll(rid, NULL, 10)) <= 0)
			return err_setc(ERR_USAGE, "artifact state: no artifact service and no "
					"GITHUB_RUN_ID (outside GitHub Actions use "
					"run:RUN_ID/artifact:NAME)");
	}
	f->run_id = run_id;
	go.http = &ho;
	go.need_token = 1;
	return gh_new(&f->gh, &go);
}

static void fetch_close(struct fetch_src *f)
{
	artifact_close(f->svc);
	http_client_free(f->http);
	gh_free(f->gh);
}

static int fetch_list(struct fetch_src *f, struct jv **out)
{
	if (f->svc)
		return artifact_list(f->svc, NULL, out);
	return artifact_rest_list(f->gh, f->run_id, NULL, out);
}

static int fetch_one(struct fetch_src *f, const struct fetch_item *it, const char *zip)
{
	if (f->svc)
		return artifact_download(f->svc, it->name, zip);
	return artifact_rest_download(f->gh, it->id, zip);
}

int state_fetch(const char *kind, const char *name, long long run_id, const char *ca_file,
		const char *tmp, const char *dir, struct jv *origins, int *count)
{
	static const struct zip_limits lim = { STATE_ART_MAX_ZIP, STATE_ART_MAX_ZIP, 1000, 0, 0 };
	struct fetch_src f = { 0 };
	struct fetch_item *items = NULL;
	struct jv *list = NULL;
	struct buf zip = BUF_INIT(8192), out = BUF_INIT(8192);
	size_t i, n = 0;
	int rc;

	*count = 0;
	if ((rc = fetch_open(&f, kind, run_id, ca_file)) < 0 || (rc = fetch_list(&f, &list)) < 0 ||
	    (rc = fetch_pick(list, name, &items, &n)) < 0)
		goto done;
	for (i = 0; i < n; i++) {
		zip.len = out.len = 0;
		buf_printf(&zip, "%s/a%zu.zip", tmp, i);
		buf_printf(&out, "%s/a%zu", tmp, i);
		if ((rc = fetch_one(&f, &items[i], buf_cstr(&zip))) < 0 ||
		    (rc = zip_extract(buf_cstr(&zip), buf_cstr(&out), &lim)) < 0 ||
		    (rc = state_merge_dir(buf_cstr(&out), items[i].name, name, dir, origins)) < 0) {
			rc = err_wrap("state artifact %s", items[i].name);
			goto done;
		}
		log_debug("state: merged artifact %s (id %lld)", items[i].name, items[i].id);
		unlink(buf_cstr(&zip));
		state_rmtree(buf_cstr(&out));
		(*count)++;
	}
done:
	free(items);
	jv_free(list);
	buf_release(&zip);
	buf_release(&out);
	fetch_close(&f);
	return rc;
}
