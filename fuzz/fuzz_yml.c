/* fuzz_yml.c - libFuzzer target: the YAML parser (yml_parse) on arbitrary bytes. */
#include "fuzz.h"

#include "core/err.h"
#include "core/yml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct yml_doc *d = NULL;
	int rc = yml_parse(&d, (const char *)data, size, 1u << 20, "fuzz.yml");

	FUZZ_ASSERT(rc == 0 ? d != NULL : err_last()[0] != '\0');
	yml_free(d);
	return 0;
}
