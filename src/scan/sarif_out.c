/* sarif_out.c - findings as SARIF 2.1.0 with GitHub's fingerprints and limits. */
#include "sarif_out.h"
#include "fingerprint.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../core/fs.h"
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

/* Findings ordered by severity (highest first), stable. */
struct order {
	const struct finding *f;
	size_t i;
};

static int by_severity(const void *a, const void *b)
{
	const struct order *x = a, *y = b;

	if (x->f->severity != y->f->severity)
		return x->f->severity > y->f->severity ? -1 : 1;
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

static struct jv *results(const struct order *o, size_t n, const struct sarif_opts *opt,
			  struct jv *rules, struct rulemap *m)
{
	struct jv *arr = jv_new_arr();
	struct fpcache fc = { 0 };
	size_t i, nrules = 0;

	for (i = 0; i < n; i++) {
		const struct finding *f = o[i].f;
		size_t slot = rule_slot(m, f->id);
		const char *uri = f->file ? f->file : f->target ? f->target : "unknown";
		long line = f->line > 0 ? f->line : 1;
		struct jv *res = jv_new_obj(), *locs = jv_new_arr();

		if (!m->ids[slot]) {
			m->ids[slot] = f->id;
			m->idx[slot] = nrules++;
			jv_push(rules, rule(f));
		}
		jv_set_str(res, "ruleId", f->id);
		jv_set_int(res, "ruleIndex", (long long)m->idx[slot]);
		jv_set_str(res, "level", level(f->severity));
		jv_set(res, "message", message(f));
		jv_push(locs, location(f, uri, line));
		jv_set(res, "locations", locs);
		fingerprint(res, &fc, opt->root, f, uri, line);
		jv_push(arr, res);
	}
	fp_free(&fc);
	return arr;
}

int sarif_build(struct jv **out, const struct findings *fs, const struct sarif_opts *opt,
		size_t *dropped)
{
	static const struct sarif_opts defaults = { 0 };
	struct order *o = calloc(fs->n + 1, sizeof(*o));
	struct rulemap m = { 0 };
	struct jv *doc, *run, *tool, *driver, *rules;
	size_t i, n = 0;

	if (!opt)
		opt = &defaults;

	for (m.cap = 64; m.cap < 2 * fs->n + 2; m.cap *= 2)
		;
	m.ids = calloc(m.cap, sizeof(*m.ids));
	m.idx = calloc(m.cap, sizeof(*m.idx));
	if (!o || !m.ids || !m.idx) {
		free(o);
		free(m.ids);
		free(m.idx);
		return err_set("out of memory");
	}
	for (i = 0; i < fs->n; i++)
		if (!(fs->v[i].flags & FINDING_IGNORED) && fs->v[i].id) {
			o[n].f = &fs->v[i];
			o[n].i = i;
			n++;
		}
	qsort(o, n, sizeof(*o), by_severity);
	if (dropped)
		*dropped = n > SARIF_MAX_RESULTS ? n - SARIF_MAX_RESULTS : 0;
	if (n > SARIF_MAX_RESULTS)
		n = SARIF_MAX_RESULTS; /* rules <= results, so rules stay in bounds */
	doc = jv_new_obj();
	run = jv_new_obj();
	tool = jv_new_obj();
	driver = jv_new_obj();
	rules = jv_new_arr();
	jv_set_str(doc, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	jv_set_str(doc, "version", "2.1.0");
	jv_set_str(driver, "name", opt->tool_name ? opt->tool_name : "ship");
	if (opt->tool_version)
		jv_set_str(driver, "version", opt->tool_version);
	jv_set(run, "results", results(o, n, opt, rules, &m));
	jv_set(driver, "rules", rules);
	jv_set(tool, "driver", driver);
	jv_set(run, "tool", tool);
	if (opt->category) {
		struct jv *rad = jv_new_obj();
		char id[512];

		snprintf(id, sizeof(id), "%s/", opt->category);
		jv_set_str(rad, "id", id);
		jv_set(run, "automationDetails", rad);
	}
	jv_set(doc, "runs", jv_new_arr());
	jv_push(jv_get(doc, "runs"), run);
	free(o);
	free(m.ids);
	free(m.idx);
	*out = doc;
	return 0;
}
