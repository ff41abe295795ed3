/* kube_watch.h - decoding a Kubernetes WATCH stream into events, with caps. */
#ifndef SHIP_KUBE_WATCH_H
#define SHIP_KUBE_WATCH_H

#include <stddef.h>
#include "core/buf.h"
#include "core/jv.h"

/*
 * The API server answers ?watch=1 with HTTP 200 and a stream of JSON
 * objects, one per line: {"type": ADDED|MODIFIED|DELETED|BOOKMARK|ERROR,
 * "object": {...}}. The HTTP layer removes the chunked framing and feeds
 * the body bytes here as they arrive, in pieces of any size.
 *
 * ERROR events carry a Status object; code 410 (reason Expired or Gone)
 * means the resourceVersion is too old: re-LIST, then WATCH from the
 * list's resourceVersion. A clean end of stream is normal (the server
 * closes watches after timeoutSeconds): WATCH again from `rv`.
 */
enum kube_ev_type {
	KUBE_EV_ADDED, KUBE_EV_MODIFIED, KUBE_EV_DELETED, KUBE_EV_BOOKMARK, KUBE_EV_ERROR
};

struct kube_event {
	enum kube_ev_type type;
	struct jv *object;   /* BORROWED: valid until the next kube_watch_next/free */
	int code;            /* ERROR: the Status code (410 = re-list), else 0 */
	const char *message; /* ERROR: the Status message (borrowed like object) */
};

struct kube_watch {
	struct buf pending;  /* bytes after the last complete line */
	size_t scanned;      /* pending[0..scanned) holds no newline */
	struct jv *doc;      /* the last decoded event, owned */
	char name[96];       /* names the stream in errors */
	char rv[128];        /* resourceVersion of the last event ("" = none) */
	unsigned long events;
};

/* `name` (e.g. "watch deployments") prefixes errors; `max_event` caps one
 * event line (the JSON of one object), e.g. 16 MiB. */
void kube_watch_init(struct kube_watch *w, const char *name, size_t max_event);
void kube_watch_free(struct kube_watch *w);

/* Appends stream bytes. Returns 0, or ERR_TOOBIG when a single event grows
 * past max_event ("NAME: event N: over the limit of M bytes"). */
int kube_watch_feed(struct kube_watch *w, const char *data, size_t len);

/*
 * Decodes the next complete event: 1 and *ev filled, 0 when more bytes are
 * needed, or ERR_INVALID for an event that is not JSON or not an event
 * ("NAME: event N: line 1, column C: reason"). Every event with an object
 * carrying metadata.resourceVersion updates w->rv (BOOKMARKs included).
 */
int kube_watch_next(struct kube_watch *w, struct kube_event *ev);

/* At end of stream: 0 when the stream ended between events, ERR_INVALID
 * when it was cut inside one (a dropped connection: WATCH again from rv). */
int kube_watch_end(const struct kube_watch *w);

/* 1 when ev is the ERROR that asks for a re-LIST (410 Expired/Gone). */
int kube_watch_is_gone(const struct kube_event *ev);

#endif
