/* log.h - diagnostics on stderr with levels, and secret redaction. */
#ifndef SHIP_LOG_H
#define SHIP_LOG_H

#include <stddef.h>
#include "buf.h"

enum log_level { LOG_ERROR, LOG_WARN, LOG_INFO, LOG_DEBUG, LOG_TRACE };

/* Messages are "ship: <phase>: text"; the phase is set once per run.
 * `phase` is borrowed and must outlive logging (a string literal). */
void log_set_phase(const char *phase);
void log_set_level(enum log_level level);
enum log_level log_get_level(void);

/*
 * Registers a secret: every later log line (and every caller of
 * log_redact) shows "***" in its place. Secrets shorter than 4 bytes are
 * refused (masking "e" would destroy every line), returning -1. The value
 * is copied. Also calls the hook set with log_set_secret_hook, which the
 * GitHub Actions runtime uses to emit ::add-mask:: before anything prints.
 */
int log_add_secret(const char *secret);
void log_set_secret_hook(void (*hook)(const char *secret));
/* Replaces every registered secret in s[0..len) by "***" and writes the
 * result to out (NUL-terminated, cut to outsz). Returns the length. */
size_t log_redact(const char *s, size_t len, char *out, size_t outsz);
/* Forgets all secrets (tests). */
void log_clear_secrets(void);

/*
 * A filter every finished diagnostic line passes through before it is
 * written (after redaction). Under GitHub Actions the runtime installs
 * one that defuses workflow commands, because the runner reads stderr
 * for them too and messages quote untrusted input. It appends the
 * filtered text to out and returns 0, or non-zero to write the line as is.
 */
void log_set_filter(int (*filter)(struct buf *out, const char *s, size_t len));

void log_msg(enum log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_trace(...) log_msg(LOG_TRACE, __VA_ARGS__)

#endif
