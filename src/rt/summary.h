/* summary.h - $GITHUB_STEP_SUMMARY Markdown builder that stays under the runner's 1 MiB cap. */
#ifndef SHIP_SUMMARY_H
#define SHIP_SUMMARY_H

#include <stddef.h>
#include "core/buf.h"

/*
 * The runner uploads nothing at all when the summary file is over 1024k
 * (research/gha-contract.md §2). A summary is built in sections, each
 * with an importance; rendering keeps the total under the limit by
 * dropping, or cutting at a block boundary, the least important sections
 * first (among equals, the later one), leaving a note that says what was
 * cut. SUMMARY_VERDICT sections are never cut; if they alone do not fit,
 * rendering fails with ERR_TOOBIG.
 *
 * Text arguments are untrusted unless the name says otherwise: they are
 * escaped so they render literally (no raw HTML, links, images, math or
 * Markdown structure). Builder calls return 0 or -1; a block that would
 * push a section over SUMMARY_SECTION_MAX is left out and counted, and
 * rendering says so.
 */
enum summary_importance {
	SUMMARY_VERDICT = 0, /* never cut */
	SUMMARY_HIGH = 1,
	SUMMARY_NORMAL = 2,
	SUMMARY_LOW = 3      /* cut first: logs, long lists */
};

#define SUMMARY_LIMIT       (1024u * 1024u)
#define SUMMARY_SECTION_MAX (4u << 20)

struct summary_cut {
	size_t off;   /* body[0..off) ends after a whole block */
	int depth;    /* <details> open at off */
	int in_table; /* a table is open at off */
};

struct summary_section {
	char *name;                 /* owned; shown in cut notes */
	int importance;
	struct buf body;
	struct summary_cut *cuts;   /* owned */
	size_t ncuts, cutcap;
	int depth, in_table;
	size_t lost;                /* bytes of blocks left out (section cap) */
};

struct summary {
	struct summary_section *sec; /* owned */
	size_t n, cap;
	int failed;
};

void summary_init(struct summary *s);
void summary_free(struct summary *s);

/* Starts a section; later blocks go into it. `name` (copied) is used in
 * notes. Blocks added before any section go to one named "summary". */
int summary_section(struct summary *s, const char *name, enum summary_importance imp);

int summary_heading(struct summary *s, int level, const char *text);
int summary_para(struct summary *s, const char *text);
/* Trusted Markdown written by ship itself, added as one block. */
int summary_markdown(struct summary *s, const char *md);
/* A table: header cells then rows of ncols cells (NULL = empty cell).
 * Cells escape '|' and turn newlines into <br>. */
int summary_table(struct summary *s, size_t ncols, const char *const *header);
int summary_row(struct summary *s, size_t ncols, const char *const *cells);
/* <details> with a <summary> line; nests; closed at render if left open. */
int summary_details_begin(struct summary *s, const char *title);
int summary_details_end(struct summary *s);
/* A fenced code block whose fence is longer than any backtick run in
 * text; lang keeps only [A-Za-z0-9_+.-]. */
int summary_code(struct summary *s, const char *lang, const char *text, size_t len);

/*
 * A paragraph saying how many annotations of each type the sink left out
 * (dropped[] indexed by enum ghcmd_level, from annot_dropped_all()), e.g.
 * "2 more errors and 1 more warning were not shown as annotations: GitHub
 * shows at most 10 of each type per step." Nothing when all are zero.
 */
int summary_dropped_annotations(struct summary *s, const size_t dropped[3]);

/* Escapers, exposed for callers composing their own Markdown. Append to out. */
int summary_escape_md(struct buf *out, const char *s, size_t len, int in_cell);
int summary_escape_html(struct buf *out, const char *s, size_t len);

/* Renders into out with at most `limit` bytes. 0, or ERR_TOOBIG when the
 * verdict sections (plus cut notes) alone exceed it, or ERR_FAIL. */
int summary_render(const struct summary *s, struct buf *out, size_t limit);

/* Appends the rendering to $GITHUB_STEP_SUMMARY with one write, using
 * what is left of SUMMARY_LIMIT after the file's current size.
 * ERR_NOTFOUND when the variable is unset; ERR_INVALID when unwritable. */
int summary_write(const struct summary *s);

#endif
