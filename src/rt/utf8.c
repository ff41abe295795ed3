/* utf8.c - UTF-8 sequence validation and UTF-16 code-unit accounting. */
#include "utf8.h"

size_t utf8_seq_len(const char *str, size_t left)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

/* Bytes and UTF-16 units of the character at s (an invalid byte is one
 * byte and one unit). */
static size_t utf8_step(const char *s, size_t left, size_t *units)
{
	size_t n = utf8_seq_len(s, left);

	if (n == 0)
		n = 1;
	*units = n == 4 ? 2 : 1;
	return n;
}

size_t utf8_utf16_len(const char *s, size_t len)
{
	size_t i = 0, total = 0, u;

	while (i < len) {
		i += utf8_step(s + i, len - i, &u);
		total += u;
	}
	return total;
}

size_t utf8_cut_utf16(const char *s, size_t len, size_t max_units)
{
	size_t i = 0, used = 0, n, u;

	while (i < len) {
		n = utf8_step(s + i, len - i, &u);
		if (used + u > max_units)
			break;
		used += u;
		i += n;
	}
	return i;
}
