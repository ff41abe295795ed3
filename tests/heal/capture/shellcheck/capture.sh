#!/bin/sh
# capture.sh - regenerates tests/heal/real/shellcheck-{tty,gcc}.{log,ok} from proj/.
#
# Captured with: ShellCheck 0.9.0 (Debian bookworm).
#
# The logs: `shellcheck FILES` in proj/ as a CI job prints it, once in the
# default tty format (`In F line N:`, the source line, `^-- SCnnnn (level):
# msg` under the column; "Did you mean" fixes; the wiki links at the end)
# and once with `-f gcc` (`F:L:C: level: msg [SCnnnn]`), stdout and stderr
# together, no colour (not a terminal; --color=never too).
#
# The .ok (inline python below), from `shellcheck -f json` on the same
# files only: one entry per JSON comment,
#   FILE|LINE col COLUMN TYPE NR| MESSAGE
# TYPE the JSON level (style written as info), NR its code; MESSAGE the
# JSON message, plus " [SCnnnn]" for the gcc format, which prints the code
# after the message on the same line (the tty format prints it before).
# Lines without a location (the wiki links, "Did you mean") are not entries.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
out=$repo/tests/heal/real
export LC_ALL=C.UTF-8
shellcheck --version | sed -n 2p
mkdir -p "$out"
cd "$here/proj"
files="scripts/ci/run_tests.sh scripts/release/helpers/publish_artifacts.sh scripts/dev/bootstrap_env.sh hooks/pre-commit"
shellcheck --color=never $files > "$out/shellcheck-tty.log" 2>&1 || true
shellcheck --color=never -f gcc $files > "$out/shellcheck-gcc.log" 2>&1 || true
for fmt in tty gcc; do
shellcheck -f json $files | python3 -c '
import json, sys
fmt = sys.argv[1]
for c in json.load(sys.stdin):
    level = "info" if c["level"] == "style" else c["level"]
    msg = c["message"].split("\n")[0]
    if fmt == "gcc":
        msg += " [SC%d]" % c["code"]
    print("%s|%d col %d %s %d| %s" % (c["file"], c["line"], c["column"], level, c["code"], msg))
' $fmt > "$out/shellcheck-$fmt.ok"
done
for fmt in tty gcc; do
    echo "wrote $out/shellcheck-$fmt.log ($(wc -l < "$out/shellcheck-$fmt.log") lines), shellcheck-$fmt.ok ($(wc -l < "$out/shellcheck-$fmt.ok") entries)"
done
