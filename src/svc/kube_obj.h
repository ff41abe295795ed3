/* kube_obj.h - read helpers for Kubernetes object JSON (conditions, labels, times). */
#ifndef SHIP_KUBE_OBJ_H
#define SHIP_KUBE_OBJ_H

#include "core/jv.h"

/*
 * All functions take objects as parsed by jv.h (a Kubernetes object:
 * apiVersion, kind, metadata, spec, status) and treat a NULL or missing
 * part as absent. Returned pointers are BORROWED from the object and
 * valid while it lives.
 */

/* The condition of `type` in status.conditions[], or NULL. */
struct jv *kube_cond(const struct jv *obj, const char *type);
/* 1 when condition `type` exists with status `status` ("True"/"False"/...). */
int kube_cond_is(const struct jv *obj, const char *type, const char *status);
/* The reason/message of condition `type`, or "" when absent. */
const char *kube_cond_reason(const struct jv *obj, const char *type);
const char *kube_cond_message(const struct jv *obj, const char *type);

/* An integer field at a dotted path ("status.readyReplicas"); `def` when
 * missing or not an integer. Path segments are object keys only. */
long long kube_int(const struct jv *obj, const char *path, long long def);
/* 1 when the field at the dotted path exists (and is not null). */
int kube_has(const struct jv *obj, const char *path);
/* The string at a dotted path, or NULL. */
const char *kube_str(const struct jv *obj, const char *path);
/* The value at a dotted path, or NULL. */
struct jv *kube_path(const struct jv *obj, const char *path);

const char *kube_label(const struct jv *obj, const char *key);
const char *kube_annotation(const struct jv *obj, const char *key);
/* "Kind/name" written into out (always NUL-terminated). */
void kube_ref(const struct jv *obj, char *out, size_t n);

/*
 * Parses an RFC 3339 time ("2018-12-02T08:19:13Z", fractions and
 * +hh:mm offsets allowed) into nanoseconds since the epoch. Returns
 * ERR_INVALID for anything else.
 */
int kube_time(const char *s, long long *ns);
/* The time at a dotted path as nanoseconds, or `def` when missing/invalid. */
long long kube_time_at(const struct jv *obj, const char *path, long long def);

#define KUBE_NS_PER_SEC 1000000000LL

#endif
