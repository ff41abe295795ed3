/* artifact.h - GitHub Actions artifact service v4 (Twirp + blob storage). */
#ifndef SHIP_GH_ARTIFACT_H
#define SHIP_GH_ARTIFACT_H

#include "core/http.h"
#include "core/jv.h"

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

/* Uploads zip_path as artifact `name` (immutable: an existing name is an
 * error). retention_days 0: the repository default. *id_out may be NULL. */
int artifact_upload(struct artifact_svc *s, const char *name, const char *zip_path,
		    int retention_days, long long *id_out);
/* The artifacts of this run ([{"name", "id", "size"}], new reference);
 * name_filter NULL: all. */
int artifact_list(struct artifact_svc *s, const char *name_filter, struct jv **out);
/* Downloads the newest artifact called name to out_file (temp + rename).
 * ERR_NOTFOUND when there is none. */
int artifact_download(struct artifact_svc *s, const char *name, const char *out_file);

#endif
