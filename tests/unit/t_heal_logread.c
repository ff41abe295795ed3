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

TEST(heal_logread_colon)
{
	const char *s = "2025-04-07T12:57:33.2904078Z error: x\n"
	                "2025-04-07T12:57:33.2904078Z no colon here\n"
	                "\x1b[1m\x1b[31merror\x1b[0m: y\n"
	                "plain: z\r\n"
	                "##[group]Run a: b\n"
	                "\n";
	struct logread *r = NULL;
	struct logline ln;

	CHECK_INT(logread_open_mem(&r, s, strlen(s), "t", 0), 0);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK(ln.colon == ln.text + 5);  /* not a ':' of the timestamp */
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK(ln.colon == NULL);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK(ln.len == 8 && ln.colon == ln.text + 5);  /* in the cleaned text */
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK(ln.colon == ln.text + 5);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.mark, LOGREAD_STEP);
	CHECK(ln.colon == ln.text + 5);  /* text is the title "Run a: b" */
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK(ln.len == 0 && ln.colon == NULL);
	CHECK_INT(logread_next(r, &ln), 0);
	logread_free(r);
}

/* A pseudo-random number below n (a fixed sequence from *x). */
static size_t rnd(unsigned long long *x, size_t n)
{
	*x = *x * 6364136223846793005ull + 1442695040888963407ull;
	return (size_t)((*x >> 33) % n);
}

/* A deterministic mixed log: lines of 0 to ~300 bytes (a few of 20000,
 * longer than the reader's 16 KiB segments), ':' anywhere, timestamps,
 * ESC sequences, "\n", "\r\n" and lone "\r". */
static char *mixed_log(size_t want, size_t *len)
{
	char *s = malloc(want + 30000);
	unsigned long long x = 12345;
	size_t o = 0;

	while (s && o < want) {
		size_t n = rnd(&x, 50) == 0 ? 20000 :
		           rnd(&x, 8) == 0 ? 64 + rnd(&x, 250) : rnd(&x, 90);

		if (rnd(&x, 4) == 0) {
			memcpy(s + o, "2025-04-07T12:57:33.2904078Z ", 29);
			o += 29;
		}
		for (size_t i = 0; i < n; i++) {
			size_t k = rnd(&x, 200);

			s[o++] = k < 3 ? ':' : k == 3 ? 0x1b : k == 4 ? '[' :
			         k == 5 ? 'm' : (char)('a' + k % 26);
		}
		switch (rnd(&x, 10)) {
		case 0:
			s[o++] = '\r';
			s[o++] = '\n';
			break;
		case 1:
			s[o++] = '\r';
			break;
		default:
			s[o++] = '\n';
		}
	}
	*len = o;
	return s;
}

struct seen {
	size_t n, len, colon, lineno;
	unsigned long long sum;
};

/* Reads all lines; checks colon == memchr(text, ':', len) on each one. */
static void read_all(struct logread *r, struct seen *v)
{
	struct logline ln;
	int rc;

	memset(v, 0, sizeof(*v));
	while ((rc = logread_next(r, &ln)) == 1) {
		const char *c = memchr(ln.text, ':', ln.len);

		if (ln.colon != c)
			unit_fail(__FILE__, __LINE__, "line %zu: colon at %td, not %td",
			          ln.lineno, ln.colon ? ln.colon - ln.text : -1,
			          c ? c - ln.text : -1);
		v->n++;
		v->len += ln.len;
		v->colon += c ? (size_t)(c - ln.text) + 1 : 0;
		v->lineno = ln.lineno;
		for (size_t i = 0; i < ln.len; i++)
			v->sum = v->sum * 31 + (unsigned char)ln.text[i] + ln.truncated;
	}
	CHECK_INT(rc, 0);
}

/* The colon of every line, in memory and fd modes (the fd mode refills
 * its window several times), with the default and a small cap: the same
 * lines both ways. */
TEST(heal_logread_colon_mixed)
{
	size_t len, caps[] = { 0, 1000 };
	char *s = mixed_log(900000, &len);
	char path[512];
	FILE *f;

	CHECK(s != NULL);
	if (!s)
		return;
	snprintf(path, sizeof(path), "%s/mixed.log", unit_tmpdir());
	f = fopen(path, "wb");
	CHECK(f != NULL);
	if (!f) {
		free(s);
		return;
	}
	fwrite(s, 1, len, f);
	fclose(f);
	for (size_t k = 0; k < 2; k++) {
		struct logread *r = NULL;
		struct seen a, b;
		int fd = open(path, O_RDONLY);

		CHECK_INT(logread_open_mem(&r, s, len, "t", caps[k]), 0);
		read_all(r, &a);
		logread_free(r);
		CHECK(fd >= 0);
		CHECK_INT(logread_open_fd(&r, fd, path, caps[k]), 0);
		read_all(r, &b);
		logread_free(r);
		close(fd);
		CHECK(a.n > 1000);
		CHECK_INT(a.n, b.n);
		CHECK_INT(a.len, b.len);
		CHECK_INT(a.colon, b.colon);
		CHECK_INT(a.lineno, b.lineno);
		CHECK(a.sum == b.sum);
	}
	free(s);
}

/* Lines of 100 bytes with a ':' near the end: some cross the reader's
 * segment boundaries (every 16 KiB) and 64-byte mask words. */
TEST(heal_logread_colon_across_segments)
{
	size_t n = 100000, i;
	char *s = malloc(n);
	struct logread *r = NULL;
	struct logline ln;
	size_t lines = 0;

	CHECK(s != NULL);
	if (!s)
		return;
	for (i = 0; i < n; i++)
		s[i] = i % 101 == 100 ? '\n' : i % 101 == 90 ? ':' : 'x';
	CHECK_INT(logread_open_mem(&r, s, n, "t", 0), 0);
	while (logread_next(r, &ln) == 1) {
		lines++;
		if (ln.len == 100)
			CHECK(ln.colon == ln.text + 90);
		else
			CHECK(ln.colon == (ln.len > 90 ? ln.text + 90 : NULL));
	}
	CHECK_INT(lines, n / 101 + 1);
	logread_free(r);
	free(s);
}

/* Memory mode near the end of the input: inputs of exact sizes (so a
 * sanitizer sees any read past them) whose last line ends there, with or
 * without a terminator, the ':' its last byte. */
TEST(heal_logread_colon_at_end_of_memory)
{
	static const size_t sizes[] = { 1, 2, 63, 64, 65, 127, 128, 129,
	                                16384, 16447, 16448 };

	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		for (int t = 0; t < 3; t++) {
			size_t n = sizes[k];
			char *s = malloc(n);
			struct logread *r = NULL;
			struct logline ln;

			CHECK(s != NULL);
			if (!s)
				return;
			for (size_t i = 0; i < n; i++)
				s[i] = i % 40 == 39 ? '\n' : 'y';
			/* ends in ':', in ":\n" or in ":\r" */
			s[n - 1] = t == 0 ? ':' : t == 1 ? '\n' : '\r';
			if (t && n > 1)
				s[n - 2] = ':';
			CHECK_INT(logread_open_mem(&r, s, n, "t", 0), 0);
			while (logread_next(r, &ln) == 1) {
				CHECK(ln.colon == memchr(ln.text, ':', ln.len));
				if (ln.len && ln.text + ln.len == s + n - (t != 0))
					CHECK(ln.colon == ln.text + ln.len - 1);
			}
			CHECK_INT(logread_bytes(r), n);
			logread_free(r);
			free(s);
		}
	}
}

/* Lines over a small cap that end inside one 16 KiB segment: still cut
 * at the cap, the rest skipped, and the lines after them intact. */
TEST(heal_logread_cap_inside_segment)
{
	char s[3000];
	size_t o = 0, lines = 0;
	struct logread *r = NULL;
	struct logline ln;

	for (int k = 0; k < 12; k++) {
		size_t n = k % 2 ? 150 : 30;

		memset(s + o, k % 2 ? 'L' : 's', n);
		s[o + n - 1] = ':';
		o += n;
		s[o++] = '\n';
	}
	CHECK_INT(logread_open_mem(&r, s, o, "t", 100), 0);
	while (logread_next(r, &ln) == 1) {
		if (lines++ % 2) {
			CHECK_INT(ln.len, 100);
			CHECK_INT(ln.truncated, 1);
			CHECK(ln.colon == NULL);
		} else {
			CHECK_INT(ln.len, 30);
			CHECK_INT(ln.truncated, 0);
			CHECK(ln.colon == ln.text + 29);
		}
		CHECK_INT(ln.lineno, lines);
	}
	CHECK_INT(lines, 12);
	logread_free(r);
}

/* A source that gives its text in two reads split at `at`. */
struct two_reads {
	const char *s;
	size_t at, off;
};

static long two_read(void *ctx, char *buf, size_t n)
{
	struct two_reads *t = ctx;
	size_t stop = t->off < t->at ? t->at : strlen(t->s);
	size_t k = stop - t->off < n ? stop - t->off : n;

	memcpy(buf, t->s + t->off, k);
	t->off += k;
	return (long)k;
}

/* A line of exactly the cap whose end comes in the next read is whole,
 * not cut: the reader waits for the byte after the cap (found by the
 * fuzzer comparing piecewise reads with the memory reader). */
TEST(heal_logread_cap_line_end_in_next_read)
{
	char text[64];
	struct two_reads src;
	struct logread *r = NULL;
	struct logline ln;

	memset(text, 'a', 16);
	strcpy(text + 16, "\nnext: line\n");
	src.s = text;
	src.at = 16;
	src.off = 0;
	CHECK_INT(logread_open_fn(&r, two_read, &src, "t", 16), 0);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.len, 16);
	CHECK_INT(ln.truncated, 0);
	CHECK_INT(logread_next(r, &ln), 1);
	CHECK_INT(ln.lineno, 2);
	CHECK(ln.len == 10 && !memcmp(ln.text, "next: line", 10));
	CHECK(ln.colon == ln.text + 4);
	CHECK_INT(logread_next(r, &ln), 0);
	logread_free(r);
}

/* logread_bytes() counts every byte consumed, the '\n' of a "\r\n" too,
 * whether the pair comes in one read or is split across two (it used to
 * miss the '\n' in the first case: bytes under the input's size). */
TEST(heal_logread_bytes_count_crlf)
{
	static const char *const in[] = {
		"a\r\nb\r\n", "x: y\r\n\r\n\rz\r\n", "no end\r", "\r\n\r\n\n",
	};
	size_t i, at;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		size_t n = strlen(in[i]);
		struct logread *r = NULL;
		struct logline ln;

		CHECK_INT(logread_open_mem(&r, in[i], n, "t", 0), 0);
		while (logread_next(r, &ln) == 1)
			;
		CHECK_INT(logread_bytes(r), n);
		logread_free(r);
		for (at = 1; at < n; at++) {
			struct two_reads src = { in[i], at, 0 };

			CHECK_INT(logread_open_fn(&r, two_read, &src, "t", 0), 0);
			while (logread_next(r, &ln) == 1)
				;
			CHECK_INT(logread_bytes(r), n);
			logread_free(r);
		}
	}
}
