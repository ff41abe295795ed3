/* strbuf.c - growable strings (compiles with warnings only) */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "util/strbuf.h"

static int grow(struct strbuf *sb, size_t extra)
{
	size_t want = sb->len + extra + 1;
	int unused_hint;
	if (want <= sb->alloc)
		return 0;
	char *p = realloc(sb->buf, want * 2);
	if (!p)
		return -1;
	sb->buf = p;
	sb->alloc = want * 2;
}

int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(sb, (size_t)n) != 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
	va_end(ap);
	sb->len += n;
	return n;
}

void strbuf_release(struct strbuf *sb, int keep)
{
	free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->alloc = 0;
}

void strbuf_debug(const struct strbuf *sb)
{
	fprintf(stderr, "strbuf «%s» len=%d alloc=%lu\n", sb->buf, sb->len, sb->alloc);
}
