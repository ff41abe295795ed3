/* assets.c - release assets: --asset globs, SHA-256, Content-Type, and the skip/replace/upload sync. */
#include "publish/publish_int.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const ctypes[][2] = {
	{ ".tar.gz", "application/gzip" }, { ".tgz", "application/gzip" },
	{ ".gz", "application/gzip" }, { ".zip", "application/zip" },
	{ ".tar", "application/x-tar" }, { ".xz", "application/x-xz" },
	{ ".zst", "application/zstd" }, { ".bz2", "application/x-bzip2" },
	{ ".json", "application/json" }, { ".txt", "text/plain" }, { ".md", "text/markdown" },
	{ ".sha256", "text/plain" }, { ".asc", "application/pgp-signature" },
	{ ".sig", "application/octet-stream" }, { ".deb", "application/vnd.debian.binary-package" },
	{ ".rpm", "application/x-rpm" }, { ".pdf", "application/pdf" },
	{ ".yaml", "application/yaml" }, { ".yml", "application/yaml" },
};

/* The Content-Type for a file name by its extension (static string). */
const char *pub_content_type(const char *name)
{
	size_t n = strlen(name), i, e;

	for (i = 0; i < sizeof(ctypes) / sizeof(ctypes[0]); i++) {
		e = strlen(ctypes[i][0]);
		if (n > e && !strcasecmp(name + n - e, ctypes[i][0]))
			return ctypes[i][1];
	}
	return "application/octet-stream";
}

/* GitHub renames names with other characters or leading/trailing dots,
 * after which a re-run could not find its own asset by name. */
int pub_asset_name_ok(const char *n)
{
	size_t l = strlen(n);

	if (!l || l > 255 || n[0] == '.' || n[l - 1] == '.')
		return 0;
	return strspn(n, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == l;
}

static int add_asset(struct pub_job *j, const char *path, const char *label)
{
	struct pub_asset *a;
	const char *base = strrchr(path, '/');
	struct stat st;
	size_t i;

	base = base ? base + 1 : path;
	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return err_setc(ERR_NOTFOUND, "--asset %s: not a regular file", path);
	for (i = 0; i < j->nassets; i++)
		if (!strcmp(j->assets[i].name, base))
			return strcmp(j->assets[i].path, path) ?
			       err_setc(ERR_USAGE, "--asset: two files named %s (%s, %s)", base,
					j->assets[i].path, path) : 0;
	if (!pub_asset_name_ok(base))
		return err_setc(ERR_USAGE, "--asset %s: GitHub would rename \"%s\"; use letters, "
				"digits, '.', '_' and '-' only", path, base);
	if (!strcmp(base, PUB_SUMS_NAME))
		return err_setc(ERR_USAGE, "--asset %s: the name %s is ship's checksum file", path,
				PUB_SUMS_NAME);
	if (j->nassets >= PUB_MAX_ASSETS - 1)
		return err_setc(ERR_TOOBIG, "--asset: more than %d files", PUB_MAX_ASSETS - 1);
	a = realloc(j->assets, (j->nassets + 1) * sizeof(*a));
	if (!a)
		return err_set("out of memory");
	j->assets = a;
	a += j->nassets;
	memset(a, 0, sizeof(*a));
	j->nassets++;
	a->path = strdup(path);
	a->name = strdup(base);
	a->label = label ? strdup(label) : NULL;
	if (!a->path || !a->name || (label && !a->label))
		return err_set("out of memory");
	a->ctype = pub_content_type(base);
	a->size = (long long)st.st_size;
	return sha256_file_hex(path, a->sha);
}

/* One --asset value: "GLOB" or "GLOB#label". A pattern matching nothing
 * is an error: a release missing a file is worse than no release. */
static int add_glob(struct pub_job *j, const char *spec)
{
	char pat[4096];
	const char *hash = strrchr(spec, '#');
	glob_t g;
	size_t i, n = hash ? (size_t)(hash - spec) : strlen(spec);
	int rc = 0;

	if (!n || n >= sizeof(pat))
		return err_setc(ERR_USAGE, "--asset \"%s\": bad pattern", spec);
	memcpy(pat, spec, n);
	pat[n] = '\0';
	memset(&g, 0, sizeof(g));
	if (glob(pat, GLOB_ERR, NULL, &g) || !g.gl_pathc) {
		globfree(&g);
		return err_setc(ERR_NOTFOUND, "--asset %s: no file matches", pat);
	}
	if (hash && g.gl_pathc > 1)
		rc = err_setc(ERR_USAGE, "--asset %s: a label needs a pattern matching one file", spec);
	for (i = 0; !rc && i < g.gl_pathc; i++)
		rc = add_asset(j, g.gl_pathv[i], hash ? hash + 1 : NULL);
	globfree(&g);
	return rc;
}

int pub_assets_load(struct pub_job *j)
{
	size_t n = 0, i;
	char *const *v = opt_list(j->ctx->opts, "asset", &n);
	int rc = 0;

	for (i = 0; !rc && i < n; i++)
		if (v[i][0])
			rc = add_glob(j, v[i]);
	for (i = 0; !rc && i < j->nassets; i++)
		log_info("asset %s: %lld bytes, sha256 %s, %s", j->assets[i].name,
			 j->assets[i].size, j->assets[i].sha, j->assets[i].ctype);
	return rc;
}

void pub_assets_free(struct pub_job *j)
{
	size_t i;

	for (i = 0; i < j->nassets; i++) {
		free(j->assets[i].path);
		free(j->assets[i].name);
		free(j->assets[i].label);
	}
	free(j->assets);
	j->assets = NULL;
	j->nassets = 0;
}

/* "<hex>  <name>\n" per asset: the format `sha256sum -c` reads. */
int pub_sums_text(const struct pub_job *j, struct buf *out)
{
	size_t i;

	for (i = 0; i < j->nassets; i++)
		buf_printf(out, "%s  %s\n", j->assets[i].sha, j->assets[i].name);
	return buf_failed(out) ? err_setc(ERR_TOOBIG, "SHA256SUMS too long") : 0;
}
