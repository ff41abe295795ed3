/* config.c - apply INPUT_*, SHIP_* and .ship.yml under the command-line flags; read secrets. */
#include "rt/config.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/log.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONFIG_DEFAULT_FILE ".ship.yml"
#define CONFIG_MAX_SECRET (64u << 10)
#define CONFIG_MAX_SECRETS 16

static void config_var(char *out, size_t outsz, const char *prefix,
		       const char *name, int dash_to_underscore)
{
	size_t n = strlen(prefix), i;

	if (!outsz)
		return;
	snprintf(out, outsz, "%s", prefix);
	for (i = 0; name[i] && n + 1 < outsz; i++) {
		char c = name[i];
		if (c == ' ' || (c == '-' && dash_to_underscore))
			c = '_';
		out[n++] = (char)toupper((unsigned char)c);
	}
	out[n] = '\0';
}

void config_input_var(char *out, size_t outsz, const char *name)
{
	config_var(out, outsz, "INPUT_", name, 0);
}

void config_env_var(char *out, size_t outsz, const char *name)
{
	config_var(out, outsz, "SHIP_", name, 1);
}

const char *config_bool_word(const char *s)
{
	static const char *const t[] = { "true", "yes", "on", "1" };
	static const char *const f[] = { "false", "no", "off", "0" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (!strcasecmp(s, t[i]))
			return "true";
		if (!strcasecmp(s, f[i]))
			return "false";
	}
	return NULL;
}

/* Sets one value from text; flags are checked to be boolean words. */
static int config_set_text(struct opt_set *set, struct opt_value *v, const char *s,
			   enum opt_source src, const char *origin)
{
	const char *b;

	if (v->spec->type == OPT_FLAG) {
		if (!(b = config_bool_word(s)))
			return err_setc(ERR_USAGE, "%s: '%s' is not true or false",
					origin, s);
		s = b;
	}
	return opt_set_value(set, v->spec->name, s, src, origin);
}

/* One environment value: lists take one item per line. */
static int config_set_env(struct opt_set *set, struct opt_value *v, const char *s,
			  enum opt_source src, const char *origin)
{
	char *copy, *line, *next;
	int rc = 0;

	if (v->spec->type != OPT_LIST)
		return config_set_text(set, v, s, src, origin);
	if (!(copy = strdup(s)))
		return err_set("out of memory");
	for (line = copy; line && !rc; line = next) {
		size_t n;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		n = strlen(line);
		while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
			line[--n] = '\0';
		while (*line == ' ')
			line++;
		if (!*line)
			continue;
		rc = opt_set_value(set, v->spec->name, line, src, origin);
	}
	free(copy);
	return rc;
}

int config_apply_env(struct opt_set *set)
{
	char var[160];
	const char *s;
	size_t i;
	int rc;

	for (i = 0; i < set->n; i++) {
		struct opt_value *v = &set->v[i];
		config_input_var(var, sizeof(var), v->spec->name);
		if ((s = getenv(var)) && *s &&
		    (rc = config_set_env(set, v, s, OPT_SRC_INPUT, var)))
			return rc;
		config_env_var(var, sizeof(var), v->spec->name);
		if ((s = getenv(var)) && *s &&
		    (rc = config_set_env(set, v, s, OPT_SRC_ENV, var)))
			return rc;
	}
	return 0;
}

/* The spec named by a YAML key ('_' and '-' both accepted), or NULL. */
static const struct opt_spec *config_spec(const struct opt_spec *t, const char *key)
{
	size_t i;

	for (; t && t->name; t++) {
		for (i = 0; t->name[i] && key[i]; i++) {
			char k = key[i] == '_' ? '-' : key[i];
			if (k != t->name[i])
				break;
		}
		if (!t->name[i] && !key[i])
			return t;
	}
	return NULL;
}

static int config_set_node(struct opt_set *set, const struct yml_doc *doc,
			   const struct opt_spec *spec, const struct yml_node *val)
{
	struct opt_value *v = opt_find(set, spec->name);
	char origin[512];
	size_t i;
	int rc;

	/* Set already by a higher source, or by the phase section, which
	 * wins over the top level (so lists are not merged across them). */
	if (!v || yml_is_null(val) || v->src >= OPT_SRC_CONFIG)
		return 0;
	snprintf(origin, sizeof(origin), "%s: line %u, column %u: %s", yml_name(doc),
		 val->line, val->col, spec->name);
	if (val->kind == YML_SCALAR)
		return config_set_text(set, v, val->str, OPT_SRC_CONFIG, origin);
	if (val->kind != YML_SEQ || spec->type != OPT_LIST)
		return yml_error(doc, val, ERR_USAGE, "%s: expected %s, not %s",
				 spec->name, spec->type == OPT_LIST ? "a list" : "a value",
				 yml_kind_name(val));
	for (i = 0; i < val->n; i++) {
		const struct yml_node *it = yml_item(val, i);
		if (it->kind != YML_SCALAR)
			return yml_error(doc, it, ERR_USAGE, "%s: expected a value, not %s",
					 spec->name, yml_kind_name(it));
		if ((rc = opt_set_value(set, spec->name, it->str, OPT_SRC_CONFIG, origin)))
			return rc;
	}
	return 0;
}

static const struct config_section *config_find_section(
	const struct config_section *s, size_t n, const char *key)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; s[i].name[k] && key[k]; k++)
			if ((key[k] == '_' ? '-' : key[k]) != s[i].name[k])
				break;
		if (!s[i].name[k] && !key[k])
			return &s[i];
	}
	return NULL;
}

/* Checks (and when `apply`, applies) one phase section. */
static int config_section(struct opt_set *set, const struct yml_doc *doc,
			  const struct config_section *sec,
			  const struct opt_spec *global,
			  const struct yml_node *map, int apply)
{
	const struct opt_spec *spec;
	size_t i;
	int rc;

	if (yml_is_null(map))
		return 0;
	if (map->kind != YML_MAP)
		return yml_error(doc, map, ERR_USAGE, "section '%s' must be a mapping, not %s",
				 sec->name, yml_kind_name(map));
	for (i = 0; i < map->n; i++) {
		const struct yml_node *k = yml_key(map, i);
		if (!(spec = config_spec(sec->opts, k->str)) &&
		    !(spec = config_spec(global, k->str)))
			return yml_error(doc, k, ERR_USAGE,
					 "unknown key '%s' in section '%s' (see `ship %s --help`)",
					 k->str, sec->name, sec->name);
		if (apply && (rc = config_set_node(set, doc, spec, yml_val(map, i))))
			return rc;
	}
	return 0;
}

int config_apply_file(struct opt_set *set, const struct yml_doc *doc,
		      const struct opt_spec *global,
		      const struct config_section *sections, size_t nsections,
		      const char *phase)
{
	const struct yml_node *root = yml_root(doc);
	const struct config_section *sec;
	const struct opt_spec *spec;
	size_t i;
	int rc;

	if (!root || yml_is_null(root))
		return 0;
	if (root->kind != YML_MAP)
		return yml_error(doc, root, ERR_USAGE,
				 "the configuration must be a mapping, not %s",
				 yml_kind_name(root));
	/* Pass 1 checks every key and applies the phase's section. */
	for (i = 0; i < root->n; i++) {
		const struct yml_node *k = yml_key(root, i), *v = yml_val(root, i);
		if (config_spec(global, k->str))
			continue;
		if ((sec = config_find_section(sections, nsections, k->str)))
			rc = config_section(set, doc, sec, global, v,
					    phase && !strcmp(sec->name, phase));
		else
			rc = yml_error(doc, k, ERR_USAGE,
				       "unknown key '%s' (not a global option or a command)",
				       k->str);
		if (rc)
			return rc;
	}
	/* Pass 2: top-level global options, under the section's. */
	for (i = 0; i < root->n; i++) {
		const struct yml_node *k = yml_key(root, i);
		if ((spec = config_spec(global, k->str)) &&
		    (rc = config_set_node(set, doc, spec, yml_val(root, i))))
			return rc;
	}
	return 0;
}

int config_load(struct yml_doc **out, const char *path)
{
	int rc;

	*out = NULL;
	if (!path) {
		if (!fs_exists(CONFIG_DEFAULT_FILE))
			return 0;
		path = CONFIG_DEFAULT_FILE;
	}
	if ((rc = yml_parse_file(out, path, BUF_MAX_CONFIG)) == ERR_NOTFOUND)
		return err_setc(ERR_USAGE, "%s: configuration file not found", path);
	return rc;
}

/* Secrets handed over by a non-flag source (Ansible args). */
static struct {
	char *name, *value;
} config_secrets[CONFIG_MAX_SECRETS];
static size_t config_nsecrets;
/* Values read from the environment or files, kept until clear. */
static char *config_read_values[CONFIG_MAX_SECRETS];
static size_t config_nread;

int config_is_secret_name(const char *name)
{
	static const char *const words[] = { "token", "password", "passwd", "secret",
					     "api-key", "api_key", "apikey",
					     "private-key", "private_key", "credential" };
	static const char *const paths[] = { "file", "path", "dir" };
	char low[128];
	size_t i, n;

	for (i = 0; name[i] && i + 1 < sizeof(low); i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[i] = '\0';
	/* token-file, ssh-key-path: where a secret is, not the secret. */
	for (n = i, i = 0; i < sizeof(paths) / sizeof(*paths); i++)
		if (n >= strlen(paths[i]) && !strcmp(low + n - strlen(paths[i]), paths[i]))
			return 0;
	for (i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strstr(low, words[i]))
			return 1;
	return 0;
}

int config_put_secret(const char *name, const char *value)
{
	if (config_nsecrets == CONFIG_MAX_SECRETS)
		return err_set("too many secrets");
	if (!(config_secrets[config_nsecrets].name = strdup(name)) ||
	    !(config_secrets[config_nsecrets].value = strdup(value))) {
		free(config_secrets[config_nsecrets].name);
		return err_set("out of memory");
	}
	config_nsecrets++;
	log_add_secret(value);
	return 0;
}

void config_clear_secrets(void)
{
	while (config_nsecrets) {
		config_nsecrets--;
		free(config_secrets[config_nsecrets].name);
		free(config_secrets[config_nsecrets].value);
	}
	while (config_nread)
		free(config_read_values[--config_nread]);
}

static int config_keep(char *value, const char **out)
{
	if (config_nread == CONFIG_MAX_SECRETS) {
		free(value);
		return err_set("too many secrets");
	}
	config_read_values[config_nread++] = value;
	log_add_secret(value);
	*out = value;
	return 0;
}

/* Reads a secret file: one value, trailing newlines dropped. */
static int config_secret_file(const char *var, const char *path, const char **out)
{
	struct buf b = BUF_INIT(CONFIG_MAX_SECRET);
	char *v;
	int rc;

	if ((rc = fs_read(&b, path))) {
		buf_release(&b);
		return err_setc(ERR_INVALID, "%s: cannot read the secret file: %s", var,
				err_last());
	}
	while (b.len && (b.ptr[b.len - 1] == '\n' || b.ptr[b.len - 1] == '\r'))
		buf_truncate(&b, b.len - 1);
	if (!b.len || memchr(b.ptr, '\0', b.len)) {
		rc = err_setc(ERR_INVALID, "%s: %s: the secret file is empty or holds a NUL byte",
			      var, path);
		buf_release(&b);
		return rc;
	}
	if (!(v = buf_detach(&b)))
		return err_set("out of memory");
	return config_keep(v, out);
}

int config_secret(const char *name, const char *const *fallback_env, const char **out)
{
	char var[160], fvar[176];
	const char *s;
	char *copy;
	size_t i;

	*out = NULL;
	for (i = 0; i < config_nsecrets; i++) {
		if (!strcmp(config_secrets[i].name, name)) {
			*out = config_secrets[i].value;
			return 0;
		}
	}
	config_input_var(var, sizeof(var), name);
	if (!((s = getenv(var)) && *s)) {
		config_env_var(var, sizeof(var), name);
		s = getenv(var);
	}
	for (i = 0; fallback_env && fallback_env[i] && !(s && *s); i++)
		s = getenv(fallback_env[i]);
	if (s && *s) {
		if (!(copy = strdup(s)))
			return err_set("out of memory");
		return config_keep(copy, out);
	}
	config_env_var(var, sizeof(var), name);
	snprintf(fvar, sizeof(fvar), "%s_FILE", var);
	if ((s = getenv(fvar)) && *s)
		return config_secret_file(fvar, s, out);
	return err_setc(ERR_NOTFOUND, "no %s: set %s or %s", name, var, fvar);
}
