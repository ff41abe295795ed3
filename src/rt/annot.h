/* annot.h - annotation sink: keeps the best 10 per type and counts the rest. */
#ifndef SHIP_ANNOT_H
#define SHIP_ANNOT_H

#include <stddef.h>
#include "ghcmd.h"

/*
 * The runner attaches at most 10 annotations of each type (error,
 * warning, notice) to a step and silently drops the rest
 * (research/gha-contract.md §3). Phases therefore hand every candidate
 * to a sink with a priority; the sink keeps the ANNOT_PER_TYPE best of
 * each type (highest priority first, ties: first added wins) and counts
 * the others so the summary can say how many were left out.
 *
 * Memory stays bounded however many annotations are added.
 */
#define ANNOT_PER_TYPE 10

struct annot {
	long priority;
	unsigned long seq;     /* order of arrival, for stable ties */
	char *title, *file;    /* owned; NULL when absent */
	long line, end_line, col, end_col;
	char *msg;             /* owned; cut to what the runner keeps (+1 char) */
	size_t msg_len;
};

struct annot_sink {
	struct annot kept[GHCMD_NLEVELS][ANNOT_PER_TYPE];
	size_t nkept[GHCMD_NLEVELS];
	size_t total[GHCMD_NLEVELS];
	size_t limit;          /* per type, 0..ANNOT_PER_TYPE */
	unsigned long seq;
};

/* Initializes an empty sink with limit ANNOT_PER_TYPE. */
void annot_init(struct annot_sink *s);
/* Lowers the per-type limit (e.g. when the step already used some). */
void annot_set_limit(struct annot_sink *s, size_t limit);

/* Adds one candidate; props (may be NULL) and msg are copied. Returns 0
 * (also when the candidate is counted but not kept), or ERR_FAIL on
 * allocation failure. */
int annot_add(struct annot_sink *s, enum ghcmd_level level, long priority,
	      const struct ghcmd_props *props, const char *msg);

/* Writes the kept annotations to fd, errors first, then warnings, then
 * notices, each type best first; one write per annotation. The sink is
 * unchanged (counts stay valid). 0 or the first error. */
int annot_flush(const struct annot_sink *s, int fd);

/* How many candidates of `level` were added / are not emitted. */
size_t annot_total(const struct annot_sink *s, enum ghcmd_level level);
size_t annot_dropped(const struct annot_sink *s, enum ghcmd_level level);
/* Fills out[GHCMD_NLEVELS] with annot_dropped() of each type. */
void annot_dropped_all(const struct annot_sink *s, size_t out[GHCMD_NLEVELS]);

/* The i-th best kept annotation of `level` (0-based), or NULL. Borrowed
 * until the next annot_add/annot_free. */
const struct annot *annot_get(const struct annot_sink *s, enum ghcmd_level level, size_t i);

void annot_free(struct annot_sink *s);

#endif
