/* t_annot.c - unit tests of annotation ranking, per-type limits and drop counts. */
#include "unit.h"
#include "core/buf.h"
#include "rt/annot.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char *slurp(FILE *f)
{
	struct buf b = BUF_INIT(1u << 24);
	char tmp[4096];
	ssize_t n;

	lseek(fileno(f), 0, SEEK_SET);
	while ((n = read(fileno(f), tmp, sizeof(tmp))) > 0)
		buf_add(&b, tmp, (size_t)n);
	return buf_detach(&b);
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

TEST(annot_keeps_best_ten_per_type)
{
	struct annot_sink s;
	struct ghcmd_props p = { NULL, "a.c", 0, 0, 0, 0 };
	char msg[32];
	int i;

	annot_init(&s);
	/* 25 errors with priorities 0..24 in scrambled order */
	for (i = 0; i < 25; i++) {
		int prio = (i * 7) % 25;
		snprintf(msg, sizeof(msg), "e%d", prio);
		p.line = prio + 1;
		CHECK_INT(annot_add(&s, GHCMD_ERROR, prio, &p, msg), 0);
	}
	for (i = 0; i < 3; i++)
		CHECK_INT(annot_add(&s, GHCMD_WARNING, 1, NULL, "w"), 0);
	CHECK_INT(annot_total(&s, GHCMD_ERROR), 25);
	CHECK_INT(annot_dropped(&s, GHCMD_ERROR), 15);
	CHECK_INT(annot_dropped(&s, GHCMD_WARNING), 0);
	CHECK_INT(annot_dropped(&s, GHCMD_NOTICE), 0);
	for (i = 0; i < 10; i++) {
		const struct annot *a = annot_get(&s, GHCMD_ERROR, (size_t)i);
		CHECK(a != NULL);
		CHECK_INT(a->priority, 24 - i);
		CHECK_INT(a->line, 24 - i + 1);
		CHECK_STR(a->file, "a.c");
	}
	CHECK(annot_get(&s, GHCMD_ERROR, 10) == NULL);
	annot_free(&s);
}

TEST(annot_ties_keep_arrival_order)
{
	struct annot_sink s;
	char msg[16];
	int i;

	annot_init(&s);
	for (i = 0; i < 12; i++) {
		snprintf(msg, sizeof(msg), "n%d", i);
		annot_add(&s, GHCMD_NOTICE, 5, NULL, msg);
	}
	annot_add(&s, GHCMD_NOTICE, 6, NULL, "late but better");
	CHECK_STR(annot_get(&s, GHCMD_NOTICE, 0)->msg, "late but better");
	CHECK_STR(annot_get(&s, GHCMD_NOTICE, 1)->msg, "n0");
	CHECK_STR(annot_get(&s, GHCMD_NOTICE, 9)->msg, "n8");
	CHECK_INT(annot_dropped(&s, GHCMD_NOTICE), 3);
	annot_free(&s);
}

TEST(annot_flush_emits_errors_then_warnings_then_notices)
{
	struct annot_sink s;
	size_t dropped[GHCMD_NLEVELS];
	FILE *f = tmpfile();
	struct ghcmd_props p = { "t,1", "x.c", 3, 0, 2, 0 };
	char *out, *e, *w, *n;
	int i;

	annot_init(&s);
	for (i = 0; i < 14; i++)
		annot_add(&s, GHCMD_WARNING, i, NULL, "warn");
	annot_add(&s, GHCMD_NOTICE, 0, NULL, "note");
	annot_add(&s, GHCMD_ERROR, -5, &p, "bad\nthing");
	CHECK_INT(annot_flush(&s, fileno(f)), 0);
	out = slurp(f);
	CHECK_INT(count(out, "::warning::warn\n"), 10);
	CHECK_INT(count(out, "\n"), 12);
	e = strstr(out, "::error title=t%2C1,file=x.c,line=3,col=2::bad%0Athing\n");
	w = strstr(out, "::warning::");
	n = strstr(out, "::notice::note\n");
	CHECK(e == out);
	CHECK(e && w && n && e < w && w < n);
	annot_dropped_all(&s, dropped);
	CHECK_INT(dropped[GHCMD_ERROR], 0);
	CHECK_INT(dropped[GHCMD_WARNING], 4);
	CHECK_INT(dropped[GHCMD_NOTICE], 0);
	free(out);
	fclose(f);
	annot_free(&s);
}

TEST(annot_limit_and_long_messages)
{
	struct annot_sink s;
	struct buf big = BUF_INIT(1u << 20);
	int i;

	annot_init(&s);
	annot_set_limit(&s, 2);
	for (i = 0; i < 5; i++)
		annot_add(&s, GHCMD_ERROR, i, NULL, "e");
	CHECK_INT(annot_dropped(&s, GHCMD_ERROR), 3);
	CHECK_INT(annot_get(&s, GHCMD_ERROR, 0)->priority, 4);
	annot_set_limit(&s, 0);
	CHECK_INT(annot_dropped(&s, GHCMD_ERROR), 5);
	annot_add(&s, GHCMD_ERROR, 100, NULL, "e");
	CHECK_INT(annot_dropped(&s, GHCMD_ERROR), 6);
	annot_free(&s);

	/* a huge message is stored cut (one unit past the runner's cap) */
	annot_init(&s);
	for (i = 0; i < 100000; i++)
		buf_putc(&big, 'm');
	annot_add(&s, GHCMD_ERROR, 0, NULL, big.ptr);
	CHECK_INT(annot_get(&s, GHCMD_ERROR, 0)->msg_len, GHCMD_MAX_UNITS + 1);
	CHECK(annot_add(&s, (enum ghcmd_level)7, 0, NULL, "x") < 0);
	annot_free(&s);
	buf_release(&big);
}
