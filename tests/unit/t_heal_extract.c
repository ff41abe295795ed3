/* t_heal_extract.c - tests of the heal rule library: one tool format per test, plus false positives. */
#include "unit.h"

#include "heal/extract.h"
#include "heal/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct heal_entries L = HEAL_ENTRIES_INIT(1000);

static size_t run(const char *log)
{
	heal_entries_free(&L);
	L.max = 1000;
	CHECK_INT(heal_extract_mem(log, strlen(log), "t", &L), 0);
	return L.n;
}

static const struct heal_entry *E(size_t i)
{
	static const struct heal_entry none = { .message = "(none)" };

	return i < L.n ? &L.v[i] : &none;
}

#define FILE_IS(i, f) CHECK_STR(E(i)->file ? E(i)->file : "(null)", f)

TEST(heal_extract_rustc_human)
{
	CHECK_INT(run("error[E0308]: mismatched types\n"
	              "  --> src/main.rs:4:18\n"
	              "   |\n"
	              "4  |     let x: i32 = \"a\";\n"
	              "   |            ---   ^^^ expected `i32`, found `&str`\n"
	              "\n"
	              "warning: unused variable: `y`\n"
	              " --> src/lib.rs:2:9\n"
	              "\n"
	              "error: aborting due to 1 previous error\n"), 2);
	FILE_IS(0, "src/main.rs");
	CHECK_INT(E(0)->line, 4);
	CHECK_INT(E(0)->col, 18);
	CHECK_STR(E(0)->code, "E0308");
	CHECK_STR(E(0)->message, "mismatched types");
	CHECK_STR(E(0)->tool, "rustc");
	CHECK_INT(E(0)->sev, HEAL_SEV_ERROR);
	CHECK_INT(E(0)->ncont, 3);
	CHECK_STR(E(0)->cont[1], "4  |     let x: i32 = \"a\";");
	FILE_IS(1, "src/lib.rs");
	CHECK_INT(E(1)->sev, HEAL_SEV_WARNING);
	CHECK_STR(E(1)->tool, "rustc");
}

/* gcc's template instantiation context: "F:L:C:   required from here"
 * (three blanks, no severity) locates the context of the error below,
 * it is no diagnostic of its own (gcc's JSON has none;
 * tests/heal/real/gcc-make) */
TEST(heal_extract_gcc_instantiation_context)
{
	CHECK_INT(run("src/cli/options.cpp: In instantiation of \xe2\x80\x98T cli::parse_number(const std::string&) [with T = int]\xe2\x80\x99:\n"
	              "src/cli/options.cpp:39:37:   required from here\n"
	              "src/cli/options.cpp:20:16: error: request for member \xe2\x80\x98value\xe2\x80\x99 in \xe2\x80\x98out\xe2\x80\x99, which is of non-class type \xe2\x80\x98int\xe2\x80\x99\n"
	              "   20 |     return out.value();\n"
	              "src/a.cpp:11:10: note:   candidate expects 2 arguments, 1 provided\n"), 2);
	FILE_IS(0, "src/cli/options.cpp");
	CHECK_INT(E(0)->line, 20);
	CHECK_INT(E(0)->col, 16);
	CHECK_INT(E(0)->sev, HEAL_SEV_ERROR);
	FILE_IS(1, "src/a.cpp");
	CHECK_STR(E(1)->message, "candidate expects 2 arguments, 1 provided");
}

/* A child note/help with its own "-->" line is an entry of its own (as in
 * rustc's JSON); "= note:" lines and suggestions stay with the parent. */
TEST(heal_extract_rustc_child_notes)
{
	CHECK_INT(run("error[E0277]: `Item` doesn't implement `std::fmt::Display`\n"
	              "  --> src/lib.rs:16:10\n"
	              "   |\n"
	              "16 |     show(item)\n"
	              "   |     ---- ^^^^ unsatisfied trait bound\n"
	              "   |\n"
	              "help: the trait `std::fmt::Display` is not implemented for `Item`\n"
	              "  --> src/model/item.rs:2:1\n"
	              "   |\n"
	              " 2 | pub struct Item {\n"
	              "   | ^^^^^^^^^^^^^^^\n"
	              "note: required by a bound in `show`\n"
	              "  --> src/lib.rs:11:16\n"
	              "   |\n"
	              "11 | pub fn show<T: Display>(value: T) -> String {\n"
	              "   |                ^^^^^^^ required by this bound in `show`\n"
	              "note: the trait `Add` must be implemented\n"
	              "  --> /rustc/5980/library/core/src/ops/arith.rs:77:0\n"
	              "\n"
	              "warning: unused variable: `legacy`\n"
	              "  --> src/storage/csv_reader.rs:30:9\n"
	              "   |\n"
	              "   = note: `#[warn(unused_variables)]` on by default\n"
	              "help: consider making this binding mutable\n"
	              "   |\n"
	              "31 |     let mut count = 0;\n"
	              "\n"), 5);
	FILE_IS(0, "src/lib.rs");
	CHECK_INT(E(0)->line, 16);
	CHECK_INT(E(0)->ncont, 4);
	CHECK_STR(E(0)->cont[3], "   |");
	FILE_IS(1, "src/model/item.rs");
	CHECK_INT(E(1)->line, 2);
	CHECK_INT(E(1)->col, 1);
	CHECK_INT(E(1)->sev, HEAL_SEV_NOTE);
	CHECK_STR(E(1)->message, "the trait `std::fmt::Display` is not implemented for `Item`");
	CHECK_STR(E(1)->tool, "rustc");
	CHECK_INT(E(1)->log_line, 7);
	CHECK_INT(E(1)->ncont, 3);
	FILE_IS(2, "src/lib.rs");
	CHECK_INT(E(2)->line, 11);
	CHECK_STR(E(2)->message, "required by a bound in `show`");
	FILE_IS(3, "/rustc/5980/library/core/src/ops/arith.rs");
	CHECK_INT(E(3)->col, 0);
	CHECK_STR(E(3)->message, "the trait `Add` must be implemented");
	CHECK_INT(E(4)->sev, HEAL_SEV_WARNING);
	CHECK_INT(E(4)->ncont, 5);
}

TEST(heal_extract_rust_panic_both_formats)
{
	CHECK_INT(run("thread 'main' panicked at src/main.rs:7:5:\n"
	              "index out of bounds: the len is 3 but the index is 9\n"
	              "thread 't::a' panicked at 'assertion failed: x', src/a.rs:3:1\n"), 2);
	FILE_IS(0, "src/main.rs");
	CHECK_INT(E(0)->line, 7);
	CHECK_STR(E(0)->message, "index out of bounds: the len is 3 but the index is 9");
	FILE_IS(1, "src/a.rs");
	CHECK_STR(E(1)->message, "assertion failed: x");
}

TEST(heal_extract_gcc_clang_and_context)
{
	CHECK_INT(run("main.c: In function 'main':\n"
	              "main.c:5:3: error: 'x' undeclared (first use in this function)\n"
	              "    5 |   x = 1;\n"
	              "      |   ^\n"
	              "In file included from a.c:1:\n"
	              "b.h:2:10: fatal error: missing.h: No such file or directory\n"), 2);
	FILE_IS(0, "main.c");
	CHECK_INT(E(0)->col, 3);
	CHECK_STR(E(0)->tool, "cc");
	CHECK_INT(E(0)->ncont, 2);
	CHECK_STR(E(0)->message, "'x' undeclared (first use in this function)");
	CHECK_INT(E(1)->sev, HEAL_SEV_ERROR);
	CHECK_STR(E(1)->message, "missing.h: No such file or directory");
}

TEST(heal_extract_make_ld_cmake)
{
	CHECK_INT(run("/usr/bin/ld: a.o: in function `main':\n"
	              "a.c:(.text+0x9): undefined reference to `f'\n"
	              "collect2: error: ld returned 1 exit status\n"
	              "make: *** [Makefile:12: app] Error 1\n"
	              "gmake[2]: *** No rule to make target 'x.o'.  Stop.\n"
	              "CMake Error at CMakeLists.txt:20 (add_executable):\n"
	              "  Cannot find source file:\n"
	              "\n"), 4);
	FILE_IS(0, "a.c");
	CHECK_STR(E(0)->tool, "ld");
	CHECK_STR(E(0)->message, "undefined reference to `f'");
	FILE_IS(1, "Makefile");
	CHECK_INT(E(1)->line, 12);
	CHECK_STR(E(1)->message, "Error 1");
	CHECK(E(2)->file == NULL);
	CHECK_STR(E(2)->tool, "make");
	FILE_IS(3, "CMakeLists.txt");
	CHECK_INT(E(3)->line, 20);
	CHECK_STR(E(3)->message, "Cannot find source file:");
}

TEST(heal_extract_tsc_both_formats)
{
	CHECK_INT(run("src/a.ts(3,13): error TS7006: Parameter 'y' implicitly has an 'any' type.\n"
	              "src/b.tsx:88:21 - error TS2339: Property 'rows' does not exist.\n"), 2);
	FILE_IS(0, "src/a.ts");
	CHECK_INT(E(0)->line, 3);
	CHECK_INT(E(0)->col, 13);
	CHECK_STR(E(0)->code, "TS7006");
	CHECK_STR(E(1)->code, "TS2339");
	CHECK_INT(E(1)->col, 21);
	CHECK_STR(E(1)->message, "Property 'rows' does not exist.");
}

/* tsc --pretty prints related information as an indented "FILE:L:C"
 * line, a code frame, then the message (tests/heal/real/tsc-pretty.log).
 * A bare location at column 0, one with a ':' after it, and one whose
 * message never comes are not entries. */
TEST(heal_extract_tsc_pretty_related_location)
{
	CHECK_INT(run("\x1b[96msrc/features/billing/invoices/components/InvoiceTable.tsx\x1b[0m:"
	              "\x1b[93m21\x1b[0m:\x1b[93m9\x1b[0m - \x1b[91merror\x1b[0m\x1b[90m TS2741: "
	              "\x1b[0mProperty 'paid' is missing in type '{ id: string; }' but required in type 'Invoice'.\n"
	              "\n"
	              "\x1b[7m21\x1b[0m   const first: Invoice = { id: \"x\" };\n"
	              "\x1b[7m  \x1b[0m \x1b[91m        ~~~~~\x1b[0m\n"
	              "\n"
	              "  \x1b[96msrc/features/billing/invoices/components/InvoiceTable.tsx\x1b[0m:"
	              "\x1b[93m7\x1b[0m:\x1b[93m3\x1b[0m\n"
	              "    \x1b[7m7\x1b[0m   paid: boolean;\n"
	              "    \x1b[7m \x1b[0m \x1b[96m  ~~~~\x1b[0m\n"
	              "    'paid' is declared here.\n"
	              "\n"
	              "src/a.ts:3:4\n"
	              "    not a message\n"
	              "  src/b.ts:1:16:\n"
	              "      1 | import x from \"x\"\n"
	              "\n"
	              "  src/c.ts:5:1\n"
	              "    5 x;\n"
	              "\n"), 2);
	FILE_IS(1, "src/features/billing/invoices/components/InvoiceTable.tsx");
	CHECK_INT(E(1)->line, 7);
	CHECK_INT(E(1)->col, 3);
	CHECK_INT(E(1)->sev, HEAL_SEV_UNKNOWN);
	CHECK_STR(E(1)->tool, "tsc");
	CHECK_STR(E(1)->message, "'paid' is declared here.");
	CHECK_INT(E(1)->ncont, 2);
	CHECK_STR(E(1)->cont[0], "    7   paid: boolean;");
}

/* gfortran prints "FILE:L:C:" alone at column 0, a blank line, the code
 * frame (one or two locations marked 1 and 2), then the message with its
 * severity ("Error: msg", "Warning: msg [-Wx]", "Fatal Error: msg"), lines
 * from tests/heal/real/gfortran.log. A header whose message never comes
 * is no entry; the line after the message ends the entry. */
TEST(heal_extract_gfortran_header)
{
	CHECK_INT(run("gfortran -Wall -J build -c src/core/grid.f90 -o build/grid.o\n"
	              "src/core/grid.f90:20:19:\n"
	              "\n"
	              "   20 |     real(dp) :: tmp\n"
	              "      |                   1\n"
	              "Warning: Unused variable \xe2\x80\x98tmp\xe2\x80\x99 declared at (1) [-Wunused-variable]\n"
	              "src/main.f90:11:14:\n"
	              "\n"
	              "   10 |   call report(t)\n"
	              "      |              2\n"
	              "......\n"
	              "   11 |   call report(steps)\n"
	              "      |              1\n"
	              "Error: Type mismatch between actual argument at (1) and actual argument at (2) (INTEGER(4)/REAL(8)).\n"
	              "gfortran -Wall -J build -c src/solvers/wave.f90 -o build/wave.o\n"
	              "src/solvers/wave.f90:3:7:\n"
	              "\n"
	              "    3 |   use boundary_conditions, only: reflect\n"
	              "      |       1\n"
	              "Fatal Error: Cannot open module file \xe2\x80\x98" "boundary_conditions.mod\xe2\x80\x99 for reading at (1): No such file or directory\n"
	              "compilation terminated.\n"
	              "src/x.f90:1:1:\n"
	              "\n"
	              "src/y.f90:2:1:\n"
	              "\n"
	              "    2 |   x = 1\n"
	              "not a severity: so no entry\n"
	              "\n"), 3);
	FILE_IS(0, "src/core/grid.f90");
	CHECK_INT(E(0)->line, 20);
	CHECK_INT(E(0)->col, 19);
	CHECK_INT(E(0)->sev, HEAL_SEV_WARNING);
	CHECK_STR(E(0)->tool, "fortran");
	CHECK_STR(E(0)->message, "Unused variable \xe2\x80\x98tmp\xe2\x80\x99 declared at (1) [-Wunused-variable]");
	CHECK_INT(E(0)->ncont, 2);
	CHECK_STR(E(0)->cont[0], "   20 |     real(dp) :: tmp");
	FILE_IS(1, "src/main.f90");
	CHECK_INT(E(1)->col, 14);
	CHECK_INT(E(1)->sev, HEAL_SEV_ERROR);
	CHECK_INT(E(1)->ncont, 5);
	CHECK_STR(E(1)->message, "Type mismatch between actual argument at (1) and actual argument at (2) (INTEGER(4)/REAL(8)).");
	FILE_IS(2, "src/solvers/wave.f90");
	CHECK_INT(E(2)->line, 3);
	CHECK_INT(E(2)->sev, HEAL_SEV_ERROR);
	CHECK_STR(E(2)->message, "Cannot open module file \xe2\x80\x98" "boundary_conditions.mod\xe2\x80\x99 for reading at (1): No such file or directory");
	CHECK_INT(E(2)->ncont, 2);
}

TEST(heal_extract_eslint_stylish_and_compact)
{
	CHECK_INT(run("\n/w/src/a.js\n"
	              "  2:10  error    'f' is defined but never used  no-unused-vars\n"
	              "  3:1   warning  Unexpected console statement   no-console\n"
	              "\n"
	              "  9:9   error    not under a header             x\n"
	              "/w/b.js: line 6, col 18, Error - Missing semicolon. (semi)\n"), 3);
	FILE_IS(0, "/w/src/a.js");
	CHECK_INT(E(0)->line, 2);
	CHECK_STR(E(0)->code, "no-unused-vars");
	CHECK_INT(E(1)->sev, HEAL_SEV_WARNING);
	FILE_IS(2, "/w/b.js");
	CHECK_INT(E(2)->col, 18);
	CHECK_STR(E(2)->message, "Missing semicolon. (semi)");
}

/* jshint's default reporter is compact without the "Error - " field;
 * the message starts after the column (tests/heal/real/jshint) */
TEST(heal_extract_jshint_default_reporter)
{
	CHECK_INT(run("src/app.js: line 6, col 23, Expected '===' and instead saw '=='.\n"
	              "src/components/price-label.js: line 18, col 7, '\xc3\xa9tiquetteInutilis\xc3\xa9" "e' is defined but never used.\n"
	              "src/lib/cart.js: line 27, col 3, Error in the middle\n"
	              "\n"
	              "29 errors\n"), 3);
	FILE_IS(0, "src/app.js");
	CHECK_INT(E(0)->line, 6);
	CHECK_INT(E(0)->col, 23);
	CHECK_INT(E(0)->sev, HEAL_SEV_UNKNOWN);
	CHECK_STR(E(0)->message, "Expected '===' and instead saw '=='.");
	CHECK_INT(E(1)->col, 7);
	/* a severity word without " - " is message text */
	CHECK_STR(E(2)->message, "Error in the middle");
	CHECK_INT(E(2)->sev, HEAL_SEV_UNKNOWN);
}

/* markdownlint-cli: "F:L[:C] severity rule/name text": the location is
 * set off by a blank and the severity is a field of its own
 * (tests/heal/real/markdownlint) */
TEST(heal_extract_markdownlint_blank_severity)
{
	CHECK_INT(run("README.md:3:101 warning MD013/line-length Line length [Expected: 100; Actual: 118]\n"
	              "docs/api/widgets.md:1 error MD041/first-line-heading/first-line-h1 First line in a file should be a top-level heading [Context: \"## Widget API\"]\n"
	              "src/a.c:7:2: error unknown type name\n"), 3);
	FILE_IS(0, "README.md");
	CHECK_INT(E(0)->line, 3);
	CHECK_INT(E(0)->col, 101);
	CHECK_INT(E(0)->sev, HEAL_SEV_WARNING);
	CHECK_STR(E(0)->message, "MD013/line-length Line length [Expected: 100; Actual: 118]");
	CHECK_INT(E(1)->line, 1);
	CHECK_INT(E(1)->col, 0);
	CHECK_INT(E(1)->sev, HEAL_SEV_ERROR);
	CHECK_STR(E(1)->message, "MD041/first-line-heading/first-line-h1 First line in a file should be a top-level heading [Context: \"## Widget API\"]");
	/* after "F:L:C: " the word stays message text, as before */
	CHECK_STR(E(2)->message, "error unknown type name");
}

/* HTMLHint: an indented file line, then per hint "L13 |<excerpt>" and a
 * caret under the column with the message; the column is the caret's
 * place in the excerpt in characters, unknown (0) when the excerpt was
 * cut at its start (tests/heal/real/htmlhint) */
TEST(heal_extract_htmlhint_caret_report)
{
	CHECK_INT(run("\n   Config loaded: /w/site/.htmlhintrc\n\n"
	              "   /w/site/public/about.html\n"
	              "      L7 |    <h2 CLASS=\"title\">\xc3\x80 propos</h2>\n"
	              "                  ^ The attribute name of [ CLASS ] must be in lowercase. (attr-lowercase)\n"
	              "      L10 |      <li>\xc3\x89t\xc3\xa9 < hiver\n"
	              "                         ^ Special characters must be escaped : [ < ]. (spec-char-escape)\n"
	              "      L14 |...n type=\"submit\" Onclick=\"send()\">Envoyer</Button>\n"
	              "                                                      ^ The html element name of [ Button ] must be in lowercase. (tagname-lowercase)\n"
	              "      L15 |    <br/>\n"
	              "\n"
	              "      L16 |    <br/>\n"
	              "               ^ no file above: not an entry\n"
	              "\n"
	              "Scanned 1 files, found 3 errors in 1 files (25 ms)\n"), 3);
	FILE_IS(0, "/w/site/public/about.html");
	CHECK_INT(E(0)->line, 7);
	CHECK_INT(E(0)->col, 9);
	CHECK_STR(E(0)->message, "The attribute name of [ CLASS ] must be in lowercase. (attr-lowercase)");
	CHECK_INT(E(1)->line, 10);
	CHECK_INT(E(1)->col, 15);
	CHECK_INT(E(2)->line, 14);
	CHECK_INT(E(2)->col, 0);
	/* an indented path under an open entry continues it */
	CHECK_INT(run("src/a.c:1:2: error: x\n   /w/site/b.html\n      L3 |  <p>\n"
	              "          ^ msg\n"), 1);
	CHECK_INT(E(0)->ncont, 3);
}

TEST(heal_extract_at_line_perlcritic)
{
	/* perlcritic's default format for several files: the location comes
	 * after the message; "FILE source OK" and a message without a number
	 * are not entries, and "Error: ... at line 3" stays the unlocated
	 * entry of severity-line (no path before its ':') */
	CHECK_INT(run("bin/relay-admin.pl: Loop iterator is not lexical at line 17, column 1.  "
	              "See page 108 of PBP.  (Severity: 5)\n"
	              "lib/App/Relay/Version.pm source OK\n"
	              "lib/App/Relay/Config.pm: \"return\" statement with explicit \"undef\" "
	              "at line 28, column 5.  See page 199 of PBP.  (Severity: 5)\n"
	              "Error: unexpected token at line 3, column 2.\n"
	              "x.pm: Stale lock at line speed\n"
	              "lib/A.pm: Module does not end with \"1;\" at line 9.\n"), 4);
	FILE_IS(0, "bin/relay-admin.pl");
	CHECK_INT(E(0)->line, 17);
	CHECK_INT(E(0)->col, 1);
	CHECK_STR(E(0)->message, "Loop iterator is not lexical");
	CHECK_STR(E(0)->rule, "at-line");
	FILE_IS(1, "lib/App/Relay/Config.pm");
	CHECK_INT(E(1)->line, 28);
	CHECK_STR(E(1)->message, "\"return\" statement with explicit \"undef\"");
	CHECK_INT(E(2)->line, 0);
	CHECK_STR(E(2)->rule, "severity-line");
	FILE_IS(3, "lib/A.pm");
	CHECK_INT(E(3)->line, 9);
	CHECK_INT(E(3)->col, 0);
}

TEST(heal_extract_npm_yarn_pnpm)
{
	CHECK_INT(run("npm ERR! code E404\n"
	              "npm ERR! 404 Not Found - GET https://registry.npmjs.org/nope\n"
	              "npm ERR! 404 more\n"
	              "npm WARN deprecated x@1\n"
	              "error An unexpected error occurred: \"ESOCKETTIMEDOUT\".\n"
	              "error Command failed with exit code 1.\n"
	              " ERR_PNPM_NO_MATCHING_VERSION  No matching version found for x@9\n"), 3);
	CHECK_STR(E(0)->code, "E404");
	CHECK_STR(E(0)->message, "404 Not Found - GET https://registry.npmjs.org/nope");
	CHECK_INT(E(0)->ncont, 1);
	CHECK_STR(E(1)->tool, "yarn");
	CHECK_STR(E(2)->code, "ERR_PNPM_NO_MATCHING_VERSION");
	CHECK_STR(E(2)->message, "No matching version found for x@9");
}

TEST(heal_extract_pytest_and_traceback)
{
	CHECK_INT(run("E       assert 1 == 2\n"
	              "\n"
	              "tests/test_a.py:9: AssertionError\n"
	              "FAILED tests/test_a.py::test_x - assert 1 == 2\n"
	              "Traceback (most recent call last):\n"
	              "  File \"app.py\", line 3, in <module>\n"
	              "    run()\n"
	              "  File \"/usr/lib/python3.12/json/__init__.py\", line 293, in load\n"
	              "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n"), 3);
	FILE_IS(0, "tests/test_a.py");
	CHECK_INT(E(0)->line, 9);
	CHECK_INT(E(0)->ncont, 1);
	CHECK_STR(E(0)->cont[0], "E       assert 1 == 2");
	CHECK_STR(E(1)->tool, "pytest");
	CHECK_STR(E(1)->message, "test_x - assert 1 == 2");
	FILE_IS(2, "app.py");  /* the stdlib frame is not where the fix is */
	CHECK_INT(E(2)->line, 3);
	CHECK_STR(E(2)->message, "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
}

/* pytest's short frames above the failing line ("FILE:L: in NAME", from
 * --tb=auto/short) are not entries; the failing line is. */
TEST(heal_extract_pytest_short_frames)
{
	CHECK_INT(run("tests/test_cart.py:19: \n"
	              "_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ \n"
	              "src/shop/cart.py:24: in parse_order_date\n"
	              "    return datetime.strptime(text, \"%Y-%m-%d\").date()\n"
	              "/usr/lib/python3.11/_strptime.py:568: in _strptime_datetime\n"
	              "    tt, fraction, gmtoff_fraction = _strptime(data_string, format)\n"
	              "tests/test_x.py:3: in <module>\n"
	              "\n"
	              "/usr/lib/python3.11/_strptime.py:349: ValueError\n"
	              "src/a.py:3: in main, x is never used\n"
	              "src/b.c:4:2: in foo\n"), 3);
	FILE_IS(0, "/usr/lib/python3.11/_strptime.py");
	CHECK_INT(E(0)->line, 349);
	CHECK_STR(E(0)->message, "ValueError");
	CHECK_STR(E(1)->message, "in main, x is never used");
	CHECK_INT(E(2)->col, 2);
	CHECK_STR(E(2)->message, "in foo");
}

TEST(heal_extract_mypy_flake8_ruff)
{
	CHECK_INT(run("a.py:12: error: Bad return  [return-value]\n"
	              "./b.py:4:1: F401 'os' imported but unused\n"
	              "c.py:1:8: F401 [*] `os` imported but unused\n"
	              "E741 Ambiguous variable name: `l`\n"
	              " --> d.py:3:5\n"
	              "E501 Line too long, but never located\n"), 4);
	CHECK_INT(E(0)->col, 0);
	CHECK_STR(E(0)->message, "Bad return  [return-value]");
	CHECK_STR(E(1)->code, "F401");
	CHECK_STR(E(2)->message, "`os` imported but unused");
	FILE_IS(3, "d.py");
	CHECK_STR(E(3)->code, "E741");
	CHECK_STR(E(3)->tool, "ruff");
}

/* rubocop 1.x: "SEV: [Correctable] Department/Cop: message"; the status
 * mark is no message text and the cop is the code (progress and emacs
 * formatters print the same line; old rubocop printed neither). */
TEST(heal_extract_rubocop_cop_names)
{
	CHECK_INT(run("app/models/invoice.rb:6:36: C: [Correctable] Style/StringLiterals: Prefer single-quoted strings when you don't need string interpolation or special symbols.\n"
	              "  def initialize(lines, currency = \"EUR\")\n"
	              "                                   ^^^^^\n"
	              "app/models/invoice.rb:20:5: W: Lint/UselessAssignment: Useless assignment to variable - größe.\n"
	              "/w/billing/lib/tasks/export.rb:21:1: E: Lint/Syntax: unexpected token $end (Using Ruby 3.1 parser; configure using `TargetRubyVersion` parameter, under `AllCops`)\n"
	              "a/b.rb:3:1: C: RSpec/Capybara/FeatureMethods: Use `describe`.\n"
	              "a/b.rb:4:2: C: [Corrected] Redundant return detected.\n"
	              "Gemfile:4:1: C: Extra blank line detected.\n"
	              "a/b.rb:5:3: C: Line is too long. [126/120]\n"
	              "a/b.rb:6:3: W: Use a/b: not c/d.\n"), 8);
	CHECK_STR(E(0)->code, "Style/StringLiterals");
	CHECK_STR(E(0)->message, "Prefer single-quoted strings when you don't need string interpolation or special symbols.");
	CHECK_INT(E(0)->sev, HEAL_SEV_NOTE);
	CHECK_INT(E(0)->ncont, 2);
	CHECK_STR(E(1)->code, "Lint/UselessAssignment");
	CHECK_STR(E(1)->message, "Useless assignment to variable - größe.");
	CHECK_INT(E(1)->sev, HEAL_SEV_WARNING);
	CHECK_STR(E(2)->code, "Lint/Syntax");
	CHECK_INT(E(2)->sev, HEAL_SEV_ERROR);
	CHECK_STR(E(2)->message, "unexpected token $end (Using Ruby 3.1 parser; configure using `TargetRubyVersion` parameter, under `AllCops`)");
	CHECK_STR(E(3)->code, "RSpec/Capybara/FeatureMethods");
	CHECK_STR(E(3)->message, "Use `describe`.");
	CHECK(E(4)->code == NULL);
	CHECK_STR(E(4)->message, "Redundant return detected.");
	CHECK(E(5)->code == NULL);
	CHECK_STR(E(5)->message, "Extra blank line detected.");
	CHECK_STR(E(6)->message, "Line is too long. [126/120]");
	CHECK(E(7)->code == NULL);
	CHECK_STR(E(7)->message, "Use a/b: not c/d.");
}

TEST(heal_extract_go_build_test_panic)
{
	CHECK_INT(run("# example.com/x\n"
	              "./a.go:3:2: undefined: y\n"
	              "--- FAIL: TestA (0.00s)\n"
	              "    a_test.go:9: got 1, want 2\n"
	              "panic: boom\n"
	              "\n"
	              "goroutine 1 [running]:\n"
	              "main.f()\n"
	              "\t/usr/local/go/src/runtime/panic.go:9 +0x1\n"
	              "\t/src/app/main.go:12 +0x1d\n"
	              "exit status 2\n"
	              "FAIL\texample.com/x\t0.01s\n"), 3);
	FILE_IS(0, "./a.go");
	FILE_IS(1, "a_test.go");
	CHECK_STR(E(1)->message, "got 1, want 2");
	FILE_IS(2, "/src/app/main.go");
	CHECK_INT(E(2)->line, 12);
	CHECK_STR(E(2)->message, "boom");
}

TEST(heal_extract_docker_buildkit)
{
	CHECK_INT(run("#7 0.512 /bin/sh: 1: mak: not found\n"
	              "#7 ERROR: process \"/bin/sh -c mak\" did not complete successfully: exit code: 127\n"
	              "Dockerfile:4\n"
	              "--------------------\n"
	              "   4 | >>> RUN mak\n"
	              "--------------------\n"
	              "ERROR: failed to solve: process \"/bin/sh -c mak\" did not complete successfully: exit code: 127\n"
	              "#9 1.204 src/x.c:2:1: error: expected ';'\n"), 3);
	CHECK_STR(E(0)->tool, "docker");
	CHECK(E(0)->file == NULL);
	FILE_IS(1, "Dockerfile");
	CHECK_INT(E(1)->line, 4);
	FILE_IS(2, "src/x.c");  /* the tool output inside the build step */
}

TEST(heal_extract_helm_kubectl_yaml)
{
	CHECK_INT(run("Error: INSTALLATION FAILED: template: c/templates/d.yaml:3:9: executing \"x\": nil\n"
	              "Error from server (NotFound): deployments.apps \"api\" not found\n"
	              "error: unable to recognize \"k/x.yaml\": no matches for kind \"Foo\"\n"
	              "Error: yaml: line 7: did not find expected key\n"
	              "yaml.parser.ParserError: expected '<document start>'\n"
	              "  in \"conf/a.yml\", line 4, column 1\n"), 5);
	FILE_IS(0, "c/templates/d.yaml");
	CHECK_INT(E(0)->line, 3);
	CHECK_STR(E(0)->tool, "helm");
	CHECK_STR(E(1)->code, "NotFound");
	FILE_IS(2, "k/x.yaml");
	CHECK_STR(E(3)->tool, "yaml");
	CHECK_INT(E(3)->line, 7);
	FILE_IS(4, "conf/a.yml");
	CHECK_INT(E(4)->col, 1);
}

TEST(heal_extract_github_workflow_and_permissions)
{
	CHECK_INT(run("The workflow is not valid. .github/workflows/ci.yml (Line: 12, Col: 7): Unexpected value 'outputs'\n"
	              "Error from called workflow o/r/.github/workflows/x.yml@v3 (Line: 104, Col: 11): A mapping was not expected\n"
	              "Error: Resource not accessible by integration\n"
	              "##[error]The operation was canceled.\n"), 4);
	FILE_IS(0, ".github/workflows/ci.yml");
	CHECK_INT(E(0)->line, 12);
	CHECK_INT(E(0)->col, 7);
	CHECK_STR(E(0)->message, "Unexpected value 'outputs'");
	FILE_IS(1, "o/r/.github/workflows/x.yml@v3");
	CHECK_STR(E(2)->code, "permissions");
	CHECK_STR(E(2)->tool, "github");
	CHECK_STR(E(3)->tool, "actions");
	CHECK_STR(E(3)->message, "The operation was canceled.");
}

/* Lines that look a bit like locations but are not diagnostics. */
TEST(heal_extract_false_positives)
{
	CHECK_INT(run("12:30:45 started\n"
	              "Listening on http://localhost:8080/health\n"
	              "dial tcp 127.0.0.1:5432: connect: connection refused\n"
	              "127.0.0.1:8080: connection refused\n"
	              "    at Object.<anonymous> (/w/a.test.js:12:5)\n"
	              "Step 3/10 : RUN make\n"
	              "INFO:root:loaded 3 items\n"
	              "Downloaded serde v1.0.200\n"
	              "1.2.3:4: something\n"
	              "Version: 1.2.3\n"
	              "  Compiling foo v0.1.0 (/w/foo)\n"
	              "Error:\n"
	              "E: \n"
	              "test result: ok. 3 passed\n"), 0);
}

TEST(heal_extract_steps_and_log_lines)
{
	static const char log[] =
		"2025-04-07T12:57:33.2904078Z ##[group]Run make\n"
		"2025-04-07T12:57:33.2904078Z make\n"
		"2025-04-07T12:57:33.2904078Z ##[endgroup]\n"
		"2025-04-07T12:57:34.0000000Z \x1b[31mx.c:1:2: error: bad\x1b[0m\n"
		"2025-04-07T12:57:34.0000000Z ##[error]Process completed with exit code 2.\n";

	heal_entries_free(&L);
	L.max = 10;
	CHECK_INT(heal_extract_mem(log, sizeof(log) - 1, "t", &L), 0);
	CHECK_INT(L.n, 1);
	CHECK_STR(E(0)->step, "Run make");
	CHECK_INT(E(0)->step_no, 1);
	CHECK_INT(E(0)->log_line, 4);
	CHECK_STR(E(0)->message, "bad");
}

TEST(heal_extract_entries_cap)
{
	char log[64 * 40];
	size_t i, o = 0;

	for (i = 0; i < 40; i++)
		o += (size_t)snprintf(log + o, sizeof(log) - o, "f.c:%zu:1: error: e%zu\n", i + 1, i);
	heal_entries_free(&L);
	L.max = 25;
	CHECK_INT(heal_extract_mem(log, o, "t", &L), 0);
	CHECK_INT(L.n, 25);
	CHECK_INT(L.dropped, 15);
	heal_entries_free(&L);
}

/* Long messages and many continuation lines are capped. */
TEST(heal_extract_caps_entry_size)
{
	static char log[HEAL_MAX_MESSAGE * 2 + 4096];
	size_t o = 0, i;

	o += (size_t)snprintf(log, sizeof(log), "a.c:1:1: error: ");
	memset(log + o, 'm', HEAL_MAX_MESSAGE * 2);
	o += HEAL_MAX_MESSAGE * 2;
	log[o++] = '\n';
	for (i = 0; i < HEAL_MAX_CONT + 10; i++)
		o += (size_t)snprintf(log + o, sizeof(log) - o, "  cont %zu\n", i);
	heal_entries_free(&L);
	L.max = 10;
	CHECK_INT(heal_extract_mem(log, o, "t", &L), 0);
	CHECK_INT(L.n, 1);
	CHECK(strlen(E(0)->message) < HEAL_MAX_MESSAGE);
	CHECK_INT(E(0)->ncont, HEAL_MAX_CONT);
	heal_entries_free(&L);
}

/* The callback can stop extraction. */
static int stop_at_two(void *ctx, const struct heal_entry *e)
{
	(void)e;
	return ++*(int *)ctx >= 2 ? -42 : 0;
}

TEST(heal_extract_callback_stops)
{
	struct heal_extract *x = NULL;
	struct logread *r = NULL;
	struct logline ln;
	const char *log = "a.c:1:1: error: a\nb.c:1:1: error: b\nc.c:1:1: error: c\n";
	int n = 0, rc = 0;

	CHECK_INT(heal_extract_new(&x, stop_at_two, &n), 0);
	CHECK_INT(logread_open_mem(&r, log, strlen(log), "t", 0), 0);
	while (rc == 0 && logread_next(r, &ln) == 1)
		rc = heal_extract_line(x, &ln);
	CHECK_INT(rc, -42);
	CHECK_INT(n, 2);
	logread_free(r);
	heal_extract_free(x);
}

TEST(heal_extract_terraform_box)
{
	CHECK_INT(run("\xe2\x95\xb7\n"
	              "\xe2\x94\x82 Error: Unsupported argument\n"
	              "\xe2\x94\x82 \n"
	              "\xe2\x94\x82   on main.tf line 12, in resource \"x\" \"y\":\n"
	              "\xe2\x94\x82   12:   acl2 = \"private\"\n"
	              "\xe2\x95\xb5\n"), 1);
	FILE_IS(0, "main.tf");
	CHECK_INT(E(0)->line, 12);
	CHECK_STR(E(0)->tool, "terraform");
	CHECK_STR(E(0)->message, "Unsupported argument");
	CHECK_INT(E(0)->ncont, 1);
}

TEST(heal_extract_shellcheck_tty)
{
	CHECK_INT(run("In a.sh line 3:\n"
	              "echo $1\n"
	              "     ^-- SC2086 (info): Double quote to prevent globbing.\n"), 1);
	FILE_IS(0, "a.sh");
	CHECK_INT(E(0)->line, 3);
	CHECK_INT(E(0)->col, 6);
	CHECK_STR(E(0)->code, "SC2086");
	CHECK_INT(E(0)->sev, HEAL_SEV_NOTE);
}

/* shellcheck 0.9's levels are error, warning, info and style: any word in
 * the parentheses, the message after "):" (tests/heal/real/shellcheck-tty) */
TEST(heal_extract_shellcheck_tty_style_level)
{
	CHECK_INT(run("In scripts/ci/run_tests.sh line 12:\n"
	              "    if [ $? != 0 ]; then\n"
	              "         ^-- SC2181 (style): Check exit code directly with e.g. 'if ! mycmd;', not indirectly with $?.\n"), 1);
	FILE_IS(0, "scripts/ci/run_tests.sh");
	CHECK_INT(E(0)->line, 12);
	CHECK_INT(E(0)->col, 10);
	CHECK_STR(E(0)->code, "SC2181");
	CHECK_STR(E(0)->message, "Check exit code directly with e.g. 'if ! mycmd;', not indirectly with $?.");
}

/* cppcheck's default template puts its class of finding where a severity
 * goes: style, performance and portability are severities too
 * (tests/heal/real/cppcheck) */
TEST(heal_extract_cppcheck_classes_as_severity)
{
	CHECK_INT(run("lib/legacy/str_util.cpp:14:69: performance: Function parameter 'sep' should be passed by const reference. [passedByValue]\n"
	              "std::string join(const std::vector<std::string> &parts, std::string sep)\n"
	              "                                                                    ^\n"
	              "src/math/linalg/matrix_ops.c:26:8: style: Checking if unsigned expression 'k' is less than zero. [unsignedLessThanZero]\n"
	              "src/a.c:3:1: portability: Casting between unsigned char * and double * which have an incompatible binary data representation. [invalidPointerCast]\n"), 3);
	FILE_IS(0, "lib/legacy/str_util.cpp");
	CHECK_INT(E(0)->col, 69);
	CHECK_INT(E(0)->sev, HEAL_SEV_WARNING);
	CHECK_STR(E(0)->message, "Function parameter 'sep' should be passed by const reference. [passedByValue]");
	CHECK_INT(E(1)->sev, HEAL_SEV_NOTE);
	CHECK_STR(E(1)->message, "Checking if unsigned expression 'k' is less than zero. [unsignedLessThanZero]");
	CHECK_INT(E(2)->sev, HEAL_SEV_WARNING);
}

TEST(heal_extract_message_on_next_line)
{
	CHECK_INT(run("src/Lib.hs:14:7: error:\n"
	              "    \xe2\x80\xa2 Couldn't match type\n"
	              "app/m.py:1 at module level:\n"
	              "        D100: Missing docstring in public module\n"
	              "error file=/s/A.scala message=Avoid mutable fields line=8 column=4\n"
	              "README.md\n"
	              "  1:1-1:12  warning  Missing newline  final-newline\n"
	              "app/v.slim:3 [W] LineLength: Line is too long.\n"), 5);
	CHECK_STR(E(0)->message, "\xe2\x80\xa2 Couldn't match type");
	CHECK_INT(E(0)->sev, HEAL_SEV_ERROR);
	CHECK_STR(E(1)->message, "D100: Missing docstring in public module");
	FILE_IS(2, "/s/A.scala");
	CHECK_INT(E(2)->col, 4);
	CHECK_STR(E(2)->message, "Avoid mutable fields");
	FILE_IS(3, "README.md");
	CHECK_INT(E(3)->end_line, 1);
	CHECK_INT(E(4)->sev, HEAL_SEV_WARNING);
	CHECK_STR(E(4)->message, "LineLength: Line is too long.");
}

/* Every extension of the tool-family switch, plus near misses. */
TEST(heal_extract_tool_from_extension)
{
	static const char *const t[][2] = {
		{ "rs", "rustc" }, { "c", "cc" }, { "h", "cc" }, { "cc", "cc" },
		{ "cpp", "cc" }, { "cxx", "cc" }, { "hpp", "cc" }, { "hh", "cc" },
		{ "go", "go" }, { "py", "python" }, { "pyi", "python" },
		{ "ts", "tsc" }, { "tsx", "tsc" }, { "mts", "tsc" }, { "js", "js" },
		{ "jsx", "js" }, { "mjs", "js" }, { "cjs", "js" }, { "vue", "js" },
		{ "css", "css" }, { "scss", "css" }, { "yml", "yaml" },
		{ "yaml", "yaml" }, { "sh", "shell" }, { "tf", "terraform" },
		{ "rb", "ruby" }, { "java", "java" }, { "kt", "kotlin" },
		{ "cs", "dotnet" }, { "proto", "protobuf" },
		/* not in the table: a longer or shorter name, upper case */
		{ "rsx", "generic" }, { "pyc", "generic" }, { "Rs", "generic" },
		{ "protos", "generic" }, { "t", "generic" }, { "yam", "generic" },
	};
	char log[128];
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(log, sizeof(log), "src/a.%s:3:5: error: broken\n", t[i][0]);
		CHECK_INT(run(log), 1);
		CHECK_STR(E(0)->tool, t[i][1]);
	}
	CHECK_INT(run("Makefile:3:5: error: broken\n"), 1);
	CHECK_STR(E(0)->tool, "generic");
}

/* The stylish file header is a lone path in column 0: an indented or
 * blank-padded path line is not one, so the rows below have no file. */
TEST(heal_extract_stylish_header_column0_only)
{
	CHECK_INT(run("/w/src/a.js\n"
	              "  2:10  error  'f' is defined but never used  no-unused-vars\n"), 1);
	FILE_IS(0, "/w/src/a.js");
	CHECK_INT(run("  /w/src/a.js\n"
	              "  2:10  error  'f' is defined but never used  no-unused-vars\n"), 0);
	CHECK_INT(run("/w/src/a.js \n"
	              "  2:10  error  'f' is defined but never used  no-unused-vars\n"), 0);
}

/* Found by fuzz_heal: a "YAMLException:" line without "(L:C)" that ends
 * the input (no line end, no NUL after it) was read one byte past its
 * end. The sanitizer build catches a regression; here the buffer is
 * exactly the line. */
TEST(heal_extract_yaml_js_at_end_of_input)
{
	static const char line[] = "x YAMLException: Redundant KKKK";
	char *buf = malloc(sizeof(line) - 1);

	CHECK(buf != NULL);
	memcpy(buf, line, sizeof(line) - 1);
	heal_entries_free(&L);
	L.max = 1000;
	CHECK_INT(heal_extract_mem(buf, sizeof(line) - 1, "t", &L), 0);
	free(buf);
	CHECK_INT(L.n, 1);
	CHECK_STR(E(0)->tool, "yaml");
	CHECK_INT(E(0)->line, 0);
	CHECK_INT(run("x YAMLException: bad indentation (3:5)\n"), 1);
	CHECK_INT(E(0)->line, 3);
	CHECK_INT(E(0)->col, 5);
}

/* The vector scanning helpers of rules.h against plain loops, for every
 * length around the 16-byte blocks and every position of the byte; the
 * input is an exact-size heap copy so that ASan sees any over-read. */
TEST(heal_extract_vector_helpers)
{
	size_t n, k, j;

	for (n = 0; n <= 49; n++) {
		for (k = 0; k <= n; k++) {
			char *p = malloc(n ? n : 1);
			const char *want;
			size_t lead = 0;

			CHECK(p != NULL);
			if (!p)
				return;
			for (j = 0; j < n; j++)
				p[j] = j < k ? (j % 3 ? ' ' : '\t') : (char)('a' + j % 26);
			/* a ':' at k (when k < n) and a second one later */
			if (k < n)
				p[k] = ':';
			if (k + 7 < n)
				p[k + 7] = ':';
			want = k < n ? p + k : NULL;
			CHECK(mem_byte(p, n, ':') == want);
			while (lead < n && (p[lead] == ' ' || p[lead] == '\t'))
				lead++;
			CHECK_INT((long)blanks_len(p, n), (long)lead);
			free(p);
		}
	}
}

/* Locations whose path crosses the 16-byte blocks of the file scanner,
 * and a blank or a bad byte before the ':' at every offset. */
TEST(heal_extract_long_paths)
{
	static const char path[] =
		"a/very/long/path/to/some/deeply/nested/module/file.c";
	char line[256];
	size_t k, len = sizeof(path) - 1;

	for (k = 1; k < len; k++) {
		snprintf(line, sizeof(line), "%.*s:12:3: error: broken thing\n",
		         (int)k, path);
		/* a bare word prefix ("a", "a/ve") is accepted only when it
		 * looks like a path: keep to the ones with a '/' or '.' */
		if (!memchr(line, '/', k) && !memchr(line, '.', k))
			continue;
		if (line[k - 1] == '/' || line[k - 1] == '.')
			continue;
		CHECK_INT(run(line), 1);
		CHECK_INT((long)strlen(E(0)->file), (long)k);
		CHECK_INT(E(0)->line, 12);
		CHECK_INT(E(0)->col, 3);
	}
	for (k = 0; k < len; k++) {
		snprintf(line, sizeof(line), "%s:12:3: error: broken thing\n", path);
		line[k] = ' ';
		run(line);
		CHECK(L.n == 0 || strcmp(E(0)->file ? E(0)->file : "", path) != 0);
		snprintf(line, sizeof(line), "%s:12:3: error: broken thing\n", path);
		line[k] = '"';
		CHECK_INT(run(line), 0);
	}
}

/* sc_severity at the very start of its input (the corpus scorer's use):
 * the markdownlint field test looks behind the word only right after a
 * location, never before the input (ASan caught the read in CI) */
TEST(heal_severity_at_input_start)
{
	static const char text[] = "error Line length";
	char *p = malloc(sizeof(text) - 1);
	struct sc s;
	enum heal_sev sev = HEAL_SEV_UNKNOWN;
	const char *code = NULL;
	size_t clen = 0;

	memcpy(p, text, sizeof(text) - 1);
	s.p = p;
	s.e = p + sizeof(text) - 1;
	/* no ':' and no code after the word: no severity field here */
	CHECK_INT(sc_severity(&s, &sev, &code, &clen), 0);
	CHECK(s.p == p);
	free(p);
}
