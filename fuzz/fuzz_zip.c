/* fuzz_zip.c - libFuzzer target: the zip reader (listing, streaming with limits) and all-or-nothing extraction. */
#include "fuzz.h"

#include "core/err.h"
#include "core/zip.h"

#include <dirent.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64], zpath[96], out[96];

struct seen {
	unsigned long long got;  /* bytes of the current entry */
};

static int sink(void *ctx, const char *data, size_t len)
{
	(void)data;
	((struct seen *)ctx)->got += len;
	return 0;
}

/* Streams every entry; an entry that reads to the end stays within its
 * declared size and the limits. */
static int each(void *ctx, struct zip_reader *z, const struct zip_entry *e)
{
	struct seen s = { 0 };

	(void)ctx;
	FUZZ_ASSERT(e->name != NULL);
	if (e->is_dir || e->is_symlink)
		return 0;
	if (zip_entry_read(z, sink, &s) == 0)
		FUZZ_ASSERT(s.got <= e->size && s.got <= (1u << 20));
	return 0;
}

static int rm(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(p);
}

/* After zip_extract the work directory holds at most "out": no staging
 * leftovers, nothing written next to it. */
static void check_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	FUZZ_ASSERT(d != NULL);
	while ((de = readdir(d)))
		FUZZ_ASSERT(!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		            !strcmp(de->d_name, "out") || !strcmp(de->d_name, "in.zip"));
	closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zip_limits lim = { 1u << 20, 4u << 20, 256, 100, 1u << 16 };
	struct zip_reader *z = NULL;
	int fd;

	if (!dir[0]) {
		snprintf(dir, sizeof(dir), "/tmp/fuzz-zip.%d", (int)getpid());
		mkdir(dir, 0700);
		snprintf(zpath, sizeof(zpath), "%s/in.zip", dir);
		snprintf(out, sizeof(out), "%s/out", dir);
	}
	fd = open(zpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	close(fd);
	if (zip_open(&z, zpath, &lim) == 0) {
		(void)zip_each(z, each, NULL);
		zip_close(z);
	}
	if (zip_extract(zpath, out, &lim) != 0)
		FUZZ_ASSERT(access(out, F_OK) != 0 || rmdir(out) == 0);
	check_dir();
	nftw(out, rm, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
