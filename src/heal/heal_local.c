/* heal_local.c - failed jobs from logs on disk: a file, a directory of logs, or a run-logs zip. */
#include "heal_int.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "core/zip.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HEAL_MAX_FILES 2000

/* "3_build (ubuntu).txt" -> "build (ubuntu)"; *num = 3 (-1 without one). */
static void strip_name(const char *file, char *out, size_t outsz, long *num)
{
	const char *p = file, *q;
	size_t n;

	*num = -1;
	if (*p == '-')
		p++;
	q = p;
	while (*q >= '0' && *q <= '9')
		q++;
	if (q > p && *q == '_') {
		*num = strtol(p, NULL, 10);
		p = q + 1;
	} else {
		p = file;
	}
	n = strlen(p);
	if (n > 4 && !strcmp(p + n - 4, ".txt"))
		n -= 4;
	snprintf(out, outsz, "%.*s", (int)n, p);
}

static int is_zip(const char *path)
{
	unsigned char m[4] = { 0 };
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t r;

	if (fd < 0)
		return 0;
	r = read(fd, m, 4);
	close(fd);
	return r == 4 && m[0] == 'P' && m[1] == 'K' && (m[2] == 3 || m[2] == 5) &&
	       (m[3] == 4 || m[3] == 6);
}

static int feed_file(struct heal_ctx *h, struct heal_job *j, const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return err_setc(ERR_NOTFOUND, "--log %s: %s", path, strerror(errno));
	j->source = "log file";
	rc = heal_job_feed_fd(h, j, fd, path, NULL);
	close(fd);
	return rc;
}

/* ---- run-logs zip ------------------------------------------------------ */

struct zname { char *name; long num; };

struct zlist {
	struct jv *jobs;      /* job name -> {"file": top-level entry, "steps": [entries]} */
	int rc;
};

static struct jv *zjob(struct zlist *l, const char *job)
{
	struct jv *o = jv_get(l->jobs, job);

	if (!o) {
		o = jv_new_obj();
		jv_set(o, "steps", jv_new_arr());
		jv_set(l->jobs, job, o);
	}
	return o;
}

static int zlist_entry(void *ctx, struct zip_reader *z, const struct zip_entry *e)
{
	struct zlist *l = ctx;
	const char *slash = strchr(e->name, '/');
	char job[512];
	long num;

	(void)z;
	if (e->is_dir || e->is_symlink)
		return 0;
	if (jv_len(l->jobs) >= HEAL_MAX_FILES)
		return err_setc(ERR_TOOBIG, "more than %d jobs in the archive", HEAL_MAX_FILES);
	if (!slash) {
		strip_name(e->name, job, sizeof(job), &num);
		jv_set_str(zjob(l, job), "file", e->name);
	} else if (!strchr(slash + 1, '/') && strcmp(slash + 1, "system.txt")) {
		snprintf(job, sizeof(job), "%.*s", (int)(slash - e->name), e->name);
		jv_push(jv_get(zjob(l, job), "steps"), jv_new_str_lossy(e->name, strlen(e->name)));
	}
	return 0;
}

static int cmp_step(const void *a, const void *b)
{
	const struct zname *x = a, *y = b;

	return x->num != y->num ? (x->num < y->num ? -1 : 1) : strcmp(x->name, y->name);
}

static long zpull(void *ctx, char *buf, size_t n)
{
	return zip_pull(ctx, buf, n);
}

/* One entry of the run-logs zip, inflated as its lines are read: never
 * held whole in memory, never written to disk. */
static int zread(struct heal_ctx *h, struct heal_job *j, struct zip_reader *z,
		 const char *zpath, const char *entry, const char *step)
{
	char input[1024];
	int rc;

	snprintf(input, sizeof(input), "%s:%s", zpath, entry);
	if ((rc = zip_pull_open(z, entry)))
		return err_wrap("%s", zpath);
	rc = heal_job_feed_fn(h, j, zpull, z, input, step);
	zip_pull_close(z);
	return rc;
}

/* Step files in step order; the job file when there are none. */
static int zjob_read(struct heal_ctx *h, struct heal_job *j, struct zip_reader *z,
		     const char *zpath, const struct jv *o)
{
	const struct jv *steps = jv_get(o, "steps");
	size_t i, n = jv_len(steps);
	struct zname *v;
	int rc = 0;

	if (!n) {
		j->source = "job file in the run-logs zip";
		return zread(h, j, z, zpath, jv_get_str(o, "file"), NULL);
	}
	if (!(v = calloc(n, sizeof(*v))))
		return err_set("out of memory");
	for (i = 0; i < n; i++) {
		const char *e = jv_str(jv_at(steps, i));
		char step[512];

		v[i].name = (char *)e;
		strip_name(strchr(e, '/') + 1, step, sizeof(step), &v[i].num);
	}
	qsort(v, n, sizeof(*v), cmp_step);
	j->source = "step files in the run-logs zip";
	for (i = 0; !rc && i < n; i++) {
		char step[512];
		long num;

		strip_name(strchr(v[i].name, '/') + 1, step, sizeof(step), &num);
		rc = zread(h, j, z, zpath, v[i].name, step);
	}
	free(v);
	return rc;
}

static int in_list(const struct jv *want, const char *name)
{
	size_t i;

	for (i = 0; i < jv_len(want); i++)
		if (!strcmp(jv_str(jv_at(want, i)), name))
			return 1;
	return 0;
}

/* A job whose entry in `want` names it: the API's job (found by name). */
static struct heal_job *job_named(struct heal_ctx *h, const char *name)
{
	size_t i;

	for (i = 0; i < h->njobs; i++)
		if (!strcmp(h->jobs[i].zname ? h->jobs[i].zname : h->jobs[i].name, name))
			return &h->jobs[i];
	return NULL;
}

int heal_zip_read(struct heal_ctx *h, const char *path, const struct jv *want, struct jv **missing)
{
	struct zlist l = { jv_new_obj(), 0 };
	struct zip_reader *z = NULL;
	struct heal_job *j;
	struct jv *o;
	void *it = NULL;
	const char *name;
	size_t i;
	int rc;

	if (missing)
		*missing = jv_new_arr();
	if ((rc = zip_open(&z, path, NULL)) || (rc = zip_each(z, zlist_entry, &l)))
		goto done;
	while (!rc && (name = jv_iter(l.jobs, &it, &o))) {
		if (want && !in_list(want, name))
			continue;
		if (!jv_len(jv_get(o, "steps")) && !jv_get_str(o, "file"))
			continue;
		j = want ? job_named(h, name) : heal_job_add(h, name);
		if (!j)
			rc = want ? 0 : err_code();
		else
			rc = zjob_read(h, j, z, path, o);
	}
	for (i = 0; !rc && missing && i < jv_len(want); i++)
		if (!jv_get(l.jobs, jv_str(jv_at(want, i))))
			jv_push(*missing, jv_ref(jv_at(want, i)));
done:
	if (z)
		zip_close(z);
	jv_free(l.jobs);
	return rc;
}

/* ---- a directory of logs (an extracted run-logs zip, or any logs) ------- */

static int join(char *out, size_t sz, const char *dir, const char *name)
{
	int n = snprintf(out, sz, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= sz ? -1 : 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the entries of dir (caller frees each and the array). */
static int list_dir(const char *dir, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t alloc = 0;
	int rc = 0;

	*n = 0;
	if (!d)
		return err_setc(ERR_NOTFOUND, "--log %s: %s", dir, strerror(errno));
	while (!rc && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (*n >= HEAL_MAX_FILES)
			rc = err_setc(ERR_TOOBIG, "--log %s: more than %d files", dir, HEAL_MAX_FILES);
		else if (*n == alloc) {
			char **nv = realloc(v, (alloc = alloc ? alloc * 2 : 32) * sizeof(*v));

			if (!nv)
				rc = err_set("out of memory");
			else
				v = nv;
		}
		if (!rc && !(v[(*n)++] = strdup(e->d_name)))
			rc = err_set("out of memory");
	}
	closedir(d);
	if (v)
		qsort(v, *n, sizeof(*v), cmp_str);
	*out = v;
	return rc;
}

static void free_list(char **v, size_t n)
{
	while (n)
		free(v[--n]);
	free(v);
}

/* Step files "N_name.txt" in step order (2 before 10). */
static int cmp_step_file(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	long nx = strtol(x, NULL, 10), ny = strtol(y, NULL, 10);

	return nx != ny ? (nx < ny ? -1 : 1) : strcmp(x, y);
}

static int dir_steps(struct heal_ctx *h, const char *dir, const char *job)
{
	char **v = NULL, path[4096];
	size_t n = 0, i;
	struct heal_job *j = job_named(h, job);
	int rc = list_dir(dir, &v, &n);

	if (!j && !rc && !(j = heal_job_add(h, job)))
		rc = err_code();
	if (j)
		j->source = "step files";
	if (v)
		qsort(v, n, sizeof(*v), cmp_step_file);
	for (i = 0; !rc && i < n; i++) {
		char step[512];
		long num;
		int fd;

		if (!strcmp(v[i], "system.txt"))
			continue;
		if (join(path, sizeof(path), dir, v[i]))
			continue;
		strip_name(v[i], step, sizeof(step), &num);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			continue;
		rc = heal_job_feed_fd(h, j, fd, path, step);
		close(fd);
	}
	free_list(v, n);
	return rc;
}

static int input_dir(struct heal_ctx *h, const char *dir)
{
	char **v = NULL, path[4096], job[512];
	size_t n = 0, i;
	struct stat st;
	int rc = list_dir(dir, &v, &n);
	long num;

	/* Subdirectories (step files) first: they win over the job file. */
	for (i = 0; !rc && i < n; i++) {
		if (join(path, sizeof(path), dir, v[i]))
			continue;
		if (!stat(path, &st) && S_ISDIR(st.st_mode))
			rc = dir_steps(h, path, v[i]);
	}
	for (i = 0; !rc && i < n; i++) {
		struct heal_job *j;

		if (join(path, sizeof(path), dir, v[i]))
			continue;
		if (stat(path, &st) || !S_ISREG(st.st_mode))
			continue;
		strip_name(v[i], job, sizeof(job), &num);
		if (job_named(h, job))
			continue;
		if (!(j = heal_job_add(h, job)))
			rc = err_code();
		else
			rc = feed_file(h, j, path);
	}
	free_list(v, n);
	if (!rc && !h->njobs)
		rc = err_setc(ERR_NOTFOUND, "--log %s: no log files in it", dir);
	return rc;
}

/* In a set of logs (directory, zip) only the jobs with a failed step
 * count, unless none has one (then the user says they all failed). */
static void keep_failed(struct heal_ctx *h, size_t from)
{
	size_t i, k = from, any = 0;

	for (i = from; i < h->njobs; i++)
		any += jv_len(h->jobs[i].excerpts) > 0;
	if (!any)
		return;
	for (i = from; i < h->njobs; i++) {
		if (jv_len(h->jobs[i].excerpts)) {
			h->jobs[k++] = h->jobs[i];
			continue;
		}
		free(h->jobs[i].name);
		jv_free(h->jobs[i].excerpts);
		heal_entries_free(&h->jobs[i].entries);
	}
	h->njobs = k;
}

int heal_input_local(struct heal_ctx *h, char *const *paths, size_t n)
{
	size_t i, from;
	struct stat st;
	int rc = 0;

	for (i = 0; !rc && i < n; i++) {
		struct heal_job *j;
		const char *base;

		if (stat(paths[i], &st))
			return err_setc(ERR_NOTFOUND, "--log %s: %s", paths[i], strerror(errno));
		from = h->njobs;
		if (S_ISDIR(st.st_mode)) {
			if (!(rc = input_dir(h, paths[i])))
				keep_failed(h, from);
		} else if (is_zip(paths[i])) {
			if (!(rc = heal_zip_read(h, paths[i], NULL, NULL)))
				keep_failed(h, from);
		} else {
			base = strrchr(paths[i], '/');
			if (!(j = heal_job_add(h, base ? base + 1 : paths[i])))
				return err_code();
			rc = feed_file(h, j, paths[i]);
		}
	}
	return rc;
}
