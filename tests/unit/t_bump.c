/* t_bump.c - table-driven tests of the next-version rules (docs/publish.md). */
#include "unit.h"
#include "core/err.h"
#include "publish/bump.h"

#include <stdio.h>

#define MAXM 4
#define MAXT 6

struct row {
	int line;
	const char *last_stable; /* NULL: no release tag */
	const char *last;        /* NULL: same as last_stable */
	const char *older[MAXM]; /* commits between last_stable and last */
	const char *newer[MAXM]; /* commits since last */
	const char *tags[MAXT];  /* other version tags in the repository */
	int zerover;
	const char *pre, *version, *initial;
	const char *want;        /* "none", a version, or "E:<code>" */
};

#define R __LINE__

static const struct row rows[] = {
	/* The plain rules. */
	{ R, "1.2.3", 0, {0}, {"feat: a", "fix: b"}, {0}, 1, 0, 0, 0, "1.3.0" },
	{ R, "1.2.3", 0, {0}, {"fix: b"}, {0}, 1, 0, 0, 0, "1.2.4" },
	{ R, "1.2.3", 0, {0}, {"perf(db): faster"}, {0}, 1, 0, 0, 0, "1.2.4" },
	{ R, "1.2.3", 0, {0}, {"fix: b", "feat(x)!: c"}, {0}, 1, 0, 0, 0, "2.0.0" },
	{ R, "1.2.3", 0, {0}, {"refactor: a", "style: b", "test: c"}, {0}, 1, 0, 0, 0, "none" },
	{ R, "1.2.3", 0, {0}, {0}, {0}, 1, 0, 0, 0, "none" },
	{ R, "1.2.3", 0, {0}, {"FEAT: upper case type"}, {0}, 1, 0, 0, 0, "1.3.0" },
	/* Where semantic-release, git-cliff and release-please disagree. */
	/* feat! without a footer: s-r angular gives none; we follow the spec. */
	{ R, "1.2.3", 0, {0}, {"feat!: x"}, {0}, 1, 0, 0, 0, "2.0.0" },
	/* BREAKING-CHANGE footer on a fix: s-r angular gives patch. */
	{ R, "1.2.3", 0, {0}, {"fix: x\n\nBREAKING-CHANGE: y"}, {0}, 1, 0, 0, 0, "2.0.0" },
	/* chore/docs only: git-cliff, next_version, release-please give patch. */
	{ R, "1.2.3", 0, {0}, {"chore: x", "docs: y"}, {0}, 1, 0, 0, 0, "none" },
	/* non-conventional messages: git-cliff and next_version give patch. */
	{ R, "1.2.3", 0, {0}, {"Update README.md"}, {0}, 1, 0, 0, 0, "none" },
	/* ... but a BREAKING CHANGE footer counts whatever the header. */
	{ R, "1.2.3", 0, {0}, {"Update api\n\nBREAKING CHANGE: z"}, {0}, 1, 0, 0, 0, "2.0.0" },
	/* 0.x + feat: next_version gives 0.3.2. */
	{ R, "0.3.1", 0, {0}, {"feat: x"}, {0}, 1, 0, 0, 0, "0.4.0" },
	/* 0.x + breaking: s-r, git-cliff, release-please default give 1.0.0. */
	{ R, "0.3.1", 0, {0}, {"feat!: x"}, {0}, 1, 0, 0, 0, "0.4.0" },
	{ R, "0.3.1", 0, {0}, {"feat!: x"}, {0}, 0, 0, 0, 0, "1.0.0" },
	/* 0.0.z + breaking: next_version gives 0.0.4, the others 1.0.0. */
	{ R, "0.0.3", 0, {0}, {"fix!: x"}, {0}, 1, 0, 0, 0, "0.1.0" },
	{ R, "0.0.3", 0, {0}, {"fix!: x"}, {0}, 0, 0, 0, 0, "1.0.0" },
	{ R, "0.0.3", 0, {0}, {"fix: x"}, {0}, 1, 0, 0, 0, "0.0.4" },
	/* No tag: s-r and release-please (node) give 1.0.0. */
	{ R, 0, 0, {0}, {"feat: x"}, {0}, 1, 0, 0, 0, "0.1.0" },
	{ R, 0, 0, {0}, {"chore: init"}, {0}, 1, 0, 0, 0, "0.1.0" },
	{ R, 0, 0, {0}, {"feat!: x"}, {0}, 1, 0, 0, "1.0.0", "1.0.0" },
	{ R, 0, 0, {0}, {"feat: x"}, {0}, 1, "rc", 0, 0, "0.1.0-rc.1" },
	{ R, 0, 0, {0}, {"feat: x"}, {0}, 1, 0, 0, "1.0.0-rc.1", "E:-3" },
	{ R, 0, 0, {0}, {"feat: x"}, {0}, 1, 0, 0, "x", "E:-3" },
	/* 1.0.0-alpha.1 + feat! on the alpha channel: release-please gives
	 * 2.0.0-alpha.1; s-r (conventionalcommits) and git-cliff 1.0.0-alpha.2. */
	{ R, 0, "1.0.0-alpha.1", {"feat: a"}, {"feat!: b"}, {0}, 1, "alpha", 0, "1.0.0", "1.0.0-alpha.2" },
	/* Pre-release channels. */
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {0}, 1, "rc", 0, 0, "1.3.0-rc.1" },
	{ R, "1.2.3", "1.3.0-rc.1", {"feat: a"}, {"fix: b"}, {0}, 1, "rc", 0, 0, "1.3.0-rc.2" },
	{ R, "1.2.3", "1.3.0-rc.1", {"feat: a"}, {"chore: b"}, {0}, 1, "rc", 0, 0, "none" },
	{ R, "1.2.3", "1.3.0-rc.1", {"feat: a"}, {0}, {0}, 1, "rc", 0, 0, "none" },
	/* a breaking change during the rc series moves the target. */
	{ R, "1.2.3", "1.3.0-rc.2", {"feat: a"}, {"feat!: b"}, {0}, 1, "rc", 0, 0, "2.0.0-rc.1" },
	/* switching channel needs no new commit. */
	{ R, "1.2.3", "1.3.0-beta.2", {"feat: a"}, {0}, {0}, 1, "rc", 0, 0, "1.3.0-rc.1" },
	/* numbering skips rc tags made on other branches. */
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {"1.3.0-rc.1", "1.3.0-rc.4", "1.3.0-beta.9"}, 1, "rc", 0, 0, "1.3.0-rc.5" },
	/* numbers that would overflow are refused. */
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {"1.3.0-rc.99999999999999999999"}, 1, "rc", 0, 0, "E:-3" },
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {"1.3.0-rc.999999999"}, 1, "rc", 0, 0, "E:-3" },
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {"1.3.0-rc.999999998"}, 1, "rc", 0, 0, "1.3.0-rc.999999999" },
	/* graduation: the release after rc needs no new commit. */
	{ R, "1.2.3", "1.3.0-rc.2", {"feat: a"}, {0}, {0}, 1, 0, 0, 0, "1.3.0" },
	{ R, 0, "0.1.0-rc.3", {"feat: a"}, {0}, {0}, 1, 0, 0, 0, "0.1.0" },
	{ R, 0, "2.0.0-rc.1", {"feat: a"}, {0}, {0}, 1, 0, 0, 0, "2.0.0" },
	/* Explicit --version. */
	{ R, "1.2.3", 0, {0}, {"chore: a"}, {0}, 1, 0, "1.5.0", 0, "1.5.0" },
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {0}, 1, 0, "1.2.3", 0, "E:-3" },
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {0}, 1, 0, "1.0.0", 0, "E:-3" },
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {0}, 1, 0, "v1.4.0", 0, "E:-3" },
	/* The computed version exists already (tag off HEAD's history). */
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {"1.3.0"}, 1, 0, 0, 0, "E:-5" },
	/* Bad channel names. */
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {0}, 1, "rc.1", 0, 0, "E:-3" },
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {0}, 1, "42", 0, 0, "E:-3" },
	{ R, "1.2.3", 0, {0}, {"feat: a"}, {0}, 1, "", 0, 0, "E:-3" },
};

static enum bump_level level_of(const char *const *msgs, size_t *count)
{
	enum bump_level l = BUMP_NONE, k;
	struct cc_commit c;
	size_t i;

	for (i = 0; i < MAXM && msgs[i]; i++) {
		if (cc_parse(&c, msgs[i], strlen(msgs[i]), "t")) {
			unit_fail(__FILE__, __LINE__, "%s", err_last());
			continue;
		}
		k = bump_level_of(&c);
		l = k > l ? k : l;
		cc_release(&c);
		(*count)++;
	}
	return l;
}

static void check_row(const struct row *w)
{
	struct semver stable, last, ex[MAXT + 2];
	struct bump_input in;
	struct bump_opts o = BUMP_OPTS_INIT;
	struct bump_result r;
	char got[SEMVER_MAX_TEXT + 16];
	size_t n = 0, i;
	enum bump_level lo, ln;
	int rc;

	memset(&in, 0, sizeof(in));
	if ((w->last_stable && semver_parse_str(&stable, w->last_stable)) ||
	    (w->last && semver_parse_str(&last, w->last))) {
		unit_fail(__FILE__, w->line, "bad row");
		return;
	}
	in.last_stable = w->last_stable ? &stable : NULL;
	in.last = w->last ? &last : in.last_stable;
	lo = level_of(w->older, &in.ncommits_stable);
	ln = level_of(w->newer, &in.ncommits_stable);
	in.level_stable = lo > ln ? lo : ln;
	in.level_last = ln;
	for (i = 0; i < MAXT && w->tags[i]; i++)
		semver_parse_str(&ex[n++], w->tags[i]);
	if (in.last_stable)
		ex[n++] = stable;
	if (w->last)
		ex[n++] = last;
	in.existing = ex;
	in.nexisting = n;
	o.keep_zerover = w->zerover;
	o.prerelease = w->pre;
	o.version = w->version;
	o.initial = w->initial;
	rc = bump_next(&r, &in, &o);
	if (rc)
		snprintf(got, sizeof(got), "E:%d", rc);
	else if (!r.release)
		snprintf(got, sizeof(got), "none");
	else
		semver_str(&r.next, got);
	if (strcmp(got, w->want))
		unit_fail(__FILE__, w->line, "got %s, want %s (%s)", got, w->want,
			  rc ? err_last() : r.reason);
}

TEST(bump_rules_table)
{
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		check_row(&rows[i]);
}

TEST(bump_levels_of_types)
{
	static const struct { const char *msg; enum bump_level l; } t[] = {
		{ "feat: a", BUMP_MINOR }, { "fix: a", BUMP_PATCH },
		{ "perf: a", BUMP_PATCH }, { "revert: a", BUMP_NONE },
		{ "feature: a", BUMP_NONE }, { "docs!: a", BUMP_MAJOR },
		{ "Merge pull request #3 from a/b", BUMP_NONE },
	};
	struct cc_commit c;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (cc_parse(&c, t[i].msg, strlen(t[i].msg), "t"))
			continue;
		if (bump_level_of(&c) != t[i].l)
			unit_fail(__FILE__, __LINE__, "%s: %s", t[i].msg,
				  bump_level_name(bump_level_of(&c)));
		cc_release(&c);
	}
	CHECK_STR(bump_level_name(BUMP_MAJOR), "major");
}
