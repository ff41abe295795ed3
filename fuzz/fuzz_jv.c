/* fuzz_jv.c - libFuzzer target: the JSON parser (jv_parse) on arbitrary bytes. */
#include "fuzz.h"

#include "core/err.h"
#include "core/jv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jv *v = NULL;
	int rc = jv_parse(&v, (const char *)data, size, 1u << 20, "fuzz.json");

	/* either a document or an error with a message, never both */
	FUZZ_ASSERT(rc == 0 ? v != NULL : (v == NULL && err_last()[0]));
	jv_free(v);
	return 0;
}
