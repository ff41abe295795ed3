/* heal_report.c - what `ship heal` reports: outputs, annotations, step summary, comment text, state. */
#include "heal_int.h"
#include "core/err.h"
#include "core/log.h"
#include "rt/annot.h"
#include "rt/ghcmd.h"
#include "rt/summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HEAL_STATE_ENTRIES 100
#define HEAL_SUMMARY_FINDINGS 30

static const char *S(const char *s)
{
	return s ? s : "";
}

int heal_report_outputs(struct heal_ctx *h)
{
	struct rt_result *r = h->rt->result;

	if (rt_result_output(r, "verdict", h->d.verdict) ||
	    rt_result_output(r, "kind", heal_kind_name(h->d.kind)) ||
	    rt_result_output(r, "domain", heal_domain_name(h->d.domain)) ||
	    rt_result_output(r, "agent", S(h->agent)) ||
	    rt_result_output(r, "rerun", h->d.action == HEAL_ACT_RERUN && !h->local ? "true" : "false") ||
	    rt_result_output(r, "prompt-file", S(h->prompt_file)))
		return err_set("out of memory");
	return 0;
}

/* ---- annotations -------------------------------------------------------- */

/* Runner paths (/home/runner/work/r/r/src/x.c) relative to the workspace. */
static const char *rel_path(const char *f)
{
	const char *ws = getenv("GITHUB_WORKSPACE");
	size_t n;

	if (!f || !ws || !*ws || f[0] != '/')
		return f;
	n = strlen(ws);
	while (n > 1 && ws[n - 1] == '/')
		n--;
	return !strncmp(f, ws, n) && f[n] == '/' ? f + n + 1 : f;
}

static int annotate_entry(struct annot_sink *s, const struct heal_job *j, const struct heal_entry *e)
{
	struct buf raw = BUF_INIT(BUF_MAX_MESSAGE), msg = BUF_INIT(2 * BUF_MAX_MESSAGE);
	struct buf rt = BUF_INIT(1024), title = BUF_INIT(2048);
	enum ghcmd_level lvl = e->sev == HEAL_SEV_WARNING ? GHCMD_WARNING :
			       e->sev == HEAL_SEV_NOTE ? GHCMD_NOTICE : GHCMD_ERROR;
	long prio = (e->sev == HEAL_SEV_ERROR ? 3000 : e->sev == HEAL_SEV_UNKNOWN ? 2000 : 1000) +
		    (e->line > 0 ? 100 : 0) + (e->code ? 10 : 0);
	struct ghcmd_props p;
	size_t i;
	int rc;

	memset(&p, 0, sizeof(p));
	buf_printf(&rt, "%s%s%s (%s)", e->tool, e->code ? " " : "", e->code ? e->code : "", j->name);
	buf_puts(&raw, e->message);
	for (i = 0; i < e->ncont && i < 8; i++)
		buf_printf(&raw, "\n%s", e->cont[i]);
	rt_untrusted_neutralize(&title, buf_cstr(&rt), rt.len);
	rt_untrusted_neutralize(&msg, buf_cstr(&raw), raw.len);
	p.title = buf_cstr(&title);
	p.file = rel_path(e->file);
	p.line = e->line;
	p.col = e->col;
	p.end_line = e->end_line;
	rc = annot_add(s, lvl, prio, &p, buf_cstr(&msg));
	buf_release(&raw);
	buf_release(&msg);
	buf_release(&rt);
	buf_release(&title);
	return rc;
}

/* The excerpts, printed raw between stop-commands markers so that
 * nothing in them can act as a workflow command. */
static int print_excerpts(const struct heal_ctx *h)
{
	struct rt_untrusted u;
	size_t i, k;
	int rc;

	if (!h->njobs)
		return 0;
	if ((rc = ghcmd_group(1, "ship heal: failure excerpts")) || (rc = rt_untrusted_begin(&u, 1)))
		return rc;
	for (i = 0; !rc && i < h->njobs; i++)
		for (k = 0; !rc && k < jv_len(h->jobs[i].excerpts); k++) {
			const struct jv *x = jv_at(h->jobs[i].excerpts, k);
			struct buf b = BUF_INIT(1u << 20);

			buf_printf(&b, "==> %s / %s\n%s\n", h->jobs[i].name, S(jv_get_str(x, "step")),
				   S(jv_get_str(x, "text")));
			rc = rt_untrusted_write(&u, buf_cstr(&b), b.len);
			buf_release(&b);
		}
	if ((i = (size_t)rt_untrusted_end(&u)) && !rc)
		rc = (int)i;
	return rc ? rc : ghcmd_endgroup(1);
}

/* ---- summary ------------------------------------------------------------ */

static void verdict_section(struct summary *s, const struct heal_ctx *h)
{
	static const char *const hdr[] = { "verdict", "kind", "domain", "agent", "re-run", "prompt" };
	const char *row[6];
	char title[256];

	summary_section(s, "verdict", SUMMARY_VERDICT);
	snprintf(title, sizeof(title), "ship heal: %s", h->d.verdict);
	summary_heading(s, 2, title);
	summary_para(s, h->duplicate ? h->dup_why : h->d.why);
	row[0] = h->d.verdict;
	row[1] = heal_kind_name(h->d.kind);
	row[2] = heal_domain_name(h->d.domain);
	row[3] = S(h->agent);
	row[4] = h->d.action == HEAL_ACT_RERUN && !h->local ? "yes" : "no";
	row[5] = h->prompt_file ? h->prompt_file : "-";
	summary_table(s, 6, hdr);
	summary_row(s, 6, row);
}

static void jobs_section(struct summary *s, const struct heal_ctx *h)
{
	static const char *const hdr[] = { "job", "failed steps", "kind", "rule", "signature", "log" };
	size_t i, k;

	if (!h->njobs)
		return;
	summary_section(s, "failed jobs", SUMMARY_HIGH);
	summary_heading(s, 3, "Failed jobs and steps");
	summary_table(s, 6, hdr);
	for (i = 0; i < h->njobs; i++) {
		const struct heal_job *j = &h->jobs[i];
		struct buf st = BUF_INIT(8192);
		const char *row[6];

		for (k = 0; k < jv_len(j->failed_steps); k++)
			buf_printf(&st, "%s%s", k ? "; " : "", S(jv_get_str(jv_at(j->failed_steps, k), "name")));
		for (k = 0; !jv_len(j->failed_steps) && k < jv_len(j->excerpts); k++)
			buf_printf(&st, "%s%s", k ? "; " : "", S(jv_get_str(jv_at(j->excerpts, k), "step")));
		row[0] = j->name;
		row[1] = st.len ? buf_cstr(&st) : "-";
		row[2] = heal_kind_name(j->v.kind);
		row[3] = S(j->v.rule);
		row[4] = j->v.signature ? j->v.signature : "-";
		row[5] = j->source;
		summary_row(s, 6, row);
		buf_release(&st);
	}
}

static void findings_section(struct summary *s, const struct heal_ctx *h)
{
	static const char *const hdr[] = { "location", "severity", "tool", "message" };
	size_t i, k, n = 0;

	for (i = 0; i < h->njobs; i++)
		n += h->jobs[i].entries.n;
	if (!n)
		return;
	summary_section(s, "findings", SUMMARY_NORMAL);
	summary_heading(s, 3, "Findings");
	summary_table(s, 4, hdr);
	for (i = 0, n = 0; i < h->njobs; i++)
		for (k = 0; k < h->jobs[i].entries.n && n < HEAL_SUMMARY_FINDINGS; k++, n++) {
			const struct heal_entry *e = &h->jobs[i].entries.v[k];
			char loc[1200], code[200];
			const char *row[4];

			snprintf(loc, sizeof(loc), "%s%s%.0ld", e->file ? e->file : "-",
				 e->line > 0 ? ":" : "", e->line > 0 ? e->line : 0);
			snprintf(code, sizeof(code), "%s%s%s", e->tool, e->code ? " " : "", S(e->code));
			row[0] = loc;
			row[1] = heal_sev_name(e->sev);
			row[2] = code;
			row[3] = e->message;
			summary_row(s, 4, row);
		}
}

static void excerpt_section(struct summary *s, const struct heal_ctx *h)
{
	size_t i, k;

	summary_section(s, "excerpts", SUMMARY_LOW);
	for (i = 0; i < h->njobs; i++)
		for (k = 0; k < jv_len(h->jobs[i].excerpts); k++) {
			const struct jv *x = jv_at(h->jobs[i].excerpts, k);
			const char *t = S(jv_get_str(x, "text"));
			char title[1200];

			snprintf(title, sizeof(title), "Excerpt: %s / %s", h->jobs[i].name,
				 S(jv_get_str(x, "step")));
			summary_details_begin(s, title);
			summary_code(s, "text", t, strlen(t));
			summary_details_end(s);
		}
}

static void done_section(struct summary *s, const struct heal_ctx *h, const size_t dropped[3])
{
	size_t i;

	summary_section(s, "what was done", SUMMARY_HIGH);
	summary_heading(s, 3, "What was done");
	if (!jv_len(h->actions))
		summary_para(s, "Nothing: no action was needed.");
	for (i = 0; i < jv_len(h->actions); i++) {
		struct buf b = BUF_INIT(2048);

		buf_printf(&b, "- %s", jv_str(jv_at(h->actions, i)));
		summary_para(s, buf_cstr(&b));
		buf_release(&b);
	}
	if (dropped)
		summary_dropped_annotations(s, dropped);
}

static void build_summary(struct summary *s, const struct heal_ctx *h, const size_t dropped[3])
{
	verdict_section(s, h);
	jobs_section(s, h);
	done_section(s, h, dropped);
	findings_section(s, h);
	excerpt_section(s, h);
}

int heal_report_markdown(struct heal_ctx *h, struct buf *out)
{
	struct summary s;
	int rc;

	summary_init(&s);
	build_summary(&s, h, NULL);
	rc = summary_render(&s, out, 60000);
	summary_free(&s);
	return rc;
}

int heal_report_github(struct heal_ctx *h)
{
	struct annot_sink sink;
	struct summary s;
	size_t i, k, dropped[3];
	int rc = 0, srd;

	annot_init(&sink);
	for (i = 0; !rc && i < h->njobs; i++)
		for (k = 0; !rc && k < h->jobs[i].entries.n; k++)
			if (h->jobs[i].entries.v[k].file)
				rc = annotate_entry(&sink, &h->jobs[i], &h->jobs[i].entries.v[k]);
	if (!rc)
		rc = print_excerpts(h);
	if (!rc)
		rc = annot_flush(&sink, 1);
	annot_dropped_all(&sink, dropped);
	summary_init(&s);
	build_summary(&s, h, dropped);
	/* The verdict stands without a summary: say so, do not fail. */
	if (!rc && (srd = summary_write(&s)) && srd != ERR_NOTFOUND)
		log_warn("step summary: %s", err_last());
	summary_free(&s);
	annot_free(&sink);
	return rc;
}

/* ---- state -------------------------------------------------------------- */

static struct jv *entry_json(const struct heal_entry *e)
{
	struct jv *o = jv_new_obj(), *c = jv_new_arr();
	size_t i;

	jv_set_str(o, "file", e->file);
	jv_set_int(o, "line", e->line);
	jv_set_int(o, "col", e->col);
	if (e->end_line)
		jv_set_int(o, "end_line", e->end_line);
	jv_set_str(o, "severity", heal_sev_name(e->sev));
	jv_set_str(o, "code", e->code);
	jv_set(o, "message", jv_new_str_lossy(e->message, strlen(e->message)));
	for (i = 0; i < e->ncont; i++)
		jv_push(c, jv_new_str_lossy(e->cont[i], strlen(e->cont[i])));
	jv_set(o, "continuation", c);
	jv_set_str(o, "tool", e->tool);
	jv_set_str(o, "rule", e->rule);
	jv_set(o, "step", jv_new_str_lossy(S(e->step), strlen(S(e->step))));
	jv_set_int(o, "log_line", (long long)e->log_line);
	return o;
}

static struct jv *job_json(const struct heal_job *j)
{
	struct jv *o = jv_new_obj(), *es = jv_new_arr();
	size_t i;

	if (j->id)
		jv_set_int(o, "id", j->id);
	jv_set(o, "name", jv_new_str_lossy(j->name, strlen(j->name)));
	jv_set_str(o, "conclusion", j->conclusion);
	jv_set_str(o, "url", j->url);
	jv_set_str(o, "log_source", j->source);
	jv_set(o, "failed_steps", j->failed_steps ? jv_ref(j->failed_steps) : jv_new_arr());
	jv_set_str(o, "kind", heal_kind_name(j->v.kind));
	jv_set_str(o, "domain", heal_domain_name(j->v.domain));
	jv_set_str(o, "rule", j->v.rule);
	jv_set_str(o, "signature", j->v.signature);
	jv_set_bool(o, "vetoed", j->v.vetoed);
	jv_set_bool(o, "retry_ok", j->v.retry_ok);
	for (i = 0; i < j->entries.n && i < HEAL_STATE_ENTRIES; i++)
		jv_push(es, entry_json(&j->entries.v[i]));
	jv_set(o, "entries", es);
	jv_set_int(o, "entries_dropped", (long long)(j->entries.dropped +
			(j->entries.n > HEAL_STATE_ENTRIES ? j->entries.n - HEAL_STATE_ENTRIES : 0)));
	jv_set(o, "excerpts", jv_ref(j->excerpts));
	return o;
}

struct jv *heal_report_state(struct heal_ctx *h)
{
	struct jv *doc = jv_new_obj(), *run = jv_new_obj(), *jobs = jv_new_arr();
	size_t i;

	if (!doc || !run || !jobs) {
		jv_free(doc);
		jv_free(run);
		jv_free(jobs);
		return NULL;
	}
	jv_set_str(run, "repo", h->repo);
	if (h->run_id)
		jv_set_int(run, "id", h->run_id);
	if (h->attempt)
		jv_set_int(run, "attempt", h->attempt);
	jv_set_str(run, "sha", h->sha);
	jv_set_str(run, "branch", h->branch);
	jv_set_str(run, "workflow", h->workflow);
	jv_set_str(run, "event", h->event);
	jv_set_str(run, "url", h->run_url);
	if (h->pr)
		jv_set_int(run, "pull_request", h->pr);
	jv_set(run, "changed_files", h->changed ? jv_ref(h->changed) : jv_new_arr());
	jv_set(doc, "run", run);
	jv_set_bool(doc, "local", h->local);
	jv_set_bool(doc, "dry_run", h->dry);
	jv_set_str(doc, "verdict", h->d.verdict);
	jv_set_str(doc, "kind", heal_kind_name(h->d.kind));
	jv_set_str(doc, "domain", heal_domain_name(h->d.domain));
	jv_set_str(doc, "agent", h->agent);
	jv_set_str(doc, "rule", h->d.rule);
	jv_set_str(doc, "signature", h->d.signature);
	jv_set_str(doc, "why", h->duplicate ? h->dup_why : h->d.why);
	jv_set_bool(doc, "rerun", h->d.action == HEAL_ACT_RERUN && !h->local);
	jv_set_bool(doc, "duplicate", h->duplicate);
	jv_set_str(doc, "prompt_file", h->prompt_file);
	jv_set_str(doc, "answer_file", h->answer_file);
	for (i = 0; i < h->njobs; i++)
		jv_push(jobs, job_json(&h->jobs[i]));
	jv_set(doc, "failed_jobs", jobs);
	jv_set(doc, "actions", jv_ref(h->actions));
	return doc;
}
