/* fs.c - capped whole-file reads, atomic writes and O_APPEND records. */
#include "fs.h"
#include "err.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_read(struct buf *out, const char *path)
{
	char chunk[65536];
	struct stat st;
	ssize_t n;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_setc(errno == ENOENT ? ERR_NOTFOUND : ERR_INVALID,
				"%s: %s", path, strerror(errno));
	/* Size the buffer once for regular files instead of doubling (and
	 * copying) a large report several times; the cap still applies. */
	if (!fstat(fd, &st) && S_ISREG(st.st_mode) && (size_t)st.st_size <= out->max)
		buf_grow(out, (size_t)st.st_size);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = err_setc(ERR_INVALID, "%s: %s", path, strerror(errno));
			goto done;
		}
		if (buf_add(out, chunk, (size_t)n)) {
			rc = buf_failed(out) == BUF_ETOOBIG
				? err_setc(ERR_TOOBIG, "%s: larger than %zu bytes", path, out->max)
				: err_set("%s: out of memory", path);
			goto done;
		}
	}
done:
	close(fd);
	return rc;
}

static int fs_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* fsync of the directory holding path, so the rename itself is durable. */
static void fs_sync_dir(const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	int fd;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path) ? (int)(slash - path) : 1, path);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

int fs_write_atomic(const char *path, const void *data, size_t len, int mode)
{
	char tmp[PATH_MAX];
	int fd, rc = 0;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path) >= sizeof(tmp))
		return err_setc(ERR_INVALID, "%s: path too long", path);
	fd = mkstemp(tmp);
	if (fd < 0)
		return err_set("%s: cannot create a temporary file: %s", path, strerror(errno));
	if (fs_write_all(fd, data, len) || fchmod(fd, (mode_t)mode) || fsync(fd)) {
		rc = err_set("%s: %s", tmp, strerror(errno));
		close(fd);
		goto fail;
	}
	if (close(fd)) {
		rc = err_set("%s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (rename(tmp, path)) {
		rc = err_set("%s: %s", path, strerror(errno));
		goto fail;
	}
	fs_sync_dir(path);
	return 0;
fail:
	unlink(tmp);
	return rc;
}

int fs_append(const char *path, const void *data, size_t len)
{
	int fd, rc = 0;
	ssize_t n;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return err_set("%s: %s", path, strerror(errno));
	/* One write: O_APPEND makes each record land whole at the end. */
	n = write(fd, data, len);
	if (n < 0 || (size_t)n != len)
		rc = err_set("%s: short append: %s", path, n < 0 ? strerror(errno) : "disk full?");
	if (close(fd) && !rc)
		rc = err_set("%s: %s", path, strerror(errno));
	return rc;
}

int fs_mkdirs(const char *path, int mode)
{
	char p[PATH_MAX];
	size_t i, n = strlen(path);

	if (n == 0 || n >= sizeof(p))
		return err_setc(ERR_INVALID, "'%s': bad directory name", path);
	memcpy(p, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		p[i] = '\0';
		if (mkdir(p, (mode_t)mode) && errno != EEXIST)
			return err_set("%s: %s", p, strerror(errno));
		p[i] = i < n ? '/' : '\0';
	}
	return 0;
}

int fs_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}
