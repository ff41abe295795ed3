/* scan_opts.c - the option table of `ship scan`. */
#include "scan/scan.h"

const struct opt_spec scan_opts[] = {
	{ "report", 0, OPT_LIST, "FILE|DIR", NULL, "a scanner report, or a directory of them" },
	{ "format-in", 0, OPT_STR, "FORMAT", NULL, "force the report format: trivy, grype, osv-scanner, cargo-audit, npm-audit, sarif" },
	{ "run", 0, OPT_LIST, "SCANNER", NULL, "run trivy, grype, osv-scanner, cargo-audit or npm-audit and ingest its output" },
	{ "repo-root", 0, OPT_STR, "DIR", ".", "repository root: lockfiles are looked up and scanners run here" },
	{ "fail-on", 0, OPT_STR, "SEVERITY", "high", "lowest blocking severity: critical, high, medium, low or none" },
	{ "only-fixed", 0, OPT_FLAG, NULL, NULL, "only findings with a fixed version block" },
	{ "ignore-file", 0, OPT_STR, "FILE", ".ship-ignore.yml", "ignore list with reasons and expiry dates; the default is read from the repository root when present" },
	{ "sarif", 0, OPT_STR, "FILE", NULL, "write SARIF 2.1.0 for code scanning" },
	{ "max-report-size", 0, OPT_INT, "BYTES", "268435456", "largest report (or scanner output) read, in bytes" },
	{ "run-timeout", 0, OPT_INT, "SECONDS", "1800", "stop a scanner started by --run after this long (0: no limit)" },
	{ "self", 0, OPT_FLAG, NULL, NULL, "check ship's own components against the reports" },
	OPT_END
};
