/* gz.c - gzip compression of a buffer in memory through zlib. */
#include "gz.h"
#include "err.h"

#include <string.h>
#include <zlib.h>

#define GZ_CHUNK 65536
#define GZ_WBITS (15 + 16) /* 32 KiB window, gzip header and trailer */

/* Feeds data through deflate; sink(chunk, n, ctx) gets every output piece. */
static int gz_run(const void *data, size_t len,
		  int (*sink)(const unsigned char *, size_t, void *), void *ctx)
{
	unsigned char chunk[GZ_CHUNK];
	const unsigned char *p = data;
	z_stream z;
	int zrc, rc = 0, flush;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, GZ_WBITS, 8,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return err_set("gzip: cannot start zlib (out of memory)");
	do {
		size_t take = len > (1u << 30) ? (1u << 30) : len;

		z.next_in = (unsigned char *)p;
		z.avail_in = (uInt)take;
		p += take;
		len -= take;
		flush = len ? Z_NO_FLUSH : Z_FINISH;
		do {
			z.next_out = chunk;
			z.avail_out = sizeof(chunk);
			zrc = deflate(&z, flush);
			if (zrc == Z_STREAM_ERROR) {
				rc = err_set("gzip: zlib stream error");
				goto done;
			}
			if ((rc = sink(chunk, sizeof(chunk) - z.avail_out, ctx)))
				goto done;
		} while (z.avail_out == 0);
	} while (flush != Z_FINISH);
	if (zrc != Z_STREAM_END)
		rc = err_set("gzip: zlib did not finish the stream");
done:
	deflateEnd(&z);
	return rc;
}

static int count(const unsigned char *chunk, size_t n, void *ctx)
{
	(void)chunk;
	*(size_t *)ctx += n;
	return 0;
}

static int append(const unsigned char *chunk, size_t n, void *ctx)
{
	if (buf_add(ctx, chunk, n))
		return err_setc(ERR_TOOBIG, "gzip: output over its size cap");
	return 0;
}

int gz_size(const void *data, size_t len, size_t *out)
{
	*out = 0;
	return gz_run(data, len, count, out);
}

int gz_compress(struct buf *out, const void *data, size_t len)
{
	return gz_run(data, len, append, out);
}
