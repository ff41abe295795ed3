/* commands.h - hidden diagnostic commands of the network layer, for the command table. */
#ifndef SHIP_GH_COMMANDS_H
#define SHIP_GH_COMMANDS_H

#include "rt/run.h"

/*
 * Used by tests/cli/test_http.py, test_zip.py, test_gh.py and bench/zip;
 * each prints its own output (result->raw) and logs its own errors.
 * The *_COMMAND macros are struct rt_command initialisers, so main.c can
 * list them in its static table:
 *
 *   static const struct rt_command commands[] = { ..., FETCH_COMMAND,
 *       UNZIP_COMMAND, ZIP_COMMAND, GH_COMMAND };
 *
 * ship http-get URL   one request through core/http (retries, redirects,
 *                     TLS, sinks); token from GITHUB_TOKEN only.
 *                     Exit 0 for 2xx, 1 other status, 3 service, 4 deadline.
 * ship unzip ZIP      --list | --dir DIR | --entry NAME | --test (core/zip)
 * ship zip OUT FILE.. write an archive (entries named by base name)
 * ship gh CALL ...    one GitHub client call, JSON on stdout (gh_cmd.c)
 */
extern const struct opt_spec fetch_opts[];
extern const struct opt_spec unzip_opts[];
extern const struct opt_spec zip_cmd_opts[];
extern const struct opt_spec gh_cmd_opts[];
int fetch_run(struct rt_ctx *ctx);
int unzip_run(struct rt_ctx *ctx);
int zip_cmd_run(struct rt_ctx *ctx);
int gh_cmd_run(struct rt_ctx *ctx);

#define FETCH_COMMAND { "http-get", \
	"one HTTP request through ship's HTTP layer (tests, diagnostics)", \
	"ship http-get URL [options]", fetch_opts, fetch_run, 1, 1 }
#define UNZIP_COMMAND { "unzip", "list, test or safely extract a zip (tests, bench)", \
	"ship unzip ZIP (--list | --dir DIR | --entry NAME | --test)", unzip_opts, unzip_run, 1, 1 }
#define ZIP_COMMAND { "zip", "write a zip archive (tests)", "ship zip OUT.zip FILE...", \
	zip_cmd_opts, zip_cmd_run, 1, 1 }
#define GH_COMMAND { "gh", "one GitHub API call through ship's client (tests, diagnostics)", \
	"ship gh CALL [ARGS] [options]", gh_cmd_opts, gh_cmd_run, 1, 1 }

#endif
