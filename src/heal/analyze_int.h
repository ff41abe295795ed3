/* analyze_int.h - what analyze.c and analyze_par.c share: the loop over a reader's lines, the one-thread read. */
#ifndef SHIP_HEAL_ANALYZE_INT_H
#define SHIP_HEAL_ANALYZE_INT_H

#include "analyze.h"

/* Feeds every line of r to x and, when not NULL, to ex: 0 at the end of
 * the input, < 0 on a read or callback error. Finishes neither. */
int heal_analyze_feed(struct logread *r, struct heal_extract *x,
                      struct heal_excerpt *ex);
/* heal_analyze_fd on one thread. */
int heal_analyze_one(int fd, const char *name, const char *step,
                     size_t max_entries, const struct heal_excerpt_opts *o,
                     struct heal_analysis *out);
/* The excerpt builder o asks for in *ex (NULL when o->max_steps is 0). */
int heal_analyze_excerpt(const struct heal_excerpt_opts *o,
                         struct heal_excerpt **ex);

#endif
