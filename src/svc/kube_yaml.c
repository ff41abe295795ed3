/* kube_yaml.c - Kubernetes YAML manifests to JSON values (yml.h tree -> jv.h). */
#include "svc/kube_yaml.h"
#include "core/err.h"
#include "core/yml.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static int is_int(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (!*s)
		return 0;
	while (*s >= '0' && *s <= '9')
		s++;
	return !*s;
}

static int is_float(const char *s)
{
	char *end;

	if (!strchr(s, '.') && !strchr(s, 'e') && !strchr(s, 'E'))
		return 0;
	if (!((*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == '.'))
		return 0;
	errno = 0;
	(void)strtod(s, &end);
	return !*end && !errno;
}

static struct jv *scalar(const struct yml_node *n)
{
	long long v;
	char *end;

	if (!n->plain)
		return jv_new_strn(n->str, n->len);
	if (yml_is_null(n))
		return jv_new_null();
	if (!strcmp(n->str, "true") || !strcmp(n->str, "True") || !strcmp(n->str, "TRUE"))
		return jv_new_bool(1);
	if (!strcmp(n->str, "false") || !strcmp(n->str, "False") || !strcmp(n->str, "FALSE"))
		return jv_new_bool(0);
	if (is_int(n->str)) {
		errno = 0;
		v = strtoll(n->str, &end, 10);
		if (!errno)
			return jv_new_int(v);
	}
	if (is_float(n->str))
		return jv_new_real(strtod(n->str, NULL));
	return jv_new_strn(n->str, n->len);
}

static struct jv *convert(const struct yml_doc *doc, const struct yml_node *n);

static struct jv *mapping(const struct yml_doc *doc, const struct yml_node *n)
{
	struct jv *o = jv_new_obj(), *v;
	const struct yml_node *k;
	size_t i;

	for (i = 0; o && i < n->n; i++) {
		k = yml_key(n, i);
		if (!(v = convert(doc, yml_val(n, i))) || jv_set(o, k->str, v) < 0) {
			jv_free(o);
			return NULL;
		}
	}
	return o;
}

static struct jv *convert(const struct yml_doc *doc, const struct yml_node *n)
{
	struct jv *a, *v;
	size_t i;

	if (!n)
		return jv_new_null();
	if (n->kind == YML_SCALAR)
		return scalar(n);
	if (n->kind == YML_MAP)
		return mapping(doc, n);
	a = jv_new_arr();
	for (i = 0; a && i < n->n; i++) {
		if (!(v = convert(doc, yml_item(n, i))) || jv_push(a, v) < 0) {
			jv_free(a);
			return NULL;
		}
	}
	return a;
}

static int finish(struct jv **out, struct yml_doc *doc)
{
	*out = convert(doc, yml_root(doc));
	yml_free(doc);
	if (!*out)
		return err_set("out of memory converting YAML");
	return 0;
}

int kube_yaml_parse(struct jv **out, const char *data, size_t len, size_t max,
		    const char *name)
{
	struct yml_doc *doc = NULL;
	int rc;

	*out = NULL;
	if ((rc = yml_parse(&doc, data, len, max, name)) < 0)
		return rc;
	return finish(out, doc);
}

int kube_yaml_file(struct jv **out, const char *path, size_t max)
{
	struct yml_doc *doc = NULL;
	int rc;

	*out = NULL;
	if ((rc = yml_parse_file(&doc, path, max)) < 0)
		return rc;
	return finish(out, doc);
}
