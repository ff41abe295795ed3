/* t_heal_corpus.c - scores the heal extractor against the errorformat corpus, tests/heal and tests/heal/real. */
#include "unit.h"

#include "heal/extract.h"
#include "heal/rules.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Each <name>.ok lists the entries expected in <name>.in (or <name>.log)
 * as "FILE|LINE col COL [TYPE [NR]]| MESSAGE" (see the corpus README).
 * An extracted entry matches an expected one when file, line, column and
 * the first message line agree. Messages are compared after one
 * normalisation applied to BOTH sides: blanks collapsed, and leading
 * severity/code tokens ("error:", "[warning]", "E501", "TS2345:", "C:")
 * dropped, because the .ok files place them inconsistently (flake8.ok
 * strips "F401" from the message, pep8.ok keeps "E401" for the same
 * format). Matching is one-to-one (a multiset intersection).
 */

struct key {
	char *file, *msg;
	long line, col;
	int used;
};

struct keys {
	struct key *v;
	size_t n, alloc;
};

static char *norm(const char *m, size_t n)
{
	char *out = malloc(n + 1), *o = out;
	struct sc s;
	struct hit h;
	int i, space = 0;

	if (!out)
		return NULL;
	for (; n && (*m == ' ' || *m == '\t'); m++, n--)
		;
	for (; n; m++, n--) {
		if (*m == ' ' || *m == '\t' || *m == '\r') {
			space = 1;
			continue;
		}
		if (space && o > out)
			*o++ = ' ';
		space = 0;
		*o++ = *m;
	}
	*o = 0;
	s.p = out;
	s.e = o;
	for (i = 0; i < 4; i++) {
		memset(&h, 0, sizeof(h));
		if (!sc_severity(&s, &h.sev, &h.code, &h.code_len) &&
		    !sc_code(&s, &h.code, &h.code_len) && !sc_sev_letter(&s, &h.sev) &&
		    !(sc_char(&s, '[') && sc_sevword(&s, &h.sev) && sc_char(&s, ']') &&
		      sc_ws(&s)))
			break;
		sc_lit(&s, "[*] ");
	}
	memmove(out, s.p, (size_t)(s.e - s.p) + 1);
	return out;
}

static int keys_add(struct keys *k, const char *file, size_t flen, long line,
                    long col, const char *msg, size_t mlen)
{
	struct key *e;

	if (k->n == k->alloc) {
		size_t na = k->alloc ? k->alloc * 2 : 64;
		struct key *v = realloc(k->v, na * sizeof(*v));

		if (!v)
			return -1;
		k->v = v;
		k->alloc = na;
	}
	e = &k->v[k->n++];
	e->file = strndup(file, flen);
	e->msg = norm(msg, mlen);
	e->line = line;
	e->col = col;
	e->used = 0;
	return e->file && e->msg ? 0 : -1;
}

static void keys_free(struct keys *k)
{
	size_t i;

	for (i = 0; i < k->n; i++) {
		free(k->v[i].file);
		free(k->v[i].msg);
	}
	free(k->v);
	memset(k, 0, sizeof(*k));
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && n < (16L << 20) &&
	    fseek(f, 0, SEEK_SET) == 0 && (p = malloc((size_t)n + 1)) != NULL) {
		*len = fread(p, 1, (size_t)n, f);
		p[*len] = 0;
	}
	fclose(f);
	return p;
}

/* "FILE|LINE col COL TYPE NR| MESSAGE" lines; others are continuations. */
static int parse_ok(const char *text, struct keys *k)
{
	const char *l = text;

	while (*l) {
		const char *e = strchr(l, '\n'), *b1, *b2;
		long line = 0, col = 0;

		e = e ? e : l + strlen(l);
		b1 = memchr(l, '|', (size_t)(e - l));
		b2 = b1 ? memchr(b1 + 1, '|', (size_t)(e - b1 - 1)) : NULL;
		if (b2) {
			struct sc s = { b1 + 1, b2 };

			sc_ws(&s);
			sc_uint(&s, &line);
			sc_ws(&s);
			if (sc_lit(&s, "col ") && !sc_uint(&s, &col))
				col = 0;
			if (keys_add(k, l, (size_t)(b1 - l), line, col, b2 + 1,
			             (size_t)(e - b2 - 1)))
				return -1;
		}
		l = *e ? e + 1 : e;
	}
	return 0;
}

static int collect(void *ctx, const struct heal_entry *e)
{
	const char *f = e->file ? e->file : "";

	return keys_add(ctx, f, strlen(f), e->line, e->col, e->message,
	                strlen(e->message));
}

static size_t matches(struct keys *exp, const struct keys *got)
{
	size_t i, j, tp = 0;

	for (i = 0; i < got->n; i++) {
		const struct key *g = &got->v[i];

		for (j = 0; j < exp->n; j++) {
			struct key *x = &exp->v[j];

			if (!x->used && x->line == g->line && x->col == g->col &&
			    !strcmp(x->file, g->file) && !strcmp(x->msg, g->msg)) {
				x->used = 1;
				tp++;
				break;
			}
		}
	}
	return tp;
}

struct score {
	size_t files, exp, got, tp;
};

static int score_one(const char *dir, const char *name, struct score *sc)
{
	char path[4096];
	struct keys exp = { 0 }, got = { 0 };
	struct heal_extract *x = NULL;
	struct logread *r = NULL;
	struct logline ln;
	char *ok, *in;
	size_t oklen = 0, inlen = 0, tp;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/%s.ok", dir, name);
	ok = slurp(path, &oklen);
	snprintf(path, sizeof(path), "%s/%s.in", dir, name);
	in = slurp(path, &inlen);
	if (!in) {
		snprintf(path, sizeof(path), "%s/%s.log", dir, name);
		in = slurp(path, &inlen);
	}
	if (!ok || !in || parse_ok(ok, &exp) || heal_extract_new(&x, collect, &got) ||
	    logread_open_mem(&r, in, inlen, name, 0))
		goto done;
	while ((rc = logread_next(r, &ln)) == 1 && !(rc = heal_extract_line(x, &ln)))
		;
	if (rc || heal_extract_finish(x))
		goto done;
	tp = matches(&exp, &got);
	printf("  heal corpus %-18s expected %4zu extracted %4zu matched %4zu"
	       "  precision %.3f recall %.3f\n", name, exp.n, got.n, tp,
	       got.n ? (double)tp / got.n : 1.0, exp.n ? (double)tp / exp.n : 1.0);
	sc->files++;
	sc->exp += exp.n;
	sc->got += got.n;
	sc->tp += tp;
	rc = 0;
done:
	logread_free(r);
	heal_extract_free(x);
	keys_free(&exp);
	keys_free(&got);
	free(ok);
	free(in);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Scores every <name>.ok in dir; 0 when the directory was read. */
static int score_dir(const char *dir, struct score *sc)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *names[512];
	size_t n = 0, i;
	int rc = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL && n < 512) {
		size_t k = strlen(de->d_name);

		if (k > 3 && !strcmp(de->d_name + k - 3, ".ok"))
			names[n++] = strndup(de->d_name, k - 3);
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_str);
	for (i = 0; i < n; i++) {
		if (!names[i] || score_one(dir, names[i], sc))
			rc = -1;
		free(names[i]);
	}
	return rc;
}

static void check_score(const char *what, const struct score *sc, double p, double r)
{
	double prec = sc->got ? (double)sc->tp / sc->got : 0.0;
	double rec = sc->exp ? (double)sc->tp / sc->exp : 0.0;

	printf("  heal corpus %s: %zu files, expected %zu, extracted %zu, matched %zu:"
	       " precision %.4f recall %.4f\n", what, sc->files, sc->exp, sc->got,
	       sc->tp, prec, rec);
	if (prec < p || rec < r)
		unit_fail(__FILE__, __LINE__, "%s: precision %.4f (need %.2f), recall %.4f (need %.2f)",
		          what, prec, p, rec, r);
}

/* The shared corpus must be there: a missing corpus fails, it never skips. */
TEST(heal_corpus_errorformat)
{
	struct score sc = { 0 };
	const char *dir = UNIT_REPO "/../shared/corpus/errorformat";

	if (score_dir(dir, &sc)) {
		unit_fail(__FILE__, __LINE__, "cannot read the corpus %s", dir);
		return;
	}
	CHECK(sc.files >= 20);
	check_score("errorformat", &sc, 0.95, 0.90);
}

/* Scores the repository's directory rel (at least min_files logs). */
static void check_repo_dir(const char *rel, size_t min_files, double p, double r)
{
	struct score sc = { 0 };
	char dir[4096];

	snprintf(dir, sizeof(dir), "%s/%s", UNIT_REPO, rel);
	CHECK_INT(score_dir(dir, &sc), 0);
	CHECK(sc.files >= min_files);
	check_score(rel, &sc, p, r);
}

/* Our own realistic CI logs (tests/heal): the rules generalise beyond
 * the corpus they were checked against. */
TEST(heal_corpus_own_logs)
{
	check_repo_dir("tests/heal", 5, 0.95, 0.95);
}

/* Real output of real tools run here (tests/heal/capture/<tool>/capture.sh),
 * expected entries taken from each tool's own machine-readable output
 * (JSON, XML, junit): the check that the rules generalise. */
TEST(heal_corpus_real_tools)
{
	check_repo_dir("tests/heal/real", 30, 0.95, 0.90);
}
