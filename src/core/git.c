/* git.c - git repositories through libgit2: the one libgit2 wrapper. */
#include "git.h"
#include "ca.h"
#include "err.h"
#include "log.h"

#include <git2.h>
#include <git2/sys/errors.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct repo {
	git_repository *g;
};

/* The libgit2 message of the last failure, never NULL. */
static const char *gerr(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown libgit2 error";
}

static int fail(int code, const char *what)
{
	return err_setc(code, "%s: %s", what, gerr());
}

static void oid_hex(char out[REPO_OID_HEX], const git_oid *oid)
{
	git_oid_tostr(out, REPO_OID_HEX, oid);
}

static int oid_parse(git_oid *oid, const char *hex)
{
	if (git_oid_fromstr(oid, hex))
		return err_setc(ERR_INVALID, "not an object id: \"%.80s\"", hex);
	return 0;
}

int repo_open(struct repo **out, const char *path)
{
	struct repo *r;
	int rc;

	*out = NULL;
	if (git_libgit2_init() < 0)
		return fail(ERR_FAIL, "initialising libgit2");
	/* Like git itself, do not re-hash every object read: the walk over a
	 * long history spends a tenth of its time in SHA-1 otherwise. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (!(r = calloc(1, sizeof(*r)))) {
		git_libgit2_shutdown();
		return err_set("out of memory");
	}
	rc = git_repository_open_ext(&r->g, path, 0, NULL);
	if (rc) {
		rc = err_setc(rc == GIT_ENOTFOUND ? ERR_NOTFOUND : ERR_FAIL,
			      "%s: not in a git repository: %s", path, gerr());
		free(r);
		git_libgit2_shutdown();
		return rc;
	}
	*out = r;
	return 0;
}

void repo_close(struct repo *r)
{
	if (!r)
		return;
	git_repository_free(r->g);
	free(r);
	git_libgit2_shutdown();
}

int repo_is_shallow(struct repo *r)
{
	return git_repository_is_shallow(r->g) == 1;
}

int repo_head(struct repo *r, char oid[REPO_OID_HEX])
{
	git_oid id;
	int rc = git_reference_name_to_id(&id, r->g, "HEAD");

	if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND)
		return err_setc(ERR_NOTFOUND, "HEAD: no commit yet (unborn branch)");
	if (rc)
		return fail(ERR_FAIL, "resolving HEAD");
	oid_hex(oid, &id);
	return 0;
}

/* Peels refs/tags/<name> to a commit. 1 when it is not a commit. */
static int peel_tag(struct repo *r, const char *name, struct repo_tag *t)
{
	char ref[1024];
	git_object *obj = NULL, *commit = NULL;
	int rc = 0;

	if (snprintf(ref, sizeof(ref), "refs/tags/%s", name) >= (int)sizeof(ref))
		return 1;
	if (git_revparse_single(&obj, r->g, ref))
		return fail(ERR_FAIL, ref);
	t->annotated = git_object_type(obj) == GIT_OBJECT_TAG;
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT))
		rc = 1; /* a tag of a tree or blob: not a version of anything */
	else
		oid_hex(t->oid, git_object_id(commit));
	git_object_free(commit);
	git_object_free(obj);
	return rc;
}

int repo_tags(struct repo *r, const char *prefix, struct repo_tag **out, size_t *n)
{
	git_strarray names = { NULL, 0 };
	struct repo_tag *tags = NULL;
	size_t i, k = 0, plen = strlen(prefix);
	int rc = 0, p;

	*out = NULL;
	*n = 0;
	if (git_tag_list(&names, r->g))
		return fail(ERR_FAIL, "listing tags");
	if (names.count && !(tags = calloc(names.count, sizeof(*tags)))) {
		rc = err_set("out of memory");
		goto done;
	}
	for (i = 0; i < names.count; i++) {
		if (strncmp(names.strings[i], prefix, plen))
			continue;
		if ((p = peel_tag(r, names.strings[i], &tags[k])) < 0) {
			rc = p;
			goto done;
		}
		if (p)
			continue;
		if (!(tags[k].name = strdup(names.strings[i]))) {
			rc = err_set("out of memory");
			goto done;
		}
		k++;
	}
done:
	git_strarray_dispose(&names);
	if (rc) {
		repo_tags_free(tags, k);
		return rc;
	}
	*out = tags;
	*n = k;
	return 0;
}

void repo_tags_free(struct repo_tag *tags, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(tags[i].name);
	free(tags);
}

int repo_is_ancestor(struct repo *r, const char *ancestor, const char *commit, int *yes)
{
	git_oid a, c;
	int rc;

	*yes = 0;
	if ((rc = oid_parse(&a, ancestor)) || (rc = oid_parse(&c, commit)))
		return rc;
	if (git_oid_equal(&a, &c)) {
		*yes = 1;
		return 0;
	}
	rc = git_graph_descendant_of(r->g, &c, &a);
	if (rc < 0)
		return fail(ERR_FAIL, "checking ancestry");
	*yes = rc;
	return 0;
}

/* "Name <email> time tz" after "author "/"committer ": fills what is asked. */
static void parse_ident(const char *p, const char *end, struct repo_commit *c,
			char name[256], char email[256])
{
	const char *lt = memchr(p, '<', (size_t)(end - p)), *gt;
	size_t n;

	if (!lt || !(gt = memchr(lt, '>', (size_t)(end - lt))))
		return;
	if (name) {
		n = (size_t)(lt - p);
		while (n && p[n - 1] == ' ')
			n--;
		n = n > 255 ? 255 : n;
		memcpy(name, p, n);
		name[n] = '\0';
		n = (size_t)(gt - lt - 1) > 255 ? 255 : (size_t)(gt - lt - 1);
		memcpy(email, lt + 1, n);
		email[n] = '\0';
	} else {
		c->time = strtoll(gt + 1, NULL, 10);
	}
}

struct walk {
	git_odb *odb;
	const char *stop;   /* hex id of the hidden commit, or NULL */
	size_t stop_len;
	int first_parent;
	int reached;        /* a visited commit has `stop` as a parent */
	repo_walk_fn fn;
	void *ctx;
};

static void parse_parent(struct walk *w, const char *hex, const char *nl,
			 unsigned nth)
{
	if (w->stop && (!w->first_parent || nth == 0) &&
	    (size_t)(nl - hex) == w->stop_len && !memcmp(hex, w->stop, w->stop_len))
		w->reached = 1;
}

/*
 * Reads the raw commit from the object database (a cache hit after the
 * walk) and picks the few fields needed. Parsing whole commit objects
 * and caching them cost a third of the time over a long history.
 */
static int parse_raw(struct walk *w, const char *d, size_t len,
		     struct repo_commit *c, char name[256], char email[256])
{
	const char *p = d, *end = d + len, *nl;

	for (; p < end && *p != '\n'; p = nl + 1) {
		if (!(nl = memchr(p, '\n', (size_t)(end - p))))
			return err_setc(ERR_INVALID, "commit %.12s: truncated header", c->oid);
		if (!strncmp(p, "parent ", 7))
			parse_parent(w, p + 7, nl, c->nparents++);
		else if (!strncmp(p, "author ", 7))
			parse_ident(p + 7, nl, c, name, email);
		else if (!strncmp(p, "committer ", 10))
			parse_ident(p + 10, nl, c, NULL, NULL);
	}
	while (p < end && *p == '\n') /* like git_commit_message() */
		p++;
	c->message = p;
	c->message_len = (size_t)(end - p);
	return 0;
}

static int visit(struct walk *w, const git_oid *id)
{
	git_odb_object *o = NULL;
	struct repo_commit c;
	char name[256] = "", email[256] = "";
	int rc;

	if (git_odb_read(&o, w->odb, id))
		return fail(ERR_FAIL, "reading a commit");
	memset(&c, 0, sizeof(c));
	oid_hex(c.oid, id);
	c.author_name = name;
	c.author_email = email;
	if (!(rc = parse_raw(w, git_odb_object_data(o), git_odb_object_size(o), &c,
			     name, email)))
		rc = w->fn(&c, w->ctx);
	git_odb_object_free(o);
	return rc;
}

static int walk_setup(struct repo *r, git_revwalk **rw, const git_oid *from,
		      const char *stop, int flags)
{
	git_oid id;
	int rc;

	if (git_revwalk_new(rw, r->g))
		return fail(ERR_FAIL, "starting a history walk");
	git_revwalk_sorting(*rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	if (flags & REPO_WALK_FIRST_PARENT)
		git_revwalk_simplify_first_parent(*rw);
	if (git_revwalk_push(*rw, from))
		return fail(ERR_FAIL, "walking history");
	if (stop && ((rc = oid_parse(&id, stop)) || git_revwalk_hide(*rw, &id)))
		return rc ? rc : fail(ERR_FAIL, "walking history");
	return 0;
}

int repo_walk(struct repo *r, const char *from, const char *stop, int flags,
	      repo_walk_fn fn, void *ctx, int *reached)
{
	struct walk w = { NULL, stop, stop ? strlen(stop) : 0,
			  !!(flags & REPO_WALK_FIRST_PARENT), 0, fn, ctx };
	git_revwalk *rw = NULL;
	git_oid id;
	int rc;

	if ((rc = oid_parse(&id, from)))
		return rc;
	if (git_repository_odb(&w.odb, r->g))
		return fail(ERR_FAIL, "opening the object database");
	w.reached = stop && !strcmp(from, stop);
	if ((rc = walk_setup(r, &rw, &id, stop, flags)))
		goto done;
	for (;;) {
		int n = git_revwalk_next(&id, rw);

		if (n == GIT_ITEROVER)
			break;
		if (n) {
			rc = fail(ERR_FAIL, "walking history");
			break;
		}
		if ((rc = visit(&w, &id))) {
			rc = rc > 0 ? 0 : rc; /* 1: the callback is done */
			break;
		}
	}
	if (reached)
		*reached = w.reached;
done:
	git_revwalk_free(rw);
	git_odb_free(w.odb);
	return rc;
}

/* The tagger: explicit, else git config, else $GITHUB_ACTOR. */
static int tagger_sig(struct repo *r, git_signature **sig, const char *name,
		      const char *email)
{
	const char *actor = getenv("GITHUB_ACTOR");
	char addr[320];

	if (name && *name && email && *email) {
		if (git_signature_now(sig, name, email))
			return fail(ERR_INVALID, "tagger");
		return 0;
	}
	if (!git_signature_default(sig, r->g))
		return 0;
	if (!actor || !*actor)
		return err_setc(ERR_INVALID, "no tagger: set user.name and user.email "
				"in git config, or GITHUB_ACTOR");
	snprintf(addr, sizeof(addr), "%.200s@users.noreply.github.com", actor);
	if (git_signature_now(sig, actor, addr))
		return fail(ERR_INVALID, "tagger from GITHUB_ACTOR");
	return 0;
}

int repo_tagger(struct repo *r, char *name, size_t nsz, char *email, size_t esz)
{
	git_signature *sig = NULL;
	int rc = tagger_sig(r, &sig, NULL, NULL);

	if (rc)
		return rc;
	snprintf(name, nsz, "%s", sig->name);
	snprintf(email, esz, "%s", sig->email);
	git_signature_free(sig);
	return 0;
}

/* An existing tag: fine when it leads to the same commit. */
static int tag_exists(struct repo *r, const char *name, const git_oid *target)
{
	struct repo_tag t;
	char want[REPO_OID_HEX];
	int p = peel_tag(r, name, &t);

	if (p < 0)
		return p;
	oid_hex(want, target);
	if (p || strcmp(t.oid, want))
		return err_setc(ERR_CONFLICT, "tag %s exists already on another commit (%s)",
				name, p ? "not a commit" : t.oid);
	log_info("tag %s exists already on %.12s", name, want);
	return 0;
}

int repo_tag_create(struct repo *r, const char *name, const char *target,
		    const char *message, const char *tagger_name,
		    const char *tagger_email)
{
	git_signature *sig = NULL;
	git_object *obj = NULL;
	git_oid id, tag_id;
	char *msg = NULL;
	size_t len = strlen(message);
	int rc, g;

	if ((rc = oid_parse(&id, target)))
		return rc;
	if ((rc = tagger_sig(r, &sig, tagger_name, tagger_email)))
		return rc;
	if (git_object_lookup(&obj, r->g, &id, GIT_OBJECT_COMMIT)) {
		rc = fail(ERR_NOTFOUND, "tag target");
		goto done;
	}
	/* git ends tag messages with a newline; so do we. */
	if (!(msg = malloc(len + 2))) {
		rc = err_set("out of memory");
		goto done;
	}
	memcpy(msg, message, len);
	if (!len || message[len - 1] != '\n')
		msg[len++] = '\n';
	msg[len] = '\0';
	g = git_tag_create(&tag_id, r->g, name, obj, sig, msg, 0);
	if (g == GIT_EEXISTS)
		rc = tag_exists(r, name, &id);
	else if (g)
		rc = err_setc(g == GIT_EINVALIDSPEC ? ERR_INVALID : ERR_FAIL,
			      "creating tag %.200s: %s", name, gerr());
done:
	free(msg);
	git_object_free(obj);
	git_signature_free(sig);
	return rc;
}

struct push_ctx {
	const char *token;
	char host[256];     /* host[:port] of the remote: the token goes nowhere else */
	int asked;          /* times the credentials callback ran */
	int rejected;       /* the server refused the update */
	char status[256];
};

/* host[:port] of an URL ("" when it has none), without user info. */
static void url_host(const char *url, char out[256])
{
	const char *p = url ? strstr(url, "://") : NULL, *end, *at;
	size_t n;

	out[0] = '\0';
	if (!p)
		return;
	p += 3;
	end = p + strcspn(p, "/?#");
	for (at = p; at < end; at++)
		if (*at == '@')
			p = at + 1;
	n = (size_t)(end - p) > 255 ? 255 : (size_t)(end - p);
	memcpy(out, p, n);
	out[n] = '\0';
}

static int push_cred(git_credential **out, const char *url, const char *user,
		     unsigned int allowed, void *payload)
{
	struct push_ctx *p = payload;
	char host[256];

	(void)user;
	if (!p->token || !(allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT))
		return GIT_PASSTHROUGH;
	/* After a redirect to another host the token stays home. */
	url_host(url, host);
	if (strcasecmp(host, p->host)) {
		git_error_set_str(GIT_ERROR_NET, "redirected to another host; not "
				  "sending the token there");
		return GIT_EAUTH;
	}
	/* A second request means the token was refused: stop, do not loop. */
	if (p->asked++) {
		git_error_set_str(GIT_ERROR_NET, "the server refused the token");
		return GIT_EAUTH;
	}
	return git_credential_userpass_plaintext_new(out, "x-access-token", p->token);
}

static int push_status(const char *ref, const char *status, void *payload)
{
	struct push_ctx *p = payload;

	if (status) {
		p->rejected = 1;
		snprintf(p->status, sizeof(p->status), "%.100s: %.120s", ref, status);
	}
	return 0;
}

/* Points libgit2's TLS at the CA bundle ca_find() chooses. */
static int set_ca(const char *ca_file)
{
	const char *file = NULL, *dir = NULL;
	int rc = ca_find(ca_file, &file, &dir);

	if (rc)
		return rc;
	if (git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, dir))
		return fail(ERR_FAIL, "setting the CA bundle for git");
	return 0;
}

static int open_remote(struct repo *r, git_remote **rem, const char *remote)
{
	int g = strstr(remote, "://") ? git_remote_create_anonymous(rem, r->g, remote)
				      : git_remote_lookup(rem, r->g, remote);

	if (g)
		return err_setc(g == GIT_ENOTFOUND ? ERR_NOTFOUND : ERR_INVALID,
				"remote %.200s: %s", remote, gerr());
	return 0;
}

int repo_push_tag(struct repo *r, const char *remote, const char *name,
		  const char *token, const char *ca_file)
{
	git_push_options opts;
	struct push_ctx p = { token, "", 0, 0, "" };
	git_remote *rem = NULL;
	char spec[1100];
	char *specs[1] = { spec };
	git_strarray refs = { specs, 1 };
	int rc, g;

	if (token && *token)
		log_add_secret(token);
	else
		p.token = NULL;
	if (snprintf(spec, sizeof(spec), "refs/tags/%s:refs/tags/%s", name, name) >=
	    (int)sizeof(spec))
		return err_setc(ERR_INVALID, "tag name too long");
	if ((rc = open_remote(r, &rem, remote)))
		goto done;
	/* Local and file:// remotes need no TLS; https ones need a CA. */
	if (!strncmp(git_remote_url(rem) ? git_remote_url(rem) : "", "https://", 8) &&
	    (rc = set_ca(ca_file)))
		goto done;
	url_host(git_remote_url(rem), p.host);
	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	opts.callbacks.credentials = push_cred;
	opts.callbacks.push_update_reference = push_status;
	opts.callbacks.payload = &p;
	opts.proxy_opts.type = GIT_PROXY_AUTO;
	/* Ask for no redirects; push_cred also checks the host, since the
	 * token must never follow one to another host (DESIGN.md §3). */
	opts.follow_redirects = GIT_REMOTE_REDIRECT_NONE;
	g = git_remote_push(rem, &refs, &opts);
	if (g == GIT_ENONFASTFORWARD) /* libgit2 saw the remote's tag first */
		rc = err_setc(ERR_CONFLICT, "the remote has tag %.200s on another commit: %s",
			      name, gerr());
	else if (g)
		rc = fail(ERR_SERVICE, "pushing the tag");
	else if (p.rejected)
		rc = err_setc(strstr(p.status, "exist") || strstr(p.status, "fast-forward")
			      ? ERR_CONFLICT : ERR_SERVICE,
			      "the remote refused the tag: %s", p.status);
done:
	git_remote_free(rem);
	return rc;
}
