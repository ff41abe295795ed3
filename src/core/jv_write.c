/* jv_write.c - serialise jansson values into a capped buffer, fast. */
#include "jv_write.h"

#include <stdio.h>
#include <string.h>

/*
 * jansson's dumper validates UTF-8 character by character and calls back
 * once per token; writing the state of a large scan spent a quarter of
 * the run there. This writer appends plain runs of a string at once. The
 * output is the same as jansson's JSON_COMPACT / JSON_INDENT(2) output
 * (keys in insertion order, reals as %.17g with ".0" added to
 * integral values, \uXXXX in upper case), so files do not change shape.
 * Strings inside jansson values are valid UTF-8 already (the reader and
 * the constructors check), so no re-validation is needed.
 */
static const char jw_hex[] = "0123456789ABCDEF";

static void jw_u16(struct buf *b, unsigned v)
{
	char e[6] = { '\\', 'u', jw_hex[(v >> 12) & 15], jw_hex[(v >> 8) & 15],
		      jw_hex[(v >> 4) & 15], jw_hex[v & 15] };

	buf_add(b, e, sizeof(e));
}

/* Non-ASCII as \u escapes (JV_ASCII); s points at a valid sequence. */
static size_t jw_ascii_escape(struct buf *b, const unsigned char *s)
{
	unsigned cp;
	size_t n;

	if (s[0] < 0xe0) { cp = (s[0] & 0x1fu) << 6 | (s[1] & 0x3fu); n = 2; }
	else if (s[0] < 0xf0) { cp = (s[0] & 0x0fu) << 12 | (s[1] & 0x3fu) << 6 | (s[2] & 0x3fu); n = 3; }
	else { cp = (s[0] & 0x07u) << 18 | (s[1] & 0x3fu) << 12 | (s[2] & 0x3fu) << 6 | (s[3] & 0x3fu); n = 4; }
	if (cp >= 0x10000) {
		cp -= 0x10000;
		jw_u16(b, 0xd800 | (cp >> 10));
		jw_u16(b, 0xdc00 | (cp & 0x3ff));
	} else {
		jw_u16(b, cp);
	}
	return n;
}

static void jw_string(struct buf *b, const char *str, size_t len, int ascii)
{
	const unsigned char *s = (const unsigned char *)str, *end = s + len, *run;

	buf_putc(b, '"');
	while (s < end) {
		run = s;
		while (s < end && *s >= 0x20 && *s != '"' && *s != '\\' && (!ascii || *s < 0x80))
			s++;
		buf_add(b, run, (size_t)(s - run));
		if (s >= end)
			break;
		switch (*s) {
		case '"': buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\b': buf_add(b, "\\b", 2); break;
		case '\f': buf_add(b, "\\f", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		default:
			if (*s >= 0x80) {
				s += jw_ascii_escape(b, s);
				continue;
			}
			jw_u16(b, *s);
		}
		s++;
	}
	buf_putc(b, '"');
}

static void jw_real(struct buf *b, double d)
{
	char num[64], *e, *digits, *q;
	int n = snprintf(num, sizeof(num), "%.17g", d);

	/* As jansson: no '+' and no leading zeros in the exponent ... */
	if ((e = strchr(num, 'e'))) {
		digits = e + 1 + (e[1] == '-');
		q = digits;
		while (*q == '+' || (*q == '0' && q[1]))
			q++;
		memmove(digits, q, strlen(q) + 1);
		n = (int)strlen(num);
	}
	buf_add(b, num, (size_t)n);
	/* ... and a fraction or exponent always, so it reads back as a real. */
	if (!strpbrk(num, ".e"))
		buf_add(b, ".0", 2);
}

static void jw_indent(struct buf *b, int pretty, int depth)
{
	static const char spaces[] = "                                ";
	int n = depth * 2;

	if (!pretty)
		return;
	buf_putc(b, '\n');
	while (n > 0) {
		int k = n > (int)sizeof(spaces) - 1 ? (int)sizeof(spaces) - 1 : n;
		buf_add(b, spaces, (size_t)k);
		n -= k;
	}
}

static void jw_value(struct buf *b, const json_t *v, int pretty, int ascii, int depth);

static void jw_object(struct buf *b, const json_t *v, int pretty, int ascii, int depth)
{
	void *it = json_object_iter((json_t *)v);
	int first = 1;

	if (!it) {
		buf_add(b, "{}", 2);
		return;
	}
	buf_putc(b, '{');
	for (; it; it = json_object_iter_next((json_t *)v, it)) {
		const char *k = json_object_iter_key(it);
		if (!first)
			buf_putc(b, ',');
		first = 0;
		jw_indent(b, pretty, depth + 1);
		jw_string(b, k, json_object_iter_key_len(it), ascii);
		buf_add(b, pretty ? ": " : ":", pretty ? 2 : 1);
		jw_value(b, json_object_iter_value(it), pretty, ascii, depth + 1);
	}
	jw_indent(b, pretty, depth);
	buf_putc(b, '}');
}

static void jw_array(struct buf *b, const json_t *v, int pretty, int ascii, int depth)
{
	size_t i, n = json_array_size(v);

	if (!n) {
		buf_add(b, "[]", 2);
		return;
	}
	buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		jw_indent(b, pretty, depth + 1);
		jw_value(b, json_array_get(v, i), pretty, ascii, depth + 1);
	}
	jw_indent(b, pretty, depth);
	buf_putc(b, ']');
}

static void jw_value(struct buf *b, const json_t *v, int pretty, int ascii, int depth)
{
	char num[32];

	switch (json_typeof(v)) {
	case JSON_OBJECT: jw_object(b, v, pretty, ascii, depth); break;
	case JSON_ARRAY: jw_array(b, v, pretty, ascii, depth); break;
	case JSON_STRING: jw_string(b, json_string_value(v), json_string_length(v), ascii); break;
	case JSON_INTEGER:
		buf_add(b, num, (size_t)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT,
						 json_integer_value(v)));
		break;
	case JSON_REAL: jw_real(b, json_real_value(v)); break;
	case JSON_TRUE: buf_add(b, "true", 4); break;
	case JSON_FALSE: buf_add(b, "false", 5); break;
	default: buf_add(b, "null", 4); break;
	}
}

void jv_write(struct buf *out, const json_t *v, int pretty, int ascii)
{
	jw_value(out, v, pretty, ascii, 0);
}
