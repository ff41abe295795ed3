/* rules_infra.c - docker/buildkit, helm, kubectl, YAML parsers and GitHub workflow errors. */
#include "rules.h"

#define DOCKERFILE_REACH 60  /* lines a "Dockerfile:N" stays relevant */

static int entry(struct hit *h, struct sc *s, enum cont_mode cont)
{
	if (!h->msg)
		hit_rest(h, s);
	if (!h->msg_len)
		return 0;
	if (!h->sev)
		h->sev = HEAL_SEV_ERROR;
	h->kind = HIT_ENTRY;
	h->cont = cont;
	return 1;
}

/* BuildKit prints "Dockerfile:12" (or "path/Dockerfile.dev:12") on its own
 * line above the failing instruction; the "ERROR: failed to solve" that
 * follows is reported there. */
int r_dockerfile_loc(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *c = st->colon;
	long line;

	s.p = c + 1;
	if (!is_digit((unsigned char)p[n - 1]) || !sc_uint(&s, &line) || sc_more(&s))
		return 0;  /* cheap test first: only digits after the ':' */
	if ((size_t)(c - p) >= sizeof(st->dfile) || !mem_find(p, (size_t)(c - p), "Dockerfile") ||
	    !path_ok(p, (size_t)(c - p), 1))
		return 0;
	memcpy(st->dfile, p, (size_t)(c - p));
	st->dfile_len = (size_t)(c - p);
	st->dline = line;
	st->dfile_at = st->lineno;
	h->kind = HIT_CONTEXT;
	return 1;
}

static void docker_loc(struct hx_state *st, struct hit *h)
{
	if (st->dfile_len && st->lineno - st->dfile_at <= DOCKERFILE_REACH) {
		h->file = st->dfile;
		h->file_len = st->dfile_len;
		h->line = st->dline;
	}
}

/* The lines of r_docker, by their first two bytes: "#N ERROR: ",
 * "ERROR: failed", "Error response", "error: failed", "failed to solve",
 * "The command '", "docker: ", "denied: ". */
static inline int docker_start(const char *p, size_t n)
{
	if (n < 2)
		return 0;
	switch (p[0]) {
	case '#': return is_digit((unsigned char)p[1]);
	case 'E': return p[1] == 'R' || p[1] == 'r';
	case 'e': return p[1] == 'r';
	case 'f': return p[1] == 'a';
	case 'T': return p[1] == 'h';
	case 'd': return p[1] == 'o' || p[1] == 'e';
	default: return 0;
	}
}

static __attribute__((noinline)) int
docker_line(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	long step;

	if (sc_char(&s, '#') && sc_uint(&s, &step) && sc_lit(&s, " ERROR: "))
		return entry(h, &s, CONT_NONE);
	s.p = p;
	if (starts_with(p, n, "ERROR: failed to solve:") ||
	    starts_with(p, n, "ERROR: failed to build:") ||
	    starts_with(p, n, "error: failed to solve:") ||
	    starts_with(p, n, "failed to solve with frontend dockerfile.v0:")) {
		s.p = p[0] == 'f' ? p : p + 7;
		docker_loc(st, h);
		return entry(h, &s, CONT_NONE);
	}
	s.p = p;
	if (starts_with(p, n, "The command '") &&
	    mem_find(p, n, "' returned a non-zero code: "))
		return entry(h, &s, CONT_NONE);
	sc_lit(&s, "docker: ");
	if (sc_lit(&s, "Error response from daemon: "))
		return entry(h, &s, CONT_INDENT);
	s.p = p;
	if (starts_with(p, n, "denied: requested access to the resource is denied")) {
		h->code = "denied";
		h->code_len = 6;
		return entry(h, &s, CONT_NONE);
	}
	return 0;
}

/* Tried on 3,920 lines of s20 (those starting with one of "#EefTd"),
 * of which 40 are docker's: the first two bytes turn most away before
 * the literals are compared. */
int r_docker(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	return docker_start(p, n) ? docker_line(st, p, n, h) : 0;
}

/* "(chart/templates/x.yaml:12:3)" or "(x.yaml:12)" inside helm messages. */
static void helm_paren_loc(const char *p, size_t n, struct hit *h)
{
	const char *o = mem_find(p, n, " at (");
	struct sc s;

	if (!o)
		return;
	s.p = o + 5;
	s.e = p + n;
	if (!loc_colon(&s, h, ')'))
		h->file = NULL;
}

/* Error: INSTALLATION FAILED: ... / Error: UPGRADE FAILED: ...
 * Error: template: chart/templates/x.yaml:12:3: executing ...
 * Error: YAML parse error on chart/templates/x.yaml: ... yaml: line 5: ...
 * [ERROR] templates/x.yaml: unable to parse YAML   (helm lint) */
int r_helm(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *f, *y;

	(void)st;
	if (sc_lit(&s, "[ERROR] ") || sc_lit(&s, "[WARNING] ")) {
		h->sev = p[1] == 'E' ? HEAL_SEV_ERROR : HEAL_SEV_WARNING;
		f = s.p;
		if (!sc_find(&s, ": ") || !path_ok(f, (size_t)(s.p - 2 - f), 1))
			return 0;
		h->file = f;
		h->file_len = (size_t)(s.p - 2 - f);
		return entry(h, &s, CONT_NONE);
	}
	if (!sc_lit(&s, "Error: "))
		return 0;
	y = s.p;
	if (!sc_lit(&s, "INSTALLATION FAILED: "))
		sc_lit(&s, "UPGRADE FAILED: ");
	if (sc_lit(&s, "template: ")) {
		loc_colon(&s, h, 0);
	} else if (sc_lit(&s, "YAML parse error on ")) {
		f = s.p;
		if (sc_find(&s, ": ") && path_ok(f, (size_t)(s.p - 2 - f), 1)) {
			h->file = f;
			h->file_len = (size_t)(s.p - 2 - f);
		}
		if ((f = mem_find(p, n, "yaml: line ")) != NULL) {
			struct sc t = { f + 11, p + n };

			sc_uint(&t, &h->line);
		}
	} else if (starts_with(s.p, (size_t)(s.e - s.p), "execution error at (") ||
	           starts_with(s.p, (size_t)(s.e - s.p), "parse error at (")) {
		helm_paren_loc(p, n, h);
	} else if (s.p == y) {
		return 0;  /* some other "Error: ": not recognisably helm's */
	}
	s.p = y;
	return entry(h, &s, CONT_INDENT);
}

/* error: error validating "deploy.yaml": ...   error: unable to recognize "x.yaml": ... */
static void quoted_file(const char *p, size_t n, struct hit *h)
{
	const char *q = memchr(p, '"', n), *e;

	if (!q)
		return;
	e = memchr(q + 1, '"', (size_t)(p + n - q - 1));
	if (e && path_ok(q + 1, (size_t)(e - q - 1), 1)) {
		h->file = q + 1;
		h->file_len = (size_t)(e - q - 1);
	}
}

int r_kubectl(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *c;

	(void)st;
	if (sc_lit(&s, "Error from server")) {
		if (sc_lit(&s, " (")) {
			c = s.p;
			while (sc_more(&s) && *s.p != ')')
				s.p++;
			h->code = c;
			h->code_len = (size_t)(s.p - c);
		}
		s.p = p;
		return entry(h, &s, CONT_INDENT);
	}
	if (sc_lit(&s, "error: error validating ") || sc_lit(&s, "error: unable to recognize ") ||
	    sc_lit(&s, "error: error parsing ")) {
		quoted_file(s.p, (size_t)(s.e - s.p), h);
		s.p = p + 7;
		return entry(h, &s, CONT_INDENT);
	}
	if ((sc_lit(&s, "error: ") &&
	     (starts_with(s.p, (size_t)(s.e - s.p), "timed out waiting for the condition") ||
	      mem_find(s.p, (size_t)(s.e - s.p), "exceeded its progress deadline") ||
	      starts_with(s.p, (size_t)(s.e - s.p), "You must be logged in to the server") ||
	      starts_with(s.p, (size_t)(s.e - s.p), "the server doesn't have a resource type"))) ||
	    starts_with(p, n, "Unable to connect to the server: ") ||
	    (starts_with(p, n, "The ") && mem_find(p, n, "\" is invalid: "))) {
		if (s.p == p || !starts_with(p, n, "error: "))
			s.p = p;
		return entry(h, &s, CONT_INDENT);
	}
	return 0;
}

/* PyYAML "yaml.scanner.ScannerError: ..." (located by the '  in "f",
 * line' line that follows) and go-yaml's "yaml: line 12: ..." printed
 * alone. js-yaml and go-yaml inside other messages: r_colon_keywords. */
int r_yaml(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	(void)st;
	if (starts_with(p, n, "yaml.") && mem_find(p, n, "Error: "))
		return entry(h, &s, CONT_INDENT);
	if (sc_lit(&s, "yaml: line ") && sc_uint(&s, &h->line) && sc_lit(&s, ": ")) {
		s.p = p;
		return entry(h, &s, CONT_NONE);
	}
	return 0;
}

/* Invalid workflow file: .github/workflows/ci.yml#L124 */
int r_gh_workflow(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *f;

	(void)st;
	if (!sc_lit(&s, "Invalid workflow file: "))
		return 0;
	f = s.p;
	if (!sc_find(&s, "#L") || !sc_uint(&s, &h->line))
		return 0;
	h->file = f;
	h->file_len = (size_t)(s.p - f);
	while (h->file_len && f[h->file_len - 1] != '#')
		h->file_len--;
	h->file_len -= h->file_len ? 1 : 0;
	s.p = p;
	return entry(h, &s, CONT_NONE);
}

/* "Resource not accessible by integration" (HTTP 403: the token lacks a
 * `permissions:` scope) and its relatives, at the start of a line; after
 * "Error: " or "HTTP 403: " they are found by r_colon_keywords. */
static int permission(const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	h->code = "permissions";
	h->code_len = 11;
	h->rule = "github-permission";
	h->tool = "github";
	sc_lit(&s, "Error: ");
	return entry(h, &s, CONT_NONE);
}

int r_gh_permission(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	(void)st;
	if (!starts_with(p, n, "Resource not accessible by ") &&
	    !starts_with(p, n, "refusing to allow a GitHub App to create or update workflow") &&
	    !(starts_with(p, n, "remote: Permission to ") && mem_find(p, n, " denied to ")))
		return 0;
	return permission(p, n, h);
}

/* ".github/workflows/ci.yml (Line: 124, Col: 7): Unexpected value 'x'";
 * c points at the ':' after "(Line". */
static int gh_location(const char *p, size_t n, const char *c, struct hit *h)
{
	const char *l = c - 6, *f;
	struct sc s = { c + 1, p + n };

	for (f = l; f > p && f[-1] != ' '; f--)
		;
	if (!sc_char(&s, ' ') || !sc_uint(&s, &h->line) || !sc_lit(&s, ", Col: ") ||
	    !sc_uint(&s, &h->col) || !sc_lit(&s, "): "))
		return 0;
	if (path_ok(f, (size_t)(l - f), 1)) {
		h->file = f;
		h->file_len = (size_t)(l - f);
	}
	h->rule = "github-workflow";
	h->tool = "github";
	return entry(h, &s, CONT_NONE);
}

/* js-yaml "YAMLException: bad indentation (3:5)"; c is the ':' */
static int yaml_js(const char *p, size_t n, const char *c, struct hit *h)
{
	const char *o = p + n;
	struct sc s = { c - 13, p + n };

	while (o > c && o[-1] != '(')
		o--;
	if (o > c) {  /* o is just after the last '(' */
		struct sc t = { o, p + n };

		if (sc_uint(&t, &h->line) && sc_char(&t, ':'))
			sc_uint(&t, &h->col);
	}
	h->rule = "yaml";
	h->tool = "yaml";
	return entry(h, &s, CONT_INDENT);
}

/* go-yaml "...: yaml: line 12: did not find expected key"; c is the ':' */
static int yaml_go(const char *p, size_t n, const char *c, struct hit *h)
{
	struct sc s = { c + 1, p + n };

	if (!sc_lit(&s, " line ") || !sc_uint(&s, &h->line) || !sc_lit(&s, ": "))
		return 0;
	s.p = p;
	h->rule = "yaml";
	h->tool = "yaml";
	return entry(h, &s, CONT_NONE);
}

static int ratelimit(const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };

	h->code = "toomanyrequests";
	h->code_len = 15;
	h->rule = "docker";
	h->tool = "docker";
	return entry(h, &s, CONT_NONE);
}

#define BEFORE(c, lit) ((size_t)((c) - p) >= sizeof(lit) - 1 && \
	mem_eq((c) - (sizeof(lit) - 1), lit, sizeof(lit) - 1))

/* The signatures of r_colon_keywords next to the ':' at c; -1 when
 * none matches, else the rule's verdict. Out of line: most colons are
 * turned away by may_keyword, and inlined its constants were loaded on
 * every block of the walk. */
static __attribute__((noinline)) int
keyword_at(const char *p, size_t n, const char *c, struct hit *h)
{
	const char *e = p + n;

	switch (c > p ? c[-1] : 0) {
	case 's':
		if (BEFORE(c, "toomanyrequests"))
			return ratelimit(p, n, h);
		break;
	case 'n':
		if (BEFORE(c, "YAMLException"))
			return yaml_js(p, n, c, h);
		break;
	case 'l':
		if (BEFORE(c, "yaml") && yaml_go(p, n, c, h))
			return 1;
		break;
	case 'e':
		if (BEFORE(c, " (Line") && gh_location(p, n, c, h))
			return 1;
		break;
	default:
		break;
	}
	if (c + 2 < e && c[2] == 'R' &&
	    starts_with(c + 1, (size_t)(e - c - 1), " Resource not accessible by "))
		return permission(p, n, h);
	return -1;
}

/* 0 when keyword_at(c) finds nothing for sure: the byte before the ':'
 * ends none of its words and no "Resource" follows. */
static inline int may_keyword(const char *p, const char *e, const char *c)
{
	unsigned short b;

	if (c + 2 < e && c[2] == 'R')
		return 1;
	if (c - p < 2)
		return 0;
	memcpy(&b, c - 2, 2);  /* "ts" of toomanyrequests, "on", "ml", "ne" */
	return b == ('t' | 's' << 8) || b == ('o' | 'n' << 8) ||
	       b == ('m' | 'l' << 8) || b == ('n' | 'e' << 8);
}

#ifdef __SSE2__
/* Bit i set when p[i] == ':', for p[0..16). */
static inline unsigned colon_mask16(const char *p)
{
	return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
		_mm_loadu_si128((const __m128i *)(const void *)p),
		_mm_set1_epi8(':')));
}
#endif

/* Signatures found anywhere in a line, all next to a ':': one pass over
 * the line's colons instead of one substring search per signature. The
 * colons come from a bit mask of 16 bytes at a time (a mem_byte call per
 * colon cost more than the checks at each). */
int r_colon_keywords(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	const char *c = st->colon, *e = p + n;
	int r;
#ifdef __SSE2__
	/* blocks of 16 from the first ':'; the last one is the line's last
	 * 16 bytes, the bytes already seen shifted out */
	for (; c < e; c += 16) {
		size_t left = (size_t)(e - c);
		unsigned m;

		if (left >= 16)
			m = colon_mask16(c);
		else if (n >= 16)
			m = colon_mask16(e - 16) >> (16 - left);
		else
			break;  /* a short line: the loop below */
		for (; m; m &= m - 1) {
			const char *k = c + __builtin_ctz(m);

			if (may_keyword(p, e, k) && (r = keyword_at(p, n, k, h)) >= 0)
				return r;
		}
	}
	if (c >= e)
		return 0;
#endif
	for (c = mem_byte(c, (size_t)(e - c), ':'); c;
	     c = mem_byte(c + 1, (size_t)(e - c - 1), ':'))
		if (may_keyword(p, e, c) && (r = keyword_at(p, n, c, h)) >= 0)
			return r;
	return 0;
}

/* terraform (0.15+) draws each diagnostic in a box:
 *   ╷
 *   │ Error: Unsupported argument
 *   │
 *   │   on main.tf line 12, in resource "aws_s3_bucket" "b":
 *   │   12:   acl2 = "private"
 *   ╵                                                        */
int r_terraform(struct hx_state *st, const char *p, size_t n, struct hit *h)
{
	struct sc s = { p, p + n };
	const char *f;

	if (sc_lit(&s, "\xe2\x95\xb7") || sc_lit(&s, "\xe2\x95\xb5")) {
		h->kind = HIT_CLOSE;
		return 1;
	}
	if (!sc_lit(&s, "\xe2\x94\x82"))
		return 0;
	sc_char(&s, ' ');
	if (sc_lit(&s, "Error: "))
		h->sev = HEAL_SEV_ERROR;
	else if (sc_lit(&s, "Warning: "))
		h->sev = HEAL_SEV_WARNING;
	if (h->sev) {
		hit_rest(h, &s);
		h->kind = HIT_ENTRY;
		h->cont = CONT_BLOCK;
		return h->msg_len > 0;
	}
	if (!st->open || !st->open_tool || strcmp(st->open_tool, "terraform") != 0) {
		h->kind = HIT_CONTEXT;
		return 1;
	}
	f = s.p;
	if (sc_lit(&s, "  on ")) {
		f = s.p;
		while (sc_more(&s) && *s.p != ' ')
			s.p++;
		h->file = f;
		h->file_len = (size_t)(s.p - f);
		if (sc_lit(&s, " line ") && sc_uint(&s, &h->line) &&
		    path_ok(h->file, h->file_len, 1)) {
			h->kind = HIT_LOCATE;
			return 1;
		}
		h->file = NULL;
		h->line = 0;
		s.p = f - 5;
	}
	hit_rest(h, &s);
	h->kind = h->msg_len ? HIT_CONT : HIT_CONTEXT;
	return 1;
}
