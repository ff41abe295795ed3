/* finding.h - the normalized vulnerability finding shared by every scan input. */
#ifndef SHIP_SCAN_FINDING_H
#define SHIP_SCAN_FINDING_H

#include <stddef.h>

/*
 * Severity, ordered so that a larger value is worse. SEV_UNKNOWN means
 * neither the report nor a CVSS vector gave one; it never blocks (see
 * docs/scan.md) but is counted and shown.
 */
enum sev {
	SEV_UNKNOWN = 0,
	SEV_NONE,      /* CVSS 0.0, npm "info" */
	SEV_LOW,       /* also grype "negligible" */
	SEV_MEDIUM,    /* also npm "moderate" */
	SEV_HIGH,
	SEV_CRITICAL
};
#define SEV_COUNT 6

/* "unknown" "none" "low" "medium" "high" "critical"; static storage. */
const char *sev_name(enum sev s);
/* Case-insensitive parse of every spelling the scanners use (CRITICAL,
 * Critical, moderate, negligible, info, ...). Unrecognised -> SEV_UNKNOWN. */
enum sev sev_parse(const char *s);
/* CVSS qualitative rating of a base score (spec table; 0.0 -> none). */
enum sev sev_from_score(double score);

/* A growable list of owned strings. */
struct strv {
	char **v;
	size_t n, cap;
};
/* Appends a copy of s (NULL and "" are skipped). 0 or ERR_FAIL (ENOMEM). */
int strv_add(struct strv *l, const char *s);
/* Appends a copy when no equal string is there yet. */
int strv_add_uniq(struct strv *l, const char *s);
int strv_has(const struct strv *l, const char *s);
void strv_free(struct strv *l);

/* How the finding was described by its source. */
enum finding_kind {
	FINDING_PACKAGE = 0, /* a vulnerable package version (mergeable) */
	FINDING_SARIF        /* a SARIF result from another tool, kept as-is */
};

/* Policy outcome flags (set by policy_apply). */
#define FINDING_IGNORED  1u
#define FINDING_BLOCKING 2u

/*
 * One finding. Every string is owned by the finding (NULL when absent),
 * freed by finding_clear(). The fields are those an OSV record and a
 * lockfile entry give, so a native OSV matcher can fill them directly.
 */
struct finding {
	enum finding_kind kind;
	char *id;             /* primary id: CVE-..., GHSA-..., RUSTSEC-... */
	struct strv aliases;  /* other ids of the same vulnerability */
	char *ecosystem;      /* OSV ecosystem name: npm, PyPI, crates.io, Go ... */
	char *package;
	char *installed;      /* NULL when the report has none (npm audit) */
	struct strv fixed;    /* fixed versions or constraints, as reported */
	int fixable;          /* a fix exists (fixed[] non-empty or tool says so) */
	enum sev severity;
	char *cvss_vector;    /* CVSS:3.x/... or CVSS:4.0/... */
	double cvss_score;    /* base score; < 0 when none */
	char *title;
	char *url;
	char *target;         /* what the scanner scanned: lockfile, image, dir */
	char *file;           /* repository-relative manifest/lockfile, if known */
	long line;            /* 1-based line in file; 0 when unknown */
	struct strv sources;  /* tools that reported it: trivy, grype ... */
	unsigned flags;       /* FINDING_IGNORED / FINDING_BLOCKING */
	long ignore_rule;     /* index of the ignore rule that matched, or -1 */
};

/* A list of findings; owns them. */
struct findings {
	struct finding *v;
	size_t n, cap;
};

void finding_init(struct finding *f);
void finding_clear(struct finding *f);
/* Replaces *dst by a copy of s (NULL allowed). 0 or ERR_FAIL. */
int finding_set(char **dst, const char *s);
/*
 * Moves *f into the list (f is reset to an empty finding, ownership is
 * transferred). On failure f is cleared. 0 or ERR_FAIL.
 */
int findings_push(struct findings *l, struct finding *f);
void findings_free(struct findings *l);

/* 1 when id equals f->id or one of its aliases (case-insensitive). */
int finding_has_id(const struct finding *f, const char *id);
/* Sets severity from the CVSS vector when the report gave none, and
 * cvss_score when the vector parses. */
void finding_fill_from_cvss(struct finding *f);

#endif
