/* heal_opts.c - the option table of `ship heal`. */
#include "heal/heal.h"

const struct opt_spec heal_opts[] = {
	{ "log", 0, OPT_LIST, "FILE|DIR|ZIP", NULL, "read a local log file, a directory of logs or a run-logs zip" },
	{ "event", 0, OPT_STR, "FILE", NULL, "the event payload (default: $GITHUB_EVENT_PATH)" },
	{ "repo", 0, OPT_STR, "OWNER/NAME", NULL, "repository of the run (default: $GITHUB_REPOSITORY)" },
	{ "run", 0, OPT_STR, "ID", NULL, "workflow run to triage" },
	{ "attempt", 0, OPT_INT, "N", NULL, "run attempt (default: the latest)" },
	{ "token-file", 0, OPT_STR, "FILE", NULL, "read the GitHub token from FILE (default: $GITHUB_TOKEN)" },
	{ "rerun-budget", 0, OPT_INT, "N", "2", "re-run only while run_attempt is below N" },
	{ "dedupe-window", 0, OPT_INT, "MINUTES", "10", "a second failure on a branch within this window is a duplicate" },
	{ "template-dir", 0, OPT_STR, "DIR", NULL, "override the per-domain prompt templates" },
	{ "prompt-file", 0, OPT_STR, "FILE", NULL, "where the remediation prompt is written (default: heal-prompt.md in the state directory)" },
	{ "llm-url", 0, OPT_STR, "URL", NULL, "send the prompt to an Ollama or OpenAI-compatible endpoint (token: $SHIP_LLM_TOKEN)" },
	{ "llm-model", 0, OPT_STR, "NAME", NULL, "model name for --llm-url" },
	{ "webhook-url", 0, OPT_STR, "URL", NULL, "Slack-compatible webhook for a final failure verdict" },
	{ "comment", 0, OPT_FLAG, NULL, NULL, "keep one comment with the triage on the pull request (a push: the commit), updated in place" },
	{ "excerpt-lines", 0, OPT_INT, "N", "200", "cap of the failure excerpt in lines" },
	{ "excerpt-bytes", 0, OPT_INT, "N", "65536", "cap of the failure excerpt in bytes" },
	{ "route", 0, OPT_LIST, "DOMAIN=AGENT", NULL, "route a domain to an agent (default rust=rex frontend=blaze infra=bolt *=atlas)" },
	{ "dry-run", 0, OPT_FLAG, NULL, NULL, "report the decision without acting" },
	OPT_END
};
