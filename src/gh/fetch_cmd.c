/* fetch_cmd.c - `ship http-get URL`: one request through core/http, for tests. */
#include "gh/commands.h"
#include "rt/run.h"
#include "core/err.h"
#include "core/exitcode.h"
#include "core/http.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const struct opt_spec fetch_opts[] = {
	{ "output", 'o', OPT_STR, "FILE", NULL, "write the body to FILE (atomically) instead of stdout" },
	{ "header", 'H', OPT_LIST, "NAME: VALUE", NULL, "add a request header" },
	{ "method", 'X', OPT_STR, "METHOD", NULL, "request method (default GET, POST with --data-file)" },
	{ "data-file", 0, OPT_STR, "FILE", NULL, "send FILE as the request body" },
	{ "retries", 0, OPT_INT, "N", "4", "retries after the first attempt" },
	{ "timeout", 0, OPT_INT, "SECONDS", "120", "time limit of one attempt" },
	{ "connect-timeout", 0, OPT_INT, "SECONDS", "10", "time limit of a connection" },
	{ "deadline", 0, OPT_INT, "SECONDS", NULL, "overall deadline (exit 4 when reached)" },
	{ "budget", 0, OPT_INT, "SECONDS", "300", "total time for retries (exit 3 when spent)" },
	{ "backoff-ms", 0, OPT_INT, "MS", "500", "first backoff step" },
	{ "rate", 0, OPT_INT, "N", "10", "at most N requests per second" },
	{ "repeat", 0, OPT_INT, "N", "1", "send the request N times on one client" },
	{ "max-body", 0, OPT_INT, "BYTES", NULL, "fail when the body is larger" },
	{ "stream", 0, OPT_FLAG, NULL, NULL, "stream the body to stdout as it arrives (no retry once data flowed)" },
	{ "lines", 0, OPT_FLAG, NULL, NULL, "read the body line by line (prints \"line N: <text>\")" },
	{ "max-line", 0, OPT_INT, "BYTES", NULL, "longest line for --lines" },
	{ "no-redirect", 0, OPT_FLAG, NULL, NULL, "do not follow redirects" },
	{ "not-idempotent", 0, OPT_FLAG, NULL, NULL, "treat the request as not idempotent" },
	{ "check-url", 0, OPT_STR, "URL", NULL, "before repeating a non-idempotent request, GET URL: 200 = it landed" },
	OPT_END
};

struct fetch_ctx {
	struct http_client *c;
	const char *check_url;
	const char *auth;
	long nlines;
};

static int fetch_line(void *ctx, const char *line, size_t len)
{
	struct fetch_ctx *f = ctx;

	printf("line %ld: %.*s\n", ++f->nlines, (int)len, line);
	return 0;
}

static int fetch_data(void *ctx, const char *data, size_t len)
{
	(void)ctx;
	return fwrite(data, 1, len, stdout) != len;
}

/* "Did it land?": GET the check URL; 200 means the first attempt took effect. */
static int fetch_landed(void *ctx, const struct http_resp *last)
{
	struct fetch_ctx *f = ctx;
	struct http_req req = { 0 };
	struct http_resp r;
	int rc;

	(void)last;
	req.url = f->check_url;
	req.auth = f->auth;
	http_resp_init(&r);
	rc = http_do(f->c, &req, &r);
	if (rc == 0)
		rc = r.status == 200 ? 1 : r.status == 404 ? 0 :
		     err_setc(ERR_SERVICE, "check %s: HTTP %ld", f->check_url, r.status);
	log_info("http: check before retry: %s", rc == 1 ? "it landed" : rc == 0 ? "not landed" : "failed");
	http_resp_release(&r);
	return rc;
}

static void fetch_opts_to_http(const struct opt_set *set, struct http_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->ca_file = opt_str(set, "ca-file");
	o->retries = (int)opt_int(set, "retries", 4);
	o->timeout_ms = opt_int(set, "timeout", 120) * 1000;
	o->connect_timeout_ms = opt_int(set, "connect-timeout", 10) * 1000;
	o->low_speed_ms = o->timeout_ms;
	o->retry_budget_ms = opt_int(set, "budget", 300) * 1000;
	o->backoff_base_ms = opt_int(set, "backoff-ms", 500);
	o->rate = (double)opt_int(set, "rate", 10);
	o->burst = 1;
}

static int fetch_one(struct fetch_ctx *f, const struct opt_set *set, struct http_req *req)
{
	struct http_resp r;
	int rc;

	http_resp_init(&r);
	rc = http_do(f->c, req, &r);
	if (rc < 0) {
		log_error("%s", err_last());
		rc = err_exit_code(rc);
		goto done;
	}
	/* Error bodies never reach a sink: they are in r.body. */
	if (r.body.len)
		fwrite(r.body.ptr, 1, r.body.len, stdout);
	fflush(stdout);
	log_info("HTTP %ld after %d attempt%s", r.status, r.attempts, r.attempts == 1 ? "" : "s");
	rc = (r.status >= 200 && r.status < 300) ||
	     (opt_flag(set, "no-redirect") && r.status >= 300 && r.status < 400) ? EXIT_OK : EXIT_VERDICT;
done:
	http_resp_release(&r);
	return rc;
}

static int fetch_main(const struct opt_set *set)
{
	struct fetch_ctx f = { 0 };
	struct http_opts o;
	struct http_req req = { 0 };
	const char *tok = getenv("GITHUB_TOKEN");
	char auth[4200];
	size_t nh;
	long i, n;
	int rc = EXIT_OK;

	if (set->nrest != 1) {
		log_error("usage: ship http-get URL [options]");
		return EXIT_USAGE;
	}
	if (tok && *tok) {
		log_add_secret(tok);
		snprintf(auth, sizeof(auth), "Bearer %s", tok);
		f.auth = auth;
	}
	fetch_opts_to_http(set, &o);
	if (http_client_new(&f.c, &o) < 0) {
		log_error("%s", err_last());
		return err_exit_code(err_code());
	}
	f.check_url = opt_str(set, "check-url");
	req.url = set->rest[0];
	req.method = opt_str(set, "method");
	req.headers = (const char *const *)opt_list(set, "header", &nh);
	req.auth = f.auth;
	req.body_file = opt_str(set, "data-file");
	req.out_file = opt_str(set, "output");
	req.idempotent = opt_flag(set, "not-idempotent") ? -1 : 0;
	if (f.check_url) {
		req.landed = fetch_landed;
		req.landed_ctx = &f;
	}
	req.sink_ctx = &f;
	if (opt_flag(set, "lines"))
		req.on_line = fetch_line;
	else if (opt_flag(set, "stream") && !req.out_file)
		req.on_data = fetch_data;
	req.max_line = (size_t)opt_int(set, "max-line", 0);
	req.max_body = (size_t)opt_int(set, "max-body", 0);
	req.no_redirect = opt_flag(set, "no-redirect");
	if (opt_str(set, "deadline"))
		req.deadline_ms = http_now_ms() + opt_int(set, "deadline", 0) * 1000;
	n = opt_int(set, "repeat", 1);
	for (i = 0; i < n && rc == EXIT_OK; i++)
		rc = fetch_one(&f, set, &req);
	http_client_free(f.c);
	return rc;
}

/* Prints its own output (the body); errors are logged here because the
 * renderer prints nothing for a raw result. */
int fetch_run(struct rt_ctx *ctx)
{
	int code;

	ctx->result->raw = 1;
	code = fetch_main(ctx->opts);
	if (code == EXIT_VERDICT)
		ctx->result->verdict = RT_FAIL;
	else if (code != EXIT_OK)
		return code == EXIT_SERVICE ? ERR_SERVICE : code == EXIT_DEADLINE ? ERR_TIMEOUT :
		       ERR_INVALID;
	return 0;
}
