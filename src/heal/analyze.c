/* analyze.c - one pass over a log: error entries and failed-step excerpts together. */
#include "analyze_int.h"

#include "../core/err.h"

#include <string.h>

void heal_analysis_free(struct heal_analysis *a)
{
	heal_entries_free(&a->entries);
	heal_excerpt_free(a->excerpt);
	memset(a, 0, sizeof(*a));
}

int heal_analyze_excerpt(const struct heal_excerpt_opts *o,
                         struct heal_excerpt **ex)
{
	*ex = NULL;
	return o && !o->max_steps ? 0 : heal_excerpt_new(ex, o);
}

int heal_analyze_feed(struct logread *r, struct heal_extract *x,
                      struct heal_excerpt *ex)
{
	struct logline ln;
	int rc;

	if (!ex) {
		/* the extractor alone: r, x and the line stay in registers */
		while ((rc = logread_next(r, &ln)) == 1)
			if ((rc = heal_extract_line(x, &ln)) != 0)
				return rc;
		return rc;
	}
	while ((rc = logread_next(r, &ln)) == 1)
		if ((rc = heal_extract_line(x, &ln)) != 0 ||
		    (rc = heal_excerpt_line(ex, &ln, heal_extract_last_hit(x))) != 0)
			return rc;
	return rc;
}

static int run(struct logread *r, const char *step, size_t max_entries,
               const struct heal_excerpt_opts *o, struct heal_analysis *out)
{
	struct heal_extract *x = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	out->entries.max = max_entries ? max_entries : 1000;
	rc = heal_extract_new(&x, heal_entries_add, &out->entries);
	if (!rc)
		rc = heal_analyze_excerpt(o, &out->excerpt);
	if (!rc && step)
		rc = logread_set_step(r, step);
	if (!rc)
		rc = heal_analyze_feed(r, x, out->excerpt);
	if (!rc)
		rc = heal_extract_finish(x);
	if (!rc && out->excerpt)
		rc = heal_excerpt_finish(out->excerpt);
	out->bytes = logread_bytes(r);
	out->lines = logread_lines(r);
	heal_extract_free(x);
	if (rc)
		heal_analysis_free(out);
	return rc;
}

/* Runs over r, which its open returned rc for, and frees it. */
static int run_free(struct logread *r, int rc, const char *step, size_t max_entries,
                    const struct heal_excerpt_opts *o, struct heal_analysis *out)
{
	if (rc) {
		memset(out, 0, sizeof(*out));
		return rc;
	}
	rc = run(r, step, max_entries, o, out);
	logread_free(r);
	return rc;
}

int heal_analyze_one(int fd, const char *name, const char *step,
                     size_t max_entries, const struct heal_excerpt_opts *o,
                     struct heal_analysis *out)
{
	struct logread *r = NULL;
	int rc = logread_open_fd(&r, fd, name, 0);

	return run_free(r, rc, step, max_entries, o, out);
}

int heal_analyze_fd(int fd, const char *name, const char *step,
                    size_t max_entries, const struct heal_excerpt_opts *o,
                    struct heal_analysis *out)
{
	if (!step)
		return heal_analyze_fd_par(fd, name, max_entries, o, NULL, out);
	return heal_analyze_one(fd, name, step, max_entries, o, out);
}

int heal_analyze_fn(logread_read_fn fn, void *ctx, const char *name,
                    const char *step, size_t max_entries,
                    const struct heal_excerpt_opts *o,
                    struct heal_analysis *out)
{
	struct logread *r = NULL;
	int rc = logread_open_fn(&r, fn, ctx, name, 0);

	return run_free(r, rc, step, max_entries, o, out);
}

int heal_analyze_mem(const char *data, size_t len, const char *name,
                     const char *step, size_t max_entries,
                     const struct heal_excerpt_opts *o,
                     struct heal_analysis *out)
{
	struct logread *r = NULL;
	int rc = logread_open_mem(&r, data, len, name, 0);

	return run_free(r, rc, step, max_entries, o, out);
}
