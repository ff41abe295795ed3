/* kube_yaml.h - Kubernetes YAML manifests to JSON values (yml.h tree -> jv.h). */
#ifndef SHIP_KUBE_YAML_H
#define SHIP_KUBE_YAML_H

#include <stddef.h>
#include "core/jv.h"

/*
 * Converts one YAML document into a JSON value the way kubectl reads a
 * manifest: mappings become objects, sequences arrays, and plain scalars
 * are typed by the YAML 1.2 core schema (null/~/empty, true/false,
 * decimal integers, floats); quoted scalars stay strings. Anything else
 * (e.g. the YAML 1.1 "yes"/"on") stays a string: only the core schema is
 * unambiguous. Inputs over `max` bytes fail with ERR_TOOBIG, invalid YAML
 * with ERR_INVALID and "NAME: line L, column C: reason".
 * *out is a NEW reference (caller jv_free()s); NULL-root documents give
 * JSON null.
 */
int kube_yaml_parse(struct jv **out, const char *data, size_t len, size_t max,
		    const char *name);
int kube_yaml_file(struct jv **out, const char *path, size_t max);

#endif
