/* fuzz_scan.c - libFuzzer target: scanner report parsers (Trivy, Grype, OSV, cargo audit, npm audit, SARIF) on arbitrary JSON. */
#include "fuzz.h"

#include "core/err.h"
#include "core/jv.h"
#include "scan/report.h"

/* "Nothing is appended" on error: the list keeps its length. */
static void parse_as(const struct jv *doc, enum scan_format fmt)
{
	struct findings l;
	size_t i;
	int rc;

	memset(&l, 0, sizeof(l));
	rc = scan_parse_doc(doc, "fuzz.json", fmt, &l);
	FUZZ_ASSERT(rc == 0 || (l.n == 0 && err_last()[0]));
	for (i = 0; i < l.n; i++)
		finding_fill_from_cvss(&l.v[i]);
	findings_free(&l);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct jv *doc = NULL;
	int f;

	if (jv_parse(&doc, (const char *)data, size, 1u << 20, "fuzz.json"))
		return 0;
	for (f = SCAN_FMT_AUTO; f <= SCAN_FMT_SARIF; f++)
		parse_as(doc, (enum scan_format)f);
	jv_free(doc);
	return 0;
}
