/* fuzz_heal.c - libFuzzer target: heal's log reader, extractor and excerpt on arbitrary logs, whole and in parts. */
#include "fuzz.h"

#include "heal/analyze.h"
#include "heal/logread.h"
#include "core/buf.h"

#include <sys/mman.h>
#include <unistd.h>

/* Every entry and excerpt respects the documented caps. */
static void check(const struct heal_analysis *a, const struct heal_excerpt_opts *o)
{
	size_t i, j;

	for (i = 0; i < a->entries.n; i++) {
		const struct heal_entry *e = &a->entries.v[i];

		FUZZ_ASSERT(e->message && strlen(e->message) < HEAL_MAX_MESSAGE);
		FUZZ_ASSERT(!e->file || strlen(e->file) < HEAL_MAX_FILE);
		FUZZ_ASSERT(!e->code || strlen(e->code) < HEAL_MAX_CODE);
		FUZZ_ASSERT(e->ncont <= HEAL_MAX_CONT);
		for (j = 0; j < e->ncont; j++)
			FUZZ_ASSERT(strlen(e->cont[j]) <= HEAL_MAX_CONT_LEN);
		FUZZ_ASSERT(e->rule && e->tool);
	}
	FUZZ_ASSERT(heal_excerpt_count(a->excerpt) <= o->max_steps);
	for (i = 0; i < heal_excerpt_count(a->excerpt); i++) {
		const struct heal_step_excerpt *s = heal_excerpt_get(a->excerpt, i);

		FUZZ_ASSERT(s->nlines <= o->max_lines);
		FUZZ_ASSERT(strlen(s->text) <= o->max_bytes + HEAL_EXCERPT_LINE_MAX);
	}
}

/* The reader alone with a tiny line cap: truncation and CR/LF handling. */
static void read_small_cap(const uint8_t *data, size_t size)
{
	struct logread *r = NULL;
	struct logline ln;
	int rc;

	if (logread_open_mem(&r, data, size, "fuzz.log", 16))
		abort();
	while ((rc = logread_next(r, &ln)) == 1)
		FUZZ_ASSERT(ln.len <= 16 && !memchr(ln.text, '\n', ln.len) &&
		            !memchr(ln.text, '\r', ln.len));
	FUZZ_ASSERT(rc == 0);
	logread_free(r);
}

/* A source that hands out the input in pieces of 1 to 64 bytes, their
 * sizes taken from the input itself: every refill path of the reader. */
struct pieces {
	const uint8_t *p;
	size_t n, at;
};

static long piece_read(void *ctx, char *buf, size_t n)
{
	struct pieces *s = ctx;
	size_t k = s->at < s->n ? 1 + s->p[s->at] % 64 : 0;

	if (k > n)
		k = n;
	if (k > s->n - s->at)
		k = s->n - s->at;
	memcpy(buf, s->p + s->at, k);
	s->at += k;
	return (long)k;
}

/* The reader through small pieces gives exactly the lines of the reader
 * over the whole input in memory (text, colon, number, mark, step), and
 * the colon is the text's first ':'. */
static void read_in_pieces(const uint8_t *data, size_t size)
{
	struct pieces src = { data, size, 0 };
	struct logread *a = NULL, *b = NULL;
	struct logline x, y;
	int ra, rb;

	if (logread_open_mem(&a, data, size, "fuzz.log", 100) ||
	    logread_open_fn(&b, piece_read, &src, "fuzz.log", 100))
		abort();
	for (;;) {
		ra = logread_next(a, &x);
		rb = logread_next(b, &y);
		FUZZ_ASSERT(ra == rb);
		if (ra != 1)
			break;
		FUZZ_ASSERT(x.len == y.len && !memcmp(x.text, y.text, x.len));
		FUZZ_ASSERT((x.colon ? x.colon - x.text : -1) == (y.colon ? y.colon - y.text : -1));
		FUZZ_ASSERT(x.colon == memchr(x.text, ':', x.len));
		FUZZ_ASSERT(x.lineno == y.lineno && x.truncated == y.truncated);
		FUZZ_ASSERT(x.mark == y.mark && x.step_no == y.step_no && !strcmp(x.step, y.step));
	}
	logread_free(a);
	logread_free(b);
}

/* Every field of an analysis, one line each, for comparing two of them. */
static void digest(const struct heal_analysis *a, struct buf *b)
{
	size_t i, j;

	buf_printf(b, "%zu %zu %zu %llu\n", a->entries.n, a->entries.dropped,
	           a->lines, a->bytes);
	for (i = 0; i < a->entries.n; i++) {
		const struct heal_entry *e = &a->entries.v[i];

		buf_printf(b, "%s|%s|%s|%ld|%ld|%ld|%d|%s|%s|%s|%d|%zu|%zu\n",
		           e->rule, e->tool, e->file ? e->file : "-", e->line,
		           e->col, e->end_line, (int)e->sev, e->code ? e->code : "-",
		           e->message, e->step, e->step_no, e->log_line, e->ncont);
		for (j = 0; j < e->ncont; j++)
			buf_printf(b, "\t%s\n", e->cont[j]);
	}
	for (i = 0; i < heal_excerpt_count(a->excerpt); i++) {
		const struct heal_step_excerpt *s = heal_excerpt_get(a->excerpt, i);

		buf_printf(b, "=%s|%d|%d|%zu|%zu\n%s", s->step, s->step_no,
		           s->exit_code, s->nlines, s->omitted, s->text);
	}
}

/* The input as a file read in parts of at least one byte on threads
 * (analyze_par.c) gives what one pass gives. Only inputs with a group
 * marker can have a cut. */
static void read_in_parts(const uint8_t *data, size_t size,
                          const struct heal_excerpt_opts *o)
{
	struct heal_par_opts one = { 1, 0 }, parts = { 4, 1 };
	struct heal_analysis a, b;
	struct buf da, db;
	int fd, ra, rb;

	if (!size || !memmem(data, size, "##[group]", 9))
		return;
	fd = memfd_create("fuzz.log", 0);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		abort();
	lseek(fd, 0, SEEK_SET);
	ra = heal_analyze_fd_par(fd, "fuzz.log", 50, o, &one, &a);
	lseek(fd, 0, SEEK_SET);
	rb = heal_analyze_fd_par(fd, "fuzz.log", 50, o, &parts, &b);
	close(fd);
	FUZZ_ASSERT(ra == 0 && rb == 0);
	buf_init(&da, 64u << 20);
	buf_init(&db, 64u << 20);
	digest(&a, &da);
	digest(&b, &db);
	FUZZ_ASSERT(da.len == db.len && !memcmp(da.ptr, db.ptr, da.len));
	buf_release(&da);
	buf_release(&db);
	heal_analysis_free(&a);
	heal_analysis_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct heal_excerpt_opts o;
	struct heal_analysis a;

	heal_excerpt_defaults(&o);
	o.max_lines = 20;
	o.max_bytes = 2048;
	o.max_steps = 3;
	if (heal_analyze_mem((const char *)data, size, "fuzz.log",
	                     size && data[0] == 'S' ? "step" : NULL, 50, &o, &a) == 0) {
		check(&a, &o);
		heal_analysis_free(&a);
	}
	read_small_cap(data, size);
	read_in_pieces(data, size);
	read_in_parts(data, size, &o);
	return 0;
}
