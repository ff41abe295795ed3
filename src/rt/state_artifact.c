/* state_artifact.c - --state-from / --state-to: directory and workflow-artifact state stores, upload at the end of a phase. */
#include "rt/state.h"
#include "rt/state_int.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"
#include "core/zip.h"
#include "gh/artifact.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STATE_MAX_FILES 64   /* distinct names one phase writes */

/* What the phase wrote, kept for the upload. */
struct state_file {
	char *name;
	struct buf data;
};

struct state_net {
	struct state_io src, dst;      /* directory stores */
	char *tmp;                     /* temporary directory (owned), or NULL */
	char *src_label;               /* "artifacts ship-state-* of this run", or NULL */
	struct jv *origins;            /* fetched file -> artifact */
	char *upload;                  /* artifact to write ("ship-state-scan"), or NULL */
	char *ca_file;
	int retention;
	struct state_file files[STATE_MAX_FILES];
	size_t nfiles;
};

int state_where_parse(const char *opt, const char *spec, char kind[16], const char **val,
		      long long *run_id)
{
	const char *p;
	char *end;

	*val = NULL;
	*run_id = 0;
	kind[0] = '\0';
	if (!strncmp(spec, "dir:", 4) && spec[4]) {
		snprintf(kind, 16, "dir");
		*val = spec + 4;
		return 0;
	}
	if (!strncmp(spec, "artifact:", 9)) {
		snprintf(kind, 16, "artifact");
		*val = spec + 9;
	} else if (!strncmp(spec, "run:", 4) && spec[4] >= '1' && spec[4] <= '9' &&
		   (*run_id = strtoll(spec + 4, &end, 10)) > 0 && !strncmp(end, "/artifact:", 10)) {
		snprintf(kind, 16, "run");
		*val = end + 10;
	} else {
		return err_setc(ERR_USAGE, "--%s '%.200s': expected dir:PATH, artifact:NAME or "
				"run:RUN_ID/artifact:NAME", opt, spec);
	}
	p = *val;
	if (!*p || strlen(p) > 200 || artifact_check_name(p) < 0)
		return err_setc(ERR_USAGE, "--%s '%.200s': bad artifact name (1-200 characters, "
				"none of \" : < > | * ? \\r \\n \\ /)", opt, spec);
	return 0;
}

static void net_describe(void *impl, const char *name, char *out, size_t outsz);

static int net_read(void *impl, const char *name, struct buf *out)
{
	struct state_net *n = impl;
	char where[512];
	int rc = n->src.read(n->src.impl, name, out);

	/* Name the artifacts, not the temporary directory they were merged in. */
	if (rc < 0 && n->src_label) {
		net_describe(n, name, where, sizeof(where));
		return rc == ERR_NOTFOUND ? err_setc(rc, "%s: not found", where) :
		       err_setc(rc, "%s: cannot read (%s)", where,
				rc == ERR_TOOBIG ? "too big" : "read error");
	}
	return rc;
}

static struct state_file *net_file(struct state_net *n, const char *name)
{
	size_t i;

	for (i = 0; i < n->nfiles; i++)
		if (!strcmp(n->files[i].name, name))
			return &n->files[i];
	if (n->nfiles == STATE_MAX_FILES) {
		err_setc(ERR_TOOBIG, "state: more than %d files written", STATE_MAX_FILES);
		return NULL;
	}
	if (!(n->files[n->nfiles].name = strdup(name))) {
		err_set("out of memory");
		return NULL;
	}
	n->files[n->nfiles].data = (struct buf)BUF_INIT(STATE_MAX);
	return &n->files[n->nfiles++];
}

/* Keeps a copy for the upload (append: added to what this phase wrote). */
static int net_keep(struct state_net *n, const char *name, const void *data, size_t len,
		    int append)
{
	struct state_file *f;

	if (!n->upload)
		return 0;
	if (!(f = net_file(n, name)))
		return err_code();
	if (!append)
		buf_reset(&f->data);
	if (buf_add(&f->data, data, len) || buf_failed(&f->data))
		return err_setc(ERR_TOOBIG, "state %s: over %u bytes", name, STATE_MAX);
	return 0;
}

static int net_write(void *impl, const char *name, const void *data, size_t len)
{
	struct state_net *n = impl;
	int rc = n->dst.write(n->dst.impl, name, data, len);

	return rc ? rc : net_keep(n, name, data, len, 0);
}

static int net_append(void *impl, const char *name, const void *data, size_t len)
{
	struct state_net *n = impl;
	int rc = n->dst.append(n->dst.impl, name, data, len);

	return rc ? rc : net_keep(n, name, data, len, 1);
}

static void net_describe(void *impl, const char *name, char *out, size_t outsz)
{
	struct state_net *n = impl;
	const char *art = jv_get_str(jv_get(n->origins, name), "artifact");

	if (art)
		snprintf(out, outsz, "artifact %s: %s", art, name);
	else if (n->src_label)
		snprintf(out, outsz, "%s: %s", n->src_label, name);
	else
		n->src.describe(n->src.impl, name, out, outsz);
}

/* Zips what the phase wrote into path. */
static int net_zip(struct state_net *n, const char *path)
{
	struct zip_writer *w;
	size_t i;
	int rc;

	if ((rc = zip_writer_open(&w, path)) < 0)
		return rc;
	for (i = 0; i < n->nfiles && rc == 0; i++)
		rc = zip_writer_add(w, n->files[i].name, buf_cstr(&n->files[i].data),
				    n->files[i].data.len);
	if (rc < 0) {
		zip_writer_abort(w);
		return rc;
	}
	return zip_writer_close(w);
}

/* Uploads what the phase wrote as the artifact n->upload. */
static int net_finish(void *impl)
{
	struct state_net *n = impl;
	struct http_client *http = NULL;
	struct artifact_svc *svc = NULL;
	struct http_opts ho = { 0 };
	struct buf zip = BUF_INIT(8192);
	long long id = 0;
	int rc = 0;

	if (!n->upload || !n->nfiles)
		return 0;
	if (!n->tmp && (rc = state_mkdtemp(&n->tmp)) < 0)
		goto done;
	buf_printf(&zip, "%s/%s.zip", n->tmp, n->upload);
	ho.ca_file = n->ca_file;
	if ((rc = net_zip(n, buf_cstr(&zip))) < 0 || (rc = http_client_new(&http, &ho)) < 0 ||
	    (rc = artifact_open(&svc, http)) < 0 ||
	    (rc = artifact_upload(svc, n->upload, buf_cstr(&zip), n->retention, &id)) < 0)
		goto done;
	log_info("state uploaded as artifact %s (id %lld, %zu file%s)", n->upload, id, n->nfiles,
		 n->nfiles == 1 ? "" : "s");
done:
	if (rc < 0)
		rc = err_wrap("uploading state artifact %s", n->upload);
	artifact_close(svc);
	http_client_free(http);
	buf_release(&zip);
	return rc;
}

static void net_close(void *impl)
{
	struct state_net *n = impl;
	size_t i;

	if (!n)
		return;
	state_io_close(&n->src);
	state_io_close(&n->dst);
	if (n->tmp)
		state_rmtree(n->tmp);
	for (i = 0; i < n->nfiles; i++) {
		free(n->files[i].name);
		buf_release(&n->files[i].data);
	}
	jv_free(n->origins);
	free(n->tmp);
	free(n->src_label);
	free(n->upload);
	free(n->ca_file);
	free(n);
}

/* The source: a directory as is, or artifacts fetched into n->tmp. */
static int net_open_src(struct state_net *n, const struct state_where *w)
{
	const char *val = NULL;
	char kind[16], label[400], *merged;
	long long run = 0;
	int rc, count = 0;

	if (!w->from)
		return state_dir_io(&n->src, w->state_dir);
	if ((rc = state_where_parse("state-from", w->from, kind, &val, &run)) < 0)
		return rc;
	if (!strcmp(kind, "dir"))
		return state_dir_io(&n->src, val);
	if (!strcmp(kind, "run"))
		snprintf(label, sizeof(label), "artifacts %s* of run %lld", val, run);
	else
		snprintf(label, sizeof(label), "artifacts %s* of this run", val);
	if (!(n->src_label = strdup(label)) || !(n->origins = jv_new_obj()))
		return err_set("out of memory");
	if ((rc = state_mkdtemp(&n->tmp)) < 0)
		return rc;
	if (asprintf(&merged, "%s/merged", n->tmp) < 0)
		return err_set("out of memory");
	if ((rc = fs_mkdirs(merged, 0700)) == 0 &&
	    (rc = state_fetch(kind, val, run, w->ca_file, n->tmp, merged, n->origins, &count)) == 0)
		rc = state_dir_io(&n->src, merged);
	if (rc == 0)
		log_info("state: read from %s (%d merged)", label, count);
	else
		rc = err_wrap("--state-from %s", w->from);
	free(merged);
	return rc;
}

/* The sink: a directory; an artifact sink writes to the state directory
 * and uploads at the end. */
static int net_open_dst(struct state_net *n, const struct state_where *w)
{
	struct artifact_svc *svc = NULL;
	const char *val = NULL;
	char kind[16];
	long long run = 0;
	int rc;

	if (!w->to)
		return state_dir_io(&n->dst, w->state_dir);
	if ((rc = state_where_parse("state-to", w->to, kind, &val, &run)) < 0)
		return rc;
	if (!strcmp(kind, "dir"))
		return state_dir_io(&n->dst, val);
	if (!strcmp(kind, "run"))
		return err_setc(ERR_USAGE, "--state-to %s: another run's artifacts are read-only",
				w->to);
	/* Fail now, before the phase acts, when there is no artifact service. */
	if ((rc = artifact_open(&svc, NULL)) < 0)
		return err_wrap("--state-to %s", w->to);
	artifact_close(svc);
	if (asprintf(&n->upload, "%s-%s", val, w->phase) < 0) {
		n->upload = NULL;
		return err_set("out of memory");
	}
	if (artifact_check_name(n->upload) < 0)
		return err_setc(ERR_USAGE, "--state-to %s: bad artifact name", w->to);
	return state_dir_io(&n->dst, w->state_dir);
}

int state_open(struct state_io *io, const struct state_where *w)
{
	struct state_net *n;
	int rc;

	memset(io, 0, sizeof(*io));
	if (!w->from && !w->to)
		return state_dir_io(io, w->state_dir);
	if (!w->phase || (rc = state_check_phase(w->phase)) < 0)
		return err_setc(ERR_USAGE, "state: no valid phase name");
	if (!(n = calloc(1, sizeof(*n))))
		return err_set("out of memory");
	n->retention = w->retention_days;
	if ((w->ca_file && !(n->ca_file = strdup(w->ca_file)))) {
		free(n);
		return err_set("out of memory");
	}
	if ((rc = net_open_dst(n, w)) < 0 || (rc = net_open_src(n, w)) < 0) {
		net_close(n);
		return rc;
	}
	io->impl = n;
	io->read = net_read;
	io->write = net_write;
	io->append = net_append;
	io->describe = net_describe;
	io->close = net_close;
	io->finish = net_finish;
	return 0;
}
