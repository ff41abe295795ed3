/* t_heal_logread.c - tests of the streaming CI log line reader. */
#include "unit.h"

#include "core/err.h"
#include "heal/logread.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Reads all lines of s into "text|text|..." with the marks as "#G" etc. */
static char *lines_of(const char *s, size_t len, size_t cap)
{
	static char out[4096];
	struct logread *r = NULL;
	struct logline ln;
	size_t o = 0;

	out[0] = 0;
	CHECK_INT(logread_open_mem(&r, s, len, "t", cap), 0);
	while (r && logread_next(r, &ln) == 1 && o + ln.len + 8 < sizeof(out)) {
		memcpy(out + o, ln.text, ln.len);
		o += ln.len;
		if (ln.truncated)
			out[o++] = '~';
		out[o++] = '|';
	}
	out[o] = 0;
	logread_free(r);
	return out;
}

TEST(heal_logread_line_ends)
{
	CHECK_STR(lines_of("a\nb\r\nc\rd", 8, 0), "a|b|c|d|");
	CHECK_STR(lines_of("a\n\nb\n", 5, 0), "a||b|");
	CHECK_STR(lines_of("", 0, 0), "");
	CHECK_STR(lines_of("\r\n\r\n", 4, 0), "||");
}

TEST(heal_logread_strips_timestamp_bom_ansi)
{
	const char *s = "\xef\xbb\xbf" "2025-04-07T12:57:33.2904078Z hello\n"
	                "2025-04-07T12:57:33.2904078Z \x1b[1m\x1b[31merror\x1b[0m: x\n"
	                "2025-04-07T12:57:34.0000000Z\n"
	                "\x1b]8;;http://x\x07link\x1b]8;;\x1b\\ done\n"
	                "2025-04-07 12:57:33 not a runner stamp\n";

	CHECK_STR(lines_of(s, strlen(s), 0),
	          "hello|error: x||link done|2025-04-07 12:57:33 not a runner stamp|");
}

TEST(heal_logread_clean_escapes)
{
	static const char in[] = "a\x1b[38;5;12mb\x1b" "Mc\x1b";
	char out[64];
	size_t n = logread_clean(in, sizeof(in) - 1, out);

	out[n] = 0;
	CHECK_STR(out, "abc");
}

TEST(heal_logread_caps_long_lines_in_memory)
{
	size_t big = 10u << 20;
	char *s = malloc(big + 8);

	CHECK(s != NULL);
	if (!s)
		return;
	memset(s, 'x', big);
	memcpy(s + big, "\nend\n", 5);
	{
		struct logread *r = NULL;
		struct logline ln;

		CHECK_INT(logread_open_mem(&r, s, big + 5, "t", 1024), 0);
		CHECK_INT(logread_next(r, &ln), 1);
		CHECK_INT(ln.len, 1024);
		CHECK_INT(ln.truncated, 1);
		CHECK_INT(logread_next(r, &ln), 1);
		CHECK_INT(ln.len, 3);
		CHECK(memcmp(ln.text, "end", 3) == 0);
		CHECK_INT(ln.lineno, 2);
		CHECK_INT(logread_next(r, &ln), 0);
		CHECK_INT(logread_bytes(r), big + 5);
		logread_free(r);
	}
	free(s);
}

/* A 10 MB line through a pipe: cut at the cap, the rest skipped while
 * streaming (the reader's buffer is cap + one chunk, never the line). */
TEST(heal_logread_caps_long_lines_from_fd)
{
	char path[512];
	FILE *f;
	int fd;
	size_t i;
	struct logread *r = NULL;
	struct logline ln;

	snprintf(path, sizeof(path), "%s/big.log", unit_tmpdir());
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs("first\r\n", f);
	for (i = 0; i < (10u << 20) / 64; i++)
		fputs("yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", f);
	fputs("\rlast", f);
	fclose(f);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_INT(logread_open_fd(&r, fd, path, 4096), 0);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.len, 5);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.len, 4096);
	CHECK_INT(ln.truncated, 1);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.len, 4);
	CHECK(memcmp(ln.text, "last", 4) == 0);
	CHECK_INT(ln.truncated, 0);
	CHECK_INT(logread_next(r, &ln), 0);
	logread_free(r);
	close(fd);
}

/* "\r" at the end of what a read returned, "\n" in the next read. */
TEST(heal_logread_crlf_split_across_reads)
{
	int p[2];
	struct logread *r = NULL;
	struct logline ln;

	CHECK_INT(pipe(p), 0);
	CHECK_INT(write(p[1], "a\r", 2), 2);
	CHECK_INT(logread_open_fd(&r, p[0], "pipe", 0), 0);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.len, 1);
	CHECK_INT(write(p[1], "\nb\n", 3), 3);
	close(p[1]);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.len, 1);
	CHECK(ln.text[0] == 'b');
	CHECK_INT(ln.lineno, 2);
	CHECK_INT(logread_next(r, &ln), 0);
	logread_free(r);
	close(p[0]);
}

TEST(heal_logread_tracks_steps)
{
	const char *s =
		"Current runner version: '2.317.0'\n"
		"##[group]Run cargo build\n"
		"cargo build\n"
		"##[endgroup]\n"
		"##[group]Compiling\n"
		"error: boom\n"
		"##[endgroup]\n"
		"##[error]Process completed with exit code 101.\n"
		"##[group]Run echo hi\n"
		"##[error]Something else\n";
	struct logread *r = NULL;
	struct logline ln;

	CHECK_INT(logread_open_mem(&r, s, strlen(s), "t", 0), 0);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.step_no, 0);
	CHECK_STR(ln.step, "");
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.mark, LOGREAD_STEP);
	CHECK_INT(ln.step_no, 1);
	CHECK_STR(ln.step, "Run cargo build");
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.mark, LOGREAD_TEXT);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.mark, LOGREAD_ENDGROUP);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.mark, LOGREAD_GROUP);
	CHECK_INT(ln.step_no, 1);
	CHECK(ln.len == 9 && memcmp(ln.text, "Compiling", 9) == 0);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_STR(ln.step, "Run cargo build");
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.mark, LOGREAD_EXIT);
	CHECK_INT(ln.exit_code, 101);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.step_no, 2);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.mark, LOGREAD_TEXT);  /* other ##[error] lines are content */
	CHECK_INT(logread_next(r, &ln), 0);
	logread_free(r);
}

TEST(heal_logread_set_step)
{
	struct logread *r = NULL;
	struct logline ln;

	CHECK_INT(logread_open_mem(&r, "x\n", 2, "t", 0), 0);
	CHECK_INT(logread_set_step(r, "3_Build"), 0);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_STR(ln.step, "3_Build");
	CHECK_INT(ln.step_no, 1);
	logread_free(r);
}

TEST(heal_logread_read_error_names_input)
{
	struct logread *r = NULL;
	struct logline ln;

	CHECK_INT(logread_open_fd(&r, -1, "job.log", 0), 0);
	CHECK(logread_next(r, &ln) < 0);
	CHECK(strstr(err_last(), "job.log") != NULL);
	logread_free(r);
}
