/* cvss.h - CVSS v3.0/v3.1 and v4.0 base scores computed from vector strings. */
#ifndef SHIP_SCAN_CVSS_H
#define SHIP_SCAN_CVSS_H

/*
 * Each returns 0 and sets *score (0.0-10.0, one decimal) or ERR_INVALID
 * with a message naming the vector and the offending metric. Vectors must
 * carry every mandatory base metric exactly once; unknown metrics,
 * duplicates and out-of-range values are errors.
 *
 * v3: the base score of FIRST's CVSS v3.0/v3.1 specification §7.1 (3.1
 * uses the exact Roundup of Appendix A; 3.0 the simple ceiling).
 * Temporal/environmental metrics are accepted and ignored: the result is
 * the base score.
 * v4: the CVSS v4.0 score of the vector as given (CVSS-B, -BT, -BE or
 * -BTE nomenclature, spec §8); Supplemental metrics do not change it.
 */
int cvss_score(const char *vector, double *score); /* dispatches on prefix */
int cvss3_score(const char *vector, double *score);
int cvss4_score(const char *vector, double *score);

#endif
