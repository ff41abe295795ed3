/* t_heal_classify.c - tests of the failure classifier and the routing table. */
#include "unit.h"

#include "heal/classify.h"

#include <string.h>

static struct heal_entries L = HEAL_ENTRIES_INIT(100);

/* Extracts entries from log and classifies them, with the log itself as
 * the only excerpt. */
static void classify(const char *log, const char *workflow,
                     const char *const *changed, size_t nchanged,
                     struct heal_verdict *v)
{
	struct heal_classify_in in;

	heal_entries_free(&L);
	L.max = 100;
	CHECK_INT(heal_extract_mem(log, strlen(log), "t", &L), 0);
	memset(&in, 0, sizeof(in));
	in.workflow = workflow;
	in.entries = L.v;
	in.nentries = L.n;
	in.texts = &log;
	in.ntexts = 1;
	in.changed = changed;
	in.nchanged = nchanged;
	heal_classify(&in, v);
}

TEST(heal_classify_rust_code)
{
	struct heal_verdict v;

	classify("error[E0308]: mismatched types\n  --> src/main.rs:4:18\n\n", "CI", NULL, 0, &v);
	CHECK_INT(v.kind, HEAL_KIND_CODE);
	CHECK_INT(v.domain, HEAL_DOM_RUST);
	CHECK_STR(heal_route(v.domain, NULL, 0), "rex");
	CHECK_INT(v.retry_ok, 0);
	CHECK_STR(v.rule, "code-finding");
}

TEST(heal_classify_transient_only_without_code)
{
	struct heal_verdict v;
	static const char *const changed[] = { "web/src/App.tsx" };

	classify("npm ERR! code ECONNRESET\nnpm ERR! network aborted\n", "frontend", changed, 1, &v);
	CHECK_INT(v.kind, HEAL_KIND_TRANSIENT);
	CHECK_INT(v.retry_ok, 1);
	CHECK_INT(v.domain, HEAL_DOM_FRONTEND);
	CHECK_STR(heal_route(v.domain, NULL, 0), "blaze");
	CHECK(v.signature != NULL);
	/* the same network error next to a compile error: no re-run */
	classify("src/a.ts(3,13): error TS7006: Parameter 'y' implicitly has an 'any' type.\n"
	         "npm ERR! code ECONNRESET\n", "frontend", NULL, 0, &v);
	CHECK_INT(v.kind, HEAL_KIND_CODE);
	CHECK_INT(v.vetoed, 1);
	CHECK_INT(v.retry_ok, 0);
}

TEST(heal_classify_docker_rate_limit_is_infra_transient)
{
	struct heal_verdict v;

	classify("Error response from daemon: toomanyrequests: You have reached your pull rate limit.\n",
	         "deploy", NULL, 0, &v);
	CHECK_INT(v.kind, HEAL_KIND_TRANSIENT);
	CHECK_INT(v.domain, HEAL_DOM_INFRA);
	CHECK_STR(heal_route(v.domain, NULL, 0), "bolt");
}

TEST(heal_classify_github_config_never_retried)
{
	struct heal_verdict v;

	classify("HTTP 403: Resource not accessible by integration\n", "release", NULL, 0, &v);
	CHECK_INT(v.kind, HEAL_KIND_CONFIG);
	CHECK_INT(v.domain, HEAL_DOM_GITHUB);
	CHECK_STR(heal_route(v.domain, NULL, 0), "atlas");
	CHECK_INT(v.retry_ok, 0);
	classify("The workflow is not valid. .github/workflows/ci.yml (Line: 3, Col: 1): Unexpected value 'x'\n",
	         NULL, NULL, 0, &v);
	CHECK_STR(v.rule, "workflow-syntax");
	classify("##[error]The job was not started because recent account payments have failed\n",
	         NULL, NULL, 0, &v);
	CHECK_STR(v.rule, "billing");
	CHECK_INT(v.retry_ok, 0);
	classify("##[error]The job running on runner X has exceeded the maximum execution time of 360 minutes.\n",
	         NULL, NULL, 0, &v);
	CHECK_STR(v.rule, "job-timeout");
	CHECK_INT(v.kind, HEAL_KIND_TIMEOUT);
	CHECK_STR(heal_kind_name(v.kind), "timeout");
	CHECK_INT(v.retry_ok, 0);
	classify("<--- JS stacktrace --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n",
	         NULL, NULL, 0, &v);
	CHECK_INT(v.kind, HEAL_KIND_RESOURCE);
	CHECK_STR(heal_kind_name(v.kind), "resource-exhausted");
	CHECK_INT(v.retry_ok, 0);
	classify("##[error]The hosted runner: GitHub Actions 8 lost communication with the server.\n",
	         NULL, NULL, 0, &v);
	CHECK_INT(v.kind, HEAL_KIND_TRANSIENT);
	CHECK_INT(v.ambiguous, 1);
	classify("npm ERR! code ECONNRESET\nnpm ERR! network aborted\n", NULL, NULL, 0, &v);
	CHECK_INT(v.kind, HEAL_KIND_TRANSIENT);
	CHECK_INT(v.ambiguous, 0);
}

TEST(heal_classify_test_dependency_and_none)
{
	struct heal_verdict v;

	classify("FAILED tests/test_a.py::test_x - assert 1 == 2\n", "CI", NULL, 0, &v);
	CHECK_INT(v.kind, HEAL_KIND_TEST);
	CHECK_INT(v.domain, HEAL_DOM_PYTHON);
	classify("npm ERR! code E404\nnpm ERR! 404 Not Found - GET https://r/x\n", "CI", NULL, 0, &v);
	CHECK_INT(v.kind, HEAL_KIND_DEPENDENCY);
	classify("Error: UPGRADE FAILED: template: c/t/d.yaml:3:9: nil pointer\n", "CI", NULL, 0, &v);
	CHECK_INT(v.kind, HEAL_KIND_CONFIG);
	CHECK_INT(v.domain, HEAL_DOM_INFRA);
	classify("something odd happened\n", "CI", NULL, 0, &v);
	CHECK_INT(v.kind, HEAL_KIND_UNKNOWN);
	CHECK_STR(v.rule, "no-rule-matched");
	CHECK_STR(heal_kind_name(v.kind), "unknown");
	heal_entries_free(&L);
}

TEST(heal_classify_domain_votes_and_routes)
{
	struct heal_verdict v;
	static const char *const changed[] = { "go.mod", "cmd/x/main.go", "README.md" };
	static const struct heal_route table[] = { { "go", "gopher" }, { "*", "triage" } };

	classify("boom\n", "Build", changed, 3, &v);
	CHECK_INT(v.domain, HEAL_DOM_GO);
	CHECK_STR(heal_domain_name(v.domain), "go");
	CHECK_STR(heal_route(v.domain, table, 2), "gopher");
	CHECK_STR(heal_route(HEAL_DOM_PYTHON, table, 2), "triage");
	CHECK_STR(heal_route(HEAL_DOM_PYTHON, NULL, 0), "atlas");
	heal_entries_free(&L);
}
