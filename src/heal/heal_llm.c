/* heal_llm.c - hands the prompt to an LLM endpoint (Ollama or OpenAI-compatible) and posts the webhook. */
#include "heal_int.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/http.h"
#include "core/log.h"
#include "rt/config.h"
#include "rt/state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAL_LLM_ANSWER_MAX (4u << 20)

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

/* The URL without a query, for the API-kind check. */
static int api_kind(const char *url, int *openai)
{
	char path[2048];
	const char *q = strchr(url, '?');

	snprintf(path, sizeof(path), "%.*s", (int)(q ? (size_t)(q - url) : strlen(url)), url);
	while (strlen(path) > 1 && path[strlen(path) - 1] == '/')
		path[strlen(path) - 1] = 0;
	if (ends_with(path, "/api/generate"))
		*openai = 0;
	else if (ends_with(path, "/chat/completions"))
		*openai = 1;
	else
		return err_setc(ERR_USAGE, "--llm-url: expected an Ollama .../api/generate or an "
				"OpenAI-compatible .../v1/chat/completions URL, not %s", http_log_url(url));
	return 0;
}

int heal_llm_check(const char *url)
{
	int openai;

	return url && *url ? api_kind(url, &openai) : 0;
}

static struct jv *request_body(int openai, const char *model, const char *prompt, size_t len)
{
	struct jv *b = jv_new_obj(), *msgs, *m;

	jv_set_str(b, "model", model);
	if (!openai) {
		jv_set(b, "prompt", jv_new_str_lossy(prompt, len));
		jv_set_bool(b, "stream", 0);
		return b;
	}
	msgs = jv_new_arr();
	m = jv_new_obj();
	jv_set_str(m, "role", "user");
	jv_set(m, "content", jv_new_str_lossy(prompt, len));
	jv_push(msgs, m);
	jv_set(b, "messages", msgs);
	jv_set_bool(b, "stream", 0);
	return b;
}

static const char *answer_text(const struct jv *doc, int openai)
{
	if (!openai)
		return jv_get_str(doc, "response");
	return jv_get_str(jv_get(jv_at(jv_get(doc, "choices"), 0), "message"), "content");
}

static int post_json(const char *url, const char *auth, const struct jv *body, long timeout_ms,
		     int idempotent, const char *ca, struct http_resp *resp)
{
	static const char *const hdr[] = { "Content-Type: application/json",
					   "Accept: application/json", NULL };
	struct http_client *c = NULL;
	struct http_opts ho;
	struct http_req rq;
	struct buf b = BUF_INIT((4u << 20));
	int rc;

	memset(&ho, 0, sizeof(ho));
	memset(&rq, 0, sizeof(rq));
	ho.ca_file = ca;
	ho.retries = idempotent > 0 ? 2 : 0;
	ho.timeout_ms = timeout_ms;
	ho.retry_budget_ms = timeout_ms * 2;
	if (jv_dump(&b, body, 0))
		return err_set("out of memory");
	rq.method = "POST";
	rq.url = url;
	rq.headers = hdr;
	rq.auth = auth;
	rq.body = b.ptr;
	rq.body_len = b.len;
	rq.idempotent = idempotent;
	rq.max_body = HEAL_LLM_ANSWER_MAX;
	if (!(rc = http_client_new(&c, &ho)))
		rc = http_do(c, &rq, resp);
	if (c)
		http_client_free(c);
	buf_release(&b);
	return rc;
}

static void answer_path(struct heal_ctx *h)
{
	size_t n = strlen(h->prompt_file);
	struct buf p = BUF_INIT(8192);

	if (n > 3 && !strcmp(h->prompt_file + n - 3, ".md"))
		buf_printf(&p, "%.*s.answer.md", (int)(n - 3), h->prompt_file);
	else
		buf_printf(&p, "%s.answer", h->prompt_file);
	h->answer_file = buf_detach(&p);
}

int heal_llm_send(struct heal_ctx *h, const char *prompt, size_t len)
{
	static const char *const fallback[] = { "OPENAI_API_KEY", NULL };
	const char *url = opt_str(h->rt->opts, "llm-url"), *model = opt_str(h->rt->opts, "llm-model");
	const char *token = NULL, *text;
	struct http_resp resp;
	struct jv *body = NULL, *doc = NULL;
	char auth[4200];
	int openai = 0, rc;

	if (!url || !*url)
		return 0;
	if ((rc = api_kind(url, &openai)))
		return rc;
	if (!model || !*model)
		model = openai ? "gpt-4o-mini" : "llama3.1";
	if ((rc = config_secret("llm-token", fallback, &token)) && rc != ERR_NOTFOUND)
		return rc;
	snprintf(auth, sizeof(auth), "Bearer %s", token ? token : "");
	if (h->dry) {
		heal_action(h, "dry run: would send the prompt to %s (%s)", http_log_url(url), model);
		return 0;
	}
	http_resp_init(&resp);
	body = request_body(openai, model, prompt, len);
	rc = post_json(url, token ? auth : NULL, body, 300000, 1, h->rt->ca_file, &resp);
	if (!rc && (resp.status < 200 || resp.status > 299))
		rc = err_setc(ERR_SERVICE, "%s: HTTP %ld", http_log_url(url), resp.status);
	if (!rc && !(rc = jv_parse(&doc, buf_cstr(&resp.body), resp.body.len,
				   HEAL_LLM_ANSWER_MAX, "LLM answer")) &&
	    !(text = answer_text(doc, openai)))
		rc = err_setc(ERR_INVALID, "LLM answer from %s: no %s in it", http_log_url(url),
			      openai ? "choices[0].message.content" : "\"response\"");
	if (!rc) {
		answer_path(h);
		if ((rc = fs_write_atomic(h->answer_file, text, strlen(text), 0644)))
			err_wrap("writing the LLM answer");
		else
			heal_action(h, "sent the prompt to %s (%s); answer in %s", http_log_url(url),
				    model, h->answer_file);
	}
	jv_free(doc);
	jv_free(body);
	http_resp_release(&resp);
	return rc;
}

int heal_webhook(struct heal_ctx *h)
{
	const char *url = opt_str(h->rt->opts, "webhook-url");
	struct buf t = BUF_INIT(8192);
	struct http_resp resp;
	struct jv *body;
	int rc;

	if (!url || !*url)
		return 0;
	log_add_secret(url); /* Slack hook URLs are credentials */
	if (h->dry) {
		heal_action(h, "dry run: would post the verdict to the webhook");
		return 0;
	}
	buf_printf(&t, "ship heal: %s failed (%s, %s): %s. Verdict %s, agent %s.%s%s",
		   h->workflow ? h->workflow : (h->njobs ? h->jobs[0].name : "a run"),
		   heal_kind_name(h->d.kind), heal_domain_name(h->d.domain), h->d.why,
		   h->d.verdict, h->agent ? h->agent : "-", h->run_url ? " " : "",
		   h->run_url ? h->run_url : "");
	body = jv_new_obj();
	jv_set(body, "text", jv_new_str_lossy(buf_cstr(&t), t.len));
	http_resp_init(&resp);
	rc = post_json(url, NULL, body, 30000, 0, h->rt->ca_file, &resp);
	if (!rc && (resp.status < 200 || resp.status > 299))
		rc = err_setc(ERR_SERVICE, "webhook: HTTP %ld", resp.status);
	state_audit(h->rt->state, "heal", "webhook.post", "webhook", rc ? "error" : "ok");
	if (!rc)
		heal_action(h, "posted the verdict to the webhook"), h->acted = 1;
	jv_free(body);
	http_resp_release(&resp);
	buf_release(&t);
	return rc;
}
