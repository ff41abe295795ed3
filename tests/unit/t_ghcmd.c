/* t_ghcmd.c - unit tests of workflow-command encoding and untrusted-text defences. */
#include "unit.h"
#include "core/buf.h"
#include "core/err.h"
#include "rt/ghcmd.h"
#include "rt/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Everything written to the capture file so far (caller frees). */
static char *slurp(FILE *f, size_t *len)
{
	struct buf b = BUF_INIT(1u << 24);
	char tmp[4096];
	ssize_t n;

	fflush(f);
	lseek(fileno(f), 0, SEEK_SET);
	while ((n = read(fileno(f), tmp, sizeof(tmp))) > 0)
		buf_add(&b, tmp, (size_t)n);
	if (len)
		*len = b.len;
	return buf_detach(&b);
}

static char *issue_str(enum ghcmd_level lv, const struct ghcmd_props *p, const char *msg)
{
	struct buf b = BUF_INIT(BUF_MAX_MESSAGE);

	if (ghcmd_format_issue(&b, lv, p, msg, strlen(msg), 0) < 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

TEST(ghcmd_escapes_data_and_properties)
{
	struct buf b = BUF_INIT(256);

	CHECK_INT(ghcmd_escape_data(&b, "a%b\rc\nd:e,f%0A", 14), 0);
	CHECK_STR(b.ptr, "a%25b%0Dc%0Ad:e,f%250A");
	buf_reset(&b);
	CHECK_INT(ghcmd_escape_prop(&b, "a%b\rc\nd:e,f=g", 13), 0);
	CHECK_STR(b.ptr, "a%25b%0Dc%0Ad%3Ae%2Cf=g");
	buf_release(&b);
}

TEST(ghcmd_issue_with_all_properties)
{
	struct ghcmd_props p = { "T: a, b", "src/a,b:c.c", 3, 3, 5, 9 };
	char *s = issue_str(GHCMD_WARNING, &p, "50% done\nnext");

	CHECK_STR(s, "::warning title=T%3A a%2C b,file=src/a%2Cb%3Ac.c,line=3,endLine=3,"
		  "col=5,endColumn=9::50%25 done%0Anext\n");
	free(s);
	s = issue_str(GHCMD_NOTICE, NULL, "");
	CHECK_STR(s, "::notice::\n");
	free(s);
	s = issue_str(GHCMD_ERROR, NULL, "::error::x ##[warning]y");
	CHECK_STR(s, "::error::::error::x ##[warning]y\n");
	free(s);
}

TEST(ghcmd_drops_properties_the_runner_drops)
{
	struct ghcmd_props p = { "", "", 0, 0, 7, 0 }, q;
	char *s;

	/* col without line; empty strings */
	s = issue_str(GHCMD_ERROR, &p, "m");
	CHECK_STR(s, "::error::m\n");
	free(s);
	/* endLine < line: both go, and col with them (line != endLine) */
	p = (struct ghcmd_props){ NULL, "f", 9, 4, 2, 3 };
	s = issue_str(GHCMD_ERROR, &p, "m");
	CHECK_STR(s, "::error file=f::m\n");
	free(s);
	/* endLine alone becomes line=endLine; endColumn alone becomes col */
	p = (struct ghcmd_props){ NULL, "f", 0, 4, 0, 6 };
	ghcmd_props_normalize(&p, &q);
	CHECK_INT(q.line, 4);
	CHECK_INT(q.end_line, 4);
	CHECK_INT(q.col, 6);
	CHECK_INT(q.end_col, 6);
	/* multi-line range: columns go, lines stay */
	p = (struct ghcmd_props){ NULL, "f", 2, 5, 1, 9 };
	s = issue_str(GHCMD_ERROR, &p, "m");
	CHECK_STR(s, "::error file=f,line=2,endLine=5::m\n");
	free(s);
	/* endColumn < col */
	p = (struct ghcmd_props){ NULL, "f", 2, 0, 8, 3 };
	s = issue_str(GHCMD_ERROR, &p, "m");
	CHECK_STR(s, "::error file=f,line=2::m\n");
	free(s);
	/* negative and beyond int32 (int.TryParse fails) */
	p = (struct ghcmd_props){ NULL, "f", -3, 0, 0, 0 };
	s = issue_str(GHCMD_ERROR, &p, "m");
	CHECK_STR(s, "::error file=f::m\n");
	free(s);
	p = (struct ghcmd_props){ NULL, "f", 2147483648L, 0, 0, 0 };
	s = issue_str(GHCMD_ERROR, &p, "m");
	CHECK_STR(s, "::error file=f::m\n");
	free(s);
	/* a single line with columns is fine */
	p = (struct ghcmd_props){ NULL, NULL, 2, 0, 4, 0 };
	s = issue_str(GHCMD_ERROR, &p, "m");
	CHECK_STR(s, "::error line=2,col=4::m\n");
	free(s);
}

TEST(ghcmd_truncates_at_4096_units_on_utf8_boundary)
{
	struct buf msg = BUF_INIT(1u << 20);
	char *s;
	size_t i, len;
	const char *data;

	/* 4095 ASCII + an emoji (2 units) straddles the cap */
	for (i = 0; i < 4095; i++)
		buf_putc(&msg, 'a');
	buf_puts(&msg, "\xf0\x9f\x98\x80tail");
	s = issue_str(GHCMD_ERROR, NULL, msg.ptr);
	CHECK(s != NULL);
	data = s + strlen("::error::");
	len = strlen(data) - 1; /* without \n */
	CHECK_INT(utf8_utf16_len(data, len), GHCMD_MAX_UNITS);
	CHECK(len >= 3 && !memcmp(data + len - 3, "\xe2\x80\xa6", 3));
	CHECK_INT(len, 4095 + 3);
	free(s);

	/* 3-byte characters: no partial sequence survives */
	buf_reset(&msg);
	for (i = 0; i < 5000; i++)
		buf_puts(&msg, "\xe2\x82\xac"); /* euro sign */
	s = issue_str(GHCMD_WARNING, NULL, msg.ptr);
	data = s + strlen("::warning::");
	len = strlen(data) - 1;
	CHECK_INT(len, 4096 * 3);
	CHECK_INT(utf8_utf16_len(data, len), 4096);
	free(s);

	/* exactly 4096 units: untouched */
	buf_reset(&msg);
	for (i = 0; i < 2048; i++)
		buf_puts(&msg, "\xf0\x9f\x98\x80");
	s = issue_str(GHCMD_NOTICE, NULL, msg.ptr);
	CHECK_INT(strlen(s), strlen("::notice::") + 2048 * 4 + 1);
	free(s);

	/* escaping happens after the cut: 5000 '%' become 4095 '%25' + ellipsis */
	buf_reset(&msg);
	for (i = 0; i < 5000; i++)
		buf_putc(&msg, '%');
	s = issue_str(GHCMD_NOTICE, NULL, msg.ptr);
	CHECK_INT(strlen(s), strlen("::notice::") + 4095 * 3 + 3 + 1);
	free(s);

	/* GHCMD_NO_TRUNCATE keeps it all */
	buf_reset(&msg);
	for (i = 0; i < 5000; i++)
		buf_putc(&msg, 'x');
	{
		struct buf out = BUF_INIT(BUF_MAX_MESSAGE);
		CHECK_INT(ghcmd_format_issue(&out, GHCMD_ERROR, NULL, msg.ptr, msg.len,
					     GHCMD_NO_TRUNCATE), 0);
		CHECK_INT(out.len, strlen("::error::") + 5000 + 1);
		buf_release(&out);
	}
	buf_release(&msg);
}

TEST(ghcmd_too_long_command_is_an_error)
{
	struct buf out = BUF_INIT(64);
	struct ghcmd_props p = { NULL, "a-very-long-file-name-that-does-not-fit-in-64-bytes.c", 1, 0, 0, 0 };

	CHECK_INT(ghcmd_format_issue(&out, GHCMD_ERROR, &p, "message", 7, 0), ERR_TOOBIG);
	buf_release(&out);
}

TEST(ghcmd_utf8_counts_and_cuts)
{
	CHECK_INT(utf8_utf16_len("a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 10), 5);
	/* invalid bytes count one unit each */
	CHECK_INT(utf8_utf16_len("\xff\xc3", 2), 2);
	/* overlong and surrogate encodings are invalid */
	CHECK_INT(utf8_seq_len("\xc0\xaf", 2), 0);
	CHECK_INT(utf8_seq_len("\xed\xa0\x80", 3), 0);
	CHECK_INT(utf8_seq_len("\xf4\x90\x80\x80", 4), 0);
	CHECK_INT(utf8_seq_len("\xf0\x9f\x98", 3), 0);
	/* never inside a sequence */
	CHECK_INT(utf8_cut_utf16("a\xf0\x9f\x98\x80", 5, 2), 1);
	CHECK_INT(utf8_cut_utf16("a\xf0\x9f\x98\x80", 5, 3), 5);
	CHECK_INT(utf8_cut_utf16("\xe2\x82\xac\xe2\x82\xac", 6, 1), 3);
	CHECK_INT(utf8_cut_utf16("abc", 3, 0), 0);
}

TEST(ghcmd_simple_commands_write_once_to_fd)
{
	FILE *f = tmpfile();
	char *s;

	CHECK(f != NULL);
	CHECK_INT(ghcmd_group(fileno(f), "Build: a,b\n"), 0);
	CHECK_INT(ghcmd_debug(fileno(f), "100%\r\n"), 0);
	CHECK_INT(ghcmd_add_mask(fileno(f), "p%0Ass"), 0);
	CHECK_INT(ghcmd_endgroup(fileno(f)), 0);
	CHECK_INT(ghcmd_issue(fileno(f), GHCMD_ERROR, NULL, "boom"), 0);
	s = slurp(f, NULL);
	CHECK_STR(s, "::group::Build: a,b%0A\n::debug::100%25%0D%0A\n"
		  "::add-mask::p%250Ass\n::endgroup::\n::error::boom\n");
	free(s);
	fclose(f);
	CHECK(ghcmd_debug(-1, "x") < 0);
}

TEST(ghcmd_stop_commands_block)
{
	FILE *f = tmpfile();
	struct rt_untrusted u, v;
	char *s, expect[256];
	const char *p;

	CHECK_INT(rt_untrusted_begin(&u, fileno(f)), 0);
	CHECK_INT(strlen(u.token), 32);
	CHECK_INT(strspn(u.token, "0123456789abcdef"), 32);
	CHECK_INT(rt_untrusted_write(&u, "::error::fake\n##[warning]x", 26), 0);
	CHECK_INT(rt_untrusted_end(&u), 0);
	CHECK(rt_untrusted_write(&u, "late", 4) < 0);
	s = slurp(f, NULL);
	/* the end marker starts a fresh line */
	p = strstr(s, "::stop-commands::");
	CHECK(p == s);
	snprintf(expect, sizeof(expect), "::stop-commands::%.32s\n::error::fake\n##[warning]x\n::%.32s::\n",
		 s + 17, s + 17);
	CHECK_STR(s, expect);
	free(s);
	fclose(f);

	/* a fresh token every time; no extra newline after a line end */
	f = tmpfile();
	CHECK_INT(rt_untrusted_begin(&u, fileno(f)), 0);
	CHECK_INT(rt_untrusted_begin(&v, fileno(f)), 0);
	CHECK(strcmp(u.token, v.token) != 0);
	CHECK_INT(rt_untrusted_write(&v, "x\r", 2), 0);
	CHECK_INT(rt_untrusted_end(&v), 0);
	s = slurp(f, NULL);
	CHECK(strstr(s, "x\r::") != NULL);
	free(s);
	fclose(f);
}

static char *neutral(const char *in)
{
	struct buf b = BUF_INIT(4096);

	CHECK_INT(rt_untrusted_neutralize(&b, in, strlen(in)), 0);
	return buf_detach(&b);
}

#define Z "\xe2\x80\x8b"

TEST(ghcmd_neutralizes_command_lines)
{
	char *s;

	s = neutral("::error::x");
	CHECK_STR(s, ":" Z ":error::x");
	free(s);
	s = neutral("ok\n  \t::add-mask::e\r\n\xc2\xa0::warning::w\rfoo ##[error]bar ##[x");
	CHECK_STR(s, "ok\n  \t:" Z ":add-mask::e\r\n\xc2\xa0:" Z ":warning::w\r"
		  "foo ##" Z "[error]bar ##" Z "[x");
	free(s);
	/* U+3000 ideographic space and U+2028 are .NET whitespace too */
	s = neutral("\xe3\x80\x80::x::\n\xe2\x80\xa8::y::");
	CHECK_STR(s, "\xe3\x80\x80:" Z ":x::\n\xe2\x80\xa8:" Z ":y::");
	free(s);
	/* harmless text is untouched, including :: after other text */
	s = neutral("std::vector<int> # a ## b [c]\n");
	CHECK_STR(s, "std::vector<int> # a ## b [c]\n");
	free(s);
	s = neutral("");
	CHECK_STR(s, "");
	free(s);
	s = neutral("###[x");
	CHECK_STR(s, "###" Z "[x");
	free(s);
}
