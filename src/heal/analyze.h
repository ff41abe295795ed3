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
 * (0 = 1000); `o` may be NULL for the excerpt defaults, and with
 * o->max_steps 0 no excerpt is built (out->excerpt stays NULL). On error
 * *out is left empty and err_last() names the input. Free with
 * heal_analysis_free().
 *
 * A large regular file read without `step` is cut at step markers and
 * its parts are read on several threads at once (heal_analyze_fd_par
 * with the default heal_par_opts); the result is the same as one
 * thread's, entry for entry and byte for byte.
 */
int heal_analyze_fd(int fd, const char *name, const char *step,
                    size_t max_entries, const struct heal_excerpt_opts *o,
                    struct heal_analysis *out);

/* How heal_analyze_fd_par may cut a log file into parts read at once. */
struct heal_par_opts {
	int threads;        /* parts at most: 0 = the CPUs this process may
	                       run on, up to HEAL_PAR_MAX; 1 = one thread */
	size_t min_part;    /* bytes a part has at least (0: the default) */
};

#define HEAL_PAR_MAX       8
#define HEAL_PAR_MIN_PART  (16u << 20)

/* heal_analyze_fd without a step, with `par` (NULL for the defaults):
 * when fd is a regular file of at least 2 * min_part bytes from its
 * offset on and a step marker lies near each wanted cut (split.h), the
 * parts run on their own threads and are joined in order; otherwise one
 * thread reads it all. fd is left at the end of the file either way. */
int heal_analyze_fd_par(int fd, const char *name, size_t max_entries,
                        const struct heal_excerpt_opts *o,
                        const struct heal_par_opts *par,
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
