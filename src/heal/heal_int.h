/* heal_int.h - what the parts of `ship heal` share: the run being triaged and its failed jobs. */
#ifndef SHIP_HEAL_INT_H
#define SHIP_HEAL_INT_H

#include <stddef.h>

#include "analyze.h"
#include "classify.h"
#include "heal_decide.h"
#include "core/buf.h"
#include "core/jv.h"
#include "rt/run.h"

struct gh;

#define HEAL_MAX_JOBS     500          /* failed jobs triaged */
#define HEAL_JOB_ENTRIES  200          /* entries kept per job */

/* One failed job and what its log said. Everything is owned. */
struct heal_job {
	long long id;                /* 0 for local logs */
	char *name;
	char *zname;                 /* the name as the run-logs zip spells it, or NULL */
	char *conclusion;            /* "failure", "timed_out", ... */
	char *url;                   /* html_url, or NULL */
	struct jv *failed_steps;     /* array of {"number", "name"} from the API */
	struct heal_entries entries;
	struct jv *excerpts;         /* array of {"step", "exit_code", "text", "omitted"} */
	const char *source;          /* static: where the log came from */
	struct heal_verdict v;
};

/* The run (or local logs) being triaged. Owned by heal_run(). */
struct heal_ctx {
	struct rt_ctx *rt;
	int dry;                     /* --dry-run or check mode: act on nothing */
	int local;                   /* --log: no GitHub run */
	struct heal_excerpt_opts xo;
	/* the run; strings owned, NULL when unknown */
	char *repo, *sha, *branch, *workflow, *event, *run_url;
	long long run_id, pr;
	long attempt;
	char *conclusion;
	struct jv *changed;          /* array of changed file paths, or NULL */
	struct heal_job *jobs;
	size_t njobs, jalloc;
	struct gh *gh;
	/* the outcome */
	struct heal_decision d;
	const char *agent;           /* borrowed from the routing table */
	struct heal_route *routes;   /* owned (strings borrowed from routes_doc) */
	size_t nroutes;
	int head_current;
	int acted;                   /* an external change was made (or would be, when dry) */
	int duplicate;               /* handled before: do nothing */
	char dup_why[256];
	char *prompt_file, *answer_file;
	struct jv *actions;          /* array of what was done (strings) */
	struct jv *history;          /* the dedupe history of earlier runs */
};

/* heal_job.c */
struct heal_job *heal_job_add(struct heal_ctx *h, const char *name);
/* Run the analysis over one log, streaming, and merge its entries and
 * excerpts into job j; step names the step file, or is NULL. From an fd,
 * or through fn (a zip entry inflated as it is read). */
int heal_job_feed_fn(struct heal_ctx *h, struct heal_job *j, logread_read_fn fn, void *ctx,
		     const char *input, const char *step);
int heal_job_feed_fd(struct heal_ctx *h, struct heal_job *j, int fd, const char *input,
		     const char *step);
void heal_job_classify(struct heal_ctx *h, struct heal_job *j);
void heal_ctx_free(struct heal_ctx *h);
int heal_action(struct heal_ctx *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* heal_local.c: --log FILE|DIR|ZIP */
int heal_input_local(struct heal_ctx *h, char *const *paths, size_t n);
/* The run-logs zip (local or downloaded): step files per job, the job
 * file when a job has none. `want` (may be NULL) limits the jobs read
 * to these names; names not found in the zip are left in `missing`
 * (caller frees, may be NULL). */
int heal_zip_read(struct heal_ctx *h, const char *path, const struct jv *want,
		  struct jv **missing);

/* heal_github.c: event payload, --repo/--run, the API */
int heal_input_github(struct heal_ctx *h);
int heal_rerun(struct heal_ctx *h);
int heal_comment(struct heal_ctx *h, const char *body);

/* heal_prompt.c */
int heal_prompt_render(struct heal_ctx *h, struct buf *out);

/* heal_llm.c: --llm-url, --webhook-url */
/* ERR_USAGE unless url (may be NULL) names a supported endpoint. */
int heal_llm_check(const char *url);
int heal_llm_send(struct heal_ctx *h, const char *prompt, size_t len);
int heal_webhook(struct heal_ctx *h);

/* heal_report.c: annotations, summary, outputs, state */
int heal_report_outputs(struct heal_ctx *h);
int heal_report_github(struct heal_ctx *h);
struct jv *heal_report_state(struct heal_ctx *h);
int heal_report_markdown(struct heal_ctx *h, struct buf *out);

/* heal_dedupe.c */
int heal_dedupe_check(struct heal_ctx *h);
int heal_dedupe_record(struct heal_ctx *h, struct jv *doc);

#endif
