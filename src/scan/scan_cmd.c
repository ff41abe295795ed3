/* scan_cmd.c - `ship scan`: reports in, one verdict out (the command entry and its pipeline). */
#include "scan/scan.h"
#include "scan_exec.h"
#include "scan_int.h"
#include "locate.h"
#include "merge.h"
#include "report.h"
#include "sarif_out.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "core/manifest.h"
#include "rt/run.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#ifndef SHIP_VERSION
#define SHIP_VERSION "0.0.0-dev"
#endif

#define SCAN_MAX_DIR_REPORTS 1000

/* Records one ingested report in j->reports. */
static void note_report(struct scan_job *j, const char *name, enum scan_format fmt, size_t n)
{
	struct jv *o = jv_new_obj();

	jv_push(j->reports, o);
	jv_set(o, "name", jv_new_str_lossy(name, strlen(name)));
	jv_set_str(o, "format", scan_format_name(fmt));
	jv_set_int(o, "findings", (long long)n);
}

static int ingest_file(struct scan_job *j, const char *path, enum scan_format fmt, size_t max)
{
	enum scan_format got = fmt;
	size_t before = j->fs.n;
	int rc = scan_parse_file(path, fmt, max, &j->fs, &got);

	if (rc == ERR_TOOBIG)
		return err_setc(ERR_TOOBIG, "%s: larger than --max-report-size (%zu bytes)",
				path, max);
	if (rc)
		return rc;
	log_info("%s: %s report, %zu findings", path, scan_format_name(got), j->fs.n - before);
	note_report(j, path, got, j->fs.n - before);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_report_name(const char *n)
{
	size_t l = strlen(n);

	return n[0] != '.' && ((l > 5 && !strcmp(n + l - 5, ".json")) ||
			       (l > 6 && !strcmp(n + l - 6, ".sarif")));
}

/* Every *.json and *.sarif directly in dir, in name order. */
static int ingest_dir(struct scan_job *j, const char *dir, enum scan_format fmt, size_t max)
{
	char *names[SCAN_MAX_DIR_REPORTS], path[4096];
	struct dirent *e;
	size_t n = 0, i;
	DIR *d = opendir(dir);
	int rc = 0;

	if (!d)
		return err_setc(ERR_NOTFOUND, "--report %s: %s", dir, strerror(errno));
	while ((e = readdir(d)) && !rc) {
		if (!is_report_name(e->d_name))
			continue;
		if (n == SCAN_MAX_DIR_REPORTS)
			rc = err_setc(ERR_TOOBIG, "--report %s: more than %d reports", dir,
				      SCAN_MAX_DIR_REPORTS);
		else if (!(names[n++] = strdup(e->d_name)))
			rc = err_set("out of memory"), n--;
	}
	closedir(d);
	if (!rc && !n)
		rc = err_setc(ERR_NOTFOUND, "--report %s: no *.json or *.sarif reports in it", dir);
	qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		if (!rc && (size_t)snprintf(path, sizeof(path), "%s/%s", dir, names[i]) >= sizeof(path))
			rc = err_setc(ERR_USAGE, "--report %s: path too long", dir);
		if (!rc)
			rc = ingest_file(j, path, fmt, max);
		free(names[i]);
	}
	return rc;
}

static int ingest_report(struct scan_job *j, const char *path, enum scan_format fmt, size_t max)
{
	struct stat st;

	if (stat(path, &st))
		return err_setc(ERR_NOTFOUND, "--report %s: %s", path, strerror(errno));
	return S_ISDIR(st.st_mode) ? ingest_dir(j, path, fmt, max) : ingest_file(j, path, fmt, max);
}

static int ingest_run(struct scan_job *j, const char *name, size_t max, long timeout)
{
	const struct scan_scanner *s;
	struct buf out = BUF_INIT(max);
	struct jv *doc = NULL;
	size_t before = j->fs.n;
	char label[64];
	int rc;

	if ((rc = scan_scanner_find(name, &s)))
		return rc;
	snprintf(label, sizeof(label), "%s output", s->name);
	if (!(rc = scan_exec(s, j->root, timeout, &out)) &&
	    !(rc = jv_parse(&doc, buf_cstr(&out), out.len, max, label)) &&
	    !(rc = scan_parse_doc(doc, label, s->fmt, &j->fs))) {
		log_info("%s: %zu findings", label, j->fs.n - before);
		note_report(j, label, s->fmt, j->fs.n - before);
	}
	jv_free(doc);
	buf_release(&out);
	return rc;
}

/* The ignore file: the default is looked up in the repository root and
 * may be absent; a path given by the user must exist. */
static int load_ignores(struct rt_ctx *ctx, struct scan_job *j, char *path, size_t pathsz)
{
	struct opt_value *v = opt_find(ctx->opts, "ignore-file");
	const char *p = opt_str(ctx->opts, "ignore-file");
	int rc, dflt = !v || v->src <= OPT_SRC_DEFAULT;

	if (!p || !*p)
		return 0;
	if (dflt && p[0] != '/' && strcmp(j->root, "."))
		snprintf(path, pathsz, "%s/%s", j->root, p);
	else
		snprintf(path, pathsz, "%s", p);
	rc = ignore_load(&j->ign, path);
	if (rc == ERR_NOTFOUND && dflt)
		return 0;
	if (rc)
		return rc == ERR_NOTFOUND ? err_setc(ERR_NOTFOUND, "--ignore-file %s: no such file", path)
					  : rc;
	j->ignore_path = path;
	return 0;
}

static int read_options(struct rt_ctx *ctx, struct scan_job *j, enum scan_format *fmt,
			size_t *max, long *timeout)
{
	const char *s;
	long m;
	int rc;

	if (ctx->opts->nrest)
		return err_setc(ERR_USAGE, "unexpected argument '%s' (reports go with --report)",
				ctx->opts->rest[0]);
	j->root = opt_str(ctx->opts, "repo-root");
	if (!j->root || !*j->root)
		j->root = ".";
	if ((rc = policy_parse_fail_on(opt_str(ctx->opts, "fail-on"), &j->pol)))
		return rc;
	j->pol.only_fixed = opt_flag(ctx->opts, "only-fixed");
	*fmt = SCAN_FMT_AUTO;
	if ((s = opt_str(ctx->opts, "format-in")) && (rc = scan_format_parse(s, fmt)))
		return rc;
	m = opt_int(ctx->opts, "max-report-size", BUF_MAX_JSON);
	if (m < 1024 || m > (long)BUF_MAX_JSON)
		return err_setc(ERR_USAGE, "--max-report-size: %ld is not between 1024 and %u",
				m, BUF_MAX_JSON);
	*max = (size_t)m;
	*timeout = opt_int(ctx->opts, "run-timeout", 1800);
	if (*timeout < 0 || *timeout > 7 * 86400)
		return err_setc(ERR_USAGE, "--run-timeout: %ld is not between 0 (no limit) and "
				"604800 seconds (7 days)", *timeout);
	j->self_mode = opt_flag(ctx->opts, "self");
	j->sarif_path = opt_str(ctx->opts, "sarif");
	if (j->sarif_path && !*j->sarif_path)
		j->sarif_path = NULL;
	return 0;
}

static int ingest_all(struct rt_ctx *ctx, struct scan_job *j, enum scan_format fmt,
		      size_t max, long timeout)
{
	size_t nrep = 0, nrun = 0, i;
	char *const *rep = opt_list(ctx->opts, "report", &nrep);
	char *const *run = opt_list(ctx->opts, "run", &nrun);
	const struct scan_scanner *s;
	int rc = 0;

	if (!nrep && !nrun)
		return err_setc(ERR_USAGE, "nothing to scan: give --report FILE|DIR or --run SCANNER");
	for (i = 0; !rc && i < nrun; i++)
		rc = scan_scanner_find(run[i], &s); /* every name checked before any runs */
	for (i = 0; !rc && i < nrep; i++)
		rc = ingest_report(j, rep[i], fmt, max);
	for (i = 0; !rc && i < nrun; i++)
		rc = ingest_run(j, run[i], max, timeout);
	return rc;
}

static int write_sarif(struct scan_job *j, int dry)
{
	struct sarif_opts so = { j->root, "ship", SHIP_VERSION, NULL };
	struct buf b = BUF_INIT(BUF_MAX_JSON);
	struct jv *doc = NULL;
	int rc;

	if ((rc = sarif_build(&doc, &j->fs, &so, &j->sarif_dropped)))
		return err_wrap("building SARIF");
	j->sarif_results = jv_len(jv_get(jv_at(jv_get(doc, "runs"), 0), "results"));
	if (!(rc = jv_dump(&b, doc, 0)) && !(rc = buf_putc(&b, '\n') ? ERR_TOOBIG : 0) && !dry)
		rc = fs_write_atomic(j->sarif_path, b.ptr, b.len, 0644);
	if (rc)
		err_wrap("writing --sarif %s", j->sarif_path);
	if (j->sarif_dropped && doc)
		log_warn("SARIF: %s", sarif_left_out_note(doc));
	jv_free(doc);
	buf_release(&b);
	return rc;
}

/* The self check replaces the findings by those about ship's components. */
static int apply_self(struct scan_job *j)
{
	if (findings_merge(&j->fs) ||
	    scan_self_filter(ship_components, SHIP_VERSION, &j->fs, &j->na, &j->self))
		return err_set("out of memory");
	log_info("--self: %zu findings apply to ship %s, %zu are about another version of a "
		 "component, %zu are about other packages", j->self.applies, SHIP_VERSION,
		 j->self.other_version, j->self.unrelated);
	return 0;
}

static int analyse(struct rt_ctx *ctx, struct scan_job *j, char *ipath, size_t ipathsz)
{
	int rc;

	if (j->self_mode) {
		if ((rc = apply_self(j)))
			return rc;
	} else if ((rc = scan_locate_all(j->root, &j->fs)) < 0) {
		return err_wrap("locating packages under %s", j->root);
	}
	if (findings_merge(&j->fs))
		return err_set("out of memory");
	if ((rc = load_ignores(ctx, j, ipath, ipathsz)))
		return rc;
	policy_today(j->today);
	policy_apply(&j->pol, &j->ign, &j->fs, j->today, &j->pr);
	return 0;
}

static void log_blocking(const struct scan_job *j)
{
	struct buf b = BUF_INIT(4096);
	size_t i, shown = 0;

	for (i = 0; i < j->fs.n; i++) {
		if (!(j->fs.v[i].flags & FINDING_BLOCKING))
			continue;
		if (++shown > 20) {
			log_info("... and %zu more blocking findings", j->pr.blocking - 20);
			break;
		}
		buf_reset(&b);
		scan_label(&b, &j->fs.v[i]);
		log_info("blocking: %s", buf_cstr(&b));
	}
	for (i = 0; i < j->ign.n; i++)
		if (j->ign.v[i].expired)
			log_warn("ignore entry %s expired on %s: it ignores nothing now",
				 j->ign.v[i].id, j->ign.v[i].expires);
	buf_release(&b);
}

static int set_result(struct rt_ctx *ctx, const struct scan_job *j)
{
	struct rt_result *r = ctx->result;
	static const char *const out_names[] = { "low", "medium", "high", "critical" };
	char n[32];
	size_t i, total = 0;
	int block = j->pr.blocking > 0;

	for (i = 0; i < SEV_COUNT; i++)
		total += j->pr.counts[i];
	rt_result_set(r, block ? RT_FAIL : RT_PASS, block ? "blocked" : "pass",
		      "%zu blocking of %zu findings (critical %zu, high %zu, medium %zu, low %zu; "
		      "%zu ignored; fail-on %s%s)", j->pr.blocking, total,
		      j->pr.counts[SEV_CRITICAL], j->pr.counts[SEV_HIGH], j->pr.counts[SEV_MEDIUM],
		      j->pr.counts[SEV_LOW], j->pr.ignored,
		      j->pol.fail_on == POLICY_NEVER ? "none" : sev_name((enum sev)j->pol.fail_on),
		      j->pol.only_fixed ? ", only fixed" : "");
	for (i = 0; i < 4; i++) {
		snprintf(n, sizeof(n), "%zu", j->pr.counts[SEV_LOW + i]);
		rt_result_output(r, out_names[i], n);
	}
	rt_result_output(r, "blocking", block ? "true" : "false");
	if (j->sarif_path)
		rt_result_output(r, "sarif-file", j->sarif_path);
	return rt_result_data(r, "scan", scan_data(j, 0)) ? err_set("out of memory") : 0;
}

static int save_state(struct rt_ctx *ctx, const struct scan_job *j)
{
	struct jv *doc = scan_data(j, 1);
	int rc;

	if (!doc)
		return err_set("out of memory");
	rc = state_save(ctx->state, "scan", doc);
	jv_free(doc);
	return rc ? err_wrap("writing scan state") : 0;
}

static void scan_job_free(struct scan_job *j)
{
	findings_free(&j->fs);
	findings_free(&j->na);
	ignore_free(&j->ign);
	jv_free(j->reports);
}

/* Annotations and the summary: only where a runner reads them. */
static int emit_github(struct rt_ctx *ctx, const struct scan_job *j)
{
	size_t dropped[3] = { 0, 0, 0 };
	int rc;

	if (ctx->format != RT_FMT_GITHUB)
		return 0;
	if ((rc = scan_annotate(j, dropped)) < 0)
		return rc;
	/* The verdict stands without a summary: say so, do not fail. */
	if ((rc = scan_summary(j, dropped)) && rc != ERR_NOTFOUND)
		log_warn("%s", err_last());
	return 0;
}

/* Milliseconds since the first call, for -v timings of each stage. */
static long elapsed_ms(void)
{
	static struct timespec t0;
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	if (!t0.tv_sec && !t0.tv_nsec)
		t0 = t;
	return (long)(t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000;
}

int scan_run(struct rt_ctx *ctx)
{
	struct scan_job j;
	enum scan_format fmt;
	char ipath[4096];
	size_t max = BUF_MAX_JSON;
	long timeout = 0;
	int rc;

	memset(&j, 0, sizeof(j));
	if (!(j.reports = jv_new_arr()))
		return err_set("out of memory");
	elapsed_ms();
	if ((rc = read_options(ctx, &j, &fmt, &max, &timeout)) ||
	    (rc = ingest_all(ctx, &j, fmt, max, timeout)))
		goto done;
	log_debug("reports read: %ld ms", elapsed_ms());
	if ((rc = analyse(ctx, &j, ipath, sizeof(ipath))))
		goto done;
	log_debug("located, merged, policy applied: %ld ms", elapsed_ms());
	if (j.sarif_path && (rc = write_sarif(&j, ctx->check_mode)))
		goto done;
	log_blocking(&j);
	if ((rc = set_result(ctx, &j)) || (rc = emit_github(ctx, &j)))
		goto done;
	log_debug("outputs written: %ld ms", elapsed_ms());
	rc = save_state(ctx, &j);
	log_debug("state written: %ld ms", elapsed_ms());
done:
	scan_job_free(&j);
	return rc;
}
