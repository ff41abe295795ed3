#!/bin/sh
# Captures real TypeScript compiler output for tests/heal/real.
# Tool: TypeScript 5.9.3 (npm "typescript@5"; the 7.x native compiler has no
# JavaScript compiler API to take the ground truth from), Node.js v20.
# Install once: mkdir -p /tmp/jstools/ts5 && cd /tmp/jstools/ts5 &&
#   npm init -y && npm install typescript@5
# Override the location with TS5=/path/to/dir-with-node_modules.
#
# Logs (two tsc runs, as a CI "typecheck" step running the app and the test
# project one after the other; the test project fails early on a global
# diagnostic that has no location):
#   tests/heal/real/tsc.log         tsc --noEmit --pretty false (the CI form)
#   tests/heal/real/tsc-pretty.log  tsc --noEmit --pretty true; tsc colours
#                                   --pretty output whatever NO_COLOR/TERM say,
#                                   so the ANSI codes stay in the log
# Expected entries (.ok) come from the compiler API (to_ok.js), never from
# the human log: the diagnostics tsc itself reports for the program
# (config-file and options/global diagnostics first; syntactic; semantic only
# when there were none, as tsc's emitFilesAndReportErrors does), sorted and
# deduplicated with ts.sortAndDeduplicateDiagnostics.
#   FILE|LINE col COL error NR| first line of flattenDiagnosticMessageText
# Rule for what goes in the .ok:
#   - every diagnostic with a file: file relative to the project dir, line and
#     column 1-based;
#   - a diagnostic without a file (e.g. TS2688 on compilerOptions.types) is
#     printed as "error TS2688: ..." at the start of a line: kept with an
#     empty FILE/LINE;
#   - related information ("'x' is declared here.") is printed by --pretty
#     only, as its own indented "FILE:L:C" line above a code frame and its
#     message: kept (TYPE note) in tsc-pretty.ok, absent from tsc.ok.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../../../.." && pwd)
TS5=${TS5:-/tmp/jstools/ts5}
OUT=$REPO/tests/heal/real
WORK=/tmp/runner/work/web/web   # a fixed, CI-like checkout path

rm -rf "$WORK" && mkdir -p "$WORK" "$OUT"
cp -R "$HERE/src" "$HERE/tests" "$HERE/tsconfig.json" "$HERE/tsconfig.test.json" "$WORK/"
mkdir -p "$WORK/node_modules" && cp -R "$TS5/node_modules/typescript" "$WORK/node_modules/"  # a copy: a symlink makes tsc print lib paths through it
cd "$WORK"
echo "tsc $(node_modules/typescript/bin/tsc --version) (node $(node --version))"

run() {  # run PRETTY: both projects, stdout+stderr as a job log shows them
    for p in tsconfig.json tsconfig.test.json; do
        node_modules/typescript/bin/tsc --noEmit --pretty "$1" -p "$p" 2>&1 || true
    done
}
run false > "$OUT/tsc.log"
run true > "$OUT/tsc-pretty.log"
node "$HERE/to_ok.js" false tsconfig.json tsconfig.test.json > "$OUT/tsc.ok"
node "$HERE/to_ok.js" true tsconfig.json tsconfig.test.json > "$OUT/tsc-pretty.ok"
wc -l "$OUT"/tsc.ok "$OUT"/tsc-pretty.ok
