/* render.c - write a phase result as text, JSON, GitHub Actions output or an Ansible module result. */
#include "rt/render.h"
#include "rt/envfile.h"
#include "rt/ghcmd.h"
#include "core/err.h"
#include "core/exitcode.h"
#include "core/log.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RENDER_MAX (64u << 20)

/* Writes b to fd with registered secrets replaced by "***". */
static int render_write(int fd, const struct buf *b)
{
	char *clean;
	size_t n;
	int rc;

	if (buf_failed(b))
		return err_setc(ERR_TOOBIG, "the result is too large to print");
	/* Redaction only shortens (secrets are >= 4 bytes, "***" is 3). */
	if (!(clean = malloc(b->len + 1)))
		return err_set("out of memory");
	n = log_redact(buf_cstr(b), b->len, clean, b->len + 1);
	rc = ghcmd_write_all(fd, clean, n);
	free(clean);
	return rc;
}

/*
 * The runner honours the legacy "##[cmd]" syntax anywhere in a line, and
 * JSON keeps untrusted text on one line, so "##[" inside a string could
 * still become a command. "##[" can only occur inside JSON strings, where
 * "\u005b" is the same character: the value is unchanged.
 */
static int render_defuse_json(const struct buf *in, struct buf *out)
{
	const char *p = buf_cstr(in), *end = p + in->len, *hit;

	while (p < end && (hit = memmem(p, (size_t)(end - p), "##[", 3))) {
		buf_add(out, p, (size_t)(hit - p));
		buf_puts(out, "##\\u005b");
		p = hit + 3;
	}
	buf_add(out, p, (size_t)(end - p));
	return buf_failed(out) ? err_setc(ERR_TOOBIG, "the result is too large to print") : 0;
}

static int render_json(const struct jv *j)
{
	struct buf b = BUF_INIT(RENDER_MAX), safe = BUF_INIT(RENDER_MAX);
	int rc;

	if (!j)
		return err_set("out of memory");
	if (!(rc = jv_dump(&b, j, JV_PRETTY)) && !buf_putc(&b, '\n') &&
	    !(rc = render_defuse_json(&b, &safe)))
		rc = render_write(STDOUT_FILENO, &safe);
	buf_release(&b);
	buf_release(&safe);
	return rc;
}

static int render_outputs(const struct rt_result *r)
{
	struct jv *v;
	void *it = NULL;
	const char *k;
	int rc;

	while ((k = jv_iter(r->outputs, &it, &v))) {
		rc = envfile_set(ENVFILE_OUTPUT, k, jv_str(v), jv_strlen(v));
		if (rc == ERR_NOTFOUND) {
			log_debug("GITHUB_OUTPUT is not set: step outputs not written");
			return 0;
		}
		if (rc)
			return err_wrap("writing step output '%s'", k);
	}
	return 0;
}

static int render_github(const struct rt_result *r)
{
	struct buf line = BUF_INIT(RENDER_MAX), safe = BUF_INIT(RENDER_MAX);
	int rc;

	/* The message may quote untrusted text: defuse :: and ##[ first. */
	rt_result_text(r, &line, 0);
	rt_untrusted_neutralize(&safe, buf_cstr(&line), line.len);
	rc = render_write(STDOUT_FILENO, &safe);
	if (!rc && r->error) {
		char clean[4096];
		const char *m = r->message ? r->message : "failed";
		log_redact(m, strlen(m), clean, sizeof(clean));
		rc = ghcmd_issue(STDOUT_FILENO, GHCMD_ERROR, NULL, clean);
	}
	buf_release(&line);
	buf_release(&safe);
	return rc ? rc : render_outputs(r);
}

static int render_text(const struct rt_result *r, int color)
{
	struct buf b = BUF_INIT(RENDER_MAX), safe = BUF_INIT(RENDER_MAX);
	int rc;

	if (r->error) {
		log_error("%s", r->message ? r->message : "failed");
		return 0;
	}
	rt_result_text(r, &b, color);
	/* --format text inside Actions: the runner still reads stdout. */
	if (rt_mode_env() == RT_MODE_GITHUB) {
		rt_untrusted_neutralize(&safe, buf_cstr(&b), b.len);
		rc = render_write(STDOUT_FILENO, &safe);
	} else {
		rc = render_write(STDOUT_FILENO, &b);
	}
	buf_release(&b);
	buf_release(&safe);
	return rc;
}

int rt_render(const struct rt_result *r, enum rt_format fmt,
	      const struct rt_ansible *a, int color)
{
	struct jv *j;
	int rc = 0, code = rt_result_exit_code(r);

	if (fmt == RT_FMT_ANSIBLE) {
		j = rt_ansible_result(a, r);
		rc = render_json(j);
		jv_free(j);
		/* exit_json / fail_json: Ansible reads `failed`, not the code. */
		return rc || r->error || r->verdict == RT_FAIL ? EXIT_VERDICT : EXIT_OK;
	}
	if (r->raw)
		return code;
	if (fmt == RT_FMT_JSON) {
		if (r->error)
			log_error("%s", r->message ? r->message : "failed");
		j = rt_result_json(r);
		rc = render_json(j);
		jv_free(j);
	} else if (fmt == RT_FMT_GITHUB) {
		rc = render_github(r);
	} else {
		rc = render_text(r, color);
	}
	if (rc) {
		log_error("%s", err_last());
		return code ? code : EXIT_USAGE;
	}
	return code;
}
