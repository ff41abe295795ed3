/* artifact.c - Actions artifact service v4: runtime token, Twirp calls, blob transfer. */
#include "gh/artifact.h"
#include "core/err.h"
#include "core/log.h"
#include "core/sha.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>
#include <time.h>

#define ART_TWIRP "/twirp/github.actions.results.api.v1.ArtifactService/"
#define ART_MAX_TOKEN (64u << 10)
#define ART_ID_MAX 128
/* A single Put Blob up to this size (256 MiB: the limit of the oldest SAS
 * versions), else blocks of 8 MiB like @azure/storage-blob's uploadStream. */
#define ART_SINGLE_MAX (256ll << 20)
#define ART_BLOCK_SIZE ((size_t)8 << 20)

struct artifact_svc {
	struct http_client *http;      /* borrowed */
	char *origin;                  /* scheme://host[:port] of ACTIONS_RESULTS_URL */
	char *auth;                    /* "Bearer <runtime token>" */
	char run_id[ART_ID_MAX];
	char job_id[ART_ID_MAX];
	long long single_max;          /* larger archives go in blocks */
	size_t block_size;
};

static int art_b64val(int c)
{
	if (c >= 'A' && c <= 'Z') return c - 'A';
	if (c >= 'a' && c <= 'z') return c - 'a' + 26;
	if (c >= '0' && c <= '9') return c - '0' + 52;
	if (c == '-' || c == '+') return 62;
	if (c == '_' || c == '/') return 63;
	return -1;
}

/* base64url (padding optional) of s[0..n) appended to out. */
static int art_b64url(const char *s, size_t n, struct buf *out)
{
	unsigned acc = 0;
	int bits = 0;
	size_t i;

	for (i = 0; i < n && s[i] != '='; i++) {
		int v = art_b64val((unsigned char)s[i]);
		if (v < 0)
			return err_setc(ERR_INVALID, "ACTIONS_RUNTIME_TOKEN: bad base64 at byte %zu", i);
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(out, (char)((acc >> bits) & 0xff));
		}
	}
	return buf_failed(out) ? err_setc(ERR_TOOBIG, "ACTIONS_RUNTIME_TOKEN: too long") : 0;
}

/* Finds "Actions.Results:<run>:<job>" in the space-separated scp claim. */
static int art_ids(struct artifact_svc *s, const char *scp)
{
	const char *p = scp;

	while (p && *p) {
		size_t n = strcspn(p, " ");
		if (n > 16 && !strncmp(p, "Actions.Results:", 16)) {
			const char *a = p + 16, *colon = memchr(a, ':', n - 16);
			size_t la = colon ? (size_t)(colon - a) : 0, lb = colon ? n - 17 - la : 0;
			if (!colon || !la || !lb || memchr(colon + 1, ':', lb) || la >= ART_ID_MAX ||
			    lb >= ART_ID_MAX)
				break;
			memcpy(s->run_id, a, la);
			s->run_id[la] = '\0';
			memcpy(s->job_id, colon + 1, lb);
			s->job_id[lb] = '\0';
			return 0;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	return err_setc(ERR_INVALID, "ACTIONS_RUNTIME_TOKEN: invalid and/or missing claims "
			"(no Actions.Results:<run>:<job> scope)");
}

static int art_parse_token(struct artifact_svc *s, const char *tok)
{
	const char *d1 = strchr(tok, '.'), *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
	struct buf payload = BUF_INIT(ART_MAX_TOKEN);
	struct jv *claims = NULL;
	int rc;

	if (!d1 || !d2)
		return err_setc(ERR_INVALID, "ACTIONS_RUNTIME_TOKEN: not a JWT");
	if ((rc = art_b64url(d1 + 1, (size_t)(d2 - d1 - 1), &payload)) == 0 &&
	    (rc = jv_parse(&claims, buf_cstr(&payload), payload.len, ART_MAX_TOKEN,
			   "ACTIONS_RUNTIME_TOKEN payload")) == 0)
		rc = art_ids(s, jv_get_str(claims, "scp"));
	jv_free(claims);
	buf_release(&payload);
	return rc;
}

/* Tests shrink the block sizes: SHIP_TEST_ARTIFACT_BLOCKS=SINGLE_MAX:BLOCK. */
static void art_test_blocks(struct artifact_svc *s)
{
	const char *t = getenv("SHIP_TEST_ARTIFACT_BLOCKS");
	char *end = NULL;
	long long single = t ? strtoll(t, &end, 10) : 0;
	long long block = end && *end == ':' ? strtoll(end + 1, NULL, 10) : 0;

	artifact_set_blocks(s, single, block > 0 && block <= (64ll << 20) ? (size_t)block : 0);
}

int artifact_open(struct artifact_svc **out, struct http_client *http)
{
	const char *tok = getenv("ACTIONS_RUNTIME_TOKEN"), *url = getenv("ACTIONS_RESULTS_URL");
	struct artifact_svc *s;
	struct buf b = BUF_INIT(ART_MAX_TOKEN + 16);
	const char *h;
	int rc;

	*out = NULL;
	if (!tok || !*tok || !url || !*url)
		return err_setc(ERR_NOTFOUND, "no artifact service: ACTIONS_RUNTIME_TOKEN and "
				"ACTIONS_RESULTS_URL are set only for node and container actions, "
				"not for run: steps");
	if (strlen(tok) > ART_MAX_TOKEN)
		return err_setc(ERR_TOOBIG, "ACTIONS_RUNTIME_TOKEN: too long");
	log_add_secret(tok);
	if (!(s = calloc(1, sizeof(*s))))
		return err_set("out of memory");
	s->http = http;
	art_test_blocks(s);
	if ((rc = art_parse_token(s, tok)) < 0)
		goto fail;
	h = strstr(url, "://");
	if (!h || (strncmp(url, "https://", 8) && strncmp(url, "http://", 7))) {
		rc = err_setc(ERR_INVALID, "ACTIONS_RESULTS_URL: not an http(s) URL");
		goto fail;
	}
	/* The toolkit keeps only the origin (new URL(resultsUrl).origin). */
	s->origin = strndup(url, (size_t)(h + 3 - url) + strcspn(h + 3, "/?#"));
	buf_printf(&b, "Bearer %s", tok);
	s->auth = buf_detach(&b);
	if (!s->origin || !s->auth) {
		rc = err_set("out of memory");
		goto fail;
	}
	*out = s;
	return 0;
fail:
	buf_release(&b);
	artifact_close(s);
	return rc;
}

void artifact_close(struct artifact_svc *s)
{
	if (!s)
		return;
	free(s->origin);
	free(s->auth);
	free(s);
}

int artifact_check_name(const char *name)
{
	if (!name || !*name)
		return err_setc(ERR_INVALID, "artifact name is empty");
	if (strpbrk(name, "\":<>|*?\r\n\\/"))
		return err_setc(ERR_INVALID, "artifact name \"%s\": contains one of \" : < > | * ? \\r \\n \\ /",
				name);
	return 0;
}

/* One Twirp call: req gets the backend ids added; *out is the answer. */
static int art_call(struct artifact_svc *s, const char *method, struct jv *req, struct jv **out)
{
	static const char *const hdr[] = { "Content-Type: application/json",
					   "Accept: application/json", NULL };
	struct buf url = BUF_INIT(4096), body = BUF_INIT(1u << 20);
	struct http_req r = { 0 };
	struct http_resp resp;
	int rc;

	*out = NULL;
	http_resp_init(&resp);
	if (jv_set_str(req, "workflow_run_backend_id", s->run_id) < 0 ||
	    jv_set_str(req, "workflow_job_run_backend_id", s->job_id) < 0 ||
	    jv_dump(&body, req, 0) < 0) {
		rc = err_set("out of memory");
		goto done;
	}
	buf_printf(&url, "%s" ART_TWIRP "%s", s->origin, method);
	r.method = "POST";
	r.url = buf_cstr(&url);
	r.headers = hdr;
	r.auth = s->auth;
	r.body = body.ptr;
	r.body_len = body.len;
	r.max_body = 4u << 20;
	/* Like the toolkit's Twirp client, which retries every method. */
	r.idempotent = 1;
	if ((rc = http_do(s->http, &r, &resp)) < 0)
		goto done;
	if (resp.status != 200) {
		struct jv *e = NULL;
		const char *msg = NULL;
		if (jv_parse(&e, buf_cstr(&resp.body), resp.body.len, resp.body.max, "twirp") == 0)
			msg = jv_get_str(e, "msg");
		rc = err_setc(resp.status == 404 ? ERR_NOTFOUND : resp.status == 409 ?
			      ERR_CONFLICT : ERR_SERVICE, "artifact service %s: HTTP %ld%s%.300s%s", method,
			      resp.status, msg ? ": " : "", msg ? msg : "",
			      msg && strstr(msg, "insufficient usage") ? " (artifact storage quota used up)" : "");
		jv_free(e);
		goto done;
	}
	rc = jv_parse(out, buf_cstr(&resp.body), resp.body.len, resp.body.max, method);
done:
	http_resp_release(&resp);
	buf_release(&url);
	buf_release(&body);
	return rc;
}

/* A field in snake_case or lowerCamelCase (protobuf JSON accepts both). */
static struct jv *art_get(const struct jv *o, const char *snake, const char *camel)
{
	struct jv *v = jv_get(o, snake);
	return v ? v : jv_get(o, camel);
}

/* An int64 field: a JSON string (proto3) or a number. */
static long long art_int(const struct jv *v)
{
	long long n = 0;
	const char *s = jv_str(v);

	if (s)
		return strtoll(s, NULL, 10);
	jv_int(v, &n);
	return n;
}

static int art_ok(const struct jv *resp, const char *method)
{
	if (!jv_bool(jv_get(resp, "ok"), 0))
		return err_setc(ERR_SERVICE, "artifact service %s: ok is false", method);
	return 0;
}

/* The RFC 3339 UTC time `days` from now (a protobuf Timestamp in JSON). */
static void art_expiry(char out[32], int days)
{
	time_t t = time(NULL) + (time_t)days * 86400;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, 32, "1970-01-01T00:00:00Z");
}

/* Retention like the toolkit: capped by GITHUB_RETENTION_DAYS (the
 * repository's maximum); 0: the repository default (no expires_at). */
static int art_retention(int days, int *out)
{
	const char *env = getenv("GITHUB_RETENTION_DAYS");
	long max = env && *env ? strtol(env, NULL, 10) : 0;

	*out = 0;
	if (!days)
		return 0;
	if (days < 1 || days > 90)
		return err_setc(ERR_INVALID, "artifact retention %d days: must be 1 to 90", days);
	if (max > 0 && max < days) {
		log_warn("artifact retention %d days is above this repository's maximum; using %ld",
			 days, max);
		days = (int)max;
	}
	*out = days;
	return 0;
}

static int art_put(struct artifact_svc *s, const char *url, const char *const *hdr,
		   const void *body, size_t len, const char *file, const char *what)
{
	struct http_req r = { 0 };
	struct http_resp resp;
	int rc;

	http_resp_init(&resp);
	r.method = "PUT";
	r.url = url;
	r.headers = hdr;
	r.body = body;
	r.body_len = len;
	r.body_file = file;     /* no auth: the URL is signed */
	rc = http_do(s->http, &r, &resp);
	if (rc == 0 && resp.status != 201)
		rc = err_setc(ERR_SERVICE, "%s %s: HTTP %ld", what, http_log_url(url), resp.status);
	http_resp_release(&resp);
	return rc;
}

/* One Put Blob of the whole file. */
static int art_put_blob(struct artifact_svc *s, const char *url, const char *file)
{
	static const char *const hdr[] = { "x-ms-blob-type: BlockBlob",
					   "Content-Type: application/zip", NULL };

	return art_put(s, url, hdr, NULL, 0, file, "blob upload");
}

/* The block id of block i: base64 of a fixed-length text (Azure wants
 * ids of one length), percent-encoded for the query. */
static void art_block_id(size_t i, char b64[32], char query[64])
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char raw[16];
	size_t k, o = 0, q = 0;

	snprintf(raw, sizeof(raw), "ship%08zu", i);      /* 12 bytes: no padding */
	for (k = 0; k < 12; k += 3) {
		unsigned v = ((unsigned char)raw[k] << 16) | ((unsigned char)raw[k + 1] << 8) |
			     (unsigned char)raw[k + 2];
		b64[o++] = tab[(v >> 18) & 63];
		b64[o++] = tab[(v >> 12) & 63];
		b64[o++] = tab[(v >> 6) & 63];
		b64[o++] = tab[v & 63];
	}
	b64[o] = '\0';
	for (k = 0; k < o; k++) {
		if (b64[k] == '+' || b64[k] == '/')
			q += (size_t)snprintf(query + q, 64 - q, "%%%02X", b64[k]);
		else
			query[q++] = b64[k];
	}
	query[q] = '\0';
}

/* "<url>&comp=..." without re-encoding the signed query. */
static void art_comp_url(struct buf *u, const char *url, const char *comp, const char *block)
{
	u->len = 0;
	buf_printf(u, "%s%ccomp=%s", url, strchr(url, '?') ? '&' : '?', comp);
	if (block)
		buf_printf(u, "&blockid=%s", block);
}

/* Put Block per chunk, then Put Block List, as @azure/storage-blob's
 * uploadStream does; for archives above the single Put Blob size. */
static int art_put_blocks(struct artifact_svc *s, const char *url, const char *file)
{
	static const char *const list_hdr[] = { "Content-Type: application/xml",
						"x-ms-blob-content-type: application/zip", NULL };
	struct buf u = BUF_INIT(8192), xml = BUF_INIT(64u << 20);
	char *chunk = malloc(s->block_size), b64[32], q[64];
	FILE *f = fopen(file, "rb");
	size_t n, i = 0;
	int rc = 0;

	if (!chunk || !f) {
		rc = f ? err_set("out of memory") : err_setc(ERR_NOTFOUND, "%s: cannot open", file);
		goto done;
	}
	buf_puts(&xml, "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
	while ((n = fread(chunk, 1, s->block_size, f)) > 0) {
		if (i >= 50000) {
			rc = err_setc(ERR_TOOBIG, "%s: more than 50000 blocks", file);
			goto done;
		}
		art_block_id(i++, b64, q);
		art_comp_url(&u, url, "block", q);
		if ((rc = art_put(s, buf_cstr(&u), NULL, chunk, n, NULL, "blob block upload")) < 0)
			goto done;
		buf_printf(&xml, "<Latest>%s</Latest>", b64);
	}
	if (ferror(f)) {
		rc = err_setc(ERR_FAIL, "%s: read error", file);
		goto done;
	}
	buf_puts(&xml, "</BlockList>");
	art_comp_url(&u, url, "blocklist", NULL);
	if (buf_failed(&xml) || buf_failed(&u))
		rc = err_set("out of memory");
	else
		rc = art_put(s, buf_cstr(&u), list_hdr, xml.ptr, xml.len, NULL, "blob block list");
done:
	if (f)
		fclose(f);
	free(chunk);
	buf_release(&u);
	buf_release(&xml);
	return rc;
}

void artifact_set_blocks(struct artifact_svc *s, long long single_max, size_t block_size)
{
	s->single_max = single_max > 0 ? single_max : ART_SINGLE_MAX;
	s->block_size = block_size > 0 ? block_size : ART_BLOCK_SIZE;
}

static int art_create(struct artifact_svc *s, struct jv *req, int days, struct jv **resp)
{
	char when[32];
	int rc;

	if ((rc = art_retention(days, &days)) < 0)
		return rc;
	/* version 7 + mime_type, as @actions/artifact since 2026-02. */
	jv_set_int(req, "version", 7);
	jv_set_str(req, "mime_type", "application/zip");
	if (days) {
		art_expiry(when, days);
		jv_set_str(req, "expires_at", when);
	}
	if ((rc = art_call(s, "CreateArtifact", req, resp)) < 0) {
		char prev[512];
		if (rc != ERR_CONFLICT)
			return rc;
		snprintf(prev, sizeof(prev), "%s", err_last());
		return err_setc(ERR_CONFLICT, "%s (artifacts are immutable: a name is uploaded "
				"once per run)", prev);
	}
	jv_del(req, "version");
	jv_del(req, "mime_type");
	jv_del(req, "expires_at");
	return art_ok(*resp, "CreateArtifact");
}

int artifact_upload(struct artifact_svc *s, const char *name, const char *zip_path,
		    int retention_days, long long *id_out)
{
	struct jv *req = jv_new_obj(), *resp = NULL;
	const char *url;
	struct stat st;
	char size[32], hex[SHA256_HEX], hash[80];
	int rc;

	if (!req)
		return err_set("out of memory");
	if ((rc = artifact_check_name(name)) < 0)
		goto done;
	if (stat(zip_path, &st) < 0) {
		rc = err_setc(ERR_NOTFOUND, "%s: no such file", zip_path);
		goto done;
	}
	if ((rc = sha256_file_hex(zip_path, hex)) < 0)
		goto done;
	jv_set_str(req, "name", name);
	if ((rc = art_create(s, req, retention_days, &resp)) < 0)
		goto done;
	url = jv_str(art_get(resp, "signed_upload_url", "signedUploadUrl"));
	if (!url) {
		rc = err_setc(ERR_SERVICE, "artifact service CreateArtifact: no signed_upload_url");
		goto done;
	}
	rc = (long long)st.st_size > s->single_max ? art_put_blocks(s, url, zip_path) :
	     art_put_blob(s, url, zip_path);
	if (rc < 0)
		goto done;
	jv_free(resp);
	resp = NULL;
	snprintf(size, sizeof(size), "%lld", (long long)st.st_size);
	snprintf(hash, sizeof(hash), "sha256:%s", hex);
	jv_set_str(req, "size", size);
	jv_set_str(req, "hash", hash);
	if ((rc = art_call(s, "FinalizeArtifact", req, &resp)) < 0 || (rc = art_ok(resp, "FinalizeArtifact")) < 0)
		goto done;
	if (id_out)
		*id_out = art_int(art_get(resp, "artifact_id", "artifactId"));
done:
	jv_free(req);
	jv_free(resp);
	return rc;
}

int artifact_list(struct artifact_svc *s, const char *name_filter, struct jv **out)
{
	struct jv *req = jv_new_obj(), *resp = NULL, *all = jv_new_arr(), *arts;
	size_t i;
	int rc;

	*out = NULL;
	if (!req || !all) {
		rc = err_set("out of memory");
		goto done;
	}
	if (name_filter)
		jv_set_str(req, "name_filter", name_filter);
	if ((rc = art_call(s, "ListArtifacts", req, &resp)) < 0)
		goto done;
	arts = jv_get(resp, "artifacts");
	for (i = 0; i < jv_len(arts); i++) {
		const struct jv *a = jv_at(arts, i);
		struct jv *o = jv_new_obj();
		const char *n = jv_get_str(a, "name");
		if (!o || !n) {
			jv_free(o);
			continue;
		}
		jv_set_str(o, "name", n);
		jv_set_int(o, "id", art_int(art_get(a, "database_id", "databaseId")));
		jv_set_int(o, "size", art_int(jv_get(a, "size")));
		/* google.protobuf.StringValue: a bare string in JSON. */
		if (jv_str(jv_get(a, "digest")))
			jv_set_str(o, "digest", jv_str(jv_get(a, "digest")));
		jv_push(all, o);
	}
	*out = all;
	all = NULL;
done:
	jv_free(req);
	jv_free(resp);
	jv_free(all);
	return rc;
}

/* Compares the file with the "sha256:<hex>" digest the service recorded;
 * a mismatch removes the file. */
static int art_check_digest(const char *file, const char *name, const char *digest)
{
	char hex[SHA256_HEX];
	int rc;

	if (strncmp(digest, "sha256:", 7))
		return 0;      /* another algorithm: nothing to compare with */
	if ((rc = sha256_file_hex(file, hex)) < 0)
		return rc;
	if (strcasecmp(hex, digest + 7)) {
		unlink(file);
		return err_setc(ERR_INVALID, "artifact %s: downloaded bytes do not match its "
				"digest (sha256:%s, expected %.80s)", name, hex, digest);
	}
	return 0;
}

int artifact_download(struct artifact_svc *s, const char *name, const char *out_file)
{
	struct jv *list = NULL, *req = jv_new_obj(), *resp = NULL;
	struct http_req r = { 0 };
	struct http_resp hr;
	const char *url, *digest = NULL;
	size_t i, found = 0;
	long long best = 0;
	int rc;

	http_resp_init(&hr);
	if (!req)
		return err_set("out of memory");
	if ((rc = artifact_check_name(name)) < 0 || (rc = artifact_list(s, name, &list)) < 0)
		goto done;
	for (i = 0; i < jv_len(list); i++) {
		const struct jv *a = jv_at(list, i);
		long long id = 0;
		if (strcmp(jv_get_str(a, "name"), name) || jv_int(jv_get(a, "id"), &id) < 0)
			continue;
		if (!found++ || id > best) {
			best = id;
			digest = jv_get_str(a, "digest");
		}
	}
	if (!found) {
		rc = err_setc(ERR_NOTFOUND, "no artifact called %s in this run", name);
		goto done;
	}
	jv_set_str(req, "name", name);
	if ((rc = art_call(s, "GetSignedArtifactURL", req, &resp)) < 0)
		goto done;
	url = jv_str(art_get(resp, "signed_url", "signedUrl"));
	if (!url) {
		rc = err_setc(ERR_SERVICE, "artifact service: no signed_url for %s", name);
		goto done;
	}
	r.url = url;           /* signed: no token */
	r.out_file = out_file;
	if ((rc = http_do(s->http, &r, &hr)) == 0 && hr.status != 200)
		rc = err_setc(hr.status == 404 ? ERR_NOTFOUND : ERR_SERVICE,
			      "downloading artifact %s: HTTP %ld", name, hr.status);
	if (rc == 0 && digest)
		rc = art_check_digest(out_file, name, digest);
done:
	http_resp_release(&hr);
	jv_free(list);
	jv_free(req);
	jv_free(resp);
	return rc;
}
