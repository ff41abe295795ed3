#!/bin/sh
# Captures real stylelint output for tests/heal/real.
# Tool: stylelint 17.16.0 with stylelint-config-standard 40.0.0, Node.js v20.
# Install once: mkdir -p /tmp/jstools && cd /tmp/jstools && npm init -y &&
#   npm install stylelint stylelint-config-standard (override: JSTOOLS=dir)
#
# Log: tests/heal/real/stylelint.log, the default (string) formatter, run as
# `stylelint FILE...` (the CSS files, sorted) in the project dir; stylelint
# writes its report to stderr, so stdout+stderr as the job log shows them.
# Expected entries (.ok) come from `--formatter json` (to_ok.py), never from
# the human log. Rule: every warning of every result, plus invalidOptionWarnings
# and parseErrors when there are any (none here); stylelint has no child notes.
#   FILE|LINE col COLUMN error|warning| MESSAGE
# FILE is the source relative to the project dir (as the string formatter
# prints it). MESSAGE is the text as the format prints it, the convention of
# the errorformat corpus (stylelint.ok keeps the rule name): the text without
# its trailing " (rule)", two blanks, the rule.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
JSTOOLS=${JSTOOLS:-/tmp/jstools}
. "$HERE/../stage.sh"
stage /tmp/runner/work/web/web src styles .stylelintrc.json
echo "stylelint $(node_modules/.bin/stylelint --version) (node $(node --version))"

FILES=$(find src styles -name '*.css' | LC_ALL=C sort)
# shellcheck disable=SC2086
node_modules/.bin/stylelint $FILES > "$OUT/stylelint.log" 2>&1 || true
# shellcheck disable=SC2086
node_modules/.bin/stylelint --formatter json $FILES > "$WORK/stylelint.json" 2>&1 || true
python3 "$HERE/to_ok.py" "$WORK" < "$WORK/stylelint.json" > "$OUT/stylelint.ok"
wc -l "$OUT/stylelint.ok"
