/* finding_jv.c - findings as JSON, for state files and --format json. */
#include "finding_jv.h"
#include "../core/jv.h"

#include <string.h>

static struct jv *str(const char *s)
{
	return s ? jv_new_str_lossy(s, strlen(s)) : jv_new_null();
}

static struct jv *strs(const struct strv *l)
{
	struct jv *a = jv_new_arr();
	size_t i;

	for (i = 0; a && i < l->n; i++)
		if (jv_push(a, str(l->v[i])) < 0) {
			jv_free(a);
			return NULL;
		}
	return a;
}

struct jv *finding_to_jv(const struct finding *f)
{
	struct jv *o = jv_new_obj();
	int rc = 0;

	if (!o)
		return NULL;
	rc |= jv_set(o, "id", str(f->id));
	rc |= jv_set(o, "aliases", strs(&f->aliases));
	rc |= jv_set(o, "ecosystem", str(f->ecosystem));
	rc |= jv_set(o, "package", str(f->package));
	rc |= jv_set(o, "installed", str(f->installed));
	rc |= jv_set(o, "fixed", strs(&f->fixed));
	rc |= jv_set_bool(o, "fixable", f->fixable);
	rc |= jv_set_str(o, "severity", sev_name(f->severity));
	rc |= jv_set(o, "cvss_vector", str(f->cvss_vector));
	rc |= jv_set(o, "cvss_score", f->cvss_score >= 0 ? jv_new_real(f->cvss_score)
							 : jv_new_null());
	rc |= jv_set(o, "title", str(f->title));
	rc |= jv_set(o, "url", str(f->url));
	rc |= jv_set(o, "target", str(f->target));
	rc |= jv_set(o, "file", str(f->file));
	rc |= jv_set(o, "line", f->line > 0 ? jv_new_int(f->line) : jv_new_null());
	rc |= jv_set(o, "sources", strs(&f->sources));
	rc |= jv_set_str(o, "kind", f->kind == FINDING_SARIF ? "sarif" : "package");
	rc |= jv_set_bool(o, "ignored", !!(f->flags & FINDING_IGNORED));
	rc |= jv_set_bool(o, "blocking", !!(f->flags & FINDING_BLOCKING));
	if (rc) {
		jv_free(o);
		return NULL;
	}
	return o;
}

struct jv *findings_to_jv(const struct findings *fs)
{
	struct jv *a = jv_new_arr();
	size_t i;

	for (i = 0; a && i < fs->n; i++) {
		struct jv *f = finding_to_jv(&fs->v[i]);

		if (!f || jv_push(a, f) < 0) {
			jv_free(a);
			return NULL;
		}
	}
	return a;
}
