#!/bin/sh
# capture.sh - regenerates tests/heal/real/gcc-make.{log,ok} from proj/.
#
# Captured with: gcc (Debian 12.2.0-14+deb12u1) 12.2.0, GNU Make 4.3,
# GNU ld (GNU Binutils for Debian) 2.40.
#
# The log: `make -k` in proj/ as a CI job prints it (stdout and stderr
# together, LC_ALL=C.UTF-8 so gcc quotes with ‘ ’, -fdiagnostics-color=never
# from the Makefile).
#
# The .ok (to_ok.py), from machine-readable output only:
# - every compile command of `make -nB` is run again with
#   -fdiagnostics-format=json; each top-level diagnostic and each child
#   (note) with a location is one entry: FILE|LINE col COL KIND| MESSAGE,
#   the caret's "column" (gcc's default display column), " [OPTION]" added
#   when the JSON names the option (gcc prints it that way). "fatal error"
#   is TYPE error. Lines gcc prints without being a diagnostic (`In file
#   included from`, `In function`, `required from here`, `compilation
#   terminated.`) are not entries: the JSON has none of them.
# - make's own `make: *** [Makefile:N: target] Error S` lines, as
#   tests/heal/c-build.ok writes them (`Makefile|N error| Error S`): N is the
#   recipe's first line from make's database (`make -pnB`, "recipe to
#   execute (from 'Makefile', line N)") plus the index of the recipe line
#   that failed (the last one; the `@mkdir -p` before it never fails), S is
#   the exit status of the failed command as run here.
# - the link failure: ld has no machine format. Its expected line follows
#   the convention of tests/heal/c-build.ok (`parse.c|| undefined reference
#   to `strlcpy'`): FILE is the object's STT_FILE symbol (readelf), the
#   symbols are the object's undefined symbols (nm -u) that no linked
#   library defines (nm -D of the libc the link uses); the message is ld's
#   fixed wording "undefined reference to `SYM'". The `in function` line,
#   collect2's summary and make's "Target not remade" are not entries.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../common.sh"
gcc --version | head -1
make --version | head -1
ld --version | head -1
make_capture gcc-make python3
