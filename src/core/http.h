/* http.h - the one HTTP(S) client (libcurl over mbedTLS): reuse, retries, caps. */
#ifndef SHIP_HTTP_H
#define SHIP_HTTP_H

#include <stddef.h>
#include "buf.h"

/*
 * A client keeps one curl handle per scheme://host:port so connections are
 * reused, a token bucket that limits the request rate, and the CA found at
 * run time (ca.h). Proxies come from the environment (HTTPS_PROXY,
 * https_proxy, HTTP_PROXY, NO_PROXY...), read by libcurl itself.
 *
 * Retries: an idempotent request (GET HEAD PUT DELETE OPTIONS, unless the
 * request says otherwise) is retried on connection errors, 5xx, 429 and a
 * rate-limit 403 (x-ratelimit-remaining: 0), with exponential backoff and
 * full jitter; Retry-After and x-ratelimit-reset are honoured. A request
 * that is not idempotent is retried only when its `landed` callback says
 * the first attempt did not take effect. Waits never pass the deadline.
 *
 * Redirects are followed hop by hop here (not by curl) so that
 * Authorization is sent only to the scheme, host and port of the first URL.
 */

struct http_client;

struct http_opts {
	const char *ca_file;      /* explicit CA bundle (--ca-file); NULL: search */
	long connect_timeout_ms;  /* per attempt; 0: 10 s */
	long timeout_ms;          /* per attempt, whole transfer; 0: 120 s */
	long low_speed_ms;        /* abort when under 1 byte/s this long; 0: 30 s */
	int retries;              /* retries after the first attempt; <0: 4 */
	long retry_budget_ms;     /* total time for one call incl. waits; 0: 300 s */
	long backoff_base_ms;     /* first backoff cap; 0: 500 ms */
	long backoff_max_ms;      /* largest single wait; 0: 60 s */
	double rate;              /* requests per second; 0: 10 */
	int burst;                /* token bucket size; 0: 10 */
	/*
	 * TLS trust and client identity of one service (a kubeconfig), set
	 * by http_tls.c. PEM bytes and paths are BORROWED: they must stay
	 * valid while the client lives. ca_pem replaces the CA bundle search
	 * (only that CA is trusted, as client-go does); cert/key come as PEM
	 * bytes or files; insecure skips verification (kubeconfig
	 * insecure-skip-tls-verify, never a default). PEM bytes must be
	 * followed by a NUL at [len] (mbedTLS needs it to parse PEM).
	 */
	const char *ca_pem;
	size_t ca_pem_len;
	const char *cert_pem, *key_pem;
	size_t cert_pem_len, key_pem_len;
	const char *cert_file, *key_file;
	int insecure;
};

struct http_resp;

/* Called before a non-idempotent request is repeated: return 1 when the
 * previous attempt took effect (the call then succeeds with `last` as the
 * response), 0 to send it again, or a negative ERR_ to stop. `last` is
 * the failed response (status 0 after a connection error). */
typedef int (*http_landed_fn)(void *ctx, const struct http_resp *last);
/* Body sinks: return 0 to go on, non-zero to abort the transfer. */
typedef int (*http_data_fn)(void *ctx, const char *data, size_t len);
/* One line without its "\n" (and "\r"); line is NUL-terminated. */
typedef int (*http_line_fn)(void *ctx, const char *line, size_t len);

struct http_req {
	const char *method;           /* NULL: "GET" (or "POST" with a body) */
	const char *url;
	const char *const *headers;   /* NULL-terminated "Name: value" list;
				       * Authorization/Cookie here are dropped
				       * on a redirect to another origin too */
	const char *auth;             /* Authorization value ("Bearer ..."); a
				       * secret: registered for redaction */
	const void *body;             /* request body, or NULL */
	size_t body_len;
	const char *body_file;        /* upload this file instead (PUT/POST) */
	int idempotent;               /* 0: by method, 1: yes, -1: no */
	http_landed_fn landed;
	void *landed_ctx;
	/* Where a successful (2xx) body goes, first set wins: a file (written
	 * to a temporary name and renamed at the end), a line callback, a data
	 * callback, else resp->body. Error bodies always go to resp->body. */
	const char *out_file;
	http_line_fn on_line;
	http_data_fn on_data;
	void *sink_ctx;
	size_t max_line;              /* on_line: longer lines fail; 0: 1 MiB */
	size_t max_body;              /* cap of resp->body; 0: 16 MiB */
	int no_redirect;              /* return 3xx responses as they are */
	int no_retry;                 /* a single attempt */
	long timeout_ms;              /* per-attempt override; 0: client's */
	long idle_ms;                 /* stall limit (under 1 byte/s); 0: client's,
				       * <0: none (long-lived watch streams) */
	long long deadline_ms;        /* absolute http_now_ms() limit; 0: none */
};

struct http_resp {
	long status;          /* final HTTP status; 0 when none arrived */
	struct buf body;      /* body (or error body), capped */
	struct buf headers;   /* raw header block of the final response */
	char *url;            /* final URL after redirects (owned) */
	int attempts;         /* attempts made, >= 1 */
	size_t body_bytes;    /* bytes received for the final response */
	int landed;           /* a landed check said an earlier attempt took
			       * effect: status/body are the failed attempt's */
};

/* Creates a client. NULL opts: defaults. Fails with ERR_NOTFOUND and a
 * clear message when no CA bundle exists. Caller frees with
 * http_client_free(). */
int http_client_new(struct http_client **out, const struct http_opts *opts);
void http_client_free(struct http_client *c);

/* The CA the client uses: one of *file / *dir is set (borrowed, valid
 * while the client lives), for libgit2's GIT_OPT_SET_SSL_CERT_LOCATIONS. */
void http_client_ca(const struct http_client *c, const char **file, const char **dir);

/*
 * Performs the request with retries and redirects. resp must be
 * initialised with http_resp_init() and is released by the caller with
 * http_resp_release(). Returns 0 when a final response arrived, whatever
 * its status (the caller judges 4xx); ERR_SERVICE when the service kept
 * failing (connection errors, 5xx, 429, rate limits) after the retries,
 * with resp holding the last response; ERR_TIMEOUT when the deadline or
 * retry budget ran out; ERR_TOOBIG when the body passed its cap; ERR_FAIL
 * on local errors (file, sink aborted). The message names the URL.
 */
int http_do(struct http_client *c, const struct http_req *req, struct http_resp *resp);

void http_resp_init(struct http_resp *r);
void http_resp_release(struct http_resp *r);

/* Value of a response header (case-insensitive name), copied to out
 * (cut to outsz); returns 1 when found, else 0 and out = "". */
int http_resp_header(const struct http_resp *r, const char *name, char *out, size_t outsz);

/* Monotonic milliseconds, for deadlines. */
long long http_now_ms(void);

/* The next URL of a Link header (rel="next"), copied to out; 1 when found. */
int http_link_next(const char *link, char *out, size_t outsz);

/* 1 when the scheme, host and port of a and b are the same. */
int http_same_origin(const char *a, const char *b);

/* The URL without its query (signed URLs carry credentials there), for
 * messages. Borrowed from one of 4 rotating per-thread buffers, so up to
 * 4 calls can share one printf. */
const char *http_log_url(const char *url);

/* Appends s percent-encoded for a URL path or query: RFC 3986 unreserved
 * characters (ALPHA DIGIT - . _ ~) and those in `keep` (e.g. "/") stay,
 * every other byte becomes %XX. */
void http_escape(struct buf *out, const char *s, const char *keep);

/* A short reason for a status line ("Not Found"); "" when unknown. */
const char *http_reason(long status);

#endif
