/* t_zip.c - unit tests of core/zip: names, round trips, caps. */
#include "unit.h"
#include "core/err.h"
#include "core/zip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

TEST(zip_check_name_table)
{
	static const char *ok[] = { "a.txt", "dir/", "dir/sub/file", "build/1_Set up job.txt",
				    "a..b", "..a", "a/.hidden", NULL };
	static const char *bad[] = { "", "/etc/passwd", "../x", "a/../../x", "a/..", "./x",
				     "a//b", "a\\b", "C:/x", "c:x", "a\nb", NULL };
	int i;

	for (i = 0; ok[i]; i++)
		if (zip_check_name(ok[i]) != 0)
			unit_fail(__FILE__, __LINE__, "refused %s", ok[i]);
	for (i = 0; bad[i]; i++)
		if (zip_check_name(bad[i]) != ERR_INVALID)
			unit_fail(__FILE__, __LINE__, "accepted %s", bad[i]);
}

struct names { char all[512]; };

static int collect(void *ctx, struct zip_reader *z, const struct zip_entry *e)
{
	struct names *n = ctx;
	size_t l = strlen(n->all);

	(void)z;
	snprintf(n->all + l, sizeof(n->all) - l, "%s:%llu;", e->name, e->size);
	return 0;
}

TEST(zip_write_then_read_back)
{
	char path[512], *data = NULL;
	struct zip_writer *w;
	struct zip_reader *z;
	struct names n = { "" };
	size_t len;
	char big[70000];

	memset(big, 'q', sizeof(big));
	snprintf(path, sizeof(path), "%s/t.zip", unit_tmpdir());
	CHECK_INT(zip_writer_open(&w, path), 0);
	CHECK_INT(zip_writer_add(w, "a.txt", "hello", 5), 0);
	CHECK_INT(zip_writer_add(w, "d/big.txt", big, sizeof(big)), 0);
	CHECK_INT(zip_writer_add(w, "../bad", "x", 1), ERR_INVALID);
	CHECK_INT(zip_writer_close(w), 0);

	CHECK_INT(zip_open(&z, path, NULL), 0);
	CHECK_INT(zip_each(z, collect, &n), 0);
	CHECK_STR(n.all, "a.txt:5;d/big.txt:70000;");
	CHECK_INT(zip_read_file(z, "a.txt", 100, &data, &len), 0);
	CHECK_INT(len, 5);
	CHECK_STR(data, "hello");
	free(data);
	CHECK_INT(zip_read_file(z, "d/big.txt", 1000, &data, &len), ERR_TOOBIG);
	CHECK(data == NULL);
	CHECK_INT(zip_read_file(z, "nope", 1000, &data, &len), ERR_NOTFOUND);
	CHECK_INT(zip_read_file(z, "d/big.txt", sizeof(big), &data, &len), 0);
	CHECK_INT(len, sizeof(big));
	CHECK(data && !memcmp(data, big, sizeof(big)));
	free(data);
	zip_close(z);
}

TEST(zip_ratio_cap_before_inflating)
{
	char path[512], *data = NULL;
	struct zip_writer *w;
	struct zip_reader *z;
	struct zip_limits lim = { 0 };
	size_t len, n = 4u << 20;
	char *zeros = calloc(1, n);

	CHECK(zeros != NULL);
	snprintf(path, sizeof(path), "%s/b.zip", unit_tmpdir());
	CHECK_INT(zip_writer_open(&w, path), 0);
	CHECK_INT(zip_writer_add(w, "zeros", zeros, n), 0);
	CHECK_INT(zip_writer_close(w), 0);
	free(zeros);
	CHECK_INT(zip_open(&z, path, NULL), 0);
	CHECK_INT(zip_read_file(z, "zeros", n, &data, &len), ERR_INVALID);
	CHECK(strstr(err_last(), "ratio") != NULL);
	zip_close(z);
	lim.max_ratio = 100000;
	CHECK_INT(zip_open(&z, path, &lim), 0);
	CHECK_INT(zip_read_file(z, "zeros", n, &data, &len), 0);
	CHECK_INT(len, n);
	free(data);
	zip_close(z);
}

TEST(zip_open_errors)
{
	char path[512];
	struct zip_reader *z;
	FILE *f;

	CHECK_INT(zip_open(&z, "/nonexistent.zip", NULL), ERR_NOTFOUND);
	snprintf(path, sizeof(path), "%s/junk.zip", unit_tmpdir());
	f = fopen(path, "w");
	CHECK(f != NULL);
	fputs("PK not a zip at all", f);
	fclose(f);
	CHECK_INT(zip_open(&z, path, NULL), ERR_INVALID);
	CHECK(z == NULL);
}

TEST(zip_writer_abort_leaves_nothing)
{
	char path[512];
	struct zip_writer *w;
	struct stat st;

	snprintf(path, sizeof(path), "%s/gone.zip", unit_tmpdir());
	CHECK_INT(zip_writer_open(&w, path), 0);
	CHECK_INT(zip_writer_add(w, "a", "b", 1), 0);
	zip_writer_abort(w);
	CHECK(stat(path, &st) < 0);
}

/* Writes a one-entry zip of n pseudo-random text bytes (they do not
 * compress much, so the deflated data fills most of the file). */
static void write_noise(const char *path, char *data, size_t n)
{
	struct zip_writer *w;
	unsigned x = 12345;
	size_t i;

	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (char)(' ' + (x >> 16) % 90);
	}
	CHECK_INT(zip_writer_open(&w, path), 0);
	CHECK_INT(zip_writer_add(w, "log.txt", data, n), 0);
	CHECK_INT(zip_writer_close(w), 0);
}

TEST(zip_pull_reads_an_entry_in_pieces)
{
	static char data[70000], back[sizeof(data)];
	char path[512], piece[999];
	struct zip_reader *z;
	size_t got = 0;
	long n;

	snprintf(path, sizeof(path), "%s/p.zip", unit_tmpdir());
	write_noise(path, data, sizeof(data));
	CHECK_INT(zip_open(&z, path, NULL), 0);
	CHECK_INT(zip_pull_open(z, "nope"), ERR_NOTFOUND);
	CHECK_INT(zip_pull_open(z, "log.txt"), 0);
	while ((n = zip_pull(z, piece, sizeof(piece))) > 0) {
		CHECK(got + (size_t)n <= sizeof(back));
		memcpy(back + got, piece, (size_t)n);
		got += (size_t)n;
	}
	CHECK_INT(n, 0);
	CHECK_INT(got, sizeof(data));
	CHECK(!memcmp(back, data, sizeof(data)));
	zip_pull_close(z);
	/* again, closed early this time, then once more to the end */
	CHECK_INT(zip_pull_open(z, "log.txt"), 0);
	CHECK(zip_pull(z, piece, 10) == 10);
	zip_pull_close(z);
	CHECK_INT(zip_pull_open(z, "log.txt"), 0);
	got = 0;
	while ((n = zip_pull(z, piece, sizeof(piece))) > 0)
		got += (size_t)n;
	CHECK_INT(n, 0);
	CHECK_INT(got, sizeof(data));
	zip_pull_close(z);
	zip_close(z);
}

TEST(zip_pull_refuses_corrupt_data_and_bombs)
{
	static char data[70000], zeros[4u << 20];
	char path[512], piece[4096];
	struct zip_reader *z;
	struct zip_writer *w;
	FILE *f;
	long n;

	snprintf(path, sizeof(path), "%s/c.zip", unit_tmpdir());
	write_noise(path, data, sizeof(data));
	f = fopen(path, "r+b");
	CHECK(f != NULL);
	fseek(f, 20000, SEEK_SET);  /* inside the deflated data */
	fputc('!', f);
	fclose(f);
	CHECK_INT(zip_open(&z, path, NULL), 0);
	CHECK_INT(zip_pull_open(z, "log.txt"), 0);
	while ((n = zip_pull(z, piece, sizeof(piece))) > 0)
		;
	CHECK_INT(n, ERR_INVALID);  /* zlib's error or the CRC */
	CHECK(strstr(err_last(), "log.txt") != NULL);
	zip_pull_close(z);
	zip_close(z);

	snprintf(path, sizeof(path), "%s/bomb.zip", unit_tmpdir());
	CHECK_INT(zip_writer_open(&w, path), 0);
	CHECK_INT(zip_writer_add(w, "zeros", zeros, sizeof(zeros)), 0);
	CHECK_INT(zip_writer_close(w), 0);
	CHECK_INT(zip_open(&z, path, NULL), 0);
	CHECK_INT(zip_pull_open(z, "zeros"), ERR_INVALID);
	CHECK(strstr(err_last(), "ratio") != NULL);
	zip_close(z);
}
