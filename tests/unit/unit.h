/* unit.h - a tiny self-registering unit test framework. */
#ifndef SHIP_UNIT_H
#define SHIP_UNIT_H

#include <string.h>

struct unit_test {
	const char *name;
	const char *file;
	void (*fn)(void);
	struct unit_test *next;
};

void unit_register(struct unit_test *t);
void unit_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Absolute path of a file under tests/fixtures (static storage). */
const char *unit_fixture(const char *rel);
/* A fresh empty temporary directory for the current test (static storage). */
const char *unit_tmpdir(void);

#define TEST(n)                                                          \
	static void test_##n(void);                                      \
	static struct unit_test unit_t_##n = { #n, __FILE__, test_##n, 0 }; \
	__attribute__((constructor)) static void unit_reg_##n(void)     \
	{ unit_register(&unit_t_##n); }                                  \
	static void test_##n(void)

#define CHECK(c)                                                         \
	do { if (!(c)) unit_fail(__FILE__, __LINE__, "CHECK(%s)", #c); } while (0)

#define CHECK_INT(a, b)                                                  \
	do {                                                             \
		long long a_ = (long long)(a), b_ = (long long)(b);      \
		if (a_ != b_)                                            \
			unit_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", \
				  #a, #b, a_, b_);                       \
	} while (0)

#define CHECK_STR(a, b)                                                  \
	do {                                                             \
		const char *a_ = (a), *b_ = (b);                         \
		if (!a_ || !b_ || strcmp(a_, b_))                        \
			unit_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", \
				  #a, #b, a_ ? a_ : "(null)", b_ ? b_ : "(null)"); \
	} while (0)

#endif
