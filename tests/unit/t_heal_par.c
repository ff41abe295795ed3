/* t_heal_par.c - a log read in parts on threads gives what one pass gives: cuts, entries, excerpts, caps. */
#include "unit.h"

#include "heal/analyze.h"
#include "heal/split.h"
#include "core/buf.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Appends every *.log of dir (sorted names do not matter: any order is a
 * log) to b. */
static void add_logs(struct buf *b, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[1024], tmp[8192];

	CHECK(d != NULL);
	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		FILE *f;

		if (n < 5 || strcmp(de->d_name + n - 4, ".log"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "rb");
		CHECK(f != NULL);
		while (f && (n = fread(tmp, 1, sizeof(tmp), f)) > 0)
			buf_add(b, tmp, n);
		if (f)
			fclose(f);
	}
	if (d)
		closedir(d);
}

/* The repository's real logs, `times` over, in a file; its fd. With crlf
 * every '\n' becomes "\r\n". */
static int log_file(const char *name, int times, int crlf, const char *pre)
{
	struct buf seed, all;
	char path[1024];
	int fd, i;
	size_t k;

	buf_init(&seed, 64u << 20);
	buf_init(&all, 256u << 20);
	add_logs(&seed, "tests/heal");
	add_logs(&seed, "tests/heal/real");
	add_logs(&seed, "examples/heal");
	buf_puts(&all, pre);
	for (i = 0; i < times; i++)
		for (k = 0; k < seed.len; k++) {
			if (crlf && seed.ptr[k] == '\n')
				buf_putc(&all, '\r');
			buf_putc(&all, seed.ptr[k]);
		}
	snprintf(path, sizeof(path), "%s/%s", unit_tmpdir(), name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_INT(write(fd, all.ptr, all.len), all.len);
	lseek(fd, 0, SEEK_SET);
	buf_release(&seed);
	buf_release(&all);
	return fd;
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void check_same_entry(const struct heal_entry *a, const struct heal_entry *b)
{
	size_t i;

	CHECK_STR(a->rule, b->rule);
	CHECK_STR(a->tool, b->tool);
	CHECK(same_str(a->file, b->file));
	CHECK_INT(a->line, b->line);
	CHECK_INT(a->col, b->col);
	CHECK_INT(a->end_line, b->end_line);
	CHECK_INT(a->sev, b->sev);
	CHECK(same_str(a->code, b->code));
	CHECK_STR(a->message, b->message);
	CHECK_STR(a->step, b->step);
	CHECK_INT(a->step_no, b->step_no);
	CHECK_INT(a->log_line, b->log_line);
	CHECK_INT(a->ncont, b->ncont);
	for (i = 0; i < a->ncont && i < b->ncont; i++)
		CHECK_STR(a->cont[i], b->cont[i]);
}

static void check_same(const struct heal_analysis *a, const struct heal_analysis *b)
{
	size_t i, n;

	CHECK_INT(a->entries.n, b->entries.n);
	CHECK_INT(a->entries.dropped, b->entries.dropped);
	CHECK_INT(a->lines, b->lines);
	CHECK_INT(a->bytes, b->bytes);
	for (i = 0; i < a->entries.n && i < b->entries.n; i++)
		check_same_entry(&a->entries.v[i], &b->entries.v[i]);
	CHECK((a->excerpt == NULL) == (b->excerpt == NULL));
	if (!a->excerpt || !b->excerpt)
		return;
	n = heal_excerpt_count(a->excerpt);
	CHECK_INT(heal_excerpt_count(b->excerpt), n);
	for (i = 0; i < n && i < heal_excerpt_count(b->excerpt); i++) {
		const struct heal_step_excerpt *x = heal_excerpt_get(a->excerpt, i);
		const struct heal_step_excerpt *y = heal_excerpt_get(b->excerpt, i);

		CHECK_STR(x->step, y->step);
		CHECK_INT(x->step_no, y->step_no);
		CHECK_INT(x->exit_code, y->exit_code);
		CHECK_STR(x->text, y->text);
		CHECK_INT(x->nlines, y->nlines);
		CHECK_INT(x->omitted, y->omitted);
	}
}

/* One pass and `threads` parts of at least min_part bytes over fd from
 * offset `at`: the same analysis. Returns the parts' count of cuts. */
static int compare(int fd, off_t at, size_t max_entries,
                   const struct heal_excerpt_opts *o, int threads,
                   size_t min_part)
{
	struct heal_par_opts one = { 1, 0 }, par = { threads, min_part };
	struct heal_analysis a, b;
	off_t cut[HEAL_PAR_MAX], end = lseek(fd, 0, SEEK_END);
	int ncut = heal_split(fd, "t", at, end, (size_t)threads, min_part, cut);

	lseek(fd, at, SEEK_SET);
	CHECK_INT(heal_analyze_fd_par(fd, "t", max_entries, o, &one, &a), 0);
	CHECK_INT(lseek(fd, 0, SEEK_CUR), end);
	lseek(fd, at, SEEK_SET);
	CHECK_INT(heal_analyze_fd_par(fd, "t", max_entries, o, &par, &b), 0);
	CHECK_INT(lseek(fd, 0, SEEK_CUR), end);
	check_same(&a, &b);
	heal_analysis_free(&a);
	heal_analysis_free(&b);
	return ncut;
}

/* The real logs (tests/heal, tests/heal/real, examples/heal) repeated:
 * cut into 2 to 8 parts of several sizes, they give the same entries,
 * line and step numbers, excerpts, counts and caps as one pass. */
TEST(heal_par_same_as_one_pass)
{
	static const size_t mins[] = { 1, 4096, 100000, 600000 };
	struct heal_excerpt_opts o, few, none;
	int fd = log_file("par.log", 8, 0, ""), t;
	size_t i;

	heal_excerpt_defaults(&o);
	few = o;
	few.max_steps = 3;
	none = o;
	none.max_steps = 0;
	for (t = 2; t <= HEAL_PAR_MAX; t += 3)
		for (i = 0; i < sizeof(mins) / sizeof(mins[0]); i++) {
			CHECK(compare(fd, 0, (size_t)-1, &o, t, mins[i]) > 0);
			compare(fd, 0, 1000, &few, t, mins[i]);
			compare(fd, 0, 7, &none, t, mins[i]);
		}
	close(fd);
}

/* CRLF line ends, a start offset past a partial first line (the fd's
 * offset is where a read starts), a BOM: still the same. */
TEST(heal_par_crlf_offset_bom)
{
	int fd = log_file("crlf.log", 4, 1, "\xef\xbb\xbfhead: x\r\npartial line\n");

	CHECK(compare(fd, 0, (size_t)-1, NULL, 3, 4096) > 0);
	CHECK(compare(fd, 5, (size_t)-1, NULL, 3, 4096) > 0);
	close(fd);
}

static int file_of(const char *name, const char *text)
{
	char path[1024];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", unit_tmpdir(), name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_INT(write(fd, text, strlen(text)), strlen(text));
	return fd;
}

/* A first line long enough that the cut is wanted inside it (at half
 * the file): the marker line after it is the first place to look. */
#define LEAD "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"

/* Only lines logread takes for a new step are cuts: not a nested group,
 * not a marker inside a line or after a lone '\r', not one after a BOM;
 * a timestamp or a colour before it does not matter. */
TEST(heal_split_only_step_lines)
{
	static const char *const no[] = {
		LEAD "##[group]Checkout details\ny\n",
		LEAD "echo ##[group]Run a\ny\n",
		LEAD "x\r##[group]Run a\ny\n",
		LEAD "\xef\xbb\xbf##[group]Run a\ny\n",
		LEAD "##[group]Run a",  /* no line end: the last line */
	};
	static const char *const yes[] = {
		LEAD "##[group]Run a\ny\n",
		LEAD "##[group]Post Run a\ny\n",
		LEAD "2025-04-07T12:57:33.2904078Z ##[group]Run a\ny\n",
		LEAD "\x1b[36m##[group]Run a\x1b[0m\r\ny\n",
	};
	off_t cut[2];
	size_t i;

	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		int fd = file_of("no.log", no[i]);

		CHECK_INT(heal_split(fd, "t", 0, (off_t)strlen(no[i]), 2, 1, cut), 0);
		close(fd);
	}
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		int fd = file_of("yes.log", yes[i]);

		CHECK_INT(heal_split(fd, "t", 0, (off_t)strlen(yes[i]), 2, 1, cut), 1);
		CHECK_INT(cut[0], sizeof(LEAD) - 1);
		close(fd);
	}
}

/* A log without step markers is read whole (no cut), and a cut is looked
 * for only within HEAL_SPLIT_SEARCH of where it is wanted. */
TEST(heal_split_no_marker_far)
{
	struct buf b;
	off_t cut[2];
	char path[1024];
	int fd;

	buf_init(&b, 64u << 20);
	while (b.len < 3 * HEAL_SPLIT_SEARCH)
		buf_puts(&b, "src/a.c:1:2: error: x\n");
	buf_puts(&b, "##[group]Run late\nlast\n");
	snprintf(path, sizeof(path), "%s/far.log", unit_tmpdir());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_INT(write(fd, b.ptr, b.len), b.len);
	/* wanted at half the file: the marker is more than the search away */
	CHECK_INT(heal_split(fd, "t", 0, (off_t)b.len, 2, 1, cut), 0);
	/* wanted at 9/10: it is within reach */
	CHECK_INT(heal_split(fd, "t", (off_t)b.len * 4 / 5, (off_t)b.len, 2, 1,
	                     cut), 1);
	CHECK_INT(cut[0], (off_t)b.len - 23);
	close(fd);
	buf_release(&b);
}
