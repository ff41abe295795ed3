/* scan_out.c - what `ship scan` shows in GitHub Actions: annotations and the step summary. */
#include "scan_int.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "rt/annot.h"
#include "rt/summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SUMMARY_MAX_ROWS 500

long scan_priority(const struct finding *f)
{
	long cvss = f->cvss_score >= 0 ? (long)(f->cvss_score * 10 + 0.5) : 0;

	return ((f->flags & FINDING_BLOCKING) ? 100000L : 0) + (long)f->severity * 1000 + cvss;
}

void scan_label(struct buf *out, const struct finding *f)
{
	buf_printf(out, "%s %s%s%s (%s", f->id ? f->id : "?", f->package ? f->package : "?",
		   f->installed ? "@" : "", f->installed ? f->installed : "", sev_name(f->severity));
	if (f->cvss_score >= 0)
		buf_printf(out, ", CVSS %.1f", f->cvss_score);
	buf_puts(out, ")");
	if (f->fixed.n) {
		size_t i;
		buf_puts(out, ", fixed in ");
		for (i = 0; i < f->fixed.n; i++)
			buf_printf(out, "%s%s", i ? ", " : "", f->fixed.v[i]);
	}
	if (f->file && f->line > 0)
		buf_printf(out, " [%s:%ld]", f->file, f->line);
	else if (f->file)
		buf_printf(out, " [%s]", f->file);
}

/* The annotation path of a file under the root. The runner resolves
 * relative paths against the workspace, so an absolute root inside
 * $GITHUB_WORKSPACE is made relative to it. */
static int ann_file(char *out, size_t sz, const struct scan_job *j, const char *file)
{
	const char *ws = getenv("GITHUB_WORKSPACE");
	size_t n;

	if (!strcmp(j->root, ".") || !strcmp(j->root, "./"))
		snprintf(out, sz, "%s", file);
	else
		snprintf(out, sz, "%s/%s", j->root, file);
	/* A path from another machine (an image layer, a scanner's temp
	 * dir) would put the annotation nowhere: only files that exist. */
	if (!fs_exists(out))
		return 0;
	if (out[0] != '/' || !ws || !*ws)
		return 1;
	n = strlen(ws);
	while (n > 1 && ws[n - 1] == '/')
		n--;
	if (!strncmp(out, ws, n) && out[n] == '/')
		memmove(out, out + n + 1, strlen(out + n + 1) + 1);
	return 1;
}

static int annotate_finding(struct annot_sink *s, const struct scan_job *j,
			    const struct finding *f)
{
	struct buf raw = BUF_INIT(BUF_MAX_MESSAGE), msg = BUF_INIT(2 * BUF_MAX_MESSAGE);
	struct buf rawt = BUF_INIT(1024), title = BUF_INIT(2048);
	struct ghcmd_props p;
	char file[4096];
	enum ghcmd_level lvl = (f->flags & FINDING_BLOCKING) ? GHCMD_ERROR
			       : f->severity >= SEV_MEDIUM ? GHCMD_WARNING : GHCMD_NOTICE;
	int rc;

	memset(&p, 0, sizeof(p));
	buf_printf(&rawt, "%s%s: %s", (f->flags & FINDING_BLOCKING) ? "blocking " : "",
		   sev_name(f->severity), f->id ? f->id : "?");
	scan_label(&raw, f);
	if (f->title)
		buf_printf(&raw, "\n%s", f->title);
	if (f->url)
		buf_printf(&raw, "\n%s", f->url);
	if (f->sources.n)
		buf_printf(&raw, "\nreported by %s%s", f->sources.v[0], f->sources.n > 1 ? " and others" : "");
	/* ghcmd escapes the text; defusing "::" and "##[" as well keeps it
	 * inert even if a reader splits the message on its lines. */
	rt_untrusted_neutralize(&title, buf_cstr(&rawt), rawt.len);
	rt_untrusted_neutralize(&msg, buf_cstr(&raw), raw.len);
	p.title = buf_cstr(&title);
	if (f->file && ann_file(file, sizeof(file), j, f->file)) {
		p.file = file;
		p.line = f->line > 0 ? f->line : 0;
	}
	rc = annot_add(s, lvl, scan_priority(f), &p, buf_cstr(&msg));
	buf_release(&msg);
	buf_release(&title);
	buf_release(&raw);
	buf_release(&rawt);
	return rc;
}

/* Expired entries are warnings (they block again); stale ones notices. */
static int annotate_rules(struct annot_sink *s, const struct scan_job *j)
{
	struct buf safe = BUF_INIT(8192);
	struct ghcmd_props p;
	char msg[2048];
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < j->ign.n; i++) {
		const struct ignore_rule *r = &j->ign.v[i];
		int stale = !r->expired && !r->matched;

		if (!r->expired && !stale)
			continue;
		memset(&p, 0, sizeof(p));
		p.title = r->expired ? "expired ignore entry" : "stale ignore entry";
		p.file = j->ignore_path;
		if (j->ignore_path && !strncmp(j->ignore_path, "./", 2))
			p.file = j->ignore_path + 2;
		p.line = r->line;
		if (r->expired)
			snprintf(msg, sizeof(msg), "Ignore entry %s%s%s expired on %s: it no longer "
				 "ignores anything (reason was: %s). Renew or remove it.", r->id,
				 r->package ? " for " : "", r->package ? r->package : "", r->expires,
				 r->reason);
		else
			snprintf(msg, sizeof(msg), "Ignore entry %s%s%s matches no finding: remove it "
				 "(reason was: %s).", r->id, r->package ? " for " : "",
				 r->package ? r->package : "", r->reason);
		buf_reset(&safe);
		rt_untrusted_neutralize(&safe, msg, strlen(msg));
		rc = annot_add(s, r->expired ? GHCMD_WARNING : GHCMD_NOTICE, 1000000L, &p,
			       buf_cstr(&safe));
	}
	buf_release(&safe);
	return rc;
}

int scan_annotate(const struct scan_job *j, size_t dropped[3])
{
	struct annot_sink s;
	size_t i;
	int rc = 0;

	annot_init(&s);
	rc = annotate_rules(&s, j);
	for (i = 0; !rc && i < j->fs.n; i++)
		if (!(j->fs.v[i].flags & FINDING_IGNORED))
			rc = annotate_finding(&s, j, &j->fs.v[i]);
	if (rc)
		rc = err_set("out of memory");
	else
		rc = annot_flush(&s, STDOUT_FILENO);
	annot_dropped_all(&s, dropped);
	annot_free(&s);
	return rc;
}

/* ---- step summary ---- */

static int cmp_prio(const void *a, const void *b)
{
	long pa = scan_priority(*(const struct finding *const *)a);
	long pb = scan_priority(*(const struct finding *const *)b);

	return pa < pb ? 1 : pa > pb ? -1 : 0;
}

/* Pointers to the findings with all of `want` flags and none of `skip`,
 * best first. Caller frees. */
static const struct finding **pick(const struct scan_job *j, unsigned want, unsigned skip,
				   size_t *n)
{
	const struct finding **v = malloc((j->fs.n + 1) * sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; v && i < j->fs.n; i++)
		if ((j->fs.v[i].flags & want) == want && !(j->fs.v[i].flags & skip))
			v[(*n)++] = &j->fs.v[i];
	if (v)
		qsort(v, *n, sizeof(*v), cmp_prio);
	return v;
}

static void join(struct buf *b, const struct strv *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		buf_printf(b, "%s%s", i ? ", " : "", l->v[i]);
}

static int finding_rows(struct summary *s, const struct finding **v, size_t n)
{
	static const char *const hdr[] = { "Severity", "ID", "Package", "Installed", "Fixed in",
					   "Location", "Title" };
	struct buf fixed = BUF_INIT(1 << 16), loc = BUF_INIT(4200), sev = BUF_INIT(64);
	size_t i;
	int rc = summary_table(s, 7, hdr);

	for (i = 0; !rc && i < n && i < SUMMARY_MAX_ROWS; i++) {
		const struct finding *f = v[i];
		const char *row[7];

		buf_reset(&fixed); buf_reset(&loc); buf_reset(&sev);
		join(&fixed, &f->fixed);
		if (f->file && f->line > 0)
			buf_printf(&loc, "%s:%ld", f->file, f->line);
		else if (f->file)
			buf_puts(&loc, f->file);
		else if (f->target)
			buf_puts(&loc, f->target);
		buf_puts(&sev, sev_name(f->severity));
		if (f->cvss_score >= 0)
			buf_printf(&sev, " (%.1f)", f->cvss_score);
		row[0] = buf_cstr(&sev);
		row[1] = f->id;
		row[2] = f->package;
		row[3] = f->installed;
		row[4] = fixed.len ? buf_cstr(&fixed) : "no fix";
		row[5] = buf_cstr(&loc);
		row[6] = f->title;
		rc = summary_row(s, 7, row);
	}
	if (!rc && n > SUMMARY_MAX_ROWS) {
		char note[160];
		snprintf(note, sizeof(note), "%zu more not listed here: the state file "
			 "(scan.json) has all of them.", n - SUMMARY_MAX_ROWS);
		rc = summary_para(s, note);
	}
	buf_release(&fixed); buf_release(&loc); buf_release(&sev);
	return rc;
}

static int verdict_section(struct summary *s, const struct scan_job *j)
{
	static const enum sev order[] = { SEV_CRITICAL, SEV_HIGH, SEV_MEDIUM, SEV_LOW, SEV_NONE,
					  SEV_UNKNOWN };
	static const char *const hdr[] = { "Severity", "Findings", "Blocking" };
	size_t blk[SEV_COUNT] = { 0 }, i;
	char md[512], a[32], b[32];
	int rc;

	for (i = 0; i < j->fs.n; i++)
		if (j->fs.v[i].flags & FINDING_BLOCKING)
			blk[j->fs.v[i].severity]++;
	summary_section(s, "verdict", SUMMARY_VERDICT);
	snprintf(md, sizeof(md), "### ship scan: %s\n\n**%zu blocking** finding%s "
		 "(fail-on `%s`%s), %zu ignored%s.", j->pr.blocking ? "blocked :x:" : "pass :white_check_mark:",
		 j->pr.blocking, j->pr.blocking == 1 ? "" : "s",
		 j->pol.fail_on == POLICY_NEVER ? "none" : sev_name((enum sev)j->pol.fail_on),
		 j->pol.only_fixed ? ", only fixed" : "", j->pr.ignored,
		 j->self_mode ? "; checked against ship's own components (`--self`)" : "");
	if ((rc = summary_markdown(s, md)) || (rc = summary_table(s, 3, hdr)))
		return rc;
	for (i = 0; !rc && i < sizeof(order) / sizeof(order[0]); i++) {
		const char *row[3] = { sev_name(order[i]), a, b };
		snprintf(a, sizeof(a), "%zu", j->pr.counts[order[i]]);
		snprintf(b, sizeof(b), "%zu", blk[order[i]]);
		rc = summary_row(s, 3, row);
	}
	return rc;
}

static int findings_section(struct summary *s, const struct scan_job *j, int blocking)
{
	const struct finding **v;
	size_t n;
	int rc = 0;

	v = blocking ? pick(j, FINDING_BLOCKING, FINDING_IGNORED, &n)
		     : pick(j, 0, FINDING_IGNORED | FINDING_BLOCKING, &n);
	if (!v)
		return -1;
	if (n) {
		summary_section(s, blocking ? "blocking findings" : "other findings",
				blocking ? SUMMARY_HIGH : SUMMARY_LOW);
		if (blocking)
			rc = summary_heading(s, 4, "Blocking findings");
		else
			rc = summary_details_begin(s, "Findings that do not block");
		if (!rc)
			rc = finding_rows(s, v, n);
		if (!rc && !blocking)
			rc = summary_details_end(s);
	}
	free(v);
	return rc;
}

static int rule_rows(struct summary *s, const struct scan_job *j, int which)
{
	static const char *const hdr[] = { "ID", "Package", "Reason", "Expires", "Line" };
	static const char *const head[] = { "Expired ignore entries (they ignore nothing now)",
					    "Stale ignore entries (they match no finding)",
					    "Ignore entries in use" };
	char line[24], used[48];
	size_t i, shown = 0;
	int rc = 0;

	for (i = 0; !rc && i < j->ign.n; i++) {
		const struct ignore_rule *r = &j->ign.v[i];
		int kind = r->expired ? 0 : !r->matched ? 1 : 2;
		const char *row[5];

		if (kind != which)
			continue;
		if (!shown++ && ((rc = summary_heading(s, 4, head[which])) ||
				 (rc = summary_table(s, 5, hdr))))
			break;
		snprintf(line, sizeof(line), "%u", r->line);
		snprintf(used, sizeof(used), "%s", r->expires[0] ? r->expires : "never");
		row[0] = r->id; row[1] = r->package; row[2] = r->reason;
		row[3] = used; row[4] = line;
		rc = summary_row(s, 5, row);
	}
	return rc;
}

static int ignore_section(struct summary *s, const struct scan_job *j)
{
	int rc;

	if (!j->ign.n)
		return 0;
	summary_section(s, "ignore list", SUMMARY_NORMAL);
	if ((rc = rule_rows(s, j, 0)) || (rc = rule_rows(s, j, 1)) || (rc = rule_rows(s, j, 2)))
		return rc;
	if (j->pr.ignored) {
		char p[96];
		snprintf(p, sizeof(p), "%zu finding%s ignored.", j->pr.ignored,
			 j->pr.ignored == 1 ? "" : "s");
		rc = summary_para(s, p);
	}
	return rc;
}

static int self_section(struct summary *s, const struct scan_job *j)
{
	const struct finding *v[SUMMARY_MAX_ROWS];
	char md[256];
	size_t i;
	int rc;

	if (!j->self_mode)
		return 0;
	summary_section(s, "self check", SUMMARY_NORMAL);
	snprintf(md, sizeof(md), "`--self`: %zu finding%s apply to ship's components; %zu "
		 "concern another version of a component (listed below, not counted); %zu other "
		 "packages were not considered.", j->self.applies, j->self.applies == 1 ? "" : "s",
		 j->self.other_version, j->self.unrelated);
	if ((rc = summary_markdown(s, md)) || !j->na.n)
		return rc;
	for (i = 0; i < j->na.n && i < SUMMARY_MAX_ROWS; i++)
		v[i] = &j->na.v[i];
	if ((rc = summary_details_begin(s, "Findings about other versions of ship's components")))
		return rc;
	rc = finding_rows(s, v, j->na.n < SUMMARY_MAX_ROWS ? j->na.n : SUMMARY_MAX_ROWS);
	return rc ? rc : summary_details_end(s);
}

static int reports_section(struct summary *s, const struct scan_job *j)
{
	static const char *const hdr[] = { "Report", "Format", "Findings" };
	size_t i;
	int rc;

	summary_section(s, "reports", SUMMARY_LOW);
	if ((rc = summary_details_begin(s, "Reports read")) || (rc = summary_table(s, 3, hdr)))
		return rc;
	for (i = 0; !rc && i < jv_len(j->reports); i++) {
		struct jv *r = jv_at(j->reports, i);
		char n[32];
		const char *row[3] = { jv_get_str(r, "name"), jv_get_str(r, "format"), n };
		long long k = 0;

		jv_int(jv_get(r, "findings"), &k);
		snprintf(n, sizeof(n), "%lld", k);
		rc = summary_row(s, 3, row);
	}
	if (!rc && j->sarif_path) {
		char p[4200];
		snprintf(p, sizeof(p), "SARIF written to %s (%zu results%s).", j->sarif_path,
			 j->sarif_results, j->sarif_dropped ? ", some left out over GitHub's limit" : "");
		rc = summary_para(s, p);
	}
	return rc ? rc : summary_details_end(s);
}

int scan_summary(const struct scan_job *j, size_t dropped[3])
{
	struct summary s;
	int rc;

	summary_init(&s);
	if ((rc = verdict_section(&s, j)) || (rc = findings_section(&s, j, 1)) ||
	    (rc = ignore_section(&s, j)) || (rc = self_section(&s, j)))
		goto done;
	summary_section(&s, "annotations", SUMMARY_NORMAL);
	if ((rc = summary_dropped_annotations(&s, dropped)) ||
	    (rc = findings_section(&s, j, 0)) || (rc = reports_section(&s, j)))
		goto done;
	rc = summary_write(&s);
	if (rc && rc != ERR_NOTFOUND)
		err_wrap("writing the step summary");
	else if (rc == ERR_NOTFOUND)
		log_debug("GITHUB_STEP_SUMMARY is not set: no step summary");
done:
	if (rc && rc != ERR_NOTFOUND && !*err_last())
		rc = err_set("building the step summary: out of memory");
	summary_free(&s);
	return rc;
}
