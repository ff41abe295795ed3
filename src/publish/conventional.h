/* conventional.h - Conventional Commits 1.0.0 message parser. */
#ifndef SHIP_CONVENTIONAL_H
#define SHIP_CONVENTIONAL_H

#include <stddef.h>

/* Messages longer than this are refused (ERR_TOOBIG). */
#define CC_MAX_MESSAGE (1u << 20)
/* At most this many footers are kept; later ones are folded into the
 * value of the last one kept. */
#define CC_MAX_FOOTERS 64

struct cc_footer {
	char *token;  /* as written ("BREAKING CHANGE", "Refs", "Co-authored-by") */
	char *value;  /* trimmed; may span lines */
};

/*
 * One parsed message. Every string is owned by the struct and freed by
 * cc_release(). A message whose first line is not `type(scope)!: text`
 * is kept with conforming = 0, type "other" and the whole first line as
 * the subject; its body and footers are still parsed.
 */
struct cc_commit {
	int conforming;
	char *type;      /* lower-cased ("feat"); "other" when not conforming */
	char *scope;     /* NULL when none */
	char *subject;   /* the description after ": " */
	char *body;      /* NULL when none; paragraphs before the footers */
	struct cc_footer *footers;
	size_t nfooters;
	int bang;        /* '!' before the colon */
	int breaking;    /* bang, or a BREAKING CHANGE / BREAKING-CHANGE footer */
	const char *breaking_text; /* borrowed from this struct: the footer's
				      value, else the subject; NULL if not breaking */
};

/*
 * Parses msg[0..len). CRLF line ends are accepted; git comment lines are
 * not special (libgit2 hands over the stored message). Types and footer
 * tokens are case-insensitive except BREAKING CHANGE, which must be upper
 * case (spec items 15-16). Errors: ERR_TOOBIG over CC_MAX_MESSAGE, with
 * `name` (e.g. "commit 1a2b3c4") in the message; ERR_FAIL on no memory.
 * On error *c is released.
 */
int cc_parse(struct cc_commit *c, const char *msg, size_t len, const char *name);
void cc_release(struct cc_commit *c);

#endif
