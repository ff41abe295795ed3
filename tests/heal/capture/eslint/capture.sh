#!/bin/sh
# Captures real ESLint output for tests/heal/real.
# Tool: ESLint v8.57.1 (npm "eslint@8", the last major with the compact
# formatter), Node.js v20; eslintrc config, built-in rules only.
# Install once: mkdir -p /tmp/jstools && cd /tmp/jstools && npm init -y &&
#   npm install eslint@8   (override with JSTOOLS=/path/to/dir)
#
# Logs, run as `eslint --report-unused-disable-directives .` in a CI checkout
# (stdout+stderr; ESLint prints absolute paths, so the project is copied to a
# fixed runner-like path to keep the logs deterministic):
#   tests/heal/real/eslint-stylish.log   default formatter
#   tests/heal/real/eslint-compact.log   -f compact
# Expected entries (.ok) come from `-f json` (to_ok.py), never from the human
# log. Rule: every message of every file is one entry (ESLint has no child
# notes; a fatal parse error has no ruleId and is an error):
#   FILE|LINE col COLUMN error|warning| MESSAGE
# FILE is filePath as ESLint reports it. MESSAGE is the message as the
# format prints it after the severity, the convention of the errorformat
# corpus (eslint.ok / eslint-compact.ok keep the rule id):
#   stylish: message without one final "." (stylish drops it), two blanks,
#            ruleId;
#   compact: message, " (ruleId)".
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
JSTOOLS=${JSTOOLS:-/tmp/jstools}
. "$HERE/../stage.sh"
stage /tmp/runner/work/web/web src lib scripts .eslintrc.json .eslintignore
echo "eslint $(node_modules/.bin/eslint --version) (node $(node --version))"

lint() { node_modules/.bin/eslint --report-unused-disable-directives "$@" . 2>&1 || true; }
lint > "$OUT/eslint-stylish.log"
lint -f compact > "$OUT/eslint-compact.log"
lint -f json > "$WORK/eslint.json"
python3 "$HERE/to_ok.py" stylish < "$WORK/eslint.json" > "$OUT/eslint-stylish.ok"
python3 "$HERE/to_ok.py" compact < "$WORK/eslint.json" > "$OUT/eslint-compact.ok"
wc -l "$OUT"/eslint-stylish.ok "$OUT"/eslint-compact.ok
