#!/bin/sh
# Captures pylint's output on ./project for tests/heal/real/pylint.{log,ok}.
# Tool: pylint 2.16.2 (astroid 2.14.2), CPython 3.11.2, Debian 12 package
# `pylint`.
#
# pylint.log: the default text format (stdout+stderr), as a CI job prints it:
#             "************* Module x" headers, one line per message (the
#             duplicate-code message spans several lines), the rating.
# pylint.ok:  the same run's arguments with --output-format=json; each
#             message is "path|line col column TYPE NR| MESSAGE" with TYPE the
#             message id's letter, NR its number and MESSAGE the first line of
#             the default template's "{msg} ({symbol})" filled from the JSON
#             fields (so a one-line message ends in its symbol, the multi-line
#             duplicate-code message's first line does not). pylint's columns
#             are 0-based and written as given. The "Module" headers and the
#             rating are not diagnostics. Every message has a location.
# The files are given sorted: with a directory pylint walks it in the file
# system's order, which differs between machines.
# The duplicated function is the last one in both modules: followed by other
# code, pylint 2.16 printed its duplicate-code snippet with or without the
# next line from run to run.
# Rerun from anywhere: sh tests/heal/capture/pylint/capture.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../../real
cd "$here/project"
# A fresh stats directory: otherwise the rating line compares with the
# previous run ("previous run: ..."), as it never does in a clean CI job.
PYLINTHOME=$(mktemp -d)
export PYLINTHOME
trap 'rm -rf "$PYLINTHOME"' EXIT
pylint --version
files=$(find inventory -name '*.py' | LC_ALL=C sort)
# pylint's exit status is a bit mask of the message kinds found.
pylint $files > "$out/pylint.log" 2>&1 || true
pylint --output-format=json $files > "$here/pylint.json" || true
python3 - "$here/pylint.json" "$out/pylint.ok" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    msgs = json.load(f)
rows = []
for m in msgs:
    mid = m["message-id"]
    text = ("%s (%s)" % (m["message"], m["symbol"])).split("\n")[0]
    rows.append("%s|%d col %d %s %s| %s" % (m["path"], m["line"], m["column"], mid[0], mid[1:], text))
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("".join(r + "\n" for r in rows))
print("pylint: %d expected entries" % len(rows))
PY
rm -f "$here/pylint.json"
