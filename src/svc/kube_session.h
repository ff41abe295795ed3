/* kube_session.h - the LIST/WATCH protocol as a state machine (what to request next). */
#ifndef SHIP_KUBE_SESSION_H
#define SHIP_KUBE_SESSION_H

/*
 * No I/O here: the caller performs the request this says, reports how it
 * ended, and asks again. The rules (client-go's reflector, plus ship's
 * hard deadline):
 *  - start with a LIST; WATCH from the list's resourceVersion;
 *  - a watch that ends cleanly (server timeout) or is cut (dropped
 *    connection, truncated event) or goes idle continues with a WATCH
 *    from the last resourceVersion seen (events and BOOKMARKs);
 *  - 410 Gone/Expired (HTTP status or in-band ERROR) -> LIST again;
 *  - watches that end at once, again and again (a proxy that does not
 *    stream), back off, and after KUBE_SESSION_MAX_SHORT of them the
 *    session falls back to polling with LIST every poll interval;
 *  - the overall deadline always holds: STOP when it is reached.
 * Times are nanoseconds on one monotonic clock.
 */
enum kube_do { KUBE_DO_LIST, KUBE_DO_WATCH, KUBE_DO_WAIT, KUBE_DO_STOP };

enum kube_end {
	KUBE_END_CLEAN,   /* the server ended the stream (timeoutSeconds) */
	KUBE_END_CUT,     /* connection dropped or stream cut inside an event */
	KUBE_END_IDLE,    /* no bytes for the idle deadline: assume a dead peer */
	KUBE_END_GONE,    /* 410 / ERROR Expired|Gone: resourceVersion too old */
	KUBE_END_ERROR    /* another failure after the HTTP layer's retries */
};

#define KUBE_SESSION_MAX_SHORT 3

struct kube_session {
	char rv[128];           /* where the next WATCH starts ("" = LIST first) */
	int polling;            /* 1 after falling back to LIST polling */
	int short_watches;      /* consecutive watches that ended within 1 s */
	int errors;             /* consecutive failed requests */
	long long deadline_ns;  /* the hard overall deadline */
	long long not_before_ns;/* the next request waits until then */
	long long poll_ns;      /* polling interval (default 2 s) */
	long long started_ns;   /* when the current request started */
	unsigned long lists, watches;
};

void kube_session_init(struct kube_session *s, long long now_ns, long long timeout_ns);
/* What to do now; for KUBE_DO_WAIT, *wait_ns says how long. */
enum kube_do kube_session_next(struct kube_session *s, long long now_ns, long long *wait_ns);
/* Call when the LIST (or WATCH) request is sent. */
void kube_session_started(struct kube_session *s, long long now_ns);
/* A LIST succeeded with this metadata.resourceVersion. */
void kube_session_listed(struct kube_session *s, const char *rv, long long now_ns);
/* The watch advanced to rv (each event or BOOKMARK). */
void kube_session_seen(struct kube_session *s, const char *rv);
/* The WATCH ended like this. */
void kube_session_ended(struct kube_session *s, enum kube_end how, long long now_ns);
/* A LIST failed (after the HTTP layer's retries). */
void kube_session_list_failed(struct kube_session *s, long long now_ns);
/*
 * timeoutSeconds for the next WATCH: like client-go, random in [300, 600)
 * from `rnd`, but never past the deadline (at least 1).
 */
long long kube_session_watch_timeout(const struct kube_session *s, long long now_ns,
				     unsigned rnd);

#endif
