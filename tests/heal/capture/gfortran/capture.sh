#!/bin/sh
# capture.sh - regenerates tests/heal/real/gfortran.{log,ok} from proj/.
#
# Captured with: GNU Fortran (Debian 12.2.0-14+deb12u1) 12.2.0.
#
# The log: a CI build step compiling the sources one by one in dependency
# order (modules first), `gfortran -Wall -fdiagnostics-color=never -J build
# -c SRC -o build/NAME.o`, each command echoed before it runs, going on
# after a failure (stdout and stderr together, LC_ALL=C.UTF-8 so gfortran
# quotes with ‘ ’). gfortran prints `FILE:LINE:COL:` alone, a blank line, the
# code line(s) with `1`/`2` markers, then `Error: msg` / `Warning: msg
# [-Wopt]` / `Fatal Error: msg`; a diagnostic with two locations prints the
# header of the first and both code lines. `compilation terminated.` follows
# a fatal error, `f951: some warnings being treated as errors` a
# -Werror= warning.
#
# The .ok (to_ok.py), from -fdiagnostics-format=json: each source is
# compiled again in the same order in a scratch build dir with the JSON
# format; each diagnostic with a location is one entry:
#   FILE|LINE col COL TYPE| message [-Wopt]
# the first location's caret: line and "byte-column" (what gfortran's text
# prints: for `<TAB>do i = …` it prints 11:2, the byte column, where the
# JSON's "column", the display column, says 9),
# TYPE the JSON kind ("fatal error" -> error), " [OPTION]" when the JSON
# names the option (gfortran prints it that way; -Werror= included).
# `compilation terminated.` and the f951 line are not entries: the JSON has
# no diagnostic for them.
# gcc 12's JSON for Fortran is a superset of what gfortran reports: it also
# holds the tentative errors of gfortran's statement matcher that the text
# output discards (a valid `module constants` line gives "Function ‘module’
# requires an argument list"; every diagnostic nests as a child of the
# first). So the entries are the JSON diagnostics that the same compile in
# text form prints as a `FILE:L:C:` header with a `Kind: message` line
# (to_ok.py's printed()): every field still comes from the JSON, the text
# only selects, and to_ok.py fails when a printed diagnostic has no JSON
# counterpart (or when the JSON run prints other text, as gcc 12 does for
# middle-end warnings such as -Wuninitialized, left out of this project).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
gfortran --version | head -1
cd "$here/proj"
srcs="src/core/constants.f90 src/core/grid.f90 src/solvers/io/output_writer.f90
src/solvers/heat_equation.f90 src/solvers/wave.f90 src/main.f90"
rm -rf build && mkdir build
for src in $srcs; do
    cmd="gfortran -Wall -fdiagnostics-color=never -J build -c $src -o build/$(basename "$src" .f90).o"
    echo "$cmd"
    $cmd 2>&1 || true
done > "$out/gfortran.log"
rm -rf build
python3 "$here/to_ok.py" "$tmp/build" $srcs > "$out/gfortran.ok"
wrote gfortran
