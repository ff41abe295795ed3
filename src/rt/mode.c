/* mode.c - decide how ship was started (Actions, Ansible module, CLI) and how to print. */
#include "rt/mode.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Ansible args files are small; anything bigger is not one. */
#define MODE_MAX_ARGS_PEEK (16u << 20)

static const char *mode_base(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;

	return s ? s + 1 : path ? path : "";
}

int rt_mode_is_ansible(int argc, char **argv)
{
	struct buf b = BUF_INIT(MODE_MAX_ARGS_PEEK);
	struct stat st;
	int yes = 0;

	if (argc != 2 || !argv[1][0] || argv[1][0] == '-')
		return 0;
	if (stat(argv[1], &st) || !S_ISREG(st.st_mode))
		return 0;
	if (!strncmp(mode_base(argv[0]), "ship_", 5))
		return 1;
	if (!fs_read(&b, argv[1]))
		yes = memmem(b.ptr ? b.ptr : "", b.len, "_ansible_", 9) != NULL;
	buf_release(&b);
	err_clear();
	return yes;
}

enum rt_mode rt_mode_env(void)
{
	const char *s = getenv("GITHUB_ACTIONS");

	return s && !strcmp(s, "true") ? RT_MODE_GITHUB : RT_MODE_CLI;
}

enum rt_format rt_mode_format(enum rt_mode mode)
{
	switch (mode) {
	case RT_MODE_GITHUB:  return RT_FMT_GITHUB;
	case RT_MODE_ANSIBLE: return RT_FMT_ANSIBLE;
	default:              return RT_FMT_TEXT;
	}
}

int rt_format_parse(const char *s, enum rt_format *out)
{
	if (s && !strcmp(s, "text"))
		*out = RT_FMT_TEXT;
	else if (s && !strcmp(s, "json"))
		*out = RT_FMT_JSON;
	else if (s && !strcmp(s, "github"))
		*out = RT_FMT_GITHUB;
	else
		return err_setc(ERR_USAGE, "--format: '%s' is not one of text, json, github",
				s ? s : "");
	return 0;
}

const char *rt_mode_name(enum rt_mode mode)
{
	switch (mode) {
	case RT_MODE_GITHUB:  return "github-actions";
	case RT_MODE_ANSIBLE: return "ansible-module";
	default:              return "cli";
	}
}

int rt_color_ok(int fd)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (nc && *nc)
		return 0;
	if (term && !strcmp(term, "dumb"))
		return 0;
	return isatty(fd);
}
