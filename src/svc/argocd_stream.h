/* argocd_stream.h - decoding Argo CD's application watch stream (JSON lines or SSE). */
#ifndef SHIP_ARGOCD_STREAM_H
#define SHIP_ARGOCD_STREAM_H

#include <stddef.h>
#include "core/buf.h"
#include "core/jv.h"

/*
 * GET /api/v1/stream/applications?name=APP answers with one message per
 * line, {"result":{"type":"ADDED|MODIFIED|DELETED","application":{...}}}
 * or {"error":{"grpc_code":N,"http_code":N,"http_status":"...",
 * "message":"..."}} (grpc-gateway), or, with Accept: text/event-stream,
 * the same JSON after "data: " with blank lines between messages and ":"
 * keep-alive comments. Both forms are accepted. The server first sends
 * every matching application as ADDED (a snapshot), then changes.
 */
enum argocd_ev_type { ARGOCD_EV_ADDED, ARGOCD_EV_MODIFIED, ARGOCD_EV_DELETED, ARGOCD_EV_ERROR };

struct argocd_event {
	enum argocd_ev_type type;
	struct jv *app;       /* BORROWED until the next argocd_stream_next/free; NULL on ERROR */
	int http_code;        /* ERROR: e.g. 403, 404, 503 */
	int grpc_code;        /* ERROR: e.g. 7 PermissionDenied, 5 NotFound */
	const char *message;  /* ERROR: borrowed like app */
};

struct argocd_stream {
	struct buf pending;
	size_t scanned;       /* pending[0..scanned) holds no newline */
	struct jv *doc;
	char name[96];
	char rv[128];         /* metadata.resourceVersion of the last application */
	unsigned long messages;
};

/* `max_message` caps one message (one Application's JSON). */
void argocd_stream_init(struct argocd_stream *s, const char *name, size_t max_message);
void argocd_stream_free(struct argocd_stream *s);
/* Appends body bytes; ERR_TOOBIG when one message passes the cap. */
int argocd_stream_feed(struct argocd_stream *s, const char *data, size_t len);
/* 1 and *ev on a message, 0 when more bytes are needed, ERR_INVALID on a
 * message that is not JSON or neither result nor error ("NAME: message N:
 * ..."). Call until it returns 0 after each feed. */
int argocd_stream_next(struct argocd_stream *s, struct argocd_event *ev);
/* 0 when the stream ended between messages, ERR_INVALID inside one. */
int argocd_stream_end(const struct argocd_stream *s);

#endif
