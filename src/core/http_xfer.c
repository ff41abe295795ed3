/* http_xfer.c - one call's body sinks: buffer, file (temp + rename), lines. */
#include "http_int.h"
#include "err.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static int http_xfer_mktemp(struct http_xfer *x, const char *path)
{
	struct buf t = BUF_INIT(4096 + 32);
	int fd;

	buf_printf(&t, "%s.ship-XXXXXX", path);
	if (buf_failed(&t))
		return err_setc(ERR_INVALID, "%s: path too long", path);
	x->tmp = buf_detach(&t);
	fd = x->tmp ? mkstemp(x->tmp) : -1;
	if (fd < 0)
		return err_set("%s: cannot create a temporary file: %s", path, strerror(errno));
	x->out = fdopen(fd, "wb");
	if (!x->out) {
		close(fd);
		unlink(x->tmp);
		return err_set("%s: %s", path, strerror(errno));
	}
	return 0;
}

static int http_xfer_upload(struct http_xfer *x, const char *path)
{
	struct stat st;

	x->upload = fopen(path, "rb");
	if (!x->upload)
		return err_setc(errno == ENOENT ? ERR_NOTFOUND : ERR_FAIL, "%s: %s", path,
				strerror(errno));
	if (fstat(fileno(x->upload), &st) < 0 || !S_ISREG(st.st_mode))
		return err_set("%s: not a regular file", path);
	x->upload_size = st.st_size;
	return 0;
}

int http_xfer_open(struct http_xfer *x, struct http_client *c, const struct http_req *req,
		   struct http_resp *resp)
{
	memset(x, 0, sizeof(*x));
	x->c = c;
	x->req = req;
	x->resp = resp;
	x->max_body = req->max_body ? req->max_body : (16u << 20);
	x->max_sink = req->max_body;
	buf_init(&x->line, req->max_line ? req->max_line : (1u << 20));
	resp->body.max = x->max_body;
	resp->headers.max = 256u << 10;
	if (!req->url)
		return err_setc(ERR_INVALID, "http: no URL");
	if (req->body_file && http_xfer_upload(x, req->body_file) < 0)
		goto fail;
	if (req->out_file && http_xfer_mktemp(x, req->out_file) < 0)
		goto fail;
	return 0;
fail:
	http_xfer_close(x, -1);
	return err_code();
}

void http_xfer_hop_reset(struct http_xfer *x)
{
	x->status = 0;
	x->cres = CURLE_OK;
	x->headers_done = 0;
	x->to_sink = 0;
	buf_reset(&x->resp->body);
	buf_reset(&x->resp->headers);
	x->resp->body_bytes = 0;
}

int http_xfer_attempt_reset(struct http_xfer *x)
{
	x->toobig = 0;
	x->sink_failed = 0;
	buf_reset(&x->line);
	if (x->out && (fflush(x->out) || ftruncate(fileno(x->out), 0) < 0 ||
		       fseek(x->out, 0, SEEK_SET) < 0))
		return err_set("%s: %s", x->req->out_file, strerror(errno));
	return 0;
}

/* Hands complete lines to on_line; keeps the partial one. */
static int http_lines(struct http_xfer *x, const char *p, size_t n)
{
	while (n) {
		const char *nl = memchr(p, '\n', n);
		size_t k = nl ? (size_t)(nl - p) : n;
		if (buf_add(&x->line, p, k) < 0) {
			x->toobig = 1;
			return -1;
		}
		if (!nl)
			return 0;
		if (x->line.len && x->line.ptr[x->line.len - 1] == '\r')
			buf_truncate(&x->line, x->line.len - 1);
		if (x->req->on_line(x->req->sink_ctx, buf_cstr(&x->line), x->line.len)) {
			x->sink_failed = 1;
			return -1;
		}
		buf_reset(&x->line);
		p += k + 1;
		n -= k + 1;
	}
	return 0;
}

static int http_sink(struct http_xfer *x, const char *p, size_t n)
{
	const struct http_req *req = x->req;

	if (x->max_sink && x->resp->body_bytes + n > x->max_sink) {
		x->toobig = 1;
		return -1;
	}
	if (x->out) {
		if (fwrite(p, 1, n, x->out) != n) {
			x->sink_failed = 1;
			return -1;
		}
		return 0;
	}
	x->delivered += n;
	if (req->on_line)
		return http_lines(x, p, n);
	if (req->on_data(req->sink_ctx, p, n)) {
		x->sink_failed = 1;
		return -1;
	}
	return 0;
}

size_t http_write_cb(char *data, size_t size, size_t n, void *ctx)
{
	struct http_xfer *x = ctx;
	size_t len = size * n;

	if (x->to_sink) {
		if (http_sink(x, data, len) < 0)
			return 0;
	} else if (buf_add(&x->resp->body, data, len) < 0) {
		x->toobig = 1;
		return 0;
	}
	x->resp->body_bytes += len;
	return len;
}

size_t http_header_cb(char *data, size_t size, size_t n, void *ctx)
{
	struct http_xfer *x = ctx;
	const struct http_req *req = x->req;
	size_t len = size * n;

	if (len >= 5 && !memcmp(data, "HTTP/", 5)) {
		const char *sp = memchr(data, ' ', len);
		buf_reset(&x->resp->headers);
		x->status = sp ? strtol(sp + 1, NULL, 10) : 0;
		x->headers_done = 0;
	}
	if (buf_add(&x->resp->headers, data, len) < 0) {
		x->toobig = 1;
		return 0;
	}
	if ((len == 2 && data[0] == '\r') || (len == 1 && data[0] == '\n')) {
		if (x->status >= 200) {
			x->headers_done = 1;
			x->to_sink = x->status >= 200 && x->status < 300 &&
				     (req->out_file || req->on_line || req->on_data);
		}
	}
	return len;
}

int http_xfer_finish(struct http_xfer *x)
{
	const struct http_req *req = x->req;

	if (!x->to_sink)
		return 0;
	if (req->on_line && !req->out_file && x->line.len) {
		if (req->on_line(req->sink_ctx, buf_cstr(&x->line), x->line.len))
			return err_set("%s: the reader stopped", http_log_url(req->url));
		buf_reset(&x->line);
	}
	if (x->out) {
		FILE *f = x->out;
		x->out = NULL;
		if (fflush(f) || fsync(fileno(f)) < 0) {
			fclose(f);
			return err_set("writing %s: %s", req->out_file, strerror(errno));
		}
		if (fclose(f))
			return err_set("writing %s: %s", req->out_file, strerror(errno));
		if (rename(x->tmp, req->out_file) < 0)
			return err_set("renaming to %s: %s", req->out_file, strerror(errno));
		free(x->tmp);
		x->tmp = NULL;
	}
	return 0;
}

void http_xfer_close(struct http_xfer *x, int rc)
{
	(void)rc;
	if (x->out)
		fclose(x->out);
	x->out = NULL;
	if (x->tmp)
		unlink(x->tmp);
	free(x->tmp);
	x->tmp = NULL;
	if (x->upload)
		fclose(x->upload);
	x->upload = NULL;
	buf_release(&x->line);
}
