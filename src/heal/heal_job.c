/* heal_job.c - the failed jobs of a triage: feeding logs into them, classifying them. */
#include "heal_int.h"
#include "core/err.h"
#include "core/log.h"
#include "gh/gh.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct heal_job *heal_job_add(struct heal_ctx *h, const char *name)
{
	struct heal_job *j;

	if (h->njobs >= HEAL_MAX_JOBS) {
		err_setc(ERR_TOOBIG, "more than %d failed jobs", HEAL_MAX_JOBS);
		return NULL;
	}
	if (h->njobs == h->jalloc) {
		size_t na = h->jalloc ? h->jalloc * 2 : 8;
		struct heal_job *nv = realloc(h->jobs, na * sizeof(*nv));

		if (!nv) {
			err_set("out of memory");
			return NULL;
		}
		h->jobs = nv;
		h->jalloc = na;
	}
	j = &h->jobs[h->njobs];
	memset(j, 0, sizeof(*j));
	j->entries.max = HEAL_JOB_ENTRIES;
	j->name = strdup(name ? name : "");
	j->excerpts = jv_new_arr();
	j->source = "log";
	if (!j->name || !j->excerpts) {
		free(j->name);
		jv_free(j->excerpts);
		err_set("out of memory");
		return NULL;
	}
	h->njobs++;
	return j;
}

static int merge(struct heal_job *j, struct heal_analysis *a)
{
	size_t i;

	for (i = 0; i < a->entries.n; i++)
		if (heal_entries_add(&j->entries, &a->entries.v[i]) < 0)
			return err_set("out of memory");
	j->entries.dropped += a->entries.dropped;
	for (i = 0; a->excerpt && i < heal_excerpt_count(a->excerpt); i++) {
		const struct heal_step_excerpt *x = heal_excerpt_get(a->excerpt, i);
		struct jv *o = jv_new_obj();

		if (!o)
			return err_set("out of memory");
		jv_push(j->excerpts, o);
		jv_set(o, "step", jv_new_str_lossy(x->step, strlen(x->step)));
		jv_set_int(o, "step_number", x->step_no);
		jv_set_int(o, "exit_code", x->exit_code);
		jv_set(o, "text", jv_new_str_lossy(x->text, strlen(x->text)));
		jv_set_int(o, "lines", (long long)x->nlines);
		jv_set_int(o, "omitted", (long long)x->omitted);
	}
	return 0;
}

/* Merges into j the analysis of `input` its producer returned rc for. */
static int feed(struct heal_job *j, struct heal_analysis *a, int rc, const char *input)
{
	if (rc)
		return rc;
	log_debug("%s: %llu bytes, %zu lines, %zu entries", input, a->bytes, a->lines,
		  a->entries.n);
	rc = merge(j, a);
	heal_analysis_free(a);
	return rc;
}

int heal_job_feed_fd(struct heal_ctx *h, struct heal_job *j, int fd, const char *input,
		     const char *step)
{
	struct heal_analysis a;

	return feed(j, &a, heal_analyze_fd(fd, input, step, HEAL_JOB_ENTRIES, &h->xo, &a),
		    input);
}

int heal_job_feed_fn(struct heal_ctx *h, struct heal_job *j, logread_read_fn fn, void *ctx,
		     const char *input, const char *step)
{
	struct heal_analysis a;

	return feed(j, &a, heal_analyze_fn(fn, ctx, input, step, HEAL_JOB_ENTRIES, &h->xo, &a),
		    input);
}

void heal_job_classify(struct heal_ctx *h, struct heal_job *j)
{
	struct heal_classify_in in;
	const char *texts[64];
	const char *changed[64];
	size_t i;

	memset(&in, 0, sizeof(in));
	for (i = 0; i < jv_len(j->excerpts) && i < 64; i++)
		texts[i] = jv_get_str(jv_at(j->excerpts, i), "text");
	in.texts = texts;
	in.ntexts = i;
	/* A job with no failed-step excerpt: the runner's own verdict
	 * (lost runner, timeout) may be only in the job's conclusion. */
	if (!in.ntexts && j->conclusion && !strcmp(j->conclusion, "timed_out")) {
		texts[0] = "The job has exceeded the maximum execution time";
		in.ntexts = 1;
	}
	for (i = 0; h->changed && i < jv_len(h->changed) && i < 64; i++)
		changed[i] = jv_str(jv_at(h->changed, i));
	in.changed = changed;
	in.nchanged = i;
	in.workflow = h->workflow ? h->workflow : j->name;
	in.entries = j->entries.v;
	in.nentries = j->entries.n;
	heal_classify(&in, &j->v);
}

int heal_action(struct heal_ctx *h, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_info("%s", line);
	return jv_push(h->actions, jv_new_str_lossy(line, strlen(line)));
}

void heal_ctx_free(struct heal_ctx *h)
{
	size_t i;

	for (i = 0; i < h->njobs; i++) {
		struct heal_job *j = &h->jobs[i];

		free(j->name);
		free(j->zname);
		free(j->conclusion);
		free(j->url);
		jv_free(j->failed_steps);
		jv_free(j->excerpts);
		heal_entries_free(&j->entries);
	}
	free(h->jobs);
	free(h->repo);
	free(h->sha);
	free(h->branch);
	free(h->workflow);
	free(h->event);
	free(h->run_url);
	free(h->conclusion);
	free(h->prompt_file);
	free(h->answer_file);
	free(h->routes);
	jv_free(h->changed);
	jv_free(h->actions);
	jv_free(h->history);
	if (h->gh)
		gh_free(h->gh);
}
