/* report.h - reading scanner reports into findings: formats, detection, parsers. */
#ifndef SHIP_SCAN_REPORT_H
#define SHIP_SCAN_REPORT_H

#include <stddef.h>
#include "finding.h"

struct jv;

enum scan_format {
	SCAN_FMT_AUTO = 0,
	SCAN_FMT_TRIVY,        /* trivy --format json, SchemaVersion 2 */
	SCAN_FMT_GRYPE,        /* grype -o json */
	SCAN_FMT_OSV,          /* osv-scanner --format json (and the flattened list) */
	SCAN_FMT_CARGO_AUDIT,  /* cargo audit --json */
	SCAN_FMT_NPM_AUDIT,    /* npm audit --json, npm >= 7 (auditReportVersion 2) */
	SCAN_FMT_SARIF         /* SARIF 2.1.0 from any tool */
};

/* "auto" "trivy" "grype" "osv-scanner" "cargo-audit" "npm-audit" "sarif". */
const char *scan_format_name(enum scan_format f);
/* Parses a --format value; ERR_USAGE naming the accepted values. */
int scan_format_parse(const char *s, enum scan_format *out);

/*
 * Recognises the report format from the document's shape. ERR_INVALID
 * "NAME: unknown report format (expected ...)" when nothing matches, or
 * when a known format comes in an unsupported version (Trivy
 * SchemaVersion other than 2, npm audit v1).
 */
int scan_detect(const struct jv *doc, const char *name, enum scan_format *out);

/*
 * Appends the findings of one parsed report to out. `name` names the
 * input in errors: wrong types in known fields give ERR_INVALID with
 * "NAME: FIELD.PATH: expected a string" and nothing is appended.
 * fmt SCAN_FMT_AUTO detects the format.
 */
int scan_parse_doc(const struct jv *doc, const char *name, enum scan_format fmt,
		   struct findings *out);

/*
 * Reads and parses a report file, at most `max` bytes (ERR_TOOBIG above;
 * 0 means BUF_MAX_JSON, 256 MiB). *detected (may be NULL) receives the
 * format used.
 */
int scan_parse_file(const char *path, enum scan_format fmt, size_t max,
		    struct findings *out, enum scan_format *detected);

#endif
