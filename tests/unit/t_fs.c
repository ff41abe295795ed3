/* t_fs.c - unit tests of capped reads, atomic writes and appends. */
#include "unit.h"
#include "core/err.h"
#include "core/fs.h"

#include <dirent.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			n++;
	if (d)
		closedir(d);
	return n;
}

TEST(fs_atomic_write_then_read)
{
	const char *dir = unit_tmpdir();
	char path[512];
	struct buf b = BUF_INIT(100);

	snprintf(path, sizeof(path), "%s/a/b/state.json", dir);
	CHECK(fs_write_atomic(path, "x", 1, 0644) < 0); /* parent missing */
	snprintf(path, sizeof(path), "%s/a/b", dir);
	CHECK_INT(fs_mkdirs(path, 0755), 0);
	CHECK_INT(fs_mkdirs(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/a/b/state.json", dir);
	CHECK_INT(fs_write_atomic(path, "{\"a\":1}", 7, 0644), 0);
	CHECK_INT(fs_write_atomic(path, "{\"a\":2}", 7, 0644), 0);
	CHECK_INT(fs_read(&b, path), 0);
	CHECK_STR(b.ptr, "{\"a\":2}");
	snprintf(path, sizeof(path), "%s/a/b", dir);
	CHECK_INT(count_entries(path), 1); /* no temporary left behind */
	buf_release(&b);
}

TEST(fs_read_caps_and_names_path)
{
	const char *dir = unit_tmpdir();
	char path[512];
	struct buf b = BUF_INIT(4);

	snprintf(path, sizeof(path), "%s/big", dir);
	CHECK_INT(fs_write_atomic(path, "12345", 5, 0600), 0);
	CHECK_INT(fs_read(&b, path), ERR_TOOBIG);
	CHECK(strstr(err_last(), path) != NULL);
	buf_release(&b);
	snprintf(path, sizeof(path), "%s/absent", dir);
	CHECK_INT(fs_read(&b, path), ERR_NOTFOUND);
	CHECK_INT(fs_exists(path), 0);
}

TEST(fs_atomic_write_fails_cleanly_in_readonly_dir)
{
	const char *dir = unit_tmpdir();
	char path[512];

	if (geteuid() == 0) /* root ignores directory permissions */
		return;
	chmod(dir, 0555);
	snprintf(path, sizeof(path), "%s/x", dir);
	CHECK(fs_write_atomic(path, "x", 1, 0644) < 0);
	CHECK_INT(count_entries(dir), 0);
	chmod(dir, 0755);
}

TEST(fs_append_keeps_records_whole)
{
	const char *dir = unit_tmpdir();
	char path[512];
	struct buf b = BUF_INIT(1000);

	snprintf(path, sizeof(path), "%s/audit.jsonl", dir);
	CHECK_INT(fs_append(path, "{\"n\":1}\n", 8), 0);
	CHECK_INT(fs_append(path, "{\"n\":2}\n", 8), 0);
	CHECK_INT(fs_read(&b, path), 0);
	CHECK_STR(b.ptr, "{\"n\":1}\n{\"n\":2}\n");
	buf_release(&b);
}
