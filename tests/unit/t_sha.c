/* t_sha.c - SHA-256 against FIPS 180-2 test vectors. */
#include "unit.h"
#include "core/fs.h"
#include "core/sha.h"

#include <stdio.h>

TEST(sha256_fips_vectors)
{
	char hex[SHA256_HEX];
	struct sha256 s;
	static char million[1000000];
	size_t i;

	sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	memset(million, 'a', sizeof(million));
	sha256_init(&s);
	for (i = 0; i < sizeof(million); i += 1000) /* streamed in pieces */
		sha256_update(&s, million + i, 1000);
	sha256_final_hex(&s, hex);
	CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(sha256_file_matches_memory)
{
	char path[512], a[SHA256_HEX], b[SHA256_HEX];

	snprintf(path, sizeof(path), "%s/f", unit_tmpdir());
	CHECK_INT(fs_write_atomic(path, "abc", 3, 0644), 0);
	CHECK_INT(sha256_file_hex(path, a), 0);
	sha256_hex("abc", 3, b);
	CHECK_STR(a, b);
	CHECK(sha256_file_hex("/nonexistent/x", a) < 0);
}
