/* t_http.c - unit tests of the HTTP layer's pure parts and the CA search. */
#include "unit.h"
#include "core/ca.h"
#include "core/err.h"
#include "core/http.h"
#include "core/http_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_headers(struct http_resp *r, long status, const char *h)
{
	http_resp_init(r);
	r->status = status;
	buf_puts(&r->headers, h);
}

TEST(http_link_next_github_form)
{
	char out[256];
	const char *l = "<https://api.github.com/repositories/1/issues?page=2>; rel=\"next\", "
			"<https://api.github.com/repositories/1/issues?page=5>; rel=\"last\"";

	CHECK_INT(http_link_next(l, out, sizeof(out)), 1);
	CHECK_STR(out, "https://api.github.com/repositories/1/issues?page=2");
	/* next after last, several rel types, unquoted */
	CHECK_INT(http_link_next("<a?p=1>; rel=\"prev\", <b?p=3>; rel=\"last next\"", out, sizeof(out)), 1);
	CHECK_STR(out, "b?p=3");
	CHECK_INT(http_link_next("<c>; rel=next", out, sizeof(out)), 1);
	CHECK_STR(out, "c");
	CHECK_INT(http_link_next("<a>; rel=\"prev\", <b>; rel=\"first\"", out, sizeof(out)), 0);
	CHECK_STR(out, "");
	CHECK_INT(http_link_next("<unterminated; rel=\"next\"", out, sizeof(out)), 0);
	CHECK_INT(http_link_next("<toolong-url>; rel=\"next\"", out, 5), 0);
	CHECK_INT(http_link_next("", out, sizeof(out)), 0);
}

TEST(http_same_origin_rules)
{
	CHECK(http_same_origin("https://api.github.com/x", "https://API.github.com:443/y?z"));
	CHECK(!http_same_origin("https://api.github.com/x", "https://uploads.github.com/x"));
	CHECK(!http_same_origin("https://api.github.com/x", "http://api.github.com/x"));
	CHECK(!http_same_origin("http://127.0.0.1:80/", "http://127.0.0.1:81/"));
	CHECK(http_same_origin("http://127.0.0.1/", "http://127.0.0.1:80/"));
	CHECK(!http_same_origin("https://a.example/", "ftp://a.example/"));
	CHECK(!http_same_origin("not a url", "not a url"));
}

TEST(http_resp_header_lookup)
{
	struct http_resp r;
	char v[64];

	set_headers(&r, 200, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
		    "X-RateLimit-Remaining:  17 \r\nLink: <u>; rel=\"next\"\r\n\r\n");
	CHECK_INT(http_resp_header(&r, "x-ratelimit-remaining", v, sizeof(v)), 1);
	CHECK_STR(v, "17");
	CHECK_INT(http_resp_header(&r, "content-type", v, 5), 1);
	CHECK_STR(v, "text");
	CHECK_INT(http_resp_header(&r, "content", v, sizeof(v)), 0);
	CHECK_INT(http_resp_header(&r, "etag", v, sizeof(v)), 0);
	CHECK_STR(v, "");
	http_resp_release(&r);
}

TEST(http_server_wait_retry_after_and_reset)
{
	struct http_resp r;

	set_headers(&r, 429, "HTTP/1.1 429 x\r\nRetry-After: 7\r\n\r\n");
	CHECK_INT(http_server_wait_ms(&r, 1000), 7000);
	http_resp_release(&r);
	/* An HTTP date: Sun, 06 Nov 1994 08:49:37 GMT = 784111777 */
	set_headers(&r, 503, "HTTP/1.1 503 x\r\nRetry-After: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n");
	CHECK_INT(http_server_wait_ms(&r, 784111770), 7000);
	CHECK_INT(http_server_wait_ms(&r, 784111790), 0);
	http_resp_release(&r);
	set_headers(&r, 403, "HTTP/1.1 403 x\r\nx-ratelimit-remaining: 0\r\nx-ratelimit-reset: 1010\r\n\r\n");
	CHECK_INT(http_server_wait_ms(&r, 1000), 11000);
	CHECK_INT(http_server_wait_ms(&r, 2000), 1000);
	http_resp_release(&r);
	/* quota left: no wait hint */
	set_headers(&r, 403, "HTTP/1.1 403 x\r\nx-ratelimit-remaining: 3\r\nx-ratelimit-reset: 1010\r\n\r\n");
	CHECK_INT(http_server_wait_ms(&r, 1000), -1);
	http_resp_release(&r);
	set_headers(&r, 429, "HTTP/1.1 429 x\r\nRetry-After: soon\r\n\r\n");
	CHECK_INT(http_server_wait_ms(&r, 1000), -1);
	http_resp_release(&r);
}

TEST(http_backoff_grows_and_caps)
{
	CHECK_INT(http_backoff_cap(500, 60000, 0), 500);
	CHECK_INT(http_backoff_cap(500, 60000, 1), 1000);
	CHECK_INT(http_backoff_cap(500, 60000, 4), 8000);
	CHECK_INT(http_backoff_cap(500, 60000, 20), 60000);
	CHECK_INT(http_backoff_cap(500, 60000, 1000), 60000);
}

TEST(http_client_jitter_in_range)
{
	struct http_client *c;
	long long v, lo = 1 << 30, hi = -1;
	int i;

	CHECK_INT(http_client_new(&c, NULL), 0);
	for (i = 0; i < 2000; i++) {
		v = http_client_rand(c, 100);
		if (v < lo) lo = v;
		if (v > hi) hi = v;
	}
	CHECK(lo >= 0 && lo < 10);
	CHECK(hi <= 100 && hi > 90);
	http_client_free(c);
}

TEST(http_log_url_hides_query)
{
	CHECK_STR(http_log_url("https://blob.example/x/y?sig=abc&se=1"), "https://blob.example/x/y?...");
	CHECK_STR(http_log_url("https://a/b"), "https://a/b");
}

TEST(ca_find_order)
{
	const char *dir = unit_tmpdir(), *f, *d;
	char pem[512];
	FILE *fp;

	snprintf(pem, sizeof(pem), "%s/ca.pem", dir);
	fp = fopen(pem, "w");
	CHECK(fp != NULL);
	fputs("-----BEGIN CERTIFICATE-----\n", fp);
	fclose(fp);
	unsetenv("SSL_CERT_FILE");
	unsetenv("SSL_CERT_DIR");
	CHECK_INT(ca_find(pem, &f, &d), 0);
	CHECK_STR(f, pem);
	CHECK(d == NULL);
	CHECK_INT(ca_find("/nonexistent/ca.pem", &f, &d), ERR_NOTFOUND);
	CHECK(strstr(err_last(), "/nonexistent/ca.pem") != NULL);
	setenv("SSL_CERT_FILE", pem, 1);
	CHECK_INT(ca_find(NULL, &f, &d), 0);
	CHECK_STR(f, pem);
	setenv("SSL_CERT_FILE", "/nonexistent/x.pem", 1);
	CHECK_INT(ca_find(NULL, &f, &d), ERR_NOTFOUND);
	CHECK(strstr(err_last(), "SSL_CERT_FILE") != NULL);
	unsetenv("SSL_CERT_FILE");
	setenv("SSL_CERT_DIR", dir, 1);
	CHECK_INT(ca_find(NULL, &f, &d), 0);
	CHECK(f == NULL);
	CHECK_STR(d, dir);
	unsetenv("SSL_CERT_DIR");
}

TEST(http_client_keeps_own_ca_copy)
{
	struct http_client *c;
	struct http_opts o = { 0 };
	const char *f, *d;
	char pem[512];
	FILE *fp;

	snprintf(pem, sizeof(pem), "%s/ca.pem", unit_tmpdir());
	fp = fopen(pem, "w");
	CHECK(fp != NULL);
	fputs("x\n", fp);
	fclose(fp);
	o.ca_file = pem;
	o.retries = -1;
	CHECK_INT(http_client_new(&c, &o), 0);
	pem[0] = 'Z';
	http_client_ca(c, &f, &d);
	CHECK(f != NULL && f[0] == '/');
	CHECK(d == NULL);
	http_client_free(c);
	o.ca_file = "/nonexistent.pem";
	CHECK_INT(http_client_new(&c, &o), ERR_NOTFOUND);
	CHECK(c == NULL);
}
