/* kube_watch.c - decoding a Kubernetes WATCH stream into events, with caps. */
#include "svc/kube_watch.h"
#include "core/err.h"
#include "svc/kube_obj.h"

#include <stdio.h>
#include <string.h>

void kube_watch_init(struct kube_watch *w, const char *name, size_t max_event)
{
	memset(w, 0, sizeof(*w));
	buf_init(&w->pending, max_event);
	snprintf(w->name, sizeof(w->name), "%s", name ? name : "watch");
}

void kube_watch_free(struct kube_watch *w)
{
	buf_release(&w->pending);
	jv_free(w->doc);
	w->doc = NULL;
}

int kube_watch_feed(struct kube_watch *w, const char *data, size_t len)
{
	if (buf_add(&w->pending, data, len) < 0)
		return err_setc(buf_failed(&w->pending) == BUF_ETOOBIG ? ERR_TOOBIG : ERR_FAIL,
				"%s: event %lu: over the limit of %zu bytes", w->name,
				w->events + 1, w->pending.max);
	return 0;
}

static const char *const type_names[] = { "ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR" };

static int decode(struct kube_watch *w, struct kube_event *ev)
{
	const char *t = jv_get_str(w->doc, "type"), *rv;
	struct jv *obj = jv_get(w->doc, "object");
	long long code = 0;
	size_t i;

	for (i = 0; t && i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (!strcmp(t, type_names[i]))
			break;
	if (!t || i == sizeof(type_names) / sizeof(type_names[0]) || jv_type(obj) != JV_OBJ)
		return err_setc(ERR_INVALID, "%s: event %lu: not a watch event (type %.32s)",
				w->name, w->events, t ? t : "missing");
	memset(ev, 0, sizeof(*ev));
	ev->type = (enum kube_ev_type)i;
	ev->object = obj;
	if (ev->type == KUBE_EV_ERROR) {
		(void)jv_int(jv_get(obj, "code"), &code);
		ev->code = (int)code;
		ev->message = jv_get_str(obj, "message");
		return 1;
	}
	rv = kube_str(obj, "metadata.resourceVersion");
	if (rv && strlen(rv) < sizeof(w->rv))
		memcpy(w->rv, rv, strlen(rv) + 1);
	return 1;
}

int kube_watch_next(struct kube_watch *w, struct kube_event *ev)
{
	char *p = w->pending.ptr, *nl;
	size_t len, used;
	char name[160];
	int rc;

	jv_free(w->doc);
	w->doc = NULL;
	for (;;) {
		if (!p || w->scanned >= w->pending.len)
			return 0;
		nl = memchr(p + w->scanned, '\n', w->pending.len - w->scanned);
		if (!nl) {
			w->scanned = w->pending.len;
			return 0;
		}
		len = (size_t)(nl - p);
		used = len + 1;
		while (len && (p[len - 1] == '\r' || p[len - 1] == ' '))
			len--;
		if (len)
			break;
		memmove(p, p + used, w->pending.len - used); /* blank line */
		buf_truncate(&w->pending, w->pending.len - used);
		w->scanned = 0;
	}
	w->events++;
	snprintf(name, sizeof(name), "%s: event %lu", w->name, w->events);
	rc = jv_parse(&w->doc, p, len, w->pending.max, name);
	memmove(p, p + used, w->pending.len - used);
	buf_truncate(&w->pending, w->pending.len - used);
	w->scanned = 0;
	if (rc < 0)
		return rc;
	return decode(w, ev);
}

int kube_watch_end(const struct kube_watch *w)
{
	size_t i;

	for (i = 0; i < w->pending.len; i++)
		if (w->pending.ptr[i] != ' ' && w->pending.ptr[i] != '\r' && w->pending.ptr[i] != '\n')
			return err_setc(ERR_INVALID, "%s: stream ended inside event %lu (%zu bytes)",
					w->name, w->events + 1, w->pending.len);
	return 0;
}

int kube_watch_is_gone(const struct kube_event *ev)
{
	const char *reason = jv_get_str(ev->object, "reason");

	return ev->type == KUBE_EV_ERROR &&
	       (ev->code == 410 || (reason && (!strcmp(reason, "Expired") || !strcmp(reason, "Gone"))));
}
