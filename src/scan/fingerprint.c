/* fingerprint.c - primaryLocationLineHash: codeql-action's rolling line hash, in C. */
#include "fingerprint.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 100
#define MOD 37u
#define EOF_CHAR 65535u /* the reference feeds this sentinel after the text */

/* Counts of hashes seen so far, to number identical lines. */
struct counts {
	uint64_t *keys;
	size_t *vals;
	size_t cap, n;
};

static size_t count_bump(struct counts *c, uint64_t h)
{
	size_t i;

	if ((c->n + 1) * 2 > c->cap) {
		struct counts nc = { 0 };

		nc.cap = c->cap ? c->cap * 2 : 256;
		nc.keys = calloc(nc.cap, sizeof(*nc.keys));
		nc.vals = calloc(nc.cap, sizeof(*nc.vals));
		if (!nc.keys || !nc.vals) {
			free(nc.keys);
			free(nc.vals);
			return 1; /* out of memory: degrade to ":1" */
		}
		for (i = 0; i < c->cap; i++) {
			size_t j;

			if (!c->vals[i])
				continue;
			for (j = (size_t)(c->keys[i] % nc.cap); nc.vals[j]; j = (j + 1) % nc.cap)
				;
			nc.keys[j] = c->keys[i];
			nc.vals[j] = c->vals[i];
		}
		nc.n = c->n;
		free(c->keys);
		free(c->vals);
		*c = nc;
	}
	for (i = (size_t)(h % c->cap); c->vals[i]; i = (i + 1) % c->cap)
		if (c->keys[i] == h)
			return ++c->vals[i];
	c->keys[i] = h;
	c->vals[i] = 1;
	c->n++;
	return 1;
}

struct state {
	uint32_t window[BLOCK];
	size_t lines[BLOCK];   /* line number starting at this slot, 0 = none */
	uint64_t hash, first_mod;
	size_t index, line;
	int line_start, prev_cr;
	struct counts counts;
	void (*cb)(size_t, const char *, void *);
	void *ctx;
};

static void output(struct state *s)
{
	char buf[40];

	snprintf(buf, sizeof(buf), "%llx:%zu", (unsigned long long)s->hash,
		 count_bump(&s->counts, s->hash));
	s->cb(s->lines[s->index], buf, s->ctx);
	s->lines[s->index] = 0;
}

static void update(struct state *s, uint32_t c)
{
	uint32_t begin = s->window[s->index];

	s->window[s->index] = c;
	s->hash = MOD * s->hash + c - s->first_mod * begin;
	s->index = (s->index + 1) % BLOCK;
}

static void process(struct state *s, uint32_t c)
{
	if (c == ' ' || c == '\t' || (s->prev_cr && c == '\n')) {
		s->prev_cr = 0;
		return;
	}
	if (c == '\r') {
		c = '\n';
		s->prev_cr = 1;
	} else {
		s->prev_cr = 0;
	}
	if (s->lines[s->index])
		output(s);
	if (s->line_start) {
		s->line_start = 0;
		s->lines[s->index] = ++s->line;
	}
	if (c == '\n')
		s->line_start = 1;
	update(s, c);
}

/* Next UTF-8 code point from p (advancing it); U+FFFD for bad bytes. */
static uint32_t utf8_next(const unsigned char **p, const unsigned char *end)
{
	const unsigned char *q = *p;
	uint32_t c = *q, min;
	int n, i;

	if (c < 0x80) {
		*p = q + 1;
		return c;
	}
	n = c >= 0xF0 && c < 0xF5 ? 3 : c >= 0xE0 ? (c < 0xF0 ? 2 : -1) :
	    c >= 0xC2 ? 1 : -1;
	if (n < 0 || end - q <= n) {
		*p = q + 1;
		return 0xFFFD;
	}
	c &= 0x3Fu >> n;
	for (i = 1; i <= n; i++) {
		if ((q[i] & 0xC0) != 0x80) {
			*p = q + 1;
			return 0xFFFD;
		}
		c = (c << 6) | (q[i] & 0x3F);
	}
	min = n == 1 ? 0x80 : n == 2 ? 0x800 : 0x10000;
	*p = q + n + 1;
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0xFFFD;
	return c;
}

size_t fingerprint_lines(const char *text, size_t len,
			 void (*cb)(size_t line, const char *hash, void *ctx), void *ctx)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	struct state *s = calloc(1, sizeof(*s));
	size_t i, lines;

	if (!s)
		return 0;
	s->first_mod = 1;
	for (i = 0; i < BLOCK; i++)
		s->first_mod *= MOD;
	s->line_start = 1;
	s->cb = cb;
	s->ctx = ctx;
	while (p < end) {
		uint32_t c = utf8_next(&p, end);

		if (c >= 0x10000) { /* JavaScript strings hold UTF-16 units */
			c -= 0x10000;
			process(s, 0xD800 + (c >> 10));
			process(s, 0xDC00 + (c & 0x3FF));
		} else {
			process(s, c);
		}
	}
	process(s, EOF_CHAR);
	for (i = 0; i < BLOCK; i++) {
		if (s->lines[s->index])
			output(s);
		update(s, 0);
	}
	lines = s->line;
	free(s->counts.keys);
	free(s->counts.vals);
	free(s);
	return lines;
}

struct one {
	size_t want;
	char *out;
	int found;
};

static void take_one(size_t line, const char *hash, void *ctx)
{
	struct one *o = ctx;

	if (line == o->want) {
		snprintf(o->out, 40, "%s", hash);
		o->found = 1;
	}
}

int fingerprint_line(const char *text, size_t len, size_t line, char out[40])
{
	struct one o = { line, out, 0 };

	fingerprint_lines(text, len, take_one, &o);
	return o.found ? 0 : -1;
}
