/* log.c - leveled diagnostics on stderr with secrets redacted. */
#include "log.h"
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOG_MAX_SECRETS 64
#define LOG_LINE_MAX 8192

static const char *log_phase;
static enum log_level log_level = LOG_INFO;
static char *log_secrets[LOG_MAX_SECRETS];
static size_t log_nsecrets;
static void (*log_secret_hook)(const char *secret);
static int (*log_filter)(struct buf *out, const char *s, size_t len);

void log_set_phase(const char *phase) { log_phase = phase; }
void log_set_level(enum log_level level) { log_level = level; }
enum log_level log_get_level(void) { return log_level; }
void log_set_secret_hook(void (*hook)(const char *)) { log_secret_hook = hook; }
void log_set_filter(int (*f)(struct buf *, const char *, size_t)) { log_filter = f; }

int log_add_secret(const char *secret)
{
	size_t i;

	if (!secret || strlen(secret) < 4)
		return -1;
	for (i = 0; i < log_nsecrets; i++)
		if (!strcmp(log_secrets[i], secret))
			return 0;
	if (log_nsecrets == LOG_MAX_SECRETS)
		return -1;
	log_secrets[log_nsecrets] = strdup(secret);
	if (!log_secrets[log_nsecrets])
		return -1;
	log_nsecrets++;
	if (log_secret_hook)
		log_secret_hook(secret);
	return 0;
}

void log_clear_secrets(void)
{
	while (log_nsecrets)
		free(log_secrets[--log_nsecrets]);
}

/* Length of the longest secret that starts at s, or 0. */
static size_t log_secret_at(const char *s, size_t left)
{
	size_t i, best = 0;

	for (i = 0; i < log_nsecrets; i++) {
		size_t n = strlen(log_secrets[i]);
		if (n <= left && n > best && !memcmp(s, log_secrets[i], n))
			best = n;
	}
	return best;
}

size_t log_redact(const char *s, size_t len, char *out, size_t outsz)
{
	size_t i = 0, o = 0, n;

	if (!outsz)
		return 0;
	while (i < len && o + 1 < outsz) {
		n = log_nsecrets ? log_secret_at(s + i, len - i) : 0;
		if (n) {
			size_t k;
			for (k = 0; k < 3 && o + 1 < outsz; k++)
				out[o++] = '*';
			i += n;
			continue;
		}
		out[o++] = s[i++];
	}
	out[o] = '\0';
	return o;
}

static const char *log_label(enum log_level level)
{
	switch (level) {
	case LOG_ERROR: return "error: ";
	case LOG_WARN:  return "warning: ";
	case LOG_DEBUG: return "debug: ";
	case LOG_TRACE: return "trace: ";
	default:        return "";
	}
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	char raw[LOG_LINE_MAX], clean[LOG_LINE_MAX];
	struct buf line = BUF_INIT(LOG_LINE_MAX * 2);
	va_list ap;
	size_t n;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	n = log_redact(raw, strlen(raw), clean, sizeof(clean));
	buf_puts(&line, "ship: ");
	if (log_phase)
		buf_printf(&line, "%s: ", log_phase);
	buf_puts(&line, log_label(level));
	buf_add(&line, clean, n);
	buf_putc(&line, '\n');
	if (log_filter && !buf_failed(&line)) {
		struct buf safe = BUF_INIT(LOG_LINE_MAX * 4);
		if (!log_filter(&safe, line.ptr, line.len) && !buf_failed(&safe)) {
			buf_release(&line);
			line = safe;
		} else {
			buf_release(&safe);
		}
	}
	/* One write so lines from stdout and stderr never tear each other. */
	if (!buf_failed(&line)) {
		ssize_t w = write(STDERR_FILENO, line.ptr, line.len);
		(void)w; /* nothing sensible to do when stderr is gone */
	}
	buf_release(&line);
}
