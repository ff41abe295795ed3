/* zip_write.c - writing a zip archive (deflate) atomically with minizip. */
#include "zip.h"
#include "zip_int.h"
#include "err.h"

#include <errno.h>
#include <minizip/zip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct zip_writer {
	zipFile zf;
	char *path;
	char *tmp;
};

int zip_writer_open(struct zip_writer **out, const char *path)
{
	struct zip_writer *w = calloc(1, sizeof(*w));
	struct buf t = BUF_INIT(8192);
	int fd;

	*out = NULL;
	if (!w)
		return err_set("out of memory");
	buf_printf(&t, "%s.ship-XXXXXX", path);
	w->path = strdup(path);
	w->tmp = buf_detach(&t);
	if (!w->path || !w->tmp) {
		zip_writer_abort(w);
		return err_set("%s: path too long or out of memory", path);
	}
	fd = mkstemp(w->tmp);
	if (fd < 0) {
		free(w->tmp);
		w->tmp = NULL;
		zip_writer_abort(w);
		return err_set("%s: cannot create a temporary file: %s", path, strerror(errno));
	}
	close(fd);
	w->zf = zipOpen64(w->tmp, APPEND_STATUS_CREATE);
	if (!w->zf) {
		zip_writer_abort(w);
		return err_set("%s: cannot start the archive", path);
	}
	*out = w;
	return 0;
}

static int zip_writer_begin(struct zip_writer *w, const char *name, unsigned long long size)
{
	zip_fileinfo zi;

	if (zip_check_name(name) < 0) {
		char why[256];
		snprintf(why, sizeof(why), "%s", err_last());
		return err_setc(ERR_INVALID, "%s: entry \"%s\": %s", w->path, name, why);
	}
	memset(&zi, 0, sizeof(zi));
	zi.tmz_date.tm_mday = 1;          /* 1980-01-01: reproducible archives */
	zi.tmz_date.tm_year = 1980;
	if (zipOpenNewFileInZip3_64(w->zf, name, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED, 6, 0,
				    -MAX_WBITS, DEF_MEM_LEVEL, Z_DEFAULT_STRATEGY, NULL, 0,
				    size >= 0xffffffffULL) != ZIP_OK)
		return err_set("%s: cannot add %s", w->path, name);
	return 0;
}

int zip_writer_add(struct zip_writer *w, const char *name, const void *data, size_t len)
{
	int rc;

	if ((rc = zip_writer_begin(w, name, len)) < 0)
		return rc;
	rc = ZIP_OK;
	while (len && rc == ZIP_OK) {     /* minizip takes unsigned lengths */
		unsigned n = len > (1u << 30) ? (1u << 30) : (unsigned)len;
		rc = zipWriteInFileInZip(w->zf, data, n);
		data = (const char *)data + n;
		len -= n;
	}
	if (zipCloseFileInZip(w->zf) != ZIP_OK || rc != ZIP_OK)
		return err_set("%s: writing %s failed", w->path, name);
	return 0;
}

int zip_writer_add_file(struct zip_writer *w, const char *name, const char *path)
{
	static _Thread_local char chunk[1 << 16];
	struct stat st;
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (!f)
		return err_setc(errno == ENOENT ? ERR_NOTFOUND : ERR_FAIL, "%s: %s", path, strerror(errno));
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
		fclose(f);
		return err_set("%s: not a regular file", path);
	}
	if ((rc = zip_writer_begin(w, name, (unsigned long long)st.st_size)) < 0) {
		fclose(f);
		return rc;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (zipWriteInFileInZip(w->zf, chunk, (unsigned)n) != ZIP_OK) {
			rc = err_set("%s: writing %s failed", w->path, name);
			break;
		}
	if (rc == 0 && ferror(f))
		rc = err_set("%s: read error", path);
	fclose(f);
	if (zipCloseFileInZip(w->zf) != ZIP_OK && rc == 0)
		rc = err_set("%s: writing %s failed", w->path, name);
	return rc;
}

int zip_writer_close(struct zip_writer *w)
{
	int rc = 0;

	if (zipClose(w->zf, NULL) != ZIP_OK)
		rc = err_set("%s: finishing the archive failed", w->path);
	w->zf = NULL;
	if (rc == 0 && rename(w->tmp, w->path) < 0)
		rc = err_set("renaming to %s: %s", w->path, strerror(errno));
	if (rc == 0) {
		free(w->tmp);
		w->tmp = NULL;
	}
	zip_writer_abort(w);
	return rc;
}

void zip_writer_abort(struct zip_writer *w)
{
	if (!w)
		return;
	if (w->zf)
		zipClose(w->zf, NULL);
	if (w->tmp)
		unlink(w->tmp);
	free(w->tmp);
	free(w->path);
	free(w);
}
