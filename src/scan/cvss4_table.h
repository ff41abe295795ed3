/* cvss4_table.h - CVSS v4.0 scoring data: MacroVector scores, max vectors, depths. */
#ifndef SHIP_SCAN_CVSS4_TABLE_H
#define SHIP_SCAN_CVSS4_TABLE_H

#include <stddef.h>

/* [((eq1*2+eq2)*3+eq3)*3+eq4][eq5*2+eq6]; < 0 when the MacroVector does not exist. */
extern const double cvss4_macro[54][6];
extern const char *const cvss4_max_eq1[3][3];
extern const char *const cvss4_max_eq2[2][2];
extern const char *const cvss4_max_eq3eq6[3][2][5];
extern const char *const cvss4_max_eq4[3];
extern const char *const cvss4_max_eq5[3];
extern const int cvss4_depth_eq1[3];
extern const int cvss4_depth_eq2[2];
extern const int cvss4_depth_eq3eq6[3][2];
extern const int cvss4_depth_eq4[3];

#endif
