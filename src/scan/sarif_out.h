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

/*
 * Builds one SARIF run from the findings that are not ignored
 * (FINDING_IGNORED). Results are ordered by severity, highest first, and
 * cut at SARIF_MAX_RESULTS; *dropped (may be NULL) gets the number cut.
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

#endif
