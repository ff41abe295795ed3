/* t_scan_self.c - `ship scan --self`: component names, versions and the filter. */
#include "unit.h"
#include "scan/scan_self.h"

#include <string.h>

static const struct component comps[] = {
	{ "curl", "8.14.1", "8.14.1-2+deb13u5", "", NULL },
	{ "zlib", "1.3.1", "1:1.3.dfsg+really1.3.1-1", "", NULL },
	{ "yaml", "0.2.5", "0.2.5-2", "", NULL },
	{ "newlib", "4.0", "4.0-1", "", NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static struct finding mk(const char *eco, const char *pkg, const char *ver)
{
	struct finding f;

	finding_init(&f);
	f.kind = FINDING_PACKAGE;
	finding_set(&f.id, "CVE-2099-1");
	finding_set(&f.ecosystem, eco);
	finding_set(&f.package, pkg);
	finding_set(&f.installed, ver);
	finding_set(&f.file, "Cargo.lock");
	f.line = 3;
	f.severity = SEV_HIGH;
	return f;
}

static const char *comp_of(const char *eco, const char *pkg)
{
	struct finding f = mk(eco, pkg, "1");
	const struct component *c = scan_self_component(comps, &f);

	finding_clear(&f);
	return c ? c->name : "-";
}

TEST(scan_self_names)
{
	CHECK_STR(comp_of("Debian", "libcurl4t64"), "curl");
	CHECK_STR(comp_of("Debian", "libcurl3-gnutls"), "curl");
	CHECK_STR(comp_of(NULL, "CURL"), "curl");
	CHECK_STR(comp_of("Alpine", "curl-dev"), "curl");
	CHECK_STR(comp_of("Debian", "curlpp"), "-");
	CHECK_STR(comp_of("Debian", "zlib1g"), "zlib");
	CHECK_STR(comp_of("Debian", "zlib-ng"), "-");
	CHECK_STR(comp_of("Debian", "libyaml-0-2"), "yaml");
	CHECK_STR(comp_of("npm", "yaml"), "-");      /* a JavaScript package */
	CHECK_STR(comp_of("PyPI", "curl"), "-");
	CHECK_STR(comp_of("Debian", "libnewlib0"), "newlib"); /* no table row: lib<name> */
	CHECK_STR(comp_of("Debian", "openssl"), "-");
}

TEST(scan_self_versions)
{
	const struct component *curl = &comps[0], *zlib = &comps[1];

	CHECK(scan_self_version_applies(curl, "8.14.1"));
	CHECK(scan_self_version_applies(curl, "v8.14.1"));
	CHECK(scan_self_version_applies(curl, "8.14.1-2+deb13u5"));
	CHECK(scan_self_version_applies(curl, "8.14.1-2+deb13u2")); /* same upstream */
	CHECK(scan_self_version_applies(curl, "8.14.1-r3"));
	CHECK(!scan_self_version_applies(curl, "8.14.0-1"));
	CHECK(!scan_self_version_applies(curl, "8.14.10"));
	CHECK(!scan_self_version_applies(curl, NULL));
	CHECK(!scan_self_version_applies(curl, ""));
	CHECK(scan_self_version_applies(zlib, "1:1.3.dfsg+really1.3.1-1"));
	CHECK(scan_self_version_applies(zlib, "1:1.3.1-1"));
	CHECK(!scan_self_version_applies(zlib, "1:1.2.13.dfsg-1"));
}

TEST(scan_self_filter_sorts_findings)
{
	struct findings fs = { 0 }, na = { 0 };
	struct self_stats st;
	struct finding f;

	f = mk("Debian", "libcurl4", "8.14.1-2+deb13u5");
	findings_push(&fs, &f);
	f = mk("Debian", "openssl", "3.0.0");
	findings_push(&fs, &f);
	f = mk("Debian", "zlib1g", "1:1.2.13.dfsg-1");
	findings_push(&fs, &f);
	f = mk("Debian", "libcurl4", "8.14.1-2+deb13u2");
	strv_add(&f.fixed, "8.14.1-2+deb13u5"); /* fixed by the revision ship uses */
	findings_push(&fs, &f);
	f = mk("Alpine", "curl", "8.14.1-r0");
	findings_push(&fs, &f);
	CHECK(scan_self_filter(comps, "9.9.9", &fs, &na, &st) == 0);
	CHECK_INT(st.applies, 2);
	CHECK_INT(st.other_version, 2);
	CHECK_INT(st.unrelated, 1);
	CHECK_INT(fs.n, 2);
	CHECK_INT(na.n, 2);
	CHECK_STR(fs.v[0].package, "libcurl4");
	CHECK_STR(fs.v[0].target, "ship 9.9.9 (curl 8.14.1)");
	CHECK(fs.v[0].file == NULL && fs.v[0].line == 0);
	CHECK_STR(fs.v[1].package, "curl");
	CHECK_STR(na.v[0].package, "zlib1g");
	CHECK_STR(na.v[1].installed, "8.14.1-2+deb13u2");
	findings_free(&fs);
	findings_free(&na);
}
