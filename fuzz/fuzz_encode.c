/* fuzz_encode.c - libFuzzer target: $GITHUB_OUTPUT/ENV records and workflow-command encoders, checked by decoding them the way the runner does. */
#include "fuzz.h"

#include "core/buf.h"
#include "core/err.h"
#include "rt/envfile.h"
#include "rt/ghcmd.h"

/* Input layout: byte 0 picks the kind and level, then NAME 0xff VALUE. */
struct input {
	const char *name, *value;
	size_t name_len, value_len;
	unsigned sel;
};

static void split(const uint8_t *d, size_t n, struct input *in)
{
	const uint8_t *sep;

	in->sel = n ? d[0] : 0;
	d += n ? 1 : 0;
	n -= n ? 1 : 0;
	sep = memchr(d, 0xff, n);
	in->name = (const char *)d;
	in->name_len = sep ? (size_t)(sep - d) : n;
	in->value = sep ? (const char *)sep + 1 : "";
	in->value_len = sep ? n - in->name_len - 1 : 0;
}

/* The runner's reading of one record (SetEnvFileCommand: split on LF,
 * "NAME=VALUE" or "NAME<<DELIM" up to a line equal to DELIM). */
static void decode_env(const char *r, size_t n, const char *name,
                       const char *value, size_t vlen)
{
	const char *nl = memchr(r, '\n', n), *eq, *hd, *d, *p, *end = r + n;
	size_t dl, line_len;

	FUZZ_ASSERT(nl && r[n - 1] == '\n');
	line_len = (size_t)(nl - r);
	eq = memchr(r, '=', line_len);
	hd = memmem(r, line_len, "<<", 2);
	if (eq && (!hd || eq < hd)) {
		FUZZ_ASSERT((size_t)(eq - r) == strlen(name) && !memcmp(r, name, strlen(name)));
		FUZZ_ASSERT((size_t)(nl - eq - 1) == vlen && !memcmp(eq + 1, value, vlen));
		FUZZ_ASSERT(nl + 1 == end);  /* one record, one line */
		return;
	}
	FUZZ_ASSERT(hd != NULL);
	FUZZ_ASSERT((size_t)(hd - r) == strlen(name) && !memcmp(r, name, strlen(name)));
	d = hd + 2;
	dl = (size_t)(nl - d);
	FUZZ_ASSERT(dl > 0);
	/* the value runs up to the first line that equals the delimiter */
	for (p = nl + 1; p < end;) {
		const char *e = memchr(p, '\n', (size_t)(end - p));

		FUZZ_ASSERT(e != NULL);
		if ((size_t)(e - p) == dl && !memcmp(p, d, dl)) {
			size_t got = p > nl + 1 ? (size_t)(p - 1 - (nl + 1)) : 0;

			FUZZ_ASSERT(got == vlen && !memcmp(nl + 1, value, vlen));
			FUZZ_ASSERT(e + 1 == end);
			return;
		}
		p = e + 1;
	}
	FUZZ_ASSERT(!"heredoc without its delimiter line");
}

static void envfile(const struct input *in)
{
	char *name = malloc(in->name_len + 1);
	struct buf b;
	enum envfile_kind k = (enum envfile_kind)(in->sel % 3);

	if (!name)
		abort();
	memcpy(name, in->name, in->name_len);
	name[in->name_len] = '\0';
	buf_init(&b, 4u << 20);
	if (memchr(in->name, '\0', in->name_len) == NULL &&
	    envfile_format(&b, k, name, in->value, in->value_len,
	                   in->sel & 0x80 ? "EOF" : NULL) == 0)
		decode_env(b.ptr, b.len, name, in->value, in->value_len);
	buf_release(&b);
	free(name);
}

/* An escaped command is one line: no CR or LF before the final LF. */
static void one_line(const struct buf *b)
{
	FUZZ_ASSERT(b->len >= 3 && b->ptr[b->len - 1] == '\n');
	FUZZ_ASSERT(!memchr(b->ptr, '\n', b->len - 1));
	FUZZ_ASSERT(!memchr(b->ptr, '\r', b->len - 1));
}

static void ghcmd(const struct input *in)
{
	struct ghcmd_props p;
	struct buf b;
	char *title = malloc(in->name_len + 1);

	if (!title)
		abort();
	memcpy(title, in->name, in->name_len);
	title[in->name_len] = '\0';
	memset(&p, 0, sizeof(p));
	p.title = title;
	p.file = title;
	p.line = (long)(in->sel & 7) - 1;
	p.end_line = (long)((in->sel >> 3) & 7) - 1;
	p.col = (long)(in->sel >> 6) - 1;
	buf_init(&b, 4u << 20);
	if (ghcmd_format_issue(&b, (enum ghcmd_level)(in->sel % GHCMD_NLEVELS),
	                       &p, in->value, in->value_len, 0) == 0)
		one_line(&b);
	buf_reset(&b);
	if (ghcmd_format(&b, "debug", in->value, in->value_len) == 0)
		one_line(&b);
	buf_release(&b);
	free(title);
}

/* What .NET's TrimStart() skips (char.IsWhiteSpace), ASCII and UTF-8. */
static size_t ws(const unsigned char *s, size_t left)
{
	static const char *const u[] = {
		"\xc2\x85", "\xc2\xa0", "\xe1\x9a\x80", "\xe2\x80\xa8", "\xe2\x80\xa9",
		"\xe2\x80\xaf", "\xe2\x81\x9f", "\xe3\x80\x80",
	};
	size_t i, k;

	if ((*s >= 0x09 && *s <= 0x0d) || *s == ' ' || (*s >= 0x1c && *s <= 0x1f))
		return 1;
	if (left >= 3 && s[0] == 0xe2 && s[1] == 0x80 && s[2] >= 0x80 && s[2] <= 0x8a)
		return 3;
	for (i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		k = strlen(u[i]);
		if (left >= k && !memcmp(s, u[i], k))
			return k;
	}
	return 0;
}

/* No line of the neutralised text is a command, wherever lines split. */
static void neutral(const struct input *in)
{
	struct buf b;
	size_t i = 0, k;

	buf_init(&b, 8u << 20);
	if (rt_untrusted_neutralize(&b, in->value, in->value_len) == 0) {
		FUZZ_ASSERT(!memmem(b.ptr, b.len, "##[", 3));
		while (i < b.len) {
			while (i < b.len && (k = ws((const unsigned char *)b.ptr + i, b.len - i)) &&
			       b.ptr[i] != '\n' && b.ptr[i] != '\r')
				i += k;
			FUZZ_ASSERT(!(i + 1 < b.len && b.ptr[i] == ':' && b.ptr[i + 1] == ':'));
			while (i < b.len && b.ptr[i] != '\n' && b.ptr[i] != '\r')
				i++;
			i++;
		}
	}
	buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in;

	split(data, size, &in);
	envfile(&in);
	ghcmd(&in);
	neutral(&in);
	return 0;
}
