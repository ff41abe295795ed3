/* finding_jv.h - findings as JSON, for state files and --format json. */
#ifndef SHIP_SCAN_FINDING_JV_H
#define SHIP_SCAN_FINDING_JV_H

#include "finding.h"

struct jv;

/*
 * {"id","aliases":[],"ecosystem","package","installed","fixed":[],
 *  "fixable","severity","cvss_vector","cvss_score","title","url","target",
 *  "file","line","sources":[],"kind":"package"|"sarif","ignored","blocking"}
 * Absent strings are JSON null; cvss_score null when unknown; line null
 * when unknown. Untrusted text is stored lossily (invalid UTF-8 -> U+FFFD).
 * Returns a new reference (caller jv_free), NULL on allocation failure.
 */
struct jv *finding_to_jv(const struct finding *f);
/* An array of all findings, in order. */
struct jv *findings_to_jv(const struct findings *fs);

#endif
