/* yml.c - parse YAML with libyaml into a small positioned tree (the only file that includes yaml.h). */
#include "yml.h"
#include "buf.h"
#include "err.h"
#include "fs.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

struct yml_doc {
	char *name;
	struct yml_node *root;
	struct yml_node **all;  /* every node, for yml_free */
	size_t nall, allcap;
};

/* An open container while parsing and the capacity of its kids array. */
struct yml_frame {
	struct yml_node *node;
	size_t nkids, cap;
};

struct yml_build {
	struct yml_doc *doc;
	struct yml_frame stack[YML_MAX_DEPTH];
	int depth;
	int ndocs;
};

int yml_error(const struct yml_doc *doc, const struct yml_node *n, int code,
	      const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n)
		return err_setc(code, "%s: line %u, column %u: %s", doc->name,
				n->line, n->col, msg);
	return err_setc(code, "%s: %s", doc->name, msg);
}

static int yml_error_at(struct yml_build *b, const yaml_mark_t *m, const char *what)
{
	return err_setc(ERR_INVALID, "%s: line %zu, column %zu: %s", b->doc->name,
			m->line + 1, m->column + 1, what);
}

static struct yml_node *yml_node_new(struct yml_build *b, enum yml_kind kind,
				     const yaml_mark_t *m)
{
	struct yml_doc *d = b->doc;
	struct yml_node *n;

	if (d->nall >= YML_MAX_NODES) {
		yml_error_at(b, m, "too many nodes (limit 100000)");
		return NULL;
	}
	if (d->nall == d->allcap) {
		size_t cap = d->allcap ? d->allcap * 2 : 64;
		struct yml_node **a = realloc(d->all, cap * sizeof(*a));
		if (!a) {
			err_set("out of memory");
			return NULL;
		}
		d->all = a;
		d->allcap = cap;
	}
	if (!(n = calloc(1, sizeof(*n)))) {
		err_set("out of memory");
		return NULL;
	}
	n->kind = kind;
	n->line = (unsigned)m->line + 1;
	n->col = (unsigned)m->column + 1;
	d->all[d->nall++] = n;
	return n;
}

/* Hangs n under the open container (or makes it the root). In a
 * mapping the kids alternate key, value; keys must be scalars. */
static int yml_add_kid(struct yml_build *b, struct yml_node *n)
{
	struct yml_frame *f;
	struct yml_node *p;

	if (!b->depth) {
		b->doc->root = n;
		return 0;
	}
	f = &b->stack[b->depth - 1];
	p = f->node;
	if (p->kind == YML_MAP && !(f->nkids % 2) && n->kind != YML_SCALAR)
		return yml_error(b->doc, n, ERR_INVALID,
				 "a key must be a plain value, not %s",
				 yml_kind_name(n));
	if (f->nkids == f->cap) {
		size_t ncap = f->cap ? f->cap * 2 : 8;
		struct yml_node **k = realloc(p->kids, ncap * sizeof(*k));
		if (!k)
			return err_set("out of memory");
		p->kids = k;
		f->cap = ncap;
	}
	p->kids[f->nkids++] = n;
	p->n = p->kind == YML_MAP ? f->nkids / 2 : f->nkids;
	return 0;
}

const char *yml_kind_name(const struct yml_node *n)
{
	if (!n)
		return "nothing";
	switch (n->kind) {
	case YML_MAP: return "a mapping";
	case YML_SEQ: return "a list";
	default:      return "a value";
	}
}

static int yml_keycmp(const void *a, const void *b)
{
	const struct yml_node *x = *(struct yml_node *const *)a;
	const struct yml_node *y = *(struct yml_node *const *)b;
	int c = strcmp(x->str, y->str);

	if (c)
		return c;
	return x->line != y->line ? (x->line < y->line ? -1 : 1)
				  : (x->col < y->col ? -1 : x->col > y->col);
}

/* Rejects a repeated key, naming the later occurrence. O(n log n). */
static int yml_check_dups(struct yml_build *b, const struct yml_node *map)
{
	struct yml_node **keys;
	size_t i;
	int rc = 0;

	if (map->n < 2)
		return 0;
	if (!(keys = malloc(map->n * sizeof(*keys))))
		return err_set("out of memory");
	for (i = 0; i < map->n; i++)
		keys[i] = map->kids[2 * i];
	qsort(keys, map->n, sizeof(*keys), yml_keycmp);
	for (i = 1; i < map->n && !rc; i++)
		if (!strcmp(keys[i - 1]->str, keys[i]->str))
			rc = yml_error(b->doc, keys[i], ERR_INVALID,
				       "duplicate key '%s' (first on line %u)",
				       keys[i]->str, keys[i - 1]->line);
	free(keys);
	return rc;
}

static int yml_on_scalar(struct yml_build *b, const yaml_event_t *e)
{
	struct yml_node *n;
	char *s;

	if (memchr(e->data.scalar.value, '\0', e->data.scalar.length))
		return yml_error_at(b, &e->start_mark, "NUL character in a value");
	if (!(n = yml_node_new(b, YML_SCALAR, &e->start_mark)))
		return err_code();
	if (!(s = malloc(e->data.scalar.length + 1)))
		return err_set("out of memory");
	memcpy(s, e->data.scalar.value, e->data.scalar.length);
	s[e->data.scalar.length] = '\0';
	n->str = s;
	n->len = e->data.scalar.length;
	n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return yml_add_kid(b, n);
}

static int yml_on_open(struct yml_build *b, const yaml_event_t *e, enum yml_kind k)
{
	struct yml_node *n;
	int rc;

	if (b->depth == YML_MAX_DEPTH)
		return yml_error_at(b, &e->start_mark, "nested too deeply (limit 64)");
	if (!(n = yml_node_new(b, k, &e->start_mark)))
		return err_code();
	if ((rc = yml_add_kid(b, n)))
		return rc;
	b->stack[b->depth].node = n;
	b->stack[b->depth].nkids = 0;
	b->stack[b->depth].cap = 0;
	b->depth++;
	return 0;
}

static int yml_on_event(struct yml_build *b, const yaml_event_t *e)
{
	const yaml_char_t *anchor = NULL;

	if (e->type == YAML_SCALAR_EVENT)
		anchor = e->data.scalar.anchor;
	else if (e->type == YAML_SEQUENCE_START_EVENT)
		anchor = e->data.sequence_start.anchor;
	else if (e->type == YAML_MAPPING_START_EVENT)
		anchor = e->data.mapping_start.anchor;
	if (anchor)
		return yml_error_at(b, &e->start_mark, "anchors (&name) are not supported");
	switch (e->type) {
	case YAML_ALIAS_EVENT:
		return yml_error_at(b, &e->start_mark, "aliases (*name) are not supported");
	case YAML_DOCUMENT_START_EVENT:
		if (++b->ndocs > 1)
			return yml_error_at(b, &e->start_mark,
					    "more than one document (---)");
		return 0;
	case YAML_SCALAR_EVENT:
		return yml_on_scalar(b, e);
	case YAML_SEQUENCE_START_EVENT:
		return yml_on_open(b, e, YML_SEQ);
	case YAML_MAPPING_START_EVENT:
		return yml_on_open(b, e, YML_MAP);
	case YAML_SEQUENCE_END_EVENT:
		b->depth--;
		return 0;
	case YAML_MAPPING_END_EVENT:
		b->depth--;
		return yml_check_dups(b, b->stack[b->depth].node);
	default:
		return 0;
	}
}

static int yml_parser_error(struct yml_build *b, const yaml_parser_t *p,
			    const char *data)
{
	size_t line, col;
	const char *what = p->problem ? p->problem : "invalid YAML";

	if (p->error == YAML_MEMORY_ERROR)
		return err_set("%s: out of memory", b->doc->name);
	if (p->error == YAML_READER_ERROR) {
		err_position(data, p->problem_offset, &line, &col);
		return err_setc(ERR_INVALID, "%s: line %zu, column %zu: %s", b->doc->name,
				line, col, what);
	}
	if (p->context)
		return err_setc(ERR_INVALID, "%s: line %zu, column %zu: %s %s",
				b->doc->name, p->problem_mark.line + 1,
				p->problem_mark.column + 1, what, p->context);
	return yml_error_at(b, &p->problem_mark, what);
}

static int yml_run(struct yml_build *b, const char *data, size_t len)
{
	yaml_parser_t p;
	yaml_event_t e;
	int rc = 0, done = 0;

	if (!yaml_parser_initialize(&p))
		return err_set("out of memory");
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done && !rc) {
		if (!yaml_parser_parse(&p, &e)) {
			rc = yml_parser_error(b, &p, data);
			break;
		}
		done = e.type == YAML_STREAM_END_EVENT;
		rc = yml_on_event(b, &e);
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&p);
	return rc;
}

int yml_parse(struct yml_doc **out, const char *data, size_t len, size_t max,
	      const char *name)
{
	struct yml_build b;
	int rc;

	*out = NULL;
	memset(&b, 0, sizeof(b));
	if (!name)
		name = "YAML";
	if ((rc = err_check_text(data, len, max, name)))
		return rc;
	if (!(b.doc = calloc(1, sizeof(*b.doc))) || !(b.doc->name = strdup(name))) {
		yml_free(b.doc);
		return err_set("out of memory");
	}
	if ((rc = yml_run(&b, data, len))) {
		yml_free(b.doc);
		return rc;
	}
	*out = b.doc;
	return 0;
}

int yml_parse_file(struct yml_doc **out, const char *path, size_t max)
{
	struct buf b = BUF_INIT(max);
	int rc;

	*out = NULL;
	if (!(rc = fs_read(&b, path)))
		rc = yml_parse(out, buf_cstr(&b), b.len, max, path);
	buf_release(&b);
	return rc;
}

void yml_free(struct yml_doc *doc)
{
	size_t i;

	if (!doc)
		return;
	for (i = 0; i < doc->nall; i++) {
		free((char *)doc->all[i]->str);
		free(doc->all[i]->kids);
		free(doc->all[i]);
	}
	free(doc->all);
	free(doc->name);
	free(doc);
}

const struct yml_node *yml_root(const struct yml_doc *doc)
{
	return doc ? doc->root : NULL;
}

const char *yml_name(const struct yml_doc *doc)
{
	return doc ? doc->name : "";
}

const struct yml_node *yml_get(const struct yml_node *map, const char *key)
{
	size_t i;

	if (!map || map->kind != YML_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (!strcmp(map->kids[2 * i]->str, key))
			return map->kids[2 * i + 1];
	return NULL;
}

const struct yml_node *yml_key(const struct yml_node *map, size_t i)
{
	return map && map->kind == YML_MAP && i < map->n ? map->kids[2 * i] : NULL;
}

const struct yml_node *yml_val(const struct yml_node *map, size_t i)
{
	return map && map->kind == YML_MAP && i < map->n ? map->kids[2 * i + 1] : NULL;
}

const struct yml_node *yml_item(const struct yml_node *seq, size_t i)
{
	return seq && seq->kind == YML_SEQ && i < seq->n ? seq->kids[i] : NULL;
}

int yml_is_null(const struct yml_node *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t i;

	if (!n || n->kind != YML_SCALAR || !n->plain)
		return 0;
	for (i = 0; i < sizeof(nulls) / sizeof(*nulls); i++)
		if (!strcmp(n->str, nulls[i]))
			return 1;
	return 0;
}

int yml_bool(const struct yml_node *n, int *out)
{
	static const char *const t[] = { "true", "yes", "on", "1" };
	static const char *const f[] = { "false", "no", "off", "0" };
	size_t i;

	if (!n || n->kind != YML_SCALAR)
		return ERR_INVALID;
	for (i = 0; i < 4; i++) {
		if (!strcasecmp(n->str, t[i])) {
			*out = 1;
			return 0;
		}
		if (!strcasecmp(n->str, f[i])) {
			*out = 0;
			return 0;
		}
	}
	return ERR_INVALID;
}
