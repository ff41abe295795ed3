/* gh_int.h - private to src/gh/gh*.c. */
#ifndef SHIP_GH_INT_H
#define SHIP_GH_INT_H

#include <stdarg.h>
#include "core/buf.h"
#include "core/http.h"

/* Formats an API path into b (reset first). */
int gh_path(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* ERR_INVALID unless ref is safe inside a URL path. */
int gh_check_ref(const char *what, const char *ref);
/* Percent-encodes s for a query value. */
int gh_escape(struct buf *b, const char *s);

/* Maps a final non-2xx response to an err code and message (gh.h). */
int gh_http_error(const char *method, const char *url, const struct http_resp *r);

#endif
