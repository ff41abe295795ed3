/* t_heal_decide.c - tests of heal's decision (re-run gates, veto, budgets) and prompt templates. */
#include "unit.h"

#include "heal/heal_decide.h"
#include "heal/heal_prompt.h"
#include "core/err.h"

#include <string.h>

static struct heal_verdict V(enum heal_kind k, const char *sig, int ambiguous)
{
	struct heal_verdict v;

	memset(&v, 0, sizeof(v));
	v.kind = k;
	v.domain = k == HEAL_KIND_TRANSIENT ? HEAL_DOM_INFRA : HEAL_DOM_RUST;
	v.rule = k == HEAL_KIND_TRANSIENT ? "transient-signature" : "code-finding";
	v.signature = sig;
	v.retry_ok = k == HEAL_KIND_TRANSIENT;
	v.vetoed = k == HEAL_KIND_CODE;
	v.ambiguous = ambiguous;
	return v;
}

static void run(const struct heal_verdict *v, size_t n, long attempt, int head,
		struct heal_decision *d)
{
	struct heal_decide_in in = { v, n, attempt, 2, head };

	heal_decide(&in, d);
}

TEST(heal_decide_reruns_only_all_transient)
{
	struct heal_verdict v[2] = { V(HEAL_KIND_TRANSIENT, "network-reset", 0),
				     V(HEAL_KIND_TRANSIENT, "dns", 0) };
	struct heal_decision d;

	run(v, 2, 1, 1, &d);
	CHECK_INT(d.action, HEAL_ACT_RERUN);
	CHECK_STR(d.verdict, "rerun");
	CHECK_INT(d.failed, 0);
	v[1] = V(HEAL_KIND_CODE, NULL, 0);
	run(v, 2, 1, 1, &d);
	CHECK_INT(d.action, HEAL_ACT_PROMPT);
	CHECK_INT(d.kind, HEAL_KIND_CODE);
	CHECK_INT(d.job, 1);
	CHECK(strstr(d.why, "look transient") != NULL);
}

TEST(heal_decide_budget_head_and_ambiguous)
{
	struct heal_verdict v[1] = { V(HEAL_KIND_TRANSIENT, "network-reset", 0) };
	struct heal_decision d;

	run(v, 1, 2, 1, &d);
	CHECK_STR(d.verdict, "needs-human");
	CHECK_INT(d.failed, 1);
	CHECK_STR(d.rule, "rerun-budget-spent");
	run(v, 1, 1, 0, &d);
	CHECK_STR(d.verdict, "superseded");
	CHECK_INT(d.action, HEAL_ACT_NONE);
	run(v, 1, 0, -1, &d);        /* local logs: recommend */
	CHECK_INT(d.action, HEAL_ACT_RERUN);
	v[0] = V(HEAL_KIND_TRANSIENT, "runner-lost", 1);
	run(v, 1, 1, 1, &d);
	CHECK_INT(d.action, HEAL_ACT_RERUN);
	{
		struct heal_decide_in in = { v, 1, 2, 5, 1 };  /* budget 5, but ambiguous */

		heal_decide(&in, &d);
		CHECK_INT(d.action, HEAL_ACT_PROMPT);
		CHECK_INT(d.kind, HEAL_KIND_RESOURCE);
		CHECK_STR(d.rule, "ambiguous-retried");
	}
}

TEST(heal_decide_none_and_billing)
{
	struct heal_verdict v = V(HEAL_KIND_CONFIG, NULL, 0);
	struct heal_decision d;

	run(NULL, 0, 1, 1, &d);
	CHECK_STR(d.verdict, "no-failure");
	CHECK_INT(d.action, HEAL_ACT_NONE);
	v.rule = "billing";
	run(&v, 1, 1, 1, &d);
	CHECK_STR(d.verdict, "needs-human");
	CHECK_INT(d.failed, 1);
	v.rule = "no-rule-matched";
	v.kind = HEAL_KIND_UNKNOWN;
	run(&v, 1, 1, 1, &d);
	CHECK_STR(d.verdict, "prompt");
	CHECK_STR(d.rule, "no-rule-matched");
}

static const char *var(void *ctx, const char *name)
{
	(void)ctx;
	return !strcmp(name, "a") ? "A" : !strcmp(name, "long-name_2") ? "" : NULL;
}

TEST(heal_template_expand_placeholders)
{
	struct buf b = BUF_INIT(1024);
	const char *t = "x{{a}}y{{long-name_2}}z{{ {{a}";

	CHECK_INT(heal_template_expand(&b, t, strlen(t), "t", var, NULL), 0);
	CHECK_STR(buf_cstr(&b), "xAyz{{ {{a}");
	buf_reset(&b);
	t = "ok\n  {{nope}}";
	CHECK_INT(heal_template_expand(&b, t, strlen(t), "tpl.md", var, NULL), ERR_INVALID);
	CHECK_STR(err_last(), "tpl.md: line 2, column 3: unknown placeholder {{nope}}");
	buf_release(&b);
	b.max = 4;
	CHECK_INT(heal_template_expand(&b, "{{a}}{{a}}{{a}}{{a}}{{a}}", 25, "t", var, NULL), ERR_TOOBIG);
	buf_release(&b);
	CHECK(strstr(heal_template_builtin("rust")->text, "{{context}}") != NULL);
	CHECK_STR(heal_template_builtin("cobol")->domain, "default");
}
