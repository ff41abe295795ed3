/* t_yml.c - unit tests for the YAML wrapper (yml.c over libyaml). */
#include "unit.h"
#include "core/yml.h"
#include "core/err.h"

#include <stdlib.h>
#include <string.h>

static struct yml_doc *yparse(const char *s, int want)
{
	struct yml_doc *d = NULL;
	int rc = yml_parse(&d, s, strlen(s), 1 << 20, "t.yml");

	if (rc != want)
		unit_fail(__FILE__, __LINE__, "yml_parse -> %d (want %d): %s", rc, want,
			  err_last());
	return d;
}

TEST(yml_builds_tree_with_positions)
{
	struct yml_doc *d = yparse("format: json\nheal:\n  log: build.log\n  "
				   "agents: [rex, 'blaze']\nempty:\n", 0);
	const struct yml_node *r = yml_root(d), *heal, *agents;

	CHECK(r && r->kind == YML_MAP);
	CHECK_INT(r->n, 3);
	CHECK_STR(yml_get(r, "format")->str, "json");
	CHECK_INT(yml_get(r, "format")->line, 1);
	CHECK_INT(yml_get(r, "format")->col, 9);
	heal = yml_get(r, "heal");
	CHECK(heal && heal->kind == YML_MAP);
	CHECK_INT(yml_key(heal, 0)->line, 3);
	CHECK_INT(yml_key(heal, 0)->col, 3);
	agents = yml_get(heal, "agents");
	CHECK(agents && agents->kind == YML_SEQ && agents->n == 2);
	CHECK_STR(yml_item(agents, 1)->str, "blaze");
	CHECK_INT(yml_item(agents, 1)->plain, 0);
	CHECK_INT(yml_item(agents, 0)->plain, 1);
	CHECK(yml_item(agents, 2) == NULL);
	CHECK(yml_is_null(yml_get(r, "empty")));
	CHECK(yml_get(r, "absent") == NULL);
	CHECK(yml_get(yml_get(r, "format"), "x") == NULL);
	yml_free(d);
}

TEST(yml_empty_document_has_no_root)
{
	struct yml_doc *d = yparse("# only a comment\n", 0);

	CHECK(yml_root(d) == NULL);
	yml_free(d);
}

TEST(yml_bool_and_null)
{
	struct yml_doc *d = yparse("[yes, Off, TRUE, 0, maybe, ~, 'null']", 0);
	const struct yml_node *s = yml_root(d);
	int b = -1;

	CHECK_INT(yml_bool(yml_item(s, 0), &b), 0);
	CHECK_INT(b, 1);
	CHECK_INT(yml_bool(yml_item(s, 1), &b), 0);
	CHECK_INT(b, 0);
	CHECK_INT(yml_bool(yml_item(s, 2), &b), 0);
	CHECK_INT(b, 1);
	CHECK_INT(yml_bool(yml_item(s, 3), &b), 0);
	CHECK_INT(b, 0);
	CHECK_INT(yml_bool(yml_item(s, 4), &b), ERR_INVALID);
	CHECK(yml_is_null(yml_item(s, 5)));
	CHECK(!yml_is_null(yml_item(s, 6)));
	yml_free(d);
}

TEST(yml_syntax_error_has_position)
{
	struct yml_doc *d = yparse("a: 1\nb: [2, 3\nc: 4\n", ERR_INVALID);

	CHECK(d == NULL);
	CHECK(strncmp(err_last(), "t.yml: line ", 12) == 0);
}

TEST(yml_rejects_aliases_and_anchors)
{
	yparse("a: &x [1]\nb: *x\n", ERR_INVALID);
	CHECK(strstr(err_last(), "t.yml: line 1, column 4: anchors") != NULL);
	/* the billion laughs shape fails at its first anchor */
	yparse("a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n", ERR_INVALID);
}

TEST(yml_rejects_duplicate_keys)
{
	yparse("x: 1\ny: 2\nx: 3\n", ERR_INVALID);
	CHECK_STR(err_last(), "t.yml: line 3, column 1: duplicate key 'x' (first on line 1)");
}

TEST(yml_rejects_complex_keys_and_docs)
{
	yparse("? [a, b]\n: 1\n", ERR_INVALID);
	CHECK(strstr(err_last(), "a key must be a plain value") != NULL);
	yparse("a: 1\n---\nb: 2\n", ERR_INVALID);
	CHECK(strstr(err_last(), "line 2, column 1: more than one document") != NULL);
}

TEST(yml_rejects_bad_bytes)
{
	struct yml_doc *d = NULL;

	CHECK_INT(yml_parse(&d, "a: 1\nb: \0\n", 10, 100, "n.yml"), ERR_INVALID);
	CHECK_STR(err_last(), "n.yml: line 2, column 4: NUL byte");
	CHECK_INT(yml_parse(&d, "a: \xff\xfe\n", 6, 100, "u.yml"), ERR_INVALID);
	CHECK(strncmp(err_last(), "u.yml: line 1, column 4: ", 25) == 0);
	CHECK_INT(yml_parse(&d, "a: \"\\0\"\n", 8, 100, "z.yml"), ERR_INVALID);
	CHECK(strstr(err_last(), "NUL") != NULL);
	CHECK_INT(yml_parse(&d, "a: 1234567\n", 11, 10, "big.yml"), ERR_TOOBIG);
	CHECK(d == NULL);
}

TEST(yml_limits_depth_and_nodes)
{
	char *s = malloc(300000);
	size_t i, n = 0;

	if (!s)
		return;
	for (i = 0; i < 100; i++)
		s[n++] = '[';
	s[n] = 0;
	yparse(s, ERR_INVALID);
	CHECK(strstr(err_last(), "nested too deeply") != NULL);
	n = 0;
	s[n++] = '[';
	for (i = 0; i < 100001; i++) {
		s[n++] = '1';
		s[n++] = ',';
	}
	s[n++] = ']';
	s[n] = 0;
	yparse(s, ERR_INVALID);
	CHECK(strstr(err_last(), "too many nodes") != NULL);
	free(s);
}

TEST(yml_error_formats_node_position)
{
	struct yml_doc *d = yparse("heal:\n  bogus: 1\n", 0);
	const struct yml_node *k = yml_key(yml_get(yml_root(d), "heal"), 0);

	CHECK_INT(yml_error(d, k, ERR_INVALID, "unknown key '%s'", k->str), ERR_INVALID);
	CHECK_STR(err_last(), "t.yml: line 2, column 3: unknown key 'bogus'");
	CHECK_STR(yml_kind_name(yml_root(d)), "a mapping");
	yml_free(d);
}
