#!/bin/sh
# capture.sh - regenerates tests/heal/real/perlcritic.{log,ok} and
# perlcritic-gcc.{log,ok} from proj/.
#
# Captured with: perlcritic 1.148 (Perl::Critic, Debian's
# libperl-critic-perl: apt-get install libperl-critic-perl), perl 5.36.
#
# The logs: a CI lint step run in proj/ with the project's .perlcriticrc
# (severity 3), stdout and stderr together, on the project's Perl files in
# sorted order (perlcritic walks a directory in readdir order, so the step
# names the files, as `perlcritic $(git ls-files '*.pm' '*.pl')` would):
#   perlcritic.log       the default format; with several files that is
#                        verbosity 5: `FILE: MSG at line L, column C.  See
#                        page P of PBP.  (Severity: S)`, and
#                        `FILE source OK` for a clean file
#   perlcritic-gcc.log   --verbose 1: `FILE:L:C:MSG`
# The .ok (the same for both logs), from the tool's own fields only:
# `--verbose '%f\t%l\t%c\t%s\t%p\t%m\n'` (file, line, column, severity,
# policy, description), one entry per violation: FILE|L col C| MSG. There
# is no TYPE: perlcritic grades a violation 1-5 (Severity), it does not
# call it an error or a warning. "source OK" lines are not violations:
# not entries.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
out=$repo/tests/heal/real
export LC_ALL=C.UTF-8
perlcritic --version | sed 's/^/perlcritic /'
mkdir -p "$out"
cd "$here/proj"
files=$(find bin lib script -type f \( -name '*.pm' -o -name '*.pl' \) | LC_ALL=C sort)
perlcritic $files > "$out/perlcritic.log" 2>&1 || true
perlcritic --verbose 1 $files > "$out/perlcritic-gcc.log" 2>&1 || true
perlcritic --verbose '%f\t%l\t%c\t%s\t%p\t%m\n' $files 2>/dev/null | python3 -c '
import sys
for line in sys.stdin.read().split("\n"):
    f = line.split("\t")
    if len(f) == 6:  # "FILE source OK" lines have no fields
        print("%s|%s col %s| %s" % (f[0], f[1], f[2], f[5]))
' > "$out/perlcritic.ok"
cp "$out/perlcritic.ok" "$out/perlcritic-gcc.ok"
for l in perlcritic perlcritic-gcc; do
    echo "wrote $out/$l.log ($(wc -l < "$out/$l.log") lines), $l.ok ($(wc -l < "$out/$l.ok") entries)"
done
