/* ansible.h - ship as a binary Ansible module: read the args file, map args to options, print the result. */
#ifndef SHIP_ANSIBLE_H
#define SHIP_ANSIBLE_H

#include "core/jv.h"
#include "core/opt.h"
#include "rt/result.h"

/*
 * Ansible runs a binary module as `MODULE ARGS_FILE` where ARGS_FILE is
 * a JSON object: the task's arguments plus `_ansible_*` keys
 * (_ansible_check_mode, _ansible_diff, _ansible_module_name, ...). The
 * module prints one JSON object and exits 0, or 1 when it failed
 * (AnsibleModule.exit_json / fail_json).
 */
struct rt_ansible {
	struct jv *args;         /* the whole args object (owned) */
	struct jv *public_args;  /* args without _ansible_* keys and secrets,
				    echoed as invocation.module_args (owned) */
	char phase[64];          /* "deploy-watch" from ship_deploy_watch, or `phase` */
	char module[64];         /* module name for messages ("ship_scan") */
	int check_mode;
	int diff;
};

/*
 * Loads path. The phase comes from the `phase` argument, else
 * `_ansible_module_name` (after its last '.', minus "ship_", '_' to '-'),
 * else argv0's base name the same way. Arguments whose names look like
 * secrets are handed to config_put_secret() and left out of
 * public_args. 0, or ERR_INVALID with a message naming the file.
 * Release with rt_ansible_release() in every case.
 */
int rt_ansible_load(struct rt_ansible *a, const char *argv0, const char *path);
void rt_ansible_release(struct rt_ansible *a);

/*
 * Sets every argument (not _ansible_*, not phase, not a secret) as a
 * command-line flag: name with '_' -> '-', booleans as true/false,
 * numbers as text, lists item by item. Unknown names fail with
 * ERR_USAGE "Unsupported parameters for (MODULE) module: a, b".
 */
int rt_ansible_apply(const struct rt_ansible *a, struct opt_set *set);

/*
 * The module result (new reference, caller frees):
 *   {"changed", "failed", "msg", "phase", "verdict", "exit_code",
 *    "check_mode", "outputs", "data", "diff" (when asked and set),
 *    "invocation": {"module_args": public_args}}
 * `a` may be NULL (args file unreadable).
 */
struct jv *rt_ansible_result(const struct rt_ansible *a, const struct rt_result *r);

#endif
