/* t_rand.c - unit tests of the random helpers. */
#include "unit.h"
#include "core/rand.h"

#include <ctype.h>

TEST(rand_hex_is_hex_and_differs)
{
	char a[33], b[33];
	int i;

	CHECK_INT(rand_hex(a, 16), 0);
	CHECK_INT(rand_hex(b, 16), 0);
	CHECK_INT(strlen(a), 32);
	for (i = 0; i < 32; i++)
		CHECK(isxdigit((unsigned char)a[i]) && !isupper((unsigned char)a[i]));
	CHECK(strcmp(a, b) != 0);
}

TEST(rand_uuid_is_version4)
{
	char u[37];

	CHECK_INT(rand_uuid(u), 0);
	CHECK_INT(strlen(u), 36);
	CHECK(u[8] == '-' && u[13] == '-' && u[18] == '-' && u[23] == '-');
	CHECK(u[14] == '4');
	CHECK(strchr("89ab", u[19]) != NULL);
}

TEST(rand_bytes_large_request)
{
	static unsigned char big[5000];
	int i, nonzero = 0;

	CHECK_INT(rand_bytes(big, sizeof(big)), 0);
	for (i = 0; i < 5000; i++)
		nonzero += big[i] != 0;
	CHECK(nonzero > 4800);
}
