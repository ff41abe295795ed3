/* zip.h - the one minizip wrapper: read entries, safe extraction, writing. */
#ifndef SHIP_ZIP_H
#define SHIP_ZIP_H

#include <stddef.h>

/*
 * Zips come from the network (run logs, artifacts), so every read is
 * capped: an entry may not inflate past its declared size, past
 * max_entry, past max_total over the archive, nor beyond max_ratio times
 * its compressed size once it is over ratio_floor bytes (a zip bomb).
 * CRC mismatches and truncated archives fail with ERR_INVALID and a
 * message naming the archive and the entry.
 */
struct zip_limits {
	unsigned long long max_entry;   /* 0: 2 GiB */
	unsigned long long max_total;   /* 0: 8 GiB */
	unsigned long long max_entries; /* 0: 100000 */
	unsigned max_ratio;             /* 0: 100 (:1) */
	unsigned long long ratio_floor; /* ratio applies above this; 0: 1 MiB */
};

struct zip_entry {
	const char *name;               /* borrowed, valid during the callback */
	unsigned long long size;        /* declared uncompressed size */
	unsigned long long csize;       /* compressed size */
	unsigned long crc;
	int is_dir;                     /* name ends in "/" */
	int is_symlink;                 /* Unix mode says symlink */
};

struct zip_reader;

/* Opens an archive for reading (caller closes). NULL lim: defaults.
 * ERR_NOTFOUND when missing, ERR_INVALID when not a zip or truncated. */
int zip_open(struct zip_reader **out, const char *path, const struct zip_limits *lim);
void zip_close(struct zip_reader *z);

/* Calls fn for every entry in archive order. fn returns 0 to go on, 1 to
 * stop early (zip_each then returns 0) or a negative ERR_ to fail. */
typedef int (*zip_entry_fn)(void *ctx, struct zip_reader *z, const struct zip_entry *e);
int zip_each(struct zip_reader *z, zip_entry_fn fn, void *ctx);

/* Inside a zip_each callback: streams the current entry's bytes to sink
 * (return non-zero to abort), checking limits and the CRC. */
typedef int (*zip_data_fn)(void *ctx, const char *data, size_t len);
int zip_entry_read(struct zip_reader *z, zip_data_fn sink, void *ctx);

/*
 * Pull reading of one entry, for a consumer that reads at its own pace
 * (the streaming log reader): zip_pull_open() finds the entry `name`
 * (ERR_NOTFOUND when absent) and opens it; zip_pull() inflates up to n
 * bytes into buf and returns their count, 0 at the end once the CRC and
 * the size checked out, or a negative ERR_ (the limits of
 * zip_entry_read apply); zip_pull_close() ends it early (safe after the
 * end too). One entry at a time per reader; not inside zip_each.
 */
int zip_pull_open(struct zip_reader *z, const char *name);
long zip_pull(struct zip_reader *z, char *buf, size_t n);
void zip_pull_close(struct zip_reader *z);

/* Reads the entry called `name` into a new NUL-terminated buffer (caller
 * frees *out) of at most `max` bytes. ERR_NOTFOUND when absent. */
int zip_read_file(struct zip_reader *z, const char *name, size_t max, char **out, size_t *len);

/*
 * Extracts the archive into dir, all or nothing: entries go to a staging
 * directory next to dir, renamed to dir at the end; dir must not exist or
 * be empty. Refused (ERR_INVALID, nothing left behind): absolute paths,
 * "..", backslashes, drive letters, symlink entries, duplicate names,
 * plus every limit above.
 */
int zip_extract(const char *zip_path, const char *dir, const struct zip_limits *lim);

/* 0 when name is a safe relative path for extraction, else ERR_INVALID
 * with the reason. */
int zip_check_name(const char *name);

/* Writing: entries are deflated (level 6); the archive is written to a
 * temporary name and renamed by zip_writer_close(), so a failure leaves
 * nothing. zip_writer_abort() discards it. */
struct zip_writer;
int zip_writer_open(struct zip_writer **out, const char *path);
int zip_writer_add(struct zip_writer *w, const char *name, const void *data, size_t len);
int zip_writer_add_file(struct zip_writer *w, const char *name, const char *path);
int zip_writer_close(struct zip_writer *w);
void zip_writer_abort(struct zip_writer *w);

#endif
