/* http_tls.c - per-client TLS material on a curl handle: CA bytes, client certificate and key. */
#include "http_int.h"

#include <curl/curl.h>

/* CURL_BLOB_COPY: curl keeps its own copy. mbedTLS parses PEM only when
 * the terminating NUL is part of the length (curl passes key blobs to
 * mbedtls_pk_parse_key as they are), so a NUL-terminated PEM goes with
 * its NUL. */
static void set_blob(CURL *h, CURLoption opt, const char *data, size_t len)
{
	struct curl_blob b;

	b.data = (void *)data;
	b.len = len + (len && data[len - 1] != '\0' && data[len] == '\0' ? 1 : 0);
	b.flags = CURL_BLOB_COPY;
	curl_easy_setopt(h, opt, &b);
}

void http_tls_apply(CURL *h, const struct http_opts *o)
{
	if (o->ca_pem && o->ca_pem_len) {
		curl_easy_setopt(h, CURLOPT_CAINFO, NULL);
		curl_easy_setopt(h, CURLOPT_CAPATH, NULL);
		set_blob(h, CURLOPT_CAINFO_BLOB, o->ca_pem, o->ca_pem_len);
	}
	if (o->cert_pem && o->cert_pem_len) {
		set_blob(h, CURLOPT_SSLCERT_BLOB, o->cert_pem, o->cert_pem_len);
		curl_easy_setopt(h, CURLOPT_SSLCERTTYPE, "PEM");
	} else if (o->cert_file) {
		curl_easy_setopt(h, CURLOPT_SSLCERT, o->cert_file);
		curl_easy_setopt(h, CURLOPT_SSLCERTTYPE, "PEM");
	}
	if (o->key_pem && o->key_pem_len) {
		set_blob(h, CURLOPT_SSLKEY_BLOB, o->key_pem, o->key_pem_len);
		curl_easy_setopt(h, CURLOPT_SSLKEYTYPE, "PEM");
	} else if (o->key_file) {
		curl_easy_setopt(h, CURLOPT_SSLKEY, o->key_file);
		curl_easy_setopt(h, CURLOPT_SSLKEYTYPE, "PEM");
	}
	if (o->insecure) {
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	}
}
