/* artifact_rest.c - workflow artifacts over the REST API: list a run's artifacts, download one as a zip. */
#include "gh/artifact.h"
#include "core/err.h"

#include <stdio.h>
#include <string.h>

/* Index in out of the entry called name, or -1. */
static long art_rest_find(const struct jv *out, const char *name)
{
	size_t i;

	for (i = 0; i < jv_len(out); i++)
		if (!strcmp(jv_get_str(jv_at(out, i), "name"), name))
			return (long)i;
	return -1;
}

/* Adds one REST artifact object to out, keeping the highest id per name. */
static int art_rest_add(struct jv *out, const struct jv *a)
{
	const char *name = jv_get_str(a, "name");
	long long id = 0, size = 0, old = 0;
	struct jv *o;
	long at;
	int fresh;

	if (!name || jv_int(jv_get(a, "id"), &id) < 0 || id <= 0)
		return 0;
	jv_int(jv_get(a, "size_in_bytes"), &size);
	at = art_rest_find(out, name);
	o = at >= 0 ? jv_at(out, (size_t)at) : jv_new_obj();
	fresh = at < 0;
	if (!fresh && jv_int(jv_get(o, "id"), &old) == 0 && old >= id)
		return 0;
	if (!o || jv_set_str(o, "name", name) || jv_set_int(o, "id", id) ||
	    jv_set_int(o, "size", size) ||
	    jv_set_bool(o, "expired", jv_bool(jv_get(a, "expired"), 0))) {
		if (fresh)
			jv_free(o);
		return err_set("out of memory");
	}
	return fresh ? jv_push(out, o) : 0;
}

int artifact_rest_list(struct gh *g, long long run_id, const char *name_filter,
		       struct jv **out)
{
	struct buf path = BUF_INIT(1024);
	struct jv *all = NULL, *res = jv_new_arr();
	size_t i;
	int rc;

	*out = NULL;
	if (!res)
		return err_set("out of memory");
	if (run_id <= 0) {
		rc = err_setc(ERR_USAGE, "artifacts: no run id");
		goto done;
	}
	buf_printf(&path, "/repos/{repo}/actions/runs/%lld/artifacts", run_id);
	if (name_filter) {
		if ((rc = artifact_check_name(name_filter)) < 0)
			goto done;
		/* Valid names need no escaping except these. */
		buf_puts(&path, "?name=");
		for (i = 0; name_filter[i]; i++) {
			unsigned char c = (unsigned char)name_filter[i];
			if (c == '%' || c == '&' || c == '#' || c == '+' || c == ' ' || c == '=' || c >= 0x80)
				buf_printf(&path, "%%%02X", c);
			else
				buf_putc(&path, (char)c);
		}
	}
	if ((rc = gh_get_all(g, buf_cstr(&path), "artifacts", &all)) < 0)
		goto done;
	for (i = 0; i < jv_len(all); i++)
		if ((rc = art_rest_add(res, jv_at(all, i))) < 0)
			goto done;
	*out = res;
	res = NULL;
done:
	jv_free(all);
	jv_free(res);
	buf_release(&path);
	return rc;
}

int artifact_rest_download(struct gh *g, long long artifact_id, const char *out_file)
{
	char path[128];

	if (artifact_id <= 0)
		return err_setc(ERR_USAGE, "artifact download: no artifact id");
	snprintf(path, sizeof(path), "/repos/{repo}/actions/artifacts/%lld/zip", artifact_id);
	return gh_download(g, path, out_file);
}
