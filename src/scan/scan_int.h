/* scan_int.h - the state of one `ship scan` run, shared by the command's files. */
#ifndef SHIP_SCAN_INT_H
#define SHIP_SCAN_INT_H

#include <stddef.h>
#include "core/jv.h"
#include "finding.h"
#include "policy.h"
#include "scan_self.h"

/* Everything is owned by the job and freed by scan_job_free(). */
struct scan_job {
	const char *root;            /* repository root (borrowed option value) */
	const char *ignore_path;     /* the ignore file read, or NULL when none */
	struct policy pol;
	struct ignore_list ign;
	struct findings fs;          /* merged findings after the policy */
	struct findings na;          /* --self: ship components at another version */
	struct self_stats self;
	int self_mode;
	struct policy_result pr;
	struct jv *reports;          /* [{"name","format","findings"}] */
	const char *sarif_path;      /* borrowed option value, or NULL */
	size_t sarif_results, sarif_dropped;
	char today[11];
};

/* Annotations on stdout (GitHub format only): findings, expired and
 * stale ignore entries, the best ANNOT_PER_TYPE of each type;
 * dropped[level] gets how many were left out. */
int scan_annotate(const struct scan_job *j, size_t dropped[3]);
/* The step summary ($GITHUB_STEP_SUMMARY); ERR_NOTFOUND when unset. */
int scan_summary(const struct scan_job *j, size_t dropped_annotations[3]);
/* Result data (JSON/Ansible) and the scan.json state document. Both are
 * new references (caller frees), NULL on allocation failure. */
struct jv *scan_data(const struct scan_job *j, int full);

/* "ID package@version" style label used in logs and annotations. Appends
 * to out. */
void scan_label(struct buf *out, const struct finding *f);

/* Priority for ordering findings: severity, then CVSS score. */
long scan_priority(const struct finding *f);

#endif
