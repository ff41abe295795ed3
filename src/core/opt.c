/* opt.c - parse argv against option tables; print help from the same tables. */
#include "opt.h"
#include "err.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static size_t opt_count(const struct opt_spec *t)
{
	size_t n = 0;

	while (t && t[n].name)
		n++;
	return n;
}

struct opt_value *opt_find(const struct opt_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (!strcmp(set->v[i].spec->name, name))
			return &set->v[i];
	return NULL;
}

static struct opt_value *opt_find_short(const struct opt_set *set, char c)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (set->v[i].spec->short_name == c)
			return &set->v[i];
	return NULL;
}

static int opt_check_int(const char *s, const char *origin)
{
	char *end;

	errno = 0;
	(void)strtol(s, &end, 10);
	if (!*s || *end || errno)
		return err_setc(ERR_USAGE, "%s: '%s' is not a whole number", origin, s);
	return 0;
}

static void opt_value_clear(struct opt_value *v)
{
	size_t i;

	free(v->str);
	v->str = NULL;
	for (i = 0; i < v->nlist; i++)
		free(v->list[i]);
	free(v->list);
	v->list = NULL;
	v->nlist = 0;
}

static int opt_list_push(struct opt_value *v, const char *s)
{
	char **l = realloc(v->list, (v->nlist + 2) * sizeof(*l));

	if (!l)
		return err_set("out of memory");
	v->list = l;
	if (!(l[v->nlist] = strdup(s)))
		return err_set("out of memory");
	l[++v->nlist] = NULL;
	return 0;
}

/* Stores one value; for lists from the same source it appends. */
static int opt_store(struct opt_value *v, const char *s, enum opt_source src,
		     const char *origin)
{
	if (v->spec->type == OPT_INT && opt_check_int(s, origin))
		return ERR_USAGE;
	if (v->spec->type == OPT_LIST) {
		if (v->src != src)
			opt_value_clear(v);
		v->src = src;
		return opt_list_push(v, s);
	}
	opt_value_clear(v);
	v->src = src;
	if (!(v->str = strdup(s)))
		return err_set("out of memory");
	return 0;
}

int opt_set_value(struct opt_set *set, const char *name, const char *value,
		  enum opt_source src, const char *origin)
{
	struct opt_value *v = opt_find(set, name);

	if (!v)
		return err_setc(ERR_USAGE, "%s: unknown option '%s'", origin, name);
	if (src < v->src || (v->src == src && v->spec->type != OPT_LIST))
		return 0;
	if (v->spec->type == OPT_FLAG && !value)
		value = "true";
	return opt_store(v, value, src, origin);
}

static int opt_init(struct opt_set *set, const struct opt_spec *cmd,
		    const struct opt_spec *global)
{
	size_t nc = opt_count(cmd), ng = opt_count(global), i;

	memset(set, 0, sizeof(*set));
	set->n = nc + ng;
	set->v = calloc(set->n ? set->n : 1, sizeof(*set->v));
	if (!set->v)
		return err_set("out of memory");
	for (i = 0; i < nc; i++)
		set->v[i].spec = &cmd[i];
	for (i = 0; i < ng; i++)
		set->v[nc + i].spec = &global[i];
	for (i = 0; i < set->n; i++) {
		const char *d = set->v[i].spec->def;
		if (d && opt_store(&set->v[i], d, OPT_SRC_DEFAULT, "default"))
			return ERR_FAIL;
	}
	return 0;
}

/* Parses one "--name[=value]" at argv[*i]; may consume the next word. */
static int opt_parse_long(struct opt_set *set, int argc, char **argv, int *i)
{
	char name[128];
	const char *arg = argv[*i] + 2, *eq = strchr(arg, '='), *val = NULL;
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	struct opt_value *v;

	if (len >= sizeof(name))
		return err_setc(ERR_USAGE, "unknown option '--%.40s...'", arg);
	memcpy(name, arg, len);
	name[len] = '\0';
	if (!strcmp(name, "help")) {
		set->help = 1;
		return 0;
	}
	if (!(v = opt_find(set, name)))
		return err_setc(ERR_USAGE, "unknown option '--%s' (see --help)", name);
	if (v->spec->type == OPT_FLAG) {
		if (eq)
			return err_setc(ERR_USAGE, "option '--%s' takes no value", name);
		return opt_store(v, "true", OPT_SRC_FLAG, "--help");
	}
	if (eq)
		val = eq + 1;
	else if (*i + 1 < argc)
		val = argv[++*i];
	else
		return err_setc(ERR_USAGE, "option '--%s' needs a value (%s)", name,
				v->spec->arg ? v->spec->arg : "VALUE");
	name[len] = '\0';
	return opt_store(v, val, OPT_SRC_FLAG, argv[*i - (eq ? 0 : 1)]);
}

/* Parses a cluster of short options "-vq" or "-n ns" / "-nns". */
static int opt_parse_short(struct opt_set *set, int argc, char **argv, int *i)
{
	const char *p = argv[*i] + 1;
	struct opt_value *v;

	for (; *p; p++) {
		if (*p == 'h') {
			set->help = 1;
			continue;
		}
		if (!(v = opt_find_short(set, *p)))
			return err_setc(ERR_USAGE, "unknown option '-%c' (see --help)", *p);
		if (v->spec->type == OPT_FLAG) {
			if (opt_store(v, "true", OPT_SRC_FLAG, "-"))
				return ERR_FAIL;
			continue;
		}
		if (p[1])
			return opt_store(v, p + 1, OPT_SRC_FLAG, argv[*i]);
		if (*i + 1 >= argc)
			return err_setc(ERR_USAGE, "option '-%c' needs a value", *p);
		++*i;
		return opt_store(v, argv[*i], OPT_SRC_FLAG, argv[*i - 1]);
	}
	return 0;
}

int opt_parse(struct opt_set *set, const struct opt_spec *cmd,
	      const struct opt_spec *global, int argc, char **argv)
{
	int i, rc, dashdash = 0;

	if ((rc = opt_init(set, cmd, global)))
		return rc;
	set->rest = calloc((size_t)argc + 1, sizeof(char *));
	if (!set->rest)
		return err_set("out of memory");
	for (i = 1; i < argc; i++) {
		char *a = argv[i];
		if (dashdash || a[0] != '-' || !a[1]) {
			set->rest[set->nrest++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = 1;
			continue;
		}
		rc = a[1] == '-' ? opt_parse_long(set, argc, argv, &i)
				 : opt_parse_short(set, argc, argv, &i);
		if (rc)
			return rc;
	}
	return 0;
}

void opt_set_release(struct opt_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		opt_value_clear(&set->v[i]);
	free(set->v);
	free(set->rest);
	memset(set, 0, sizeof(*set));
}

const char *opt_str(const struct opt_set *set, const char *name)
{
	struct opt_value *v = opt_find(set, name);

	return v ? v->str : NULL;
}

int opt_flag(const struct opt_set *set, const char *name)
{
	const char *s = opt_str(set, name);

	return s && (!strcmp(s, "true") || !strcmp(s, "1") ||
		     !strcmp(s, "yes") || !strcmp(s, "on"));
}

long opt_int(const struct opt_set *set, const char *name, long def)
{
	const char *s = opt_str(set, name);

	return s ? strtol(s, NULL, 10) : def;
}

char *const *opt_list(const struct opt_set *set, const char *name, size_t *n)
{
	static char *const empty[] = { NULL };
	struct opt_value *v = opt_find(set, name);

	if (n)
		*n = v ? v->nlist : 0;
	return v && v->list ? v->list : empty;
}

static void opt_help_rows(FILE *f, const struct opt_spec *t)
{
	char left[96];

	for (; t && t->name; t++) {
		const char *arg = t->type == OPT_FLAG ? "" : t->arg ? t->arg : "VALUE";
		if (t->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", t->short_name,
				 t->name, *arg ? " " : "", arg);
		else
			snprintf(left, sizeof(left), "    --%s%s%s", t->name,
				 *arg ? " " : "", arg);
		fprintf(f, "  %-30s %s", left, t->help ? t->help : "");
		if (t->def && t->type != OPT_FLAG)
			fprintf(f, " (default: %s)", t->def);
		if (t->type == OPT_LIST)
			fprintf(f, " [repeatable]");
		fputc('\n', f);
	}
}

void opt_help(FILE *f, const char *usage, const char *summary,
	      const struct opt_spec *cmd, const struct opt_spec *global)
{
	fprintf(f, "usage: %s\n\n%s\n", usage, summary);
	if (opt_count(cmd)) {
		fprintf(f, "\noptions:\n");
		opt_help_rows(f, cmd);
	}
	if (opt_count(global)) {
		fprintf(f, "\nglobal options:\n");
		opt_help_rows(f, global);
	}
	fprintf(f, "  %-30s %s\n", "-h, --help", "show this help");
}
