/* sarif_out.c - findings as SARIF 2.1.0 with GitHub's fingerprints and limits. */
#include "sarif_out.h"
#include "fingerprint.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../core/fs.h"
#include "../core/gz.h"
#include "../core/jv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Line hashes of one file, computed once. */
struct fphashes {
	char *rel;
	char **line;  /* line[i] = hash of line i+1; NULL list when unreadable */
	size_t n, cap;
};

struct fpcache {
	struct fphashes *v;
	size_t n, cap;
};

static void collect(size_t line, const char *hash, void *ctx)
{
	struct fphashes *h = ctx;

	if (line != h->n + 1)
		return;
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		char **v = realloc(h->line, cap * sizeof(*v));

		if (!v)
			return;
		h->line = v;
		h->cap = cap;
	}
	if ((h->line[h->n] = strdup(hash)))
		h->n++;
}

/* The file's hashes (reading it on first use); NULL when unreadable. */
static const struct fphashes *fp_file(struct fpcache *c, const char *root, const char *rel)
{
	struct buf b = BUF_INIT(BUF_MAX_JSON);
	struct fphashes *h;
	char path[4096];
	size_t i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].rel, rel))
			return c->v[i].n ? &c->v[i] : NULL;
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		struct fphashes *v = realloc(c->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		c->v = v;
		c->cap = cap;
	}
	h = &c->v[c->n];
	memset(h, 0, sizeof(*h));
	if (!(h->rel = strdup(rel)))
		return NULL;
	c->n++;
	if (!root || *rel == '/' || strstr(rel, "..") || strstr(rel, "://"))
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if (fs_read(&b, path) == 0)
		fingerprint_lines(b.ptr ? b.ptr : "", b.len, collect, h);
	err_clear();
	buf_release(&b);
	return h->n ? h : NULL;
}

static void fp_free(struct fpcache *c)
{
	size_t i, j;

	for (i = 0; i < c->n; i++) {
		for (j = 0; j < c->v[i].n; j++)
			free(c->v[i].line[j]);
		free(c->v[i].line);
		free(c->v[i].rel);
	}
	free(c->v);
}

static const char *level(enum sev s)
{
	return s >= SEV_HIGH ? "error" : s == SEV_MEDIUM ? "warning" : "note";
}

/* security-severity: the CVSS score, else Trivy's fallbacks; NULL for none. */
static const char *sec_sev(const struct finding *f, char buf[8])
{
	static const char *const fallback[SEV_COUNT] = {
		NULL, NULL, "2.0", "5.5", "8.0", "9.5"
	};

	if (f->cvss_score >= 0.1 && f->cvss_score <= 10) {
		snprintf(buf, 8, "%.1f", f->cvss_score);
		return buf;
	}
	return fallback[f->severity < SEV_COUNT ? f->severity : 0];
}

/* A JSON string of at most max bytes, cut on a UTF-8 boundary. */
static struct jv *str_cap(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return jv_new_str_lossy(s, n);
	n = max - 3;
	while (n && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	{
		struct buf b = BUF_INIT(max + 1);
		struct jv *v;

		buf_add(&b, s, n);
		buf_puts(&b, "...");
		v = jv_new_str_lossy(buf_cstr(&b), b.len);
		buf_release(&b);
		return v;
	}
}

static struct jv *text_obj(const char *s, size_t max)
{
	struct jv *o = jv_new_obj();

	jv_set(o, "text", str_cap(s && *s ? s : "-", max));
	return o;
}

static struct jv *rule(const struct finding *f)
{
	struct jv *r = jv_new_obj(), *props = jv_new_obj(), *tags = jv_new_arr();
	struct buf help = BUF_INIT(BUF_MAX_MESSAGE);
	const char *title = f->title && *f->title ? f->title : f->id;
	char sb[8];
	const char *ss = sec_sev(f, sb);
	size_t i;

	jv_set_str(r, "id", f->id);
	jv_set_str(r, "name", f->kind == FINDING_SARIF ? "Finding" : "PackageVulnerability");
	jv_set(r, "shortDescription", text_obj(title, SARIF_MAX_FULL_DESC));
	jv_set(r, "fullDescription", text_obj(title, SARIF_MAX_FULL_DESC));
	buf_printf(&help, "Vulnerability %s\nSeverity: %s\n", f->id, sev_name(f->severity));
	for (i = 0; i < f->aliases.n; i++)
		buf_printf(&help, "%s%s", i ? ", " : "Aliases: ", f->aliases.v[i]);
	if (f->aliases.n)
		buf_putc(&help, '\n');
	if (f->url)
		buf_printf(&help, "More information: %s\n", f->url);
	jv_set(r, "help", text_obj(buf_cstr(&help), SARIF_MAX_MESSAGE));
	if (f->url)
		jv_set_str(r, "helpUri", f->url);
	if (ss)
		jv_set_str(props, "security-severity", ss);
	jv_set_str(props, "precision", "high");
	jv_push(tags, jv_new_str("security"));
	jv_push(tags, jv_new_str("vulnerability"));
	jv_push(tags, jv_new_str(sev_name(f->severity)));
	jv_set(props, "tags", tags);
	jv_set(r, "properties", props);
	buf_release(&help);
	return r;
}

static struct jv *location(const struct finding *f, const char *uri, long line)
{
	struct jv *loc = jv_new_obj(), *phys = jv_new_obj(), *art = jv_new_obj(),
		  *reg = jv_new_obj();

	jv_set(art, "uri", jv_new_str_lossy(uri, strlen(uri)));
	jv_set(phys, "artifactLocation", art);
	jv_set_int(reg, "startLine", line);
	jv_set_int(reg, "startColumn", 1);
	jv_set_int(reg, "endLine", line);
	jv_set_int(reg, "endColumn", 1);
	jv_set(phys, "region", reg);
	jv_set(loc, "physicalLocation", phys);
	return loc;
}

static struct jv *message(const struct finding *f)
{
	struct buf m = BUF_INIT(BUF_MAX_MESSAGE);
	struct jv *v;
	size_t i;

	if (f->package)
		buf_printf(&m, "%s %s: ", f->package, f->installed ? f->installed : "(version unknown)");
	buf_printf(&m, "%s (%s)", f->id, sev_name(f->severity));
	if (f->title)
		buf_printf(&m, " %s", f->title);
	for (i = 0; i < f->fixed.n; i++)
		buf_printf(&m, "%s%s", i ? ", " : ". Fixed in: ", f->fixed.v[i]);
	if (buf_failed(&m)) /* cut at the cap: keep what fits */
		m.failed = 0;
	v = text_obj(buf_cstr(&m), SARIF_MAX_MESSAGE);
	buf_release(&m);
	return v;
}

static void fingerprint(struct jv *res, struct fpcache *c, const char *root,
			const struct finding *f, const char *uri, long line)
{
	const struct fphashes *h = fp_file(c, root, uri);
	struct jv *pf = jv_new_obj();
	char hash[40];

	if (h && (size_t)line <= h->n) {
		jv_set_str(pf, "primaryLocationLineHash", h->line[line - 1]);
	} else {
		struct buf b = BUF_INIT(1 << 20);

		buf_printf(&b, "%s\n%s@%s\n%s", f->id, f->package ? f->package : "",
			   f->installed ? f->installed : "", f->target ? f->target : "");
		if (fingerprint_line(buf_cstr(&b), b.len, 1, hash) == 0)
			jv_set_str(pf, "primaryLocationLineHash", hash);
		buf_release(&b);
	}
	jv_set(res, "partialFingerprints", pf);
}

/* Findings ordered by priority: severity, then CVSS (highest first), stable. */
struct order {
	const struct finding *f;
	size_t i;
};

static int by_priority(const void *a, const void *b)
{
	const struct order *x = a, *y = b;
	double cx = x->f->cvss_score, cy = y->f->cvss_score;

	if (x->f->severity != y->f->severity)
		return x->f->severity > y->f->severity ? -1 : 1;
	if (cx != cy)
		return cx > cy ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* id -> rule index, open addressing over a power-of-two table. */
struct rulemap {
	const char **ids;
	size_t *idx;
	size_t cap;
};

static size_t rule_slot(const struct rulemap *m, const char *id)
{
	size_t h = 5381;
	const char *p;

	for (p = id; *p; p++)
		h = h * 33 + (unsigned char)*p;
	for (h &= m->cap - 1; m->ids[h] && strcmp(m->ids[h], id); h = (h + 1) & (m->cap - 1))
		;
	return h;
}

/* Every result and rule, built once; a document takes a prefix of each. */
struct parts {
	struct jv *res, *rules;
	size_t *nrules; /* nrules[k] = rules the first k results refer to */
	size_t n;       /* results offered (after the count cap) */
	size_t total;   /* findings not ignored */
};

static int results(struct parts *p, const struct order *o, const struct sarif_opts *opt,
		   struct rulemap *m)
{
	struct fpcache fc = { 0 };
	size_t i, nrules = 0;

	p->res = jv_new_arr();
	p->rules = jv_new_arr();
	if (!(p->nrules = calloc(p->n + 1, sizeof(*p->nrules))))
		return err_set("out of memory");
	for (i = 0; i < p->n; i++) {
		const struct finding *f = o[i].f;
		size_t slot = rule_slot(m, f->id);
		const char *uri = f->file ? f->file : f->target ? f->target : "unknown";
		long line = f->line > 0 ? f->line : 1;
		struct jv *res = jv_new_obj(), *locs = jv_new_arr();

		if (!m->ids[slot]) {
			m->ids[slot] = f->id;
			m->idx[slot] = nrules++;
			jv_push(p->rules, rule(f));
		}
		jv_set_str(res, "ruleId", f->id);
		jv_set_int(res, "ruleIndex", (long long)m->idx[slot]);
		jv_set_str(res, "level", level(f->severity));
		jv_set(res, "message", message(f));
		jv_push(locs, location(f, uri, line));
		jv_set(res, "locations", locs);
		fingerprint(res, &fc, opt->root, f, uri, line);
		jv_push(p->res, res);
		p->nrules[i + 1] = nrules;
	}
	fp_free(&fc);
	return 0;
}

static void parts_free(struct parts *p)
{
	jv_free(p->res);
	jv_free(p->rules);
	free(p->nrules);
}

static struct jv *prefix(const struct jv *arr, size_t k)
{
	struct jv *a = jv_new_arr();
	size_t i;

	for (i = 0; i < k; i++)
		jv_push(a, jv_ref(jv_at(arr, i)));
	return a;
}

/* Says in the run why `left` results are missing. */
static void left_out(struct jv *run, size_t left, size_t total, size_t max_gzip)
{
	struct jv *inv = jv_new_obj(), *nots = jv_new_arr(), *n = jv_new_obj(),
		  *d = jv_new_obj(), *props = jv_new_obj(), *invs = jv_new_arr();
	char text[512];

	snprintf(text, sizeof(text), "%zu of %zu results (the least severe, then lowest CVSS) "
		 "were left out to stay within GitHub code scanning's limits: at most %d "
		 "results per run and %zu bytes gzip-compressed per file", left, total,
		 SARIF_MAX_RESULTS, max_gzip);
	jv_set_str(d, "id", "ship/sarif-limit");
	jv_set_str(n, "level", "warning");
	jv_set(n, "descriptor", d);
	jv_set(n, "message", text_obj(text, sizeof(text)));
	jv_push(nots, n);
	jv_set_bool(inv, "executionSuccessful", 1);
	jv_set(inv, "toolExecutionNotifications", nots);
	jv_push(invs, inv);
	jv_set(run, "invocations", invs);
	jv_set_int(props, "resultsLeftOut", (long long)left);
	jv_set_int(props, "resultsTotal", (long long)total);
	jv_set(run, "properties", props);
}

/* The document with the first k results. */
static struct jv *document(const struct parts *p, size_t k, const struct sarif_opts *opt,
			   size_t max_gzip)
{
	struct jv *doc = jv_new_obj(), *run = jv_new_obj(), *tool = jv_new_obj(),
		  *driver = jv_new_obj(), *runs = jv_new_arr();

	jv_set_str(doc, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	jv_set_str(doc, "version", "2.1.0");
	jv_set_str(driver, "name", opt->tool_name ? opt->tool_name : "ship");
	if (opt->tool_version)
		jv_set_str(driver, "version", opt->tool_version);
	jv_set(run, "results", prefix(p->res, k));
	jv_set(driver, "rules", prefix(p->rules, p->nrules[k]));
	jv_set(tool, "driver", driver);
	jv_set(run, "tool", tool);
	if (opt->category) {
		struct jv *rad = jv_new_obj();
		char id[512];

		snprintf(id, sizeof(id), "%s/", opt->category);
		jv_set_str(rad, "id", id);
		jv_set(run, "automationDetails", rad);
	}
	if (k < p->total)
		left_out(run, p->total - k, p->total, max_gzip);
	jv_push(runs, run);
	jv_set(doc, "runs", runs);
	return doc;
}

/* The gzip size of the document as written; SIZE_MAX when over BUF_MAX_JSON. */
static int gz_doc(const struct jv *doc, size_t *size)
{
	struct buf b = BUF_INIT(BUF_MAX_JSON);
	int rc = 0;

	if (jv_dump(&b, doc, 0) || buf_putc(&b, '\n'))
		*size = (size_t)-1;
	else
		rc = gz_size(b.ptr, b.len, size);
	buf_release(&b);
	return rc;
}

static size_t max_gzip(size_t max)
{
	const char *env = getenv(SARIF_TEST_GZIP_ENV);
	char *end;
	unsigned long long v;

	if (max)
		return max < SARIF_MAX_GZIP ? max : SARIF_MAX_GZIP;
	if (env && *env) {
		v = strtoull(env, &end, 10);
		if (!*end && v > 0 && v <= SARIF_MAX_GZIP)
			return (size_t)v;
	}
	return SARIF_MAX_GZIP;
}

/* The next count to try between lo (fits) and hi (too big, size sz). */
static size_t next_k(size_t lo, size_t hi, size_t sz, size_t max, int first)
{
	size_t k = (lo + hi) / 2;

	if (first && sz != (size_t)-1) /* proportional guess, 2% under */
		k = (size_t)((double)hi * ((double)max / (double)sz) * 0.98);
	return k <= lo ? lo + (hi - lo) / 2 : k >= hi ? hi - 1 : k;
}

/*
 * The most results (a prefix, by priority) whose document fits max bytes
 * gzipped: the first guess is proportional, then a bisection stopped at
 * 1% of the count (or 10 tries) keeps the cost to a few compressions.
 */
static int fit(struct jv **out, const struct parts *p, const struct sarif_opts *opt,
	       size_t max)
{
	size_t lo = 0, hi = p->n, k = p->n, sz = 0, szhi = 0, tries = 0;
	struct jv *best = NULL, *doc;
	int rc;

	for (;;) {
		doc = document(p, k, opt, max);
		if ((rc = gz_doc(doc, &sz))) {
			jv_free(doc);
			goto done;
		}
		tries++;
		if (sz <= max) {
			jv_free(best);
			best = doc;
			lo = k;
		} else {
			jv_free(doc);
			if (k == 0) {
				rc = err_setc(ERR_TOOBIG, "SARIF: %zu bytes gzip-compressed without "
					      "any result, over the limit of %zu", sz, max);
				goto done;
			}
			hi = k;
			szhi = sz;
		}
		if (k == p->n && best)
			break;
		if (hi - lo <= 1 || (best && ((hi - lo) * 100 <= p->n || tries >= 10)))
			break;
		k = next_k(lo, hi, szhi, max, tries == 1);
	}
	if (!best) { /* lo == 0 never measured */
		best = document(p, 0, opt, max);
		if ((rc = gz_doc(best, &sz)) == 0 && sz > max)
			rc = err_setc(ERR_TOOBIG, "SARIF: %zu bytes gzip-compressed without any "
				      "result, over the limit of %zu", sz, max);
	}
done:
	if (rc) {
		jv_free(best);
		best = NULL;
	}
	*out = best;
	return rc;
}

const char *sarif_left_out_note(const struct jv *doc)
{
	const struct jv *inv = jv_at(jv_get(jv_at(jv_get(doc, "runs"), 0), "invocations"), 0);
	const struct jv *n = jv_at(jv_get(inv, "toolExecutionNotifications"), 0);

	return jv_str(jv_get(jv_get(n, "message"), "text"));
}

int sarif_build(struct jv **out, const struct findings *fs, const struct sarif_opts *opt,
		size_t *dropped)
{
	return sarif_build_max(out, fs, opt, 0, dropped);
}

int sarif_build_max(struct jv **out, const struct findings *fs, const struct sarif_opts *opt,
		    size_t max, size_t *dropped)
{
	static const struct sarif_opts defaults = { 0 };
	struct order *o = calloc(fs->n + 1, sizeof(*o));
	struct rulemap m = { 0 };
	struct parts p = { 0 };
	struct jv *doc = NULL;
	size_t i;
	int rc;

	*out = NULL;
	if (!opt)
		opt = &defaults;
	for (m.cap = 64; m.cap < 2 * fs->n + 2; m.cap *= 2)
		;
	m.ids = calloc(m.cap, sizeof(*m.ids));
	m.idx = calloc(m.cap, sizeof(*m.idx));
	if (!o || !m.ids || !m.idx) {
		rc = err_set("out of memory");
		goto done;
	}
	for (i = 0; i < fs->n; i++)
		if (!(fs->v[i].flags & FINDING_IGNORED) && fs->v[i].id) {
			o[p.total].f = &fs->v[i];
			o[p.total].i = i;
			p.total++;
		}
	qsort(o, p.total, sizeof(*o), by_priority);
	/* rules <= results, so the rules cap holds with the results cap */
	p.n = p.total > SARIF_MAX_RESULTS ? SARIF_MAX_RESULTS : p.total;
	if ((rc = results(&p, o, opt, &m)) || (rc = fit(&doc, &p, opt, max_gzip(max))))
		goto done;
	if ((rc = sarif_check_limits(doc))) {
		jv_free(doc);
		goto done;
	}
	if (dropped)
		*dropped = p.total - jv_len(jv_get(jv_at(jv_get(doc, "runs"), 0), "results"));
	*out = doc;
done:
	parts_free(&p);
	free(o);
	free(m.ids);
	free(m.idx);
	return rc;
}
