/* pj.h - typed field access for the report parsers, with errors naming file and field. */
#ifndef SHIP_SCAN_PJ_H
#define SHIP_SCAN_PJ_H

#include <stddef.h>
#include "finding.h"

struct jv;

/*
 * Each reads obj[key]. Absent or JSON null gives *out = NULL and 0. Any
 * other type than expected gives ERR_INVALID with the message
 * "FILE: AT.KEY: expected a string (got a number)". Results are borrowed
 * from the document.
 */
int pj_str(const struct jv *obj, const char *key, const char **out,
	   const char *file, const char *at);
int pj_arr(const struct jv *obj, const char *key, struct jv **out,
	   const char *file, const char *at);
int pj_obj(const struct jv *obj, const char *key, struct jv **out,
	   const char *file, const char *at);
/* A number, or a string holding one (OSV max_severity); *out < 0 when absent. */
int pj_num(const struct jv *obj, const char *key, double *out,
	   const char *file, const char *at);
/* Copies obj[key] (a string) into *dst; absent leaves *dst unchanged. */
int pj_set(char **dst, const struct jv *obj, const char *key,
	   const char *file, const char *at);
/* Adds every string of the array obj[key] to l. */
int pj_strs(struct strv *l, const struct jv *obj, const char *key,
	    const char *file, const char *at);
/* "a string", "a number", ... for messages. */
const char *pj_type_name(const struct jv *v);

/* The per-format parsers; same contract as scan_parse_doc (report.h). */
int scan_parse_trivy(const struct jv *doc, const char *name, struct findings *out);
int scan_parse_grype(const struct jv *doc, const char *name, struct findings *out);
int scan_parse_osv(const struct jv *doc, const char *name, struct findings *out);
int scan_parse_cargo_audit(const struct jv *doc, const char *name, struct findings *out);
int scan_parse_npm_audit(const struct jv *doc, const char *name, struct findings *out);
int scan_parse_sarif(const struct jv *doc, const char *name, struct findings *out);

/* Severity from the report if any, else from the CVSS vector. */
void pj_finish(struct finding *f);

#endif
