/* analyze.h - one pass over a log: error entries and failed-step excerpts together. */
#ifndef SHIP_HEAL_ANALYZE_H
#define SHIP_HEAL_ANALYZE_H

#include <stddef.h>

#include "excerpt.h"
#include "extract.h"
#include "logread.h"

struct heal_analysis {
	struct heal_entries entries;   /* owned; capped, see entries.dropped */
	struct heal_excerpt *excerpt;  /* owned; the failed steps' excerpts */
	unsigned long long bytes;      /* bytes read */
	size_t lines;
};

/*
 * Reads the log once (streaming: memory is bounded by the caps, not the
 * log size) and fills *out. `step`, when not NULL, names the step (a
 * per-step file of the run-logs zip). `max_entries` caps the entries kept
 * (0 = 1000); `o` may be NULL for the excerpt defaults. On error *out is
 * left empty and err_last() names the input. Free with
 * heal_analysis_free().
 */
int heal_analyze_fd(int fd, const char *name, const char *step,
                    size_t max_entries, const struct heal_excerpt_opts *o,
                    struct heal_analysis *out);
/* Reads through fn (see logread_open_fn): a zip entry inflated as the
 * lines are taken, never held whole. */
int heal_analyze_fn(logread_read_fn fn, void *ctx, const char *name,
                    const char *step, size_t max_entries,
                    const struct heal_excerpt_opts *o,
                    struct heal_analysis *out);
int heal_analyze_mem(const char *data, size_t len, const char *name,
                     const char *step, size_t max_entries,
                     const struct heal_excerpt_opts *o,
                     struct heal_analysis *out);
void heal_analysis_free(struct heal_analysis *a);

#endif
