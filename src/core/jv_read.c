/* jv_read.c - a fast, strict JSON reader that builds jansson values directly. */
#include "jv_read.h"
#include "err.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/*
 * jansson's own parser pulls one byte at a time through a callback and
 * validates UTF-8 per character; on large scanner reports it was most of
 * ship's run time. This reader scans runs of plain bytes at once and
 * builds the same jansson values with the *_nocheck constructors, having
 * done the checks itself: RFC 8259 grammar, valid UTF-8 (no overlongs or
 * surrogates), escapes incl. surrogate pairs, no \u0000, no duplicate
 * keys, integers that fit in 64 bits, finite reals, and a depth limit.
 */
#define JR_MAX_DEPTH 2048
#define JR_MAX_NUMBER 512

struct jr {
	const char *start, *p, *end;
	const char *name;
	int depth;
	char *tmp;        /* scratch for unescaped strings */
	size_t tmpcap;
};

static int jr_fail(struct jr *r, const char *at, const char *what)
{
	size_t line, col;

	err_position(r->start, (size_t)(at - r->start), &line, &col);
	return err_setc(ERR_INVALID, "%s: line %zu, column %zu: %s", r->name, line, col, what);
}

static void jr_ws(struct jr *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
		r->p++;
}

/* Length of the valid UTF-8 sequence at s (lead byte >= 0x80), or 0. */
static size_t jr_utf8(const unsigned char *s, const unsigned char *end)
{
	size_t n = (size_t)(end - s);

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0))
			return 0; /* overlong, or a UTF-16 surrogate */
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		if ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
			return 0; /* overlong, or past U+10FFFF */
		return 4;
	}
	return 0;
}

static int jr_tmp_reserve(struct jr *r, size_t need)
{
	char *t;
	size_t cap = r->tmpcap ? r->tmpcap : 256;

	if (need <= r->tmpcap)
		return 0;
	while (cap < need)
		cap *= 2;
	if (!(t = realloc(r->tmp, cap)))
		return err_set("%s: out of memory", r->name);
	r->tmp = t;
	r->tmpcap = cap;
	return 0;
}

static int jr_hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
		else return -1;
	}
	*out = v;
	return 0;
}

static size_t jr_put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) { o[0] = (char)cp; return 1; }
	if (cp < 0x800) { o[0] = (char)(0xc0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3f)); return 2; }
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f)); return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* One escape at r->p (just after the backslash); appends to r->tmp. */
static int jr_escape(struct jr *r, size_t *o)
{
	const char *at = r->p - 1;
	unsigned cp, lo;
	char c;

	if (r->p >= r->end)
		return jr_fail(r, at, "premature end of input in a string");
	c = *r->p++;
	switch (c) {
	case '"': case '\\': case '/': r->tmp[(*o)++] = c; return 0;
	case 'b': r->tmp[(*o)++] = '\b'; return 0;
	case 'f': r->tmp[(*o)++] = '\f'; return 0;
	case 'n': r->tmp[(*o)++] = '\n'; return 0;
	case 'r': r->tmp[(*o)++] = '\r'; return 0;
	case 't': r->tmp[(*o)++] = '\t'; return 0;
	case 'u': break;
	default: return jr_fail(r, at, "invalid escape");
	}
	if (r->end - r->p < 4 || jr_hex4(r->p, &cp))
		return jr_fail(r, at, "invalid \\u escape");
	r->p += 4;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return jr_fail(r, at, "invalid Unicode: lone low surrogate");
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' ||
		    jr_hex4(r->p + 2, &lo) || lo < 0xdc00 || lo > 0xdfff)
			return jr_fail(r, at, "invalid Unicode: unpaired high surrogate");
		r->p += 6;
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return jr_fail(r, at, "\\u0000 is not allowed");
	*o += jr_put_utf8(r->tmp + *o, cp);
	return 0;
}

/*
 * A string at r->p (on the opening quote). On success *s and *n hold its
 * bytes: pointing into the input when it has no escapes, else into
 * r->tmp (valid until the next string).
 */
static int jr_string(struct jr *r, const char **s, size_t *n)
{
	const char *begin = ++r->p;
	size_t o = 0;
	int escaped = 0;

	for (;;) {
		const char *q = r->p;
		/* The fast path: a run of plain ASCII. */
		while (q < r->end && (unsigned char)*q >= 0x20 && *q != '"' && *q != '\\' &&
		       (unsigned char)*q < 0x80)
			q++;
		if (escaped) {
			if (jr_tmp_reserve(r, o + (size_t)(q - r->p) + 8))
				return ERR_FAIL;
			memcpy(r->tmp + o, r->p, (size_t)(q - r->p));
			o += (size_t)(q - r->p);
		}
		r->p = q;
		if (q >= r->end)
			return jr_fail(r, begin - 1, "premature end of input in a string");
		if (*q == '"')
			break;
		if ((unsigned char)*q < 0x20)
			return jr_fail(r, q, "control character in a string");
		if (*q == '\\') {
			if (!escaped) {
				if (jr_tmp_reserve(r, (size_t)(q - begin) + 8))
					return ERR_FAIL;
				memcpy(r->tmp, begin, (size_t)(q - begin));
				o = (size_t)(q - begin);
				escaped = 1;
			}
			r->p++;
			if (jr_escape(r, &o))
				return ERR_FAIL;
			continue;
		}
		/* A multi-byte UTF-8 sequence. */
		{
			size_t k = jr_utf8((const unsigned char *)q, (const unsigned char *)r->end);
			if (!k)
				return jr_fail(r, q, "invalid UTF-8 in a string");
			if (escaped) {
				memcpy(r->tmp + o, q, k);
				o += k;
			}
			r->p = q + k;
		}
	}
	*s = escaped ? r->tmp : begin;
	*n = escaped ? o : (size_t)(r->p - begin);
	r->p++; /* the closing quote */
	return 0;
}

static json_t *jr_number(struct jr *r)
{
	const char *b = r->p, *q = r->p;
	char num[JR_MAX_NUMBER];
	int real = 0;
	size_t len;

	if (q < r->end && *q == '-')
		q++;
	if (q < r->end && *q == '0')
		q++;
	else if (q < r->end && *q >= '1' && *q <= '9')
		while (q < r->end && *q >= '0' && *q <= '9') q++;
	else
		return jr_fail(r, b, "invalid number"), NULL;
	if (q < r->end && *q == '.') {
		real = 1;
		if (++q >= r->end || *q < '0' || *q > '9')
			return jr_fail(r, b, "invalid number"), NULL;
		while (q < r->end && *q >= '0' && *q <= '9') q++;
	}
	if (q < r->end && (*q == 'e' || *q == 'E')) {
		real = 1;
		if (++q < r->end && (*q == '+' || *q == '-'))
			q++;
		if (q >= r->end || *q < '0' || *q > '9')
			return jr_fail(r, b, "invalid number"), NULL;
		while (q < r->end && *q >= '0' && *q <= '9') q++;
	}
	len = (size_t)(q - b);
	if (len >= sizeof(num))
		return jr_fail(r, b, "number too long"), NULL;
	memcpy(num, b, len);
	num[len] = '\0';
	r->p = q;
	errno = 0;
	if (!real) {
		long long v = strtoll(num, NULL, 10);
		if (errno == ERANGE)
			return jr_fail(r, b, "too big integer"), NULL;
		return json_integer(v);
	}
	{
		double d = strtod(num, NULL);
		if (errno == ERANGE && (d > 1.0 || d < -1.0))
			return jr_fail(r, b, "real number overflow"), NULL;
		return json_real(d);
	}
}

static json_t *jr_value(struct jr *r);

static json_t *jr_object(struct jr *r)
{
	json_t *o = json_object(), *v;
	const char *k, *at;
	char *key;
	size_t n;

	r->p++;
	jr_ws(r);
	if (r->p < r->end && *r->p == '}') {
		r->p++;
		return o;
	}
	for (;;) {
		jr_ws(r);
		at = r->p;
		if (r->p >= r->end || *r->p != '"')
			goto bad_key;
		if (jr_string(r, &k, &n))
			goto fail;
		/* jansson hashes keys by length, so no copy is needed; the
		 * key lives in r->tmp or the input until the set below. */
		if (json_object_getn(o, k, n)) {
			jr_fail(r, at, "duplicate object key");
			goto fail;
		}
		if (k == r->tmp) { /* the value may reuse r->tmp: keep the key */
			if (!(key = strndup(k, n)))
				goto oom;
			k = key;
		} else {
			key = NULL;
		}
		jr_ws(r);
		if (r->p >= r->end || *r->p != ':') {
			free(key);
			jr_fail(r, r->p < r->end ? r->p : r->end, "':' expected");
			goto fail;
		}
		r->p++;
		if (!(v = jr_value(r))) {
			free(key);
			goto fail;
		}
		if (json_object_setn_new_nocheck(o, k, n, v)) {
			free(key);
			goto oom;
		}
		free(key);
		jr_ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '}') {
			r->p++;
			return o;
		}
		jr_fail(r, r->p < r->end ? r->p : r->end, "'}' or ',' expected");
		goto fail;
	}
bad_key:
	jr_fail(r, at, "string or '}' expected");
	goto fail;
oom:
	err_set("%s: out of memory", r->name);
fail:
	json_decref(o);
	return NULL;
}

static json_t *jr_array(struct jr *r)
{
	json_t *a = json_array(), *v;

	r->p++;
	jr_ws(r);
	if (r->p < r->end && *r->p == ']') {
		r->p++;
		return a;
	}
	for (;;) {
		if (!(v = jr_value(r)))
			goto fail;
		if (json_array_append_new(a, v)) {
			err_set("%s: out of memory", r->name);
			goto fail;
		}
		jr_ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == ']') {
			r->p++;
			return a;
		}
		jr_fail(r, r->p < r->end ? r->p : r->end, "']' or ',' expected");
		goto fail;
	}
fail:
	json_decref(a);
	return NULL;
}

static json_t *jr_literal(struct jr *r, const char *word, json_t *v)
{
	size_t n = strlen(word);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n))
		return jr_fail(r, r->p, "invalid token"), NULL;
	r->p += n;
	return v;
}

static json_t *jr_value(struct jr *r)
{
	json_t *v;
	const char *s;
	size_t n;

	jr_ws(r);
	if (r->p >= r->end)
		return jr_fail(r, r->end, "premature end of input"), NULL;
	switch (*r->p) {
	case '{':
	case '[':
		if (++r->depth > JR_MAX_DEPTH)
			return jr_fail(r, r->p, "maximum parsing depth reached"), NULL;
		v = *r->p == '{' ? jr_object(r) : jr_array(r);
		r->depth--;
		return v;
	case '"':
		if (jr_string(r, &s, &n))
			return NULL;
		if (!(v = json_stringn_nocheck(s, n)))
			err_set("%s: out of memory", r->name);
		return v;
	case 't': return jr_literal(r, "true", json_true());
	case 'f': return jr_literal(r, "false", json_false());
	case 'n': return jr_literal(r, "null", json_null());
	default:
		if (*r->p == '-' || (*r->p >= '0' && *r->p <= '9'))
			return jr_number(r);
		return jr_fail(r, r->p, "invalid token"), NULL;
	}
}

int jv_read(json_t **out, const char *data, size_t len, const char *name)
{
	struct jr r = { data, data, data + len, name, 0, NULL, 0 };
	json_t *v;

	*out = NULL;
	v = jr_value(&r);
	if (v) {
		jr_ws(&r);
		if (r.p != r.end) {
			jr_fail(&r, r.p, "end of file expected");
			json_decref(v);
			v = NULL;
		}
	}
	free(r.tmp);
	if (!v)
		return err_code();
	*out = v;
	return 0;
}
