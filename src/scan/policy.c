/* policy.c - ignore rules (with expiry) and the blocking decision. */
#include "policy.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../core/yml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static int valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

int ignore_add(struct ignore_list *l, const char *id, const char *package,
	       const char *reason, const char *expires, unsigned line)
{
	struct ignore_rule r;

	if (!id || !*id)
		return err_setc(ERR_INVALID, "ignore entry without an id");
	if (!reason || !*reason)
		return err_setc(ERR_INVALID, "ignore entry %s: a reason is required", id);
	if (expires && !valid_date(expires))
		return err_setc(ERR_INVALID, "ignore entry %s: expires \"%s\" is not a "
				"YYYY-MM-DD date", id, expires);
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct ignore_rule *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return err_set("out of memory");
		l->v = v;
		l->cap = cap;
	}
	memset(&r, 0, sizeof(r));
	r.id = strdup(id);
	r.package = package && *package ? strdup(package) : NULL;
	r.reason = strdup(reason);
	if (!r.id || !r.reason || (package && *package && !r.package)) {
		free(r.id);
		free(r.package);
		free(r.reason);
		return err_set("out of memory");
	}
	if (expires)
		memcpy(r.expires, expires, 11);
	r.line = line;
	l->v[l->n++] = r;
	return 0;
}

void ignore_free(struct ignore_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].id);
		free(l->v[i].package);
		free(l->v[i].reason);
	}
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

/* A scalar field of an entry, or NULL; error when it is not a scalar. */
static int field(const struct yml_doc *doc, const struct yml_node *e, const char *key,
		 const char **out)
{
	const struct yml_node *v = yml_get(e, key);

	*out = NULL;
	if (!v || yml_is_null(v))
		return 0;
	if (v->kind != YML_SCALAR)
		return yml_error(doc, v, ERR_INVALID, "%s: expected a value (got %s)", key,
				 yml_kind_name(v));
	*out = v->str;
	return 0;
}

static int entry(struct ignore_list *l, const struct yml_doc *doc, const struct yml_node *e)
{
	static const char *const known[] = { "id", "package", "reason", "expires" };
	const char *id, *pkg, *reason, *exp;
	size_t i, k;
	int rc;

	if (!e || e->kind != YML_MAP)
		return yml_error(doc, e, ERR_INVALID, "ignore entry: expected a mapping "
				 "with id, reason, package, expires");
	for (i = 0; i < e->n; i++) {
		const char *key = yml_key(e, i)->str;

		for (k = 0; k < 4 && strcmp(key, known[k]); k++)
			;
		if (k == 4)
			return yml_error(doc, yml_key(e, i), ERR_INVALID, "unknown key \"%s\" "
					 "(expected id, package, reason, expires)", key);
	}
	if ((rc = field(doc, e, "id", &id)) < 0 || (rc = field(doc, e, "package", &pkg)) < 0 ||
	    (rc = field(doc, e, "reason", &reason)) < 0 ||
	    (rc = field(doc, e, "expires", &exp)) < 0)
		return rc;
	if (ignore_add(l, id, pkg, reason, exp, e->line) < 0) {
		char msg[512];

		snprintf(msg, sizeof(msg), "%s", err_last());
		return yml_error(doc, e, ERR_INVALID, "%s", msg);
	}
	return 0;
}

int ignore_load(struct ignore_list *l, const char *path)
{
	struct yml_doc *doc = NULL;
	const struct yml_node *root, *list;
	size_t i;
	int rc = yml_parse_file(&doc, path, BUF_MAX_CONFIG);

	if (rc < 0)
		return rc;
	root = yml_root(doc);
	list = root && root->kind == YML_MAP ? yml_get(root, "ignore") : root;
	if (list && !yml_is_null(list) && list->kind != YML_SEQ) {
		rc = yml_error(doc, list, ERR_INVALID, "expected a list of ignore entries "
			       "(or a mapping with key \"ignore\")");
		goto done;
	}
	for (i = 0; list && list->kind == YML_SEQ && i < list->n; i++)
		if ((rc = entry(l, doc, yml_item(list, i))) < 0)
			goto done;
done:
	yml_free(doc);
	return rc;
}

int policy_parse_fail_on(const char *s, struct policy *p)
{
	static const char *const names[] = { "low", "medium", "high", "critical" };
	size_t i;

	if (s && !strcasecmp(s, "none")) {
		p->fail_on = POLICY_NEVER;
		return 0;
	}
	for (i = 0; s && i < 4; i++)
		if (!strcasecmp(s, names[i])) {
			p->fail_on = SEV_LOW + (int)i;
			return 0;
		}
	return err_setc(ERR_USAGE, "--fail-on \"%s\": expected critical, high, medium, low "
			"or none", s ? s : "");
}

void policy_today(char buf[11])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

static int rule_matches(const struct ignore_rule *r, const struct finding *f)
{
	if (!finding_has_id(f, r->id))
		return 0;
	return !r->package || (f->package && !strcasecmp(r->package, f->package));
}

void policy_apply(const struct policy *p, struct ignore_list *ign,
		  struct findings *fs, const char *today, struct policy_result *out)
{
	size_t i, k;

	memset(out, 0, sizeof(*out));
	for (k = 0; ign && k < ign->n; k++) {
		ign->v[k].matched = 0;
		ign->v[k].expired = ign->v[k].expires[0] && strcmp(today, ign->v[k].expires) > 0;
	}
	for (i = 0; i < fs->n; i++) {
		struct finding *f = &fs->v[i];

		f->flags = 0;
		f->ignore_rule = -1;
		for (k = 0; ign && k < ign->n; k++)
			if (!ign->v[k].expired && rule_matches(&ign->v[k], f)) {
				f->flags |= FINDING_IGNORED;
				f->ignore_rule = (long)k;
				ign->v[k].matched++;
				break;
			}
		if (f->flags & FINDING_IGNORED) {
			out->ignored++;
			continue;
		}
		out->counts[f->severity < SEV_COUNT ? f->severity : SEV_UNKNOWN]++;
		if (p->fail_on != POLICY_NEVER && (int)f->severity >= p->fail_on &&
		    (!p->only_fixed || f->fixable)) {
			f->flags |= FINDING_BLOCKING;
			out->blocking++;
		}
	}
	for (k = 0; ign && k < ign->n; k++) {
		out->expired_rules += ign->v[k].expired;
		out->stale_rules += !ign->v[k].expired && !ign->v[k].matched;
	}
}
