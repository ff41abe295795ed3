/* ansible.c - binary Ansible module protocol: args file in, one JSON result out. */
#include "rt/ansible.h"
#include "rt/config.h"
#include "core/buf.h"
#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ANSIBLE_MAX_ARGS (16u << 20)

/* "ns.coll.ship_deploy_watch" -> "deploy-watch" in out; 0 when it is
 * not a ship_* name. */
static int ansible_phase_from(const char *name, char *out, size_t outsz)
{
	const char *s = name ? strrchr(name, '.') : NULL;
	size_t i;

	s = s ? s + 1 : name;
	if (!s || strncmp(s, "ship_", 5) || !s[5])
		return 0;
	s += 5;
	for (i = 0; s[i] && i + 1 < outsz; i++)
		out[i] = s[i] == '_' ? '-' : s[i];
	out[i] = '\0';
	return 1;
}

static const char *ansible_base(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;

	return s ? s + 1 : path ? path : "";
}

/* Copies the args minus _ansible_* and secrets; stores the secrets. */
static int ansible_split(struct rt_ansible *a)
{
	struct jv *v;
	void *it = NULL;
	const char *k;

	if (!(a->public_args = jv_new_obj()))
		return err_set("out of memory");
	while ((k = jv_iter(a->args, &it, &v))) {
		if (!strncmp(k, "_ansible_", 9))
			continue;
		if (jv_type(v) == JV_STR && config_is_secret_name(k)) {
			if (config_put_secret(k, jv_str(v)))
				return ERR_FAIL;
			continue;
		}
		if (jv_set(a->public_args, k, jv_ref(v)))
			return ERR_FAIL;
	}
	if (!a->phase[0] && jv_get_str(a->args, "phase"))
		snprintf(a->phase, sizeof(a->phase), "%s", jv_get_str(a->args, "phase"));
	return 0;
}

int rt_ansible_load(struct rt_ansible *a, const char *argv0, const char *path)
{
	const char *mod;
	int rc;

	memset(a, 0, sizeof(*a));
	mod = ansible_base(argv0);
	if ((rc = jv_parse_file(&a->args, path, ANSIBLE_MAX_ARGS)))
		return err_wrap("the Ansible args file is not valid JSON");
	if (jv_type(a->args) != JV_OBJ)
		return err_setc(ERR_INVALID, "%s: the Ansible args file must hold a JSON object",
				path);
	if (jv_get_str(a->args, "_ansible_module_name"))
		mod = jv_get_str(a->args, "_ansible_module_name");
	snprintf(a->module, sizeof(a->module), "%s", mod);
	a->check_mode = jv_bool(jv_get(a->args, "_ansible_check_mode"), 0);
	a->diff = jv_bool(jv_get(a->args, "_ansible_diff"), 0);
	if (jv_get(a->args, "phase")) {
		if (!jv_get_str(a->args, "phase"))
			return err_setc(ERR_INVALID, "%s: 'phase' must be a string", path);
	} else if (!ansible_phase_from(mod, a->phase, sizeof(a->phase)) &&
		   !ansible_phase_from(ansible_base(argv0), a->phase, sizeof(a->phase))) {
		return err_setc(ERR_INVALID,
				"module '%s': cannot tell the phase: name the module "
				"ship_<phase> (e.g. ship_scan) or pass a 'phase' argument", mod);
	}
	return ansible_split(a);
}

void rt_ansible_release(struct rt_ansible *a)
{
	jv_free(a->args);
	jv_free(a->public_args);
	memset(a, 0, sizeof(*a));
}

/* One argument value as option text; NULL for null. */
static int ansible_scalar(const struct jv *v, char *out, size_t outsz, const char **res)
{
	long long n;

	*res = out;
	switch (jv_type(v)) {
	case JV_STR:
		*res = jv_str(v);
		return 0;
	case JV_BOOL:
		*res = jv_bool(v, 0) ? "true" : "false";
		return 0;
	case JV_INT:
		jv_int(v, &n);
		snprintf(out, outsz, "%lld", n);
		return 0;
	case JV_REAL:
		snprintf(out, outsz, "%.17g", jv_num(v, 0));
		return 0;
	case JV_NULL:
		*res = NULL;
		return 0;
	default:
		return ERR_INVALID;
	}
}

static int ansible_set_one(struct opt_set *set, struct opt_value *o, const char *key,
			   const struct jv *v)
{
	char num[64], origin[160];
	const char *s;
	size_t i;
	int rc;

	snprintf(origin, sizeof(origin), "argument '%s'", key);
	if (jv_type(v) == JV_ARR) {
		if (o->spec->type != OPT_LIST)
			return err_setc(ERR_USAGE, "%s: expected a single value, not a list", origin);
		for (i = 0; i < jv_len(v); i++) {
			if (ansible_scalar(jv_at(v, i), num, sizeof(num), &s) || !s)
				return err_setc(ERR_USAGE, "%s: item %zu is not a plain value",
						origin, i + 1);
			if ((rc = opt_set_value(set, o->spec->name, s, OPT_SRC_FLAG, origin)))
				return rc;
		}
		return 0;
	}
	if (ansible_scalar(v, num, sizeof(num), &s))
		return err_setc(ERR_USAGE, "%s: expected a value, not an object", origin);
	if (!s)
		return 0;
	if (o->spec->type == OPT_FLAG && !(s = config_bool_word(s)))
		return err_setc(ERR_USAGE, "%s: expected true or false", origin);
	return opt_set_value(set, o->spec->name, s, OPT_SRC_FLAG, origin);
}

int rt_ansible_apply(const struct rt_ansible *a, struct opt_set *set)
{
	struct buf bad = BUF_INIT(4096);
	struct opt_value *o;
	struct jv *v;
	void *it = NULL;
	const char *k;
	char name[128];
	size_t i;
	int rc = 0;

	while (!rc && (k = jv_iter(a->public_args, &it, &v))) {
		if (!strcmp(k, "phase"))
			continue;
		for (i = 0; k[i] && i + 1 < sizeof(name); i++)
			name[i] = k[i] == '_' ? '-' : k[i];
		name[i] = '\0';
		if (!(o = opt_find(set, name))) {
			buf_printf(&bad, "%s%s", bad.len ? ", " : "", k);
			continue;
		}
		rc = ansible_set_one(set, o, k, v);
	}
	if (!rc && bad.len) {
		struct buf ok = BUF_INIT(8192);
		for (i = 0; i < set->n; i++) {
			if (ok.len)
				buf_puts(&ok, ", ");
			for (k = set->v[i].spec->name; *k; k++)
				buf_putc(&ok, *k == '-' ? '_' : *k);
		}
		rc = err_setc(ERR_USAGE,
			      "Unsupported parameters for (%s) module: %s. Supported "
			      "parameters include: %s", a->module, buf_cstr(&bad),
			      buf_cstr(&ok));
		buf_release(&ok);
	}
	buf_release(&bad);
	return rc;
}

struct jv *rt_ansible_result(const struct rt_ansible *a, const struct rt_result *r)
{
	struct jv *o = jv_new_obj(), *inv = jv_new_obj();
	int rc = 0, failed = r->error || r->verdict == RT_FAIL;
	const char *msg = r->message;

	if (!o || !inv) {
		jv_free(o);
		jv_free(inv);
		return NULL;
	}
	if (!msg)
		msg = failed ? "failed" : "ok";
	rc |= jv_set_bool(o, "changed", r->changed);
	rc |= jv_set_bool(o, "failed", failed);
	rc |= jv_set(o, "msg", jv_new_str_lossy(msg, strlen(msg)));
	rc |= jv_set_str(o, "phase", r->phase);
	rc |= jv_set_str(o, "verdict", rt_result_word(r));
	rc |= jv_set_int(o, "exit_code", rt_result_exit_code(r));
	rc |= jv_set_bool(o, "check_mode", a && a->check_mode);
	rc |= jv_set(o, "outputs", r->outputs ? jv_ref(r->outputs) : jv_new_obj());
	rc |= jv_set(o, "data", r->data ? jv_ref(r->data) : jv_new_obj());
	if (a && a->diff && r->diff)
		rc |= jv_set(o, "diff", jv_ref(r->diff));
	rc |= jv_set(inv, "module_args",
		     a && a->public_args ? jv_ref(a->public_args) : jv_new_obj());
	rc |= jv_set(o, "invocation", inv);
	if (rc) {
		jv_free(o);
		return NULL;
	}
	return o;
}
