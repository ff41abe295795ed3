#!/bin/sh
# capture.sh - regenerates tests/heal/real/clang-tidy.{log,ok} from proj/.
#
# Captured with: Debian LLVM version 14.0.6 (clang-tidy 14, apt-get install
# clang-tidy; /usr/bin/clang++ 14 for the compile database), python3-yaml.
#
# The log: a CI lint step that runs `clang-tidy -p build FILE` once per
# source file (checks from proj/.clang-tidy: the compiler warnings of
# -Wall (clang-diagnostic-*), bugprone-*, readability-*,
# performance-* and four modernize checks), stdout and stderr together as
# the job prints them: "N warnings generated.", the diagnostics,
# "Suppressed N warnings (...)", the -header-filter hint and, for the file
# that does not compile, "Error while processing F." and "Found compiler
# error(s).". The compile database is written as CMake writes one
# (absolute "directory", "file" and -I), so clang-tidy prints absolute
# paths: the project is copied to a fixed CI-like checkout path to keep
# the log deterministic.
#
# The .ok (to_ok.py), from the same runs' --export-fixes=FILE YAML only:
# - each Diagnostic is one entry FilePath|LINE col COL warning|error|
#   Message [DiagnosticName] (clang-tidy prints the check name that way;
#   compiler diagnostics are clang-diagnostic-*), LINE/COL from FileOffset
#   over the file's bytes (columns in bytes, 1-based, as clang counts);
# - each of its Notes with a FilePath is one entry (note); a note with an
#   empty FilePath prints as a bare "note: ..." line: not an entry;
# - the summary lines above have no counterpart in the YAML and are not
#   diagnostics ("Error while processing" repeats the clang-diagnostic-error
#   entry of that file): not entries.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
out=$repo/tests/heal/real
work=/tmp/runner/work/relay/relay   # a fixed, CI-like checkout path
export LC_ALL=C.UTF-8
clang-tidy --version | sed -n 's/^ *//; /LLVM version/p'
mkdir -p "$out"
rm -rf "$work" && mkdir -p "$work"
cp -R "$here/proj/." "$work/"
cd "$work"
files="src/io/file_reader.cpp src/legacy/compat_strings.c src/scheduler/job_queue.cpp"
mkdir -p build fixes
python3 - $files <<'PY'
import json, os, sys
d = os.getcwd()
cmds = []
for f in sys.argv[1:]:
    cc = "/usr/bin/clang++ -std=c++17" if f.endswith(".cpp") else "/usr/bin/clang -std=c11"
    obj = "CMakeFiles/relay.dir/%s.o" % f
    cmds.append({"directory": d + "/build", "file": d + "/" + f,
                 "command": "%s -Wall -I%s/src -o %s -c %s/%s" % (cc, d, obj, d, f)})
with open("build/compile_commands.json", "w") as out:
    json.dump(cmds, out, indent=2)
PY
yamls=
for f in $files; do
    y=fixes/$(echo "$f" | tr / _).yaml
    yamls="$yamls $y"
    clang-tidy -p build "$f" --export-fixes="$y" || true
done > "$out/clang-tidy.log" 2>&1
# the export files are written after the log is complete; they name the
# files as the log does (absolute), so convert from here
/usr/bin/python3 "$here/to_ok.py" $yamls > "$out/clang-tidy.ok"
cd / && rm -rf "$work"
echo "wrote $out/clang-tidy.log ($(wc -l < "$out/clang-tidy.log") lines), clang-tidy.ok ($(wc -l < "$out/clang-tidy.ok") entries)"
