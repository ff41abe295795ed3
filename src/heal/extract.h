/* extract.h - error entries from CI log lines, through a rule library (rules_*.c). */
#ifndef SHIP_HEAL_EXTRACT_H
#define SHIP_HEAL_EXTRACT_H

#include <stddef.h>

#include "logread.h"

enum heal_sev {
	HEAL_SEV_UNKNOWN = 0,  /* the tool printed no severity */
	HEAL_SEV_ERROR,
	HEAL_SEV_WARNING,
	HEAL_SEV_NOTE          /* note, info, hint, suggestion, convention */
};

/* Caps on what one entry keeps; longer text is cut at a UTF-8 boundary. */
#define HEAL_MAX_FILE     1024
#define HEAL_MAX_CODE     128
#define HEAL_MAX_MESSAGE  4096
#define HEAL_MAX_CONT     32      /* continuation lines per entry */
#define HEAL_MAX_CONT_LEN 512     /* bytes per continuation line */

/*
 * One error entry. Handed to the callback with every pointer BORROWED
 * from the extractor until the callback returns; heal_entries_add() makes
 * an owned copy.
 */
struct heal_entry {
	const char *rule;          /* rule name (static string) */
	const char *tool;          /* tool family, e.g. "rustc" (static) */
	const char *file;          /* NULL when the tool gave no file */
	long line, col, end_line;  /* 0 when absent */
	enum heal_sev sev;
	const char *code;          /* e.g. "E0308", "TS2345"; NULL when none */
	const char *message;       /* first line of the message, never NULL */
	const char *const *cont;   /* continuation lines */
	size_t ncont;
	const char *step;          /* step title, "" outside any step */
	int step_no;
	size_t log_line;           /* 1-based line of the log it starts on */
};

/* Return < 0 to stop extraction (the value is passed back). */
typedef int (*heal_entry_fn)(void *ctx, const struct heal_entry *e);

struct heal_extract;

/* `fn` gets every entry once it is complete (at the next entry, a blank
 * line, a step change, or heal_extract_finish). Caller frees *out. */
int heal_extract_new(struct heal_extract **out, heal_entry_fn fn, void *ctx);
/* Feeds one cleaned line (from logread). 0, or the callback's < 0. */
int heal_extract_line(struct heal_extract *x, const struct logline *ln);
/* Emits the entry still open. Call once at the end of input. */
int heal_extract_finish(struct heal_extract *x);
void heal_extract_free(struct heal_extract *x);
/* 1 when the last line fed started, located or continued an entry
 * (the excerpt builder uses it to pick lines). */
int heal_extract_last_hit(const struct heal_extract *x);

const char *heal_sev_name(enum heal_sev sev);

/* An owned list of entries with a count cap; entries past the cap are
 * counted in `dropped`. */
struct heal_entries {
	struct heal_entry *v;      /* owned; each entry's strings are owned */
	size_t n, alloc, max;
	size_t dropped;
};

#define HEAL_ENTRIES_INIT(max) { NULL, 0, 0, (max), 0 }

/* A heal_entry_fn: copies e into (struct heal_entries *)ctx. */
int heal_entries_add(void *ctx, const struct heal_entry *e);
void heal_entries_free(struct heal_entries *l);
/* Moves src's entries after dst's, within dst's max (the rest counted in
 * dst->dropped, as are src's), each with line_off added to its log_line
 * and step_off to its step_no: a part of a log read on its own
 * (analyze_par.c). src is left empty. */
int heal_entries_take(struct heal_entries *dst, struct heal_entries *src,
                      size_t line_off, int step_off);

/* Reads the log from memory and collects entries into *out (whose max
 * must be set). `name` is used in errors. Files go through
 * heal_analyze_fd (analyze.h), which also reads large ones in parts. */
int heal_extract_mem(const char *data, size_t len, const char *name,
                     struct heal_entries *out);

#endif
