/* t_changelog.c - unit tests of the Markdown release notes. */
#include "unit.h"
#include "core/err.h"
#include "publish/changelog.h"

#include <stdio.h>

/* Builds commits from messages; oids are "<i>" repeated to 40 hex digits. */
static size_t make(struct hist_commit *c, const char *const *msgs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		memset(&c[i], 0, sizeof(c[i]));
		memset(c[i].oid, "0123456789abcdef"[i % 16], 40);
		c[i].oid[40] = '\0';
		c[i].since_last = 1;
		c[i].nparents = 1;
		if (cc_parse(&c[i].cc, msgs[i], strlen(msgs[i]), "t"))
			unit_fail(__FILE__, __LINE__, "%s", err_last());
	}
	return n;
}

static void drop(struct hist_commit *c, size_t n)
{
	while (n--)
		cc_release(&c[n].cc);
}

TEST(changelog_sections_in_fixed_order_with_links)
{
	static const char *const msgs[] = {
		"chore: bump deps",
		"fix(parser): handle CRLF (#12)",
		"feat(api)!: drop v1 endpoints\n\nBREAKING CHANGE: /v1 is gone;\nuse /v2.",
		"Update README",
		"feat: add --dry-run (#7)",
		"perf: cache tags",
		"weird: unknown type",
	};
	struct hist_commit c[7];
	struct changelog_opts o = { "1.3.0", "v1.3.0", "v1.2.3",
				    "https://github.com/o/r", "2026-11-21", 0, 0,
				    NULL, 0, NULL };
	struct buf b = BUF_INIT(1 << 20);

	make(c, msgs, 7);
	CHECK_INT(changelog_render(&b, c, 7, &o), 0);
	CHECK_STR(buf_cstr(&b),
		"## [1.3.0](https://github.com/o/r/compare/v1.2.3...v1.3.0) (2026-11-21)\n"
		"\n### ⚠ BREAKING CHANGES\n\n"
		"- **api:** /v1 is gone;\n"
		"  use /v2. ([2222222](https://github.com/o/r/commit/2222222222222222222222222222222222222222))\n"
		"\n### Features\n\n"
		"- **api:** drop v1 endpoints ([2222222](https://github.com/o/r/commit/2222222222222222222222222222222222222222))\n"
		"- add --dry-run ([#7](https://github.com/o/r/pull/7)) ([4444444](https://github.com/o/r/commit/4444444444444444444444444444444444444444))\n"
		"\n### Bug Fixes\n\n"
		"- **parser:** handle CRLF ([#12](https://github.com/o/r/pull/12)) ([1111111](https://github.com/o/r/commit/1111111111111111111111111111111111111111))\n"
		"\n### Performance\n\n"
		"- cache tags ([5555555](https://github.com/o/r/commit/5555555555555555555555555555555555555555))\n"
		"\n### Chores\n\n"
		"- bump deps ([0000000](https://github.com/o/r/commit/0000000000000000000000000000000000000000))\n"
		"\n### Other\n\n"
		"- Update README ([3333333](https://github.com/o/r/commit/3333333333333333333333333333333333333333))\n"
		"- weird: unknown type ([6666666](https://github.com/o/r/commit/6666666666666666666666666666666666666666))\n");
	buf_release(&b);
	drop(c, 7);
}

TEST(changelog_plain_without_repo_url)
{
	static const char *const msgs[] = { "fix: <script> in (#3)", "Merge branch 'x'" };
	struct hist_commit c[2];
	struct changelog_opts o = { "0.1.0", NULL, NULL, NULL, NULL, 0, 0, NULL, 0, NULL };
	struct buf b = BUF_INIT(1 << 20);

	make(c, msgs, 2);
	c[1].nparents = 2; /* a merge commit that is not conventional: left out */
	CHECK_INT(changelog_render(&b, c, 2, &o), 0);
	CHECK_STR(buf_cstr(&b), "## 0.1.0\n\n### Bug Fixes\n\n"
		  "- &lt;script&gt; in (#3) (0000000)\n");
	buf_release(&b);
	drop(c, 2);
}

TEST(changelog_only_since_last_and_empty)
{
	static const char *const msgs[] = { "feat: new", "feat: old" };
	struct hist_commit c[2];
	struct changelog_opts o = { "1.3.0-rc.2", NULL, NULL, NULL, NULL, 1, 0, NULL, 0, NULL };
	struct buf b = BUF_INIT(1 << 20);

	make(c, msgs, 2);
	c[1].since_last = 0;
	CHECK_INT(changelog_render(&b, c, 2, &o), 0);
	CHECK_STR(buf_cstr(&b), "## 1.3.0-rc.2\n\n### Features\n\n- new (0000000)\n");
	buf_reset(&b);
	CHECK_INT(changelog_render(&b, c, 0, &o), 0);
	CHECK_STR(buf_cstr(&b), "## 1.3.0-rc.2\n\nNo changes.\n");
	buf_release(&b);
	drop(c, 2);
}

TEST(changelog_is_cut_at_the_cap)
{
	static const char *msgs[300];
	struct hist_commit c[300];
	struct changelog_opts o = { "2.0.0", NULL, NULL, NULL, NULL, 0, 2000, NULL, 0, NULL };
	struct buf b = BUF_INIT(1 << 20);
	size_t i, bullets = 0;
	const char *p, *note;

	for (i = 0; i < 300; i++)
		msgs[i] = "fix: something that was broken";
	make(c, msgs, 300);
	CHECK_INT(changelog_render(&b, c, 300, &o), 0);
	CHECK(b.len <= 2000);
	for (p = buf_cstr(&b); (p = strstr(p, "\n- ")); p++)
		bullets++;
	note = strstr(buf_cstr(&b), "more entries left out");
	CHECK(note != NULL);
	if (note) {
		char want[64];

		snprintf(want, sizeof(want), "_%zu more entries", 300 - bullets);
		CHECK(strstr(buf_cstr(&b), want) != NULL);
	}
	buf_release(&b);
	drop(c, 300);
}

/* Renders msgs through template t; returns the rc, the text in b. */
static int tpl_render(struct buf *b, const char *t, const char *const *msgs, size_t n,
		      const char *url)
{
	struct hist_commit c[8];
	struct changelog_opts o = { "1.3.0", "v1.3.0", "v1.2.3", url, "2026-11-21", 0, 0,
				    t, strlen(t), "notes.tpl" };
	int rc;

	make(c, msgs, n);
	rc = changelog_render(b, c, n, &o);
	drop(c, n);
	return rc;
}

TEST(changelog_template_placeholders_and_blocks)
{
	static const char *const msgs[] = {
		"fix: crash",
		"feat(api)!: drop v1\n\nBREAKING CHANGE: /v1 is gone",
		"chore: deps",
	};
	struct buf b = BUF_INIT(1 << 20);

	CHECK_INT(tpl_render(&b,
		"# Release {{ version }} ({{tag}} after {{previous_tag}}, {{date}})\n"
		"Compare: {{compare_url}}\n"
		"\n"
		"{{breaking}}\n"
		"{{section.feat}}\n"
		"{{section.docs}}\n"
		"Literal {{open}}x}} and }} stay.\n"
		"---\n"
		"{{sections}}", msgs, 3, "https://github.com/o/r"), 0);
	CHECK_STR(buf_cstr(&b),
		"# Release 1.3.0 (v1.3.0 after v1.2.3, 2026-11-21)\n"
		"Compare: https://github.com/o/r/compare/v1.2.3...v1.3.0\n"
		"\n"
		"### ⚠ BREAKING CHANGES\n\n"
		"- **api:** /v1 is gone ([1111111](https://github.com/o/r/commit/1111111111111111111111111111111111111111))\n"
		"### Features\n\n"
		"- **api:** drop v1 ([1111111](https://github.com/o/r/commit/1111111111111111111111111111111111111111))\n"
		"Literal {{x}} and }} stay.\n"
		"---\n"
		"### Features\n\n"
		"- **api:** drop v1 ([1111111](https://github.com/o/r/commit/1111111111111111111111111111111111111111))\n"
		"\n### Bug Fixes\n\n"
		"- crash ([0000000](https://github.com/o/r/commit/0000000000000000000000000000000000000000))\n"
		"\n### Chores\n\n"
		"- deps ([2222222](https://github.com/o/r/commit/2222222222222222222222222222222222222222))\n");
	buf_release(&b);
}

TEST(changelog_template_notes_heading_and_empty)
{
	static const char *const msgs[] = { "feat: x" };
	struct buf b = BUF_INIT(1 << 20);

	CHECK_INT(tpl_render(&b, "{{heading}}\n\n{{notes}}\nbye", msgs, 1, NULL), 0);
	CHECK_STR(buf_cstr(&b), "## 1.3.0 (2026-11-21)\n\n### Features\n\n- x (0000000)\nbye");
	buf_reset(&b);
	CHECK_INT(tpl_render(&b, "{{notes}}\r\n{{compare_url}}\n[{{repo_url}}]\n", msgs, 0, NULL), 0);
	CHECK_STR(buf_cstr(&b), "No changes.\n[]\n");
	buf_release(&b);
}

TEST(changelog_template_errors_name_line_and_placeholder)
{
	struct buf b = BUF_INIT(1 << 20);
	char big[CHANGELOG_TPL_MAX + 2];

	CHECK_INT(changelog_tpl_check("ok {{version}}\n\nx {{ nope }}\n", 29, "n.tpl"), ERR_INVALID);
	CHECK_STR(err_last(), "n.tpl: line 3, column 3: unknown placeholder {{nope}}");
	CHECK_INT(changelog_tpl_check("a\n{{version\n}}", 14, "n.tpl"), ERR_INVALID);
	CHECK_STR(err_last(), "n.tpl: line 2, column 1: \"{{\" is not closed by \"}}\" on its line");
	CHECK_INT(changelog_tpl_check("{{::error::x}}", 14, "n.tpl"), ERR_INVALID);
	CHECK(strstr(err_last(), "invalid placeholder") && !strstr(err_last(), "::error"));
	CHECK_INT(changelog_tpl_check("{{section.nope}}", 16, "n.tpl"), ERR_INVALID);
	CHECK_INT(changelog_tpl_check("a\0b", 3, "n.tpl"), ERR_INVALID);
	memset(big, 'a', sizeof(big));
	CHECK_INT(changelog_tpl_check(big, sizeof(big), "n.tpl"), ERR_TOOBIG);
	CHECK_INT(changelog_tpl_check("{{open}}{{section.other}}{{date}}", 33, "n.tpl"), 0);
	CHECK_INT(tpl_render(&b, "{{vershun}}", NULL, 0, NULL), ERR_INVALID);
	CHECK_INT(b.len, 0);
	buf_release(&b);
}

TEST(changelog_template_output_is_capped)
{
	static const char *msgs[8];
	struct hist_commit c[8];
	char t[64];
	struct changelog_opts o = { "2.0.0", NULL, NULL, NULL, NULL, 0, 600, NULL, 0, "n.tpl" };
	struct buf b = BUF_INIT(1 << 20);
	size_t i;

	for (i = 0; i < 8; i++)
		msgs[i] = "feat: a fairly long subject line to fill the notes quickly, again";
	make(c, msgs, 8);
	snprintf(t, sizeof(t), "{{notes}}\n{{notes}}\n{{notes}}\n");
	o.tpl = t;
	o.tpl_len = strlen(t);
	CHECK_INT(changelog_render(&b, c, 8, &o), 0);
	CHECK(b.len <= 600);
	CHECK(strstr(buf_cstr(&b), "more entries left out") != NULL);
	buf_release(&b);
	drop(c, 8);
}
