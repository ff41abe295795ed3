/* zip.c - reading zip archives with minizip, every entry capped and checked. */
#include "zip.h"
#include "zip_int.h"
#include "err.h"

#include <minizip/unzip.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ZIP_NAME_MAX 4096

struct zip_reader {
	unzFile uf;
	char *path;
	struct zip_limits lim;
	unsigned long long total;      /* bytes inflated so far */
	struct zip_entry cur;
	char name[ZIP_NAME_MAX];
	int in_entry;
	int pulling;                   /* zip_pull_open() opened cur */
	unsigned long long out;        /* bytes of cur inflated so far */
};

void zip_limits_defaults(struct zip_limits *l, const struct zip_limits *in)
{
	if (in)
		*l = *in;
	else
		memset(l, 0, sizeof(*l));
	if (!l->max_entry) l->max_entry = 2ULL << 30;
	if (!l->max_total) l->max_total = 8ULL << 30;
	if (!l->max_entries) l->max_entries = 100000;
	if (!l->max_ratio) l->max_ratio = 100;
	if (!l->ratio_floor) l->ratio_floor = 1ULL << 20;
}

int zip_open(struct zip_reader **out, const char *path, const struct zip_limits *lim)
{
	struct zip_reader *z;
	struct stat st;

	*out = NULL;
	if (stat(path, &st) < 0)
		return err_setc(ERR_NOTFOUND, "%s: no such file", path);
	z = calloc(1, sizeof(*z));
	if (!z || !(z->path = strdup(path))) {
		free(z);
		return err_set("out of memory");
	}
	zip_limits_defaults(&z->lim, lim);
	z->uf = unzOpen64(path);
	if (!z->uf) {
		zip_close(z);
		return err_setc(ERR_INVALID, "%s: not a zip archive, or truncated "
				"(no central directory)", path);
	}
	*out = z;
	return 0;
}

void zip_close(struct zip_reader *z)
{
	if (!z)
		return;
	if (z->uf)
		unzClose(z->uf);
	free(z->path);
	free(z);
}

/* Fills z->cur from the current central-directory record. */
static int zip_load_entry(struct zip_reader *z)
{
	unz_file_info64 fi;
	unsigned mode;

	if (unzGetCurrentFileInfo64(z->uf, &fi, z->name, sizeof(z->name), NULL, 0, NULL, 0) != UNZ_OK)
		return err_setc(ERR_INVALID, "%s: corrupt central directory", z->path);
	if (fi.size_filename >= sizeof(z->name))
		return err_setc(ERR_INVALID, "%s: entry name over %d bytes", z->path, ZIP_NAME_MAX);
	if (strlen(z->name) != fi.size_filename)
		return err_setc(ERR_INVALID, "%s: entry name holds a NUL byte", z->path);
	memset(&z->cur, 0, sizeof(z->cur));
	z->cur.name = z->name;
	z->cur.size = fi.uncompressed_size;
	z->cur.csize = fi.compressed_size;
	z->cur.crc = fi.crc;
	z->cur.is_dir = fi.size_filename && z->name[fi.size_filename - 1] == '/';
	mode = (unsigned)(fi.external_fa >> 16);
	/* made by Unix (3) or macOS (19): the high half is st_mode */
	if (((fi.version >> 8) == 3 || (fi.version >> 8) == 19) && S_ISLNK(mode))
		z->cur.is_symlink = 1;
	return 0;
}

int zip_each(struct zip_reader *z, zip_entry_fn fn, void *ctx)
{
	unsigned long long n = 0;
	int rc;

	rc = unzGoToFirstFile(z->uf);
	if (rc == UNZ_END_OF_LIST_OF_FILE)
		return 0;
	while (rc == UNZ_OK) {
		if (++n > z->lim.max_entries)
			return err_setc(ERR_TOOBIG, "%s: more than %llu entries", z->path,
					z->lim.max_entries);
		if ((rc = zip_load_entry(z)) < 0)
			return rc;
		z->in_entry = 1;
		rc = fn(ctx, z, &z->cur);
		z->in_entry = 0;
		if (rc < 0)
			return rc;
		if (rc > 0)
			return 0;
		rc = unzGoToNextFile(z->uf);
	}
	if (rc != UNZ_END_OF_LIST_OF_FILE)
		return err_setc(ERR_INVALID, "%s: corrupt central directory after entry %llu",
				z->path, n);
	return 0;
}

/* Checks the caps after `got` more bytes of the current entry (out in all). */
static int zip_check_caps(struct zip_reader *z, unsigned long long out)
{
	const struct zip_entry *e = &z->cur;

	if (out > e->size)
		return err_setc(ERR_INVALID, "%s: %s: inflates past its declared size %llu",
				z->path, e->name, e->size);
	if (out > z->lim.max_entry)
		return err_setc(ERR_TOOBIG, "%s: %s: over %llu bytes", z->path, e->name,
				z->lim.max_entry);
	if (z->total > z->lim.max_total)
		return err_setc(ERR_TOOBIG, "%s: archive inflates past %llu bytes", z->path,
				z->lim.max_total);
	if (out > z->lim.ratio_floor && out / (e->csize ? e->csize : 1) > z->lim.max_ratio)
		return err_setc(ERR_INVALID, "%s: %s: compression ratio over %u:1 (a zip bomb?)",
				z->path, e->name, z->lim.max_ratio);
	return 0;
}

/* Opens the current entry for inflating, its declared sizes checked
 * before a byte is inflated. */
static int entry_begin(struct zip_reader *z)
{
	z->out = 0;
	if (z->cur.size > z->lim.max_entry || (z->cur.size > z->lim.ratio_floor &&
	    z->cur.size / (z->cur.csize ? z->cur.csize : 1) > z->lim.max_ratio))
		return zip_check_caps(z, z->cur.size);
	if (unzOpenCurrentFile(z->uf) != UNZ_OK)
		return err_setc(ERR_INVALID, "%s: %s: cannot open entry (unsupported method, "
				"encrypted or corrupt)", z->path, z->cur.name);
	return 0;
}

/* Inflates up to n bytes into buf: their count, 0 at the entry's end,
 * or < 0 (a cap, corrupt data). */
static long entry_chunk(struct zip_reader *z, char *buf, size_t n)
{
	int got = unzReadCurrentFile(z->uf, buf, n > (1u << 30) ? 1u << 30 : (unsigned)n);
	int rc;

	if (got < 0)
		return err_setc(ERR_INVALID, "%s: %s: corrupt or truncated data (zlib error %d)",
				z->path, z->cur.name, got);
	z->out += (unsigned)got;
	z->total += (unsigned)got;
	if ((rc = zip_check_caps(z, z->out)) < 0)
		return rc;
	return got;
}

/* Closes the entry; with rc 0 (all of it read) checks CRC and size. */
static int entry_end(struct zip_reader *z, int rc)
{
	int crc = unzCloseCurrentFile(z->uf);

	if (rc == 0 && crc == UNZ_CRCERROR)
		rc = err_setc(ERR_INVALID, "%s: %s: CRC mismatch", z->path, z->cur.name);
	if (rc == 0 && z->out != z->cur.size)
		rc = err_setc(ERR_INVALID, "%s: %s: %llu bytes, %llu declared", z->path,
			      z->cur.name, z->out, z->cur.size);
	return rc;
}

int zip_entry_read(struct zip_reader *z, zip_data_fn sink, void *ctx)
{
	static _Thread_local char chunk[1 << 16];
	long n;
	int rc;

	if (!z->in_entry)
		return err_set("zip_entry_read outside zip_each");
	if ((rc = entry_begin(z)) < 0)
		return rc;
	while ((n = entry_chunk(z, chunk, sizeof(chunk))) > 0) {
		if (sink && sink(ctx, chunk, (size_t)n)) {
			n = err_set("%s: %s: the reader stopped", z->path, z->cur.name);
			break;
		}
	}
	return entry_end(z, n < 0 ? (int)n : 0);
}

static int pull_find(void *ctx, struct zip_reader *z, const struct zip_entry *e)
{
	(void)z;
	return strcmp(e->name, (const char *)ctx) ? 0 : 1;
}

int zip_pull_open(struct zip_reader *z, const char *name)
{
	int rc;

	if (z->pulling)
		return err_set("%s: zip_pull_open: %s is still open", z->path, z->cur.name);
	z->cur.name = NULL;
	if ((rc = zip_each(z, pull_find, (void *)name)) < 0)
		return rc;
	if (!z->cur.name || strcmp(z->cur.name, name))
		return err_setc(ERR_NOTFOUND, "%s: no entry %s", z->path, name);
	if ((rc = entry_begin(z)) < 0)
		return rc;
	z->pulling = 1;
	return 0;
}

long zip_pull(struct zip_reader *z, char *buf, size_t n)
{
	long got;
	int rc;

	if (!z->pulling)
		return err_set("%s: zip_pull without zip_pull_open", z->path);
	got = entry_chunk(z, buf, n);
	if (got != 0)
		return got;
	/* the end: the CRC and the size are known only now */
	z->pulling = 0;
	rc = entry_end(z, 0);
	return rc < 0 ? rc : 0;
}

void zip_pull_close(struct zip_reader *z)
{
	if (z->pulling)
		unzCloseCurrentFile(z->uf);
	z->pulling = 0;
}

struct zip_find {
	const char *name;
	struct buf b;
	int found;
};

static int zip_find_sink(void *ctx, const char *data, size_t len)
{
	struct zip_find *f = ctx;
	return buf_add(&f->b, data, len);
}

static int zip_find_cb(void *ctx, struct zip_reader *z, const struct zip_entry *e)
{
	struct zip_find *f = ctx;
	int rc;

	if (strcmp(e->name, f->name))
		return 0;
	f->found = 1;
	if (e->size > f->b.max)
		return err_setc(ERR_TOOBIG, "%s: %s: %llu bytes, over the %zu limit", z->path,
				e->name, e->size, f->b.max);
	rc = zip_entry_read(z, zip_find_sink, f);
	if (rc < 0 && buf_failed(&f->b))
		return err_setc(ERR_TOOBIG, "%s: %s: over %zu bytes", z->path, e->name, f->b.max);
	return rc < 0 ? rc : 1;
}

int zip_read_file(struct zip_reader *z, const char *name, size_t max, char **out, size_t *len)
{
	struct zip_find f = { name, BUF_INIT(max), 0 };
	int rc;

	*out = NULL;
	*len = 0;
	rc = zip_each(z, zip_find_cb, &f);
	if (rc == 0 && !f.found)
		rc = err_setc(ERR_NOTFOUND, "%s: no entry %s", z->path, name);
	if (rc == 0) {
		*len = f.b.len;
		*out = buf_detach(&f.b);
		if (!*out)
			rc = err_set("out of memory");
	}
	buf_release(&f.b);
	return rc;
}
