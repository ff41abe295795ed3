/* semver.h - Semantic Versioning 2.0.0: parse, precedence, format, bump. */
#ifndef SHIP_SEMVER_H
#define SHIP_SEMVER_H

#include <stddef.h>
#include "../core/buf.h"

/* Caps: a pre-release or build string longer than this is refused
 * (the spec sets none; tags and release names do). */
#define SEMVER_MAX_EXTRA 128
#define SEMVER_MAX_TEXT  (3 * 20 + 2 * SEMVER_MAX_EXTRA + 8)

/* A parsed version. Plain value type: no owned pointers, copy freely.
 * pre and build hold the text after '-' and '+' ("" when absent). */
struct semver {
	unsigned long long major, minor, patch;
	char pre[SEMVER_MAX_EXTRA + 1];
	char build[SEMVER_MAX_EXTRA + 1];
};

enum semver_part { SEMVER_PATCH = 1, SEMVER_MINOR, SEMVER_MAJOR };

/*
 * Parses s[0..len) strictly as SemVer 2.0.0 (no 'v' prefix, no leading
 * zeros in numbers or numeric pre-release identifiers, no empty
 * identifiers, only [0-9A-Za-z-]). On error returns ERR_INVALID with
 * "version "TEXT": column C: reason" (or ERR_TOOBIG); *v is unspecified.
 */
int semver_parse(struct semver *v, const char *s, size_t len);
/* semver_parse on a C string. */
int semver_parse_str(struct semver *v, const char *s);
/* 1 when s[0..len) is a valid version (may overwrite the last error). */
int semver_valid(const char *s, size_t len);

/* Precedence (spec item 11): <0, 0, >0. Build metadata is ignored. */
int semver_cmp(const struct semver *a, const struct semver *b);
/* 1 when v has a pre-release part. */
static inline int semver_is_pre(const struct semver *v) { return v->pre[0] != 0; }

/* Appends "MAJOR.MINOR.PATCH[-pre][+build]" to out; 0 or -1 (buf failed). */
int semver_format(struct buf *out, const struct semver *v);
/* Same into a fixed array; truncation cannot happen with SEMVER_MAX_TEXT. */
void semver_str(const struct semver *v, char out[SEMVER_MAX_TEXT]);

/* Increments one part, zeroes the lower ones, clears pre and build.
 * ERR_INVALID when the number would overflow. */
int semver_bump(struct semver *v, enum semver_part part);
/* Sets the pre-release text after validating it as dot-separated
 * identifiers ("" clears it). ERR_INVALID or ERR_TOOBIG. */
int semver_set_pre(struct semver *v, const char *pre);

#endif
