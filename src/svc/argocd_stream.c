/* argocd_stream.c - decoding Argo CD's application watch stream (JSON lines or SSE). */
#include "svc/argocd_stream.h"
#include "core/err.h"
#include "svc/kube_obj.h"

#include <stdio.h>
#include <string.h>

void argocd_stream_init(struct argocd_stream *s, const char *name, size_t max_message)
{
	memset(s, 0, sizeof(*s));
	buf_init(&s->pending, max_message);
	snprintf(s->name, sizeof(s->name), "%s", name ? name : "application stream");
}

void argocd_stream_free(struct argocd_stream *s)
{
	buf_release(&s->pending);
	jv_free(s->doc);
	s->doc = NULL;
}

int argocd_stream_feed(struct argocd_stream *s, const char *data, size_t len)
{
	if (buf_add(&s->pending, data, len) < 0)
		return err_setc(buf_failed(&s->pending) == BUF_ETOOBIG ? ERR_TOOBIG : ERR_FAIL,
				"%s: message %lu: over the limit of %zu bytes", s->name,
				s->messages + 1, s->pending.max);
	return 0;
}

static int decode_error(struct argocd_stream *s, struct jv *e, struct argocd_event *ev)
{
	long long n = 0;

	ev->type = ARGOCD_EV_ERROR;
	ev->message = jv_get_str(e, "message");
	(void)jv_int(jv_get(e, "http_code"), &n);
	ev->http_code = (int)n;
	n = 0;
	(void)jv_int(jv_get(e, "grpc_code"), &n);
	ev->grpc_code = (int)n;
	(void)s;
	return 1;
}

static int decode(struct argocd_stream *s, struct argocd_event *ev)
{
	static const char *const types[] = { "ADDED", "MODIFIED", "DELETED" };
	struct jv *r = jv_get(s->doc, "result");
	const char *t = jv_get_str(r, "type"), *rv;
	size_t i;

	memset(ev, 0, sizeof(*ev));
	if (jv_type(jv_get(s->doc, "error")) == JV_OBJ)
		return decode_error(s, jv_get(s->doc, "error"), ev);
	for (i = 0; t && i < 3; i++)
		if (!strcmp(t, types[i]))
			break;
	if (!t || i == 3 || jv_type(jv_get(r, "application")) != JV_OBJ)
		return err_setc(ERR_INVALID, "%s: message %lu: neither an application event nor an error",
				s->name, s->messages);
	ev->type = (enum argocd_ev_type)i;
	ev->app = jv_get(r, "application");
	rv = kube_str(ev->app, "metadata.resourceVersion");
	if (rv && strlen(rv) < sizeof(s->rv))
		memcpy(s->rv, rv, strlen(rv) + 1);
	return 1;
}

/* The first line of pending: its length without CR/blanks and the bytes
 * it uses with the newline; 0 when no full line is there yet. */
static int take_line(struct argocd_stream *s, size_t *len, size_t *used)
{
	char *nl = NULL;

	if (s->pending.ptr && s->scanned < s->pending.len)
		nl = memchr(s->pending.ptr + s->scanned, '\n', s->pending.len - s->scanned);
	if (!nl) {
		s->scanned = s->pending.len;
		return 0;
	}
	*used = (size_t)(nl - s->pending.ptr) + 1;
	*len = *used - 1;
	while (*len && (s->pending.ptr[*len - 1] == '\r' || s->pending.ptr[*len - 1] == ' '))
		--*len;
	return 1;
}

static void drop(struct argocd_stream *s, size_t used)
{
	memmove(s->pending.ptr, s->pending.ptr + used, s->pending.len - used);
	buf_truncate(&s->pending, s->pending.len - used);
	s->scanned = 0;
}

int argocd_stream_next(struct argocd_stream *s, struct argocd_event *ev)
{
	size_t len, used, skip;
	char name[160];
	int rc;

	jv_free(s->doc);
	s->doc = NULL;
	while (take_line(s, &len, &used)) {
		skip = 0;
		if (len >= 5 && !strncmp(s->pending.ptr, "data:", 5))
			skip = s->pending.ptr[5] == ' ' ? 6 : 5;
		/* Blank lines, ":" keep-alives and other SSE fields carry no message. */
		if (len == 0 || s->pending.ptr[0] == ':' ||
		    (!skip && s->pending.ptr[0] != '{')) {
			drop(s, used);
			continue;
		}
		s->messages++;
		snprintf(name, sizeof(name), "%s: message %lu", s->name, s->messages);
		rc = jv_parse(&s->doc, s->pending.ptr + skip, len - skip, s->pending.max, name);
		drop(s, used);
		return rc < 0 ? rc : decode(s, ev);
	}
	return 0;
}

int argocd_stream_end(const struct argocd_stream *s)
{
	size_t i;

	for (i = 0; i < s->pending.len; i++)
		if (s->pending.ptr[i] != ' ' && s->pending.ptr[i] != '\r' && s->pending.ptr[i] != '\n')
			return err_setc(ERR_INVALID, "%s: stream ended inside message %lu (%zu bytes)",
					s->name, s->messages + 1, s->pending.len);
	return 0;
}
