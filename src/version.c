/* version.c - `ship version`: ship's version and the components it is built from. */
#include "version.h"
#include "core/buf.h"
#include "core/jv.h"
#include "core/manifest.h"

#include <stdio.h>
#include <unistd.h>

const struct opt_spec version_opts[] = {
	{ "json", 0, OPT_FLAG, NULL, NULL, "print the manifest as JSON" },
	OPT_END
};

/* The manifest as a JSON object (new reference). */
static struct jv *version_json(void)
{
	struct jv *root = jv_new_obj(), *list = jv_new_arr();
	const struct component *c;

	jv_set_str(root, "name", "ship");
	jv_set_str(root, "version", SHIP_VERSION);
	for (c = ship_components; c->name; c++) {
		struct jv *o = jv_new_obj();
		jv_set_str(o, "name", c->name);
		jv_set_str(o, "version", c->version);
		jv_set_str(o, "debian_revision", c->debian_revision);
		jv_set_str(o, "source_sha256", c->source_sha256);
		if (c->note)
			jv_set_str(o, "note", c->note);
		jv_push(list, o);
	}
	jv_set(root, "components", list);
	return root;
}

int version_print(FILE *out, int json)
{
	const struct component *c;
	struct buf b = BUF_INIT(1 << 20);
	struct jv *j;
	int rc = 0;

	if (!json) {
		fprintf(out, "ship %s\n", SHIP_VERSION);
		for (c = ship_components; c->name; c++)
			fprintf(out, "  %-12s %-8s Debian %s%s%s\n", c->name, c->version,
				c->debian_revision, c->note ? "; " : "", c->note ? c->note : "");
		return 0;
	}
	j = version_json();
	if (!j || jv_dump(&b, j, JV_PRETTY) || buf_putc(&b, '\n'))
		rc = -1;
	else
		fwrite(b.ptr, 1, b.len, out);
	jv_free(j);
	buf_release(&b);
	return rc;
}
