/* scan_opts.c - the option table of `ship scan`. */
#include "scan/scan.h"

const struct opt_spec scan_opts[] = {
	{ "report", 0, OPT_LIST, "FILE|DIR", NULL, "a scanner report, or a directory of them" },
	{ "format-in", 0, OPT_STR, "FORMAT", NULL, "force the report format: trivy, grype, osv, cargo-audit, npm-audit, sarif" },
	{ "run", 0, OPT_LIST, "SCANNER", NULL, "run trivy, grype, osv-scanner, cargo-audit or npm-audit and ingest its output" },
	{ "fail-on", 0, OPT_STR, "SEVERITY", "high", "lowest blocking severity: critical, high, medium, low or none" },
	{ "only-fixed", 0, OPT_FLAG, NULL, NULL, "only findings with a fixed version block" },
	{ "ignore-file", 0, OPT_STR, "FILE", ".ship-ignore.yml", "ignore list with reasons and expiry dates" },
	{ "sarif", 0, OPT_STR, "FILE", NULL, "write SARIF 2.1.0 for code scanning" },
	{ "self", 0, OPT_FLAG, NULL, NULL, "check ship's own components against the reports" },
	OPT_END
};
