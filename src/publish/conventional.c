/* conventional.c - Conventional Commits 1.0.0 message parser. */
#include "conventional.h"
#include "../core/err.h"

#include <stdlib.h>
#include <string.h>

struct line {
	const char *p;
	size_t n; /* without the line end and trailing blanks */
};

struct cc_text {
	struct line *lines;
	size_t nlines;
};

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static char *dupn(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/* Splits msg into lines with trailing blanks and CR removed. */
static int split_lines(struct cc_text *t, const char *msg, size_t len)
{
	size_t i, start = 0, k = 0, count = 1;

	for (i = 0; i < len; i++)
		count += msg[i] == '\n';
	t->lines = calloc(count, sizeof(*t->lines));
	if (!t->lines)
		return err_set("out of memory");
	for (i = 0; i <= len; i++) {
		if (i < len && msg[i] != '\n')
			continue;
		t->lines[k].p = msg + start;
		t->lines[k].n = i - start;
		while (t->lines[k].n && (is_blank(msg[start + t->lines[k].n - 1]) ||
					 msg[start + t->lines[k].n - 1] == '\r'))
			t->lines[k].n--;
		k++;
		start = i + 1;
	}
	/* A final line end does not start another line. */
	t->nlines = (len && msg[len - 1] == '\n') ? k - 1 : k;
	return 0;
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* `type(scope)!: subject` on the first line; 1 when it conforms. */
static int parse_header(struct cc_commit *c, const struct line *l)
{
	const char *p = l->p, *end = l->p + l->n, *scope = NULL, *scope_end = NULL;
	const char *type_end;

	if (p == end || !is_alpha(*p))
		return 0;
	while (p < end && (is_alnum(*p) || *p == '-' || *p == '_'))
		p++;
	type_end = p;
	if (p < end && *p == '(') {
		scope = ++p;
		while (p < end && *p != ')' && *p != '(')
			p++;
		if (p == end || *p != ')' || p == scope)
			return 0;
		scope_end = p++;
	}
	if (p < end && *p == '!') {
		c->bang = 1;
		p++;
	}
	if (p + 1 >= end || p[0] != ':' || !is_blank(p[1]))
		return 0;
	for (p++; p < end && is_blank(*p); p++)
		;
	if (p == end)
		return 0;
	c->type = dupn(l->p, (size_t)(type_end - l->p));
	c->scope = scope ? dupn(scope, (size_t)(scope_end - scope)) : NULL;
	c->subject = dupn(p, (size_t)(end - p));
	if (!c->type || (scope && !c->scope) || !c->subject)
		return -1;
	lower(c->type);
	return 1;
}

/*
 * When the line starts a footer, returns the token length and sets
 * *value to the value's offset in the line; else 0.
 */
static size_t footer_token(const struct line *l, size_t *value)
{
	static const char bc[] = "BREAKING CHANGE";
	size_t i = 0, n = l->n;

	if (n > sizeof(bc) - 1 && !memcmp(l->p, bc, sizeof(bc) - 1) &&
	    l->p[sizeof(bc) - 1] == ':')
		i = sizeof(bc) - 1;
	else
		while (i < n && (is_alnum(l->p[i]) || l->p[i] == '-'))
			i++;
	if (!i || i >= n)
		return 0;
	if (l->p[i] == ':' && (i + 1 == n || is_blank(l->p[i + 1])))
		*value = i + 1;
	else if (l->p[i] == ' ' && i + 1 < n && l->p[i + 1] == '#')
		*value = i + 1; /* "Refs #12": the '#' belongs to the value */
	else
		return 0;
	while (*value < n && is_blank(l->p[*value]))
		(*value)++;
	return i;
}

/* The first line of a paragraph at or after `from` that starts a footer. */
static size_t find_footers(const struct cc_text *t, size_t from)
{
	size_t i, v;

	for (i = from; i < t->nlines; i++)
		if ((i == from || t->lines[i - 1].n == 0) && t->lines[i].n &&
		    footer_token(&t->lines[i], &v))
			return i;
	return t->nlines;
}

/* Joins lines [a, b) with '\n', dropping leading and trailing empty lines. */
static char *join(const struct cc_text *t, size_t a, size_t b, size_t skip_first)
{
	size_t i, len = 0, off = 0;
	char *s;

	if (!skip_first)
		while (a < b && t->lines[a].n == 0)
			a++;
	while (b > a + 1 && t->lines[b - 1].n == 0)
		b--;
	if (a >= b)
		return NULL;
	for (i = a; i < b; i++)
		len += t->lines[i].n + 1;
	if (!(s = malloc(len + 1)))
		return NULL;
	for (i = a; i < b; i++) {
		size_t k = i == a ? skip_first : 0;

		memcpy(s + off, t->lines[i].p + k, t->lines[i].n - k);
		off += t->lines[i].n - k;
		if (i + 1 < b)
			s[off++] = '\n';
	}
	s[off] = '\0';
	return s;
}

static int is_breaking_token(const char *tok)
{
	return !strcmp(tok, "BREAKING CHANGE") || !strcmp(tok, "BREAKING-CHANGE");
}

static int add_footer(struct cc_commit *c, const struct cc_text *t, size_t a,
		      size_t b)
{
	struct cc_footer *f = &c->footers[c->nfooters];
	size_t v = 0, tok = footer_token(&t->lines[a], &v);

	f->token = dupn(t->lines[a].p, tok);
	if (v == t->lines[a].n && a + 1 < b) /* value starts on the next line */
		f->value = join(t, a + 1, b, 0);
	else
		f->value = join(t, a, b, v);
	if (!f->value)
		f->value = dupn("", 0);
	c->nfooters++;
	if (!f->token || !f->value)
		return err_set("out of memory");
	if (!c->breaking_text && is_breaking_token(f->token)) {
		c->breaking = 1;
		c->breaking_text = f->value;
	}
	return 0;
}

static int parse_footers(struct cc_commit *c, const struct cc_text *t, size_t from)
{
	size_t i, start = from, n = 0, v;
	int rc;

	for (i = from; i < t->nlines; i++)
		n += t->lines[i].n && footer_token(&t->lines[i], &v);
	if (!n)
		return 0;
	if (n > CC_MAX_FOOTERS)
		n = CC_MAX_FOOTERS;
	if (!(c->footers = calloc(n, sizeof(*c->footers))))
		return err_set("out of memory");
	for (i = from + 1; i <= t->nlines; i++) {
		if (i < t->nlines && !(t->lines[i].n && footer_token(&t->lines[i], &v)))
			continue;
		if (i < t->nlines && c->nfooters + 1 == n)
			continue; /* over the cap: fold into the last footer */
		if ((rc = add_footer(c, t, start, i)))
			return rc;
		start = i;
	}
	return 0;
}

static int parse_rest(struct cc_commit *c, const struct cc_text *t)
{
	size_t from = 1, foot;

	while (from < t->nlines && t->lines[from].n == 0)
		from++;
	foot = find_footers(t, from);
	if (foot > from && !(c->body = join(t, from, foot, 0)))
		return err_set("out of memory");
	return parse_footers(c, t, foot);
}

int cc_parse(struct cc_commit *c, const char *msg, size_t len, const char *name)
{
	struct cc_text t = { NULL, 0 };
	int rc = 0, h;

	memset(c, 0, sizeof(*c));
	if (len > CC_MAX_MESSAGE)
		return err_setc(ERR_TOOBIG, "%s: message of %zu bytes, over the cap of %u",
				name, len, CC_MAX_MESSAGE);
	if ((rc = split_lines(&t, msg, len)))
		goto done;
	h = t.nlines ? parse_header(c, &t.lines[0]) : 0;
	if (h < 0) {
		rc = err_set("out of memory");
		goto done;
	}
	c->conforming = h;
	if (!h) {
		c->bang = 0;
		c->type = dupn("other", 5);
		c->subject = dupn(t.nlines ? t.lines[0].p : "", t.nlines ? t.lines[0].n : 0);
		if (!c->type || !c->subject) {
			rc = err_set("out of memory");
			goto done;
		}
	}
	if ((rc = parse_rest(c, &t)))
		goto done;
	if (c->bang) {
		c->breaking = 1;
		if (!c->breaking_text)
			c->breaking_text = c->subject;
	}
done:
	free(t.lines);
	if (rc)
		cc_release(c);
	return rc;
}

void cc_release(struct cc_commit *c)
{
	size_t i;

	free(c->type);
	free(c->scope);
	free(c->subject);
	free(c->body);
	for (i = 0; i < c->nfooters; i++) {
		free(c->footers[i].token);
		free(c->footers[i].value);
	}
	free(c->footers);
	memset(c, 0, sizeof(*c));
}
