/* pj.c - typed field access for the report parsers. */
#include "pj.h"
#include "../core/err.h"
#include "../core/jv.h"

#include <stdlib.h>

const char *pj_type_name(const struct jv *v)
{
	switch (jv_type(v)) {
	case JV_NULL: return "null";
	case JV_BOOL: return "a boolean";
	case JV_INT: case JV_REAL: return "a number";
	case JV_STR: return "a string";
	case JV_ARR: return "an array";
	case JV_OBJ: return "an object";
	default: return "nothing";
	}
}

static int get(const struct jv *obj, const char *key, enum jv_type want,
	       struct jv **out, const char *file, const char *at)
{
	struct jv *v = jv_get(obj, key);
	static const char *const names[] = {
		[JV_STR] = "a string", [JV_ARR] = "an array", [JV_OBJ] = "an object",
	};

	*out = NULL;
	if (!v || jv_type(v) == JV_NULL)
		return 0;
	if (jv_type(v) != want)
		return err_setc(ERR_INVALID, "%s: %s%s%s: expected %s (got %s)",
				file, at, *at ? "." : "", key, names[want],
				pj_type_name(v));
	*out = v;
	return 0;
}

int pj_str(const struct jv *obj, const char *key, const char **out,
	   const char *file, const char *at)
{
	struct jv *v;
	int rc = get(obj, key, JV_STR, &v, file, at);

	*out = rc < 0 ? NULL : jv_str(v);
	return rc;
}

int pj_arr(const struct jv *obj, const char *key, struct jv **out,
	   const char *file, const char *at)
{
	return get(obj, key, JV_ARR, out, file, at);
}

int pj_obj(const struct jv *obj, const char *key, struct jv **out,
	   const char *file, const char *at)
{
	return get(obj, key, JV_OBJ, out, file, at);
}

int pj_num(const struct jv *obj, const char *key, double *out,
	   const char *file, const char *at)
{
	struct jv *v = jv_get(obj, key);
	char *end;

	*out = -1;
	if (!v || jv_type(v) == JV_NULL)
		return 0;
	if (jv_type(v) == JV_INT || jv_type(v) == JV_REAL) {
		*out = jv_num(v, -1);
		return 0;
	}
	if (jv_type(v) == JV_STR) {
		if (!*jv_str(v))
			return 0;
		*out = strtod(jv_str(v), &end);
		if (!*end && *out >= 0 && *out <= 10)
			return 0;
	}
	*out = -1;
	return err_setc(ERR_INVALID, "%s: %s%s%s: expected a score from 0 to 10 (got %s)",
			file, at, *at ? "." : "", key, pj_type_name(v));
}

int pj_set(char **dst, const struct jv *obj, const char *key,
	   const char *file, const char *at)
{
	const char *s;
	int rc = pj_str(obj, key, &s, file, at);

	if (rc < 0 || !s || !*s)
		return rc;
	return finding_set(dst, s);
}

int pj_strs(struct strv *l, const struct jv *obj, const char *key,
	    const char *file, const char *at)
{
	struct jv *a;
	size_t i;
	int rc = pj_arr(obj, key, &a, file, at);

	for (i = 0; rc == 0 && i < jv_len(a); i++) {
		struct jv *s = jv_at(a, i);

		if (jv_type(s) != JV_STR)
			return err_setc(ERR_INVALID, "%s: %s%s%s[%zu]: expected a string (got %s)",
					file, at, *at ? "." : "", key, i, pj_type_name(s));
		rc = strv_add_uniq(l, jv_str(s));
	}
	return rc;
}

void pj_finish(struct finding *f)
{
	finding_fill_from_cvss(f);
	if (f->fixed.n)
		f->fixable = 1;
}
