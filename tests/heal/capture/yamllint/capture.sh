#!/bin/sh
# Captures yamllint's output on ./project for tests/heal/real/yamllint.{log,ok}
# (the standard format) and yamllint-parsable.{log,ok} (-f parsable).
# Tool: yamllint 1.29.0, CPython 3.11.2, Debian 12 package `yamllint`,
# default configuration.
#
# yamllint.log:          -f standard, what yamllint prints without a tty (a
#                        file header, then "  L:C  level  message  (rule)").
# yamllint-parsable.log: -f parsable, one "F:L:C: [level] message (rule)" line
#                        per problem.
# The .ok files (both the same): yamllint has no JSON output, so the
# expected entries come from the parsable run, one per problem:
# "FILE|LINE col COL level| message (rule)". Before they are written, every
# parsable problem is checked against the standard run: both must list the
# same (file, line, col, level, rule) set, or the script fails. Every problem
# has a location; none is left out.
# The files are given sorted: with a directory yamllint walks it in the file
# system's order, which differs between machines.
# Rerun from anywhere: sh tests/heal/capture/yamllint/capture.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../../real
cd "$here/project"
yamllint --version
files=$(find . -name '*.yaml' -o -name '*.yml' | LC_ALL=C sort)
# yamllint exits 1 when it finds an error-level problem.
yamllint -f standard $files > "$out/yamllint.log" 2>&1 || true
yamllint -f parsable $files > "$out/yamllint-parsable.log" 2>&1 || true
python3 - "$out/yamllint-parsable.log" "$out/yamllint.log" "$out" <<'PY'
import os, re, sys
parsable, standard, out = sys.argv[1:]
PARS = re.compile(r"^(.+?):(\d+):(\d+): \[(\w+)\] (.*) \(([\w-]+)\)$")
HEAD = re.compile(r"^\S.*$")
ROW = re.compile(r"^  (\d+):(\d+) +(\w+) +(.*?) +\(([\w-]+)\)$")
rows, got = [], set()
with open(parsable, encoding="utf-8") as f:
    for line in f.read().splitlines():
        m = PARS.match(line)
        assert m, "not a parsable line: %r" % line
        path, ln, col, level, msg, rule = m.groups()
        rows.append("%s|%s col %s %s| %s (%s)" % (path, ln, col, level, msg, rule))
        got.add((path, int(ln), int(col), level, rule))
# Cross-check against the standard run (a check only; the .ok comes from
# the parsable run above).
seen, path = set(), None
with open(standard, encoding="utf-8") as f:
    for line in f.read().splitlines():
        if not line:
            continue
        m = ROW.match(line)
        if m:
            assert path, "row before any file header: %r" % line
            seen.add((path, int(m.group(1)), int(m.group(2)), m.group(3), m.group(5)))
        else:
            assert HEAD.match(line), "unexpected standard line: %r" % line
            path = line
assert len(rows) == len(got), "duplicate problems in the parsable run"
assert seen == got, "standard and parsable differ: %r / %r" % (sorted(seen - got), sorted(got - seen))
for name in ("yamllint.ok", "yamllint-parsable.ok"):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        f.write("".join(r + "\n" for r in rows))
print("yamllint: %d expected entries, standard and parsable agree" % len(rows))
PY
