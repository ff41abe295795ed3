/* rand.h - cryptographically strong random bytes (mbedTLS CTR-DRBG). */
#ifndef SHIP_RAND_H
#define SHIP_RAND_H

#include <stddef.h>

/* Fills out with n random bytes. 0 or -1 (err_set). */
int rand_bytes(void *out, size_t n);
/* Writes 2*n lowercase hex digits of n random bytes and a NUL to out,
 * which must hold 2*n+1 bytes. */
int rand_hex(char *out, size_t n);
/* A random (version 4) UUID as 36 chars + NUL in out[37]. */
int rand_uuid(char out[37]);

#endif
