/* rand.c - random bytes from mbedTLS's CTR-DRBG seeded by the OS entropy source. */
#include "rand.h"
#include "err.h"

#include <pthread.h>
#include <stdio.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

static mbedtls_entropy_context rand_entropy;
static mbedtls_ctr_drbg_context rand_drbg;
static pthread_once_t rand_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t rand_lock = PTHREAD_MUTEX_INITIALIZER;
static int rand_seed_rc;

static void rand_init(void)
{
	static const unsigned char pers[] = "ship-rand";

	mbedtls_entropy_init(&rand_entropy);
	mbedtls_ctr_drbg_init(&rand_drbg);
	rand_seed_rc = mbedtls_ctr_drbg_seed(&rand_drbg, mbedtls_entropy_func,
					     &rand_entropy, pers, sizeof(pers) - 1);
}

int rand_bytes(void *out, size_t n)
{
	unsigned char *p = out;
	int rc = 0;

	pthread_once(&rand_once, rand_init);
	if (rand_seed_rc)
		return err_set("random: seeding failed (mbedTLS -0x%04x)", -rand_seed_rc);
	pthread_mutex_lock(&rand_lock);
	/* The DRBG hands out at most MBEDTLS_CTR_DRBG_MAX_REQUEST per call. */
	while (n && !rc) {
		size_t k = n > MBEDTLS_CTR_DRBG_MAX_REQUEST ? MBEDTLS_CTR_DRBG_MAX_REQUEST : n;
		rc = mbedtls_ctr_drbg_random(&rand_drbg, p, k);
		p += k;
		n -= k;
	}
	pthread_mutex_unlock(&rand_lock);
	return rc ? err_set("random: mbedTLS -0x%04x", -rc) : 0;
}

int rand_hex(char *out, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[64];
	size_t i, k, o = 0;

	while (n) {
		k = n > sizeof(b) ? sizeof(b) : n;
		if (rand_bytes(b, k))
			return -1;
		for (i = 0; i < k; i++) {
			out[o++] = hex[b[i] >> 4];
			out[o++] = hex[b[i] & 15];
		}
		n -= k;
	}
	out[o] = '\0';
	return 0;
}

int rand_uuid(char out[37])
{
	unsigned char b[16];

	if (rand_bytes(b, sizeof(b)))
		return -1;
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9],
		 b[10], b[11], b[12], b[13], b[14], b[15]);
	return 0;
}
