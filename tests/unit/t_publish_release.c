/* t_publish_release.c - publish's pure helpers: asset names, Content-Type, SHA256SUMS, the canonical release. */
#include "unit.h"
#include "core/jv.h"
#include "publish/publish_int.h"

#include <string.h>

TEST(publish_content_type_by_extension) {
	CHECK_STR(pub_content_type("ship-linux-amd64.tar.gz"), "application/gzip");
	CHECK_STR(pub_content_type("SHIP.ZIP"), "application/zip");
	CHECK_STR(pub_content_type("notes.txt"), "text/plain");
	CHECK_STR(pub_content_type("ship"), "application/octet-stream");
	CHECK_STR(pub_content_type(".gz"), "application/octet-stream");
}

TEST(publish_asset_names_github_keeps) {
	CHECK(pub_asset_name_ok("ship_1.2.3-linux.tar.gz"));
	CHECK(!pub_asset_name_ok("bad name.txt"));
	CHECK(!pub_asset_name_ok(".hidden"));
	CHECK(!pub_asset_name_ok("trailing."));
	CHECK(!pub_asset_name_ok(""));
	CHECK(!pub_asset_name_ok("caf\xc3\xa9.txt"));
}

TEST(publish_sums_text_is_sha256sum_format) {
	struct pub_asset a[2];
	struct pub_job j;
	struct buf b = BUF_INIT(1024);

	memset(&j, 0, sizeof(j));
	memset(a, 0, sizeof(a));
	a[0].name = "a.tar.gz";
	memset(a[0].sha, 'a', 64);
	a[1].name = "b.txt";
	memset(a[1].sha, 'b', 64);
	j.assets = a;
	j.nassets = 2;
	CHECK_INT(pub_sums_text(&j, &b), 0);
	CHECK_STR(buf_cstr(&b), "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  a.tar.gz\n"
				"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb  b.txt\n");
	buf_release(&b);
}

static const struct jv *canon(const char *json, const char *tag, size_t *n, struct jv **doc)
{
	CHECK_INT(jv_parse(doc, json, strlen(json), 1 << 20, "test"), 0);
	return pub_release_canonical(*doc, tag, n);
}

TEST(publish_canonical_release_published_then_lowest_id) {
	struct jv *doc = NULL;
	const struct jv *r;
	long long id = 0;
	size_t n = 0;

	r = canon("[{\"id\": 9, \"tag_name\": \"v1\", \"draft\": true},"
		  " {\"id\": 7, \"tag_name\": \"v1\", \"draft\": true},"
		  " {\"id\": 3, \"tag_name\": \"v0\", \"draft\": false}]", "v1", &n, &doc);
	CHECK(r != NULL);
	jv_int(jv_get(r, "id"), &id);
	CHECK_INT(id, 7);
	CHECK_INT(n, 2);
	jv_free(doc);
	r = canon("[{\"id\": 2, \"tag_name\": \"v1\", \"draft\": true},"
		  " {\"id\": 8, \"tag_name\": \"v1\", \"draft\": false}]", "v1", &n, &doc);
	jv_int(jv_get(r, "id"), &id);
	CHECK_INT(id, 8);
	jv_free(doc);
	r = canon("[{\"id\": 2, \"tag_name\": \"v2\"}]", "v1", &n, &doc);
	CHECK(r == NULL);
	CHECK_INT(n, 0);
	jv_free(doc);
}
