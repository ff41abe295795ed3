#!/bin/sh
# capture.sh - regenerates tests/heal/real/checkstyle.{log,ok} from proj/.
#
# Captured with: Checkstyle 8.36.1 (Debian bookworm `apt-get install
# checkstyle`), its bundled google_checks.xml (every check at severity
# warning), OpenJDK 17.
#
# The log: `checkstyle -c /usr/share/checkstyle/google_checks.xml src` as a
# CI job prints it (stdout and stderr together): `Starting audit...`, one
# `[WARN] FILE:LINE[:COL]: message [CheckName]` line per violation, `Audit
# done.`. Checkstyle prints absolute paths, so the project is copied to a
# fixed, CI-like checkout path to keep the log deterministic.
#
# The .ok (inline python below), from the same run with `-f xml` only:
# - every <error> of every <file> is one entry:
#   FILE|LINE [col COL] TYPE| message [CheckName]
#   FILE the <file name>; col only when the <error> has a column attribute
#   (checkstyle prints `:COL` exactly then); TYPE the severity attribute
#   (warning here; error/info map to themselves); " [CheckName]" as the
#   plain format prints it: the source attribute's class name without its
#   package and without the "Check" suffix (no check in google_checks.xml
#   sets an id, which the plain format would print instead).
# - `Starting audit...` / `Audit done.` have no XML counterpart: not entries.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
out=$repo/tests/heal/real
work=/tmp/runner/work/billing/billing   # a fixed, CI-like checkout path
conf=/usr/share/checkstyle/google_checks.xml
export LC_ALL=C.UTF-8
checkstyle --version
rm -rf "$work" && mkdir -p "$work" "$out"
cp -R "$here/proj/src" "$work/"
cd "$work"
checkstyle -c "$conf" src > "$out/checkstyle.log" 2>&1 || true
checkstyle -c "$conf" -f xml src 2>/dev/null | python3 -c '
import sys
import xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
for f in root.iter("file"):
    for e in f.iter("error"):
        name = e.get("source").rsplit(".", 1)[-1]
        if name.endswith("Check"):
            name = name[:-len("Check")]
        col = " col %s" % e.get("column") if e.get("column") else ""
        print("%s|%s%s %s| %s [%s]" % (f.get("name"), e.get("line"), col,
                                        e.get("severity"), e.get("message"), name))
' > "$out/checkstyle.ok"
rm -rf "$work"
echo "wrote $out/checkstyle.log ($(wc -l < "$out/checkstyle.log") lines), checkstyle.ok ($(wc -l < "$out/checkstyle.ok") entries)"
