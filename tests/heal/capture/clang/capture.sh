#!/bin/sh
# capture.sh - regenerates tests/heal/real/clang.{log,ok} from proj/.
#
# Captured with: Debian clang version 14.0.6, GNU Make 4.3, libclang 14
# through Debian's python3-clang-14 (apt-get install clang python3-clang-14).
#
# The log: `make -k` in proj/ as a CI job prints it (stdout and stderr
# together; the Makefile passes -fno-color-diagnostics).
#
# The .ok (to_ok.py), from machine-readable output only. clang 14 has no
# machine format of its own (`-fdiagnostics-format=sarif` is rejected:
# "invalid value 'sarif'"), so every compile command of `make -nB` is parsed
# again through libclang (clang.cindex) with the same flags:
# - each diagnostic and each child (note) with a location is one entry:
#   FILE|LINE col COL KIND| MESSAGE, the location as clang_getFileLocation
#   gives it (where the text output puts it: a macro argument's spelling,
#   else the expansion; columns are bytes, 1-based), " [-Wflag]" added when
#   libclang names the option (clang prints it that way). "fatal error" is
#   TYPE error. Children are the notes clang prints as their own located
#   lines, "expanded from macro" and "in instantiation of ..." included.
#   libclang also reports the include stack as "in file included from F:N:"
#   notes; clang prints those as `In file included from F:N:` headers, not
#   as located diagnostics: not entries (as in gcc-make.ok).
# - fix-it lines, code snippets and "N warnings and M errors generated."
#   carry no location: not entries.
# - make's own `make: *** [Makefile:N: target] Error S` lines, as
#   tests/heal/c-build.ok writes them (`Makefile|N error| Error S`): N is the
#   recipe's last line from make's database (`make -pnB`), S the exit status
#   of the compile command run again here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../common.sh"
clang --version | head -1
make --version | head -1
make_capture clang /usr/bin/python3
