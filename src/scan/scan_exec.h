/* scan_exec.h - running an installed scanner (argv, never a shell) and capturing its JSON report. */
#ifndef SHIP_SCAN_EXEC_H
#define SHIP_SCAN_EXEC_H

#include <stddef.h>
#include "core/buf.h"
#include "report.h"

/* One scanner `--run` knows. Static storage. */
struct scan_scanner {
	const char *name;      /* the --run value */
	const char *prog;      /* the program looked up in PATH */
	enum scan_format fmt;  /* the format its JSON output has */
};

/* The --run value -> scanner. ERR_USAGE naming the accepted values. */
int scan_scanner_find(const char *name, const struct scan_scanner **out);
/* "trivy, grype, osv-scanner, cargo-audit, npm-audit"; static. */
const char *scan_scanner_names(void);

/*
 * Runs the scanner over the repository at `root` with the fixed argv
 * documented in docs/scan.md (fork + execvp: no shell; stdin is
 * /dev/null; npm runs in root). Its stdout is appended to out, whose cap
 * (out->max) bounds it: above it the scanner is killed and ERR_TOOBIG
 * returned. stderr is kept (first 4 KiB) for error messages and logged at
 * debug level. Scanners exit non-zero when they find something, so the
 * exit status only counts when stdout is empty.
 * Errors: ERR_NOTFOUND "trivy: not found in PATH ..." when the program is
 * not installed; ERR_INVALID when it fails without output (message has
 * the status and the start of stderr); ERR_TIMEOUT after timeout_s
 * seconds (0 = no deadline; the scanner is killed).
 */
int scan_exec(const struct scan_scanner *s, const char *root, long timeout_s,
	      struct buf *out);

#endif
