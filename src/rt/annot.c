/* annot.c - ranks annotation candidates and emits the best of each type. */
#include "annot.h"
#include "utf8.h"
#include "core/buf.h"
#include "core/err.h"

#include <stdlib.h>
#include <string.h>

void annot_init(struct annot_sink *s)
{
	memset(s, 0, sizeof(*s));
	s->limit = ANNOT_PER_TYPE;
}

static void annot_clear(struct annot *a)
{
	free(a->title);
	free(a->file);
	free(a->msg);
	memset(a, 0, sizeof(*a));
}

void annot_free(struct annot_sink *s)
{
	size_t l, i;

	for (l = 0; l < GHCMD_NLEVELS; l++)
		for (i = 0; i < s->nkept[l]; i++)
			annot_clear(&s->kept[l][i]);
	annot_init(s);
}

/* a ranks before b: higher priority, then earlier. */
static int better(const struct annot *a, const struct annot *b)
{
	if (a->priority != b->priority)
		return a->priority > b->priority;
	return a->seq < b->seq;
}

/* Keeps the array sorted best first, so the worst is always last. */
static void sort_last(struct annot *v, size_t n)
{
	size_t i = n - 1;
	struct annot tmp;

	while (i > 0 && better(&v[i], &v[i - 1])) {
		tmp = v[i];
		v[i] = v[i - 1];
		v[i - 1] = tmp;
		i--;
	}
}

void annot_set_limit(struct annot_sink *s, size_t limit)
{
	size_t l;

	if (limit > ANNOT_PER_TYPE)
		limit = ANNOT_PER_TYPE;
	s->limit = limit;
	for (l = 0; l < GHCMD_NLEVELS; l++)
		while (s->nkept[l] > limit)
			annot_clear(&s->kept[l][--s->nkept[l]]);
}

static char *dup_opt(const char *s, int *bad)
{
	char *d;

	if (!s || !*s)
		return NULL;
	d = strdup(s);
	if (!d)
		*bad = 1;
	return d;
}

/* Copies the message, keeping one character past what the runner shows,
 * so the formatter still sees (and marks) the cut. */
static char *dup_msg(const char *msg, size_t *len, int *bad)
{
	size_t n = msg ? strlen(msg) : 0;
	char *d;

	n = utf8_cut_utf16(msg ? msg : "", n, GHCMD_MAX_UNITS + 1);
	d = malloc(n + 1);
	if (!d) {
		*bad = 1;
		return NULL;
	}
	if (n)
		memcpy(d, msg, n);
	d[n] = 0;
	*len = n;
	return d;
}

int annot_add(struct annot_sink *s, enum ghcmd_level level, long priority,
	      const struct ghcmd_props *props, const char *msg)
{
	struct annot a = { 0 }, *v;
	size_t *n;
	int bad = 0;

	if ((unsigned)level >= GHCMD_NLEVELS)
		return err_setc(ERR_INVALID, "annotation: unknown level %d", (int)level);
	s->total[level]++;
	v = s->kept[level];
	n = &s->nkept[level];
	a.priority = priority;
	a.seq = s->seq++;
	if (*n == s->limit && (s->limit == 0 || !better(&a, &v[*n - 1])))
		return 0;
	if (props) {
		a.title = dup_opt(props->title, &bad);
		a.file = dup_opt(props->file, &bad);
		a.line = props->line;
		a.end_line = props->end_line;
		a.col = props->col;
		a.end_col = props->end_col;
	}
	a.msg = dup_msg(msg, &a.msg_len, &bad);
	if (bad) {
		annot_clear(&a);
		return err_set("out of memory adding an annotation");
	}
	if (*n == s->limit)
		annot_clear(&v[--*n]);
	v[(*n)++] = a;
	sort_last(v, *n);
	return 0;
}

const struct annot *annot_get(const struct annot_sink *s, enum ghcmd_level level, size_t i)
{
	if ((unsigned)level >= GHCMD_NLEVELS || i >= s->nkept[level])
		return NULL;
	return &s->kept[level][i];
}

int annot_flush(const struct annot_sink *s, int fd)
{
	struct buf b = BUF_INIT(BUF_MAX_MESSAGE);
	struct ghcmd_props p;
	const struct annot *a;
	size_t l, i;
	int rc = 0;

	for (l = 0; l < GHCMD_NLEVELS && rc == 0; l++) {
		for (i = 0; i < s->nkept[l] && rc == 0; i++) {
			a = &s->kept[l][i];
			p.title = a->title;
			p.file = a->file;
			p.line = a->line;
			p.end_line = a->end_line;
			p.col = a->col;
			p.end_col = a->end_col;
			buf_reset(&b);
			rc = ghcmd_format_issue(&b, (enum ghcmd_level)l, &p, a->msg, a->msg_len, 0);
			if (rc == 0)
				rc = ghcmd_write_all(fd, b.ptr, b.len);
		}
	}
	buf_release(&b);
	return rc;
}

size_t annot_total(const struct annot_sink *s, enum ghcmd_level level)
{
	return (unsigned)level < GHCMD_NLEVELS ? s->total[level] : 0;
}

size_t annot_dropped(const struct annot_sink *s, enum ghcmd_level level)
{
	if ((unsigned)level >= GHCMD_NLEVELS)
		return 0;
	return s->total[level] - s->nkept[level];
}

void annot_dropped_all(const struct annot_sink *s, size_t out[GHCMD_NLEVELS])
{
	size_t l;

	for (l = 0; l < GHCMD_NLEVELS; l++)
		out[l] = annot_dropped(s, (enum ghcmd_level)l);
}
