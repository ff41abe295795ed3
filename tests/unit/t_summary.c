/* t_summary.c - unit tests of the step summary builder: escaping, fences, size cap. */
#include "unit.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "rt/summary.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char *render(struct summary *s, size_t limit, int *rc)
{
	struct buf out = BUF_INIT(4u << 20);

	*rc = summary_render(s, &out, limit);
	return buf_detach(&out);
}

TEST(summary_escapes_untrusted_text)
{
	struct summary s;
	char *out;
	int rc;

	summary_init(&s);
	summary_heading(&s, 2, "Build <b>failed</b>\n# not a heading");
	summary_para(&s, "<img src=x onerror=alert(1)> [link](http://e) *bold* $x$ 1. & |");
	summary_details_begin(&s, "Log <script>\"x\"</script>");
	summary_details_end(&s);
	out = render(&s, SUMMARY_LIMIT, &rc);
	CHECK_INT(rc, 0);
	CHECK(strstr(out, "<b>") == NULL);
	CHECK(strstr(out, "<img") == NULL);
	CHECK(strstr(out, "<script>") == NULL);
	CHECK(strstr(out, "## Build &lt;b&gt;failed&lt;/b&gt; \\# not a heading\n\n") == out);
	CHECK(strstr(out, "&lt;img src\\=x onerror\\=alert\\(1\\)&gt; \\[link\\]\\(http\\://e\\) "
		      "\\*bold\\* \\$x\\$ 1\\. &amp; \\|\n\n") != NULL);
	CHECK(strstr(out, "<details><summary>Log &lt;script&gt;&quot;x&quot;&lt;/script&gt;"
		      "</summary>\n\n</details>\n\n") != NULL);
	free(out);
	summary_free(&s);
}

TEST(summary_tables_escape_pipes_and_newlines)
{
	struct summary s;
	const char *head[] = { "id", "title" };
	const char *row[] = { "CVE-1", "a | b\r\nc" };
	const char *row2[] = { NULL, "x" };
	char *out;
	int rc;

	summary_init(&s);
	summary_table(&s, 2, head);
	summary_row(&s, 2, row);
	summary_row(&s, 2, row2);
	summary_para(&s, "after");
	out = render(&s, SUMMARY_LIMIT, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(out, "| id | title |\n| --- | --- |\n| CVE\\-1 | a \\| b<br>c |\n|  | x |\n"
		  "\nafter\n\n");
	free(out);
	summary_free(&s);
	summary_init(&s);
	CHECK(summary_row(&s, 2, row) < 0);
	summary_free(&s);
}

TEST(summary_code_fence_outgrows_backticks)
{
	struct summary s;
	const char *code = "a ``` b\n````\nend";
	char *out;
	int rc;

	summary_init(&s);
	summary_code(&s, "sh;<x>", code, strlen(code));
	summary_code(&s, NULL, "plain\n", 6);
	out = render(&s, SUMMARY_LIMIT, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(out, "`````shx\na ``` b\n````\nend\n`````\n\n```\nplain\n```\n\n");
	free(out);
	summary_free(&s);
}

/* Adds a LOW section of n 100-byte paragraphs. */
static void filler(struct summary *s, const char *name, enum summary_importance imp, int n)
{
	char p[101];
	int i;

	memset(p, 'x', 98);
	p[98] = 0;
	summary_section(s, name, imp);
	summary_heading(s, 3, name);
	for (i = 0; i < n; i++)
		summary_para(s, p);
}

TEST(summary_cuts_least_important_first_and_keeps_verdict)
{
	struct summary s;
	char *out;
	int rc;

	summary_init(&s);
	summary_section(&s, "Verdict", SUMMARY_VERDICT);
	summary_heading(&s, 2, "Verdict: blocked");
	filler(&s, "Findings", SUMMARY_HIGH, 30);   /* ~3 KB */
	filler(&s, "Log", SUMMARY_LOW, 100);        /* ~10 KB */
	filler(&s, "Notes", SUMMARY_LOW, 5);
	out = render(&s, 1u << 20, &rc);
	CHECK_INT(rc, 0);
	CHECK(strstr(out, "was cut") == NULL);
	free(out);

	/* 8000 bytes: Notes (later LOW) goes first, then Log is cut short */
	out = render(&s, 8000, &rc);
	CHECK_INT(rc, 0);
	CHECK(strlen(out) <= 8000);
	CHECK(strlen(out) > 7000);
	CHECK(strstr(out, "## Verdict\\: blocked") == out);
	CHECK(strstr(out, "Section \"Notes\"") != NULL);
	CHECK(strstr(out, "The rest of section \"Log\"") != NULL);
	CHECK(strstr(out, "### Findings") != NULL);
	CHECK(strstr(out, "section \"Findings\"") == NULL);
	free(out);

	/* 600 bytes: only the verdict and notes remain */
	out = render(&s, 600, &rc);
	CHECK_INT(rc, 0);
	CHECK(strlen(out) <= 600);
	CHECK(strstr(out, "## Verdict\\: blocked") == out);
	CHECK(strstr(out, "section \"Findings\"") != NULL);
	CHECK(strstr(out, "Section \"Log\" (10009 of 10009 bytes)") != NULL);
	free(out);

	/* too small for the verdict: an error, nothing cut from it */
	out = render(&s, 20, &rc);
	CHECK_INT(rc, ERR_TOOBIG);
	free(out);
	summary_free(&s);
}

TEST(summary_cut_closes_details_and_tables)
{
	struct summary s;
	const char *head[] = { "n" };
	const char *row[] = { "0123456789012345678901234567890123456789" };
	char *out;
	int rc, i;

	summary_init(&s);
	summary_section(&s, "Verdict", SUMMARY_VERDICT);
	summary_para(&s, "ok");
	summary_section(&s, "Details", SUMMARY_LOW);
	summary_details_begin(&s, "more");
	summary_table(&s, 1, head);
	for (i = 0; i < 200; i++)
		summary_row(&s, 1, row);
	/* left open on purpose: rendering closes it */
	out = render(&s, SUMMARY_LIMIT, &rc);
	CHECK_INT(rc, 0);
	CHECK(strstr(out, "|\n\n</details>\n\n") != NULL);
	free(out);
	out = render(&s, 2000, &rc);
	CHECK_INT(rc, 0);
	CHECK(strlen(out) <= 2000);
	CHECK(strstr(out, "|\n\n</details>\n\n> [!NOTE]\n> The rest of section \"Details\"") != NULL);
	free(out);
	summary_free(&s);
}

TEST(summary_section_cap_and_write)
{
	struct summary s;
	struct buf got = BUF_INIT(4u << 20);
	const char *dir = unit_tmpdir();
	char path[512];
	char *big = malloc(SUMMARY_SECTION_MAX);

	CHECK(big != NULL);
	memset(big, 'a', SUMMARY_SECTION_MAX - 1);
	big[SUMMARY_SECTION_MAX - 1] = 0;
	summary_init(&s);
	summary_section(&s, "Verdict", SUMMARY_VERDICT);
	summary_para(&s, "passed");
	summary_section(&s, "Log", SUMMARY_LOW);
	summary_code(&s, "", big, SUMMARY_SECTION_MAX - 1); /* over the section cap: left out */
	summary_para(&s, "short");

	unsetenv("GITHUB_STEP_SUMMARY");
	CHECK_INT(summary_write(&s), ERR_NOTFOUND);
	snprintf(path, sizeof(path), "%s/summary.md", dir);
	CHECK_INT(fs_append(path, "# earlier step output\n\n", 23), 0);
	setenv("GITHUB_STEP_SUMMARY", path, 1);
	CHECK_INT(summary_write(&s), 0);
	CHECK_INT(fs_read(&got, path), 0);
	CHECK(got.len < SUMMARY_LIMIT);
	CHECK(!strncmp(got.ptr, "# earlier step output\n\npassed\n\n", 31));
	CHECK(strstr(got.ptr, "Section \"Log\"") != NULL);
	CHECK(strstr(got.ptr, "short") == NULL);
	CHECK(strstr(got.ptr, "aaaa") == NULL);
	unsetenv("GITHUB_STEP_SUMMARY");
	remove(path);
	rmdir(dir);
	free(big);
	buf_release(&got);
	summary_free(&s);
}

TEST(summary_reports_dropped_annotations)
{
	struct summary s;
	size_t none[3] = { 0, 0, 0 }, some[3] = { 2, 1, 0 }, one[3] = { 0, 0, 1 }, all[3] = { 3, 4, 5 };
	char *out;
	int rc;

	summary_init(&s);
	CHECK_INT(summary_dropped_annotations(&s, none), 0);
	CHECK_INT(s.n, 0);
	summary_dropped_annotations(&s, some);
	summary_dropped_annotations(&s, one);
	summary_dropped_annotations(&s, all);
	out = render(&s, SUMMARY_LIMIT, &rc);
	CHECK_INT(rc, 0);
	CHECK_STR(out,
		  "2 more errors and 1 more warning were not shown as annotations: "
		  "GitHub shows at most 10 of each type per step.\n\n"
		  "1 more notice was not shown as annotations: "
		  "GitHub shows at most 10 of each type per step.\n\n"
		  "3 more errors, 4 more warnings and 5 more notices were not shown as annotations: "
		  "GitHub shows at most 10 of each type per step.\n\n");
	free(out);
	summary_free(&s);
}
