/* classify.c - deterministic, ordered classification of a failure (domain, kind, route). */
#include "classify.h"

#include <string.h>

struct sig {
	const char *text;   /* found anywhere in a line of the excerpts */
	const char *name;
};

/* Transient infrastructure (research/heal-anchors.md §3). A retry may
 * help; the decision layer adds attempt budgets and head-SHA checks. */
static const struct sig transient[] = {
	{ "lost communication with the server", "runner-lost" },
	{ "The runner has received a shutdown signal", "runner-shutdown" },
	{ "toomanyrequests", "registry-rate-limit" },
	{ "You have reached your pull rate limit", "registry-rate-limit" },
	{ "API rate limit exceeded", "api-rate-limit" },
	{ "secondary rate limit", "api-secondary-rate-limit" },
	{ "abuse detection mechanism", "api-abuse-detection" },
	{ "Response status code does not indicate success: 429", "action-download-429" },
	{ "Response status code does not indicate success: 5", "action-download-5xx" },
	{ "ECONNRESET", "network-reset" },
	{ "ETIMEDOUT", "network-timeout" },
	{ "EAI_AGAIN", "dns" },
	{ "socket hang up", "network-reset" },
	{ "network aborted", "network-reset" },
	{ "Invalid response body while trying to fetch", "network-reset" },
	{ "ReadTimeoutError", "pip-timeout" },
	{ "Read timed out", "network-timeout" },
	{ "spurious network error", "cargo-network" },
	{ "Timeout was reached", "network-timeout" },
	{ "Couldn't connect to server", "network-connect" },
	{ "i/o timeout", "network-timeout" },
	{ "TLS handshake timeout", "network-timeout" },
	{ "stream error; INTERNAL_ERROR", "network-reset" },
	{ "onnection reset by peer", "network-reset" },
	{ "Could not resolve host", "dns" },
	{ "Temporary failure in name resolution", "dns" },
	{ "the remote end hung up unexpectedly", "git-network" },
	{ "RPC failed; HTTP 5", "git-network" },
	{ "502 Bad Gateway", "http-5xx" },
	{ "503 Service Unavailable", "http-5xx" },
	{ "504 Gateway Time", "http-5xx" },
	{ "no space left on device", "no-space" },
	{ "insufficient space remaining on the device", "no-space" },
	{ "Process completed with exit code 137", "killed-137" },
};

/* Need a human; never retried. */
static const struct sig billing[] = {
	{ "recent account payments have failed", "billing" },
	{ "spending limit needs to be increased", "billing" },
};
static const struct sig job_timeout[] = {
	{ "has exceeded the maximum execution time", "job-timeout" },
	{ "The job has exceeded the maximum execution time", "job-timeout" },
};
/* The job itself ran out of memory: a re-run fails the same way. */
static const struct sig resource[] = {
	{ "JavaScript heap out of memory", "node-heap" },
	{ "java.lang.OutOfMemoryError", "jvm-heap" },
	{ "Killed signal terminated program", "compiler-oom" },
	{ "MemoryError", "python-memory" },
	{ "fatal error: runtime: out of memory", "go-oom" },
	{ "memory allocation of ", "rust-oom" },
	{ "Cannot allocate memory", "enomem" },
};
/* Signatures that are just as often the job exhausting the runner
 * (research/heal-anchors.md §3): retried at most once. */
static const char *const ambiguous[] = { "runner-lost", "killed-137" };

/* Dependency resolution failures (not network). */
static const char *const dep_codes[] = {
	"E404", "ERESOLVE", "ETARGET", "ENOVERSIONS", "EINTEGRITY",
	"ERR_PNPM_OUTDATED_LOCKFILE", "ERR_PNPM_NO_MATCHING_VERSION",
	"ERR_PNPM_FETCH_404", "ERR_PNPM_LOCKFILE_CONFIG_MISMATCH",
	"YN0028", "YN0035", "YN0018",
};
static const char *const dep_texts[] = {
	"failed to select a version for", "no matching package named",
	"No matching distribution found", "ResolutionImpossible",
	"missing go.sum entry", "unknown revision", "Could not find a version that satisfies",
	"lock file needs to be updated", "The lockfile would have been modified",
	"could not find a package configuration file",
};

const char *heal_domain_name(enum heal_domain d)
{
	static const char *const n[HEAL_DOM_N] = {
		"other", "rust", "c-cpp", "frontend", "python", "go", "infra", "github",
	};

	return (unsigned)d < HEAL_DOM_N ? n[d] : "other";
}

const char *heal_kind_name(enum heal_kind k)
{
	switch (k) {
	case HEAL_KIND_CODE: return "code";
	case HEAL_KIND_TEST: return "test";
	case HEAL_KIND_DEPENDENCY: return "dependency";
	case HEAL_KIND_CONFIG: return "config";
	case HEAL_KIND_TRANSIENT: return "transient-infra";
	case HEAL_KIND_TIMEOUT: return "timeout";
	case HEAL_KIND_RESOURCE: return "resource-exhausted";
	default: return "unknown";
	}
}

static const char *find_sig(const struct heal_classify_in *in,
                            const struct sig *s, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < in->ntexts; j++)
			if (in->texts[j] && strstr(in->texts[j], s[i].text))
				return s[i].name;
		for (j = 0; j < in->nentries; j++)
			if (strstr(in->entries[j].message, s[i].text))
				return s[i].name;
	}
	return NULL;
}

static int is(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

static enum heal_domain tool_domain(const char *t)
{
	static const struct { const char *tool; enum heal_domain d; } m[] = {
		{ "rustc", HEAL_DOM_RUST }, { "cc", HEAL_DOM_CCPP },
		{ "make", HEAL_DOM_CCPP }, { "cmake", HEAL_DOM_CCPP },
		{ "ld", HEAL_DOM_CCPP }, { "tsc", HEAL_DOM_FRONTEND },
		{ "js", HEAL_DOM_FRONTEND }, { "css", HEAL_DOM_FRONTEND },
		{ "npm", HEAL_DOM_FRONTEND }, { "yarn", HEAL_DOM_FRONTEND },
		{ "pnpm", HEAL_DOM_FRONTEND }, { "jest", HEAL_DOM_FRONTEND },
		{ "python", HEAL_DOM_PYTHON }, { "pytest", HEAL_DOM_PYTHON },
		{ "black", HEAL_DOM_PYTHON }, { "ruff", HEAL_DOM_PYTHON },
		{ "go", HEAL_DOM_GO }, { "docker", HEAL_DOM_INFRA },
		{ "helm", HEAL_DOM_INFRA }, { "kubectl", HEAL_DOM_INFRA },
		{ "yaml", HEAL_DOM_INFRA }, { "terraform", HEAL_DOM_INFRA },
		{ "shell", HEAL_DOM_INFRA }, { "shellcheck", HEAL_DOM_INFRA },
		{ "github", HEAL_DOM_GITHUB }, { "actions", HEAL_DOM_GITHUB },
	};
	size_t i;

	for (i = 0; t && i < sizeof(m) / sizeof(m[0]); i++)
		if (!strcmp(t, m[i].tool))
			return m[i].d;
	return HEAL_DOM_OTHER;
}

static enum heal_domain path_domain(const char *p)
{
	static const struct { const char *suffix; enum heal_domain d; } m[] = {
		{ ".rs", HEAL_DOM_RUST }, { "Cargo.toml", HEAL_DOM_RUST },
		{ "Cargo.lock", HEAL_DOM_RUST }, { ".c", HEAL_DOM_CCPP },
		{ ".h", HEAL_DOM_CCPP }, { ".cc", HEAL_DOM_CCPP },
		{ ".cpp", HEAL_DOM_CCPP }, { ".hpp", HEAL_DOM_CCPP },
		{ "CMakeLists.txt", HEAL_DOM_CCPP }, { "Makefile", HEAL_DOM_CCPP },
		{ ".ts", HEAL_DOM_FRONTEND }, { ".tsx", HEAL_DOM_FRONTEND },
		{ ".js", HEAL_DOM_FRONTEND }, { ".jsx", HEAL_DOM_FRONTEND },
		{ ".vue", HEAL_DOM_FRONTEND }, { ".css", HEAL_DOM_FRONTEND },
		{ ".scss", HEAL_DOM_FRONTEND }, { "package.json", HEAL_DOM_FRONTEND },
		{ "package-lock.json", HEAL_DOM_FRONTEND }, { "pnpm-lock.yaml", HEAL_DOM_FRONTEND },
		{ "yarn.lock", HEAL_DOM_FRONTEND }, { ".py", HEAL_DOM_PYTHON },
		{ "pyproject.toml", HEAL_DOM_PYTHON }, { "requirements.txt", HEAL_DOM_PYTHON },
		{ ".go", HEAL_DOM_GO }, { "go.mod", HEAL_DOM_GO }, { "go.sum", HEAL_DOM_GO },
		{ "Dockerfile", HEAL_DOM_INFRA }, { ".tf", HEAL_DOM_INFRA },
		{ "Chart.yaml", HEAL_DOM_INFRA },
	};
	size_t i, n = strlen(p), k;

	if (!strncmp(p, ".github/", 8))
		return HEAL_DOM_GITHUB;
	if (strstr(p, "charts/") || strstr(p, "k8s/") || strstr(p, "deploy/") ||
	    strstr(p, "helm/"))
		return HEAL_DOM_INFRA;
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		k = strlen(m[i].suffix);
		if (n >= k && !strcmp(p + n - k, m[i].suffix))
			return m[i].d;
	}
	return HEAL_DOM_OTHER;
}

static enum heal_domain name_domain(const char *w)
{
	static const struct { const char *word; enum heal_domain d; } m[] = {
		{ "rust", HEAL_DOM_RUST }, { "cargo", HEAL_DOM_RUST },
		{ "frontend", HEAL_DOM_FRONTEND }, { "web", HEAL_DOM_FRONTEND },
		{ "node", HEAL_DOM_FRONTEND }, { "npm", HEAL_DOM_FRONTEND },
		{ "python", HEAL_DOM_PYTHON }, { "pytest", HEAL_DOM_PYTHON },
		{ "golang", HEAL_DOM_GO }, { "deploy", HEAL_DOM_INFRA },
		{ "infra", HEAL_DOM_INFRA }, { "helm", HEAL_DOM_INFRA },
		{ "terraform", HEAL_DOM_INFRA }, { "docker", HEAL_DOM_INFRA },
		{ "release", HEAL_DOM_INFRA },
	};
	char low[128];
	size_t i;

	if (!w)
		return HEAL_DOM_OTHER;
	for (i = 0; w[i] && i < sizeof(low) - 1; i++)
		low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
	low[i] = 0;
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (strstr(low, m[i].word))
			return m[i].d;
	return HEAL_DOM_OTHER;
}

/* Votes: each entry's tool 2 (capped at 20 entries), each changed file
 * 1 (capped at 50), the workflow name 1. Ties go to the lower enum. */
static enum heal_domain vote(const struct heal_classify_in *in)
{
	int v[HEAL_DOM_N] = { 0 }, best = 0, i;
	size_t j;

	for (j = 0; j < in->nentries && j < 20; j++)
		v[tool_domain(in->entries[j].tool)] += 2;
	for (j = 0; j < in->nchanged && j < 50; j++)
		if (in->changed[j])
			v[path_domain(in->changed[j])] += 1;
	v[name_domain(in->workflow)] += 1;
	for (i = 1; i < HEAL_DOM_N; i++)
		if (v[i] > v[best] || (best == HEAL_DOM_OTHER && v[i] > 0))
			best = i;
	return (enum heal_domain)best;
}

static int is_dependency(const struct heal_entry *e)
{
	size_t i;

	for (i = 0; e->code && i < sizeof(dep_codes) / sizeof(dep_codes[0]); i++)
		if (!strcmp(e->code, dep_codes[i]))
			return 1;
	for (i = 0; i < sizeof(dep_texts) / sizeof(dep_texts[0]); i++)
		if (strstr(e->message, dep_texts[i]))
			return 1;
	return 0;
}

static int is_test(const struct heal_entry *e)
{
	size_t n = e->file ? strlen(e->file) : 0;

	return is(e->tool, "pytest") || is(e->tool, "jest") ||
	       is(e->rule, "rust-panic") ||
	       (n > 8 && !strcmp(e->file + n - 8, "_test.go")) ||
	       (e->file && (strstr(e->file, "tests/") || strstr(e->file, "test_") ||
	                    strstr(e->file, ".test.") || strstr(e->file, ".spec.")));
}

/* A located finding of a build, compiler or linter tool. */
static int is_code(const struct heal_entry *e)
{
	enum heal_domain d = tool_domain(e->tool);

	return e->file && (e->line > 0 || is(e->tool, "ld")) &&
	       e->sev != HEAL_SEV_NOTE && d != HEAL_DOM_INFRA && d != HEAL_DOM_GITHUB;
}

/* The first entry that satisfies pred and carries no transient
 * signature (a network error printed by npm is not a dependency bug). */
static int any(const struct heal_classify_in *in, int (*pred)(const struct heal_entry *))
{
	size_t i, k;

	for (i = 0; i < in->nentries; i++) {
		const struct heal_entry *e = &in->entries[i];
		int net = 0;

		for (k = 0; k < sizeof(transient) / sizeof(transient[0]) && !net; k++)
			net = strstr(e->message, transient[k].text) != NULL ||
			      (e->code && strstr(e->code, transient[k].text) != NULL);
		if (!net && pred(e))
			return 1;
	}
	return 0;
}

static int is_permission(const struct heal_entry *e)
{
	return is(e->rule, "github-permission");
}

static int is_workflow(const struct heal_entry *e)
{
	return is(e->rule, "github-workflow");
}

static int is_infra_config(const struct heal_entry *e)
{
	return tool_domain(e->tool) == HEAL_DOM_INFRA;
}

static void decide(struct heal_verdict *v, enum heal_kind k, const char *rule)
{
	v->kind = k;
	v->rule = rule;
}

void heal_classify(const struct heal_classify_in *in, struct heal_verdict *v)
{
	const char *s;
	int dep = any(in, is_dependency), test = any(in, is_test), code = any(in, is_code);

	memset(v, 0, sizeof(*v));
	v->domain = vote(in);
	v->vetoed = dep || test || code;
	v->signature = find_sig(in, transient, sizeof(transient) / sizeof(transient[0]));
	if ((s = find_sig(in, billing, sizeof(billing) / sizeof(billing[0]))) != NULL) {
		decide(v, HEAL_KIND_CONFIG, s);
		v->domain = HEAL_DOM_GITHUB;
	} else if (any(in, is_permission)) {
		decide(v, HEAL_KIND_CONFIG, "github-permission");
		v->domain = HEAL_DOM_GITHUB;
	} else if (any(in, is_workflow)) {
		decide(v, HEAL_KIND_CONFIG, "workflow-syntax");
		v->domain = HEAL_DOM_GITHUB;
	} else if ((s = find_sig(in, job_timeout, sizeof(job_timeout) / sizeof(job_timeout[0]))) != NULL) {
		decide(v, HEAL_KIND_TIMEOUT, s);
	} else if ((s = find_sig(in, resource, sizeof(resource) / sizeof(resource[0]))) != NULL) {
		decide(v, HEAL_KIND_RESOURCE, s);
	} else if (v->signature && !v->vetoed) {
		size_t i;

		decide(v, HEAL_KIND_TRANSIENT, "transient-signature");
		v->retry_ok = 1;
		for (i = 0; i < sizeof(ambiguous) / sizeof(ambiguous[0]); i++)
			if (!strcmp(v->signature, ambiguous[i]))
				v->ambiguous = 1;
		if (v->domain == HEAL_DOM_OTHER)
			v->domain = HEAL_DOM_GITHUB;
	} else if (dep) {
		decide(v, HEAL_KIND_DEPENDENCY, "dependency");
	} else if (test) {
		decide(v, HEAL_KIND_TEST, "test-failure");
	} else if (code) {
		decide(v, HEAL_KIND_CODE, "code-finding");
	} else if (any(in, is_infra_config)) {
		decide(v, HEAL_KIND_CONFIG, "infra-config");
	} else {
		decide(v, HEAL_KIND_UNKNOWN, "no-rule-matched");
	}
}

const char *heal_route(enum heal_domain d, const struct heal_route *t, size_t n)
{
	static const struct heal_route def[] = {
		{ "rust", "rex" }, { "frontend", "blaze" }, { "infra", "bolt" },
		{ "github", "atlas" }, { "*", "atlas" },
	};
	const char *name = heal_domain_name(d), *fallback = "atlas";
	size_t i;

	if (!t) {
		t = def;
		n = sizeof(def) / sizeof(def[0]);
	}
	for (i = 0; i < n; i++) {
		if (t[i].domain && !strcmp(t[i].domain, name))
			return t[i].agent;
		if (t[i].domain && !strcmp(t[i].domain, "*"))
			fallback = t[i].agent;
	}
	return fallback;
}
