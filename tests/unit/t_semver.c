/* t_semver.c - unit tests of SemVer 2.0.0 parsing, precedence and bumps. */
#include "unit.h"
#include "core/err.h"
#include "publish/semver.h"

#include <stdio.h>

TEST(semver_parses_valid_versions)
{
	static const char *const ok[] = {
		"0.0.0", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.1.2+meta",
		"1.1.2+meta-valid", "1.0.0-alpha", "1.0.0-beta", "1.0.0-alpha.beta",
		"1.0.0-alpha.beta.1", "1.0.0-alpha.1", "1.0.0-alpha0.valid",
		"1.0.0-alpha.0valid", "1.0.0-rc.1+build.1", "2.0.0-rc.1+build.123",
		"1.2.3-beta", "10.2.3-DEV-SNAPSHOT", "1.2.3-SNAPSHOT-123",
		"2.0.0+build.1848", "2.0.1-alpha.1227", "1.0.0-alpha+beta",
		"1.2.3----RC-SNAPSHOT.12.9.1--.12+788", "1.2.3----R-S.12.9.1--.12+meta",
		"1.0.0+0.build.1-rc.10000aaa-kk-0.1", "1.0.0-0A.is.legal",
		"18446744073709551615.0.0",
	};
	struct semver v;
	char out[SEMVER_MAX_TEXT];
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		if (semver_parse_str(&v, ok[i])) {
			unit_fail(__FILE__, __LINE__, "%s: %s", ok[i], err_last());
			continue;
		}
		semver_str(&v, out);
		CHECK_STR(out, ok[i]);
	}
	CHECK(!semver_parse_str(&v, "1.1.2-prerelease+meta"));
	CHECK_STR(v.pre, "prerelease");
	CHECK_STR(v.build, "meta");
	CHECK_INT(v.patch, 2);
}

TEST(semver_rejects_invalid_versions)
{
	static const char *const bad[] = {
		"1", "1.2", "1.2.3-0123", "1.2.3-0123.0123", "1.1.2+.123", "+invalid",
		"-invalid", "-invalid+invalid", "-invalid.01", "alpha", "alpha.beta",
		"alpha.beta.1", "1.0.0-alpha_beta", "1.0.0-alpha..", "1.0.0-alpha..1",
		"01.1.1", "1.01.1", "1.1.01", "1.2.3.DEV", "1.2-SNAPSHOT",
		"1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788", "+justmeta",
		"9.8.7+meta+meta", "9.8.7-whatever+meta+meta", "v1.2.3", " 1.2.3",
		"1.2.3 ", "1.2.3-", "1.2.3+", "18446744073709551616.0.0", "",
	};
	struct semver v;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (semver_parse_str(&v, bad[i]) != ERR_INVALID)
			unit_fail(__FILE__, __LINE__, "accepted \"%s\"", bad[i]);
}

TEST(semver_errors_name_the_column)
{
	struct semver v;

	CHECK_INT(semver_parse_str(&v, "1.02.3"), ERR_INVALID);
	CHECK_STR(err_last(), "version \"1.02.3\": column 3: leading zero in a number");
	CHECK_INT(semver_parse_str(&v, "1.2.3-a..b"), ERR_INVALID);
	CHECK_STR(err_last(), "version \"1.2.3-a..b\": column 9: empty identifier");
	CHECK_INT(semver_parse(&v, "1.2.3\0x", 7), ERR_INVALID);
	CHECK_STR(err_last(), "version \"1.2.3?x\": column 6: unexpected character after the version");
}

TEST(semver_caps_length)
{
	char s[700];
	struct semver v;

	memset(s, 'a', sizeof(s));
	memcpy(s, "1.0.0-", 6);
	CHECK_INT(semver_parse(&v, s, sizeof(s)), ERR_TOOBIG);
	CHECK_INT(semver_parse(&v, s, 6 + SEMVER_MAX_EXTRA + 1), ERR_INVALID);
	CHECK_INT(semver_parse(&v, s, 6 + SEMVER_MAX_EXTRA), 0);
}

static int cmp(const char *a, const char *b)
{
	struct semver x, y;

	if (semver_parse_str(&x, a) || semver_parse_str(&y, b)) {
		unit_fail(__FILE__, __LINE__, "parse %s / %s: %s", a, b, err_last());
		return 99;
	}
	return semver_cmp(&x, &y);
}

TEST(semver_precedence_follows_spec_item_11)
{
	static const char *const chain[] = {
		"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
		"1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1",
		"1.1.0", "2.0.0", "2.1.0", "2.1.1", "10.0.0",
	};
	size_t i, j;

	for (i = 0; i < sizeof(chain) / sizeof(chain[0]); i++)
		for (j = 0; j < sizeof(chain) / sizeof(chain[0]); j++) {
			int want = i < j ? -1 : i > j, got = cmp(chain[i], chain[j]);

			if (got != want)
				unit_fail(__FILE__, __LINE__, "%s vs %s: %d, want %d",
					  chain[i], chain[j], got, want);
		}
	CHECK_INT(cmp("1.0.0+a", "1.0.0+b"), 0);
	CHECK_INT(cmp("3.0.0", "2.7.2+asdf"), 1);
	CHECK_INT(cmp("1.0.0-rc.1", "1.0.0-rc.1.0"), -1);
	CHECK_INT(cmp("1.0.0-1", "1.0.0-a"), -1);
	CHECK_INT(cmp("1.0.0-9", "1.0.0-10"), -1);
	CHECK_INT(cmp("1.0.0-Z", "1.0.0-a"), -1); /* ASCII order */
	CHECK_INT(cmp("1.0.0-a-b", "1.0.0-a"), 1);
}

TEST(semver_bumps_and_clears_the_rest)
{
	struct semver v;
	char out[SEMVER_MAX_TEXT];

	CHECK(!semver_parse_str(&v, "1.2.3-rc.1+b5"));
	CHECK(!semver_bump(&v, SEMVER_PATCH));
	semver_str(&v, out);
	CHECK_STR(out, "1.2.4");
	CHECK(!semver_bump(&v, SEMVER_MINOR));
	semver_str(&v, out);
	CHECK_STR(out, "1.3.0");
	CHECK(!semver_bump(&v, SEMVER_MAJOR));
	semver_str(&v, out);
	CHECK_STR(out, "2.0.0");
	CHECK(!semver_set_pre(&v, "rc.1"));
	semver_str(&v, out);
	CHECK_STR(out, "2.0.0-rc.1");
	CHECK_INT(semver_set_pre(&v, "rc.01"), ERR_INVALID);
	CHECK(!semver_parse_str(&v, "18446744073709551615.0.0"));
	CHECK_INT(semver_bump(&v, SEMVER_MAJOR), ERR_INVALID);
}
