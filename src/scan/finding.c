/* finding.c - the finding model: severities, string lists, finding lifetime. */
#include "finding.h"
#include "cvss.h"
#include "../core/err.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const sev_names[SEV_COUNT] = {
	"unknown", "none", "low", "medium", "high", "critical"
};

const char *sev_name(enum sev s)
{
	return (unsigned)s < SEV_COUNT ? sev_names[s] : "unknown";
}

enum sev sev_parse(const char *s)
{
	static const struct { const char *name; enum sev sev; } map[] = {
		{ "critical", SEV_CRITICAL }, { "high", SEV_HIGH },
		{ "medium", SEV_MEDIUM }, { "moderate", SEV_MEDIUM },
		{ "low", SEV_LOW }, { "negligible", SEV_LOW },
		{ "none", SEV_NONE }, { "info", SEV_NONE },
	};
	size_t i;

	if (!s)
		return SEV_UNKNOWN;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcasecmp(s, map[i].name))
			return map[i].sev;
	return SEV_UNKNOWN;
}

enum sev sev_from_score(double score)
{
	/* Scores carry one decimal; compare in tenths to avoid 6.9000001. */
	long t = (long)(score * 10.0 + 0.5);

	if (score < 0)
		return SEV_UNKNOWN;
	if (t == 0)
		return SEV_NONE;
	if (t < 40)
		return SEV_LOW;
	if (t < 70)
		return SEV_MEDIUM;
	if (t < 90)
		return SEV_HIGH;
	return SEV_CRITICAL;
}

int strv_add(struct strv *l, const char *s)
{
	char *c;

	if (!s || !*s)
		return 0;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 4;
		char **v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return err_set("out of memory");
		l->v = v;
		l->cap = cap;
	}
	c = strdup(s);
	if (!c)
		return err_set("out of memory");
	l->v[l->n++] = c;
	return 0;
}

int strv_has(const struct strv *l, const char *s)
{
	size_t i;

	for (i = 0; s && i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return 1;
	return 0;
}

int strv_add_uniq(struct strv *l, const char *s)
{
	return strv_has(l, s) ? 0 : strv_add(l, s);
}

void strv_free(struct strv *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void finding_init(struct finding *f)
{
	memset(f, 0, sizeof(*f));
	f->cvss_score = -1;
	f->ignore_rule = -1;
}

void finding_clear(struct finding *f)
{
	free(f->id);
	strv_free(&f->aliases);
	free(f->ecosystem);
	free(f->package);
	free(f->installed);
	strv_free(&f->fixed);
	free(f->cvss_vector);
	free(f->title);
	free(f->url);
	free(f->target);
	free(f->file);
	strv_free(&f->sources);
	finding_init(f);
}

int finding_set(char **dst, const char *s)
{
	char *c = NULL;

	if (s && !(c = strdup(s)))
		return err_set("out of memory");
	free(*dst);
	*dst = c;
	return 0;
}

int findings_push(struct findings *l, struct finding *f)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct finding *v = realloc(l->v, cap * sizeof(*v));

		if (!v) {
			finding_clear(f);
			return err_set("out of memory");
		}
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *f;
	finding_init(f);
	return 0;
}

void findings_free(struct findings *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		finding_clear(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

int finding_has_id(const struct finding *f, const char *id)
{
	size_t i;

	if (!id)
		return 0;
	if (f->id && !strcasecmp(f->id, id))
		return 1;
	for (i = 0; i < f->aliases.n; i++)
		if (!strcasecmp(f->aliases.v[i], id))
			return 1;
	return 0;
}

void finding_fill_from_cvss(struct finding *f)
{
	double score;

	if (!f->cvss_vector || cvss_score(f->cvss_vector, &score) < 0) {
		err_clear();
		if (f->severity == SEV_UNKNOWN && f->cvss_score >= 0)
			f->severity = sev_from_score(f->cvss_score);
		return;
	}
	f->cvss_score = score;
	if (f->severity == SEV_UNKNOWN)
		f->severity = sev_from_score(score);
}
