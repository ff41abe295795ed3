/* fuzz_cvss.c - libFuzzer target: CVSS v3.x/v4.0 vector parsing and scoring. */
#include "fuzz.h"

#include "core/err.h"
#include "scan/cvss.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *v = fuzz_cstr(data, size);
	double s = -1;
	int rc;

	rc = cvss_score(v, &s);
	FUZZ_ASSERT(rc != 0 || (s >= 0.0 && s <= 10.0));
	s = -1;
	rc = cvss3_score(v, &s);
	FUZZ_ASSERT(rc != 0 || (s >= 0.0 && s <= 10.0));
	s = -1;
	rc = cvss4_score(v, &s);
	FUZZ_ASSERT(rc != 0 || (s >= 0.0 && s <= 10.0));
	free(v);
	return 0;
}
