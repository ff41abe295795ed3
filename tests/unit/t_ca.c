/* t_ca.c - unit tests of CA bundle discovery order. */
#include "unit.h"
#include "core/ca.h"
#include "core/err.h"
#include "core/fs.h"

#include <stdio.h>
#include <stdlib.h>

TEST(ca_explicit_then_env_order)
{
	const char *dir = unit_tmpdir(), *file, *cdir;
	char pem[512], other[512];

	snprintf(pem, sizeof(pem), "%s/ca.pem", dir);
	snprintf(other, sizeof(other), "%s/other.pem", dir);
	CHECK_INT(fs_write_atomic(pem, "x\n", 2, 0644), 0);
	CHECK_INT(fs_write_atomic(other, "y\n", 2, 0644), 0);
	setenv("SSL_CERT_FILE", other, 1);
	CHECK_INT(ca_find(pem, &file, &cdir), 0);          /* explicit wins */
	CHECK_STR(file, pem);
	CHECK(cdir == NULL);
	CHECK_INT(ca_find(NULL, &file, &cdir), 0);         /* then SSL_CERT_FILE */
	CHECK_STR(file, other);
	unsetenv("SSL_CERT_FILE");
	setenv("SSL_CERT_DIR", dir, 1);
	CHECK_INT(ca_find(NULL, &file, &cdir), 0);         /* then SSL_CERT_DIR */
	CHECK(file == NULL);
	CHECK_STR(cdir, dir);
	unsetenv("SSL_CERT_DIR");
}

TEST(ca_missing_explicit_is_an_error_not_a_fallback)
{
	const char *file, *cdir;

	CHECK_INT(ca_find("/nonexistent/ca.pem", &file, &cdir), ERR_NOTFOUND);
	CHECK(strstr(err_last(), "/nonexistent/ca.pem") != NULL);
	setenv("SSL_CERT_FILE", "/nonexistent/x.pem", 1);
	CHECK_INT(ca_find(NULL, &file, &cdir), ERR_NOTFOUND);
	CHECK(strstr(err_last(), "SSL_CERT_FILE") != NULL);
	unsetenv("SSL_CERT_FILE");
}

TEST(ca_system_bundle_found_here)
{
	const char *file = NULL, *cdir = NULL;

	unsetenv("SSL_CERT_FILE");
	unsetenv("SSL_CERT_DIR");
	/* This machine has Debian's ca-certificates. */
	CHECK_INT(ca_find(NULL, &file, &cdir), 0);
	CHECK(file != NULL || cdir != NULL);
}
