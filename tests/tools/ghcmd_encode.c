/* ghcmd_encode.c - test driver: prints ship's workflow-command and env-file encodings. */
/*
 * Input on stdin, one case per line, fields separated by one space,
 * strings hex-encoded ("-" = absent, "~" = empty):
 *   issue LEVEL TITLE FILE LINE ENDLINE COL ENDCOL MSG   (LEVEL 0..2)
 *   issue_cut ...same fields: with the 4096-unit message cut
 *   group TEXT | endgroup | debug TEXT | mask TEXT
 *   neutral TEXT     (rt_untrusted_neutralize)
 *   output NAME VALUE | env NAME VALUE | state NAME VALUE
 * Output, one line per case: the hex of the bytes ship writes to stdout
 * for that case (commands go through the real fd functions; issues
 * through ghcmd_format_issue with GHCMD_NO_TRUNCATE, because the toolkit
 * does not truncate), or "ERR <message>". File commands are appended to
 * $GITHUB_OUTPUT / $GITHUB_ENV / $GITHUB_STATE by envfile_set() and print
 * "OK". Used by tests/cli/test_actions_core.py.
 */
#include "core/buf.h"
#include "core/err.h"
#include "rt/envfile.h"
#include "rt/ghcmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Decodes hex in place; "-" gives NULL. Sets *len. */
static char *unhex(char *s, size_t *len)
{
	size_t i, n;
	unsigned v;

	if (!s || !strcmp(s, "-")) {
		*len = 0;
		return NULL;
	}
	if (!strcmp(s, "~")) { /* the empty string */
		*s = 0;
		*len = 0;
		return s;
	}
	n = strlen(s) / 2;
	for (i = 0; i < n; i++) {
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			break;
		s[i] = (char)v;
	}
	s[n] = 0;
	*len = n;
	return s;
}

static void put_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02x", (unsigned char)s[i]);
	printf("\n");
}

/* Runs fn's writes against a temp file and prints what it wrote. */
static void capture(int rc_of_fn, FILE *f)
{
	struct buf b = BUF_INIT(1u << 24);
	char tmp[4096];
	ssize_t n;

	if (rc_of_fn < 0) {
		printf("ERR %s\n", err_last());
		return;
	}
	lseek(fileno(f), 0, SEEK_SET);
	while ((n = read(fileno(f), tmp, sizeof(tmp))) > 0)
		buf_add(&b, tmp, (size_t)n);
	put_hex(buf_cstr(&b), b.len);
	buf_release(&b);
}

static void issue(char **f, int nf, int flags)
{
	struct buf out = BUF_INIT(1u << 22);
	struct ghcmd_props p = { 0 };
	size_t len;
	char *msg;

	if (nf < 9) {
		printf("ERR bad issue line\n");
		return;
	}
	p.title = unhex(f[2], &len);
	p.file = unhex(f[3], &len);
	p.line = atol(f[4]);
	p.end_line = atol(f[5]);
	p.col = atol(f[6]);
	p.end_col = atol(f[7]);
	msg = unhex(f[8], &len);
	if (ghcmd_format_issue(&out, (enum ghcmd_level)atoi(f[1]), &p, msg ? msg : "", len,
			       flags) < 0)
		printf("ERR %s\n", err_last());
	else
		put_hex(out.ptr, out.len);
	buf_release(&out);
}

static void file_cmd(enum envfile_kind kind, char **f, int nf)
{
	size_t nlen, vlen;
	char *name, *value;

	if (nf < 3) {
		printf("ERR bad file command line\n");
		return;
	}
	name = unhex(f[1], &nlen);
	value = unhex(f[2], &vlen);
	if (envfile_set(kind, name ? name : "", value ? value : "", vlen) < 0)
		printf("ERR %s\n", err_last());
	else
		printf("OK\n");
}

static void one(char *line)
{
	char *f[10], *p = line;
	size_t len;
	int nf = 0;
	FILE *tmp;

	line[strcspn(line, "\n")] = 0;
	while (*p && nf < 10) {
		f[nf++] = p;
		p += strcspn(p, " ");
		if (*p)
			*p++ = 0;
	}
	if (nf == 0)
		return;
	if (!strcmp(f[0], "issue"))
		return issue(f, nf, GHCMD_NO_TRUNCATE);
	if (!strcmp(f[0], "issue_cut"))
		return issue(f, nf, 0);
	if (!strcmp(f[0], "output"))
		return file_cmd(ENVFILE_OUTPUT, f, nf);
	if (!strcmp(f[0], "env"))
		return file_cmd(ENVFILE_ENV, f, nf);
	if (!strcmp(f[0], "state"))
		return file_cmd(ENVFILE_STATE, f, nf);
	if (!strcmp(f[0], "neutral")) {
		struct buf b = BUF_INIT(1u << 24);
		char *t = nf > 1 ? unhex(f[1], &len) : NULL;
		if (rt_untrusted_neutralize(&b, t ? t : "", t ? len : 0) < 0)
			printf("ERR neutralize\n");
		else
			put_hex(buf_cstr(&b), b.len);
		buf_release(&b);
		return;
	}
	tmp = tmpfile();
	if (!tmp) {
		printf("ERR tmpfile\n");
		return;
	}
	if (!strcmp(f[0], "group"))
		capture(ghcmd_group(fileno(tmp), nf > 1 ? unhex(f[1], &len) : ""), tmp);
	else if (!strcmp(f[0], "endgroup"))
		capture(ghcmd_endgroup(fileno(tmp)), tmp);
	else if (!strcmp(f[0], "debug"))
		capture(ghcmd_debug(fileno(tmp), nf > 1 ? unhex(f[1], &len) : ""), tmp);
	else if (!strcmp(f[0], "mask"))
		capture(ghcmd_add_mask(fileno(tmp), nf > 1 ? unhex(f[1], &len) : ""), tmp);
	else
		printf("ERR unknown case %s\n", f[0]);
	fclose(tmp);
}

int main(void)
{
	char *line = NULL;
	size_t cap = 0;

	while (getline(&line, &cap, stdin) > 0) {
		one(line);
		fflush(stdout);
	}
	free(line);
	return 0;
}
