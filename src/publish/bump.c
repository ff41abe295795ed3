/* bump.c - the next version from commit levels and tags, by explicit rules (docs/publish.md). */
#include "bump.h"
#include "../core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum bump_level bump_level_of(const struct cc_commit *c)
{
	if (c->breaking)
		return BUMP_MAJOR;
	if (!c->conforming)
		return BUMP_NONE;
	if (!strcmp(c->type, "feat"))
		return BUMP_MINOR;
	if (!strcmp(c->type, "fix") || !strcmp(c->type, "perf"))
		return BUMP_PATCH;
	return BUMP_NONE;
}

const char *bump_level_name(enum bump_level l)
{
	static const char *const names[] = { "none", "patch", "minor", "major" };

	return (unsigned)l < 4 ? names[l] : "none";
}

/* The core version x.y.z of v (no pre-release, no build). */
static struct semver core_of(const struct semver *v)
{
	struct semver c = *v;

	c.pre[0] = c.build[0] = '\0';
	return c;
}

/* Pre-release numbers past this are refused rather than overflowed. */
#define PRE_NUMBER_MAX 999999999LL

/* N when pre is "<channel>.<N>", -1 when it is not, -2 when N is huge. */
static long long channel_number(const char *pre, const char *channel)
{
	size_t n = strlen(channel), digits;
	const char *p;

	if (strncmp(pre, channel, n) || pre[n] != '.')
		return -1;
	p = pre + n + 1;
	digits = strspn(p, "0123456789");
	if (!digits || p[digits])
		return -1;
	if (digits > 9)
		return -2;
	return strtoll(p, NULL, 10);
}

static int apply_level(struct semver *v, enum bump_level l, int keep_zerover)
{
	if (l == BUMP_MAJOR)
		return semver_bump(v, (keep_zerover && v->major == 0) ? SEMVER_MINOR
								      : SEMVER_MAJOR);
	return semver_bump(v, l == BUMP_MINOR ? SEMVER_MINOR : SEMVER_PATCH);
}

/* The release the history points at: the bumped last release, or the
 * initial version; never below the core of a newer pre-release. */
static int target_core(struct semver *t, const struct bump_input *in,
		       const struct bump_opts *o)
{
	int rc;

	if (in->last_stable) {
		*t = core_of(in->last_stable);
		if ((rc = apply_level(t, in->level_stable, o->keep_zerover)))
			return rc;
	} else if ((rc = semver_parse_str(t, o->initial ? o->initial : "0.1.0"))) {
		return err_wrap("initial version");
	} else if (semver_is_pre(t) || t->build[0]) {
		return err_setc(ERR_INVALID, "initial version \"%s\": must be a release "
				"(no pre-release or build part)", o->initial);
	}
	if (in->last && semver_is_pre(in->last)) {
		struct semver lc = core_of(in->last);

		if (semver_cmp(&lc, t) > 0)
			*t = lc; /* graduate a pre-release made with --version */
	}
	return 0;
}

static int check_channel(const char *ch)
{
	static const char ok[] = "0123456789abcdefghijklmnopqrstuvwxyz"
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ-";
	size_t n = strlen(ch);

	if (!n || n > 32 || strspn(ch, ok) != n || strspn(ch, "0123456789") == n)
		return err_setc(ERR_INVALID, "pre-release channel \"%.40s\": must be one "
				"identifier of [0-9A-Za-z-], at most 32 long, not a number", ch);
	return 0;
}

/* core-<channel>.<N> with N one past every existing tag of that series. */
static int number_pre(struct semver *next, const struct bump_input *in,
		      const char *ch)
{
	long long n = 0, k;
	char pre[SEMVER_MAX_EXTRA + 1];
	size_t i;

	for (i = 0; i < in->nexisting; i++) {
		struct semver c = core_of(&in->existing[i]);

		if (semver_cmp(&c, next))
			continue;
		if ((k = channel_number(in->existing[i].pre, ch)) == -2 ||
		    k >= PRE_NUMBER_MAX)
			return err_setc(ERR_INVALID, "pre-release numbers of %s are too "
					"large to continue", in->existing[i].pre);
		if (k > n)
			n = k;
	}
	if (snprintf(pre, sizeof(pre), "%s.%lld", ch, n + 1) >= (int)sizeof(pre))
		return err_setc(ERR_TOOBIG, "pre-release channel too long");
	return semver_set_pre(next, pre);
}

static int exists(const struct bump_input *in, const struct semver *v)
{
	size_t i;

	for (i = 0; i < in->nexisting; i++)
		if (!semver_cmp(&in->existing[i], v))
			return 1;
	return 0;
}

static int explicit_version(struct bump_result *r, const struct bump_input *in,
			    const char *text)
{
	char last[SEMVER_MAX_TEXT];

	if (semver_parse_str(&r->next, text))
		return err_wrap("--version");
	if (in->last && semver_cmp(&r->next, in->last) <= 0) {
		semver_str(in->last, last);
		return err_setc(ERR_INVALID, "--version %s: not above the latest "
				"version tag %s", text, last);
	}
	r->release = 1;
	r->reason = "explicit version";
	return 0;
}

/* Is there anything to release? Sets r->reason when not. */
static int releasable(struct bump_result *r, const struct bump_input *in,
		      const struct semver *core, const char *ch)
{
	if (!in->last_stable && !in->last) {
		r->reason = in->ncommits_stable ? "first release" : "no commits";
		return in->ncommits_stable > 0;
	}
	if (in->last_stable && in->level_stable == BUMP_NONE) {
		r->reason = "no releasable commits (feat, fix, perf or breaking) since the last release";
		return 0;
	}
	/* A pre-release series on the same channel only moves on new commits. */
	if (ch && in->last && semver_is_pre(in->last) &&
	    channel_number(in->last->pre, ch) > 0 && in->level_last == BUMP_NONE) {
		struct semver lc = core_of(in->last);

		if (!semver_cmp(&lc, core)) {
			r->reason = "no releasable commits since the last pre-release";
			return 0;
		}
	}
	if (!ch && !in->last_stable && in->ncommits_stable == 0) {
		r->reason = "no commits";
		return 0;
	}
	r->reason = in->last_stable ? "releasable commits since the last release"
				    : "first release";
	return 1;
}

int bump_next(struct bump_result *r, const struct bump_input *in,
	      const struct bump_opts *o)
{
	char txt[SEMVER_MAX_TEXT];
	int rc;

	memset(r, 0, sizeof(*r));
	r->level = in->last_stable ? in->level_stable : BUMP_NONE;
	if (o->prerelease && (rc = check_channel(o->prerelease)))
		return rc;
	if (o->version)
		rc = explicit_version(r, in, o->version);
	else if (!(rc = target_core(&r->next, in, o)) &&
		 (r->release = releasable(r, in, &r->next, o->prerelease)) &&
		 o->prerelease)
		rc = number_pre(&r->next, in, o->prerelease);
	if (rc || !r->release) {
		if (!r->release)
			memset(&r->next, 0, sizeof(r->next));
		return rc;
	}
	if (exists(in, &r->next)) {
		semver_str(&r->next, txt);
		return err_setc(ERR_CONFLICT, "version %s is already tagged, on a commit "
				"not reachable from HEAD", txt);
	}
	return 0;
}
