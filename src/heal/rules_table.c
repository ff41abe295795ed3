/* rules_table.c - the ordered rule library: which rules run, in which order, on which lines. */
#include "rules.h"

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

/* Lines that belong to a multi-line diagnostic already open, or start
 * one whose later lines would otherwise look like something else. */
static const struct rule all[] = {
	{ "rust-arrow", "rustc", r_rust_arrow, "-", RF_COLON },
	{ "go-frame", "go", r_go_frame, NULL, RF_COLON | RF_INDENTED },
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
	{ "linker", "ld", r_ld, "/lxairmpc", RF_COLON },
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
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

_Static_assert(N(all) <= 64, "by_key holds 64 rules");

struct rule_table rules_all = { all, N(all), { { 0 } }, { 0 } };

/* 1 when a line with features k may be offered to a rule with flags f. */
static int flags_allow(unsigned f, unsigned k)
{
	return !((f & RF_COLON && !(k & RK_COLON)) ||
	         (f & RF_NOCOLON && (k & RK_COLON)) ||
	         (f & RF_INDENTED && !(k & RK_INDENTED)) ||
	         (f & RF_TB && !(k & RK_TB)) ||
	         (f & RF_COL0 && (k & RK_INDENTED)));
}

static void index_table(struct rule_table *t)
{
	size_t i, c;
	unsigned k;

	for (i = 0; i < t->n; i++) {
		const unsigned char *f = (const unsigned char *)t->v[i].first;

		t->fn[i] = t->v[i].match;
		for (k = 0; k < RK_N; k++) {
			if (!flags_allow(t->v[i].flags, k))
				continue;
			if (!f) {
				for (c = 0; c < 256; c++)
					t->by_key[k][c] |= 1ull << i;
				continue;
			}
			for (c = 0; f[c]; c++)
				t->by_key[k][f[c]] |= 1ull << i;
		}
	}
}

void rules_init(void)
{
	static int done;

	if (done)
		return;
	index_table(&rules_all);
	done = 1;
}
