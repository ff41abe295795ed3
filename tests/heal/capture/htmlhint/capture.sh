#!/bin/sh
# Captures real HTMLHint output for tests/heal/real.
# Tool: HTMLHint 1.9.2 (npm "htmlhint"), Node.js v20; rules in .htmlhintrc.
# Install once: mkdir -p /tmp/jstools2 && cd /tmp/jstools2 && npm init -y &&
#   npm install htmlhint   (override with JSTOOLS=/path/to/dir)
#
# Log: tests/heal/real/htmlhint.log, the default formatter of
# `htmlhint --nocolor public templates` (stdout+stderr). HTMLHint prints
# absolute paths, so the project is copied to a fixed runner-like path. The
# report: `   Config loaded: …`, then per file an indented path line and per
# hint two lines, the source line (`      L13 |<code>`, cut to a window with
# "..." around long lines) and a caret under the column with the message
# and `(rule-id)`; last `Scanned N files, found N errors in N files (T ms)`.
# T is the run's elapsed time: the script pins it to "(25 ms)" so that a
# rerun writes the same bytes (the only byte that is changed).
# Expected entries (.ok) come from `--format json` of the same run, never
# from the human log. Rule: every message of every file is one entry (no
# child notes; the summary line has no location and is no entry):
#   FILE|LINE col COL error|warning|info| MESSAGE (rule-id)
# FILE is the JSON file (absolute, as printed), LINE/COL/TYPE the message's
# line, col and type, MESSAGE the message and " (rule.id)", as printed.
# The human log shows the column only as the caret: it is the caret's
# offset in the source excerpt except (1) after a "..." cut (col > 41) the
# caret sits at a fixed offset and the column cannot be read from the log,
# (2) HTMLHint moves the caret one more place for each character above
# U+00FF before it. The .ok keeps the JSON's column in every case.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
JSTOOLS=${JSTOOLS:-/tmp/jstools2}
. "$HERE/../stage.sh"
stage /tmp/runner/work/shop-site/shop-site public templates .htmlhintrc
echo "htmlhint $(node_modules/.bin/htmlhint --version) (node $(node --version))"

node_modules/.bin/htmlhint --nocolor public templates 2>&1 |
	sed -E 's/^(Scanned .*) \([0-9]+ ms\)$/\1 (25 ms)/' > "$OUT/htmlhint.log" || true
node_modules/.bin/htmlhint --format json public templates > "$WORK/htmlhint.json" 2>&1 || true
python3 - "$WORK/htmlhint.json" > "$OUT/htmlhint.ok" <<'PY'
import json
import sys

for f in json.load(open(sys.argv[1], encoding="utf-8")):
    for m in f["messages"]:
        print("%s|%d col %d %s| %s (%s)" % (f["file"], m["line"], m["col"],
              m["type"], m["message"], m["rule"]["id"]))
PY
wc -l "$OUT/htmlhint.ok"
