/* http.c - the one libcurl wrapper: handles per host, retries, redirects, sinks. */
#include "http.h"
#include "http_int.h"
#include "ca.h"
#include "err.h"
#include "log.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#ifndef SHIP_VERSION
#define SHIP_VERSION "0.0.0-dev"
#endif

#define HTTP_MAX_HANDLES   8
#define HTTP_MAX_REDIRECTS 10
#define HTTP_MAX_HEADERS   (256u << 10)
#define HTTP_DEF_MAX_BODY  (16u << 20)
#define HTTP_DEF_MAX_LINE  (1u << 20)

struct http_handle {
	char *origin;
	CURL *h;
	unsigned long used;
};

struct http_client {
	struct http_opts o;
	const char *ca_file, *ca_dir;
	char *ca_file_own;
	struct http_handle hs[HTTP_MAX_HANDLES];
	unsigned long tick;
	double tokens;
	long long refill_ms;
	int trace;
	unsigned long long rng;
};

static int http_global_done;

long long http_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void http_sleep_ms(long long ms)
{
	struct timespec ts;

	if (ms <= 0)
		return;
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static void http_defaults(struct http_opts *o)
{
	if (o->connect_timeout_ms <= 0) o->connect_timeout_ms = 10000;
	if (o->timeout_ms <= 0) o->timeout_ms = 120000;
	if (o->low_speed_ms <= 0) o->low_speed_ms = 30000;
	if (o->retries < 0) o->retries = 4;
	if (o->retry_budget_ms <= 0) o->retry_budget_ms = 300000;
	if (o->backoff_base_ms <= 0) o->backoff_base_ms = 500;
	if (o->backoff_max_ms <= 0) o->backoff_max_ms = 60000;
	if (o->rate <= 0) o->rate = 10;
	if (o->burst <= 0) o->burst = 10;
}

int http_client_new(struct http_client **out, const struct http_opts *opts)
{
	struct http_client *c;
	const char *t;

	*out = NULL;
	if (!http_global_done) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
			return err_set("libcurl initialisation failed");
		http_global_done = 1;
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return err_set("out of memory");
	if (opts)
		c->o = *opts;
	else
		c->o.retries = -1;
	http_defaults(&c->o);
	if (!c->o.ca_pem && ca_find(c->o.ca_file, &c->ca_file, &c->ca_dir) < 0) {
		free(c);
		return err_code();
	}
	/* ca_find may return the caller's string: keep our own copy. */
	if (c->ca_file == c->o.ca_file && c->ca_file) {
		c->ca_file_own = strdup(c->ca_file);
		c->ca_file = c->ca_file_own;
	}
	c->o.ca_file = NULL;
	c->tokens = c->o.burst;
	c->refill_ms = http_now_ms();
	t = getenv("SHIP_TRACE");
	c->trace = (t && !strcmp(t, "1")) || log_get_level() >= LOG_DEBUG;
	c->rng = (unsigned long long)time(NULL) * 6364136223846793005ULL ^
		 (unsigned long long)getpid() ^ (unsigned long long)(size_t)c;
	*out = c;
	return 0;
}

void http_client_free(struct http_client *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < HTTP_MAX_HANDLES; i++) {
		if (c->hs[i].h)
			curl_easy_cleanup(c->hs[i].h);
		free(c->hs[i].origin);
	}
	free(c->ca_file_own);
	free(c);
}

void http_client_ca(const struct http_client *c, const char **file, const char **dir)
{
	*file = c->ca_file;
	*dir = c->ca_dir;
}

/* A random number in [0, n], for full jitter; not for secrets. */
long long http_client_rand(struct http_client *c, long long n)
{
	c->rng ^= c->rng << 13;
	c->rng ^= c->rng >> 7;
	c->rng ^= c->rng << 17;
	return n > 0 ? (long long)(c->rng % (unsigned long long)(n + 1)) : 0;
}

void http_client_backoff(const struct http_client *c, long *base, long *max)
{
	*base = c->o.backoff_base_ms;
	*max = c->o.backoff_max_ms;
}

/* Takes one token, sleeping until one is there (never past `limit`). */
static int http_take_token(struct http_client *c, long long limit)
{
	long long now = http_now_ms();
	long long wait;

	c->tokens += (double)(now - c->refill_ms) * c->o.rate / 1000.0;
	if (c->tokens > c->o.burst)
		c->tokens = c->o.burst;
	c->refill_ms = now;
	if (c->tokens >= 1) {
		c->tokens -= 1;
		return 0;
	}
	wait = (long long)((1 - c->tokens) * 1000.0 / c->o.rate) + 1;
	if (limit && now + wait > limit)
		return ERR_TIMEOUT;
	http_sleep_ms(wait);
	c->tokens = 0;
	c->refill_ms = http_now_ms();
	return 0;
}

/* The curl handle for the origin of url, made or reused (borrowed). */
static CURL *http_handle_for(struct http_client *c, const char *url)
{
	char origin[512];
	struct http_handle *slot = NULL;
	size_t i;

	if (http_origin(url, origin, sizeof(origin)) < 0)
		return NULL;
	c->tick++;
	for (i = 0; i < HTTP_MAX_HANDLES; i++) {
		if (c->hs[i].origin && !strcmp(c->hs[i].origin, origin)) {
			c->hs[i].used = c->tick;
			curl_easy_reset(c->hs[i].h);
			return c->hs[i].h;
		}
		if (!slot || (slot->h && (!c->hs[i].h || c->hs[i].used < slot->used)))
			slot = &c->hs[i];
	}
	if (slot->h)
		curl_easy_cleanup(slot->h);
	free(slot->origin);
	slot->origin = strdup(origin);
	slot->h = curl_easy_init();
	slot->used = c->tick;
	if (!slot->origin || !slot->h) {
		if (slot->h)
			curl_easy_cleanup(slot->h);
		free(slot->origin);
		slot->origin = NULL;
		slot->h = NULL;
		return NULL;
	}
	return slot->h;
}

/* Trace output goes to stderr whatever the log level: SHIP_TRACE=1 asks
 * for it explicitly. Every line has passed log_redact. */
static void http_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void http_trace(const char *fmt, ...)
{
	char line[4200];
	va_list ap;
	int n;

	memcpy(line, "ship: http: ", 12);
	va_start(ap, fmt);
	n = vsnprintf(line + 12, sizeof(line) - 13, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(line) - 14)
		n = (int)(sizeof(line) - 14);
	line[12 + n] = '\n';
	if (write(STDERR_FILENO, line, (size_t)n + 13) < 0) {
		/* stderr gone: nothing to do */
	}
}

/* Signed URLs (blob storage) carry their credential in the query: the
 * request line and Location headers are cut after the "?". */
static size_t http_trace_cut(int out, const char *line, size_t l)
{
	const char *q = memchr(line, '?', l), *colon = memchr(line, ':', l);

	if (!q)
		return l;
	if ((out && (!colon || colon > q)) || (l > 9 && !strncasecmp(line, "location:", 9)))
		return (size_t)(q - line) + 1;
	return l;
}

/* Trace lines from curl: headers both ways, secrets and auth redacted. */
static int http_debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *ctx)
{
	const char *tag;
	char out[4096];
	size_t n;

	(void)h; (void)ctx;
	switch (type) {
	case CURLINFO_TEXT: tag = "* "; break;
	case CURLINFO_HEADER_IN: tag = "< "; break;
	case CURLINFO_HEADER_OUT: tag = "> "; break;
	default: return 0;
	}
	while (size) {
		const char *nl = memchr(data, '\n', size);
		size_t len = nl ? (size_t)(nl - data) + 1 : size;
		size_t l = len;
		while (l && (data[l - 1] == '\n' || data[l - 1] == '\r'))
			l--;
		if (l >= 14 && !strncasecmp(data, "authorization:", 14))
			l = 14;
		/* Signed URLs (blob storage) carry their credential in the query. */
		l = http_trace_cut(type == CURLINFO_HEADER_OUT, data, l);
		n = log_redact(data, l, out, sizeof(out));
		if (l == 14 && !strncasecmp(data, "authorization:", 14))
			n = (size_t)snprintf(out, sizeof(out), "Authorization: ***");
		if (n)
			http_trace("%s%s", tag, out);
		data += len;
		size -= len;
	}
	return 0;
}

const char *http_method(const struct http_req *req)
{
	if (req->method)
		return req->method;
	return (req->body || req->body_file) ? "POST" : "GET";
}

int http_is_idempotent(const struct http_req *req)
{
	const char *m = http_method(req);

	if (req->idempotent)
		return req->idempotent > 0;
	return !strcmp(m, "GET") || !strcmp(m, "HEAD") || !strcmp(m, "PUT") ||
	       !strcmp(m, "DELETE") || !strcmp(m, "OPTIONS");
}

/* Sets every option of one hop. Returns the header list to free. */
static struct curl_slist *http_setup(struct http_client *c, CURL *h, struct http_xfer *x,
				     const char *url, const char *method, int send_auth,
				     int send_body, long timeout_ms)
{
	const struct http_req *req = x->req;
	struct curl_slist *hl = NULL, *t;
	struct buf ab = BUF_INIT(16384);
	size_t i;

	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "ship/" SHIP_VERSION);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, c->o.connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
	if (req->idle_ms >= 0) {
		long idle = req->idle_ms ? req->idle_ms : c->o.low_speed_ms;
		curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
		curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (idle + 999) / 1000);
	}
	curl_easy_setopt(h, CURLOPT_SSLVERSION, (long)CURL_SSLVERSION_TLSv1_2);
	if (c->ca_file) {
		curl_easy_setopt(h, CURLOPT_CAINFO, c->ca_file);
		curl_easy_setopt(h, CURLOPT_PROXY_CAINFO, c->ca_file);
	} else {
		curl_easy_setopt(h, CURLOPT_CAINFO, NULL);
		curl_easy_setopt(h, CURLOPT_CAPATH, c->ca_dir);
		curl_easy_setopt(h, CURLOPT_PROXY_CAPATH, c->ca_dir);
	}
	http_tls_apply(h, &c->o);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(h, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, http_header_cb);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, http_write_cb);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	if (c->trace) {
		curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
		curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, http_debug_cb);
	}
	if (!strcmp(method, "HEAD"))
		curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
	else if (send_body && req->body_file && x->upload) {
		curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
		curl_easy_setopt(h, CURLOPT_READDATA, x->upload);
		curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, (curl_off_t)x->upload_size);
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	} else if (send_body && req->body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, req->body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	} else if (strcmp(method, "GET")) {
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	}
	for (i = 0; req->headers && req->headers[i]; i++) {
		/* Credentials belong in req->auth; never let one leak to a
		 * redirect target through the plain header list. */
		if (!send_auth && (!strncasecmp(req->headers[i], "authorization:", 14) ||
				   !strncasecmp(req->headers[i], "cookie:", 7)))
			continue;
		t = curl_slist_append(hl, req->headers[i]);
		if (!t)
			goto fail;
		hl = t;
	}
	/* Uploads: no "Expect: 100-continue" round trip. */
	t = curl_slist_append(hl, "Expect:");
	if (!t)
		goto fail;
	hl = t;
	if (send_auth && req->auth) {
		buf_printf(&ab, "Authorization: %s", req->auth);
		t = buf_failed(&ab) ? NULL : curl_slist_append(hl, ab.ptr);
		if (!t)
			goto fail;
		hl = t;
	}
	buf_release(&ab);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	return hl;
fail:
	buf_release(&ab);
	curl_slist_free_all(hl);
	return NULL;
}

/* One hop: a single request/response. Fills x->cres and x->status. */
static int http_hop(struct http_client *c, struct http_xfer *x, const char *url,
		    const char *method, int send_auth, int send_body, long timeout_ms)
{
	CURL *h = http_handle_for(c, url);
	struct curl_slist *hl;

	if (!h)
		return err_set("%s: not a valid http(s) URL", url);
	x->h = h;
	http_xfer_hop_reset(x);
	hl = http_setup(c, h, x, url, method, send_auth, send_body, timeout_ms);
	if (!hl)
		return err_set("out of memory");
	x->errbuf[0] = '\0';
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	x->cres = curl_easy_perform(h);
	/* The handle outlives x: leave no pointer into it behind. */
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hl);
	if (x->cres == CURLE_OK || x->status)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &x->status);
	return 0;
}

/* Which method the next hop uses after a redirect (RFC 9110 15.4). */
static const char *http_redirect_method(long status, const char *method, int *keep_body)
{
	*keep_body = status == 307 || status == 308;
	if (status == 303 && strcmp(method, "HEAD"))
		return "GET";
	if ((status == 301 || status == 302) && !strcmp(method, "POST"))
		return "GET";
	if (!*keep_body)
		return strcmp(method, "HEAD") ? (status == 303 ? "GET" : method) : "HEAD";
	return method;
}

/* One attempt: the whole redirect chain. 0 when a final response (or a
 * transport error in x->cres) is there, <0 on a local error. */
static int http_attempt(struct http_client *c, struct http_xfer *x, long timeout_ms)
{
	const struct http_req *req = x->req;
	const char *method = http_method(req);
	char *url = strdup(req->url), *next;
	int hops, send_body = 1, keep, rc = 0;

	if (!url)
		return err_set("out of memory");
	for (hops = 0;; hops++) {
		int auth = http_same_origin(req->url, url);
		if (x->upload)
			rewind(x->upload);
		rc = http_hop(c, x, url, method, auth, send_body, timeout_ms);
		if (rc < 0 || x->cres != CURLE_OK || req->no_redirect)
			break;
		if (x->status < 300 || x->status > 308 || x->status == 304 ||
		    x->status == 305 || x->status == 306)
			break;
		next = NULL;
		curl_easy_getinfo(x->h, CURLINFO_REDIRECT_URL, &next);
		if (!next)
			break;
		if (hops >= HTTP_MAX_REDIRECTS) {
			rc = err_setc(ERR_SERVICE, "%s: more than %d redirects", http_log_url(req->url),
				      HTTP_MAX_REDIRECTS);
			break;
		}
		if (!strncmp(url, "https:", 6) && strncmp(next, "https:", 6)) {
			rc = err_setc(ERR_SERVICE, "%s: refusing redirect from https to %s",
				      http_log_url(req->url), http_log_url(next));
			break;
		}
		log_debug("http: %ld redirect to %s%s", x->status, http_log_url(next),
			  http_same_origin(req->url, next) ? "" : " (no Authorization)");
		method = http_redirect_method(x->status, method, &keep);
		send_body = send_body && keep;
		free(url);
		url = strdup(next);
		if (!url)
			return err_set("out of memory");
	}
	free(x->resp->url);
	x->resp->url = url;
	return rc;
}

int http_do(struct http_client *c, const struct http_req *req, struct http_resp *resp)
{
	struct http_xfer x;
	long long start = http_now_ms(), budget = start + c->o.retry_budget_ms;
	long long limit = req->deadline_ms && req->deadline_ms < budget ? req->deadline_ms : budget;
	int attempt, rc, retries = req->no_retry ? 0 : c->o.retries;

	if (http_xfer_open(&x, c, req, resp) < 0)
		return err_code();
	for (attempt = 0;; attempt++) {
		long tmo = req->timeout_ms > 0 ? req->timeout_ms : c->o.timeout_ms;
		long long now = http_now_ms(), wait;
		int verdict;

		if (req->deadline_ms && now >= req->deadline_ms) {
			rc = err_setc(ERR_TIMEOUT, "%s %s: deadline reached", http_method(req),
				      http_log_url(req->url));
			goto done;
		}
		if (req->deadline_ms && now + tmo > req->deadline_ms)
			tmo = (long)(req->deadline_ms - now);
		if (http_take_token(c, req->deadline_ms) < 0) {
			rc = err_setc(ERR_TIMEOUT, "%s %s: deadline reached waiting for the rate limiter",
				      http_method(req), http_log_url(req->url));
			goto done;
		}
		resp->attempts = attempt + 1;
		if (http_xfer_attempt_reset(&x) < 0 || http_attempt(c, &x, tmo) < 0) {
			rc = err_code();
			goto done;
		}
		verdict = http_judge(&x);
		log_debug("http: %s %s -> %ld%s%s (attempt %d)", http_method(req),
			  http_log_url(req->url), x.status, x.cres ? ", " : "",
			  x.cres ? curl_easy_strerror(x.cres) : "", attempt + 1);
		if (verdict == HTTP_DONE) {
			rc = http_xfer_finish(&x);
			goto done;
		}
		if (verdict == HTTP_FATAL) {
			rc = http_fail(&x, 0);
			goto done;
		}
		if (attempt >= retries) {
			rc = http_fail(&x, attempt + 1);
			goto done;
		}
		rc = http_may_repeat(&x, verdict);
		if (rc == 1) {          /* it landed: the last response stands */
			resp->landed = 1;
			rc = http_xfer_finish(&x);
			goto done;
		}
		if (rc < 0)
			goto done;
		wait = http_wait_ms(c, &x, attempt);
		now = http_now_ms();
		if (req->deadline_ms && now + wait > req->deadline_ms) {
			rc = err_setc(ERR_TIMEOUT, "%s %s: deadline reached (%s; next try in %lld s)",
				      http_method(req), http_log_url(req->url), http_what(&x),
				      (wait + 999) / 1000);
			goto done;
		}
		if (now + wait > limit) {
			rc = http_fail(&x, attempt + 1);
			goto done;
		}
		log_info("http: %s %s: %s; retrying in %lld ms", http_method(req),
			 http_log_url(req->url), http_what(&x), wait);
		http_sleep_ms(wait);
	}
done:
	http_xfer_close(&x, rc);
	return rc;
}
