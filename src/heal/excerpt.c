/* excerpt.c - the "why did it fail" excerpt of each failed step, capped and deduplicated. */
#include "excerpt.h"
#include "copy.h"

#include "../core/buf.h"
#include "../core/err.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RING_MAX 64

struct saved {
	size_t lineno, len;
	char text[HEAL_EXCERPT_LINE_MAX];
};

struct ring {
	struct saved *v;
	size_t cap, n, head;  /* head = index of the oldest */
	size_t bytes;         /* the saved lines' len + 1, summed */
};

struct heal_excerpt {
	struct heal_excerpt_opts o;
	/* the current step */
	int step_no, exit_code;
	size_t hits;
	struct buf title, text;
	size_t nlines, omitted, last, after_left;
	uint64_t *seen;      /* open-addressing set of line hashes */
	size_t seen_cap;
	struct ring before, tail;
	int saw_exit;
	/* finished excerpts */
	struct heal_step_excerpt *v;
	size_t n;
};

void heal_excerpt_defaults(struct heal_excerpt_opts *o)
{
	o->max_lines = 200;
	o->max_bytes = 64u << 10;
	o->before = 2;
	o->after = 3;
	o->tail = 20;
	o->max_steps = 16;
}

static int ring_init(struct ring *r, size_t cap)
{
	r->cap = cap;
	r->n = r->head = 0;
	r->v = cap ? calloc(cap, sizeof(*r->v)) : NULL;
	return cap && !r->v ? -1 : 0;
}

/* The slot i places after the oldest (i < 2 * cap: no division, which
 * cost tens of cycles a line). */
static size_t ring_slot(const struct ring *r, size_t i)
{
	i += r->head;
	return i >= r->cap ? i - r->cap : i;
}

static void ring_push(struct ring *r, size_t lineno, const char *p, size_t n)
{
	struct saved *s;

	if (!r->cap)
		return;
	if (r->n < r->cap) {
		s = &r->v[ring_slot(r, r->n++)];
	} else {
		s = &r->v[r->head];
		r->bytes -= s->len + 1;
		r->head = ring_slot(r, 1);
	}
	if (n > HEAL_EXCERPT_LINE_MAX)
		n = HEAL_EXCERPT_LINE_MAX;
	copy_bytes(s->text, p, n);
	s->len = n;
	s->lineno = lineno;
	r->bytes += n + 1;
}

static void ring_clear(struct ring *r)
{
	r->n = r->head = r->bytes = 0;
}

static const struct saved *ring_at(const struct ring *r, size_t i)
{
	return &r->v[ring_slot(r, i)];
}

int heal_excerpt_new(struct heal_excerpt **out, const struct heal_excerpt_opts *o)
{
	struct heal_excerpt *ex = calloc(1, sizeof(*ex));

	*out = NULL;
	if (!ex)
		return err_set("out of memory");
	if (o)
		ex->o = *o;
	else
		heal_excerpt_defaults(&ex->o);
	if (ex->o.before > RING_MAX)
		ex->o.before = RING_MAX;
	if (ex->o.tail > RING_MAX)
		ex->o.tail = RING_MAX;
	if (ex->o.max_lines < 4)
		ex->o.max_lines = 4;
	buf_init(&ex->title, 1024);
	buf_init(&ex->text, ex->o.max_bytes + HEAL_EXCERPT_LINE_MAX + 64);
	ex->seen_cap = 16;
	while (ex->seen_cap < ex->o.max_lines * 2)
		ex->seen_cap *= 2;
	ex->seen = calloc(ex->seen_cap, sizeof(uint64_t));
	ex->exit_code = -1;
	if (!ex->seen || ring_init(&ex->before, ex->o.before) ||
	    ring_init(&ex->tail, ex->o.tail)) {
		heal_excerpt_free(ex);
		return err_set("out of memory");
	}
	*out = ex;
	return 0;
}

void heal_excerpt_free(struct heal_excerpt *ex)
{
	size_t i;

	if (!ex)
		return;
	for (i = 0; i < ex->n; i++) {
		free(ex->v[i].step);
		free(ex->v[i].text);
	}
	free(ex->v);
	free(ex->seen);
	free(ex->before.v);
	free(ex->tail.v);
	buf_release(&ex->title);
	buf_release(&ex->text);
	free(ex);
}

size_t heal_excerpt_count(const struct heal_excerpt *ex)
{
	return ex->n;
}

const struct heal_step_excerpt *heal_excerpt_get(const struct heal_excerpt *ex, size_t i)
{
	return i < ex->n ? &ex->v[i] : NULL;
}

#define DEDUP_MIN 12  /* shorter lines ("   |", "}") are structure: kept */

/* FNV-1a of the line without its leading and trailing blanks; never 0.
 * 0 for a line too short to deduplicate. */
static uint64_t line_hash(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	while (n && (*p == ' ' || *p == '\t')) {
		p++;
		n--;
	}
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n < DEDUP_MIN)
		return 0;
	while (n--)
		h = (h ^ (unsigned char)*p++) * 1099511628211ull;
	return h ? h : 1;
}

/* 1 when h was already in the set; adds it otherwise. */
static int seen_add(struct heal_excerpt *ex, uint64_t h)
{
	size_t i = (size_t)h & (ex->seen_cap - 1), k;

	if (!h)
		return 0;
	for (k = 0; k < ex->seen_cap; k++, i = (i + 1) & (ex->seen_cap - 1)) {
		if (ex->seen[i] == h)
			return 1;
		if (!ex->seen[i]) {
			ex->seen[i] = h;
			return 0;
		}
	}
	return 0;  /* full: keep the line rather than lose it */
}

static void put_line(struct heal_excerpt *ex, const char *p, size_t n)
{
	if (n > HEAL_EXCERPT_LINE_MAX)
		n = HEAL_EXCERPT_LINE_MAX;
	buf_add(&ex->text, p, n);
	buf_putc(&ex->text, '\n');
	ex->nlines++;
}

static void put_gap(struct heal_excerpt *ex, size_t lineno)
{
	if (ex->last && lineno > ex->last + 1) {
		size_t k = lineno - ex->last - 1;

		buf_printf(&ex->text, "[... %zu line%s ...]\n", k, k == 1 ? "" : "s");
		ex->nlines++;
	}
}

/* Adds one line when the caps allow; `reserve_lines`/`reserve_bytes`
 * keep room for the tail. */
static void add(struct heal_excerpt *ex, size_t lineno, const char *p, size_t n,
                size_t reserve_lines, size_t reserve_bytes)
{
	size_t k = n > HEAL_EXCERPT_LINE_MAX ? HEAL_EXCERPT_LINE_MAX : n;

	if (lineno <= ex->last)
		return;
	if (ex->nlines + 2 + reserve_lines > ex->o.max_lines ||
	    ex->text.len + k + 32 + reserve_bytes > ex->o.max_bytes) {
		ex->omitted++;
		return;
	}
	if (seen_add(ex, line_hash(p, n))) {
		ex->omitted++;
		ex->last = lineno;
		return;
	}
	put_gap(ex, lineno);
	put_line(ex, p, n);
	ex->last = lineno;
}

/* Appends the tail lines not yet in the excerpt, within the caps. */
static void add_tail(struct heal_excerpt *ex)
{
	size_t i;

	for (i = 0; i < ex->tail.n; i++) {
		const struct saved *s = ring_at(&ex->tail, i);

		add(ex, s->lineno, s->text, s->len, 0, 0);
	}
}

static int keep(struct heal_excerpt *ex)
{
	struct heal_step_excerpt *v, *e;

	add_tail(ex);
	if (ex->n >= ex->o.max_steps || buf_failed(&ex->text))
		return 0;
	v = realloc(ex->v, (ex->n + 1) * sizeof(*v));
	if (!v)
		return err_set("out of memory");
	ex->v = v;
	e = &v[ex->n];
	memset(e, 0, sizeof(*e));
	e->step = strdup(buf_cstr(&ex->title));
	e->text = strdup(buf_cstr(&ex->text));
	if (!e->step || !e->text) {
		free(e->step);
		free(e->text);
		return err_set("out of memory");
	}
	e->step_no = ex->step_no;
	e->exit_code = ex->exit_code;
	e->nlines = ex->nlines;
	e->omitted = ex->omitted;
	ex->n++;
	return 0;
}

static int end_step(struct heal_excerpt *ex)
{
	int failed = ex->exit_code > 0 || (ex->exit_code < 0 && ex->hits > 0);
	int rc = failed ? keep(ex) : 0;

	buf_reset(&ex->text);
	buf_reset(&ex->title);
	memset(ex->seen, 0, ex->seen_cap * sizeof(uint64_t));
	ex->nlines = ex->omitted = ex->last = ex->after_left = ex->hits = 0;
	ring_clear(&ex->before);
	ring_clear(&ex->tail);
	ex->exit_code = -1;
	return rc;
}

static void on_hit(struct heal_excerpt *ex, const struct logline *ln)
{
	size_t i, rl = ex->o.tail + 1, rb = ex->tail.bytes;

	if (rb > ex->o.max_bytes / 4)
		rb = ex->o.max_bytes / 4;
	ex->hits++;
	for (i = 0; i < ex->before.n; i++) {
		const struct saved *s = ring_at(&ex->before, i);

		add(ex, s->lineno, s->text, s->len, rl, rb);
	}
	add(ex, ln->lineno, ln->text, ln->len, rl, rb);
	ex->after_left = ex->o.after;
}

int heal_excerpt_line(struct heal_excerpt *ex, const struct logline *ln, int hit)
{
	int rc = 0;

	if (ln->step_no != ex->step_no) {
		rc = end_step(ex);
		ex->step_no = ln->step_no;
		buf_puts(&ex->title, ln->step ? ln->step : "");
	}
	if (ln->mark == LOGREAD_EXIT) {
		ex->exit_code = ln->exit_code;
		ex->saw_exit = 1;
		ring_push(&ex->tail, ln->lineno, ln->text, ln->len);
		return rc;
	}
	if (ln->mark != LOGREAD_TEXT)
		return rc;
	if (hit) {
		on_hit(ex, ln);
	} else if (ex->after_left) {
		ex->after_left--;
		add(ex, ln->lineno, ln->text, ln->len, ex->o.tail + 1, 0);
	}
	ring_push(&ex->before, ln->lineno, ln->text, ln->len);
	ring_push(&ex->tail, ln->lineno, ln->text, ln->len);
	return rc;
}

int heal_excerpt_end(struct heal_excerpt *ex)
{
	return end_step(ex);
}

int heal_excerpt_join(struct heal_excerpt *dst, struct heal_excerpt *src,
                      int step_off)
{
	struct heal_step_excerpt *v;
	size_t i, room = dst->o.max_steps - dst->n;

	if (src->n && room) {
		size_t k = src->n < room ? src->n : room;

		v = realloc(dst->v, (dst->n + k) * sizeof(*v));
		if (!v)
			return err_set("out of memory");
		dst->v = v;
	}
	for (i = 0; i < src->n; i++) {
		if (dst->n < dst->o.max_steps) {
			dst->v[dst->n] = src->v[i];
			dst->v[dst->n++].step_no += step_off;
		} else {
			free(src->v[i].step);
			free(src->v[i].text);
		}
	}
	src->n = 0;
	dst->saw_exit |= src->saw_exit;
	return 0;
}

int heal_excerpt_finish(struct heal_excerpt *ex)
{
	size_t i, j = 0;
	int rc = end_step(ex);

	/* With exit markers in the log, only steps that had one failed. */
	for (i = 0; i < ex->n; i++) {
		if (ex->saw_exit && ex->v[i].exit_code < 0) {
			free(ex->v[i].step);
			free(ex->v[i].text);
			continue;
		}
		ex->v[j++] = ex->v[i];
	}
	ex->n = j;
	return rc;
}
