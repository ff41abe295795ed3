/* t_jv_read.c - the strict JSON reader behind jv_parse: grammar, UTF-8, escapes, limits. */
#include "unit.h"
#include "core/err.h"
#include "core/jv.h"

#include <stdlib.h>

static int parse(const char *s, struct jv **out)
{
	return jv_parse(out, s, strlen(s), 1 << 20, "t.json");
}

static void rejects(const char *s, const char *why)
{
	struct jv *v = NULL;

	if (parse(s, &v) != ERR_INVALID)
		unit_fail(__FILE__, __LINE__, "accepted %s", s);
	else if (!strstr(err_last(), why))
		unit_fail(__FILE__, __LINE__, "%s: message '%s' lacks '%s'", s, err_last(), why);
	jv_free(v);
}

TEST(jv_read_accepts_rfc8259)
{
	struct jv *v;
	long long n;

	CHECK_INT(parse(" {\"a\": [1, -2.5e3, true, false, null, \"x\\ty\"], \"b\": {}} ", &v), 0);
	CHECK_INT(jv_len(jv_get(v, "a")), 6);
	CHECK_INT(jv_int(jv_at(jv_get(v, "a"), 0), &n), 0);
	CHECK_INT(n, 1);
	CHECK(jv_num(jv_at(jv_get(v, "a"), 1), 0) == -2500.0);
	CHECK_STR(jv_str(jv_at(jv_get(v, "a"), 5)), "x\ty");
	CHECK_INT(jv_type(jv_get(v, "b")), JV_OBJ);
	jv_free(v);
	CHECK_INT(parse("\"top\"", &v), 0);
	CHECK_STR(jv_str(v), "top");
	jv_free(v);
	CHECK_INT(parse("9223372036854775807", &v), 0);
	jv_free(v);
}

TEST(jv_read_unicode_escapes_and_utf8)
{
	struct jv *v;

	/* é as an escape, a surrogate pair (U+1F600) and raw UTF-8 */
	CHECK_INT(parse("[\"\\u00e9\", \"\\ud83d\\ude00\", \"\xc3\xa9\xf0\x9f\x98\x80\"]", &v), 0);
	CHECK_STR(jv_str(jv_at(v, 0)), "\xc3\xa9");
	CHECK_STR(jv_str(jv_at(v, 1)), "\xf0\x9f\x98\x80");
	CHECK_STR(jv_str(jv_at(v, 2)), "\xc3\xa9\xf0\x9f\x98\x80");
	jv_free(v);
	/* an escaped key followed by an escaped value (scratch reuse) */
	CHECK_INT(parse("{\"k\\n1\": \"v\\n2\", \"k2\": \"\\\"\"}", &v), 0);
	CHECK_STR(jv_get_str(v, "k\n1"), "v\n2");
	CHECK_STR(jv_get_str(v, "k2"), "\"");
	jv_free(v);
}

TEST(jv_read_rejects_bad_input_with_position)
{
	rejects("{\"a\":1,}", "line 1, column 8: string or");
	rejects("[1,2", "']' or ',' expected");
	rejects("{\"a\":1,\"a\":2}", "duplicate object key");
	rejects("\"\\u0000\"", "\\u0000");
	rejects("\"\\ud800\"", "surrogate");
	rejects("\"\\udc00\"", "surrogate");
	rejects("\"\xc0\xaf\"", "invalid UTF-8");         /* overlong '/' */
	rejects("\"\xed\xa0\x80\"", "invalid UTF-8");     /* encoded surrogate */
	rejects("\"\xf4\x90\x80\x80\"", "invalid UTF-8"); /* past U+10FFFF */
	rejects("\"a\tb\"", "control character");
	rejects("01", "end of file expected");
	rejects("1.", "invalid number");
	rejects("-", "invalid number");
	rejects("99999999999999999999", "too big integer");
	rejects("1e999", "overflow");
	rejects("[tru]", "invalid token");
	rejects("{} x", "end of file expected");
	rejects("", "premature end");
	rejects("\"abc", "premature end");
	rejects("[1]\n[", "line 2, column 1");
}

TEST(jv_read_depth_limit)
{
	char *deep = malloc(5000);
	struct jv *v = NULL;
	int i;

	for (i = 0; i < 2500; i++)
		deep[i] = '[';
	for (i = 0; i < 2500; i++)
		deep[2500 + i] = ']';
	CHECK_INT(jv_parse(&v, deep, 5000, 1 << 20, "deep"), ERR_INVALID);
	CHECK(strstr(err_last(), "depth") != NULL);
	CHECK_INT(jv_parse(&v, deep + 500, 4000, 1 << 20, "ok"), 0);
	jv_free(v);
	free(deep);
}
