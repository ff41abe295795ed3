/* merge.h - merging duplicate findings across reports. */
#ifndef SHIP_SCAN_MERGE_H
#define SHIP_SCAN_MERGE_H

#include "finding.h"

/*
 * Merges, in place, findings that describe the same vulnerability in the
 * same package version: some id or alias in common (case-insensitive),
 * the same package name (case-insensitive; PyPI names also with - _ .
 * equal) and the same installed version (a leading "v" ignored; an
 * unknown version only matches an unknown one). The merged finding keeps
 * the first finding's id (others become aliases), the highest severity
 * (its CVSS vector and score with it), the union of aliases, fixed
 * versions and sources, and the first non-empty title, url, file and
 * line. SARIF results (FINDING_SARIF) are kept as-is. Order is stable.
 * 0, or ERR_FAIL on allocation failure (the list is then unchanged or
 * partially merged but valid).
 */
int findings_merge(struct findings *l);

#endif
