/* state_int.h - internals shared by the artifact state store files (not a public interface). */
#ifndef SHIP_STATE_INT_H
#define SHIP_STATE_INT_H

#include "core/jv.h"

#define STATE_MAX_ARTIFACTS 100          /* merged per source */
#define STATE_ART_MAX_ZIP (256ull << 20) /* one state artifact, unpacked */

/* A temporary directory (RUNNER_TEMP, TMPDIR, else /tmp): *out is a new
 * string (caller frees, removes with state_rmtree()). */
int state_mkdtemp(char **out);
/* rm -r; errors ignored (cleanup). */
void state_rmtree(const char *path);

/*
 * Downloads the artifacts of one source (kind "artifact": this run,
 * "run": run_id) whose name is `name` or starts with "<name>-", in
 * upload order, extracts each safely under tmp and merges it into dir:
 * audit.jsonl records are concatenated; another file is replaced by a
 * later artifact's copy, except that "<p>.json" from the artifact
 * "<name>-<p>" (the phase's own) wins over copies in other artifacts.
 * origins (an object) gets file name -> artifact name. *count: artifacts
 * merged.
 */
int state_fetch(const char *kind, const char *name, long long run_id, const char *ca_file,
		const char *tmp, const char *dir, struct jv *origins, int *count);

/* The merge step of state_fetch(): the plain top-level files of from
 * (artifact art, extracted) into dir. Other entries (subdirectories,
 * dot files) are ignored. */
int state_merge_dir(const char *from, const char *art, const char *prefix, const char *dir,
		    struct jv *origins);

#endif
