/* t_log.c - unit tests of secret redaction. */
#include "unit.h"
#include "core/log.h"

static const char *seen_secret;
static void hook(const char *s) { seen_secret = s; }

TEST(log_redacts_every_secret)
{
	char out[128];

	log_clear_secrets();
	log_set_secret_hook(hook);
	CHECK(log_add_secret("e") < 0);          /* too short to mask safely */
	CHECK_INT(log_add_secret("ghp_abcdef"), 0);
	CHECK_STR(seen_secret, "ghp_abcdef");
	CHECK_INT(log_add_secret("ghp_abcdefXYZ"), 0);
	log_redact("token=ghp_abcdefXYZ and ghp_abcdef.", 35, out, sizeof(out));
	CHECK_STR(out, "token=*** and ***.");
	log_set_secret_hook(NULL);
	log_clear_secrets();
	log_redact("ghp_abcdef", 10, out, sizeof(out));
	CHECK_STR(out, "ghp_abcdef");
}

TEST(log_redact_truncates_safely)
{
	char out[4];

	log_clear_secrets();
	CHECK_INT(log_redact("abcdefgh", 8, out, sizeof(out)), 3);
	CHECK_STR(out, "abc");
}
