/* kube_session.c - the LIST/WATCH protocol as a state machine (what to request next). */
#include "svc/kube_session.h"

#include <string.h>

#define SEC 1000000000LL
#define BACKOFF_MAX (30 * SEC)

void kube_session_init(struct kube_session *s, long long now_ns, long long timeout_ns)
{
	memset(s, 0, sizeof(*s));
	s->deadline_ns = now_ns + timeout_ns;
	s->not_before_ns = now_ns;
	s->poll_ns = 2 * SEC;
}

enum kube_do kube_session_next(struct kube_session *s, long long now_ns, long long *wait_ns)
{
	long long until = s->not_before_ns;

	*wait_ns = 0;
	if (now_ns >= s->deadline_ns)
		return KUBE_DO_STOP;
	if (until > now_ns) {
		*wait_ns = (until < s->deadline_ns ? until : s->deadline_ns) - now_ns;
		return KUBE_DO_WAIT;
	}
	return (!s->rv[0] || s->polling) ? KUBE_DO_LIST : KUBE_DO_WATCH;
}

void kube_session_started(struct kube_session *s, long long now_ns)
{
	s->started_ns = now_ns;
}

void kube_session_seen(struct kube_session *s, const char *rv)
{
	size_t n = rv ? strlen(rv) : 0;

	if (n && n < sizeof(s->rv))
		memcpy(s->rv, rv, n + 1);
}

void kube_session_listed(struct kube_session *s, const char *rv, long long now_ns)
{
	s->lists++;
	s->errors = 0;
	kube_session_seen(s, rv);
	s->not_before_ns = s->polling ? now_ns + s->poll_ns : now_ns;
}

/* 1 s, 2 s, 4 s ... capped: for repeated failures and hot loops. */
static long long backoff(int n)
{
	long long d = SEC;

	while (--n > 0 && d < BACKOFF_MAX)
		d *= 2;
	return d < BACKOFF_MAX ? d : BACKOFF_MAX;
}

void kube_session_ended(struct kube_session *s, enum kube_end how, long long now_ns)
{
	int quick = now_ns - s->started_ns < SEC;

	s->watches++;
	s->not_before_ns = now_ns;
	switch (how) {
	case KUBE_END_GONE:
		s->rv[0] = 0; /* re-LIST */
		s->short_watches = 0;
		return;
	case KUBE_END_ERROR:
		s->errors++;
		s->not_before_ns = now_ns + backoff(s->errors);
		break;
	case KUBE_END_CLEAN:
	case KUBE_END_CUT:
	case KUBE_END_IDLE:
		s->errors = 0;
		break;
	}
	s->short_watches = quick ? s->short_watches + 1 : 0;
	if (s->short_watches >= KUBE_SESSION_MAX_SHORT)
		s->polling = 1;
	else if (s->short_watches > 1 && s->not_before_ns == now_ns)
		s->not_before_ns = now_ns + backoff(s->short_watches - 1);
}

void kube_session_list_failed(struct kube_session *s, long long now_ns)
{
	s->errors++;
	s->not_before_ns = now_ns + backoff(s->errors);
}

long long kube_session_watch_timeout(const struct kube_session *s, long long now_ns,
				     unsigned rnd)
{
	long long t = 300 + (long long)(rnd % 300), left = (s->deadline_ns - now_ns) / SEC;

	if (t > left)
		t = left;
	return t < 1 ? 1 : t;
}
