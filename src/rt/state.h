/* state.h - phase state documents (ship.state/v1) and the audit log, over a pluggable byte store. */
#ifndef SHIP_STATE_H
#define SHIP_STATE_H

#include <stddef.h>
#include "core/buf.h"
#include "core/jv.h"

/*
 * Each phase leaves `<phase>.json` in the state store:
 *   {"schema": "ship.state/v1", "phase": "heal", "written": "<RFC 3339>",
 *    "ship_version": "...", ...phase fields...}
 * and appends one line per external action to `audit.jsonl`:
 *   {"time": "2026-01-02T03:04:05Z", "phase": "publish",
 *    "action": "release.create", "target": "v1.2.0", "result": "ok"}
 * Readers ignore fields they do not know, accept any ship.state/v1 and
 * refuse ship.state/v2 and later (written by a newer ship) with a clear
 * ERR_INVALID naming the document.
 *
 * Where bytes live is the store's business: a directory (state_dir_io,
 * the default `ship-state/`), later workflow artifacts. A store is a
 * small vtable; `name` is a plain file name ("heal.json", "audit.jsonl").
 */
#define STATE_SCHEMA "ship.state/v1"
#define STATE_SCHEMA_MAJOR 1
#define STATE_MAX (64u << 20)   /* one state document */
#define STATE_AUDIT_FILE "audit.jsonl"

struct state_io {
	void *impl;
	/* Appends the whole document to out (cap out->max). ERR_NOTFOUND when absent. */
	int (*read)(void *impl, const char *name, struct buf *out);
	/* Replaces the document atomically: readers see the old or the new bytes. */
	int (*write)(void *impl, const char *name, const void *data, size_t len);
	/* Appends one record atomically with respect to other appenders. */
	int (*append)(void *impl, const char *name, const void *data, size_t len);
	/* Names a document for error messages ("ship-state/heal.json"). */
	void (*describe)(void *impl, const char *name, char *out, size_t outsz);
	void (*close)(void *impl);
};

/*
 * A directory store. The directory is created (mkdir -p) on the first
 * write, never on reads. `dir` is copied. Close with state_io_close().
 */
int state_dir_io(struct state_io *io, const char *dir);
void state_io_close(struct state_io *io);
/* Check mode: later writes and appends through io succeed without
 * touching anything (reads still work). */
void state_io_dry(struct state_io *io);

/* 0 when name is a valid phase name ([a-z0-9-], 1..32 chars), else ERR_INVALID. */
int state_check_phase(const char *phase);

/*
 * Validates a parsed state document: an object whose "schema" is
 * ship.state/vN with N == 1 (N > 1: "written by a newer ship") and whose
 * "phase" (when `phase` is not NULL) matches. `name` is used in errors.
 */
int state_check(const struct jv *doc, const char *phase, const char *name);

/*
 * Reads and validates `<phase>.json`. *out is a new reference (caller
 * frees). ERR_NOTFOUND when there is none; ERR_INVALID for a corrupt or
 * newer document (message names it).
 */
int state_load(const struct state_io *io, const char *phase, struct jv **out);

/*
 * Writes `<phase>.json` atomically: "schema", "phase", "written" and
 * "ship_version" first, then doc's other fields (doc must be an object;
 * it is neither modified nor stolen). Nothing partial is ever left: on failure the old
 * document (if any) is intact.
 */
int state_save(const struct state_io *io, const char *phase, const struct jv *doc);

/*
 * Appends one audit line. target and result may be untrusted text
 * (invalid UTF-8 is replaced). The time is now, UTC.
 */
int state_audit(const struct state_io *io, const char *phase, const char *action,
		const char *target, const char *result);

/* Writes the RFC 3339 UTC form of t ("2026-01-02T03:04:05Z") to out[21]. */
void state_time_rfc3339(char out[21], long long t);

#endif
