/* t_scan_locate.c - lockfile/manifest lines of packages in a small repository. */
#include "unit.h"
#include "scan/locate.h"
#include "scan/report.h"
#include "core/err.h"

#include <stdio.h>
#include <string.h>

static void mk(struct finding *f, const char *eco, const char *pkg, const char *ver,
	       const char *file)
{
	finding_init(f);
	finding_set(&f->id, "CVE-0000-0001");
	finding_set(&f->ecosystem, eco);
	finding_set(&f->package, pkg);
	finding_set(&f->installed, ver);
	finding_set(&f->file, file);
}

/* Locates and returns the line (0 when not found), checking the file. */
static long where(struct locator *l, const char *eco, const char *pkg, const char *ver,
		  const char *file, const char *want_file)
{
	struct finding f;
	long line = 0;

	mk(&f, eco, pkg, ver, file);
	if (locator_find(l, &f) == 0) {
		line = f.line;
		if (want_file && (!f.file || strcmp(f.file, want_file)))
			unit_fail(__FILE__, __LINE__, "%s: file %s, want %s", pkg,
				  f.file ? f.file : "(null)", want_file);
	}
	finding_clear(&f);
	return line;
}

TEST(scan_locate_lockfiles)
{
	struct locator *l = NULL;

	CHECK(locator_new(&l, unit_fixture("scan/repo")) == 0);
	/* Cargo.lock: the name line of the entry with the right version. */
	CHECK_INT(where(l, "crates.io", "regex", "1.5.1", NULL, "Cargo.lock"), 16);
	CHECK_INT(where(l, "crates.io", "regex", "1.4.0", NULL, "Cargo.lock"), 11);
	CHECK_INT(where(l, "npm", "lodash", "4.17.4", NULL, "package-lock.json"), 15);
	CHECK_INT(where(l, "npm", "jquery", "3.3.9", NULL, "yarn.lock"), 9);
	CHECK_INT(where(l, "npm", "jquery", "3.3.9", "pnpm-lock.yaml", "pnpm-lock.yaml"), 13);
	CHECK_INT(where(l, "npm", "lodash", "4.17.4", "pnpm-lock.yaml", "pnpm-lock.yaml"), 17);
	CHECK_INT(where(l, "Go", "github.com/gogo/protobuf", "1.3.1", NULL, "go.mod"), 5);
	CHECK_INT(where(l, "Go", "golang.org/x/text", "v0.3.6", NULL, "go.mod"), 9);
	CHECK_INT(where(l, "Go", "github.com/docker/distribution", "v2.7.1+incompatible",
			"sub/go.mod", "sub/go.mod"), 5);
	CHECK_INT(where(l, "Go", "github.com/gogo/protobuf", "1.3.1", "go.sum", "go.sum"), 1);
	/* PyPI names compare normalised: Werkzeug == werkzeug. */
	CHECK_INT(where(l, "PyPI", "Werkzeug", "0.11", NULL, "requirements.txt"), 5);
	CHECK_INT(where(l, "PyPI", "werkzeug", "0.14", "poetry.lock", "poetry.lock"), 7);
	CHECK_INT(where(l, "RubyGems", "rack", "2.0.1", NULL, "Gemfile.lock"), 4);
	/* Absolute path from another machine: the longest suffix that exists
	 * here (sub-rust-project/Cargo.lock), else the base name at the root. */
	CHECK_INT(where(l, "crates.io", "regex", "1.5.1",
			"/path/to/scorecard-check-osv-e2e/sub-rust-project/Cargo.lock",
			"sub-rust-project/Cargo.lock"), 6);
	CHECK_INT(where(l, "crates.io", "regex", "1.5.1", "/elsewhere/x/Cargo.lock",
			"Cargo.lock"), 16);
	CHECK_INT(where(l, "crates.io", "regex", "1.5.1", "/x/../sub-rust-project/Cargo.lock",
			"sub-rust-project/Cargo.lock"), 6);
	/* Not there at all. */
	CHECK_INT(where(l, "crates.io", "serde", "1.0.0", NULL, NULL), 0);
	CHECK_INT(where(l, "Maven", "log4j", "2.14.0", NULL, NULL), 0);
	CHECK_INT(where(l, "npm", "x", "1", "../../etc/passwd", NULL), 0);
	locator_free(l);
}

TEST(scan_locate_npm_audit_fills_version)
{
	struct findings fs = { 0 };
	size_t i;
	int n;

	CHECK(scan_parse_file(unit_fixture("scan/npm-audit.json"), SCAN_FMT_AUTO, 0, &fs,
			      NULL) == 0);
	n = scan_locate_all(unit_fixture("scan/repo"), &fs);
	CHECK_INT(n, 3);
	for (i = 0; i < fs.n; i++) {
		const struct finding *f = &fs.v[i];

		CHECK_STR(f->file, "package-lock.json");
		if (!strcmp(f->package, "minimist")) {
			CHECK_STR(f->installed, "0.0.8");
			CHECK_INT(f->line, 19);
		} else {
			CHECK_STR(f->installed, "4.17.4");
			CHECK_INT(f->line, 15);
		}
	}
	findings_free(&fs);
}

TEST(scan_locate_keeps_report_line)
{
	struct findings fs = { 0 };
	char path[4096];

	/* Trivy's npm.json says package-lock.json line 11 (from Locations);
	 * the file exists in our repo, so the report's line is kept. */
	snprintf(path, sizeof(path), "%s/../shared/fixtures/scanners/trivy/npm.json", UNIT_REPO);
	CHECK(scan_parse_file(path, SCAN_FMT_AUTO, 0, &fs, NULL) == 0);
	CHECK_INT(scan_locate_all(unit_fixture("scan/repo"), &fs), 1);
	CHECK(fs.n == 1 && fs.v[0].line == 11);
	findings_free(&fs);
}
