/* artifact.h - GitHub Actions artifact service v4 (Twirp + blob storage). */
#ifndef SHIP_GH_ARTIFACT_H
#define SHIP_GH_ARTIFACT_H

#include "core/http.h"
#include "core/jv.h"
#include "gh/gh.h"

/*
 * The service of the current run, as @actions/artifact v2+ uses it:
 * credentials from ACTIONS_RUNTIME_TOKEN (a JWT whose `scp` claim holds
 * "Actions.Results:<run backend id>:<job backend id>") and the origin of
 * ACTIONS_RESULTS_URL. The runner sets both only for node and container
 * actions, not for `run:` steps (see research/gha-contract.md §6).
 * Calls: POST {origin}/twirp/github.actions.results.api.v1.ArtifactService/
 * {Method} with JSON; uploads go to the returned signed blob URL with one
 * Put Blob (x-ms-blob-type: BlockBlob), downloads from a signed URL; the
 * runtime token is never sent to the blob host.
 */
struct artifact_svc;

/* From the environment; ERR_NOTFOUND with an explanation when the
 * runtime token or URL is missing, ERR_INVALID for a malformed token.
 * http is borrowed and must outlive the service. Caller closes. */
int artifact_open(struct artifact_svc **out, struct http_client *http);
void artifact_close(struct artifact_svc *s);

/* Validates an artifact name like the toolkit (no " : < > | * ? \r \n \ /). */
int artifact_check_name(const char *name);

/* Uploads zip_path as artifact `name` (immutable: an existing name is
 * ERR_CONFLICT). retention_days 0: the repository default, else 1..90,
 * capped by GITHUB_RETENTION_DAYS (sent as expires_at). Finalized with
 * the size and "sha256:<hex>" of the archive. Archives up to the single
 * Put Blob size go in one PUT, larger ones as Put Block + Put Block List.
 * *id_out may be NULL. */
int artifact_upload(struct artifact_svc *s, const char *name, const char *zip_path,
		    int retention_days, long long *id_out);
/* The artifacts of this run ([{"name", "id", "size", "digest"?}], new reference);
 * name_filter NULL: all. */
int artifact_list(struct artifact_svc *s, const char *name_filter, struct jv **out);
/* Downloads the newest artifact called name to out_file (temp + rename).
 * When the service lists a "sha256:" digest for it, the bytes are checked
 * (ERR_INVALID and no file on a mismatch).
 * ERR_NOTFOUND when there is none. */
int artifact_download(struct artifact_svc *s, const char *name, const char *out_file);

/* Upload tuning (tests): archives above single_max bytes go in blocks of
 * block_size bytes. 0: the defaults (256 MiB, 8 MiB). */
void artifact_set_blocks(struct artifact_svc *s, long long single_max, size_t block_size);

/*
 * REST (src/gh/artifact_rest.c): the artifacts of any run of g->repo,
 * also the current one while it runs (v4 artifacts are listed as soon as
 * they are finalized). Needs a token with actions:read.
 */
/* [{"name", "id", "size", "expired"}] of run_id, all pages; name_filter
 * NULL: all. When a name appears several times (re-runs) only the highest
 * id is kept. *out: new reference. */
int artifact_rest_list(struct gh *g, long long run_id, const char *name_filter,
		       struct jv **out);
/* GET /repos/{repo}/actions/artifacts/{id}/zip: a redirect to blob
 * storage, followed without the token, to out_file (temp + rename). */
int artifact_rest_download(struct gh *g, long long artifact_id, const char *out_file);

#endif
