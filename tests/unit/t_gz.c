/* t_gz.c - gzip compression in memory: a valid RFC 1952 member and its exact size. */
#include "unit.h"
#include "core/gz.h"
#include "core/buf.h"
#include "core/err.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* CRC-32 (IEEE, reflected), written out so the test does not trust zlib. */
static uint32_t crc32_ieee(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
	}
	return c ^ 0xFFFFFFFFu;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

TEST(gz_member_header_trailer_and_size)
{
	struct buf z = BUF_INIT(1 << 20);
	const char *text = "hello, gzip\n";
	size_t size = 0;
	const unsigned char *u;

	CHECK_INT(gz_compress(&z, text, strlen(text)), 0);
	CHECK(z.len > 18);
	u = (const unsigned char *)z.ptr;
	CHECK(u[0] == 0x1f && u[1] == 0x8b && u[2] == 8); /* magic, deflate */
	CHECK(le32(u + z.len - 4) == strlen(text));        /* ISIZE */
	CHECK(le32(u + z.len - 8) == crc32_ieee((const unsigned char *)text, strlen(text)));
	CHECK_INT(gz_size(text, strlen(text), &size), 0);
	CHECK_INT(size, z.len);
	buf_release(&z);
}

TEST(gz_size_tracks_compressibility)
{
	size_t n = 3 << 20, zeros = 0, noise = 0, i;
	unsigned char *a = calloc(n, 1), *b = malloc(n);
	uint32_t x = 12345;
	struct buf z = BUF_INIT(8 << 20);

	CHECK(a && b);
	for (i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		b[i] = (unsigned char)(x >> 16);
	}
	CHECK_INT(gz_size(a, n, &zeros), 0);
	CHECK_INT(gz_size(b, n, &noise), 0);
	CHECK(zeros < n / 100);       /* several output chunks of zeros collapse */
	CHECK(noise > n - n / 100);   /* noise does not shrink */
	CHECK_INT(gz_compress(&z, b, n), 0);
	CHECK_INT(z.len, noise);      /* the size is that of the real output */
	CHECK(le32((unsigned char *)z.ptr + z.len - 4) == (uint32_t)n);
	CHECK(le32((unsigned char *)z.ptr + z.len - 8) == crc32_ieee(b, n));
	CHECK_INT(gz_size("", 0, &zeros), 0); /* empty input: header + trailer */
	CHECK_INT(zeros, 20);
	buf_release(&z);
	free(a);
	free(b);
}

TEST(gz_compress_respects_buffer_cap)
{
	struct buf z = BUF_INIT(64);
	unsigned char *b = malloc(4096);
	size_t i;

	CHECK(b != NULL);
	for (i = 0; i < 4096; i++)
		b[i] = (unsigned char)(i * 7919 >> 3);
	CHECK_INT(gz_compress(&z, b, 4096), ERR_TOOBIG);
	buf_release(&z);
	free(b);
}
