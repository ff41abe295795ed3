/* policy.h - the scan verdict: --fail-on, --only-fixed and the ignore list. */
#ifndef SHIP_SCAN_POLICY_H
#define SHIP_SCAN_POLICY_H

#include <stddef.h>
#include "finding.h"

/* One ignore entry. Strings are owned by the list. */
struct ignore_rule {
	char *id;          /* an id or alias of the finding */
	char *package;     /* NULL: any package */
	char *reason;
	char expires[11];  /* "YYYY-MM-DD" (ignores through that day) or "" */
	unsigned line;     /* line in the ignore file; 0 when built in memory */
	size_t matched;    /* findings ignored by it (set by policy_apply) */
	int expired;       /* set by policy_apply */
};

struct ignore_list {
	struct ignore_rule *v;
	size_t n, cap;
};

/*
 * Adds an entry; id and reason are required, expires must be a valid
 * YYYY-MM-DD date or NULL. ERR_INVALID with a message otherwise.
 */
int ignore_add(struct ignore_list *l, const char *id, const char *package,
	       const char *reason, const char *expires, unsigned line);
/*
 * Loads an ignore file (.ship-ignore.yml), YAML:
 *     ignore:
 *       - id: CVE-2019-11358
 *         package: jquery          # optional
 *         reason: not reachable    # required
 *         expires: 2026-01-31      # optional
 * (a top-level list is accepted too). Errors name the file, line and
 * column. ERR_NOTFOUND when the file does not exist.
 */
int ignore_load(struct ignore_list *l, const char *path);
void ignore_free(struct ignore_list *l);

#define POLICY_NEVER SEV_COUNT /* --fail-on none */

struct policy {
	int fail_on;     /* SEV_LOW..SEV_CRITICAL, or POLICY_NEVER */
	int only_fixed;  /* only findings with a fix can block */
};

/* "critical" "high" "medium" "low" "none" -> p->fail_on; ERR_USAGE otherwise. */
int policy_parse_fail_on(const char *s, struct policy *p);
/* Today's UTC date as YYYY-MM-DD into buf[11]. */
void policy_today(char buf[11]);

struct policy_result {
	size_t counts[SEV_COUNT]; /* findings not ignored, by severity */
	size_t ignored;
	size_t blocking;
	size_t expired_rules;     /* rules with expired = 1 */
	size_t stale_rules;       /* unexpired rules that matched nothing */
};

/*
 * Applies the policy: sets FINDING_IGNORED / FINDING_BLOCKING and
 * ignore_rule on every finding, matched/expired on every rule, and
 * fills *out. An expired rule ignores nothing (it is reported instead).
 * Severity unknown or none never blocks. today is YYYY-MM-DD.
 */
void policy_apply(const struct policy *p, struct ignore_list *ign,
		  struct findings *fs, const char *today, struct policy_result *out);

#endif
