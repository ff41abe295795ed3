/* fuzz.h - helpers shared by the libFuzzer targets (property checks that abort). */
#ifndef SHIP_FUZZ_H
#define SHIP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A failed property: libFuzzer saves the input as a crash. */
#define FUZZ_ASSERT(c) \
	do { \
		if (!(c)) { \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, \
			        __LINE__, #c); \
			abort(); \
		} \
	} while (0)

/* A NUL-terminated copy of data[0..len) (caller frees). */
static inline char *fuzz_cstr(const uint8_t *data, size_t len)
{
	char *s = malloc(len + 1);

	if (!s)
		abort();
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
