/* notify.c - the optional --webhook-url notification after a successful release. */
#include "publish/publish_int.h"
#include "core/err.h"
#include "core/http.h"
#include "core/log.h"

#include <string.h>

static struct jv *payload(const struct pub_job *j)
{
	struct jv *o = jv_new_obj();
	const char *url = jv_get_str(j->release, "html_url");

	jv_set_str(o, "event", "release");
	jv_set_str(o, "version", j->version);
	jv_set_str(o, "tag", j->tag);
	jv_set_str(o, "sha", j->h.head);
	jv_set(o, "url", jv_new_str(url));
	jv_set(o, "repository", jv_new_str(j->gh ? j->gh->repo : NULL));
	jv_set_bool(o, "draft", jv_bool(jv_get(j->release, "draft"), 0));
	return o;
}

/* The release is out already: a webhook failure is reported, not fatal. */
void pub_notify(struct pub_job *j)
{
	static const char *const hdr[] = { "Content-Type: application/json", NULL };
	struct http_client *c = NULL;
	struct http_opts ho;
	struct http_req req;
	struct http_resp r;
	struct buf body = BUF_INIT(1u << 20);
	struct jv *p;
	int rc;

	if (!j->webhook || !*j->webhook)
		return;
	memset(&ho, 0, sizeof(ho));
	memset(&req, 0, sizeof(req));
	ho.ca_file = j->ctx->ca_file;
	ho.retries = -1;      /* the default: 4 */
	http_resp_init(&r);
	p = payload(j);
	rc = jv_dump(&body, p, 0);
	jv_free(p);
	if (!rc)
		rc = http_client_new(&c, &ho);
	req.method = "POST";
	req.url = j->webhook;
	req.headers = hdr;
	req.body = body.ptr;
	req.body_len = body.len;
	req.idempotent = -1;
	if (!rc)
		rc = http_do(c, &req, &r);
	if (!rc && (r.status < 200 || r.status > 299))
		rc = err_setc(ERR_SERVICE, "HTTP %ld", r.status);
	if (rc)
		log_warn("webhook notification failed: %s", err_last());
	else
		log_info("webhook notified (HTTP %ld)", r.status);
	pub_audit(j, "webhook.notify", j->tag, rc ? "failed" : "ok");
	http_resp_release(&r);
	http_client_free(c);
	buf_release(&body);
}
