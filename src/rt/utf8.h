/* utf8.h - UTF-8 helpers: UTF-16 code-unit counts and boundary-safe cuts. */
#ifndef SHIP_UTF8_H
#define SHIP_UTF8_H

#include <stddef.h>

/*
 * The runner is .NET: its string lengths (the 4096-char annotation cap,
 * the 1 MB output cap) count UTF-16 code units. A code point above U+FFFF
 * (4 UTF-8 bytes, e.g. most emoji) is 2 units, any other valid code point
 * 1 unit. An invalid byte counts as 1 unit (the runner's decoder turns it
 * into U+FFFD), which can only over-count, so caps stay safe.
 */

/* Length in bytes (1..4) of the valid UTF-8 sequence at s, or 0 when the
 * byte at s does not start one (overlong forms, surrogates and code points
 * above U+10FFFF are invalid). `left` bytes are readable; must be > 0. */
size_t utf8_seq_len(const char *s, size_t left);

/* UTF-16 code units of s[0..len). */
size_t utf8_utf16_len(const char *s, size_t len);

/* The length in bytes of the longest prefix of s[0..len) that holds at
 * most max_units UTF-16 code units and does not end inside a valid
 * multi-byte sequence. */
size_t utf8_cut_utf16(const char *s, size_t len, size_t max_units);

#endif
