/* jv.c - JSON values over jansson (the only file that includes jansson.h). */
#include "jv.h"
#include "jv_alloc.h"
#include "jv_read.h"
#include "jv_write.h"
#include "err.h"
#include "fs.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#define J(v) ((json_t *)(v))
#define V(j) ((struct jv *)(j))

int jv_parse(struct jv **out, const char *data, size_t len, size_t max,
	     const char *name)
{
	json_t *j;
	int rc;

	*out = NULL;
	if (!name)
		name = "JSON";
	if ((rc = err_check_text(data, len, max, name)))
		return rc;
	if (jv_read(&j, data, len, name))
		return err_code();
	*out = V(j);
	return 0;
}

int jv_parse_file(struct jv **out, const char *path, size_t max)
{
	struct buf b = BUF_INIT(max);
	int rc;

	*out = NULL;
	if ((rc = fs_read(&b, path)))
		goto done;
	rc = jv_parse(out, buf_cstr(&b), b.len, max, path);
done:
	buf_release(&b);
	return rc;
}

void jv_free(struct jv *v)
{
	/* A real reference, so the linker keeps jv_alloc.o and its constructor. */
	if (!v && !*(volatile const int *)&jv_alloc_active)
		return;
	json_decref(J(v));
}

struct jv *jv_ref(struct jv *v)
{
	return V(json_incref(J(v)));
}

enum jv_type jv_type(const struct jv *v)
{
	switch (v ? json_typeof(J(v)) : (json_type)-1) {
	case JSON_NULL:    return JV_NULL;
	case JSON_TRUE:
	case JSON_FALSE:   return JV_BOOL;
	case JSON_INTEGER: return JV_INT;
	case JSON_REAL:    return JV_REAL;
	case JSON_STRING:  return JV_STR;
	case JSON_ARRAY:   return JV_ARR;
	case JSON_OBJECT:  return JV_OBJ;
	default:           return JV_NONE;
	}
}

struct jv *jv_get(const struct jv *obj, const char *key)
{
	return obj && key ? V(json_object_get(J(obj), key)) : NULL;
}

struct jv *jv_at(const struct jv *arr, size_t i)
{
	return arr ? V(json_array_get(J(arr), i)) : NULL;
}

size_t jv_len(const struct jv *v)
{
	if (!v)
		return 0;
	if (json_is_array(J(v)))
		return json_array_size(J(v));
	if (json_is_object(J(v)))
		return json_object_size(J(v));
	return 0;
}

const char *jv_str(const struct jv *v)
{
	return v ? json_string_value(J(v)) : NULL;
}

size_t jv_strlen(const struct jv *v)
{
	return v && json_is_string(J(v)) ? json_string_length(J(v)) : 0;
}

const char *jv_get_str(const struct jv *obj, const char *key)
{
	return jv_str(jv_get(obj, key));
}

int jv_int(const struct jv *v, long long *out)
{
	double d;

	if (v && json_is_integer(J(v))) {
		*out = json_integer_value(J(v));
		return 0;
	}
	if (v && json_is_real(J(v))) {
		d = json_real_value(J(v));
		/* 2^63 is exact in a double; anything at or above it overflows. */
		if (d == floor(d) && d >= -9223372036854775808.0 &&
		    d < 9223372036854775808.0) {
			*out = (long long)d;
			return 0;
		}
	}
	return ERR_INVALID;
}

double jv_num(const struct jv *v, double def)
{
	if (v && json_is_number(J(v)))
		return json_number_value(J(v));
	return def;
}

int jv_bool(const struct jv *v, int def)
{
	if (v && json_is_boolean(J(v)))
		return json_is_true(J(v));
	return def;
}

const char *jv_iter(const struct jv *obj, void **it, struct jv **val)
{
	void *i;

	*val = NULL;
	if (!obj || !json_is_object(J(obj)))
		return NULL;
	i = *it ? json_object_iter_next(J(obj), *it) : json_object_iter(J(obj));
	*it = i;
	if (!i)
		return NULL;
	*val = V(json_object_iter_value(i));
	return json_object_iter_key(i);
}

struct jv *jv_new_obj(void) { return V(json_object()); }
struct jv *jv_new_arr(void) { return V(json_array()); }
struct jv *jv_new_int(long long n) { return V(json_integer(n)); }
struct jv *jv_new_real(double d) { return V(json_real(d)); }
struct jv *jv_new_bool(int b) { return V(json_boolean(b)); }
struct jv *jv_new_null(void) { return V(json_null()); }

struct jv *jv_new_str(const char *s)
{
	if (!s)
		return V(json_null());
	return jv_new_strn(s, strlen(s));
}

struct jv *jv_new_strn(const char *s, size_t n)
{
	json_t *j = json_stringn(s, n);

	/* Never lose text: invalid UTF-8 is stored with U+FFFD instead. */
	return j ? V(j) : jv_new_str_lossy(s, n);
}

/* Length of the valid UTF-8 sequence at s (no NUL, no surrogates, no
 * overlongs), or 0 when it is invalid. */
static size_t jv_utf8_len(const unsigned char *s, size_t left)
{
	size_t n, i;
	unsigned c = s[0], cp;

	if (c >= 0x01 && c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* The end of the run of valid UTF-8 starting at i (ASCII a byte at a time
 * without a call; NUL counts as invalid). */
static size_t jv_utf8_run(const unsigned char *u, size_t i, size_t n)
{
	size_t k;

	while (i < n) {
		if (u[i] - 1u < 0x7fu) {
			i++;
			continue;
		}
		if (!(k = jv_utf8_len(u + i, n - i)))
			break;
		i += k;
	}
	return i;
}

struct jv *jv_new_str_lossy(const char *s, size_t n)
{
	struct buf b = BUF_INIT((size_t)-1 / 4);
	const unsigned char *u = (const unsigned char *)s;
	size_t i, run;
	json_t *j = NULL;

	if (!s)
		return V(json_string(""));
	/* Nearly every string is valid already: find the first bad byte and
	 * hand the rest to jansson unchecked when there is none. */
	i = jv_utf8_run(u, 0, n);
	if (i == n)
		return V(json_stringn_nocheck(s, n));
	buf_add(&b, u, i);
	while (i < n) {
		buf_add(&b, "\xef\xbf\xbd", 3); /* U+FFFD for the bad byte at i */
		run = ++i;
		i = jv_utf8_run(u, i, n);
		buf_add(&b, u + run, i - run);
	}
	if (!buf_failed(&b))
		j = json_stringn_nocheck(buf_cstr(&b), b.len);
	buf_release(&b);
	return V(j);
}

int jv_set(struct jv *obj, const char *key, struct jv *val)
{
	if (!obj || !key || !val || json_object_set_new(J(obj), key, J(val))) {
		if (obj && key && val)
			return err_set("cannot set JSON key '%s'", key);
		json_decref(J(val));
		return err_set("cannot set JSON key");
	}
	return 0;
}

int jv_push(struct jv *arr, struct jv *val)
{
	if (!arr || !val) {
		json_decref(J(val));
		return err_set("cannot append to JSON array");
	}
	if (json_array_append_new(J(arr), J(val)))
		return err_set("cannot append to JSON array");
	return 0;
}

int jv_set_str(struct jv *obj, const char *key, const char *s)
{
	return jv_set(obj, key, jv_new_str(s));
}

int jv_set_int(struct jv *obj, const char *key, long long n)
{
	return jv_set(obj, key, jv_new_int(n));
}

int jv_set_bool(struct jv *obj, const char *key, int b)
{
	return jv_set(obj, key, jv_new_bool(b));
}

int jv_del(struct jv *obj, const char *key)
{
	if (!obj || !key || json_object_del(J(obj), key))
		return ERR_NOTFOUND;
	return 0;
}

int jv_dump(struct buf *out, const struct jv *v, int flags)
{
	if (!v)
		return err_set("no JSON value to write");
	jv_write(out, J(v), flags & JV_PRETTY, flags & JV_ASCII);
	if (buf_failed(out))
		return err_setc(buf_failed(out) == BUF_ETOOBIG ? ERR_TOOBIG : ERR_FAIL,
				"cannot write JSON (%s)",
				buf_failed(out) == BUF_ETOOBIG ? "over the size limit"
							       : "out of memory");
	return 0;
}
