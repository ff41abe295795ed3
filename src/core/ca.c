/* ca.c - find the CA certificate bundle at run time (no built-in store). */
#include "ca.h"
#include "err.h"

#include <stdlib.h>
#include <sys/stat.h>

/* Debian/Ubuntu, RHEL/Fedora, Alpine/macOS, SUSE, RHEL extracted, FreeBSD. */
static const char *const ca_files[] = {
	"/etc/ssl/certs/ca-certificates.crt",
	"/etc/pki/tls/certs/ca-bundle.crt",
	"/etc/ssl/cert.pem",
	"/etc/ssl/ca-bundle.pem",
	"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
	"/usr/local/share/certs/ca-root-nss.crt",
	NULL
};
static const char ca_dir_default[] = "/etc/ssl/certs";

static int ca_is_file(const char *p)
{
	struct stat st;
	return p && stat(p, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

static int ca_is_dir(const char *p)
{
	struct stat st;
	return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int ca_find(const char *explicit_file, const char **file_out, const char **dir_out)
{
	const char *env;
	size_t i;

	*file_out = NULL;
	*dir_out = NULL;
	/* An explicit choice that does not exist is an error, never silently
	 * replaced by the system store: the user asked for that CA. */
	if (explicit_file && *explicit_file) {
		if (!ca_is_file(explicit_file))
			return err_setc(ERR_NOTFOUND, "CA file %s: not a readable, non-empty file",
					explicit_file);
		*file_out = explicit_file;
		return 0;
	}
	env = getenv("SSL_CERT_FILE");
	if (env && *env) {
		if (!ca_is_file(env))
			return err_setc(ERR_NOTFOUND, "SSL_CERT_FILE=%s: not a readable, non-empty file", env);
		*file_out = env;
		return 0;
	}
	env = getenv("SSL_CERT_DIR");
	if (env && *env) {
		if (!ca_is_dir(env))
			return err_setc(ERR_NOTFOUND, "SSL_CERT_DIR=%s: not a directory", env);
		*dir_out = env;
		return 0;
	}
	for (i = 0; ca_files[i]; i++) {
		if (ca_is_file(ca_files[i])) {
			*file_out = ca_files[i];
			return 0;
		}
	}
	if (ca_is_dir(ca_dir_default)) {
		*dir_out = ca_dir_default;
		return 0;
	}
	return err_setc(ERR_NOTFOUND,
			"no CA certificate bundle found: install ca-certificates, or set "
			"SSL_CERT_FILE (or --ca-file) to a PEM bundle");
}
