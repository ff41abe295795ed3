#!/bin/sh
# Captures real JSHint output for tests/heal/real.
# Tool: JSHint v2.13.6 (npm "jshint"), Node.js v20; options in .jshintrc.
# Install once: mkdir -p /tmp/jstools2 && cd /tmp/jstools2 && npm init -y &&
#   npm install jshint   (override with JSTOOLS=/path/to/dir)
#
# Logs, run as `jshint src scripts` in the project dir (stdout+stderr):
#   tests/heal/real/jshint.log        the default reporter
#                                     (`FILE: line L, col C, MESSAGE`, a blank
#                                     line between files, `N errors` last)
#   tests/heal/real/jshint-unix.log   --reporter=unix (`FILE:L:C: MESSAGE`)
# Expected entries (.ok) come from --reporter=checkstyle of the same run
# (XML), never from the human logs. Rule: every <error> of every <file> is
# one entry (JSHint has no child notes; both human reporters print each one
# as its own located line, without a severity):
#   FILE|LINE col COLUMN error|warning|info| MESSAGE
# FILE is the <file name>, LINE/COLUMN/severity the <error> attributes,
# MESSAGE its message attribute (XML entities decoded). The `N errors`
# summary is no entry: it has no location and names no error.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
JSTOOLS=${JSTOOLS:-/tmp/jstools2}
. "$HERE/../stage.sh"
stage /tmp/runner/work/shop/shop src scripts .jshintrc
echo "$(node_modules/.bin/jshint --version 2>&1) (node $(node --version))"

lint() { node_modules/.bin/jshint "$@" src scripts 2>&1 || true; }
lint > "$OUT/jshint.log"
lint --reporter=unix > "$OUT/jshint-unix.log"
lint --reporter=checkstyle > "$WORK/jshint.xml"
python3 - "$WORK/jshint.xml" > "$OUT/jshint.ok" <<'PY'
import sys
import xml.etree.ElementTree as ET

for f in ET.parse(sys.argv[1]).getroot().iter("file"):
    for e in f.iter("error"):
        print("%s|%s col %s %s| %s" % (f.get("name"), e.get("line"),
              e.get("column"), e.get("severity"), e.get("message")))
PY
cp "$OUT/jshint.ok" "$OUT/jshint-unix.ok"
wc -l "$OUT/jshint.ok" "$OUT/jshint-unix.ok"
