/* t_envfile.c - unit tests of GITHUB_OUTPUT/ENV/STATE record formatting and writing. */
#include "unit.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "rt/envfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int fmt(struct buf *b, enum envfile_kind k, const char *name, const char *value,
	       const char *delim)
{
	buf_reset(b);
	return envfile_format(b, k, name, value, value ? strlen(value) : 0, delim);
}

TEST(envfile_single_line_and_heredoc)
{
	struct buf b = BUF_INIT(4096);

	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, "verdict", "a=b<<c\rd", NULL), 0);
	CHECK_STR(b.ptr, "verdict=a=b<<c\rd\n");
	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, "empty", "", NULL), 0);
	CHECK_STR(b.ptr, "empty=\n");
	CHECK_INT(fmt(&b, ENVFILE_STATE, "multi", "line1\nline2\n", "EOF_X"), 0);
	CHECK_STR(b.ptr, "multi<<EOF_X\nline1\nline2\n\nEOF_X\n");
	/* the random delimiter has the toolkit's shape */
	CHECK_INT(fmt(&b, ENVFILE_ENV, "M", "a\nb", NULL), 0);
	CHECK(!strncmp(b.ptr, "M<<ghadelimiter_", 16));
	CHECK_INT(b.len, strlen("M<<ghadelimiter_") + 36 + 1 + 3 + 1 + 13 + 36 + 1);
	CHECK(!memcmp(b.ptr + 3, b.ptr + b.len - 50, 49));
	buf_release(&b);
}

TEST(envfile_refuses_bad_names_and_delimiter_collisions)
{
	struct buf b = BUF_INIT(4096);

	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, "", "v", NULL), ERR_INVALID);
	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, NULL, "v", NULL), ERR_INVALID);
	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, "a=b", "v", NULL), ERR_INVALID);
	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, "a\nb", "v", NULL), ERR_INVALID);
	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, "a<<b", "v", NULL), ERR_INVALID);
	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, "a<", "v\nw", NULL), ERR_INVALID);
	CHECK_INT(fmt(&b, ENVFILE_ENV, "node_options", "--require x", NULL), ERR_INVALID);
	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, "NODE_OPTIONS", "fine for outputs", NULL), 0);
	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, "v", "x\nEOF_X\ny", "EOF_X"), ERR_INVALID);
	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, "v", "x\nyEOF_Xz", "EOF_X"), ERR_INVALID);
	CHECK_INT(fmt(&b, ENVFILE_OUTPUT, "EOF_X", "x\ny", "EOF_X"), ERR_INVALID);
	CHECK(strstr(err_last(), "delimiter") != NULL);
	buf_reset(&b);
	CHECK_INT(envfile_format(&b, ENVFILE_OUTPUT, "n", "a\0b", 3, NULL), ERR_INVALID);
	buf_release(&b);
}

TEST(envfile_appends_to_the_named_file)
{
	const char *dir = unit_tmpdir();
	char path[512], bad[512];
	struct buf b = BUF_INIT(1u << 16);

	snprintf(path, sizeof(path), "%s/out", dir);
	CHECK_INT(fs_append(path, "", 0), 0);
	setenv("GITHUB_OUTPUT", path, 1);
	CHECK_INT(envfile_set_str(ENVFILE_OUTPUT, "a", "1"), 0);
	CHECK_INT(envfile_set_str(ENVFILE_OUTPUT, "b", "x\ny"), 0);
	CHECK_INT(fs_read(&b, path), 0);
	CHECK(!strncmp(b.ptr, "a=1\nb<<ghadelimiter_", 20));
	CHECK(strstr(b.ptr, "\nx\ny\nghadelimiter_") != NULL);
	CHECK(!strchr(b.ptr, '\r'));

	/* unset: ERR_NOTFOUND; unwritable: ERR_INVALID naming the variable */
	unsetenv("GITHUB_STATE");
	CHECK_INT(envfile_set_str(ENVFILE_STATE, "a", "1"), ERR_NOTFOUND);
	snprintf(bad, sizeof(bad), "%s/missing-dir/env", dir);
	setenv("GITHUB_ENV", bad, 1);
	CHECK_INT(envfile_set_str(ENVFILE_ENV, "a", "1"), ERR_INVALID);
	CHECK(strstr(err_last(), "GITHUB_ENV") != NULL);
	setenv("GITHUB_ENV", dir, 1); /* a directory */
	CHECK_INT(envfile_set_str(ENVFILE_ENV, "a", "1"), ERR_INVALID);
	unsetenv("GITHUB_ENV");
	unsetenv("GITHUB_OUTPUT");
	remove(path);
	rmdir(dir);
	buf_release(&b);
}

TEST(envfile_value_cap)
{
	struct buf b = BUF_INIT(ENVFILE_MAX_VALUE * 2);
	char *big = malloc(ENVFILE_MAX_VALUE + 1);

	CHECK(big != NULL);
	memset(big, 'v', ENVFILE_MAX_VALUE + 1);
	CHECK_INT(envfile_format(&b, ENVFILE_OUTPUT, "n", big, ENVFILE_MAX_VALUE + 1, NULL), ERR_TOOBIG);
	buf_reset(&b);
	CHECK_INT(envfile_format(&b, ENVFILE_OUTPUT, "n", big, ENVFILE_MAX_VALUE, NULL), 0);
	free(big);
	buf_release(&b);
}
