/* t_conventional.c - unit tests of the Conventional Commits parser. */
#include "unit.h"
#include "core/err.h"
#include "publish/conventional.h"

#include <stdio.h>
#include <stdlib.h>

static int parse(struct cc_commit *c, const char *msg)
{
	int rc = cc_parse(c, msg, strlen(msg), "commit test");

	if (rc)
		unit_fail(__FILE__, __LINE__, "%s", err_last());
	return rc;
}

TEST(cc_header_with_scope_and_bang)
{
	struct cc_commit c;

	if (parse(&c, "feat(api)!: send an email\n"))
		return;
	CHECK_INT(c.conforming, 1);
	CHECK_STR(c.type, "feat");
	CHECK_STR(c.scope, "api");
	CHECK_STR(c.subject, "send an email");
	CHECK_INT(c.bang, 1);
	CHECK_INT(c.breaking, 1);
	CHECK_STR(c.breaking_text, "send an email");
	CHECK(c.body == NULL);
	CHECK_INT(c.nfooters, 0);
	cc_release(&c);
}

TEST(cc_type_is_case_insensitive)
{
	struct cc_commit c;

	if (parse(&c, "FIX: Prevent racing"))
		return;
	CHECK_STR(c.type, "fix");
	CHECK(c.scope == NULL);
	CHECK_INT(c.breaking, 0);
	cc_release(&c);
}

TEST(cc_body_and_footers)
{
	struct cc_commit c;
	const char *msg =
		"fix: prevent racing of requests\r\n\r\n"
		"Introduce a request id and a reference to latest request.\r\n"
		"Dismiss incoming responses other than from latest request.\r\n\r\n"
		"Remove timeouts which were used to mitigate the racing issue.\r\n\r\n"
		"Reviewed-by: Z\r\nRefs #123\r\n";

	if (parse(&c, msg))
		return;
	CHECK_STR(c.subject, "prevent racing of requests");
	CHECK_STR(c.body, "Introduce a request id and a reference to latest request.\n"
		  "Dismiss incoming responses other than from latest request.\n\n"
		  "Remove timeouts which were used to mitigate the racing issue.");
	CHECK_INT(c.nfooters, 2);
	CHECK_STR(c.footers[0].token, "Reviewed-by");
	CHECK_STR(c.footers[0].value, "Z");
	CHECK_STR(c.footers[1].token, "Refs");
	CHECK_STR(c.footers[1].value, "#123");
	CHECK_INT(c.breaking, 0);
	cc_release(&c);
}

TEST(cc_breaking_change_footer_spans_lines)
{
	struct cc_commit c;
	const char *msg =
		"feat: allow provided config object to extend other configs\n\n"
		"BREAKING CHANGE: `extends` key in config file is now used for\n"
		"extending other config files\n"
		"Signed-off-by: A <a@example.org>\n";

	if (parse(&c, msg))
		return;
	CHECK(c.body == NULL);
	CHECK_INT(c.breaking, 1);
	CHECK_INT(c.bang, 0);
	CHECK_INT(c.nfooters, 2);
	CHECK_STR(c.footers[0].token, "BREAKING CHANGE");
	CHECK_STR(c.breaking_text, "`extends` key in config file is now used for\n"
		  "extending other config files");
	CHECK_STR(c.footers[1].value, "A <a@example.org>");
	cc_release(&c);
}

TEST(cc_breaking_hyphen_synonym_and_case)
{
	struct cc_commit c;

	if (parse(&c, "fix: x\n\nBREAKING-CHANGE: the y option is gone"))
		return;
	CHECK_INT(c.breaking, 1);
	CHECK_STR(c.breaking_text, "the y option is gone");
	cc_release(&c);
	/* Spec item 15: BREAKING CHANGE must be upper case. */
	if (parse(&c, "fix: x\n\nbreaking change: no"))
		return;
	CHECK_INT(c.breaking, 0);
	CHECK_STR(c.body, "breaking change: no");
	cc_release(&c);
	if (parse(&c, "fix: x\n\nBreaking-Change: no"))
		return;
	CHECK_INT(c.breaking, 0);
	CHECK_INT(c.nfooters, 1);
	cc_release(&c);
}

TEST(cc_bang_with_footer_prefers_footer_text)
{
	struct cc_commit c;

	if (parse(&c, "chore!: drop Node 6\n\nBREAKING CHANGE: use JavaScript features not in Node 6."))
		return;
	CHECK_INT(c.breaking, 1);
	CHECK_STR(c.type, "chore");
	CHECK_STR(c.breaking_text, "use JavaScript features not in Node 6.");
	cc_release(&c);
}

TEST(cc_non_conforming_kept_as_other)
{
	static const char *const bad[] = {
		"Merge branch 'main' into x", "feat:no space", "feat(): empty scope",
		"feat(a(b)): nested", "feat: ", "(scope): no type", "1feat: digit",
		"Update README.md", "", "feat!:x", "feat :x",
	};
	struct cc_commit c;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (parse(&c, bad[i]))
			return;
		if (c.conforming || strcmp(c.type, "other") || c.breaking || c.bang)
			unit_fail(__FILE__, __LINE__, "\"%s\" conforms", bad[i]);
		cc_release(&c);
	}
	if (parse(&c, "Update README.md\n\nmore"))
		return;
	CHECK_STR(c.subject, "Update README.md");
	CHECK_STR(c.body, "more");
	cc_release(&c);
}

TEST(cc_footer_needs_a_blank_line_before_it)
{
	struct cc_commit c;

	if (parse(&c, "docs: x\n\nsee the page\nRefs: 12\n\nCloses #4"))
		return;
	CHECK_STR(c.body, "see the page\nRefs: 12");
	CHECK_INT(c.nfooters, 1);
	CHECK_STR(c.footers[0].token, "Closes");
	cc_release(&c);
	/* A URL is not a footer token. */
	if (parse(&c, "docs: x\n\nhttps://example.org/a"))
		return;
	CHECK_INT(c.nfooters, 0);
	CHECK_STR(c.body, "https://example.org/a");
	cc_release(&c);
}

TEST(cc_caps_size_and_footers)
{
	struct cc_commit c;
	char *big = malloc(CC_MAX_MESSAGE + 2);
	size_t i, off;

	if (!big)
		return;
	memset(big, 'a', CC_MAX_MESSAGE + 1);
	CHECK_INT(cc_parse(&c, big, CC_MAX_MESSAGE + 1, "commit abc"), ERR_TOOBIG);
	CHECK(strstr(err_last(), "commit abc") != NULL);
	off = (size_t)snprintf(big, 32, "fix: many\n\n");
	for (i = 0; i < CC_MAX_FOOTERS + 10; i++)
		off += (size_t)snprintf(big + off, 32, "T%zu: v\n", i);
	CHECK_INT(cc_parse(&c, big, off, "commit abc"), 0);
	CHECK_INT(c.nfooters, CC_MAX_FOOTERS);
	CHECK(strstr(c.footers[CC_MAX_FOOTERS - 1].value, "T73: v") != NULL);
	cc_release(&c);
	free(big);
}
