/* opt.h - option tables that drive both parsing and --help. */
#ifndef SHIP_OPT_H
#define SHIP_OPT_H

#include <stddef.h>
#include <stdio.h>

enum opt_type {
	OPT_FLAG,   /* --name, no value ("true" when given) */
	OPT_STR,    /* --name VALUE or --name=VALUE */
	OPT_INT,    /* like OPT_STR, checked to be a whole number */
	OPT_LIST    /* repeatable OPT_STR; values kept in order */
};

/* Where a value came from; a higher source wins (DESIGN.md §3). */
enum opt_source {
	OPT_SRC_NONE = 0,
	OPT_SRC_DEFAULT,
	OPT_SRC_CONFIG,  /* .ship.yml */
	OPT_SRC_ENV,     /* SHIP_<NAME> */
	OPT_SRC_INPUT,   /* INPUT_<NAME>, from the action */
	OPT_SRC_FLAG     /* the command line */
};

/*
 * One row of a command's option table. `name` is the long option and
 * also the key in .ship.yml, INPUT_* and SHIP_* (dashes kept for the
 * action input, underscores for SHIP_*). A table ends with a row whose
 * name is NULL. Secrets are never options: they come from the
 * environment or files (see DESIGN.md §3).
 */
struct opt_spec {
	const char *name;
	char short_name;
	enum opt_type type;
	const char *arg;   /* metavariable in help, e.g. "FILE" */
	const char *def;   /* default as text, or NULL */
	const char *help;
};

#define OPT_END { NULL, 0, OPT_FLAG, NULL, NULL, NULL }

/* One value slot per spec row. */
struct opt_value {
	const struct opt_spec *spec;
	enum opt_source src;
	char *str;       /* OPT_FLAG/STR/INT: owned copy, or NULL */
	char **list;     /* OPT_LIST: owned NULL-terminated array */
	size_t nlist;
};

/* Parsed options for one command: its own table plus the global one. */
struct opt_set {
	struct opt_value *v;
	size_t n;
	char **rest;     /* positional arguments (borrowed from argv) */
	int nrest;
	int help;        /* --help / -h was given */
};

/*
 * Parses argv (argv[0] is the command name) against the tables (each
 * OPT_END-terminated; `global` may be NULL). Defaults are applied as
 * OPT_SRC_DEFAULT. Unknown options, missing values and non-integers
 * fail with ERR_USAGE and a message naming the option. `--` ends
 * options. The set owns its values: free with opt_set_release().
 */
int opt_parse(struct opt_set *set, const struct opt_spec *cmd,
	      const struct opt_spec *global, int argc, char **argv);
void opt_set_release(struct opt_set *set);

/* The slot for `name`, or NULL when no table has it. Borrowed. */
struct opt_value *opt_find(const struct opt_set *set, const char *name);
/* The value of a string/int option, or NULL. Borrowed. */
const char *opt_str(const struct opt_set *set, const char *name);
/* 1 when a flag is set (true/1/yes/on), else 0. */
int opt_flag(const struct opt_set *set, const char *name);
/* The integer value, or `def` when unset. */
long opt_int(const struct opt_set *set, const char *name, long def);
/* The values of a list option (NULL-terminated, possibly empty). */
char *const *opt_list(const struct opt_set *set, const char *name, size_t *n);

/*
 * Sets a value from a lower-precedence source (config, env, input). It
 * takes effect only when src is at least the current source; lists are
 * replaced, not merged. Validates like the parser (ERR_USAGE with the
 * name of `origin`, e.g. "INPUT_FAIL-ON", on a bad value). 0 or error.
 */
int opt_set_value(struct opt_set *set, const char *name, const char *value,
		  enum opt_source src, const char *origin);

/* Writes the help for a command: usage line, summary, then one line per
 * option (both tables), generated from the tables only. */
void opt_help(FILE *f, const char *usage, const char *summary,
	      const struct opt_spec *cmd, const struct opt_spec *global);

#endif
