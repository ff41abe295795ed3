#!/bin/sh
# Captures real markdownlint-cli output for tests/heal/real.
# Tool: markdownlint-cli 0.48.0 (markdownlint library 0.40.0), Node.js v20.
# Install once: mkdir -p /tmp/jstools2 && cd /tmp/jstools2 && npm init -y &&
#   npm install markdownlint-cli   (override with JSTOOLS=/path/to/dir)
#
# Log: tests/heal/real/markdownlint.log, the default output of
# `markdownlint README.md docs` in the project dir (.markdownlint.jsonc makes
# MD013 and MD033 warnings); markdownlint-cli writes its report to stderr, so
# stdout+stderr as the job log shows them. Lines look like
#   docs/index.md:4:1 error MD018/no-missing-space-atx No space after ...
#   docs/index.md:8 error MD003/heading-style Heading style [...]
# (no column when the rule gives no range; no colon before the severity).
# Expected entries (.ok) come from `--json` of the same run (to_ok.py), never
# from the human log. Rule: every result is one entry (markdownlint has no
# child notes):
#   FILE|LINE[ col COL] error|warning| MESSAGE
# FILE is fileName, LINE lineNumber, COL errorRange[0] when there is a range
# (the CLI prints no column without one), TYPE the result's severity.
# MESSAGE is the text as the format prints it after the severity, built from
# the JSON fields the way markdownlint-cli does: ruleNames joined by "/",
# a blank, ruleDescription, " [errorDetail]" when set, ' [Context: "..."]'
# when errorContext is set.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
JSTOOLS=${JSTOOLS:-/tmp/jstools2}
. "$HERE/../stage.sh"
stage /tmp/runner/work/widgetry/widgetry README.md docs .markdownlint.jsonc
echo "markdownlint-cli $(node_modules/.bin/markdownlint --version) (node $(node --version))"

node_modules/.bin/markdownlint README.md docs > "$OUT/markdownlint.log" 2>&1 || true
node_modules/.bin/markdownlint --json README.md docs > "$WORK/markdownlint.json" 2>&1 || true
python3 - "$WORK/markdownlint.json" > "$OUT/markdownlint.ok" <<'PY'
import json
import sys

for r in json.load(open(sys.argv[1], encoding="utf-8")):
    msg = "/".join(r["ruleNames"]) + " " + r["ruleDescription"]
    if r["errorDetail"]:
        msg += " [%s]" % r["errorDetail"]
    if r["errorContext"]:
        msg += ' [Context: "%s"]' % r["errorContext"]
    loc = str(r["lineNumber"])
    if r["errorRange"] and r["errorRange"][0]:
        loc += " col %d" % r["errorRange"][0]
    print("%s|%s %s| %s" % (r["fileName"], loc, r["severity"], msg))
PY
wc -l "$OUT/markdownlint.ok"
