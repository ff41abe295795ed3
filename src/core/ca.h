/* ca.h - find the CA certificate bundle at run time. */
#ifndef SHIP_CA_H
#define SHIP_CA_H

/*
 * The binary has no CA store built in. Order: an explicit file (from
 * --ca-file), SSL_CERT_FILE, SSL_CERT_DIR (a directory: returned in
 * *dir_out), then the usual bundle paths of Debian, RHEL, Alpine, SUSE
 * and macOS. On success *file_out or *dir_out points at a static or
 * borrowed string (do not free). ERR_NOTFOUND with a clear message when
 * nothing is found (bare containers).
 */
int ca_find(const char *explicit_file, const char **file_out, const char **dir_out);

#endif
