#!/bin/sh
# capture.sh - regenerates tests/heal/real/javac.{log,ok} from proj/.
#
# Captured with: javac 17.0.15 (OpenJDK 17, Debian bookworm openjdk-17-jdk).
#
# The log: `javac -Xlint:all -d out $(sorted file list)` run in proj/ as a CI
# job prints it (stdout and stderr together, LC_ALL=C.UTF-8 so javac writes
# UTF-8): `FILE:LINE: error|warning: msg`, the code line, a caret, the
# message's further lines (symbol:/location:/required:/found:/where ...), and
# the `N errors` / `N warnings` summary. javac prints no column.
# javac runs attribution and flow class by class (compile policy byTodo), so
# Batch.java, sorted first, gets its flow errors (unreachable statement,
# uninitialized variable, unreported exception) before the attribution errors
# of later files stop flow analysis.
#
# The .ok, from machine-readable output only: Diags.java runs the same
# compile through the compiler API (ToolProvider.getSystemJavaCompiler(),
# diagnostics collected by a DiagnosticListener) and prints each
# diagnostic's kind, source path, line, column, lint category and message.
# - every diagnostic with a source file is one entry:
#   FILE|LINE TYPE| MESSAGE   (no col: javac's text prints none; the API's
#   1-based column is where the caret points)
#   TYPE: ERROR -> error; WARNING and MANDATORY_WARNING -> warning.
#   MESSAGE: "[lint] " when the diagnostic has a lint category (javac prints
#   the category's option name that way), then the first line of the
#   message as javac's own log formatter words it (getMessage(Locale.ROOT)
#   gives the same text with qualified type names, java.util.List, where the
#   printed text says List).
# - diagnostics without a source (javac's `Note: ...` lines, e.g. about
#   -Xdiags:verbose) are not entries: the text prints them as plain notes,
#   not as error lines. This project has none.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
javac -version 2>&1
x="--add-exports jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED"
x="$x --add-exports jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED"
x="$x --add-exports jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED"
javac $x -d "$tmp/diags" "$here/Diags.java"
cd "$here/proj"
files=$(find src -name '*.java' | LC_ALL=C sort)
javac -Xlint:all -d "$tmp/out" $files > "$out/javac.log" 2>&1 || true
java $x --add-opens jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED -cp "$tmp/diags" \
    Diags -Xlint:all -d "$tmp/out2" -- $files | python3 -c '
import sys
TYPE = {"ERROR": "error", "WARNING": "warning", "MANDATORY_WARNING": "warning"}
for line in sys.stdin.read().split("\n"):
    if not line:
        continue
    kind, path, lnum, col, lint, qualified, msg = line.split("\t")
    if not path:
        continue
    print("%s|%s %s| %s%s" % (path, lnum, TYPE[kind], "[%s] " % lint if lint else "", msg))
' > "$out/javac.ok"
wrote javac
