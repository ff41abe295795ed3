/* analyze_par.c - a large log file read in parts on several threads, cut at step markers and joined in order. */
#include "analyze_int.h"
#include "split.h"

#include "../core/err.h"
#include "../core/log.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Why the parts can be read apart: each part after the first starts at a
 * line logread takes for a new step (split.h). There logread has no line
 * in progress, the extractor emits what is open and clears its state
 * (new_step), and the excerpt builder ends the step before: what comes
 * after depends on the line alone. A part read from a fresh reader gives
 * the same entries and excerpts as the whole log does from that line on,
 * with line and step numbers counted from the part's start; the join adds
 * the earlier parts' line and step counts and keeps the first entries and
 * steps within the caps, as one pass would.
 */

struct part {
	int fd;
	const char *name;
	off_t off, end;          /* the bytes still to read */
	struct logread *r;
	struct heal_extract *x;
	struct heal_excerpt *ex;
	struct heal_entries entries;
	int rc;
	char err[512];           /* err_last() of the part's thread */
	pthread_t t;
	int threaded;
};

/* logread's source for a part: pread within [off, end). */
static long part_read(void *ctx, char *buf, size_t n)
{
	struct part *p = ctx;
	ssize_t k;

	if ((off_t)n > p->end - p->off)
		n = (size_t)(p->end - p->off);
	if (!n)
		return 0;
	do
		k = pread(p->fd, buf, n, p->off);
	while (k < 0 && errno == EINTR);
	if (k < 0)
		return err_set("%s: read: %s", p->name, strerror(errno));
	p->off += k;
	return (long)k;
}

/* Opens a part's reader, extractor and excerpt builder: on the calling
 * thread, so that the rule tables are built before threads read them. */
static int part_open(struct part *p, size_t max_entries,
                     const struct heal_excerpt_opts *o)
{
	int rc = logread_open_fn(&p->r, part_read, p, p->name, 0);

	p->entries.max = max_entries;
	if (!rc)
		rc = heal_extract_new(&p->x, heal_entries_add, &p->entries);
	if (!rc)
		rc = heal_analyze_excerpt(o, &p->ex);
	return rc;
}

static void part_close(struct part *p)
{
	logread_free(p->r);
	heal_extract_free(p->x);
	heal_excerpt_free(p->ex);
	heal_entries_free(&p->entries);
}

static void *part_run(void *arg)
{
	struct part *p = arg;

	p->rc = heal_analyze_feed(p->r, p->x, p->ex);
	if (!p->rc)
		p->rc = heal_extract_finish(p->x);
	if (!p->rc && p->ex)
		p->rc = heal_excerpt_end(p->ex);
	if (p->rc)
		snprintf(p->err, sizeof(p->err), "%s", err_last());
	return NULL;
}

/* Parts 1.. on their own threads (one that cannot start runs on this
 * thread afterwards), part 0 on this one; waits for all. */
static void parts_run(struct part *v, size_t n)
{
	pthread_attr_t a;
	size_t i;
	int attr = pthread_attr_init(&a) == 0;

	/* musl's default thread stack is 128 KiB; the extractor needs far
	 * less, but a part should not depend on it */
	if (attr)
		pthread_attr_setstacksize(&a, 1u << 20);
	for (i = 1; i < n; i++)
		v[i].threaded = pthread_create(&v[i].t, attr ? &a : NULL,
		                               part_run, &v[i]) == 0;
	part_run(&v[0]);
	for (i = 1; i < n; i++) {
		if (v[i].threaded)
			pthread_join(v[i].t, NULL);
		else
			part_run(&v[i]);
	}
	if (attr)
		pthread_attr_destroy(&a);
}

/* Joins the parts into out, in order. */
static int parts_join(struct part *v, size_t n, size_t max_entries,
                      struct heal_analysis *out)
{
	size_t i, line_off = 0;
	int step_off = 0, rc = 0;

	out->entries.max = max_entries;
	out->excerpt = v[0].ex;
	v[0].ex = NULL;
	for (i = 0; i < n && !rc; i++) {
		rc = heal_entries_take(&out->entries, &v[i].entries, line_off,
		                       step_off);
		if (!rc && i && out->excerpt)
			rc = heal_excerpt_join(out->excerpt, v[i].ex, step_off);
		out->bytes += logread_bytes(v[i].r);
		line_off += logread_lines(v[i].r);
		step_off += logread_step_no(v[i].r);
	}
	out->lines = line_off;
	if (!rc && out->excerpt)
		rc = heal_excerpt_finish(out->excerpt);
	return rc;
}

/* The CPUs this process may run on, capped. */
static int cpus(void)
{
	cpu_set_t s;
	int k;

	if (sched_getaffinity(0, sizeof(s), &s) != 0)
		return 1;
	k = CPU_COUNT(&s);
	return k < 1 ? 1 : k > HEAL_PAR_MAX ? HEAL_PAR_MAX : k;
}

/* The cuts for fd's bytes [*start, end): their count (0: read it whole). */
static int plan(int fd, const char *name, const struct heal_par_opts *par,
                off_t *start, off_t *end, off_t *cut)
{
	size_t min = par && par->min_part ? par->min_part : HEAL_PAR_MIN_PART;
	struct stat st;
	size_t parts;
	int threads;

	/* the size first: most logs are small, and then nothing else is asked */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (*start = lseek(fd, 0, SEEK_CUR)) < 0 ||
	    st.st_size - *start < (off_t)(2 * min))
		return 0;
	*end = st.st_size;
	threads = par && par->threads ? par->threads : cpus();
	if (threads > HEAL_PAR_MAX)
		threads = HEAL_PAR_MAX;
	if (threads < 2)
		return 0;
	parts = (size_t)((*end - *start) / (off_t)min);
	if (parts > (size_t)threads)
		parts = (size_t)threads;
	return heal_split(fd, name, *start, *end, parts, min, cut);
}

int heal_analyze_fd_par(int fd, const char *name, size_t max_entries,
                        const struct heal_excerpt_opts *o,
                        const struct heal_par_opts *par,
                        struct heal_analysis *out)
{
	struct part v[HEAL_PAR_MAX];
	off_t cut[HEAL_PAR_MAX], start = 0, end = 0;
	int ncut = plan(fd, name, par, &start, &end, cut), rc = 0;
	size_t i, n = (size_t)ncut + 1;

	memset(out, 0, sizeof(*out));
	if (ncut <= 0) {
		if (ncut < 0)
			return ncut;
		return heal_analyze_one(fd, name, NULL, max_entries, o, out);
	}
	memset(v, 0, sizeof(v));
	if (!max_entries)
		max_entries = 1000;
	for (i = 0; i < n && !rc; i++) {
		v[i].fd = fd;
		v[i].name = name;
		v[i].off = i ? cut[i - 1] : start;
		v[i].end = i < n - 1 ? cut[i] : end;
		rc = part_open(&v[i], max_entries, o);
	}
	if (!rc) {
		log_debug("%s: read in %zu parts at once, cut at step markers",
		          name, n);
		parts_run(v, n);
		for (i = 0; i < n && !rc; i++)
			if ((rc = v[i].rc) != 0)
				err_set("%s", v[i].err);
	}
	if (!rc)
		rc = parts_join(v, n, max_entries, out);
	for (i = 0; i < n; i++)
		part_close(&v[i]);
	if (rc)
		heal_analysis_free(out);
	else
		lseek(fd, end, SEEK_SET);
	return rc;
}
