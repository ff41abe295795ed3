/* zip_extract.c - all-or-nothing extraction that refuses unsafe entries. */
#include "zip.h"
#include "zip_int.h"
#include "err.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int zip_check_name(const char *name)
{
	const char *p = name, *slash;
	size_t n;

	if (!*name)
		return err_setc(ERR_INVALID, "empty entry name");
	if (name[0] == '/')
		return err_setc(ERR_INVALID, "absolute path");
	if (((name[0] | 0x20) >= 'a' && (name[0] | 0x20) <= 'z') && name[1] == ':')
		return err_setc(ERR_INVALID, "drive letter");
	for (; *p; p++)
		if (*p == '\\' || (unsigned char)*p < 0x20 || *p == 0x7f)
			return err_setc(ERR_INVALID, "backslash or control character in the name");
	for (p = name; *p; p = slash + 1) {
		slash = strchr(p, '/');
		n = slash ? (size_t)(slash - p) : strlen(p);
		if ((n == 2 && !memcmp(p, "..", 2)) || (n == 1 && *p == '.'))
			return err_setc(ERR_INVALID, "\".\" or \"..\" in the path");
		if (!n && slash)
			return err_setc(ERR_INVALID, "empty path component");
		if (!slash)
			break;
	}
	return 0;
}

struct zip_ex {
	const char *stage;
	const char *zip;
	int fd;
	const char *what;
};

/* mkdir -p of the directories in rel (relative to the staging dir); the
 * last component too when last_too (a directory entry). */
static int zip_mkparents(struct zip_ex *x, const char *rel, int last_too)
{
	char path[8192];
	size_t base = (size_t)snprintf(path, sizeof(path), "%s/", x->stage);
	size_t len = strlen(rel), i;

	if (base + len >= sizeof(path))
		return err_setc(ERR_INVALID, "%s: %s: path too long", x->zip, rel);
	memcpy(path + base, rel, len + 1);
	if (len && path[base + len - 1] == '/')
		path[base + len - 1] = '\0';
	for (i = base;; i++) {
		char c = path[i];
		if (c == '/' || (!c && last_too)) {
			path[i] = '\0';
			if (mkdir(path, 0755) < 0 && errno != EEXIST)
				return err_setc(ERR_INVALID, "%s: %s: cannot create %s: %s", x->zip,
						rel, path + base, strerror(errno));
			path[i] = c;
		}
		if (!c)
			break;
	}
	return 0;
}

static int zip_write_sink(void *ctx, const char *data, size_t len)
{
	struct zip_ex *x = ctx;

	while (len) {
		ssize_t w = write(x->fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

static int zip_ex_entry(void *ctx, struct zip_reader *z, const struct zip_entry *e)
{
	struct zip_ex *x = ctx;
	char path[8192];
	int rc;

	if (zip_check_name(e->name) < 0) {
		char why[256];
		snprintf(why, sizeof(why), "%s", err_last());
		return err_setc(ERR_INVALID, "%s: entry \"%s\" refused: %s", x->zip, e->name, why);
	}
	if (e->is_symlink)
		return err_setc(ERR_INVALID, "%s: entry \"%s\" refused: a symbolic link", x->zip, e->name);
	if (e->is_dir)
		return zip_mkparents(x, e->name, 1);
	if ((rc = zip_mkparents(x, e->name, 0)) < 0)
		return rc;
	snprintf(path, sizeof(path), "%s/%s", x->stage, e->name);
	x->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (x->fd < 0)
		return err_setc(errno == EEXIST ? ERR_INVALID : ERR_FAIL, "%s: entry \"%s\": %s",
				x->zip, e->name, errno == EEXIST ? "duplicate name" : strerror(errno));
	rc = zip_entry_read(z, zip_write_sink, x);
	if (close(x->fd) < 0 && rc == 0)
		rc = err_set("%s: writing %s: %s", x->zip, e->name, strerror(errno));
	x->fd = -1;
	return rc;
}

static int zip_rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st; (void)f;
	return flag == FTW_DP ? rmdir(p) : unlink(p);
}

/* dir must be absent or an empty directory. */
static int zip_dest_ok(const char *dir, int *exists)
{
	struct stat st;
	DIR *d;
	struct dirent *de;

	*exists = 0;
	if (lstat(dir, &st) < 0)
		return errno == ENOENT ? 0 : err_set("%s: %s", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return err_setc(ERR_CONFLICT, "%s: exists and is not a directory", dir);
	if (!(d = opendir(dir)))
		return err_set("%s: %s", dir, strerror(errno));
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			closedir(d);
			return err_setc(ERR_CONFLICT, "%s: not empty; extraction needs an empty directory", dir);
		}
	closedir(d);
	*exists = 1;
	return 0;
}

int zip_extract(const char *zip_path, const char *dir, const struct zip_limits *lim)
{
	struct zip_reader *z = NULL;
	struct zip_ex x = { NULL, zip_path, -1, NULL };
	struct buf stage = BUF_INIT(8192);
	int rc, exists;

	if ((rc = zip_dest_ok(dir, &exists)) < 0)
		return rc;
	if ((rc = zip_open(&z, zip_path, lim)) < 0)
		return rc;
	buf_printf(&stage, "%s.ship-XXXXXX", dir);
	if (buf_failed(&stage) || !mkdtemp(stage.ptr)) {
		rc = err_set("%s: cannot create a staging directory: %s", dir, strerror(errno));
		goto done;
	}
	x.stage = stage.ptr;
	rc = zip_each(z, zip_ex_entry, &x);
	if (rc == 0 && exists && rmdir(dir) < 0)
		rc = err_set("%s: %s", dir, strerror(errno));
	if (rc == 0 && rename(x.stage, dir) < 0)
		rc = err_set("renaming to %s: %s", dir, strerror(errno));
	if (rc < 0)
		nftw(x.stage, zip_rm_one, 16, FTW_DEPTH | FTW_PHYS);
done:
	zip_close(z);
	buf_release(&stage);
	return rc;
}
