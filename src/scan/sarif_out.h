/* sarif_out.h - findings as SARIF 2.1.0 for GitHub code scanning. */
#ifndef SHIP_SCAN_SARIF_OUT_H
#define SHIP_SCAN_SARIF_OUT_H

#include <stddef.h>
#include "finding.h"

struct jv;

struct sarif_opts {
	const char *root;         /* repository root: fingerprints read files here */
	const char *tool_name;    /* tool.driver.name; NULL -> "ship" */
	const char *tool_version; /* NULL -> omitted */
	const char *category;     /* runAutomationDetails.id = "CATEGORY/"; NULL -> none */
};

/* GitHub's documented limits (research/publish-scan-anchors.md §5). */
#define SARIF_MAX_RESULTS   25000
#define SARIF_MAX_RULES     25000
#define SARIF_MAX_FULL_DESC 1024
#define SARIF_MAX_MESSAGE   4096
/* "10 MB" read as the smaller 10,000,000 bytes, gzip-compressed per file. */
#define SARIF_MAX_GZIP      10000000u
#define SARIF_MAX_RUNS      20
#define SARIF_MAX_EXTENSIONS 100
#define SARIF_MAX_LOCATIONS 1000
#define SARIF_MAX_FLOW_LOCS 10000
#define SARIF_MAX_TAGS      20
#define SARIF_TEST_GZIP_ENV "SHIP_TEST_SARIF_MAX_GZIP_BYTES"

/*
 * Builds one SARIF run from the findings that are not ignored
 * (FINDING_IGNORED). Results are ordered by priority: severity, then
 * CVSS score, highest first (input order breaks ties). They are cut at
 * SARIF_MAX_RESULTS, then the lowest-priority ones are left out until the
 * document, serialised as jv_dump(doc, 0) plus a newline, is at most
 * SARIF_MAX_GZIP bytes gzip-compressed (and at most BUF_MAX_JSON bytes
 * plain). *dropped (may be NULL) gets the number left out; when it is not
 * 0 the run says so in properties.resultsLeftOut and in a warning
 * notification (invocations[0].toolExecutionNotifications, see
 * sarif_left_out_note()). A document that cannot fit even without results
 * is ERR_TOOBIG.
 * One rule per id with shortDescription, fullDescription (<= 1024
 * characters), help, properties.security-severity (the CVSS score, else
 * 9.5/8.0/5.5/2.0 by severity) and tags [security, vulnerability, SEV].
 * Each result has one location (the lockfile line when known, line 1
 * otherwise) and partialFingerprints.primaryLocationLineHash computed
 * like github/codeql-action from the file under o->root; when the file
 * cannot be read, from the text "ID\nPACKAGE@VERSION\nTARGET" so the
 * value stays stable between runs. *out is caller-owned (jv_free).
 */
int sarif_build(struct jv **out, const struct findings *fs, const struct sarif_opts *o,
		size_t *dropped);

/*
 * sarif_build() with the gzip cap max_gzip (bytes, at most SARIF_MAX_GZIP).
 * 0 means SARIF_MAX_GZIP, or the value of the test-only environment
 * variable SHIP_TEST_SARIF_MAX_GZIP_BYTES when it is set (1..SARIF_MAX_GZIP;
 * other values are ignored) -- so CLI tests can pass the limit quickly.
 */
int sarif_build_max(struct jv **out, const struct findings *fs, const struct sarif_opts *o,
		    size_t max_gzip, size_t *dropped);

/*
 * The left-out note of a document from sarif_build() (borrowed from doc),
 * or NULL when nothing was left out. Fit for a log line.
 */
const char *sarif_left_out_note(const struct jv *doc);

/*
 * Checks a SARIF document against GitHub's documented maxima, over which
 * an upload is rejected: runs per file, results and rules per run, tool
 * extensions per run, locations per result, thread-flow locations per
 * result, tags per rule, fullDescription length. Returns 0, or
 * ERR_INVALID with a message naming the first limit exceeded.
 * sarif_build() output always passes (checked before it returns).
 */
int sarif_check_limits(const struct jv *doc);

#endif
