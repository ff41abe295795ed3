/* p_cargo_audit.c - cargo-audit JSON (rustsec) vulnerabilities to findings. */
#include "pj.h"
#include "../core/err.h"
#include "../core/jv.h"

#include <stdio.h>
#include <string.h>

/*
 * cargo-audit has no severity field and no file: severity comes from the
 * advisory's CVSS vector, and the file is always Cargo.lock. Warnings
 * (unmaintained, unsound, yanked) are not vulnerabilities and are skipped.
 */
static int entry(struct finding *f, const struct jv *e, const char *name, const char *at)
{
	struct jv *adv, *ver, *pkg;
	char aa[80], av[80], ap[80];
	int rc;

	snprintf(aa, sizeof(aa), "%s.advisory", at);
	snprintf(av, sizeof(av), "%s.versions", at);
	snprintf(ap, sizeof(ap), "%s.package", at);
	if ((rc = pj_obj(e, "advisory", &adv, name, at)) < 0 ||
	    (rc = pj_obj(e, "versions", &ver, name, at)) < 0 ||
	    (rc = pj_obj(e, "package", &pkg, name, at)) < 0)
		return rc;
	if (!adv || !pkg)
		return err_setc(ERR_INVALID, "%s: %s: expected advisory and package", name, at);
	if ((rc = pj_set(&f->id, adv, "id", name, aa)) < 0 ||
	    (rc = pj_strs(&f->aliases, adv, "aliases", name, aa)) < 0 ||
	    (rc = pj_set(&f->title, adv, "title", name, aa)) < 0 ||
	    (rc = pj_set(&f->url, adv, "url", name, aa)) < 0 ||
	    (rc = pj_set(&f->cvss_vector, adv, "cvss", name, aa)) < 0 ||
	    (rc = pj_strs(&f->fixed, ver, "patched", name, av)) < 0 ||
	    (rc = pj_set(&f->package, pkg, "name", name, ap)) < 0 ||
	    (rc = pj_set(&f->installed, pkg, "version", name, ap)) < 0)
		return rc;
	if (!f->id)
		return err_setc(ERR_INVALID, "%s: %s.id: missing", name, aa);
	if (!f->url) {
		char u[200];

		snprintf(u, sizeof(u), "https://rustsec.org/advisories/%s", f->id);
		if ((rc = finding_set(&f->url, u)) < 0)
			return rc;
	}
	if ((rc = finding_set(&f->ecosystem, "crates.io")) < 0 ||
	    (rc = finding_set(&f->target, "Cargo.lock")) < 0 ||
	    (rc = finding_set(&f->file, "Cargo.lock")) < 0)
		return rc;
	pj_finish(f);
	return strv_add(&f->sources, "cargo-audit");
}

int scan_parse_cargo_audit(const struct jv *doc, const char *name, struct findings *out)
{
	struct jv *vulns, *list;
	char at[64];
	size_t i;
	int rc;

	if ((rc = pj_obj(doc, "vulnerabilities", &vulns, name, "")) < 0 ||
	    (rc = pj_arr(vulns, "list", &list, name, "vulnerabilities")) < 0)
		return rc;
	for (i = 0; rc == 0 && i < jv_len(list); i++) {
		const struct jv *e = jv_at(list, i);
		struct finding f;

		snprintf(at, sizeof(at), "vulnerabilities.list[%zu]", i);
		if (jv_type(e) != JV_OBJ)
			return err_setc(ERR_INVALID, "%s: %s: expected an object (got %s)",
					name, at, pj_type_name(e));
		finding_init(&f);
		rc = entry(&f, e, name, at);
		if (rc == 0)
			rc = findings_push(out, &f);
		finding_clear(&f);
	}
	return rc;
}
