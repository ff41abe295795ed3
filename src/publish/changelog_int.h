/* changelog_int.h - the pieces of the release notes, shared by changelog.c and changelog_tpl.c. */
#ifndef SHIP_CHANGELOG_INT_H
#define SHIP_CHANGELOG_INT_H

#include <stddef.h>
#include "../core/buf.h"
#include "changelog.h"

/* Sections 0..CHL_NSECTIONS-1 are the types in their fixed order, the last
 * one "Other"; CHL_BREAKING is the BREAKING CHANGES block. */
#define CHL_NSECTIONS 12
#define CHL_BREAKING (-1)

/* The section index of a type name ("feat" ... "chore", "other"), or -2
 * when there is no such section. */
int chl_section_index(const char *name, size_t len);

/* Appends section s: lead, "### Title\n\n", then one line per entry.
 * Nothing when the section has no entry. Returns the number of entries. */
size_t chl_block(struct buf *b, const struct hist_commit *c, size_t n,
		 const struct changelog_opts *o, int s, const char *lead);

/* Appends the heading "## 1.3.0 (date)" (linked when possible), no newline. */
void chl_heading(struct buf *b, const struct changelog_opts *o);

/* Cuts b at a line end so that it fits in max with a note saying how many
 * entries were left out. */
void chl_cut(struct buf *b, size_t max);

/* changelog_tpl.c: renders o->tpl into b (uncapped; the caller cuts).
 * 0, or ERR_INVALID naming the template, line and placeholder. */
int chl_tpl_render(struct buf *b, const struct hist_commit *c, size_t n,
		   const struct changelog_opts *o);

#endif
