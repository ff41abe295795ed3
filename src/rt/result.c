/* result.c - the phase result object: fill, convert to JSON and text. */
#include "rt/result.h"
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rt_result_init(struct rt_result *r, const char *phase)
{
	memset(r, 0, sizeof(*r));
	r->phase = phase;
}

void rt_result_release(struct rt_result *r)
{
	free(r->word);
	free(r->message);
	jv_free(r->outputs);
	jv_free(r->data);
	jv_free(r->diff);
	rt_result_init(r, r->phase);
}

static int rt_result_put(char **slot, const char *s)
{
	char *c = NULL;

	if (s && !(c = strdup(s)))
		return err_set("out of memory");
	free(*slot);
	*slot = c;
	return 0;
}

int rt_result_set(struct rt_result *r, enum rt_verdict v, const char *word,
		  const char *fmt, ...)
{
	char msg[4096];
	va_list ap;

	r->verdict = v;
	if (rt_result_put(&r->word, word))
		return ERR_FAIL;
	if (!fmt)
		return rt_result_put(&r->message, NULL);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return rt_result_put(&r->message, msg);
}

void rt_result_error(struct rt_result *r, int code, const char *msg)
{
	r->error = code ? code : ERR_FAIL;
	if (rt_result_put(&r->message, msg && *msg ? msg : "failed"))
		r->message = NULL;
}

void rt_result_changed(struct rt_result *r, int changed)
{
	r->changed = !!changed;
}

int rt_result_output(struct rt_result *r, const char *name, const char *value)
{
	if (!r->outputs && !(r->outputs = jv_new_obj()))
		return err_set("out of memory");
	return jv_set(r->outputs, name, jv_new_str_lossy(value, value ? strlen(value) : 0));
}

int rt_result_data(struct rt_result *r, const char *key, struct jv *val)
{
	if (!r->data && !(r->data = jv_new_obj())) {
		jv_free(val);
		return err_set("out of memory");
	}
	return jv_set(r->data, key, val);
}

int rt_result_diff(struct rt_result *r, const char *before, const char *after)
{
	struct jv *d = jv_new_obj();

	if (!d)
		return err_set("out of memory");
	if ((before && jv_set(d, "before", jv_new_str_lossy(before, strlen(before)))) ||
	    (after && jv_set(d, "after", jv_new_str_lossy(after, strlen(after))))) {
		jv_free(d);
		return ERR_FAIL;
	}
	jv_free(r->diff);
	r->diff = d;
	return 0;
}

int rt_result_exit_code(const struct rt_result *r)
{
	if (r->error)
		return err_exit_code(r->error);
	return r->verdict == RT_FAIL ? 1 : 0;
}

const char *rt_result_word(const struct rt_result *r)
{
	if (r->error)
		return "error";
	if (r->word)
		return r->word;
	return r->verdict == RT_FAIL ? "fail" : r->verdict == RT_PASS ? "pass" : "done";
}

struct jv *rt_result_json(const struct rt_result *r)
{
	struct jv *o = jv_new_obj();
	int rc = 0;

	if (!o)
		return NULL;
	rc |= jv_set_str(o, "phase", r->phase);
	rc |= jv_set_str(o, "verdict", rt_result_word(r));
	rc |= jv_set_bool(o, "ok", !r->error && r->verdict != RT_FAIL);
	rc |= jv_set_bool(o, "changed", r->changed);
	rc |= jv_set_int(o, "exit_code", rt_result_exit_code(r));
	rc |= jv_set(o, "message", r->message ? jv_new_str_lossy(r->message, strlen(r->message))
					      : jv_new_null());
	if (r->error)
		rc |= jv_set_str(o, "error", r->message ? r->message : "failed");
	rc |= jv_set(o, "outputs", r->outputs ? jv_ref(r->outputs) : jv_new_obj());
	rc |= jv_set(o, "data", r->data ? jv_ref(r->data) : jv_new_obj());
	if (rc) {
		jv_free(o);
		return NULL;
	}
	return o;
}

static const char *rt_result_colour(const struct rt_result *r)
{
	if (r->error || r->verdict == RT_FAIL)
		return "\033[1;31m";
	return r->verdict == RT_PASS ? "\033[1;32m" : "\033[1m";
}

int rt_result_text(const struct rt_result *r, struct buf *out, int color)
{
	struct jv *v;
	void *it = NULL;
	const char *k;

	if (color)
		buf_printf(out, "%s: %s%s\033[0m", r->phase, rt_result_colour(r),
			   rt_result_word(r));
	else
		buf_printf(out, "%s: %s", r->phase, rt_result_word(r));
	if (r->changed)
		buf_puts(out, " (changed)");
	if (r->message)
		buf_printf(out, ": %s", r->message);
	buf_putc(out, '\n');
	while ((k = jv_iter(r->outputs, &it, &v)))
		buf_printf(out, "  %s: %s\n", k, jv_str(v) ? jv_str(v) : "");
	return buf_failed(out) ? err_setc(ERR_TOOBIG, "result text too long") : 0;
}
