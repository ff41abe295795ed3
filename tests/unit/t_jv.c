/* t_jv.c - unit tests for the JSON wrapper (jv.c over jansson). */
#include "unit.h"
#include "core/jv.h"
#include "core/err.h"

#include <stdio.h>
#include <string.h>

static struct jv *parse_ok(const char *s)
{
	struct jv *v = NULL;

	if (jv_parse(&v, s, strlen(s), 1 << 20, "t.json"))
		unit_fail(__FILE__, __LINE__, "parse failed: %s", err_last());
	return v;
}

TEST(jv_parse_reads_values)
{
	struct jv *v = parse_ok("{\"a\": [1, 2.5, \"x\", true, null], \"b\": {\"c\": \"d\"}}");
	long long n = 0;

	CHECK_INT(jv_type(v), JV_OBJ);
	CHECK_INT(jv_len(jv_get(v, "a")), 5);
	CHECK_INT(jv_int(jv_at(jv_get(v, "a"), 0), &n), 0);
	CHECK_INT(n, 1);
	CHECK(jv_int(jv_at(jv_get(v, "a"), 1), &n) == ERR_INVALID);
	CHECK(jv_num(jv_at(jv_get(v, "a"), 1), 0) == 2.5);
	CHECK_STR(jv_str(jv_at(jv_get(v, "a"), 2)), "x");
	CHECK_INT(jv_bool(jv_at(jv_get(v, "a"), 3), 0), 1);
	CHECK_INT(jv_type(jv_at(jv_get(v, "a"), 4)), JV_NULL);
	CHECK_STR(jv_str(jv_get(jv_get(v, "b"), "c")), "d");
	/* absent values chain safely */
	CHECK(jv_str(jv_get(jv_get(v, "zz"), "c")) == NULL);
	CHECK_INT(jv_type(jv_get(v, "zz")), JV_NONE);
	CHECK_INT(jv_bool(NULL, 7), 7);
	jv_free(v);
}

TEST(jv_int_accepts_integral_reals)
{
	struct jv *v = parse_ok("[3.0, 1e300, -2]");
	long long n = 0;

	CHECK_INT(jv_int(jv_at(v, 0), &n), 0);
	CHECK_INT(n, 3);
	CHECK(jv_int(jv_at(v, 1), &n) == ERR_INVALID);
	CHECK_INT(jv_int(jv_at(v, 2), &n), 0);
	CHECK_INT(n, -2);
	jv_free(v);
}

TEST(jv_parse_errors_have_positions)
{
	struct jv *v = NULL;
	const char *bad = "{\n  \"a\": 1,\n  \"b\": ]\n}";

	CHECK_INT(jv_parse(&v, bad, strlen(bad), 1000, "in.json"), ERR_INVALID);
	CHECK(v == NULL);
	CHECK(strstr(err_last(), "in.json: line 3, column") != NULL);
}

TEST(jv_parse_rejects_dups_nul_utf8_size)
{
	struct jv *v = NULL;

	CHECK_INT(jv_parse(&v, "{\"a\":1,\"a\":2}", 13, 100, "d"), ERR_INVALID);
	CHECK(strstr(err_last(), "duplicate") != NULL);
	CHECK_INT(jv_parse(&v, "{\"a\":\0}", 7, 100, "n"), ERR_INVALID);
	CHECK_STR(err_last(), "n: line 1, column 6: NUL byte");
	CHECK_INT(jv_parse(&v, "\"\xff\"", 3, 100, "u"), ERR_INVALID);
	CHECK_INT(jv_parse(&v, "\"\\u0000\"", 8, 100, "e"), ERR_INVALID);
	CHECK_INT(jv_parse(&v, "[1,2,3]", 7, 6, "big"), ERR_TOOBIG);
	CHECK(strstr(err_last(), "big:") == err_last());
	CHECK_INT(jv_parse(&v, "[1,2", 4, 100, "t"), ERR_INVALID);
	CHECK(v == NULL);
}

TEST(jv_parse_limits_depth)
{
	char deep[5001];
	struct jv *v = NULL;

	memset(deep, '[', 5000);
	deep[5000] = 0;
	CHECK_INT(jv_parse(&v, deep, 5000, 10000, "deep"), ERR_INVALID);
	CHECK(v == NULL);
}

TEST(jv_build_and_dump_keep_order)
{
	struct jv *o = jv_new_obj(), *a = jv_new_arr();
	struct buf b = BUF_INIT(1 << 16);

	CHECK_INT(jv_set_str(o, "z", "last?"), 0);
	CHECK_INT(jv_set_int(o, "a", 42), 0);
	CHECK_INT(jv_push(a, jv_new_bool(1)), 0);
	CHECK_INT(jv_push(a, jv_new_null()), 0);
	CHECK_INT(jv_set(o, "arr", a), 0);
	CHECK_INT(jv_set_str(o, "n", NULL), 0);
	CHECK_INT(jv_dump(&b, o, 0), 0);
	CHECK_STR(buf_cstr(&b), "{\"z\":\"last?\",\"a\":42,\"arr\":[true,null],\"n\":null}");
	buf_reset(&b);
	CHECK_INT(jv_del(o, "arr"), 0);
	CHECK_INT(jv_del(o, "arr"), ERR_NOTFOUND);
	CHECK_INT(jv_dump(&b, o, JV_PRETTY), 0);
	CHECK_STR(buf_cstr(&b), "{\n  \"z\": \"last?\",\n  \"a\": 42,\n  \"n\": null\n}");
	buf_release(&b);
	jv_free(o);
}

TEST(jv_iter_in_document_order)
{
	struct jv *v = parse_ok("{\"b\":1,\"a\":2,\"c\":3}"), *val;
	void *it = NULL;
	const char *k;
	char keys[8] = "";
	size_t n = 0;

	while ((k = jv_iter(v, &it, &val)) && n < 7)
		keys[n++] = k[0];
	keys[n] = 0;
	CHECK_STR(keys, "bac");
	jv_free(v);
}

TEST(jv_lossy_strings_replace_bad_bytes)
{
	struct jv *s = jv_new_str_lossy("a\xffz\0q\xed\xa0\x80", 8);
	struct jv *t = jv_new_strn("ok\xc3\xa9", 4);
	struct buf b = BUF_INIT(1024);

	CHECK_STR(jv_str(s), "a\xef\xbf\xbdz\xef\xbf\xbdq\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_STR(jv_str(t), "ok\xc3\xa9");
	CHECK_INT(jv_strlen(t), 4);
	CHECK_INT(jv_dump(&b, t, JV_ASCII), 0);
	CHECK_STR(buf_cstr(&b), "\"ok\\u00E9\"");
	buf_release(&b);
	jv_free(s);
	jv_free(t);
}

TEST(jv_set_steals_on_failure)
{
	/* jv_set with a NULL object must still free val (ASan checks leaks). */
	CHECK(jv_set(NULL, "k", jv_new_str("leak?")) < 0);
	CHECK(jv_push(NULL, jv_new_int(1)) < 0);
}

TEST(jv_dump_respects_buffer_cap)
{
	struct jv *v = jv_new_str("0123456789");
	struct buf b = BUF_INIT(5);

	CHECK_INT(jv_dump(&b, v, 0), ERR_TOOBIG);
	buf_release(&b);
	jv_free(v);
}

TEST(jv_parse_file_names_path)
{
	struct jv *v = NULL;
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/x.json", unit_tmpdir());
	CHECK(jv_parse_file(&v, path, 100) < 0);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("{\"k\": [1,\n 2,,]}", f);
	fclose(f);
	CHECK_INT(jv_parse_file(&v, path, 100), ERR_INVALID);
	CHECK(strstr(err_last(), path) == err_last());
	CHECK(strstr(err_last(), "line 2") != NULL);
}
