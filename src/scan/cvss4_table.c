/* cvss4_table.c - CVSS v4.0 MacroVector scores (data from the FIRST specification). */
#include "cvss4_table.h"

/*
 * The score of each CVSS v4.0 MacroVector "EQ1 EQ2 EQ3 EQ4 EQ5 EQ6" as
 * published by FIRST with the specification (the lookup table of the
 * reference calculator, cvss_lookup.js, FIRST/Red Hat,
 * https://github.com/FIRSTdotorg/cvss-v4-calculator and
 * RedHatProductSecurity/cvss-v4-calculator). Facts copied as data; the
 * layout here is ours. Rows are EQ1 EQ2 EQ3 EQ4 (in that digit order);
 * columns are EQ5 EQ6 = 00 01 10 11 20 21. -1 marks combinations that do
 * not exist (EQ3=2 with EQ6=0 is impossible).
 */
#define NA (-1)
const double cvss4_macro[54][6] = {
	/* 0000 */ { 10, 9.9, 9.8, 9.5, 9.5, 9.2 },
	/* 0001 */ { 10, 9.6, 9.3, 8.7, 9.1, 8.1 },
	/* 0002 */ { 9.3, 9, 8.9, 8, 8.1, 6.8 },
	/* 0010 */ { 9.8, 9.5, 9.5, 9.2, 9, 8.4 },
	/* 0011 */ { 9.3, 9.2, 8.9, 8.1, 8.1, 6.5 },
	/* 0012 */ { 8.8, 8, 7.8, 7, 6.9, 4.8 },
	/* 0020 */ { NA, 9.2, NA, 8.2, NA, 7.2 },
	/* 0021 */ { NA, 7.9, NA, 6.9, NA, 5 },
	/* 0022 */ { NA, 6.9, NA, 5.5, NA, 2.7 },
	/* 0100 */ { 9.9, 9.7, 9.5, 9.2, 9.2, 8.5 },
	/* 0101 */ { 9.5, 9.1, 9, 8.3, 8.4, 7.1 },
	/* 0102 */ { 9.2, 8.1, 8.2, 7.1, 7.2, 5.3 },
	/* 0110 */ { 9.5, 9.3, 9.2, 8.5, 8.5, 7.3 },
	/* 0111 */ { 9.2, 8.2, 8, 7.2, 7, 5.9 },
	/* 0112 */ { 8.4, 7, 7.1, 5.2, 5, 3 },
	/* 0120 */ { NA, 8.6, NA, 7.5, NA, 5.2 },
	/* 0121 */ { NA, 7.1, NA, 5.2, NA, 2.9 },
	/* 0122 */ { NA, 6.3, NA, 2.9, NA, 1.7 },
	/* 1000 */ { 9.8, 9.5, 9.4, 8.7, 9.1, 8.1 },
	/* 1001 */ { 9.4, 8.9, 8.6, 7.4, 7.7, 6.4 },
	/* 1002 */ { 8.7, 7.5, 7.4, 6.3, 6.3, 4.9 },
	/* 1010 */ { 9.4, 8.9, 8.8, 7.7, 7.6, 6.7 },
	/* 1011 */ { 8.6, 7.6, 7.4, 5.8, 5.9, 5 },
	/* 1012 */ { 7.2, 5.7, 5.7, 5.2, 5.2, 2.5 },
	/* 1020 */ { NA, 8.3, NA, 7, NA, 5.4 },
	/* 1021 */ { NA, 6.5, NA, 5.8, NA, 2.6 },
	/* 1022 */ { NA, 5.3, NA, 2.1, NA, 1.3 },
	/* 1100 */ { 9.5, 9, 8.8, 7.6, 7.6, 7 },
	/* 1101 */ { 9, 7.7, 7.5, 6.2, 6.1, 5.3 },
	/* 1102 */ { 7.7, 6.6, 6.8, 5.9, 5.2, 3 },
	/* 1110 */ { 8.9, 7.8, 7.6, 6.7, 6.2, 5.8 },
	/* 1111 */ { 7.4, 5.9, 5.7, 5.7, 4.7, 2.3 },
	/* 1112 */ { 6.1, 5.2, 5.7, 2.9, 2.4, 1.6 },
	/* 1120 */ { NA, 7.1, NA, 5.9, NA, 3 },
	/* 1121 */ { NA, 5.8, NA, 2.6, NA, 1.5 },
	/* 1122 */ { NA, 2.3, NA, 1.3, NA, 0.6 },
	/* 2000 */ { 9.3, 8.7, 8.6, 7.2, 7.5, 5.8 },
	/* 2001 */ { 8.6, 7.4, 7.4, 6.1, 5.6, 3.4 },
	/* 2002 */ { 7, 5.4, 5.2, 4, 4, 2.2 },
	/* 2010 */ { 8.5, 7.5, 7.4, 5.5, 6.2, 5.1 },
	/* 2011 */ { 7.2, 5.7, 5.5, 4.1, 4.6, 1.9 },
	/* 2012 */ { 5.3, 3.6, 3.4, 1.9, 1.9, 0.8 },
	/* 2020 */ { NA, 6.4, NA, 5.1, NA, 2 },
	/* 2021 */ { NA, 4.7, NA, 2.1, NA, 1.1 },
	/* 2022 */ { NA, 2.4, NA, 0.9, NA, 0.4 },
	/* 2100 */ { 8.8, 7.5, 7.3, 5.3, 6, 5 },
	/* 2101 */ { 7.3, 5.5, 5.9, 4, 4.1, 2 },
	/* 2102 */ { 5.4, 4.3, 4.5, 2.2, 2, 1.1 },
	/* 2110 */ { 7.5, 5.5, 5.8, 4.5, 4, 2.1 },
	/* 2111 */ { 6.1, 5.1, 4.8, 1.8, 2, 0.9 },
	/* 2112 */ { 4.6, 1.8, 1.7, 0.7, 0.8, 0.2 },
	/* 2120 */ { NA, 5.3, NA, 2.4, NA, 1.4 },
	/* 2121 */ { NA, 2.4, NA, 1.2, NA, 0.5 },
	/* 2122 */ { NA, 1, NA, 0.3, NA, 0.1 },
};

/*
 * Highest-severity vectors of each EQ level and the EQ depths ("max
 * severity", in steps of 0.1), from the specification's scoring section
 * as implemented by the reference calculator (max_composed.js and
 * max_severity.js). Each string lists "METRIC:VALUE/" pairs.
 */
const char *const cvss4_max_eq1[3][3] = {
	{ "AV:N/PR:N/UI:N/" },
	{ "AV:A/PR:N/UI:N/", "AV:N/PR:L/UI:N/", "AV:N/PR:N/UI:P/" },
	{ "AV:P/PR:N/UI:N/", "AV:A/PR:L/UI:P/" },
};
const char *const cvss4_max_eq2[2][2] = {
	{ "AC:L/AT:N/" },
	{ "AC:H/AT:N/", "AC:L/AT:P/" },
};
/* [EQ3][EQ6] */
const char *const cvss4_max_eq3eq6[3][2][5] = {
	{ { "VC:H/VI:H/VA:H/CR:H/IR:H/AR:H/" },
	  { "VC:H/VI:H/VA:L/CR:M/IR:M/AR:H/", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M/" } },
	{ { "VC:L/VI:H/VA:H/CR:H/IR:H/AR:H/", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H/" },
	  { "VC:L/VI:H/VA:L/CR:H/IR:M/AR:H/", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M/",
	    "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M/", "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H/",
	    "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M/" } },
	{ { NULL },
	  { "VC:L/VI:L/VA:L/CR:H/IR:H/AR:H/" } },
};
const char *const cvss4_max_eq4[3] = {
	"SC:H/SI:S/SA:S/", "SC:H/SI:H/SA:H/", "SC:L/SI:L/SA:L/"
};
const char *const cvss4_max_eq5[3] = { "E:A/", "E:P/", "E:U/" };

const int cvss4_depth_eq1[3] = { 1, 4, 5 };
const int cvss4_depth_eq2[2] = { 1, 2 };
const int cvss4_depth_eq3eq6[3][2] = { { 7, 6 }, { 8, 8 }, { 0, 10 } };
const int cvss4_depth_eq4[3] = { 6, 5, 4 };
