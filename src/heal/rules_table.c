/* rules_table.c - the ordered rule library: which rules run, in which order, on which lines. */
#include "rules.h"

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define PATH0 UPPER "abcdefghijklmnopqrstuvwxyz0123456789./_~"

/* Lines that belong to a multi-line diagnostic already open, or start
 * one whose later lines would otherwise look like something else. */
static const struct rule all[] = {
	{ "rust-arrow", "rustc", r_rust_arrow, "-", RF_COLON },
	{ "go-frame", "go", r_go_frame, NULL, RF_COLON | RF_INDENTED | RF_TAB },
	{ "pyyaml-location", "yaml", r_pyyaml_loc, "i", 0 },
	{ "python-traceback", "python", r_traceback, "T", 0 },
	{ "python-traceback", "python", r_traceback, NULL, RF_TB },
	{ "rust-header", "rustc", r_rust_header, "ew", RF_COLON },
	{ "pytest-explanation", "pytest", r_pytest_e, "E", 0 },

	/* Tool-specific lines, keyed on how they start. */
	{ "stylish-header", "generic", r_stylish_header, NULL, RF_NOCOLON | RF_COL0 },
	{ "rust-summary", "rustc", r_rust_skip, "ewt-f", 0 },
	{ "rust-panic", "rustc", r_rust_panic, "t", RF_COLON },
	{ "make", "make", r_make, "mg/", RF_COLON },
	{ "linker", "ld", r_ld, "/lxairmpc", RF_COLON | RF_NOCDIGIT },
	{ "cmake", "cmake", r_cmake, "C", RF_COLON },
	{ "npm", "npm", r_npm, "n", 0 },
	{ "key-value", "generic", r_keyval, "ewiEWI", 0 },
	{ "yarn", "yarn", r_yarn, "e\xe2", 0 },
	{ "pnpm", "pnpm", r_pnpm, "E[", 0 },
	{ "jest", "jest", r_jest, "F\xe2", 0 },
	{ "pytest-summary", "pytest", r_pytest, "FE_", 0 },
	{ "black", "black", r_black, "w", 0 },
	{ "go-panic", "go", r_go_panic, "p", RF_COLON },
	{ "go-summary", "go", r_go_skip, "-Fo#", 0 },
	{ "go-vet", "go", r_go_vet, "v", RF_COLON },
	{ "logfmt-error", "generic", r_logfmt, "tl", 0 },
	{ "docker", "docker", r_docker, "#EefTd", RF_COLON }, /* all its lines have one */
	{ "helm", "helm", r_helm, "[E", RF_COLON },
	{ "kubectl", "kubectl", r_kubectl, "EeUT", RF_COLON },
	{ "yaml", "yaml", r_yaml, "y", RF_COLON },
	{ "github-workflow", "github", r_gh_workflow, "I", RF_COLON },
	{ "github-permission", "github", r_gh_permission, "Rr", 0 },
	{ "terraform", "terraform", r_terraform, "\xe2", 0 },
	{ "shellcheck-location", "shellcheck", r_shellcheck_at, "I", RF_COLON },
	{ "shellcheck", "shellcheck", r_shellcheck, "^", RF_COLON },
	{ "excerpt-file", "generic", r_excerpt_file, "/", RF_NOCOLON | RF_INDENTED },
	{ "excerpt-line", "generic", r_excerpt_line, "L", RF_INDENTED },
	{ "code-header", "generic", r_code_header, UPPER, 0 },

	/* Generic location formats, last: they match the most. r_location looks
	 * at the bytes around the line's first ':' and runs the one parser that
	 * can match (colon, paren, bracket, compact forms; a linker section; a
	 * lone "Dockerfile:N"). Signatures found
	 * anywhere in a line come after them: a line with a location is reported
	 * at that location. */
	{ "stylish-row", "generic", r_stylish_row, "0123456789", RF_COLON },
	{ "location", "generic", r_location, NULL, RF_COLON },
	{ "colon-keywords", "generic", r_colon_keywords, NULL, RF_COLON },
	{ "severity-file", "generic", r_sev_file, "EeWwFf[", RF_COLON },
	{ "severity-line", "generic", r_sev_line, "eEfFw", RF_COLON },
	/* "FILE: msg at line L, column C." (perlcritic): last, so that only
	 * lines no other rule took pay for it, and only on lines that start
	 * as a path does (not CMake's "-- Found X: /usr") */
	{ "at-line", "generic", r_at_line, PATH0, RF_COLON | RF_COL0 | RF_NOCDIGIT },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(N(all) <= 64, "by_key holds 64 rules");

struct rule_table rules_all = { all, N(all), { { 0 } }, { 0 } };

/* 0 for the keys no line has: RK_TAB needs RK_INDENTED, RK_CDIGIT
 * RK_COLON (their rows are never read). */
static int key_valid(unsigned k)
{
	return !((k & RK_TAB && !(k & RK_INDENTED)) ||
	         (k & RK_CDIGIT && !(k & RK_COLON)));
}

/* by_key[k][c] = (rules listing c or no first byte) & (rules whose RF_
 * flags allow a line with features k); the flags as one rule mask each. */
static void index_table(struct rule_table *t)
{
	unsigned long long first[256] = { 0 }, any = 0, fl[7] = { 0 };
	size_t i, c;
	unsigned k, b;

	for (i = 0; i < t->n; i++) {
		const unsigned char *f = (const unsigned char *)t->v[i].first;

		t->fn[i] = t->v[i].match;
		for (b = 0; b < 7; b++)
			if (t->v[i].flags & 1u << b)
				fl[b] |= 1ull << i;
		if (!f)
			any |= 1ull << i;
		else
			for (c = 0; f[c]; c++)
				first[f[c]] |= 1ull << i;
	}
	_Static_assert(RF_COLON == 1 && RF_NOCOLON == 2 && RF_INDENTED == 4 &&
	               RF_TB == 8 && RF_COL0 == 16 && RF_TAB == 32 &&
	               RF_NOCDIGIT == 64, "fl[] is indexed by RF_ bit");
	for (k = 0; k < RK_N; k++) {
		unsigned long long deny, allow;

		if (!key_valid(k))
			continue;
		deny = (k & RK_COLON ? fl[1] : fl[0]) |
		       (k & RK_INDENTED ? fl[4] : fl[2]) |
		       (k & RK_TB ? 0 : fl[3]) |
		       (k & RK_TAB ? 0 : fl[5]) |
		       (k & RK_CDIGIT ? fl[6] : 0);
		allow = ~deny;
		for (c = 0; c < 256; c++)
			t->by_key[k][c] = (first[c] | any) & allow;
	}
}

void rules_init(void)
{
	static int done;

	if (done)
		return;
	scan_init();
	index_table(&rules_all);
	done = 1;
}
