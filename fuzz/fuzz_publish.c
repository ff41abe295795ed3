/* fuzz_publish.c - libFuzzer target: semantic version and conventional commit parsers. */
#include "fuzz.h"

#include "core/buf.h"
#include "core/err.h"
#include "publish/conventional.h"
#include "publish/semver.h"

/* A version that parses formats back to text that parses to the same. */
static void version(const char *s, size_t n)
{
	struct semver v, w;
	char text[SEMVER_MAX_TEXT];

	if (semver_parse(&v, s, n))
		return;
	FUZZ_ASSERT(semver_valid(s, n));
	semver_str(&v, text);
	FUZZ_ASSERT(semver_parse_str(&w, text) == 0);
	FUZZ_ASSERT(semver_cmp(&v, &w) == 0);
	if (semver_bump(&w, SEMVER_PATCH) == 0)
		FUZZ_ASSERT(semver_cmp(&v, &w) < 0);
}

static void commit(const char *s, size_t n)
{
	struct cc_commit c;
	size_t i;

	memset(&c, 0, sizeof(c));
	if (cc_parse(&c, s, n, "commit fuzz"))
		return;
	FUZZ_ASSERT(c.type && c.subject);
	FUZZ_ASSERT(!c.breaking || c.breaking_text);
	for (i = 0; i < c.nfooters; i++)
		FUZZ_ASSERT(c.footers != NULL);
	cc_release(&c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	version((const char *)data, size);
	commit((const char *)data, size);
	return 0;
}
