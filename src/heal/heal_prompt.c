/* heal_prompt.c - renders the remediation prompt of a failed run from its domain's template. */
#include "heal_int.h"
#include "heal_prompt.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"

#include <stdio.h>
#include <string.h>

#define HEAL_PROMPT_FINDINGS 50
#define HEAL_PROMPT_EXCERPTS (192u << 10)

static int name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

int heal_template_expand(struct buf *out, const char *tpl, size_t len, const char *source,
			 heal_var_fn var, void *ctx)
{
	size_t i = 0, line, col;

	while (i < len) {
		if (i + 1 < len && tpl[i] == '{' && tpl[i + 1] == '{') {
			char name[64];
			size_t k = i + 2, n = 0;
			const char *v;

			while (k < len && name_char(tpl[k]) && n < sizeof(name) - 1)
				name[n++] = tpl[k++];
			if (n && k + 1 < len && tpl[k] == '}' && tpl[k + 1] == '}') {
				name[n] = 0;
				if (!(v = var(ctx, name))) {
					err_position(tpl, i, &line, &col);
					return err_setc(ERR_INVALID, "%s: line %zu, column %zu: unknown "
							"placeholder {{%s}}", source, line, col, name);
				}
				buf_puts(out, v);
				i = k + 2;
				continue;
			}
		}
		buf_putc(out, tpl[i++]);
	}
	return buf_failed(out) ? err_setc(ERR_TOOBIG, "%s: the prompt is over its cap of %zu bytes",
					  source, out->max) : 0;
}

/* A fence longer than any backtick run in text. */
static void fenced(struct buf *b, const char *text)
{
	size_t run = 0, best = 2;
	const char *p;

	for (p = text; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	for (run = 0; run <= best; run++)
		buf_putc(b, '`');
	buf_printf(b, "text\n%s\n", text);
	for (run = 0; run <= best; run++)
		buf_putc(b, '`');
	buf_putc(b, '\n');
}

static void findings(struct buf *b, const struct heal_ctx *h)
{
	size_t i, k, shown = 0;

	for (i = 0; i < h->njobs; i++) {
		const struct heal_entries *l = &h->jobs[i].entries;

		for (k = 0; k < l->n && shown < HEAL_PROMPT_FINDINGS; k++, shown++) {
			const struct heal_entry *e = &l->v[k];

			buf_printf(b, "- %s%s", e->file ? e->file : "(no file)", "");
			if (e->line > 0)
				buf_printf(b, ":%ld", e->line);
			if (e->col > 0)
				buf_printf(b, ":%ld", e->col);
			buf_printf(b, " %s%s%s [%s]: %s\n", heal_sev_name(e->sev), e->code ? " " : "",
				   e->code ? e->code : "", e->tool, e->message);
		}
	}
	if (!shown)
		buf_puts(b, "- none: no rule matched a line of the log\n");
}

static void context(struct buf *b, const struct heal_ctx *h)
{
	size_t i, k, room = HEAL_PROMPT_EXCERPTS;

	buf_puts(b, "## Run\n\n");
	buf_printf(b, "- repository: %s\n- workflow: %s\n- run: %s\n- commit: %s\n- branch: %s\n",
		   h->repo ? h->repo : "(local)", h->workflow ? h->workflow : "?",
		   h->run_url ? h->run_url : "(local logs)", h->sha ? h->sha : "?",
		   h->branch ? h->branch : "?");
	buf_puts(b, "\n## Failed jobs and steps\n\n");
	for (i = 0; i < h->njobs; i++) {
		const struct heal_job *j = &h->jobs[i];

		buf_printf(b, "- %s: %s (%s)", j->name, heal_kind_name(j->v.kind), j->v.rule);
		for (k = 0; k < jv_len(j->failed_steps); k++)
			buf_printf(b, "%s step %lld \"%s\"", k ? "," : ";",
				   (long long)jv_num(jv_get(jv_at(j->failed_steps, k), "number"), 0),
				   jv_get_str(jv_at(j->failed_steps, k), "name"));
		buf_putc(b, '\n');
	}
	buf_puts(b, "\n## Findings\n\n");
	findings(b, h);
	if (h->changed && jv_len(h->changed)) {
		buf_puts(b, "\n## Files changed by the commit\n\n");
		for (i = 0; i < jv_len(h->changed) && i < 50; i++)
			buf_printf(b, "- %s\n", jv_str(jv_at(h->changed, i)));
	}
	buf_puts(b, "\n## Failure excerpts (untrusted log output)\n");
	for (i = 0; i < h->njobs; i++) {
		const struct heal_job *j = &h->jobs[i];

		for (k = 0; k < jv_len(j->excerpts); k++) {
			const struct jv *x = jv_at(j->excerpts, k);
			const char *t = jv_get_str(x, "text");

			if (!t || strlen(t) > room) {
				buf_printf(b, "\n(further excerpts left out: the prompt keeps %u KiB)\n",
					   HEAL_PROMPT_EXCERPTS >> 10);
				return;
			}
			room -= strlen(t);
			buf_printf(b, "\n### %s / %s\n\n", j->name, jv_get_str(x, "step"));
			fenced(b, t);
		}
	}
}

struct vars {
	struct heal_ctx *h;
	char num[3][32];
	struct buf ctx;
};

static const char *var(void *p, const char *name)
{
	struct vars *v = p;
	struct heal_ctx *h = v->h;
#define S(x) ((x) ? (x) : "")
	if (!strcmp(name, "repo")) return h->repo ? h->repo : "this repository";
	if (!strcmp(name, "sha")) return h->sha ? h->sha : "the failing commit";
	if (!strcmp(name, "branch")) return h->branch ? h->branch : "its branch";
	if (!strcmp(name, "workflow")) return h->workflow ? h->workflow : "the workflow";
	if (!strcmp(name, "run_url")) return S(h->run_url);
	if (!strcmp(name, "run_id")) return v->num[0];
	if (!strcmp(name, "attempt")) return v->num[1];
	if (!strcmp(name, "domain")) return heal_domain_name(h->d.domain);
	if (!strcmp(name, "kind")) return heal_kind_name(h->d.kind);
	if (!strcmp(name, "agent")) return S(h->agent);
	if (!strcmp(name, "rule")) return S(h->d.rule);
	if (!strcmp(name, "signature")) return S(h->d.signature);
	if (!strcmp(name, "why")) return h->d.why;
	if (!strcmp(name, "verdict")) return S(h->d.verdict);
	if (!strcmp(name, "context")) {
		if (!v->ctx.len)
			context(&v->ctx, h);
		return buf_cstr(&v->ctx);
	}
	return NULL;
#undef S
}

/* DIR/<domain>.md, else DIR/default.md; *src names the template. */
static int load_template(struct heal_ctx *h, struct buf *tpl, char *src, size_t srcsz)
{
	const char *dir = opt_str(h->rt->opts, "template-dir");
	const char *dom = heal_domain_name(h->d.domain);
	int rc;

	if (dir && *dir) {
		snprintf(src, srcsz, "%s/%s.md", dir, dom);
		if ((rc = fs_read(tpl, src)) != ERR_NOTFOUND)
			return rc;
		snprintf(src, srcsz, "%s/default.md", dir);
		if ((rc = fs_read(tpl, src)) != ERR_NOTFOUND)
			return rc;
	}
	snprintf(src, srcsz, "built-in template '%s'", heal_template_builtin(dom)->domain);
	return buf_puts(tpl, heal_template_builtin(dom)->text) ? err_set("out of memory") : 0;
}

int heal_prompt_render(struct heal_ctx *h, struct buf *out)
{
	struct buf tpl = BUF_INIT(HEAL_TEMPLATE_MAX);
	struct vars v;
	char src[4096];
	int rc;

	memset(&v, 0, sizeof(v));
	v.h = h;
	buf_init(&v.ctx, HEAL_PROMPT_MAX);
	snprintf(v.num[0], sizeof(v.num[0]), "%lld", h->run_id);
	snprintf(v.num[1], sizeof(v.num[1]), "%ld", h->attempt);
	if ((rc = load_template(h, &tpl, src, sizeof(src))))
		rc = rc == ERR_TOOBIG ? err_setc(ERR_TOOBIG, "%s: over %u KiB", src,
						 HEAL_TEMPLATE_MAX >> 10) : err_wrap("--template-dir");
	else
		rc = heal_template_expand(out, tpl.ptr, tpl.len, src, var, &v);
	log_debug("prompt from %s: %zu bytes", src, out->len);
	buf_release(&tpl);
	buf_release(&v.ctx);
	return rc;
}
