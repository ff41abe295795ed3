/* publish_opts.c - the option table of `ship publish`. */
#include "publish/publish.h"

const struct opt_spec publish_opts[] = {
	{ "repo-dir", 0, OPT_STR, "DIR", ".", "the git repository to release" },
	{ "tag-prefix", 0, OPT_STR, "PREFIX", "v", "prefix of version tags" },
	{ "first-parent", 0, OPT_FLAG, NULL, NULL, "follow only the first parent of merges" },
	{ "prerelease", 0, OPT_STR, "CHANNEL", NULL, "release on a pre-release channel, e.g. rc -> 1.3.0-rc.1" },
	{ "version", 0, OPT_STR, "X.Y.Z", NULL, "release this version instead of the computed one" },
	{ "major-on-zero", 0, OPT_FLAG, NULL, NULL, "a breaking change on 0.y.z releases 1.0.0 (default: bumps the minor)" },
	{ "initial-version", 0, OPT_STR, "X.Y.Z", "0.1.0", "version of the first release when no tag exists" },
	{ "changelog-file", 0, OPT_STR, "FILE", NULL, "also write the changelog to FILE" },
	{ "template", 0, OPT_STR, "FILE", NULL, "lay the changelog out with this template (docs/publish.md)" },
	{ "allow-blocking", 0, OPT_FLAG, NULL, NULL, "release even when scan state has blocking findings" },
	{ "require-green", 0, OPT_FLAG, NULL, NULL, "refuse unless HEAD's checks and statuses are green" },
	{ "tag-via", 0, OPT_STR, "git|api", "git", "push the tag with libgit2 or create it through the git data API" },
	{ "push-remote", 0, OPT_STR, "REMOTE", "origin", "remote name or https:// URL the tag is pushed to (--tag-via git)" },
	{ "repo", 0, OPT_STR, "OWNER/NAME", NULL, "GitHub repository (default: $GITHUB_REPOSITORY)" },
	{ "asset", 0, OPT_LIST, "GLOB", NULL, "files to attach to the release; GLOB#label sets a label" },
	{ "draft", 0, OPT_FLAG, NULL, NULL, "keep the release as a draft" },
	{ "token-file", 0, OPT_STR, "FILE", NULL, "read the GitHub token from FILE (default: $GITHUB_TOKEN)" },
	{ "webhook-url", 0, OPT_STR, "URL", NULL, "notify this webhook on success" },
	{ "dry-run", 0, OPT_FLAG, NULL, NULL, "compute and print everything, change nothing" },
	OPT_END
};
