/* http_util.c - URL origins, Link headers, header lookup, status reasons. */
#include "http_int.h"
#include "err.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void http_resp_init(struct http_resp *r)
{
	memset(r, 0, sizeof(*r));
	buf_init(&r->body, 16u << 20);
	buf_init(&r->headers, 256u << 10);
}

void http_resp_release(struct http_resp *r)
{
	buf_release(&r->body);
	buf_release(&r->headers);
	free(r->url);
	r->url = NULL;
	r->status = 0;
}

int http_origin(const char *url, char *out, size_t outsz)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL;
	int rc = -1, n;

	if (!u || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK)
		goto done;
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK)
		goto done;
	if (strcasecmp(scheme, "http") && strcasecmp(scheme, "https"))
		goto done;
	n = snprintf(out, outsz, "%s://%s:%s", scheme, host, port);
	if (n < 0 || (size_t)n >= outsz)
		goto done;
	for (n = 0; out[n]; n++)
		out[n] = (char)tolower((unsigned char)out[n]);
	rc = 0;
done:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return rc;
}

int http_same_origin(const char *a, const char *b)
{
	char oa[512], ob[512];

	if (http_origin(a, oa, sizeof(oa)) < 0 || http_origin(b, ob, sizeof(ob)) < 0)
		return 0;
	return !strcmp(oa, ob);
}

const char *http_log_url(const char *url)
{
	static _Thread_local char ring[4][1024];
	static _Thread_local unsigned next;
	char *out = ring[next++ % 4];
	size_t n = strcspn(url ? url : "", "?#");

	if (!url)
		return "(no URL)";
	if (n >= sizeof(ring[0]) - 4)
		n = sizeof(ring[0]) - 5;
	memcpy(out, url, n);
	snprintf(out + n, sizeof(ring[0]) - n, "%s", url[n] == '?' ? "?..." : "");
	return out;
}

int http_resp_header(const struct http_resp *r, const char *name, char *out, size_t outsz)
{
	const char *p = buf_cstr(&r->headers), *end = p + r->headers.len;
	size_t nl = strlen(name);

	if (outsz)
		out[0] = '\0';
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *le = e ? e : end;
		if ((size_t)(le - p) > nl && p[nl] == ':' && !strncasecmp(p, name, nl)) {
			const char *v = p + nl + 1;
			size_t n;
			while (v < le && (*v == ' ' || *v == '\t'))
				v++;
			while (le > v && (le[-1] == '\r' || le[-1] == ' ' || le[-1] == '\t'))
				le--;
			n = (size_t)(le - v);
			if (outsz) {
				if (n >= outsz)
					n = outsz - 1;
				memcpy(out, v, n);
				out[n] = '\0';
			}
			return 1;
		}
		p = le + 1;
	}
	return 0;
}

/* Link: <url>; rel="next", <url>; rel="last" (RFC 8288). */
int http_link_next(const char *link, char *out, size_t outsz)
{
	const char *p = link;

	if (outsz)
		out[0] = '\0';
	while (p && *p) {
		const char *lt = strchr(p, '<'), *gt, *next, *rel;
		if (!lt || !(gt = strchr(lt, '>')))
			return 0;
		next = strchr(gt, '<');
		rel = strstr(gt, "rel=");
		if (rel && (!next || rel < next)) {
			const char *v = rel + 4;
			size_t n = (size_t)(gt - lt - 1);
			int quoted = *v == '"';
			v += quoted;
			/* rel may hold several space-separated types. */
			while (*v && *v != '"' && *v != ',' && *v != ';') {
				size_t w = strcspn(v, " \",;");
				if (w == 4 && !strncmp(v, "next", 4)) {
					if (n >= outsz)
						return 0;
					memcpy(out, lt + 1, n);
					out[n] = '\0';
					return 1;
				}
				v += w;
				while (*v == ' ')
					v++;
			}
		}
		p = next;
	}
	return 0;
}

const char *http_reason(long s)
{
	switch (s) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 301: return "Moved Permanently";
	case 302: return "Found";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 409: return "Conflict";
	case 410: return "Gone";
	case 422: return "Unprocessable Entity";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: return "Gateway Timeout";
	default:  return "";
	}
}

void http_escape(struct buf *out, const char *s, const char *keep)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~' || (keep && strchr(keep, c)))
			buf_putc(out, (char)c);
		else
			buf_printf(out, "%%%02X", c);
	}
}
