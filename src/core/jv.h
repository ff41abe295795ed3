/* jv.h - JSON values: the one wrapper around jansson. */
#ifndef SHIP_JV_H
#define SHIP_JV_H

#include <stddef.h>
#include "buf.h"

/*
 * struct jv is opaque and reference counted. Ownership, one rule:
 * functions named jv_new_*, jv_parse* and jv_ref return a NEW reference
 * the caller must jv_free(); accessors (jv_get, jv_at, jv_iter) return
 * BORROWED references valid while the container lives; jv_set and
 * jv_push STEAL the reference they are given (even on failure).
 * Every function accepts NULL where a value is read and treats it as
 * absent, so chains like jv_str(jv_get(jv_get(o, "a"), "b")) are safe.
 */
struct jv;

enum jv_type { JV_NONE, JV_NULL, JV_BOOL, JV_INT, JV_REAL, JV_STR, JV_ARR, JV_OBJ };

/*
 * Parses a whole document. `name` names the input in errors:
 * "NAME: line L, column C: reason" with ERR_INVALID; inputs over `max`
 * bytes fail with ERR_TOOBIG. NUL bytes, invalid UTF-8, duplicate keys
 * and nesting deeper than 2048 are rejected.
 */
int jv_parse(struct jv **out, const char *data, size_t len, size_t max,
	     const char *name);
int jv_parse_file(struct jv **out, const char *path, size_t max);

void jv_free(struct jv *v);
struct jv *jv_ref(struct jv *v);

enum jv_type jv_type(const struct jv *v);
struct jv *jv_get(const struct jv *obj, const char *key);
struct jv *jv_at(const struct jv *arr, size_t i);
size_t jv_len(const struct jv *v);           /* array or object size */
const char *jv_str(const struct jv *v);       /* NULL unless a string */
size_t jv_strlen(const struct jv *v);         /* bytes, may hold NUL-free UTF-8 */
const char *jv_get_str(const struct jv *obj, const char *key);
/* 0 and *out set when v is an integer (or a real with no fraction that
 * fits), else ERR_INVALID. */
int jv_int(const struct jv *v, long long *out);
double jv_num(const struct jv *v, double def); /* int or real, else def */
int jv_bool(const struct jv *v, int def);     /* true/false, else def */
/*
 * Object iteration: start with *it = NULL; returns the next key (borrowed)
 * and sets *val, or NULL at the end. Keys come in document order.
 */
const char *jv_iter(const struct jv *obj, void **it, struct jv **val);

struct jv *jv_new_obj(void);
struct jv *jv_new_arr(void);
struct jv *jv_new_str(const char *s);          /* NULL s -> JSON null */
struct jv *jv_new_strn(const char *s, size_t n);
struct jv *jv_new_int(long long n);
struct jv *jv_new_real(double d);
struct jv *jv_new_bool(int b);
struct jv *jv_new_null(void);
/* Invalid UTF-8 in s is replaced by U+FFFD so untrusted text can always
 * be stored; NUL bytes become U+FFFD too. */
struct jv *jv_new_str_lossy(const char *s, size_t n);

int jv_set(struct jv *obj, const char *key, struct jv *val);
int jv_push(struct jv *arr, struct jv *val);
int jv_set_str(struct jv *obj, const char *key, const char *s);
int jv_set_int(struct jv *obj, const char *key, long long n);
int jv_set_bool(struct jv *obj, const char *key, int b);
int jv_del(struct jv *obj, const char *key);

#define JV_PRETTY 1   /* two-space indent, one key per line */
#define JV_ASCII  2   /* \uXXXX escapes for non-ASCII */
/* Appends the serialisation (keys in insertion order) to out. */
int jv_dump(struct buf *out, const struct jv *v, int flags);

#endif
