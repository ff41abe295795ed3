/* t_deploy_kube_watch.c - WATCH stream decoding: pieces, 410, truncation, caps. */
#include "unit.h"
#include "core/err.h"
#include "svc/kube_obj.h"
#include "svc/kube_watch.h"

#include <string.h>

#define EV(type, rv, upd) "{\"type\":\"" type "\",\"object\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\"," \
	"\"metadata\":{\"name\":\"web\",\"namespace\":\"default\",\"resourceVersion\":\"" rv "\"}," \
	"\"status\":{\"updatedReplicas\":" upd "}}}\n"
#define BOOKMARK(rv) "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\"," \
	"\"metadata\":{\"resourceVersion\":\"" rv "\"}}}\n"
#define GONE "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{}," \
	"\"status\":\"Failure\",\"message\":\"too old resource version: 104 (118)\",\"reason\":\"Expired\",\"code\":410}}\n"

static const char stream[] = EV("ADDED", "104", "0") EV("MODIFIED", "107", "1") "\r\n"
	BOOKMARK("113") EV("MODIFIED", "118", "2") GONE;

/* Feeds the stream in pieces of `step` bytes and collects the events. */
static int replay(size_t step, int *types, long long *upd, int max)
{
	struct kube_watch w;
	struct kube_event ev;
	size_t off = 0, n;
	int got = 0, rc;

	kube_watch_init(&w, "watch deployments", 1 << 16);
	while (off < sizeof(stream) - 1) {
		n = sizeof(stream) - 1 - off < step ? sizeof(stream) - 1 - off : step;
		CHECK_INT(kube_watch_feed(&w, stream + off, n), 0);
		off += n;
		while ((rc = kube_watch_next(&w, &ev)) == 1 && got < max) {
			types[got] = ev.type;
			upd[got++] = kube_int(ev.object, "status.updatedReplicas", -1);
			if (ev.type == KUBE_EV_BOOKMARK)
				CHECK_STR(w.rv, "113");
			if (ev.type == KUBE_EV_ERROR) {
				CHECK(kube_watch_is_gone(&ev));
				CHECK_STR(ev.message, "too old resource version: 104 (118)");
			}
		}
		CHECK_INT(rc, 0);
	}
	CHECK_INT(kube_watch_end(&w), 0);
	CHECK_STR(w.rv, "118");
	kube_watch_free(&w);
	return got;
}

TEST(kube_watch_decodes_any_split)
{
	static const int want[] = { KUBE_EV_ADDED, KUBE_EV_MODIFIED, KUBE_EV_BOOKMARK, KUBE_EV_MODIFIED, KUBE_EV_ERROR };
	int types[8];
	long long upd[8];
	size_t step;
	int i, n;

	for (step = 1; step < sizeof(stream); step += step < 8 ? 1 : 37) {
		n = replay(step, types, upd, 8);
		CHECK_INT(n, 5);
		for (i = 0; i < n && i < 5; i++)
			CHECK_INT(types[i], want[i]);
		CHECK_INT(upd[1], 1);
		CHECK_INT(upd[3], 2);
	}
}

TEST(kube_watch_truncated_stream_and_bad_events)
{
	struct kube_watch w;
	struct kube_event ev;
	const char *cut = EV("ADDED", "104", "0") "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":";

	kube_watch_init(&w, "watch deployments", 1 << 16);
	CHECK_INT(kube_watch_feed(&w, cut, strlen(cut)), 0);
	CHECK_INT(kube_watch_next(&w, &ev), 1);
	CHECK_INT(kube_watch_next(&w, &ev), 0);
	CHECK_INT(kube_watch_end(&w), ERR_INVALID);
	CHECK_STR(err_last(), "watch deployments: stream ended inside event 2 (40 bytes)");
	CHECK_STR(w.rv, "104");
	kube_watch_free(&w);

	kube_watch_init(&w, "watch pods", 1 << 16);
	CHECK_INT(kube_watch_feed(&w, "{\"type\":\"ADDED\",\"object\":{]}\n", 29), 0);
	CHECK_INT(kube_watch_next(&w, &ev), ERR_INVALID);
	CHECK(!strncmp(err_last(), "watch pods: event 1: line 1, column ", 36));
	CHECK_INT(kube_watch_feed(&w, "{\"type\":\"SNAPSHOT\",\"object\":{}}\n", 32), 0);
	CHECK_INT(kube_watch_next(&w, &ev), ERR_INVALID);
	CHECK_STR(err_last(), "watch pods: event 2: not a watch event (type SNAPSHOT)");
	CHECK_INT(kube_watch_feed(&w, "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":500,"
				  "\"message\":\"etcd unavailable\"}}\n", 84), 0);
	CHECK_INT(kube_watch_next(&w, &ev), 1);
	CHECK_INT(ev.code, 500);
	CHECK(!kube_watch_is_gone(&ev));
	kube_watch_free(&w);
}

TEST(kube_watch_caps_one_event)
{
	struct kube_watch w;
	char big[300];

	memset(big, 'x', sizeof(big));
	kube_watch_init(&w, "watch pods", 256);
	CHECK_INT(kube_watch_feed(&w, big, 200), 0);
	CHECK_INT(kube_watch_feed(&w, big, 100), ERR_TOOBIG);
	CHECK_STR(err_last(), "watch pods: event 1: over the limit of 256 bytes");
	kube_watch_free(&w);
}
