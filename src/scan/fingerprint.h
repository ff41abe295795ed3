/* fingerprint.h - GitHub's primaryLocationLineHash (port of codeql-action's fingerprints). */
#ifndef SHIP_SCAN_FINGERPRINT_H
#define SHIP_SCAN_FINGERPRINT_H

#include <stddef.h>

/*
 * Calls cb(line, hash, ctx) for every line of text[0..len), in order,
 * with hash "<hex>:<occurrence>" (a NUL-terminated string valid during
 * the call) exactly as github/codeql-action src/fingerprints.ts computes
 * it: a rolling hash (multiplier 37, wrapping 64-bit) over the next 100
 * characters from each line start, spaces and tabs skipped, CR and CRLF
 * read as LF, UTF-16 code units as JavaScript sees them (the text is
 * decoded as UTF-8; invalid bytes count as U+FFFD). Returns the number
 * of lines.
 */
size_t fingerprint_lines(const char *text, size_t len,
			 void (*cb)(size_t line, const char *hash, void *ctx), void *ctx);

/* The hash of one line (1-based) into out[40]; 0, or -1 when the text
 * has fewer lines. */
int fingerprint_line(const char *text, size_t len, size_t line, char out[40]);

#endif
