/* yml.h - YAML documents as a small tree with positions: the one wrapper around libyaml. */
#ifndef SHIP_YML_H
#define SHIP_YML_H

#include <stddef.h>

/*
 * A parsed document is a tree of mappings, sequences and scalars; every
 * node knows its line and column (1-based) so callers can report
 * "NAME: line L, column C: reason". The tree is read-only and owned by
 * the struct yml_doc: every node and string pointer is BORROWED and valid
 * until yml_free(doc).
 *
 * Deliberately small: aliases and anchors are rejected (no billion-laughs
 * expansion), so are duplicate keys, non-scalar keys, more than one
 * document, nesting deeper than YML_MAX_DEPTH and more than YML_MAX_NODES
 * nodes. Tags are ignored. Scalars stay text; yml_bool() and friends
 * interpret them.
 */
#define YML_MAX_DEPTH 64
#define YML_MAX_NODES 100000

enum yml_kind { YML_SCALAR, YML_SEQ, YML_MAP };

struct yml_node {
	enum yml_kind kind;
	unsigned line, col;        /* 1-based position of the node's start */
	const char *str;           /* scalar: NUL-terminated text (no NUL inside) */
	size_t len;                /* scalar: bytes in str */
	int plain;                 /* scalar: 1 when unquoted (so `null` means null) */
	size_t n;                  /* sequence: items; mapping: pairs */
	struct yml_node **kids;    /* sequence: n items; mapping: 2n, key then value */
};

struct yml_doc;

/*
 * Parses data[0..len) named `name` (used in errors). Inputs over `max`
 * bytes fail with ERR_TOOBIG; syntax errors, NUL bytes and invalid UTF-8
 * with ERR_INVALID and "NAME: line L, column C: reason". An empty
 * document gives a doc whose root is NULL. *out is caller-owned:
 * yml_free().
 */
int yml_parse(struct yml_doc **out, const char *data, size_t len, size_t max,
	      const char *name);
/* Reads and parses a file (the path names it in errors). */
int yml_parse_file(struct yml_doc **out, const char *path, size_t max);
void yml_free(struct yml_doc *doc);

/* The root node, or NULL for an empty document. Borrowed. */
const struct yml_node *yml_root(const struct yml_doc *doc);
/* The name given to yml_parse. Borrowed. */
const char *yml_name(const struct yml_doc *doc);

/* The value for `key` in a mapping, or NULL (also when map is not a mapping). */
const struct yml_node *yml_get(const struct yml_node *map, const char *key);
/* Pair i of a mapping: the key and value nodes. */
const struct yml_node *yml_key(const struct yml_node *map, size_t i);
const struct yml_node *yml_val(const struct yml_node *map, size_t i);
/* Item i of a sequence, or NULL. */
const struct yml_node *yml_item(const struct yml_node *seq, size_t i);

/* 1 when the node is a plain null (`~`, `null`, `Null`, `NULL` or empty). */
int yml_is_null(const struct yml_node *n);
/* 0 and *out = 0/1 for true/false/yes/no/on/off (any case, YAML 1.1 style
 * for configuration friendliness); ERR_INVALID otherwise. */
int yml_bool(const struct yml_node *n, int *out);
/* A short word for the node kind ("a mapping", "a list", "a value"). */
const char *yml_kind_name(const struct yml_node *n);

/*
 * Sets an error "NAME: line L, column C: <fmt>" for node n of doc and
 * returns `code`. Returns code without a position when n is NULL.
 */
int yml_error(const struct yml_doc *doc, const struct yml_node *n, int code,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
