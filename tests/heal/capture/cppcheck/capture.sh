#!/bin/sh
# capture.sh - regenerates tests/heal/real/cppcheck.{log,ok} from proj/.
#
# Captured with: Cppcheck 2.10 (Debian bookworm).
#
# The log: `cppcheck --enable=warning,style,performance,portability src lib`
# run in proj/ as a CI job prints it: the "Checking F ..." / "N/M files
# checked" progress (stdout) and the diagnostics in the default template
# (stderr: `{file}:{line}:{column}: {severity}:{inconclusive:inconclusive:}
# {message} [{id}]`, the code line and a caret; then one `note:` line per
# location of the error's path), both into one file.
#
# The .ok (inline python below), from the same run with --xml only:
# - each <error> is one entry at its first <location> (the primary one):
#   FILE|LINE col COL TYPE| msg [id]  (" [id]" as the default template
#   prints it; TYPE error/warning/info, cppcheck's style, performance and
#   portability written as warning);
# - when an <error> has more than one <location>, the human template prints
#   every location as a located `note:` line (its info attribute, or the
#   error's msg for the primary location, which has none): each is a note
#   entry, duplicates included (cppcheck prints them twice too).
# - cppcheck's XML holds no entry for the progress lines; they are not entries.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
out=$repo/tests/heal/real
export LC_ALL=C.UTF-8
cppcheck --version
mkdir -p "$out"
cd "$here/proj"
opts="--enable=warning,style,performance,portability"
cppcheck $opts src lib > "$out/cppcheck.log" 2>&1 || true
cppcheck $opts --xml src lib 2>&1 >/dev/null | python3 -c '
import sys
import xml.etree.ElementTree as ET
TYPE = {"error": "error", "warning": "warning", "style": "warning",
        "performance": "warning", "portability": "warning",
        "information": "info"}
root = ET.fromstring(sys.stdin.read())
for e in root.iter("error"):
    locs = e.findall("location")
    if not locs:
        continue  # no location: the default template prints none of these here
    p = locs[0]
    print("%s|%s col %s %s| %s [%s]" % (p.get("file"), p.get("line"), p.get("column"),
                                         TYPE[e.get("severity")], e.get("msg"), e.get("id")))
    if len(locs) > 1:
        for l in locs:
            print("%s|%s col %s note| %s" % (l.get("file"), l.get("line"), l.get("column"),
                                            l.get("info") or e.get("msg")))
' > "$out/cppcheck.ok"
echo "wrote $out/cppcheck.log ($(wc -l < "$out/cppcheck.log") lines), cppcheck.ok ($(wc -l < "$out/cppcheck.ok") entries)"
