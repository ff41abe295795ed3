/* copy.h - an inline copy for the short strings of log lines (musl's memcpy starts a "rep movs" per call). */
#ifndef SHIP_HEAL_COPY_H
#define SHIP_HEAL_COPY_H

#include <stddef.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* memcpy for the short strings of a log line, inline: musl's memcpy
 * starts a "rep movs" per call, which showed in profiles. */
static inline void copy_bytes(char *d, const char *s, size_t n)
{
#ifdef __SSE2__
	if (n >= 16) {
		size_t i;

		for (i = 0; i + 16 <= n; i += 16)
			_mm_storeu_si128((__m128i *)(void *)(d + i),
			                 _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
		if (i < n)
			_mm_storeu_si128((__m128i *)(void *)(d + n - 16),
			                 _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16)));
		return;
	}
#endif
	if (n >= 8) {
		unsigned long long a, b;

#ifndef __SSE2__
		/* without SSE2 this path takes n > 16 too: 8-byte words up to
		 * the last 16 bytes (it copied only the first and last 8) */
		for (; n > 16; n -= 8, d += 8, s += 8) {
			memcpy(&a, s, 8);
			memcpy(d, &a, 8);
		}
#endif
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + n - 8, &b, 8);
		return;
	}
	if (n >= 4) {
		unsigned a, b;

		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		memcpy(d, &a, 4);
		memcpy(d + n - 4, &b, 4);
		return;
	}
	while (n--)
		*d++ = *s++;
}

#endif
