/* mode.h - runtime mode detection (GitHub Actions, Ansible module, CLI) and output formats. */
#ifndef SHIP_MODE_H
#define SHIP_MODE_H

enum rt_mode {
	RT_MODE_CLI = 0,   /* a terminal, make, ansible.builtin.command */
	RT_MODE_GITHUB,    /* GITHUB_ACTIONS=true */
	RT_MODE_ANSIBLE    /* a binary Ansible module: `ship ARGS_FILE` */
};

enum rt_format {
	RT_FMT_TEXT = 0,   /* human lines */
	RT_FMT_JSON,       /* one JSON object on stdout */
	RT_FMT_GITHUB,     /* workflow commands, $GITHUB_OUTPUT */
	RT_FMT_ANSIBLE     /* the Ansible module result (only in Ansible mode) */
};

/*
 * Ansible runs a binary module as `MODULE ARGS_FILE`. This is Ansible
 * mode when there is exactly one argument, it is not a command name or
 * an option, it names a regular file, and either the file mentions
 * "_ansible_" or argv[0]'s base name starts with "ship_" (the module
 * name). The file is parsed later (rt_ansible_load) so that a malformed
 * file still produces a `failed` module result.
 */
int rt_mode_is_ansible(int argc, char **argv);
/* GITHUB_ACTIONS=true -> RT_MODE_GITHUB, else RT_MODE_CLI. */
enum rt_mode rt_mode_env(void);
/* The default format of a mode. */
enum rt_format rt_mode_format(enum rt_mode mode);
/* "text", "json", "github" -> format; ERR_USAGE otherwise. */
int rt_format_parse(const char *s, enum rt_format *out);
const char *rt_mode_name(enum rt_mode mode);
/* 1 when fd is a terminal, NO_COLOR is unset or empty, TERM is not "dumb". */
int rt_color_ok(int fd);

#endif
