/* http_int.h - private to http*.c: the state of one call and its helpers. */
#ifndef SHIP_HTTP_INT_H
#define SHIP_HTTP_INT_H

#include <curl/curl.h>
#include <stdio.h>
#include "http.h"

struct http_client;

/* One http_do() call: where the body goes and what the last hop said. */
struct http_xfer {
	struct http_client *c;
	const struct http_req *req;
	struct http_resp *resp;
	CURL *h;                 /* handle of the current hop (borrowed) */
	CURLcode cres;
	long status;             /* status of the current hop */
	int headers_done;        /* the final header block has ended */
	int to_sink;             /* this hop's body goes to the caller's sink */
	size_t delivered;        /* bytes given to on_data/on_line so far */
	size_t max_body;         /* cap for resp->body */
	size_t max_sink;         /* cap for the sink, 0: none */
	int toobig;              /* a cap was hit (why the write failed) */
	int sink_failed;         /* a sink callback or file write failed */
	FILE *out;               /* out_file: the temporary file */
	char *tmp;               /* its name */
	FILE *upload;            /* body_file, opened once */
	long long upload_size;
	struct buf line;         /* on_line: the partial line */
	char errbuf[CURL_ERROR_SIZE];
};

/* What to do after an attempt. */
enum { HTTP_DONE, HTTP_FATAL, HTTP_RETRY, HTTP_RETRY_SAFE };

/* http.c */
const char *http_method(const struct http_req *req);
int http_is_idempotent(const struct http_req *req);

/* http_xfer.c */
int http_xfer_open(struct http_xfer *x, struct http_client *c, const struct http_req *req,
		   struct http_resp *resp);
int http_xfer_attempt_reset(struct http_xfer *x);
void http_xfer_hop_reset(struct http_xfer *x);
int http_xfer_finish(struct http_xfer *x);
void http_xfer_close(struct http_xfer *x, int rc);
size_t http_header_cb(char *data, size_t size, size_t n, void *ctx);
size_t http_write_cb(char *data, size_t size, size_t n, void *ctx);

/* http_retry.c */
int http_judge(struct http_xfer *x);
int http_may_repeat(struct http_xfer *x, int verdict);
long long http_wait_ms(struct http_client *c, struct http_xfer *x, int attempt);
int http_fail(struct http_xfer *x, int attempts);
const char *http_what(struct http_xfer *x);
/* Backoff for a given attempt with full jitter: rnd in [0, cap]. */
long long http_backoff_cap(long base_ms, long max_ms, int attempt);
/* The wait a response asks for, in ms (-1: none), from Retry-After or
 * x-ratelimit-remaining: 0 + x-ratelimit-reset; now_s is wall time. */
long long http_server_wait_ms(const struct http_resp *r, long long now_s);
long long http_client_rand(struct http_client *c, long long n);
void http_client_backoff(const struct http_client *c, long *base, long *max);

/* http_tls.c: CA bytes, client certificate/key and verification of one handle. */
void http_tls_apply(CURL *h, const struct http_opts *o);

/* http_util.c */
/* "scheme://host:port" of url into out; -1 when url is not http(s). */
int http_origin(const char *url, char *out, size_t outsz);
void http_sleep_ms(long long ms);

#endif
