/* fuzz_heal.c - libFuzzer target: heal's log reader, extractor and excerpt on arbitrary logs. */
#include "fuzz.h"

#include "heal/analyze.h"
#include "heal/logread.h"

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
	return 0;
}
