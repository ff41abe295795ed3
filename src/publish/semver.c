/* semver.c - Semantic Versioning 2.0.0: parse, precedence, format, bump. */
#include "semver.h"
#include "../core/err.h"

#include <stdio.h>
#include <string.h>

/* Versions longer than this are refused before looking at them. */
#define SEMVER_MAX_INPUT 512

static int is_ident_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '-';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The input as printable text for messages (non-printables as '?'). */
static void show(char out[72], const char *s, size_t len)
{
	size_t i, n = len > 64 ? 64 : len;

	for (i = 0; i < n; i++)
		out[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (len > n) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

static int fail(const char *s, size_t len, size_t pos, const char *why)
{
	char txt[72];

	show(txt, s, len);
	return err_setc(ERR_INVALID, "version \"%s\": column %zu: %s", txt,
			pos + 1, why);
}

/* A numeric core part at s[*pos]; advances *pos. */
static int parse_num(unsigned long long *out, const char *s, size_t len,
		     size_t *pos)
{
	size_t start = *pos, i = *pos;
	unsigned long long n = 0;

	if (i >= len || !is_digit(s[i]))
		return fail(s, len, i, "expected a number");
	if (s[i] == '0' && i + 1 < len && is_digit(s[i + 1]))
		return fail(s, len, i, "leading zero in a number");
	for (; i < len && is_digit(s[i]); i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (n > (~0ULL - d) / 10)
			return fail(s, len, start, "number too large");
		n = n * 10 + d;
	}
	*out = n;
	*pos = i;
	return 0;
}

/*
 * Checks dot-separated identifiers in s[start..end); `numeric_rule` says
 * whether numeric identifiers may not have leading zeros (pre-release).
 */
static int check_idents(const char *s, size_t len, size_t start, size_t end,
			int numeric_rule)
{
	size_t i = start, id;

	for (;;) {
		int all_digits = 1;

		id = i;
		for (; i < end && s[i] != '.'; i++) {
			if (!is_ident_char(s[i]))
				return fail(s, len, i, "invalid character in an identifier");
			all_digits &= is_digit(s[i]);
		}
		if (i == id)
			return fail(s, len, i, "empty identifier");
		if (numeric_rule && all_digits && s[id] == '0' && i - id > 1)
			return fail(s, len, id, "leading zero in a numeric identifier");
		if (i == end)
			return 0;
		i++; /* the dot */
	}
}

/* Copies an identifier section into dst (cap SEMVER_MAX_EXTRA). */
static int take_extra(char *dst, const char *s, size_t len, size_t start,
		      size_t end, int numeric_rule)
{
	int rc = check_idents(s, len, start, end, numeric_rule);

	if (rc)
		return rc;
	if (end - start > SEMVER_MAX_EXTRA)
		return fail(s, len, start, "pre-release or build part too long");
	memcpy(dst, s + start, end - start);
	dst[end - start] = '\0';
	return 0;
}

int semver_parse(struct semver *v, const char *s, size_t len)
{
	size_t pos = 0, end;
	int rc;

	memset(v, 0, sizeof(*v));
	if (len > SEMVER_MAX_INPUT)
		return err_setc(ERR_TOOBIG, "version: %zu bytes, over the cap of %d",
				len, SEMVER_MAX_INPUT);
	if ((rc = parse_num(&v->major, s, len, &pos)))
		return rc;
	if (pos >= len || s[pos++] != '.')
		return fail(s, len, pos ? pos - 1 : 0, "expected '.' after the major number");
	if ((rc = parse_num(&v->minor, s, len, &pos)))
		return rc;
	if (pos >= len || s[pos++] != '.')
		return fail(s, len, pos ? pos - 1 : 0, "expected '.' after the minor number");
	if ((rc = parse_num(&v->patch, s, len, &pos)))
		return rc;
	if (pos < len && s[pos] == '-') {
		pos++;
		for (end = pos; end < len && s[end] != '+'; end++)
			;
		if ((rc = take_extra(v->pre, s, len, pos, end, 1)))
			return rc;
		pos = end;
	}
	if (pos < len && s[pos] == '+') {
		pos++;
		if ((rc = take_extra(v->build, s, len, pos, len, 0)))
			return rc;
		pos = len;
	}
	if (pos != len)
		return fail(s, len, pos, "unexpected character after the version");
	return 0;
}

int semver_parse_str(struct semver *v, const char *s)
{
	return semver_parse(v, s, strlen(s));
}

int semver_valid(const char *s, size_t len)
{
	struct semver v;

	return semver_parse(&v, s, len) == 0;
}

static int cmp_num(unsigned long long a, unsigned long long b)
{
	return a < b ? -1 : a > b;
}

/* Compares one pre-release identifier of each (lengths la, lb). */
static int cmp_ident(const char *a, size_t la, const char *b, size_t lb)
{
	size_t i;
	int na = 1, nb = 1, c;

	for (i = 0; i < la; i++)
		na &= is_digit(a[i]);
	for (i = 0; i < lb; i++)
		nb &= is_digit(b[i]);
	if (na && nb) /* no leading zeros, so length then text orders them */
		return la != lb ? (la < lb ? -1 : 1) : memcmp(a, b, la);
	if (na != nb)
		return na ? -1 : 1; /* numeric identifiers sort lower */
	c = memcmp(a, b, la < lb ? la : lb);
	return c ? c : (la < lb ? -1 : la > lb);
}

static int cmp_pre(const char *a, const char *b)
{
	if (!*a || !*b) /* a release sorts above its pre-releases */
		return (!*a && !*b) ? 0 : (!*a ? 1 : -1);
	for (;;) {
		size_t la = strcspn(a, "."), lb = strcspn(b, ".");
		int c = cmp_ident(a, la, b, lb);

		if (c)
			return c < 0 ? -1 : 1;
		a += la;
		b += lb;
		if (!*a || !*b)
			return (!*a && !*b) ? 0 : (!*a ? -1 : 1);
		a++;
		b++;
	}
}

int semver_cmp(const struct semver *a, const struct semver *b)
{
	int c;

	if ((c = cmp_num(a->major, b->major)) || (c = cmp_num(a->minor, b->minor)) ||
	    (c = cmp_num(a->patch, b->patch)))
		return c;
	return cmp_pre(a->pre, b->pre);
}

void semver_str(const struct semver *v, char out[SEMVER_MAX_TEXT])
{
	snprintf(out, SEMVER_MAX_TEXT, "%llu.%llu.%llu%s%s%s%s", v->major,
		 v->minor, v->patch, v->pre[0] ? "-" : "", v->pre,
		 v->build[0] ? "+" : "", v->build);
}

int semver_format(struct buf *out, const struct semver *v)
{
	char s[SEMVER_MAX_TEXT];

	semver_str(v, s);
	return buf_puts(out, s);
}

int semver_bump(struct semver *v, enum semver_part part)
{
	unsigned long long *n = part == SEMVER_MAJOR ? &v->major :
				part == SEMVER_MINOR ? &v->minor : &v->patch;

	if (*n == ~0ULL)
		return err_setc(ERR_INVALID, "version number would overflow");
	(*n)++;
	if (part == SEMVER_MAJOR)
		v->minor = 0;
	if (part != SEMVER_PATCH)
		v->patch = 0;
	v->pre[0] = v->build[0] = '\0';
	return 0;
}

int semver_set_pre(struct semver *v, const char *pre)
{
	size_t len = strlen(pre);
	int rc;

	if (!len) {
		v->pre[0] = '\0';
		return 0;
	}
	if (len > SEMVER_MAX_EXTRA)
		return err_setc(ERR_TOOBIG, "pre-release \"%.32s...\": longer than %d bytes",
				pre, SEMVER_MAX_EXTRA);
	if ((rc = check_idents(pre, len, 0, len, 1)))
		return err_wrap("pre-release");
	memcpy(v->pre, pre, len + 1);
	return 0;
}
