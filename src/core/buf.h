/* buf.h - growable byte buffer with a hard size cap, for anything untrusted. */
#ifndef SHIP_BUF_H
#define SHIP_BUF_H

#include <stddef.h>
#include <stdarg.h>

/*
 * A buffer is always NUL-terminated (ptr[len] == 0 once anything was added)
 * and binary-safe. `max` is a hard cap on len: an append that would pass it
 * fails and marks the buffer as failed; so does an allocation failure.
 * Failure is sticky: later appends are no-ops and buf_failed() says why,
 * so a chain of appends can be checked once at the end.
 *
 * Ownership: the buffer owns ptr. buf_detach() hands it to the caller, who
 * frees it with free(). buf_release() frees it and resets the buffer.
 */
struct buf {
	char *ptr;
	size_t len;
	size_t alloc;
	size_t max;
	int failed; /* 0, BUF_ENOMEM or BUF_ETOOBIG */
};

#define BUF_ENOMEM  1
#define BUF_ETOOBIG 2

/* Named caps, in one place. */
#define BUF_MAX_LINE     (16u << 20)   /* one log line, one header line */
#define BUF_MAX_JSON     (256u << 20)  /* a JSON document read whole */
#define BUF_MAX_CONFIG   (1u << 20)    /* .ship.yml, ignore files */
#define BUF_MAX_MESSAGE  (64u << 10)   /* one workflow command */
#define BUF_MAX_SUMMARY  (1u << 20)    /* $GITHUB_STEP_SUMMARY, runner limit */

#define BUF_INIT(cap) { NULL, 0, 0, (cap), 0 }

void buf_init(struct buf *b, size_t max);
/* Frees the storage; the buffer is empty and usable again with the same cap. */
void buf_release(struct buf *b);
/* Returns the storage (caller frees; never NULL on success: "" when empty)
 * and resets the buffer. Returns NULL when the buffer has failed. */
char *buf_detach(struct buf *b);
void buf_reset(struct buf *b); /* len = 0, keeps storage, clears failure */

/* All appends return 0, or -1 when the buffer is (or becomes) failed. */
int buf_grow(struct buf *b, size_t extra);
int buf_add(struct buf *b, const void *data, size_t len);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_truncate(struct buf *b, size_t len);

/* 0 when usable, else BUF_ENOMEM or BUF_ETOOBIG. */
static inline int buf_failed(const struct buf *b) { return b->failed; }
/* The content as a C string; "" for an untouched buffer. Borrowed. */
static inline const char *buf_cstr(const struct buf *b) { return b->ptr ? b->ptr : ""; }

#endif
