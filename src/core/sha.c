/* sha.c - SHA-256 through mbedTLS, streamed for files of any size. */
#include "sha.h"
#include "err.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <mbedtls/sha256.h>

/* The public struct reserves room for the mbedTLS context. */
_Static_assert(sizeof(mbedtls_sha256_context) <= sizeof(((struct sha256 *)0)->ctx),
	       "struct sha256 too small for mbedtls_sha256_context");

#define CTX(s) ((mbedtls_sha256_context *)(void *)(s)->ctx)

void sha256_init(struct sha256 *s)
{
	mbedtls_sha256_init(CTX(s));
	mbedtls_sha256_starts(CTX(s), 0);
}

void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	mbedtls_sha256_update(CTX(s), data, len);
}

void sha256_final_hex(struct sha256 *s, char hex[SHA256_HEX])
{
	static const char digits[] = "0123456789abcdef";
	unsigned char d[SHA256_LEN];
	int i;

	mbedtls_sha256_finish(CTX(s), d);
	mbedtls_sha256_free(CTX(s));
	for (i = 0; i < SHA256_LEN; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[SHA256_HEX - 1] = '\0';
}

void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX])
{
	struct sha256 s;

	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final_hex(&s, hex);
}

int sha256_file_hex(const char *path, char hex[SHA256_HEX])
{
	unsigned char chunk[1 << 16];
	struct sha256 s;
	ssize_t n;
	int fd, rc = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_setc(errno == ENOENT ? ERR_NOTFOUND : ERR_FAIL, "%s: %s",
				path, strerror(errno));
	sha256_init(&s);
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = err_set("%s: %s", path, strerror(errno));
			break;
		}
		sha256_update(&s, chunk, (size_t)n);
	}
	close(fd);
	sha256_final_hex(&s, hex); /* also frees the state on the error path */
	return rc;
}
