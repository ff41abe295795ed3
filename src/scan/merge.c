/* merge.c - merging duplicate findings by id/alias + package + installed version. */
#include "merge.h"
#include "../core/buf.h"
#include "../core/err.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* An open-addressing table from "package\0version\0id" keys to indexes. */
struct table {
	char **keys;
	size_t *idx;
	size_t cap, n;
};

static unsigned long hash(const char *s)
{
	unsigned long h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static int grow(struct table *t)
{
	struct table nt = { 0 };
	size_t i;

	nt.cap = t->cap ? t->cap * 2 : 64;
	nt.keys = calloc(nt.cap, sizeof(*nt.keys));
	nt.idx = calloc(nt.cap, sizeof(*nt.idx));
	if (!nt.keys || !nt.idx) {
		free(nt.keys);
		free(nt.idx);
		return err_set("out of memory");
	}
	for (i = 0; i < t->cap; i++) {
		size_t h;

		if (!t->keys[i])
			continue;
		for (h = hash(t->keys[i]) % nt.cap; nt.keys[h]; h = (h + 1) % nt.cap)
			;
		nt.keys[h] = t->keys[i];
		nt.idx[h] = t->idx[i];
	}
	nt.n = t->n;
	free(t->keys);
	free(t->idx);
	*t = nt;
	return 0;
}

static long lookup(const struct table *t, const char *key)
{
	size_t h;

	if (!t->cap)
		return -1;
	for (h = hash(key) % t->cap; t->keys[h]; h = (h + 1) % t->cap)
		if (!strcmp(t->keys[h], key))
			return (long)t->idx[h];
	return -1;
}

/* Adds key -> i unless present; takes ownership of key. */
static int insert(struct table *t, char *key, size_t i)
{
	size_t h;

	if (lookup(t, key) >= 0) {
		free(key);
		return 0;
	}
	if ((t->n + 1) * 2 > t->cap && grow(t) < 0) {
		free(key);
		return -1;
	}
	for (h = hash(key) % t->cap; t->keys[h]; h = (h + 1) % t->cap)
		;
	t->keys[h] = key;
	t->idx[h] = i;
	t->n++;
	return 0;
}

static void table_free(struct table *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++)
		free(t->keys[i]);
	free(t->keys);
	free(t->idx);
}

/* Normalised "package|version|ID" key (caller frees), NULL on ENOMEM. */
static char *make_key(const struct finding *f, const char *id)
{
	struct buf b = BUF_INIT(1 << 16);
	const char *p, *v = f->installed;
	int pypi = f->ecosystem && !strcmp(f->ecosystem, "PyPI");

	for (p = f->package ? f->package : ""; *p; p++)
		buf_putc(&b, pypi && (*p == '_' || *p == '.') ? '-' :
			 (char)tolower((unsigned char)*p));
	buf_putc(&b, '\n');
	if (v && v[0] == 'v' && isdigit((unsigned char)v[1]))
		v++;
	buf_puts(&b, v ? v : "\x01");
	buf_putc(&b, '\n');
	for (p = id; *p; p++)
		buf_putc(&b, (char)toupper((unsigned char)*p));
	return buf_detach(&b);
}

static int absorb_strv(struct strv *dst, const struct strv *src)
{
	size_t i;

	for (i = 0; i < src->n; i++)
		if (strv_add_uniq(dst, src->v[i]) < 0)
			return -1;
	return 0;
}

static void take(char **dst, char **src)
{
	if (!*dst && *src) {
		*dst = *src;
		*src = NULL;
	}
}

/* Folds b into a; b is left to be cleared by the caller. */
static int absorb(struct finding *a, struct finding *b)
{
	if (!finding_has_id(a, b->id) && strv_add_uniq(&a->aliases, b->id) < 0)
		return -1;
	if (absorb_strv(&a->aliases, &b->aliases) < 0 ||
	    absorb_strv(&a->fixed, &b->fixed) < 0 ||
	    absorb_strv(&a->sources, &b->sources) < 0)
		return -1;
	if (b->severity > a->severity ||
	    (b->severity == a->severity && b->cvss_score > a->cvss_score)) {
		a->severity = b->severity;
		if (b->cvss_vector || b->cvss_score >= 0) {
			free(a->cvss_vector);
			a->cvss_vector = b->cvss_vector;
			b->cvss_vector = NULL;
			a->cvss_score = b->cvss_score;
		}
	}
	a->fixable |= b->fixable;
	take(&a->title, &b->title);
	take(&a->url, &b->url);
	take(&a->ecosystem, &b->ecosystem);
	take(&a->installed, &b->installed);
	if (!a->file && b->file) {
		take(&a->file, &b->file);
		a->line = b->line;
	} else if (a->line == 0 && b->line > 0 && b->file && a->file &&
		   !strcmp(a->file, b->file)) {
		a->line = b->line;
	}
	take(&a->target, &b->target);
	return 0;
}

/* Registers every id of l->v[i] under its key. */
static int register_ids(struct table *t, const struct finding *f, size_t i)
{
	size_t k;
	char *key;

	if (!(key = make_key(f, f->id)) || insert(t, key, i) < 0)
		return err_set("out of memory");
	for (k = 0; k < f->aliases.n; k++)
		if (!(key = make_key(f, f->aliases.v[k])) || insert(t, key, i) < 0)
			return err_set("out of memory");
	return 0;
}

static long find_dup(const struct table *t, const struct finding *f)
{
	size_t k;
	long at;
	char *key = make_key(f, f->id);

	at = key ? lookup(t, key) : -1;
	free(key);
	for (k = 0; at < 0 && k < f->aliases.n; k++) {
		key = make_key(f, f->aliases.v[k]);
		at = key ? lookup(t, key) : -1;
		free(key);
	}
	return at;
}

int findings_merge(struct findings *l)
{
	struct table t = { 0 };
	size_t i, out = 0;
	int rc = 0;

	for (i = 0; i < l->n; i++) {
		struct finding *f = &l->v[i];
		long at = f->kind == FINDING_PACKAGE ? find_dup(&t, f) : -1;

		if (at >= 0) {
			rc = absorb(&l->v[at], f);
			finding_clear(f);
			if (rc < 0 || (rc = register_ids(&t, &l->v[at], (size_t)at)) < 0) {
				i++; /* the absorbed one is gone */
				break;
			}
			continue;
		}
		if (out != i) {
			l->v[out] = *f;
			finding_init(f);
		}
		if (l->v[out].kind == FINDING_PACKAGE &&
		    (rc = register_ids(&t, &l->v[out], out)) < 0) {
			out++;
			i++;
			break;
		}
		out++;
	}
	/* On failure keep the unprocessed tail. */
	for (; i < l->n; i++, out++)
		if (out != i) {
			l->v[out] = l->v[i];
			finding_init(&l->v[i]);
		}
	l->n = out;
	table_free(&t);
	return rc;
}
