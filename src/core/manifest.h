/* manifest.h - the components ship is built from (generated at build time). */
#ifndef SHIP_MANIFEST_H
#define SHIP_MANIFEST_H

struct component {
	const char *name;
	const char *version;         /* upstream version */
	const char *debian_revision; /* Debian source revision used */
	const char *source_sha256;   /* sha256 of the upstream source tarball */
	const char *note;            /* how the source was obtained, or NULL */
};

/* Terminated by a row whose name is NULL. */
extern const struct component ship_components[];

#endif
