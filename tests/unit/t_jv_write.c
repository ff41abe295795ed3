/* t_jv_write.c - jv_dump's own writer gives byte-for-byte jansson's output. */
#include "unit.h"
#include "core/jv.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

/* jansson's serialisation of v with flags (reference), caller frees. */
static char *reference(const struct jv *v, size_t flags)
{
	return json_dumps((const json_t *)v, flags | JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
}

/* json_dumps allocates with jansson's allocator (ship installs its own). */
static void jansson_free(void *p)
{
	json_malloc_t m;
	json_free_t f;

	json_get_alloc_funcs(&m, &f);
	f(p);
}

static void same_as_jansson(const struct jv *v, const char *what)
{
	static const struct { int ours; size_t theirs; } modes[] = {
		{ 0, JSON_COMPACT },
		{ JV_PRETTY, JSON_INDENT(2) },
		{ JV_ASCII, JSON_COMPACT | JSON_ENSURE_ASCII },
		{ JV_PRETTY | JV_ASCII, JSON_INDENT(2) | JSON_ENSURE_ASCII },
	};
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		struct buf b = BUF_INIT(1u << 28);
		char *ref = reference(v, modes[i].theirs);
		CHECK_INT(jv_dump(&b, v, modes[i].ours), 0);
		if (!ref || strcmp(ref, buf_cstr(&b)))
			unit_fail(__FILE__, __LINE__, "%s: mode %zu differs from jansson", what, i);
		jansson_free(ref);
		buf_release(&b);
	}
}

TEST(jv_write_matches_jansson_on_edge_values)
{
	static const char *docs[] = {
		"{}", "[]", "[{}, [], \"\", 0, -1, 1.5, 1e300, 2.0, -0.0, true, false, null]",
		"{\"a\\u0001\\u001f\\\"\\\\/\\b\\f\\n\\r\\t\": \"\\u00e9\\u4e2d\\ud83d\\ude00\"}",
		"{\"nested\": {\"deeper\": [[[1]], {\"x\": []}]}, \"after\": 9223372036854775807}",
		"[0.1, 100000000000000000000.0, 1.7976931348623157e308, 5e-324, 123456789.125]",
	};
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct jv *v;
		CHECK_INT(jv_parse(&v, docs[i], strlen(docs[i]), 1 << 20, "doc"), 0);
		same_as_jansson(v, docs[i]);
		jv_free(v);
	}
}

TEST(jv_write_matches_jansson_on_real_reports)
{
	const char *dirs[] = { UNIT_SHARED "/fixtures/scanners/trivy", UNIT_SHARED "/fixtures/scanners/grype",
			       UNIT_SHARED "/fixtures/scanners/osv-scanner" };
	char path[1024];
	size_t d, files = 0;

	for (d = 0; d < 3; d++) {
		DIR *dir = opendir(dirs[d]);
		struct dirent *e;
		CHECK(dir != NULL);
		while (dir && (e = readdir(dir))) {
			struct jv *v;
			size_t n = strlen(e->d_name);
			if (n < 6 || strcmp(e->d_name + n - 5, ".json"))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dirs[d], e->d_name);
			if (jv_parse_file(&v, path, 1u << 28))
				continue; /* not every fixture is one JSON document */
			same_as_jansson(v, path);
			jv_free(v);
			files++;
		}
		if (dir)
			closedir(dir);
	}
	CHECK(files >= 10);
}
