/* http_retry.c - when to retry an HTTP call, how long to wait, what failed. */
#include "http_int.h"
#include "err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int http_curl_retryable(CURLcode c)
{
	switch (c) {
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_GOT_NOTHING:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_BAD_CONTENT_ENCODING:
		return 1;
	default:
		return 0;
	}
}

/* The request never reached the server, so repeating it is always safe. */
static int http_curl_unsent(CURLcode c)
{
	return c == CURLE_COULDNT_RESOLVE_PROXY || c == CURLE_COULDNT_RESOLVE_HOST ||
	       c == CURLE_COULDNT_CONNECT;
}

static int http_rate_limited(const struct http_resp *r)
{
	char v[32];

	if (r->status != 403 && r->status != 429)
		return 0;
	if (r->status == 429)
		return 1;
	if (http_resp_header(r, "x-ratelimit-remaining", v, sizeof(v)) && !strcmp(v, "0"))
		return 1;
	if (http_resp_header(r, "retry-after", v, sizeof(v)))
		return 1;
	/* GitHub's secondary limit: 403 whose message says so. */
	return strstr(buf_cstr(&r->body), "secondary rate limit") != NULL;
}

int http_judge(struct http_xfer *x)
{
	long s = x->status;

	x->resp->status = s;
	if (x->toobig || x->sink_failed)
		return HTTP_FATAL;
	if (x->cres != CURLE_OK) {
		if (!http_curl_retryable(x->cres) || x->delivered)
			return HTTP_FATAL;
		return http_curl_unsent(x->cres) ? HTTP_RETRY_SAFE : HTTP_RETRY;
	}
	if (http_rate_limited(x->resp))
		return HTTP_RETRY_SAFE;
	if (s >= 500 && s <= 599 && s != 501 && s != 505)
		return HTTP_RETRY;
	return HTTP_DONE;
}

int http_may_repeat(struct http_xfer *x, int verdict)
{
	const struct http_req *req = x->req;
	const char *m = http_method(req);
	int idem = http_is_idempotent(req);
	int rc;

	if (idem || verdict == HTTP_RETRY_SAFE)
		return 0;
	if (!req->landed) {
		err_setc(ERR_SERVICE, "%s %s: %s; not repeated: the request may have taken effect",
			 m, http_log_url(req->url), http_what(x));
		return ERR_SERVICE;
	}
	x->resp->status = x->cres == CURLE_OK ? x->status : 0;
	rc = req->landed(req->landed_ctx, x->resp);
	if (rc < 0)
		return err_code() ? rc : err_setc(rc, "%s %s: check before retry failed", m,
						  http_log_url(req->url));
	return rc > 0 ? 1 : 0;
}

long long http_backoff_cap(long base_ms, long max_ms, int attempt)
{
	long long cap = base_ms;

	while (attempt-- > 0 && cap < max_ms)
		cap *= 2;
	return cap > max_ms ? max_ms : cap;
}

long long http_server_wait_ms(const struct http_resp *r, long long now_s)
{
	char v[128];
	char *end;
	long long t;

	if (http_resp_header(r, "retry-after", v, sizeof(v))) {
		t = strtoll(v, &end, 10);
		if (end != v && !*end && t >= 0)
			return t * 1000;
		t = (long long)curl_getdate(v, NULL);
		if (t > 0)
			return t > now_s ? (t - now_s) * 1000 : 0;
	}
	if ((r->status == 403 || r->status == 429) &&
	    http_resp_header(r, "x-ratelimit-remaining", v, sizeof(v)) && !strcmp(v, "0") &&
	    http_resp_header(r, "x-ratelimit-reset", v, sizeof(v))) {
		t = strtoll(v, &end, 10);
		if (end != v && !*end)
			return t > now_s ? (t - now_s) * 1000 + 1000 : 1000;
	}
	return -1;
}

long long http_wait_ms(struct http_client *c, struct http_xfer *x, int attempt)
{
	long base, max;
	long long w = -1;

	if (x->cres == CURLE_OK) {
		w = http_server_wait_ms(x->resp, (long long)time(NULL));
		/* GitHub: a secondary limit with no hint means "wait a minute". */
		if (w < 0 && x->status == 403)
			w = 60000;
	}
	if (w >= 0)
		return w;
	http_client_backoff(c, &base, &max);
	return http_client_rand(c, http_backoff_cap(base, max, attempt));
}

const char *http_what(struct http_xfer *x)
{
	static _Thread_local char what[CURL_ERROR_SIZE + 64];

	if (x->toobig)
		snprintf(what, sizeof(what), "response over its size limit");
	else if (x->cres != CURLE_OK)
		snprintf(what, sizeof(what), "%s", x->errbuf[0] ? x->errbuf :
			 curl_easy_strerror(x->cres));
	else
		snprintf(what, sizeof(what), "HTTP %ld%s%s", x->status,
			 *http_reason(x->status) ? " " : "", http_reason(x->status));
	return what;
}

int http_fail(struct http_xfer *x, int attempts)
{
	const struct http_req *req = x->req;
	const char *m = http_method(req);
	const char *u = http_log_url(x->resp->url ? x->resp->url : req->url);
	char n[48] = "";

	if (attempts > 1)
		snprintf(n, sizeof(n), " (after %d attempts)", attempts);
	if (x->toobig)
		return err_setc(ERR_TOOBIG, "%s %s: response over its size limit (%zu bytes)", m, u,
				x->max_sink ? x->max_sink : x->max_body);
	if (x->sink_failed)
		return err_setc(ERR_FAIL, "%s %s: %s", m, u,
				x->out ? "cannot write the output file" : "the reader stopped");
	if (x->cres == CURLE_OPERATION_TIMEDOUT && req->deadline_ms &&
	    http_now_ms() >= req->deadline_ms - 50)
		return err_setc(ERR_TIMEOUT, "%s %s: deadline reached", m, u);
	if (x->cres == CURLE_PEER_FAILED_VERIFICATION || x->cres == CURLE_SSL_CACERT_BADFILE)
		return err_setc(ERR_SERVICE, "%s %s: TLS certificate not trusted: %s "
				"(set SSL_CERT_FILE or --ca-file for a private CA)", m, u, http_what(x));
	if (x->cres != CURLE_OK && x->delivered)
		return err_setc(ERR_SERVICE, "%s %s: %s after %zu bytes were read", m, u,
				http_what(x), x->delivered);
	return err_setc(ERR_SERVICE, "%s %s: %s%s", m, u, http_what(x), n);
}
