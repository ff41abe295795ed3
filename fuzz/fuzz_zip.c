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

/* Entries read by zip_each, for the pull reader to read again. */
static struct {
	char name[128];
	int ok;                      /* zip_entry_read read it to the end */
	unsigned long long got;
} seen_v[8];
static size_t nseen;

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
	if (zip_entry_read(z, sink, &s) == 0) {
		FUZZ_ASSERT(s.got <= e->size && s.got <= (1u << 20));
		if (nseen < 8 && strlen(e->name) < sizeof(seen_v[0].name)) {
			strcpy(seen_v[nseen].name, e->name);
			seen_v[nseen].ok = 1;
			seen_v[nseen++].got = s.got;
		}
	}
	return 0;
}

/* The pull reader, in odd-sized pieces, reads an entry the same as
 * zip_entry_read did (the first of a duplicated name may differ: skip). */
static void pull_again(struct zip_reader *z)
{
	char piece[333];
	size_t i, j;

	for (i = 0; i < nseen; i++) {
		unsigned long long got = 0;
		long n = 0;
		int dup = 0;

		for (j = 0; j < nseen; j++)
			dup |= j != i && !strcmp(seen_v[j].name, seen_v[i].name);
		if (zip_pull_open(z, seen_v[i].name) != 0)
			continue;
		while ((n = zip_pull(z, piece, sizeof(piece))) > 0)
			got += (unsigned long long)n;
		zip_pull_close(z);
		FUZZ_ASSERT(got <= (1u << 20));
		if (!dup)
			FUZZ_ASSERT(n == 0 && got == seen_v[i].got);
	}
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
		nseen = 0;
		(void)zip_each(z, each, NULL);
		pull_again(z);
		zip_close(z);
	}
	if (zip_extract(zpath, out, &lim) != 0)
		FUZZ_ASSERT(access(out, F_OK) != 0 || rmdir(out) == 0);
	check_dir();
	nftw(out, rm, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}
