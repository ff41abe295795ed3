/* heal_cmd.c - `ship heal`: triage a failed run, then re-run it or hand off a remediation prompt. */
#include "heal/heal.h"
#include "heal_int.h"
#include "heal_prompt.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "rt/run.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_options(struct heal_ctx *h)
{
	struct opt_set *o = h->rt->opts;
	long lines = opt_int(o, "excerpt-lines", 200), bytes = opt_int(o, "excerpt-bytes", 65536);
	char *const *routes;
	size_t n, i;

	if (o->nrest)
		return err_setc(ERR_USAGE, "unexpected argument '%s' (logs go with --log)", o->rest[0]);
	if (lines < 1 || lines > 100000)
		return err_setc(ERR_USAGE, "--excerpt-lines: %ld is not between 1 and 100000", lines);
	if (bytes < 1024 || bytes > (16L << 20))
		return err_setc(ERR_USAGE, "--excerpt-bytes: %ld is not between 1024 and 16777216", bytes);
	if (opt_int(o, "rerun-budget", 2) < 1 || opt_int(o, "rerun-budget", 2) > 50)
		return err_setc(ERR_USAGE, "--rerun-budget: must be between 1 and 50 (GitHub's cap)");
	if (heal_llm_check(opt_str(o, "llm-url")))
		return ERR_USAGE;
	heal_excerpt_defaults(&h->xo);
	h->xo.max_lines = (size_t)lines;
	h->xo.max_bytes = (size_t)bytes;
	h->dry = opt_flag(o, "dry-run") || h->rt->check_mode;
	routes = opt_list(o, "route", &n);
	if (n && !(h->routes = calloc(n, sizeof(*h->routes))))
		return err_set("out of memory");
	for (i = 0; i < n; i++) {
		char *eq = strchr(routes[i], '=');

		if (!eq || eq == routes[i] || !eq[1])
			return err_setc(ERR_USAGE, "--route: '%s' is not DOMAIN=AGENT", routes[i]);
		*eq = 0; /* the option set owns the string; split it in place */
		h->routes[i].domain = routes[i];
		h->routes[i].agent = eq + 1;
	}
	h->nroutes = n;
	return 0;
}

static void decide(struct heal_ctx *h, int head)
{
	struct heal_verdict v[HEAL_MAX_JOBS];
	struct heal_decide_in in;
	size_t i;

	for (i = 0; i < h->njobs; i++)
		v[i] = h->jobs[i].v;
	in.v = v;
	in.n = h->njobs;
	in.attempt = h->local ? 0 : h->attempt;
	in.budget = opt_int(h->rt->opts, "rerun-budget", 2);
	in.head_current = head;
	heal_decide(&in, &h->d);
	h->agent = heal_route(h->d.domain, h->nroutes ? h->routes : NULL, h->nroutes);
	log_info("decision: %s (%s, %s, rule %s): %s", h->d.verdict, heal_kind_name(h->d.kind),
		 heal_domain_name(h->d.domain), h->d.rule ? h->d.rule : "-", h->d.why);
}

static int write_prompt(struct heal_ctx *h)
{
	struct buf p = BUF_INIT(HEAL_PROMPT_MAX + (1u << 20));
	struct opt_value *ov = opt_find(h->rt->opts, "prompt-file");
	const char *file = opt_str(h->rt->opts, "prompt-file");
	char dir[4096], *slash, def[4096];
	int rc;

	/* The default goes next to the state, wherever --state-dir puts it. */
	if (!file || !*file || !ov || ov->src <= OPT_SRC_DEFAULT) {
		snprintf(def, sizeof(def), "%s/heal-prompt.md",
			 h->rt->state_dir && *h->rt->state_dir ? h->rt->state_dir : "ship-state");
		file = def;
	}
	if ((rc = heal_prompt_render(h, &p)))
		goto done;
	if (!(h->prompt_file = strdup(file))) {
		rc = err_set("out of memory");
		goto done;
	}
	if (h->dry) {
		heal_action(h, "dry run: would write the %s prompt for agent %s to %s",
			    heal_domain_name(h->d.domain), h->agent, file);
		h->acted = 1;
		goto done;
	}
	snprintf(dir, sizeof(dir), "%s", file);
	if ((slash = strrchr(dir, '/')) && slash != dir) {
		*slash = 0;
		fs_mkdirs(dir, 0755);
	}
	if ((rc = fs_write_atomic(file, p.ptr, p.len, 0644))) {
		err_wrap("writing --prompt-file %s", file);
		goto done;
	}
	h->acted = 1;
	heal_action(h, "wrote the %s prompt for agent %s to %s (%zu bytes)",
		    heal_domain_name(h->d.domain), h->agent, file, p.len);
	if (heal_llm_send(h, p.ptr, p.len)) {
		log_warn("LLM: %s", err_last());
		heal_action(h, "could not get an answer from the LLM: %s", err_last());
	}
done:
	buf_release(&p);
	return rc;
}

/* Re-run (GitHub) or hand off a prompt. */
static int act(struct heal_ctx *h)
{
	int rc;

	if (h->d.action == HEAL_ACT_RERUN && h->local) {
		heal_action(h, "local logs: nothing to re-run here; re-run the job to retry");
		return 0;
	}
	if (h->d.action == HEAL_ACT_RERUN) {
		if ((rc = heal_rerun(h)) < 0)
			return rc;
		if (rc == 1)
			decide(h, 0);  /* the head moved on */
	}
	return h->d.action == HEAL_ACT_PROMPT ? write_prompt(h) : 0;
}

static int follow_up(struct heal_ctx *h)
{
	struct buf md = BUF_INIT(1u << 20);
	int rc = 0;

	if (opt_flag(h->rt->opts, "comment") && !h->local && !h->duplicate &&
	    !(rc = heal_report_markdown(h, &md)))
		rc = heal_comment(h, md.ptr);
	buf_release(&md);
	if (rc)
		return rc;
	/* A final failure: nothing was re-run, the failure stands. */
	if (h->d.action == HEAL_ACT_PROMPT && heal_webhook(h)) {
		log_warn("%s", err_last());
		heal_action(h, "could not post to the webhook: %s", err_last());
	}
	return 0;
}

static int finish(struct heal_ctx *h)
{
	struct rt_result *r = h->rt->result;
	struct jv *doc;
	int rc;

	if (h->duplicate) {
		h->d.verdict = "duplicate";
		h->d.why[0] = 0;
	}
	rt_result_set(r, h->d.failed ? RT_FAIL : RT_PASS, h->d.verdict, "%s%s%s",
		      h->duplicate ? h->dup_why : h->d.why, h->njobs && !h->duplicate ? "; agent " : "",
		      h->njobs && !h->duplicate ? h->agent : "");
	rt_result_changed(r, h->acted);
	if ((rc = heal_report_outputs(h)))
		return rc;
	if (h->rt->format == RT_FMT_GITHUB && (rc = heal_report_github(h)))
		return rc;
	if (!(doc = heal_report_state(h)))
		return err_set("out of memory");
	if (!(rc = heal_dedupe_record(h, doc)))
		rc = state_save(h->rt->state, "heal", doc);
	if (!rc)
		rc = rt_result_data(r, "heal", doc);
	else
		jv_free(doc), err_wrap("writing heal state");
	return rc;
}

int heal_run(struct rt_ctx *ctx)
{
	struct heal_ctx h;
	size_t nlog = 0, i;
	char *const *logs = opt_list(ctx->opts, "log", &nlog);
	int rc;

	memset(&h, 0, sizeof(h));
	h.rt = ctx;
	h.head_current = -1;
	if (!(h.actions = jv_new_arr()))
		return err_set("out of memory");
	signal(SIGPIPE, SIG_IGN);
	if ((rc = read_options(&h)))
		goto done;
	h.local = nlog > 0;
	if ((rc = h.local ? heal_input_local(&h, logs, nlog) : heal_input_github(&h)))
		goto done;
	if (!h.duplicate) {
		for (i = 0; i < h.njobs; i++) {
			heal_job_classify(&h, &h.jobs[i]);
			log_info("job %s: %s (%s%s%s), %zu findings", h.jobs[i].name,
				 heal_kind_name(h.jobs[i].v.kind), h.jobs[i].v.rule,
				 h.jobs[i].v.signature ? ", " : "",
				 h.jobs[i].v.signature ? h.jobs[i].v.signature : "", h.jobs[i].entries.n);
		}
		decide(&h, h.local ? -1 : 1);
		if ((rc = act(&h)) || (rc = follow_up(&h)))
			goto done;
	} else {
		h.d.verdict = "duplicate";
		h.agent = heal_route(HEAL_DOM_OTHER, h.nroutes ? h.routes : NULL, h.nroutes);
	}
	rc = finish(&h);
done:
	heal_ctx_free(&h);
	return rc;
}
