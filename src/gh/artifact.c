/* artifact.c - Actions artifact service v4: runtime token, Twirp calls, blob transfer. */
#include "gh/artifact.h"
#include "core/err.h"
#include "core/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ART_TWIRP "/twirp/github.actions.results.api.v1.ArtifactService/"
#define ART_MAX_TOKEN (64u << 10)
#define ART_ID_MAX 128

struct artifact_svc {
	struct http_client *http;      /* borrowed */
	char *origin;                  /* scheme://host[:port] of ACTIONS_RESULTS_URL */
	char *auth;                    /* "Bearer <runtime token>" */
	char run_id[ART_ID_MAX];
	char job_id[ART_ID_MAX];
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

static int art_put_blob(struct artifact_svc *s, const char *url, const char *file)
{
	static const char *const hdr[] = { "x-ms-blob-type: BlockBlob",
					   "Content-Type: application/zip", NULL };
	struct http_req r = { 0 };
	struct http_resp resp;
	int rc;

	http_resp_init(&resp);
	r.method = "PUT";
	r.url = url;
	r.headers = hdr;
	r.body_file = file;     /* no auth: the URL is signed */
	rc = http_do(s->http, &r, &resp);
	if (rc == 0 && resp.status != 201)
		rc = err_setc(ERR_SERVICE, "blob upload %s: HTTP %ld", http_log_url(url), resp.status);
	http_resp_release(&resp);
	return rc;
}

int artifact_upload(struct artifact_svc *s, const char *name, const char *zip_path,
		    int retention_days, long long *id_out)
{
	struct jv *req = jv_new_obj(), *resp = NULL;
	const char *url;
	struct stat st;
	char size[32];
	int rc;

	if (!req)
		return err_set("out of memory");
	if ((rc = artifact_check_name(name)) < 0)
		goto done;
	if (stat(zip_path, &st) < 0) {
		rc = err_setc(ERR_NOTFOUND, "%s: no such file", zip_path);
		goto done;
	}
	jv_set_str(req, "name", name);
	/* version 7 + mime_type, as @actions/artifact since 2026-02. */
	jv_set_int(req, "version", 7);
	jv_set_str(req, "mime_type", "application/zip");
	(void)retention_days; /* expires_at needs an RFC 3339 clock value: not sent yet */
	if ((rc = art_call(s, "CreateArtifact", req, &resp)) < 0 || (rc = art_ok(resp, "CreateArtifact")) < 0)
		goto done;
	url = jv_str(art_get(resp, "signed_upload_url", "signedUploadUrl"));
	if (!url) {
		rc = err_setc(ERR_SERVICE, "artifact service CreateArtifact: no signed_upload_url");
		goto done;
	}
	if ((rc = art_put_blob(s, url, zip_path)) < 0)
		goto done;
	jv_free(resp);
	resp = NULL;
	snprintf(size, sizeof(size), "%lld", (long long)st.st_size);
	jv_del(req, "version");
	jv_del(req, "mime_type");
	jv_set_str(req, "size", size);
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

int artifact_download(struct artifact_svc *s, const char *name, const char *out_file)
{
	struct jv *list = NULL, *req = jv_new_obj(), *resp = NULL;
	struct http_req r = { 0 };
	struct http_resp hr;
	const char *url;
	size_t i, found = 0;
	int rc;

	http_resp_init(&hr);
	if (!req)
		return err_set("out of memory");
	if ((rc = artifact_check_name(name)) < 0 || (rc = artifact_list(s, name, &list)) < 0)
		goto done;
	for (i = 0; i < jv_len(list); i++)
		found += !strcmp(jv_get_str(jv_at(list, i), "name"), name);
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
done:
	http_resp_release(&hr);
	jv_free(list);
	jv_free(req);
	jv_free(resp);
	return rc;
}
