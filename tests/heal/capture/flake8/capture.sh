#!/bin/sh
# Captures flake8's output on ./project for tests/heal/real/flake8.{log,ok}.
# Tool: flake8 5.0.4 (mccabe 0.7.0, pycodestyle 2.10.0, pyflakes 2.5.0),
# CPython 3.11.2, Debian 12 package `flake8`.
#
# flake8.log: the default format, stdout+stderr, as a CI job prints it.
# flake8.ok:  the same run's arguments with --format giving the tool's own
#             fields (path, row, col, code, text) TAB-separated, converted to
#             "FILE|LINE col COL TYPE NR| MESSAGE" (TYPE = the code's letter,
#             NR = its number). Every diagnostic is one located line of the
#             log, so every one is expected; flake8 has none without a
#             location.
# The files are given sorted: a directory walk follows the file system's
# order, which differs between machines.
# Rerun from anywhere: sh tests/heal/capture/flake8/capture.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../../real
cd "$here/project"
flake8 --version
files=$(find . -name '*.py' | LC_ALL=C sort)
# flake8 exits 1 when it reports anything; that is the point here.
flake8 $files > "$out/flake8.log" 2>&1 || true
tab=$(printf '\t')
flake8 --format="%(path)s$tab%(row)d$tab%(col)d$tab%(code)s$tab%(text)s" $files > "$here/flake8.tsv" 2>&1 || true
python3 - "$here/flake8.tsv" "$out/flake8.ok" <<'PY'
import sys
rows = []
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f.read().splitlines():
        path, row, col, code, text = line.split("\t", 4)
        letter = code.rstrip("0123456789")
        rows.append("%s|%s col %s %s %s| %s" % (path, row, col, letter, code[len(letter):], text))
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("".join(r + "\n" for r in rows))
print("flake8: %d expected entries" % len(rows))
PY
rm -f "$here/flake8.tsv"
