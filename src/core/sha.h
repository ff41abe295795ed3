/* sha.h - SHA-256 of memory and files (mbedTLS), as raw bytes or hex. */
#ifndef SHIP_SHA_H
#define SHIP_SHA_H

#include <stddef.h>

#define SHA256_LEN 32
#define SHA256_HEX (SHA256_LEN * 2 + 1)

/* Incremental hashing for streams (uploads, downloads). */
struct sha256 {
	unsigned char ctx[128]; /* mbedtls_sha256_context, opaque here */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* Writes the lowercase hex digest (64 chars + NUL) and frees the state. */
void sha256_final_hex(struct sha256 *s, char hex[SHA256_HEX]);

void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX]);
/* Hashes a file in chunks (any size). 0, or ERR_NOTFOUND/ERR_FAIL naming
 * the path. */
int sha256_file_hex(const char *path, char hex[SHA256_HEX]);

#endif
