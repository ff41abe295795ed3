/* locate.c - finding each package's manifest/lockfile line in the repository. */
#include "locate.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../core/fs.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One file read once: its text split into lines (pointers into text). */
struct lfile {
	char *rel;       /* path relative to the root */
	char *text;      /* NULL when absent */
	char **lines;    /* NUL-terminated lines (CR stripped) */
	size_t n;
};

struct locator {
	char *root;
	struct lfile *files;
	size_t nfiles, cap;
};

int locator_new(struct locator **out, const char *root)
{
	struct locator *l = calloc(1, sizeof(*l));

	if (!l || !(l->root = strdup(root ? root : "."))) {
		free(l);
		return err_set("out of memory");
	}
	*out = l;
	return 0;
}

void locator_free(struct locator *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->nfiles; i++) {
		free(l->files[i].rel);
		free(l->files[i].text);
		free(l->files[i].lines);
	}
	free(l->files);
	free(l->root);
	free(l);
}

static int split_lines(struct lfile *f)
{
	size_t cap = 64;
	char *p = f->text;

	f->lines = malloc(cap * sizeof(*f->lines));
	while (f->lines && *p) {
		char *nl = strchr(p, '\n');

		if (f->n == cap) {
			char **v = realloc(f->lines, (cap *= 2) * sizeof(*v));

			if (!v)
				break;
			f->lines = v;
		}
		f->lines[f->n++] = p;
		if (!nl)
			break;
		if (nl > p && nl[-1] == '\r')
			nl[-1] = 0;
		*nl = 0;
		p = nl + 1;
	}
	return f->lines ? 0 : err_set("out of memory");
}

/* The cached file, read on first use; NULL text when it does not exist. */
static int load(struct locator *l, const char *rel, struct lfile **out)
{
	struct buf b = BUF_INIT(BUF_MAX_JSON);
	struct lfile *f;
	char path[4096];
	size_t i;
	int rc;

	for (i = 0; i < l->nfiles; i++)
		if (!strcmp(l->files[i].rel, rel)) {
			*out = &l->files[i];
			return 0;
		}
	if (l->nfiles == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct lfile *v = realloc(l->files, cap * sizeof(*v));

		if (!v)
			return err_set("out of memory");
		l->files = v;
		l->cap = cap;
	}
	f = &l->files[l->nfiles];
	memset(f, 0, sizeof(*f));
	if (!(f->rel = strdup(rel)))
		return err_set("out of memory");
	l->nfiles++;
	*out = f;
	snprintf(path, sizeof(path), "%s/%s", l->root, rel);
	rc = fs_read(&b, path);
	if (rc == ERR_NOTFOUND || (rc < 0 && !fs_exists(path))) {
		err_clear();
		buf_release(&b);
		return 0;
	}
	if (rc < 0) {
		buf_release(&b);
		return rc;
	}
	f->text = buf_detach(&b);
	if (!f->text)
		return err_set("out of memory");
	return split_lines(f);
}

/* --- per-format matchers: return the 0-based line index or -1 ------------ */

static const char *skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* PyPI-style normalised equality: case-insensitive, - _ . the same. */
static int name_eq(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (alen != strlen(b))
		return 0;
	for (i = 0; i < alen; i++) {
		int x = tolower((unsigned char)a[i]), y = tolower((unsigned char)b[i]);

		if (x == '_' || x == '.')
			x = '-';
		if (y == '_' || y == '.')
			y = '-';
		if (x != y)
			return 0;
	}
	return 1;
}

/* Does a block starting after line i (until a line matching stop) hold
 * the version (as `key ver` with optional quotes)? */
static int block_has_version(const struct lfile *f, size_t i, const char *key,
			     const char *ver, size_t max)
{
	size_t j;

	for (j = i + 1; j < f->n && j <= i + max; j++) {
		const char *s = skip_ws(f->lines[j]);

		if (!*s)
			break;
		if (!strncmp(s, key, strlen(key))) {
			s = skip_ws(s + strlen(key));
			if (*s == '"')
				s++;
			return !strncmp(s, ver, strlen(ver)) &&
			       (s[strlen(ver)] == '"' || !s[strlen(ver)]);
		}
	}
	return 0;
}

/* Cargo.lock and poetry.lock: name = "PKG" with version = "VER" below. */
static long m_toml_lock(const struct lfile *f, const char *pkg, const char *ver)
{
	long first = -1;
	size_t i;

	for (i = 0; i < f->n; i++) {
		const char *s = f->lines[i], *q;

		if (strncmp(s, "name = \"", 8) || !(q = strchr(s + 8, '"')) ||
		    !name_eq(s + 8, (size_t)(q - s - 8), pkg))
			continue;
		if (!ver || block_has_version(f, i, "version =", ver, 3))
			return (long)i;
		if (first < 0)
			first = (long)i;
	}
	return first;
}

/* package-lock.json: "node_modules/PKG": { (v2/v3) or "PKG": { (v1). */
static long m_package_lock(const struct lfile *f, const char *pkg, const char *ver)
{
	char key[512], v1[512];
	long first = -1;
	size_t i;

	snprintf(key, sizeof(key), "node_modules/%s\":", pkg);
	snprintf(v1, sizeof(v1), "\"%s\": {", pkg);
	for (i = 0; i < f->n; i++) {
		const char *s = skip_ws(f->lines[i]), *k = strstr(s, key);

		if (!(k && (k == s + 1 || k[-1] == '/')) && strncmp(s, v1, strlen(v1)))
			continue;
		if (!ver || block_has_version(f, i, "\"version\":", ver, 4))
			return (long)i;
		if (first < 0)
			first = (long)i;
	}
	return first;
}

/* yarn.lock: an unindented entry line naming PKG@..., version "VER" below. */
static long m_yarn(const struct lfile *f, const char *pkg, const char *ver)
{
	size_t i, pl = strlen(pkg);
	long first = -1;

	for (i = 0; i < f->n; i++) {
		const char *s = f->lines[i], *p;
		int hit = 0;

		if (*s == ' ' || *s == '#' || !*s)
			continue;
		for (p = s; *p && !hit; p++)
			if ((p == s || p[-1] == '"' || (p[-1] == ' ' && p[-2] == ',')) &&
			    !strncmp(p, pkg, pl) && p[pl] == '@')
				hit = 1;
		if (!hit)
			continue;
		if (!ver || block_has_version(f, i, "version", ver, 6))
			return (long)i;
		if (first < 0)
			first = (long)i;
	}
	return first;
}

/* pnpm-lock.yaml: /PKG@VER: (v6), /PKG/VER: (v5), PKG@VER: (v9). */
static long m_pnpm(const struct lfile *f, const char *pkg, const char *ver)
{
	size_t i, pl = strlen(pkg), vl = ver ? strlen(ver) : 0;

	for (i = 0; i < f->n; i++) {
		const char *s = skip_ws(f->lines[i]);

		if (*s == '\'' || *s == '"')
			s++;
		if (*s == '/')
			s++;
		if (strncmp(s, pkg, pl) || (s[pl] != '@' && s[pl] != '/'))
			continue;
		s += pl + 1;
		if (ver ? !strncmp(s, ver, vl) && strchr(":('\"", s[vl]) && s[vl]
			: isdigit((unsigned char)*s))
			return (long)i;
	}
	return -1;
}

/* go.mod "PKG vVER" (in or out of a require block); go.sum "PKG vVER ...". */
static long m_go(const struct lfile *f, const char *pkg, const char *ver)
{
	size_t i, pl = strlen(pkg);

	if (ver && *ver == 'v')
		ver++;
	for (i = 0; i < f->n; i++) {
		const char *s = skip_ws(f->lines[i]);

		if (!strncmp(s, "require ", 8))
			s = skip_ws(s + 8);
		if (strncmp(s, pkg, pl) || (s[pl] != ' ' && s[pl] != '\t'))
			continue;
		s = skip_ws(s + pl);
		if (*s == 'v')
			s++;
		if (!ver || (!strncmp(s, ver, strlen(ver)) &&
			     strchr(" \t/", s[strlen(ver)])))
			return (long)i;
	}
	return -1;
}

/* requirements*.txt: a line whose requirement name is PKG. */
static long m_requirements(const struct lfile *f, const char *pkg, const char *ver)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		const char *s = skip_ws(f->lines[i]);
		size_t n = strcspn(s, " \t=<>!~[;@#");

		if (n && name_eq(s, n, pkg))
			return (long)i;
	}
	return -1;
}

/* Gemfile.lock: "    PKG (VER)" in the specs list. */
static long m_gemfile(const struct lfile *f, const char *pkg, const char *ver)
{
	size_t i, pl = strlen(pkg);
	long first = -1;

	for (i = 0; i < f->n; i++) {
		const char *s = f->lines[i];

		if (strncmp(s, "    ", 4) || s[4] == ' ' || strncmp(s + 4, pkg, pl) ||
		    strncmp(s + 4 + pl, " (", 2))
			continue;
		if (!ver || !strncmp(s + 6 + pl, ver, strlen(ver)))
			return (long)i;
		if (first < 0)
			first = (long)i;
	}
	return first;
}

static const struct {
	const char *name;  /* base name; a trailing '*' matches requirements*.txt */
	long (*match)(const struct lfile *, const char *, const char *);
} formats[] = {
	{ "Cargo.lock", m_toml_lock }, { "poetry.lock", m_toml_lock },
	{ "package-lock.json", m_package_lock }, { "yarn.lock", m_yarn },
	{ "pnpm-lock.yaml", m_pnpm }, { "go.mod", m_go }, { "go.sum", m_go },
	{ "requirements*.txt", m_requirements }, { "Gemfile.lock", m_gemfile },
};
#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

static long (*matcher(const char *rel))(const struct lfile *, const char *, const char *)
{
	const char *b = base(rel);
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (!strcmp(b, formats[i].name) ||
		    (!strcmp(formats[i].name, "requirements*.txt") && !strncmp(b, "requirements", 12) &&
		     strlen(b) > 4 && !strcmp(b + strlen(b) - 4, ".txt")))
			return formats[i].match;
	return NULL;
}

/* npm audit has no installed version: read it from the lock entry. */
static int fill_npm_version(struct finding *f, const struct lfile *lf, size_t i)
{
	size_t j;

	for (j = i + 1; j < lf->n && j <= i + 4; j++) {
		const char *s = skip_ws(lf->lines[j]), *q;

		if (strncmp(s, "\"version\": \"", 12) || !(q = strchr(s + 12, '"')))
			continue;
		f->installed = strndup(s + 12, (size_t)(q - s - 12));
		return f->installed ? 0 : err_set("out of memory");
	}
	return 0;
}

/* Looks for f's package in one file; 0 when found (f updated). */
static int try_file(struct locator *l, struct finding *f, const char *rel)
{
	long (*m)(const struct lfile *, const char *, const char *) = matcher(rel);
	struct lfile *lf;
	long idx;
	int rc;

	if ((rc = load(l, rel, &lf)) < 0)
		return rc;
	if (!lf->text)
		return ERR_NOTFOUND;
	if (f->line > 0 && f->file && !strcmp(f->file, rel) && (size_t)f->line <= lf->n)
		return 0; /* the report's own line (Trivy Locations) */
	if (!m || !f->package || (idx = m(lf, f->package, f->installed)) < 0)
		return ERR_NOTFOUND;
	if (!f->installed && m == m_package_lock &&
	    (rc = fill_npm_version(f, lf, (size_t)idx)) < 0)
		return rc;
	if ((rc = finding_set(&f->file, rel)) < 0)
		return rc;
	f->line = idx + 1;
	return 0;
}

/*
 * The report's path as a root-relative path (into buf), or NULL. An
 * absolute path outside the root (scanned on another machine) sets
 * *foreign: the caller then tries ever shorter suffixes of it.
 */
static const char *hint(const struct locator *l, const char *file, char *buf, size_t sz,
			int *foreign)
{
	size_t rl = strlen(l->root);

	if (!file || !*file || strstr(file, "://"))
		return NULL;
	if (*file != '/') {
		if (!strncmp(file, "./", 2))
			file += 2;
		if (strstr(file, "../"))
			return NULL; /* never leave the root */
		snprintf(buf, sz, "%s", file);
		return buf;
	}
	if (!strncmp(file, l->root, rl) && file[rl] == '/' && !strstr(file + rl, "/../")) {
		snprintf(buf, sz, "%s", file + rl + 1);
		return buf;
	}
	*foreign = 1;
	snprintf(buf, sz, "%s", file + 1);
	return buf;
}

/* Tries the hint; for a foreign path, a/b/c/go.mod then b/c/go.mod ... go.mod. */
static int try_hint(struct locator *l, struct finding *f, const char *h, int foreign)
{
	int rc = ERR_NOTFOUND;

	while (h && *h) {
		if (!strstr(h, "..") && (rc = try_file(l, f, h)) != ERR_NOTFOUND)
			return rc;
		if (!foreign)
			break;
		h = strchr(h, '/');
		if (h)
			h++;
	}
	return ERR_NOTFOUND;
}

/* requirements*.txt files at the root, tried for PyPI findings. */
static int try_requirements(struct locator *l, struct finding *f)
{
	DIR *d = opendir(l->root);
	struct dirent *e;
	int rc = ERR_NOTFOUND;

	while (d && rc == ERR_NOTFOUND && (e = readdir(d)))
		if (!strncmp(e->d_name, "requirements", 12) && matcher(e->d_name) &&
		    strcmp(e->d_name, "requirements.txt"))
			rc = try_file(l, f, e->d_name);
	if (d)
		closedir(d);
	return rc;
}

int locator_find(struct locator *l, struct finding *f)
{
	static const char *const defaults[][4] = {
		{ "crates.io", "Cargo.lock" },
		{ "npm", "package-lock.json", "yarn.lock", "pnpm-lock.yaml" },
		{ "Go", "go.mod", "go.sum" },
		{ "PyPI", "requirements.txt", "poetry.lock" },
		{ "RubyGems", "Gemfile.lock" },
	};
	char buf[4096];
	int foreign = 0;
	const char *h = hint(l, f->file, buf, sizeof(buf), &foreign);
	size_t i, j;
	int rc = ERR_NOTFOUND;

	if (f->kind != FINDING_PACKAGE)
		return ERR_NOTFOUND;
	if (h)
		rc = try_hint(l, f, h, foreign);
	for (i = 0; rc == ERR_NOTFOUND && f->ecosystem && i < 5; i++) {
		if (strcmp(f->ecosystem, defaults[i][0]))
			continue;
		for (j = 1; rc == ERR_NOTFOUND && j < 4 && defaults[i][j]; j++)
			rc = try_file(l, f, defaults[i][j]);
		if (rc == ERR_NOTFOUND && i == 3)
			rc = try_requirements(l, f);
	}
	return rc;
}

int scan_locate_all(const char *root, struct findings *fs)
{
	struct locator *l;
	size_t i;
	int rc, found = 0;

	if ((rc = locator_new(&l, root)) < 0)
		return rc;
	for (i = 0; i < fs->n; i++) {
		rc = locator_find(l, &fs->v[i]);
		if (rc == 0)
			found++;
		else if (rc != ERR_NOTFOUND)
			break;
		rc = 0;
	}
	locator_free(l);
	return rc < 0 ? rc : found;
}
