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
 * the default `ship-state/`) or workflow artifacts (state_open, below).
 * A store is a small vtable; `name` is a plain file name ("heal.json",
 * "audit.jsonl").
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
	/* Optional (may be NULL): publishes what was written once the phase
	 * is done (artifact stores upload here). See state_io_finish(). */
	int (*finish)(void *impl);
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

/*
 * Stores over workflow artifacts (src/rt/state_artifact.c), for
 * --state-from / --state-to. A location is one of
 *   dir:PATH                    a directory
 *   artifact:NAME               this run's artifacts: written as
 *                               NAME-<phase>, read by merging NAME and
 *                               every NAME-* (artifact service v4 when
 *                               ACTIONS_RUNTIME_TOKEN/ACTIONS_RESULTS_URL
 *                               are set, else REST with GITHUB_TOKEN and
 *                               GITHUB_RUN_ID)
 *   run:RUN_ID/artifact:NAME    another run's artifacts (REST; read only)
 * Sources are fetched when the store is opened (downloaded, safely
 * extracted and merged into a temporary directory removed on close).
 * Writes go to state_dir (NULL for from/to: the state directory) and,
 * for an artifact sink, are kept and uploaded once by state_io_finish()
 * as one immutable artifact NAME-<phase>.
 */
struct state_where {
	const char *from;        /* NULL: state_dir */
	const char *to;          /* NULL: state_dir */
	const char *state_dir;   /* --state-dir (required) */
	const char *phase;       /* names the uploaded artifact */
	const char *ca_file;     /* --ca-file or NULL */
	int retention_days;      /* uploaded artifacts; 0: repository default */
};
/* Opens io for w (all strings are copied). ERR_USAGE for a malformed
 * location, ERR_NOTFOUND when artifacts are asked for without the
 * credentials they need, ERR_SERVICE when fetching failed. */
int state_open(struct state_io *io, const struct state_where *w);
/* Parses a location; 0 or ERR_USAGE naming `opt`. Fills kind ("dir",
 * "artifact", "run"), val (PATH or NAME) and *run_id (run: only). */
int state_where_parse(const char *opt, const char *spec, char kind[16], const char **val,
		      long long *run_id);
/* Calls io->finish once (later calls return 0); 0 when there is none or
 * nothing was written. */
int state_io_finish(struct state_io *io);

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
