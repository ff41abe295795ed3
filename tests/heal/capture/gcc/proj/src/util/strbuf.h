/* strbuf.h - growable strings */
#ifndef LEDGER_STRBUF_H
#define LEDGER_STRBUF_H
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len, alloc;
};
#define STRBUF_INIT { NULL, 0, 0 }

int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_release(struct strbuf *sb);
#endif
