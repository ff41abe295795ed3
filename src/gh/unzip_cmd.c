/* unzip_cmd.c - `ship unzip` and `ship zip`: hidden commands over core/zip. */
#include "gh/commands.h"
#include "rt/run.h"
#include "core/err.h"
#include "core/exitcode.h"
#include "core/log.h"
#include "core/zip.h"

#include <stdio.h>
#include <string.h>

const struct opt_spec unzip_opts[] = {
	{ "list", 'l', OPT_FLAG, NULL, NULL, "list the entries (size, compressed size, name)" },
	{ "dir", 'd', OPT_STR, "DIR", NULL, "extract everything into DIR (absent or empty)" },
	{ "entry", 0, OPT_STR, "NAME", NULL, "print one entry to stdout" },
	{ "test", 't', OPT_FLAG, NULL, NULL, "read every entry and check the CRCs" },
	{ "max-entry", 0, OPT_INT, "BYTES", NULL, "largest entry (default 2 GiB)" },
	{ "max-total", 0, OPT_INT, "BYTES", NULL, "largest archive content (default 8 GiB)" },
	{ "max-ratio", 0, OPT_INT, "N", NULL, "largest compression ratio N:1 (default 100)" },
	OPT_END
};

const struct opt_spec zip_cmd_opts[] = {
	OPT_END
};

static int unzip_list_cb(void *ctx, struct zip_reader *z, const struct zip_entry *e)
{
	(void)ctx; (void)z;
	printf("%llu %llu %s%s\n", e->size, e->csize, e->name, e->is_symlink ? " -> (symlink)" : "");
	return 0;
}

static int unzip_out(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	return fwrite(data, 1, len, stdout) != len;
}

static int unzip_print_cb(void *ctx, struct zip_reader *z, const struct zip_entry *e)
{
	const char *want = ctx;

	if (want && strcmp(want, e->name))
		return 0;
	return zip_entry_read(z, want ? unzip_out : NULL, NULL) < 0 ? err_code() : (want ? 1 : 0);
}

static int unzip_do(const struct opt_set *set, const struct zip_limits *lim)
{
	const char *path = set->rest[0], *dir = opt_str(set, "dir");
	const char *entry = opt_str(set, "entry");
	struct zip_reader *z = NULL;
	int rc;

	if (dir)
		return zip_extract(path, dir, lim);
	if ((rc = zip_open(&z, path, lim)) < 0)
		return rc;
	if (opt_flag(set, "list"))
		rc = zip_each(z, unzip_list_cb, NULL);
	else
		rc = zip_each(z, unzip_print_cb, (void *)entry);
	zip_close(z);
	return rc;
}

static int unzip_main(const struct opt_set *set)
{
	struct zip_limits lim = { 0 };
	int rc;

	if (set->nrest != 1) {
		log_error("usage: ship unzip ZIP (--list | --dir DIR | --entry NAME | --test)");
		return EXIT_USAGE;
	}
	lim.max_entry = (unsigned long long)opt_int(set, "max-entry", 0);
	lim.max_total = (unsigned long long)opt_int(set, "max-total", 0);
	lim.max_ratio = (unsigned)opt_int(set, "max-ratio", 0);
	rc = unzip_do(set, &lim);
	fflush(stdout);
	if (rc < 0) {
		log_error("%s", err_last());
		return err_exit_code(rc);
	}
	return EXIT_OK;
}

static int zip_cmd_main(const struct opt_set *set)
{
	struct zip_writer *w;
	int i, rc = 0;

	if (set->nrest < 2) {
		log_error("usage: ship zip OUT.zip FILE...");
		return EXIT_USAGE;
	}
	if (zip_writer_open(&w, set->rest[0]) < 0) {
		log_error("%s", err_last());
		return err_exit_code(err_code());
	}
	for (i = 1; i < set->nrest && rc == 0; i++) {
		const char *base = strrchr(set->rest[i], '/');
		rc = zip_writer_add_file(w, base ? base + 1 : set->rest[i], set->rest[i]);
	}
	if (rc == 0)
		rc = zip_writer_close(w);
	else
		zip_writer_abort(w);
	if (rc < 0) {
		log_error("%s", err_last());
		return err_exit_code(rc);
	}
	return EXIT_OK;
}

/* Both print their own output and log their own errors (raw results). */
static int unzip_cmd_code(struct rt_ctx *ctx, int code)
{
	ctx->result->raw = 1;
	if (code == EXIT_OK)
		return 0;
	return code == EXIT_SERVICE ? ERR_SERVICE : code == EXIT_DEADLINE ? ERR_TIMEOUT : ERR_INVALID;
}

int unzip_run(struct rt_ctx *ctx)
{
	return unzip_cmd_code(ctx, unzip_main(ctx->opts));
}

int zip_cmd_run(struct rt_ctx *ctx)
{
	return unzip_cmd_code(ctx, zip_cmd_main(ctx->opts));
}
