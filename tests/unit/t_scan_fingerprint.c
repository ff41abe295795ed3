/* t_scan_fingerprint.c - primaryLocationLineHash against codeql-action's test vectors. */
#include "unit.h"
#include "scan/fingerprint.h"

#include <stdio.h>
#include <string.h>

struct expect {
	const char *const *want;
	size_t n, seen;
	int bad;
};

static void collect(size_t line, const char *hash, void *ctx)
{
	struct expect *e = ctx;

	if (line != e->seen + 1 || e->seen >= e->n || strcmp(hash, e->want[e->seen])) {
		unit_fail(__FILE__, __LINE__, "line %zu: hash %s, want line %zu %s", line,
			  hash, e->seen + 1, e->seen < e->n ? e->want[e->seen] : "(none)");
		e->bad = 1;
	}
	e->seen++;
}

static void check_hashes(const char *text, const char *const *want, size_t n)
{
	struct expect e = { want, n, 0, 0 };

	fingerprint_lines(text, strlen(text), collect, &e);
	CHECK_INT(e.seen, n);
}

/* Vectors from github/codeql-action src/fingerprints.test.ts ("hash"). */
TEST(scan_fingerprint_codeql_vectors)
{
	static const char *const empty[] = { "c129715d7a2bc9a3:1" };
	static const char *const abcd[] = {
		"271789c17abda88f:1", "54703d4cd895b18:1", "180aee12dab6264:1",
		"a23a3dc5e078b07b:1",
	};
	static const char *const hello[] = {
		"8b7cf3e952e7aeb2:1", "b1ae1287ec4718d9:1", "bff680108adb0fcc:1",
		"c6805c5e1288b612:1", "b86d3392aea1be30:1", "e6ceba753e1a442:1",
	};
	static const char *const hello_nl[] = {
		"e9496ae3ebfced30:1", "fb7c023a8b9ccb3f:1", "ce8ba1a563dcdaca:1",
		"e20e36e16fcb0cc8:1", "b3edc88f2938467e:1", "c8e28b0b4002a3a0:1",
		"c129715d7a2bc9a3:1",
	};
	static const char *const lorem[] = {
		"a7f2ff13bc495cf2:1", "a7f2ff13bc495cf2:2", "a7f2ff13bc495cf2:3",
		"a7f2ff13bc495cf2:4", "a7f2ff13bc495cf2:5", "a7f2ff13bc495cf2:6",
		"a7f2ff1481e87703:1", "a9cf91f7bbf1862b:1", "55ec222b86bcae53:1",
		"cc97dc7b1d7d8f7b:1", "c129715d7a2bc9a3:1",
	};
	char buf[400];
	char h[40];
	int i;

	check_hashes("", empty, 1);
	check_hashes(" a\nb\n  \t\tc\n d", abcd, 4);
	check_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", hello, 6);
	check_hashes(" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", hello_nl, 7);
	check_hashes(" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", hello_nl, 7);
	check_hashes(" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", hello_nl, 7);
	check_hashes(" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", hello_nl, 7);
	for (i = 0; i < 10; i++)
		memcpy(buf + i * 28, "Lorem ipsum dolor sit amet.\n", 28);
	buf[280] = 0;
	check_hashes(buf, lorem, 11);

	CHECK(fingerprint_line(" a\nb\n  \t\tc\n d", 13, 3, h) == 0);
	CHECK_STR(h, "180aee12dab6264:1");
	CHECK(fingerprint_line("x\n", 2, 9, h) < 0);
}
