/* history.c - version tags reachable from HEAD and the commits since the last release. */
#include "history.h"
#include "../core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tag_order(const void *a, const void *b)
{
	const struct hist_tag *x = a, *y = b;
	int c = semver_cmp(&y->ver, &x->ver);

	return c ? c : strcmp(x->name, y->name);
}

/* Keeps the tags that are prefix + version, highest first. */
static int load_tags(struct history *h, struct repo *r, const char *prefix, const char *skip)
{
	struct repo_tag *raw = NULL;
	size_t i, n = 0, plen = strlen(prefix);
	int rc;

	if ((rc = repo_tags(r, prefix, &raw, &n)))
		return rc;
	if (n && (!(h->tags = calloc(n, sizeof(*h->tags))) ||
		  !(h->versions = calloc(n, sizeof(*h->versions))))) {
		rc = err_set("out of memory");
		goto done;
	}
	for (i = 0; i < n; i++) {
		struct hist_tag *t = &h->tags[h->ntags];

		if (!semver_valid(raw[i].name + plen, strlen(raw[i].name + plen)) ||
		    (skip && !strcmp(raw[i].name, skip)))
			continue;
		semver_parse_str(&t->ver, raw[i].name + plen);
		memcpy(t->oid, raw[i].oid, REPO_OID_HEX);
		t->name = raw[i].name;
		raw[i].name = NULL;
		h->ntags++;
	}
	err_clear();
	if (h->ntags)
		qsort(h->tags, h->ntags, sizeof(*h->tags), tag_order);
	for (i = 0; i < h->ntags; i++)
		h->versions[i] = h->tags[i].ver;
done:
	repo_tags_free(raw, n);
	return rc;
}

/* "Merge pull request #N from x/y" with a conventional body: the PR. */
static int parse_pr_merge(struct cc_commit *cc, const struct repo_commit *c,
			  const char *name)
{
	static const char pfx[] = "Merge pull request #";
	const char *m = c->message, *body, *end = c->message + c->message_len, *d;
	char *subject;
	unsigned long pr = 0;
	size_t n;

	/* The message is not NUL-terminated: stay within message_len. */
	if (c->message_len < sizeof(pfx) || memcmp(m, pfx, sizeof(pfx) - 1))
		return 1;
	for (d = m + sizeof(pfx) - 1; d < end && *d >= '0' && *d <= '9' && pr < 100000000; d++)
		pr = pr * 10 + (unsigned long)(*d - '0');
	if (!(body = memmem(m, c->message_len, "\n\n", 2)))
		return 1;
	body += 2;
	if (cc_parse(cc, body, c->message_len - (size_t)(body - m), name))
		return -1;
	if (!cc->conforming) {
		cc_release(cc);
		return 1;
	}
	n = strlen(cc->subject) + 32;
	if (!(subject = malloc(n))) {
		cc_release(cc);
		return err_set("out of memory");
	}
	snprintf(subject, n, "%s (#%lu)", cc->subject, pr);
	if (cc->breaking_text == cc->subject)
		cc->breaking_text = subject;
	free(cc->subject);
	cc->subject = subject;
	return 0;
}

struct collect {
	struct history *h;
	size_t cap;
	int first_parent;
	int flags;      /* for repo_walk */
};

static int collect_one(const struct repo_commit *c, void *ctx)
{
	struct collect *k = ctx;
	struct history *h = k->h;
	struct hist_commit *hc;
	char name[20];
	int rc = 1;

	if (h->ncommits >= HISTORY_MAX_COMMITS)
		return err_setc(ERR_TOOBIG, "more than %u commits since the last release",
				HISTORY_MAX_COMMITS);
	if (h->ncommits == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 256;
		void *p;

		if (!(p = realloc(h->commits, cap * sizeof(*h->commits))))
			return err_set("out of memory");
		h->commits = p;
		k->cap = cap;
	}
	hc = &h->commits[h->ncommits];
	memset(hc, 0, sizeof(*hc));
	memcpy(name, "commit ", 7); /* for messages: "commit 1a2b3c4d5e6f" */
	memcpy(name + 7, c->oid, 12);
	name[19] = '\0';
	if (k->first_parent && c->nparents > 1 && (rc = parse_pr_merge(&hc->cc, c, name)) < 0)
		return err_code();
	if (rc && cc_parse(&hc->cc, c->message, c->message_len, name))
		return err_code();
	memcpy(hc->oid, c->oid, REPO_OID_HEX);
	hc->nparents = c->nparents;
	hc->since_last = 1;
	hc->level = bump_level_of(&hc->cc);
	if (!(hc->author = strdup(c->author_name))) {
		cc_release(&hc->cc);
		return err_set("out of memory");
	}
	h->ncommits++;
	return 0;
}

static void drop_commits(struct history *h, struct collect *k)
{
	size_t i;

	for (i = 0; i < h->ncommits; i++) {
		free(h->commits[i].author);
		cc_release(&h->commits[i].cc);
	}
	free(h->commits);
	h->commits = NULL;
	h->ncommits = 0;
	k->cap = 0;
}

/* Collects the commits since t (all when NULL); *yes: t is reachable. */
static int collect_since(struct history *h, struct repo *r, struct collect *k,
			 const struct hist_tag *t, int *yes)
{
	drop_commits(h, k);
	*yes = 0;
	return repo_walk(r, h->head, t ? t->oid : NULL, k->flags, collect_one, k, yes);
}

/*
 * The highest tag from index `from` on (releases only when `stable`)
 * reachable from HEAD, leaving the commits since it in h->commits. The
 * first candidate, nearly always the answer, is tested by the collecting
 * walk itself (one pass over the history); later ones get a cheaper
 * ancestry check first so unreachable tags cost no message parsing.
 */
static int find_reachable(struct history *h, struct repo *r, struct collect *k,
			  size_t from, int stable, const struct hist_tag **out)
{
	size_t i;
	int tried = 0, yes, rc;

	*out = NULL;
	for (i = from; i < h->ntags; i++) {
		const struct hist_tag *t = &h->tags[i];

		if (stable && semver_is_pre(&t->ver))
			continue;
		if (tried++) {
			if ((rc = repo_is_ancestor(r, t->oid, h->head, &yes)))
				return rc;
			if (!yes)
				continue;
		}
		if ((rc = collect_since(h, r, k, t, &yes)))
			return rc;
		if (yes) { /* with --first-parent: reachable along first parents */
			*out = t;
			return 0;
		}
	}
	return collect_since(h, r, k, NULL, &yes);
}

static int oid_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* last is a pre-release: find the release below it and mark since_last. */
static int load_since_stable(struct history *h, struct repo *r, struct collect *k)
{
	char (*ids)[REPO_OID_HEX] = NULL;
	size_t i, n = h->ncommits;
	int rc;

	if (n && !(ids = malloc(n * sizeof(*ids))))
		return err_set("out of memory");
	for (i = 0; i < n; i++)
		memcpy(ids[i], h->commits[i].oid, REPO_OID_HEX);
	if (n)
		qsort(ids, n, sizeof(*ids), oid_cmp);
	rc = find_reachable(h, r, k, (size_t)(h->last - h->tags) + 1, 1, &h->last_stable);
	for (i = 0; !rc && i < h->ncommits; i++)
		h->commits[i].since_last =
			n && bsearch(h->commits[i].oid, ids, n, sizeof(*ids), oid_cmp);
	free(ids);
	return rc;
}

int history_load(struct history *h, struct repo *r, const struct hist_opts *o)
{
	struct collect k = { h, 0, o->first_parent,
			     o->first_parent ? REPO_WALK_FIRST_PARENT : 0 };
	int rc;

	memset(h, 0, sizeof(*h));
	if ((rc = repo_head(r, h->head)) ||
	    (rc = load_tags(h, r, o->prefix ? o->prefix : "v", o->skip_tag)) ||
	    (rc = find_reachable(h, r, &k, 0, 0, &h->last)))
		goto done;
	if (h->last && semver_is_pre(&h->last->ver))
		rc = load_since_stable(h, r, &k);
	else
		h->last_stable = h->last;
	/* A cut-off history would look like a first release: refuse. */
	if (!rc && !h->last_stable && repo_is_shallow(r))
		rc = err_setc(ERR_INVALID, "the repository is a shallow clone and no "
			      "release tag is in the fetched history: fetch the full "
			      "history and tags (actions/checkout with fetch-depth: 0)");
done:
	if (rc)
		history_release(h);
	return rc;
}

void history_release(struct history *h)
{
	size_t i;

	for (i = 0; i < h->ntags; i++)
		free(h->tags[i].name);
	free(h->tags);
	free(h->versions);
	for (i = 0; i < h->ncommits; i++) {
		free(h->commits[i].author);
		cc_release(&h->commits[i].cc);
	}
	free(h->commits);
	memset(h, 0, sizeof(*h));
}

void history_bump_input(const struct history *h, struct bump_input *in)
{
	size_t i;

	memset(in, 0, sizeof(*in));
	in->last_stable = h->last_stable ? &h->last_stable->ver : NULL;
	in->last = h->last ? &h->last->ver : NULL;
	in->ncommits_stable = h->ncommits;
	in->existing = h->versions;
	in->nexisting = h->ntags;
	for (i = 0; i < h->ncommits; i++) {
		if (h->commits[i].level > in->level_stable)
			in->level_stable = h->commits[i].level;
		if (h->commits[i].since_last && h->commits[i].level > in->level_last)
			in->level_last = h->commits[i].level;
	}
}
