/* extract.c - runs the rule library over log lines and assembles error entries. */
#include "extract.h"
#include "rules.h"

#include "../core/buf.h"
#include "../core/err.h"

#include <stdlib.h>
#include <string.h>

/* A fixed-capacity string (cap + 1 bytes, NUL-terminated) inside the
 * extractor: entries are assembled without allocations, and with the
 * bytes at a fixed offset and cap a constant put() loads neither. */
#define TEXT(cap) struct { size_t len; char p[(cap) + 1]; }

struct heal_extract {
	/* first: &x->st is x, one register fewer in line_rules */
	struct hx_state st;
	heal_entry_fn fn;
	void *ctx;
	/* The open entry, kept as the callback gets it, so that emit hands
	 * it over as is: e.message is msg.p, e.cont is cont_p, e.file and
	 * e.code are file.p and code.p or NULL when empty, e.step and
	 * e.step_no are the current step's. */
	struct heal_entry e;
	TEXT(HEAL_MAX_FILE - 1) file;
	TEXT(HEAL_MAX_CODE - 1) code;
	TEXT(HEAL_MAX_MESSAGE - 1) msg;
	TEXT(HEAL_MAX_CONT * (HEAL_MAX_CONT_LEN + 1)) cont;
	const char *cont_p[HEAL_MAX_CONT]; /* into cont.p */
	int need_loc;
	enum cont_mode cmode;
	struct buf step;                 /* the current step's title */
	int last_hit;
	/* the rules' hit for the current line: here rather than on the
	 * stack, so that the line path needs no stack frame */
	struct hit h;
};

const char *heal_sev_name(enum heal_sev sev)
{
	switch (sev) {
	case HEAL_SEV_ERROR: return "error";
	case HEAL_SEV_WARNING: return "warning";
	case HEAL_SEV_NOTE: return "note";
	default: return "";
	}
}

int heal_extract_new(struct heal_extract **out, heal_entry_fn fn, void *ctx)
{
	struct heal_extract *x = calloc(1, sizeof(*x));

	*out = NULL;
	if (!x)
		return err_set("out of memory");
	x->fn = fn;
	x->ctx = ctx;
	rules_init();
	buf_init(&x->step, 1024);
	x->e.message = x->msg.p;
	x->e.cont = x->cont_p;
	x->e.step = buf_cstr(&x->step);
	*out = x;
	return 0;
}

void heal_extract_free(struct heal_extract *x)
{
	if (!x)
		return;
	buf_release(&x->step);
	free(x);
}

int heal_extract_last_hit(const struct heal_extract *x)
{
	return x->last_hit;
}

/* Length of the longest prefix of p[0..n) that is at most max bytes and
 * does not split a UTF-8 sequence. */
static size_t utf8_cut(const char *p, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)p[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/* Copies p[0..n) (NULL: nothing) into d, cut to cap bytes; returns the
 * length. */
static inline __attribute__((always_inline)) size_t
put_text(char *d, size_t cap, const char *p, size_t n)
{
	n = p ? utf8_cut(p, n, cap) : 0;
	if (n)
		copy_bytes(d, p, n);
	d[n] = '\0';
	return n;
}
#define put(t, src, n) ((t)->len = put_text((t)->p, sizeof((t)->p) - 1, (src), (n)))

static void add_cont(struct heal_extract *x, const char *p, size_t n)
{
	if (x->e.ncont >= HEAL_MAX_CONT)
		return;
	n = utf8_cut(p, n, HEAL_MAX_CONT_LEN);
	x->cont_p[x->e.ncont++] = x->cont.p + x->cont.len;
	copy_bytes(x->cont.p + x->cont.len, p, n);
	x->cont.len += n;
	x->cont.p[x->cont.len++] = '\0';
}

static int emit(struct heal_extract *x)
{
	int rc = 0;

	if (!x->st.open)
		return 0;
	x->st.open = 0;
	if (x->need_loc && (!x->file.len || x->st.msg_next))
		return 0;
	if (x->fn)
		rc = x->fn(x->ctx, &x->e);
	return rc < 0 ? rc : 0;
}

static void set_loc(struct heal_extract *x, const struct hit *h)
{
	put(&x->file, h->file, h->file_len);
	x->e.file = x->file.len ? x->file.p : NULL;
	x->e.line = h->line;
	x->e.col = h->col;
	x->e.end_line = h->end_line;
	x->st.open_has_file = x->file.len > 0;
}

/* Inline in apply (the entry path of every line that starts one) even
 * though sub_diagnostic calls it too: out of line it cost 0.5 % on s20. */
static inline __attribute__((always_inline)) void
start(struct heal_extract *x, const struct hit *h, size_t lineno)
{
	int i;

	x->e.rule = h->rule;
	x->e.tool = h->tool;
	set_loc(x, h);
	put(&x->code, h->code, h->code_len);
	x->e.code = x->code.len ? x->code.p : NULL;
	put(&x->msg, h->msg, h->msg_len);
	x->cont.len = 0;
	x->e.ncont = 0;
	x->e.sev = h->sev;
	x->st.msg_next = h->msg_next;
	x->need_loc = h->need_loc;
	x->cmode = h->cont;
	x->e.log_line = lineno;
	x->st.open = 1;
	x->st.open_tool = h->tool;
	for (i = 0; i < x->st.nctx; i++)
		add_cont(x, x->st.ctx[i], x->st.ctx_len[i]);
	x->st.nctx = 0;
}

/* A line of a code frame between a location and its message (tsc
 * --pretty's related information, gfortran): a line-number gutter
 * ("12     x;", "> 12 | x;", a lone "12"), an annotation line under an
 * empty gutter ("      |   1": gcc's markers, gfortran's 1 and 2), marks
 * only ("      ~~~~", "   ^") or gcc's "......" between two lines. */
static int code_frame(const char *p, size_t n)
{
	size_t i = blanks_len(p, n);

	if (i < n && p[i] == '>')
		i++;
	i += blanks_len(p + i, n - i);
	if (i < n && is_digit((unsigned char)p[i])) {
		while (i < n && is_digit((unsigned char)p[i]))
			i++;
		return i == n || p[i] == ' ' || p[i] == '\t' || p[i] == '|';
	}
	if (i < n && p[i] == '|')
		return 1;
	for (; i < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '~' && p[i] != '^' &&
		    p[i] != '|' && p[i] != '.')
			return 0;
	return 1;
}

/* The line under an excerpt entry (MSG_CARET): a caret line gives its
 * column and message; any other line leaves the message pending, and the
 * entry is dropped. Out of line: caret reports are rare. */
static __attribute__((noinline, cold)) void
caret_line(struct heal_extract *x, const char *p, size_t n)
{
	const char *m;
	size_t k;
	long col;

	if (!heal_caret(&x->st, p, n, &col, &m, &k)) {
		add_cont(x, p, n);
		return;
	}
	x->e.col = col;
	put(&x->msg, m, k);
	x->st.msg_next = MSG_HERE;
}

/* The message line of a header: "Error: msg", "Warning: msg [-Wx]",
 * "Fatal Error: msg", "note: msg" (the severity-line rule hands its lines
 * over as HIT_CONT while a header waits); the severity word is the
 * entry's severity. Any other line: the header was none, no entry. */
static __attribute__((noinline, cold)) void
header_line(struct heal_extract *x, const char *p, size_t n)
{
	struct sc s = { p, p + n };
	enum heal_sev sev = HEAL_SEV_UNKNOWN;

	if (!sc_sevword(&s, &sev) || !sc_char(&s, ':')) {
		x->st.open = 0;  /* what emit does to an entry still unlocated */
		return;
	}
	sc_ws(&s);
	put(&x->msg, s.p, (size_t)(s.e - s.p));
	x->e.sev = sev;
	/* the message came: the entry now ends like any other */
	x->st.msg_next = MSG_HERE;
	x->need_loc = 0;
	x->cmode = CONT_INDENT;
}

/* The line that holds the open entry's message (msg_next). Out of
 * line: few lines are one, and inlined into apply it cost apply a
 * saved register on every entry. */
static __attribute__((noinline)) void next_msg(struct heal_extract *x,
                                               const char *p, size_t n)
{
	const char *t;

	if (x->st.msg_next == MSG_CARET)  /* the caret's column counts blanks */
		return caret_line(x, p, n);
	t = trim(p, &n);
	if (x->st.msg_next == MSG_HEADER)
		return header_line(x, t, n);
	put(&x->msg, t, n);
	x->st.msg_next = MSG_HERE;
}

static void append(struct heal_extract *x, const char *p, size_t n)
{
	if (x->st.msg_next &&
	    (x->st.msg_next == MSG_NEXT || !code_frame(p, n)))
		return next_msg(x, p, n);
	add_cont(x, p, n);
}

/* No rule claimed the line: it continues the open entry or closes it. */
static int no_hit(struct heal_extract *x, const char *p, size_t n)
{
	int indented = n && is_space((unsigned char)p[0]);

	if (!x->st.open)
		return 0;
	if (x->cmode == CONT_NONE ||
	    (!indented && x->cmode != CONT_BLOCK && x->cmode != CONT_TRACE))
		return emit(x);
	if (x->e.ncont >= HEAL_MAX_CONT && x->cmode >= CONT_BLOCK)
		return emit(x);
	append(x, p, n);
	x->last_hit = 1;
	return 0;
}

/* A hit of rule i: the rule's name and tool unless it set its own. */
static inline __attribute__((always_inline)) void
hit_defaults(struct hit *h, unsigned i)
{
	if (!h->rule)
		h->rule = rules_all.v[i].name;
	if (!h->tool)
		h->tool = rules_all.v[i].tool;
}

/* Offers the line to the rules in m (bits of rules_all.v) in table
 * order; 1 with x->h filled by the first that claims it. Few registers
 * live across the calls: x is the rule state, the rule's bit stays in m
 * until it rejects, and calls go through rules_all.fn. Inline into its
 * two callers. */
static inline __attribute__((always_inline)) int
try_rules(struct heal_extract *x, unsigned long long m, const char *p,
          size_t n)
{
	struct hx_state *st = &x->st;
	struct hit *h = &x->h;

	do {
		hit_clear(h);
		if (rules_all.fn[__builtin_ctzll(m)](st, p, n, h) &&
		    h->kind != HIT_NONE) {
			/* the index found again: kept, it took a saved register */
			__asm__("" : "+r"(m));
			hit_defaults(h, (unsigned)__builtin_ctzll(m));
			return 1;
		}
		m &= m - 1;
	} while (m);
	return 0;
}

/* The location colon: the first ':' that is not a Windows drive's.
 * colon is the line's first ':' (from the reader) or NULL. */
static const char *location_colon(const char *p, size_t n, const char *colon)
{
	if (colon && colon == p + 1 && n > 3 && is_alpha((unsigned char)p[0]) &&
	    (p[2] == '\\' || p[2] == '/'))
		colon = mem_byte(colon + 1, n - 2, ':');
	return colon;
}

/* The rules a line may be offered to (bits of rules_all.v), given its
 * first ':' (or NULL), the line's end e, its first non-blank byte c and
 * k (RK_INDENTED, with RK_TAB for a tab, or 0); records colon and c in
 * st for the rules. The text is not NUL-terminated: a ':' that ends the
 * input has nothing after it to read. */
static inline __attribute__((always_inline)) unsigned long long
rules_for(struct hx_state *st, unsigned k, int c, const char *colon,
          const char *e)
{
	if (colon)
		k |= RK_COLON | (colon + 1 < e && (unsigned)(colon[1] - '0') < 10 ?
		                 RK_CDIGIT : 0);
	k |= st->in_traceback ? RK_TB : 0;
	st->colon = colon;
	st->ci = c;
	return rules_all.by_key[k][c];
}

/* rules_for() on any line p[0..n) whose first non-blank byte is p[i]
 * and whose first ':' is colon (or NULL): a drive's "C:" skipped. */
static unsigned long long rules_at(struct heal_extract *x, const char *p,
                                   size_t n, size_t i, const char *colon)
{
	if (colon == p + 1)
		colon = location_colon(p, n, colon);
	return rules_for(&x->st,
	                 i ? RK_INDENTED | (p[0] == '\t' ? RK_TAB : 0) : 0,
	                 i < n ? (unsigned char)p[i] : 0, colon, p + n);
}

/* HIT_SUBLOC: rustc prints a child note or help that has a span of its
 * own as a column-0 "note: msg" / "help: msg" line and its own "-->"
 * line (`note: required by a bound in `show`` then `  --> src/lib.rs:11:16`);
 * rustc's JSON has it as a child with a primary span. It becomes an entry
 * of its own: the header line, the last continuation of the open entry
 * (block mode appends every line, and ends the entry when the
 * continuations are full), leaves it, the open entry is emitted and the
 * child starts at the header's line. Children without a span ("   =
 * note:") and suggestions (a patch, no arrow) stay continuation lines.
 * 0 when the line above is no such header. */
static int sub_diagnostic(struct heal_extract *x, struct hit *h,
                          size_t lineno)
{
	const char *t;
	size_t n;
	int rc;

	if (!x->e.ncont || x->cmode != CONT_BLOCK)
		return 0;
	t = x->cont_p[x->e.ncont - 1];
	n = (size_t)(x->cont.p + x->cont.len - 1 - t);
	if (n < 7 || (memcmp(t, "note: ", 6) != 0 && memcmp(t, "help: ", 6) != 0))
		return 0;
	x->e.ncont--;
	x->cont.len = (size_t)(t - x->cont.p);
	if ((rc = emit(x)) < 0)
		return rc;
	h->sev = HEAL_SEV_NOTE;
	h->msg = t + 6;
	h->msg_len = n - 6;
	h->code = NULL;
	h->code_len = 0;
	h->msg_next = h->need_loc = 0;
	start(x, h, lineno - 1);
	return 1;
}

/* HIT_SUBLOC, out of line and cold: arrows under a located entry are
 * rare, and the common line's path keeps its registers. */
static __attribute__((noinline, cold)) int
subloc(struct heal_extract *x, const char *p, size_t n, size_t lineno)
{
	int rc = 0;

	if (!x->st.open)
		return 0;
	if ((rc = sub_diagnostic(x, &x->h, lineno)) == 0)
		append(x, p, n);
	x->last_hit = 1;
	return rc < 0 ? rc : 0;
}

static int apply(struct heal_extract *x, const struct hit *h,
                 const char *p, size_t n, size_t lineno)
{
	int rc = 0;

	switch (h->kind) {
	case HIT_ENTRY:
		rc = emit(x);
		start(x, h, lineno);
		x->last_hit = 1;
		break;
	case HIT_LOCATE:
		if (x->st.open && !x->file.len) {
			set_loc(x, h);
			if (h->tool && x->e.tool && strcmp(x->e.tool, "generic") == 0)
				x->e.tool = x->st.open_tool = h->tool;
			if (h->cont == CONT_BLOCK)
				x->cmode = CONT_BLOCK;
			x->last_hit = 1;
		} else if (x->st.open) {
			append(x, p, n);
			x->last_hit = 1;
		}
		break;
	case HIT_SUBLOC:
		rc = subloc(x, p, n, lineno);
		break;
	case HIT_CONT:
		if (x->st.open) {
			if (h->msg)
				append(x, h->msg, h->msg_len);
			else
				append(x, p, n);
			x->last_hit = 1;
		}
		break;
	case HIT_CLOSE:
		rc = emit(x);
		break;
	default:
		break;
	}
	return rc;
}

/* Drops BuildKit's "#12 0.345 " progress prefix so the tool output inside
 * a docker build is seen as it was printed. */
static const char *strip_buildkit(const char *p, size_t *n)
{
	struct sc s = { p, p + *n };
	long v;

	if (!sc_char(&s, '#') || !sc_uint(&s, &v) || !sc_char(&s, ' '))
		return p;
	if (!sc_uint(&s, &v) || !sc_char(&s, '.') || !sc_uint(&s, &v) ||
	    !sc_char(&s, ' '))
		return p;
	*n = (size_t)(s.e - s.p);
	return s.p;
}

static int new_step(struct heal_extract *x, const struct logline *ln)
{
	int rc = emit(x);

	memset(&x->st, 0, sizeof(x->st));
	x->e.step_no = ln->step_no;
	buf_reset(&x->step);
	buf_puts(&x->step, ln->step ? ln->step : "");
	x->e.step = buf_cstr(&x->step);
	return rc;
}

/* "##[error]text" / "##[warning]text": an annotation the runner printed.
 * The text goes through the rules; when none claims it, it is an entry of
 * its own without a location. */
static int annotation(struct heal_extract *x, const char *p, size_t n,
                      const char *colon, size_t lineno)
{
	struct sc s = { p, p + n };
	enum heal_sev sev;
	unsigned long long m;
	struct hit h;

	if (sc_lit(&s, "##[error]"))
		sev = HEAL_SEV_ERROR;
	else if (sc_lit(&s, "##[warning]"))
		sev = HEAL_SEV_WARNING;
	else
		return no_hit(x, p, n);
	p = s.p;
	n = (size_t)(s.e - s.p);
	m = rules_at(x, p, n, blanks_len(p, n), colon);
	if (m && try_rules(x, m, p, n) && x->h.kind == HIT_ENTRY) {
		if (!x->h.sev)
			x->h.sev = sev;
		return apply(x, &x->h, p, n, lineno);
	}
	memset(&h, 0, sizeof(h));
	h.kind = HIT_ENTRY;
	h.rule = "actions-annotation";
	h.tool = "actions";
	h.sev = sev;
	h.cont = CONT_NONE;
	hit_rest(&h, &s);
	return apply(x, &h, p, n, lineno);
}

/* The cold cases of a line: a step change, a runner mark. */
static int line_marks(struct heal_extract *x, const struct logline *ln)
{
	int rc = 0;

	if (ln->step_no != x->e.step_no && (rc = new_step(x, ln)) < 0)
		return rc;
	return ln->mark != LOGREAD_TEXT ? emit(x) : 0;
}

/* A line of blanks (or empty): it ends the open entry, except a stack
 * trace's. */
static int blank_line(struct heal_extract *x)
{
	x->st.header_len = 0;
	x->st.xfile_len = 0;
	if (x->st.open && x->cmode == CONT_TRACE)
		return 0;
	return emit(x);
}

/* A line some rules may claim (m, bits of rules_all.v): applies the hit
 * or continues the open entry. Out of line, so that heal_extract_line
 * keeps no stack frame. */
static __attribute__((noinline)) int
line_rules(struct heal_extract *x, unsigned long long m, const char *p,
           size_t n)
{
	if (try_rules(x, m, p, n))
		return apply(x, &x->h, p, n, x->st.lineno);
	return x->st.open ? no_hit(x, p, n) : 0;
}

/* Any line: step changes, runner marks, BuildKit prefixes, annotations,
 * "C:\\" drives. */
static __attribute__((noinline)) int
line_slow(struct heal_extract *x, const struct logline *ln)
{
	const char *p = ln->text;
	size_t n = ln->len, lead = 0;
	unsigned long long m;
	int rc;

	if (ln->step_no != x->e.step_no || ln->mark != LOGREAD_TEXT)
		if ((rc = line_marks(x, ln)) != 0 || ln->mark != LOGREAD_TEXT)
			return rc;
	if (n && p[0] == '#')
		p = strip_buildkit(p, &n);
	if (n && is_space((unsigned char)p[0]))
		lead = blanks_len(p, n);
	if (lead == n)
		return blank_line(x);
	if (p[0] == '#' && n > 9 && p[1] == '#' && p[2] == '[')
		return annotation(x, p, n, ln->colon, ln->lineno);
	m = rules_at(x, p, n, lead, ln->colon);
	if (m)
		return line_rules(x, m, p, n);
	return x->st.open ? no_hit(x, p, n) : 0;
}

/* The RK_ key of a line's first byte: blank or not, tab or not. */
static const unsigned char lead_key[256] = {
	[' '] = RK_INDENTED, ['\t'] = RK_INDENTED | RK_TAB,
};

/* The common line, kept free of calls but tail calls (so without a stack
 * frame): no step change or mark, no '#' first (BuildKit, annotations),
 * no ':' second (a drive). The rest goes to line_slow. */
int heal_extract_line(struct heal_extract *x, const struct logline *ln)
{
	const char *p = ln->text;
	size_t n = ln->len, lead = 0;
	unsigned long long m;
	unsigned k;

	x->last_hit = 0;
	x->st.lineno = ln->lineno;
	if (__builtin_expect(ln->step_no != x->e.step_no ||
	                     ln->mark != LOGREAD_TEXT, 0))
		return line_slow(x, ln);
	if (!n)
		return blank_line(x);
	if (__builtin_expect(p[0] == '#' || ln->colon == p + 1, 0))
		return line_slow(x, ln);
	k = lead_key[(unsigned char)p[0]];
	if (k) {
		lead = blanks_len(p, n);
		if (lead == n)
			return blank_line(x);
	}
	m = rules_for(&x->st, k, (unsigned char)p[lead], ln->colon, p + n);
	if (m)
		return line_rules(x, m, p, n);
	return x->st.open ? no_hit(x, p, n) : 0;
}

int heal_extract_finish(struct heal_extract *x)
{
	return emit(x);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void entry_free(struct heal_entry *e)
{
	size_t i;

	free((char *)e->file);
	free((char *)e->code);
	free((char *)e->message);
	free((char *)e->step);
	for (i = 0; i < e->ncont; i++)
		free((char *)e->cont[i]);
	free((void *)e->cont);
}

static int entry_copy(struct heal_entry *d, const struct heal_entry *e)
{
	char **cont = e->ncont ? calloc(e->ncont, sizeof(char *)) : NULL;
	size_t i;
	int bad = e->ncont && !cont;

	*d = *e;
	d->file = dup_or_null(e->file);
	d->code = dup_or_null(e->code);
	d->message = strdup(e->message);
	d->step = strdup(e->step ? e->step : "");
	d->cont = (const char *const *)cont;
	d->ncont = cont ? e->ncont : 0;
	for (i = 0; cont && i < e->ncont; i++)
		bad |= !(cont[i] = strdup(e->cont[i]));
	bad |= (e->file && !d->file) || (e->code && !d->code) || !d->message ||
	       !d->step;
	if (bad) {
		entry_free(d);
		return err_set("out of memory");
	}
	return 0;
}

/* heal_entries_add below the cap: out of line, so that an entry past it
 * (most of them in a long log) costs a compare and an add, no frame. */
static __attribute__((noinline)) int
entries_append(struct heal_entries *l, const struct heal_entry *e)
{
	if (l->n == l->alloc) {
		size_t na = l->alloc ? l->alloc * 2 : 16;
		struct heal_entry *v = realloc(l->v, na * sizeof(*v));

		if (!v)
			return err_set("out of memory");
		l->v = v;
		l->alloc = na;
	}
	if (entry_copy(&l->v[l->n], e))
		return ERR_FAIL;
	l->n++;
	return 0;
}

int heal_entries_add(void *ctx, const struct heal_entry *e)
{
	struct heal_entries *l = ctx;

	if (l->n >= l->max) {
		l->dropped++;
		return 0;
	}
	return entries_append(l, e);
}

void heal_entries_free(struct heal_entries *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		entry_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->alloc = 0;
	l->dropped = 0;
}

int heal_entries_take(struct heal_entries *dst, struct heal_entries *src,
                      size_t line_off, int step_off)
{
	size_t i, k = dst->max - dst->n;

	if (k > src->n)
		k = src->n;
	if (dst->n + k > dst->alloc) {
		struct heal_entry *v = realloc(dst->v, (dst->n + k) * sizeof(*v));

		if (!v)
			return err_set("out of memory");
		dst->v = v;
		dst->alloc = dst->n + k;
	}
	for (i = 0; i < src->n; i++) {
		struct heal_entry *e = &src->v[i];

		if (i >= k) {
			entry_free(e);
			dst->dropped++;
			continue;
		}
		e->log_line += line_off;
		e->step_no += step_off;
		dst->v[dst->n++] = *e;
	}
	dst->dropped += src->dropped;
	free(src->v);
	src->v = NULL;
	src->n = src->alloc = src->dropped = 0;
	return 0;
}

static int extract_all(struct logread *r, struct heal_entries *out)
{
	struct heal_extract *x = NULL;
	struct logline ln;
	int rc = heal_extract_new(&x, heal_entries_add, out);

	while (rc == 0 && (rc = logread_next(r, &ln)) == 1)
		rc = heal_extract_line(x, &ln);
	if (rc == 0)
		rc = heal_extract_finish(x);
	heal_extract_free(x);
	return rc;
}

int heal_extract_mem(const char *data, size_t len, const char *name,
                     struct heal_entries *out)
{
	struct logread *r;
	int rc = logread_open_mem(&r, data, len, name, 0);

	if (rc)
		return rc;
	rc = extract_all(r, out);
	logread_free(r);
	return rc;
}
