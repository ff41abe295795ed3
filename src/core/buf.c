/* buf.c - growable byte buffer with a hard size cap. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(struct buf *b, size_t max)
{
	b->ptr = NULL;
	b->len = b->alloc = 0;
	b->max = max;
	b->failed = 0;
}

void buf_release(struct buf *b)
{
	free(b->ptr);
	buf_init(b, b->max);
}

char *buf_detach(struct buf *b)
{
	char *p;

	if (b->failed) {
		buf_release(b);
		return NULL;
	}
	p = b->ptr ? b->ptr : calloc(1, 1);
	buf_init(b, b->max);
	return p;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->failed = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

static int buf_fail(struct buf *b, int why)
{
	b->failed = why;
	return -1;
}

int buf_grow(struct buf *b, size_t extra)
{
	size_t need, n;
	char *p;

	if (b->failed)
		return -1;
	if (extra > b->max || b->len > b->max - extra)
		return buf_fail(b, BUF_ETOOBIG);
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return 0;
	/* Double to keep appends amortised O(1), but never far past the cap. */
	n = b->alloc ? b->alloc : 64;
	while (n < need)
		n = n > ((size_t)-1) / 2 ? need : n * 2;
	if (n > b->max + 1)
		n = b->max + 1;
	p = realloc(b->ptr, n);
	if (!p)
		return buf_fail(b, BUF_ENOMEM);
	b->ptr = p;
	b->alloc = n;
	return 0;
}

int buf_add(struct buf *b, const void *data, size_t len)
{
	/* Fast path for the many small appends of serialisers: the room is
	 * there (alloc <= max + 1, so the cap holds too). */
	if (!b->failed && b->ptr && len && len < b->alloc - b->len) {
		memcpy(b->ptr + b->len, data, len);
		b->len += len;
		b->ptr[b->len] = '\0';
		return 0;
	}
	if (buf_grow(b, len))
		return -1;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_putc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	if (b->failed)
		return -1;
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return buf_fail(b, BUF_ENOMEM);
	if (buf_grow(b, (size_t)n))
		return -1;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void buf_truncate(struct buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}
