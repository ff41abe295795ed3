/* kube_obj.c - read helpers for Kubernetes object JSON (conditions, labels, times). */
#include "svc/kube_obj.h"
#include "core/err.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

struct jv *kube_path(const struct jv *obj, const char *path)
{
	char key[128];
	const char *p = path, *dot;
	struct jv *v = (struct jv *)obj;
	size_t n;

	while (v && *p) {
		dot = strchr(p, '.');
		n = dot ? (size_t)(dot - p) : strlen(p);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = 0;
		v = jv_get(v, key);
		p += n + (dot ? 1 : 0);
	}
	return v;
}

long long kube_int(const struct jv *obj, const char *path, long long def)
{
	long long n;

	if (jv_int(kube_path(obj, path), &n) < 0)
		return def;
	return n;
}

int kube_has(const struct jv *obj, const char *path)
{
	enum jv_type t = jv_type(kube_path(obj, path));

	return t != JV_NONE && t != JV_NULL;
}

const char *kube_str(const struct jv *obj, const char *path)
{
	return jv_str(kube_path(obj, path));
}

struct jv *kube_cond(const struct jv *obj, const char *type)
{
	struct jv *conds = kube_path(obj, "status.conditions"), *c;
	const char *t;
	size_t i;

	for (i = 0; i < jv_len(conds); i++) {
		c = jv_at(conds, i);
		t = jv_get_str(c, "type");
		if (t && !strcmp(t, type))
			return c;
	}
	return NULL;
}

int kube_cond_is(const struct jv *obj, const char *type, const char *status)
{
	const char *s = jv_get_str(kube_cond(obj, type), "status");

	return s && !strcmp(s, status);
}

const char *kube_cond_reason(const struct jv *obj, const char *type)
{
	const char *s = jv_get_str(kube_cond(obj, type), "reason");

	return s ? s : "";
}

const char *kube_cond_message(const struct jv *obj, const char *type)
{
	const char *s = jv_get_str(kube_cond(obj, type), "message");

	return s ? s : "";
}

const char *kube_label(const struct jv *obj, const char *key)
{
	return jv_get_str(kube_path(obj, "metadata.labels"), key);
}

const char *kube_annotation(const struct jv *obj, const char *key)
{
	return jv_get_str(kube_path(obj, "metadata.annotations"), key);
}

void kube_ref(const struct jv *obj, char *out, size_t n)
{
	const char *kind = jv_get_str(obj, "kind");
	const char *name = kube_str(obj, "metadata.name");

	snprintf(out, n, "%s/%s", kind ? kind : "?", name ? name : "?");
}

/* Reads exactly `w` digits. */
static int digits(const char **p, int w, int *out)
{
	int v = 0;

	while (w-- > 0) {
		if (**p < '0' || **p > '9')
			return -1;
		v = v * 10 + (*(*p)++ - '0');
	}
	*out = v;
	return 0;
}

static int expect(const char **p, const char *set)
{
	if (!**p || !strchr(set, **p))
		return -1;
	++*p;
	return 0;
}

/* Fractional seconds ".123456789" (up to 9 digits kept) as nanoseconds. */
static long long frac_ns(const char **p)
{
	long long ns = 0, scale = 100000000;

	if (**p != '.')
		return 0;
	++*p;
	while (**p >= '0' && **p <= '9') {
		ns += (**p - '0') * scale;
		scale /= 10;
		++*p;
	}
	return ns;
}

int kube_time(const char *s, long long *ns)
{
	struct tm tm;
	const char *p = s;
	int y, mo, d, h, mi, se, oh = 0, om = 0, sign = 0;
	long long frac;
	time_t t;

	if (!s)
		return err_setc(ERR_INVALID, "time: missing");
	if (digits(&p, 4, &y) || expect(&p, "-") || digits(&p, 2, &mo) ||
	    expect(&p, "-") || digits(&p, 2, &d) || expect(&p, "Tt ") ||
	    digits(&p, 2, &h) || expect(&p, ":") || digits(&p, 2, &mi) ||
	    expect(&p, ":") || digits(&p, 2, &se))
		goto bad;
	frac = frac_ns(&p);
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p++ == '-' ? -1 : 1;
		if (digits(&p, 2, &oh) || expect(&p, ":") || digits(&p, 2, &om))
			goto bad;
	} else {
		goto bad;
	}
	if (*p || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		goto bad;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	t = timegm(&tm);
	t -= sign * (oh * 3600 + om * 60);
	*ns = (long long)t * KUBE_NS_PER_SEC + frac;
	return 0;
bad:
	return err_setc(ERR_INVALID, "time: \"%.40s\" is not an RFC 3339 time", s);
}

long long kube_time_at(const struct jv *obj, const char *path, long long def)
{
	long long ns;

	if (kube_time(kube_str(obj, path), &ns) < 0)
		return def;
	return ns;
}
