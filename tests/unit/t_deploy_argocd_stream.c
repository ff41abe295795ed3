/* t_deploy_argocd_stream.c - Argo CD watch stream decoding (JSON lines and SSE). */
#include "unit.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/jv.h"
#include "deploy/argocd_wait.h"
#include "svc/argocd_stream.h"
#include "svc/kube_obj.h"
#include "svc/kube_yaml.h"

#include <string.h>

/* The real Application of the fixtures as one compact JSON line. */
static void app_json(struct buf *out)
{
	struct jv *app = NULL;

	if (kube_yaml_file(&app, UNIT_SHARED "/fixtures/argocd-app/diff-cache.yaml", 1 << 20) < 0)
		unit_fail(__FILE__, __LINE__, "%s", err_last());
	CHECK_INT(jv_dump(out, app, 0), 0);
	jv_free(app);
}

/* ADDED (snapshot), MODIFIED, then an error, in grpc-gateway JSON lines
 * (sse = 0) or as server-sent events with keep-alives (sse = 1). */
static void build(struct buf *s, int sse)
{
	struct buf app = BUF_INIT(1 << 20);
	const char *pre = sse ? "data: " : "", *post = sse ? "\n\n:\n" : "\n";

	app_json(&app);
	buf_printf(s, "%s{\"result\":{\"type\":\"ADDED\",\"application\":%s}}%s", pre, buf_cstr(&app), post);
	buf_printf(s, "%s{\"result\":{\"type\":\"MODIFIED\",\"application\":%s}}%s", pre, buf_cstr(&app), post);
	buf_printf(s, "%s{\"error\":{\"grpc_code\":7,\"http_code\":403,\"http_status\":\"Forbidden\","
		   "\"message\":\"permission denied\"}}%s", pre, post);
	buf_release(&app);
}

static void replay(int sse, size_t step)
{
	struct buf s = BUF_INIT(4 << 20);
	struct argocd_stream st;
	struct argocd_event ev;
	struct deploy_verdict v;
	size_t off, n;
	int got = 0, rc;

	build(&s, sse);
	argocd_stream_init(&st, "stream guestbook", 1 << 20);
	for (off = 0; off < s.len; off += n) {
		n = s.len - off < step ? s.len - off : step;
		CHECK_INT(argocd_stream_feed(&st, s.ptr + off, n), 0);
		while ((rc = argocd_stream_next(&st, &ev)) == 1) {
			got++;
			if (got <= 2) {
				CHECK_INT(ev.type, got == 1 ? ARGOCD_EV_ADDED : ARGOCD_EV_MODIFIED);
				CHECK_STR(kube_str(ev.app, "status.operationState.phase"), "Succeeded");
				CHECK_INT(argocd_wait_status(ev.app, NULL, &v), 0);
				CHECK_INT(v.state, DEPLOY_DONE);
			} else {
				CHECK_INT(ev.type, ARGOCD_EV_ERROR);
				CHECK_INT(ev.http_code, 403);
				CHECK_INT(ev.grpc_code, 7);
				CHECK_STR(ev.message, "permission denied");
			}
		}
		CHECK_INT(rc, 0);
	}
	CHECK_INT(got, 3);
	CHECK_STR(st.rv, "722811357");
	CHECK_INT(argocd_stream_end(&st), 0);
	argocd_stream_free(&st);
	buf_release(&s);
}

TEST(argocd_stream_json_lines_and_sse)
{
	replay(0, 1 << 20);
	replay(0, 997);
	replay(1, 4096);
	replay(1, 61);
}

TEST(argocd_stream_bad_messages)
{
	struct argocd_stream st;
	struct argocd_event ev;
	const char *a = "{\"result\":{\"type\":\"SYNCED\",\"application\":{}}}\n";
	const char *b = "data: {\"result\":\n\n";
	const char *c = "{\"result\":{\"type\":\"MODIFIED\",\"appl";

	argocd_stream_init(&st, "stream x", 1 << 16);
	CHECK_INT(argocd_stream_feed(&st, a, strlen(a)), 0);
	CHECK_INT(argocd_stream_next(&st, &ev), ERR_INVALID);
	CHECK_STR(err_last(), "stream x: message 1: neither an application event nor an error");
	CHECK_INT(argocd_stream_feed(&st, b, strlen(b)), 0);
	CHECK_INT(argocd_stream_next(&st, &ev), ERR_INVALID);
	CHECK(!strncmp(err_last(), "stream x: message 2: line 1, column", 35));
	CHECK_INT(argocd_stream_next(&st, &ev), 0);
	CHECK_INT(argocd_stream_feed(&st, c, strlen(c)), 0);
	CHECK_INT(argocd_stream_next(&st, &ev), 0);
	CHECK_INT(argocd_stream_end(&st), ERR_INVALID);
	CHECK_STR(err_last(), "stream x: stream ended inside message 3 (34 bytes)");
	argocd_stream_free(&st);
	argocd_stream_init(&st, "stream x", 16);
	CHECK_INT(argocd_stream_feed(&st, a, strlen(a)), ERR_TOOBIG);
	argocd_stream_free(&st);
}
