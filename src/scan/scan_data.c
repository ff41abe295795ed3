/* scan_data.c - the scan result as JSON: --format json / Ansible data and the scan.json state. */
#include "scan_int.h"
#include "finding_jv.h"

#include <string.h>

#define DATA_MAX_FINDINGS 1000

static struct jv *counts_jv(const struct scan_job *j)
{
	struct jv *o = jv_new_obj();
	int s;

	for (s = SEV_CRITICAL; s >= SEV_UNKNOWN; s--)
		jv_set_int(o, sev_name((enum sev)s), (long long)j->pr.counts[s]);
	return o;
}

static struct jv *rule_jv(const struct ignore_rule *r)
{
	struct jv *o = jv_new_obj();

	jv_set(o, "id", jv_new_str_lossy(r->id, strlen(r->id)));
	jv_set(o, "package", r->package ? jv_new_str_lossy(r->package, strlen(r->package))
					: jv_new_null());
	jv_set(o, "reason", jv_new_str_lossy(r->reason, strlen(r->reason)));
	jv_set(o, "expires", r->expires[0] ? jv_new_str(r->expires) : jv_new_null());
	jv_set_int(o, "line", r->line);
	jv_set_int(o, "matched", (long long)r->matched);
	jv_set_str(o, "status", r->expired ? "expired" : r->matched ? "used" : "stale");
	return o;
}

static struct jv *policy_jv(const struct scan_job *j)
{
	struct jv *o = jv_new_obj();

	jv_set_str(o, "fail_on", j->pol.fail_on == POLICY_NEVER ? "none"
			: sev_name((enum sev)j->pol.fail_on));
	jv_set_bool(o, "only_fixed", j->pol.only_fixed);
	jv_set(o, "ignore_file", j->ignore_path ? jv_new_str_lossy(j->ignore_path,
				strlen(j->ignore_path)) : jv_new_null());
	jv_set_str(o, "today", j->today);
	return o;
}

/* The blocking findings, at most `cap` (0 = all). */
static struct jv *blocking_jv(const struct scan_job *j, size_t cap)
{
	struct jv *a = jv_new_arr();
	size_t i, n = 0;

	for (i = 0; i < j->fs.n && (!cap || n < cap); i++)
		if (j->fs.v[i].flags & FINDING_BLOCKING) {
			jv_push(a, finding_to_jv(&j->fs.v[i]));
			n++;
		}
	return a;
}

static struct jv *self_jv(const struct scan_job *j)
{
	struct jv *o = jv_new_obj();

	jv_set_int(o, "applies", (long long)j->self.applies);
	jv_set_int(o, "other_version", (long long)j->self.other_version);
	jv_set_int(o, "unrelated", (long long)j->self.unrelated);
	jv_set(o, "not_applicable", findings_to_jv(&j->na));
	return o;
}

struct jv *scan_data(const struct scan_job *j, int full)
{
	struct jv *o = jv_new_obj(), *ign = jv_new_arr();
	size_t i;

	if (!o || !ign) {
		jv_free(o);
		jv_free(ign);
		return NULL;
	}
	jv_set_str(o, "verdict", j->pr.blocking ? "blocked" : "pass");
	jv_set_int(o, "blocking", (long long)j->pr.blocking);
	jv_set_int(o, "ignored", (long long)j->pr.ignored);
	jv_set_int(o, "total", (long long)j->fs.n);
	jv_set(o, "counts", counts_jv(j));
	jv_set(o, "policy", policy_jv(j));
	for (i = 0; i < j->ign.n; i++)
		jv_push(ign, rule_jv(&j->ign.v[i]));
	jv_set(o, "ignore_rules", ign);
	jv_set_int(o, "expired_rules", (long long)j->pr.expired_rules);
	jv_set_int(o, "stale_rules", (long long)j->pr.stale_rules);
	jv_set(o, "reports", jv_ref(j->reports));
	jv_set(o, "sarif_file", j->sarif_path ? jv_new_str_lossy(j->sarif_path,
			strlen(j->sarif_path)) : jv_new_null());
	if (j->self_mode)
		jv_set(o, "self", self_jv(j));
	if (full) {
		jv_set(o, "findings", findings_to_jv(&j->fs));
	} else {
		jv_set(o, "blocking_findings", blocking_jv(j, DATA_MAX_FINDINGS));
		jv_set_bool(o, "blocking_findings_truncated", j->pr.blocking > DATA_MAX_FINDINGS);
	}
	return o;
}
