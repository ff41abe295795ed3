/* heal_prompt.h - remediation prompt templates and their {{placeholder}} rendering. */
#ifndef SHIP_HEAL_PROMPT_H
#define SHIP_HEAL_PROMPT_H

#include <stddef.h>

#include "core/buf.h"

#define HEAL_TEMPLATE_MAX (64u << 10)
#define HEAL_PROMPT_MAX   (512u << 10)

struct heal_template {
	const char *domain;   /* "rust", ..., "default" */
	const char *text;
};

/* The built-in template of a domain ("default" when there is none). Static. */
const struct heal_template *heal_template_builtin(const char *domain);

/* Looks a placeholder up: returns its value (borrowed) or NULL when the
 * name is unknown. */
typedef const char *(*heal_var_fn)(void *ctx, const char *name);

/*
 * Expands every {{name}} of tpl[0..len) into out. An unknown name fails
 * with ERR_INVALID: "SOURCE: line L, column C: unknown placeholder
 * {{name}}"; an unterminated "{{" is copied as is.
 */
int heal_template_expand(struct buf *out, const char *tpl, size_t len, const char *source,
			 heal_var_fn var, void *ctx);

#endif
