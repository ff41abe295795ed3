/* result.h - the result of one phase run, filled by the phase and rendered by the mode layer. */
#ifndef SHIP_RESULT_H
#define SHIP_RESULT_H

#include "core/buf.h"
#include "core/jv.h"

/*
 * Every command fills one rt_result; rt_run() (run.h) renders it as
 * text, JSON, GitHub Actions output or an Ansible module result and
 * derives the exit code (DESIGN.md §3):
 *   error != 0            -> err_exit_code(error)  (2, 3 or 4)
 *   verdict RT_FAIL       -> 1
 *   otherwise             -> 0
 * Strings passed in are copied; the result owns everything it holds.
 */
enum rt_verdict {
	RT_NONE = 0,  /* the command reports no verdict (e.g. `version`) */
	RT_PASS,      /* the phase succeeded */
	RT_FAIL       /* the phase ran and its verdict is negative */
};

struct rt_result {
	const char *phase;        /* borrowed: the command name (static) */
	enum rt_verdict verdict;
	char *word;               /* verdict word shown to users ("pass", "blocked") */
	char *message;            /* one-line human summary, or NULL */
	int changed;              /* an external change was made (or would be, in check mode) */
	int error;                /* 0, or the ERR_ code when the phase could not run */
	int raw;                  /* the command printed its own output: render nothing */
	struct jv *outputs;       /* object: output name -> string (step outputs) */
	struct jv *data;          /* object: phase-specific detail for JSON/Ansible */
	struct jv *diff;          /* NULL or {"before": ..., "after": ...} (Ansible --diff) */
};

void rt_result_init(struct rt_result *r, const char *phase);
void rt_result_release(struct rt_result *r);

/* Sets the verdict, its word and a printf-style message. 0 or ERR_FAIL. */
int rt_result_set(struct rt_result *r, enum rt_verdict v, const char *word,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Records that the phase could not run: code is an ERR_ value and the
 * message is copied from msg (usually err_last()). */
void rt_result_error(struct rt_result *r, int code, const char *msg);
void rt_result_changed(struct rt_result *r, int changed);
/* Adds a step output (name as in action.yml, value any UTF-8 text;
 * invalid bytes are replaced). 0 or ERR_FAIL. */
int rt_result_output(struct rt_result *r, const char *name, const char *value);
/* Sets data[key] = val, stealing val. 0 or ERR_FAIL. */
int rt_result_data(struct rt_result *r, const char *key, struct jv *val);
/* Sets the Ansible diff; before/after are copied text (NULL = absent). */
int rt_result_diff(struct rt_result *r, const char *before, const char *after);

/* The process exit code for this result (see above). */
int rt_result_exit_code(const struct rt_result *r);
/* "pass"/"fail"/"error" when no word was set. Borrowed. */
const char *rt_result_word(const struct rt_result *r);

/*
 * The result as JSON (a new reference, caller frees):
 *   {"phase", "verdict", "ok", "changed", "exit_code", "message",
 *    "error" (only on error), "outputs", "data"}
 */
struct jv *rt_result_json(const struct rt_result *r);
/* Human-readable lines for a terminal: "phase: word: message" then the
 * outputs indented; ANSI colour when `color`. */
int rt_result_text(const struct rt_result *r, struct buf *out, int color);

#endif
