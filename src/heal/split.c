/* split.c - where a large log file can be cut into parts that read the same alone: step-marker lines. */
#include "split.h"

#include "logread.h"
#include "../core/err.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WIN (64u << 10)       /* bytes read at a time while looking */
#define CUT_LINE_MAX 4096     /* a longer step line is passed over */

/* 1 when the line p[0..n) (with its line end) is one logread takes for a
 * new step. The reader itself decides, so that cuts and steps agree on
 * timestamps, escape sequences and line ends. */
static int step_line(const char *p, size_t n)
{
	struct logread *r = NULL;
	struct logline ln;
	int yes;

	/* a reader that starts at the cut would drop a BOM there, one that
	 * reads through would keep it */
	if ((unsigned char)p[0] == 0xef || !memmem(p, n, "##[group]", 9))
		return 0;
	if (logread_open_mem(&r, p, n, "cut", 0))
		return 0;  /* out of memory: no cut, the log stays whole */
	yes = logread_next(r, &ln) == 1 && ln.mark == LOGREAD_STEP;
	logread_free(r);
	return yes;
}

/* pread until n bytes or the end of the file: the count, or -1. */
static ssize_t pread_full(int fd, char *buf, size_t n, off_t off)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = pread(fd, buf + got, n - got, off + (off_t)got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

/* The length of the line at p (up to its '\n' or '\r'), or n when it
 * does not end within p[0..n). */
static size_t line_len(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] == '\n' || p[i] == '\r')
			return i;
	return n;
}

/* In buf[0..got), read at offset o (`last`: the file ends there): the
 * offset of the first step line that starts right after a '\n' and
 * before limit; 0 when there is none; or -(the offset to read on from)
 * when the window ends first. */
static off_t scan_window(const char *buf, size_t got, off_t o, off_t limit,
                         int last)
{
	const char *nl;
	size_t i = 0;

	while ((nl = memchr(buf + i, '\n', got - i))) {
		size_t s = (size_t)(nl + 1 - buf), room = got - s, k;

		if (o + (off_t)s >= limit)
			return 0;
		if (room > CUT_LINE_MAX)
			room = CUT_LINE_MAX;
		k = line_len(buf + s, room);
		if (k < room && step_line(buf + s, k + 1))
			return o + (off_t)s;
		if (k == room && room < CUT_LINE_MAX && !last)
			return -(o + (off_t)s - 1);  /* on from this '\n' */
		i = s;
	}
	return last ? 0 : -(o + (off_t)got);
}

/* The first cut in [from, limit): its offset, 0 when none, -1 on a
 * read error. The file ends at end. */
static off_t find_cut(int fd, off_t from, off_t limit, off_t end, char *buf)
{
	off_t o = from - 1;  /* the byte before a cut is a '\n' */

	while (o < limit) {
		size_t want = end - o < (off_t)WIN ? (size_t)(end - o) : WIN;
		ssize_t got = pread_full(fd, buf, want, o);
		off_t c;

		if (got <= 0)
			return got < 0 ? -1 : 0;
		c = scan_window(buf, (size_t)got, o, limit, o + got >= end);
		if (c >= 0)
			return c;
		if (-c <= o)
			return 0;  /* no progress: cannot happen, but never loop */
		o = -c;
	}
	return 0;
}

int heal_split(int fd, const char *name, off_t start, off_t end,
               size_t nparts, size_t min_part, off_t *cut)
{
	unsigned long long span = (unsigned long long)(end - start);
	char *buf = malloc(WIN);
	off_t prev = start;
	size_t k;
	int n = 0;

	if (!buf)
		return err_set("out of memory");
	if (!min_part)
		min_part = 1;
	for (k = 1; k < nparts; k++) {
		off_t want = start + (off_t)(span / nparts * k);
		off_t from = want > prev + (off_t)min_part ? want : prev + (off_t)min_part;
		off_t limit = end - (off_t)min_part, c;

		if (from + (off_t)HEAL_SPLIT_SEARCH < limit)
			limit = from + (off_t)HEAL_SPLIT_SEARCH;
		if (from >= limit)
			break;
		c = find_cut(fd, from, limit, end, buf);
		if (c < 0) {
			n = err_set("%s: read: %s", name, strerror(errno));
			break;
		}
		if (c > 0)
			cut[n++] = prev = c;
	}
	free(buf);
	return n;
}
