/* t_buf.c - unit tests of the capped buffer. */
#include "unit.h"
#include "core/buf.h"

#include <stdlib.h>

TEST(buf_appends_and_terminates)
{
	struct buf b = BUF_INIT(64);

	CHECK_STR(buf_cstr(&b), "");
	CHECK_INT(buf_puts(&b, "abc"), 0);
	CHECK_INT(buf_printf(&b, "-%d-", 42), 0);
	CHECK_INT(buf_putc(&b, 'z'), 0);
	CHECK_STR(b.ptr, "abc-42-z");
	CHECK_INT(b.len, 8);
	buf_release(&b);
	CHECK(b.ptr == NULL);
	CHECK_INT(b.max, 64);
}

TEST(buf_cap_is_hard_and_sticky)
{
	struct buf b = BUF_INIT(4);

	CHECK_INT(buf_puts(&b, "abcd"), 0);
	CHECK(buf_putc(&b, 'e') < 0);
	CHECK_INT(buf_failed(&b), BUF_ETOOBIG);
	/* Sticky: a small append after the failure is refused too. */
	buf_truncate(&b, 1);
	CHECK(buf_puts(&b, "x") < 0);
	CHECK(buf_detach(&b) == NULL);
	CHECK(b.ptr == NULL);
}

TEST(buf_printf_respects_cap)
{
	struct buf b = BUF_INIT(10);

	CHECK(buf_printf(&b, "%s", "0123456789A") < 0);
	CHECK_INT(buf_failed(&b), BUF_ETOOBIG);
	buf_release(&b);
}

TEST(buf_binary_safe_and_detach)
{
	struct buf b = BUF_INIT(100);
	char *p;

	CHECK_INT(buf_add(&b, "a\0b", 3), 0);
	CHECK_INT(b.len, 3);
	CHECK(b.ptr[1] == '\0' && b.ptr[2] == 'b' && b.ptr[3] == '\0');
	p = buf_detach(&b);
	CHECK(p != NULL && p[2] == 'b');
	CHECK(b.ptr == NULL && b.len == 0);
	free(p);
	p = buf_detach(&b); /* empty: "" not NULL */
	CHECK(p != NULL && *p == '\0');
	free(p);
}

TEST(buf_grows_past_initial_allocation)
{
	struct buf b = BUF_INIT(1 << 20);
	int i;

	for (i = 0; i < 10000; i++)
		buf_puts(&b, "0123456789");
	CHECK_INT(buf_failed(&b), 0);
	CHECK_INT(b.len, 100000);
	CHECK(b.alloc <= (1u << 20) + 1);
	buf_reset(&b);
	CHECK_INT(b.len, 0);
	CHECK_STR(b.ptr, "");
	buf_release(&b);
}
