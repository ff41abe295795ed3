/* config.h - configuration precedence: flags > INPUT_* > SHIP_* > .ship.yml > defaults; secrets. */
#ifndef SHIP_CONFIG_H
#define SHIP_CONFIG_H

#include <stddef.h>
#include "core/opt.h"
#include "core/yml.h"

/*
 * Option `fail-on` can be set, highest first, by:
 *   --fail-on X                  (opt_parse, OPT_SRC_FLAG)
 *   INPUT_FAIL-ON=X              (the runner's name for action input
 *                                 `fail-on`: uppercased, spaces to '_',
 *                                 dashes kept; OPT_SRC_INPUT)
 *   SHIP_FAIL_ON=X               (OPT_SRC_ENV)
 *   fail-on: X  in .ship.yml     (top level for global options, or in
 *                                 the phase's section; OPT_SRC_CONFIG)
 *   the table's default          (OPT_SRC_DEFAULT)
 * Empty environment values count as unset (the runner sets inputs that
 * have no value to ""). Flag values from the environment or the file
 * must be true/false/yes/no/on/off/1/0. List options take one value per
 * line from the environment and a YAML list (or one value) from the file.
 */

/* "true" or "false" for a boolean word (true/yes/on/1, false/no/off/0,
 * any case), else NULL. Static strings. */
const char *config_bool_word(const char *s);

/* INPUT_<NAME> for option name: "fail-on" -> "INPUT_FAIL-ON". */
void config_input_var(char *out, size_t outsz, const char *name);
/* SHIP_<NAME> for option name: "fail-on" -> "SHIP_FAIL_ON". */
void config_env_var(char *out, size_t outsz, const char *name);

/* Applies INPUT_* then SHIP_* (getenv) to every option of set. 0 or
 * ERR_USAGE naming the variable. */
int config_apply_env(struct opt_set *set);

/* A section of .ship.yml: a command name and its option table. */
struct config_section {
	const char *name;
	const struct opt_spec *opts;
};

/*
 * Applies a parsed .ship.yml to set for command `phase`: top-level keys
 * must be options of `global` or section names (all of `sections` are
 * checked, so a typo in any section fails every phase the same way);
 * keys of section `phase` are applied. Keys may use '-' or '_'.
 * An unknown key fails with ERR_USAGE: "FILE: line L, column C: unknown
 * key 'x' ...". An empty document is fine.
 */
int config_apply_file(struct opt_set *set, const struct yml_doc *doc,
		      const struct opt_spec *global,
		      const struct config_section *sections, size_t nsections,
		      const char *phase);

/*
 * Loads the configuration file: `path` when given (absent = error), else
 * ".ship.yml" in the working directory when it exists (*out = NULL when
 * there is none). *out is caller-owned (yml_free). Size cap BUF_MAX_CONFIG.
 */
int config_load(struct yml_doc **out, const char *path);

/*
 * Secrets: never options. config_secret(name) looks, in order, at
 * values handed over by the Ansible args file (config_put_secret),
 * INPUT_<NAME>, SHIP_<NAME>, each variable in `fallback_env` (NULL-
 * terminated, e.g. {"GITHUB_TOKEN", NULL}), then the file named by
 * SHIP_<NAME>_FILE (trailing newline dropped, 64 KiB cap). Every value
 * found is registered with log_add_secret() before it is returned.
 * *out is borrowed until config_clear_secrets(). ERR_NOTFOUND when
 * none is set; ERR_INVALID for an unreadable file or a NUL byte.
 */
int config_secret(const char *name, const char *const *fallback_env, const char **out);
/* Stores a secret from a non-flag source (the Ansible args file). */
int config_put_secret(const char *name, const char *value);
/* 1 when an option or argument name looks like a secret
 * (token, password, secret, api-key, private-key...) and does not end
 * in file/path/dir (those name where a secret is). */
int config_is_secret_name(const char *name);
void config_clear_secrets(void);

#endif
