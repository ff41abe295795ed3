/* excerpt.h - the "why did it fail" excerpt of each failed step, capped and deduplicated. */
#ifndef SHIP_HEAL_EXCERPT_H
#define SHIP_HEAL_EXCERPT_H

#include <stddef.h>

#include "logread.h"

/*
 * Fed the same cleaned lines as the extractor, plus whether the extractor
 * claimed each line (heal_extract_last_hit), the builder keeps per step:
 *   - every claimed line with `before` lines of context before it and
 *     `after` lines after it (identical lines are kept once);
 *   - the last `tail` lines of the step, where the final error and the
 *     runner's exit marker usually are.
 * When a step ends with "##[error]Process completed with exit code N"
 * (N != 0) its excerpt is kept; other steps are dropped. A log without
 * step markers is one step that counts as failed when it has claimed
 * lines. Each excerpt is capped at max_lines lines and max_bytes bytes;
 * skipped stretches show as one "[... N lines ...]" line. Memory stays
 * bounded by the caps however long the log is.
 */
struct heal_excerpt_opts {
	size_t max_lines;   /* default 200 */
	size_t max_bytes;   /* default 64 KiB */
	size_t before;      /* default 2 */
	size_t after;       /* default 3 */
	size_t tail;        /* default 20 */
	size_t max_steps;   /* failed steps kept, default 16 */
};

#define HEAL_EXCERPT_LINE_MAX 1024  /* bytes kept of one line */

void heal_excerpt_defaults(struct heal_excerpt_opts *o);

struct heal_step_excerpt {
	char *step;        /* step title ("" when none); owned by the builder */
	int step_no;
	int exit_code;     /* -1 when the log had no exit marker */
	char *text;        /* the excerpt, lines joined by '\n'; owned */
	size_t nlines;
	size_t omitted;    /* lines dropped by the caps or deduplication */
};

struct heal_excerpt;

/* o may be NULL for the defaults. Caller frees *out. */
int heal_excerpt_new(struct heal_excerpt **out, const struct heal_excerpt_opts *o);
/* Feeds one line; `hit` is 1 when the extractor claimed it. */
int heal_excerpt_line(struct heal_excerpt *ex, const struct logline *ln, int hit);
/* Ends the last step. Call once at the end of input. */
int heal_excerpt_finish(struct heal_excerpt *ex);
/* For a log read in parts (analyze_par.c): ends the part's last step
 * without the finish's filter, so that the parts can be joined. */
int heal_excerpt_end(struct heal_excerpt *ex);
/* Moves src's kept steps (both ended) after dst's, within dst's
 * max_steps (the rest are freed), with step_off added to their step_no;
 * heal_excerpt_finish(dst) then filters them as if one builder had read
 * both parts in turn. src keeps no steps. */
int heal_excerpt_join(struct heal_excerpt *dst, struct heal_excerpt *src,
                      int step_off);
size_t heal_excerpt_count(const struct heal_excerpt *ex);
/* Borrowed until heal_excerpt_free(); i < heal_excerpt_count(). */
const struct heal_step_excerpt *heal_excerpt_get(const struct heal_excerpt *ex, size_t i);
void heal_excerpt_free(struct heal_excerpt *ex);

#endif
