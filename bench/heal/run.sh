#!/bin/sh
# run.sh - heal extraction over >=1 GB logs of real tool output against `grep -E` with the same rule set; prints throughput, ratio and peak RSS (not a test).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIZE_MB=${SIZE_MB:-1024}
RUNS=${RUNS:-3}
CORPUS=${CORPUS:-$ROOT/../shared/corpus/errorformat}
DRIVER=${SHIP_HEAL_EXTRACT:-$ROOT/build/musl/heal_extract}
VENDOR_CACHE=${SHIP_VENDOR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ship/vendor}
[ -x "$DRIVER" ] || make -C "$ROOT" -s build/musl/heal_extract
[ -d "$CORPUS" ] || { echo "bench/heal: corpus $CORPUS missing" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# Two logs, each a seed repeated to SIZE_MB:
#  - corpus: the errorformat corpus inputs (raw tool output that is almost
#    all diagnostics, an entry every three lines) and tests/heal's CI logs
#    (runner timestamps, ANSI colours, steps): the error-dense worst case;
#  - ci: what a failed job's log mostly is: the real configure and build
#    output of our vendored libraries (vendor/build.sh's logs in the cache,
#    present after `make`), then the failing steps of tests/heal and
#    examples/heal.
cat "$CORPUS"/*.in "$ROOT"/tests/heal/*.log > "$TMP/seed.corpus"
: > "$TMP/seed.ci"
for f in "$VENDOR_CACHE"/*-musl.log; do
	if [ -s "$f" ]; then cat "$f" >> "$TMP/seed.ci"; fi
done
LOGS=corpus
if [ -s "$TMP/seed.ci" ]; then
	cat "$ROOT"/tests/heal/*.log "$ROOT"/examples/heal/*.log >> "$TMP/seed.ci"
	LOGS="corpus ci"
else
	echo "bench/heal: no vendor build logs in $VENDOR_CACHE (run make first): ci log skipped"
fi
for l in $LOGS; do
	python3 -c '
import sys
seed = open(sys.argv[1], "rb").read()
want = int(sys.argv[3]) << 20
with open(sys.argv[2], "wb") as f:
    n = 0
    while n < want:
        f.write(seed)
        n += len(seed)
' "$TMP/seed.$l" "$TMP/$l.log" "$SIZE_MB"
done

# grep -E with patterns equivalent to the rule library: one extended
# regular expression per rule family of src/heal/rules_table.c (the same
# first-byte / colon / keyword triggers the rules test). The comparison is
# kept fair this way:
#  - both run over the same file; ship twice: as shipped (a large log
#    file is cut at step markers and its parts read on every CPU,
#    src/heal/analyze_par.c) and on one thread (--threads 1), grep as it
#    is (it has no threads). The bar is on wall time, what a user waits
#    for; one core against one (CPU time) is printed beside it;
#  - both run with LC_ALL=C (grep's fast byte path; ship is locale-blind);
#  - the file is read once before timing, so both read from the page cache;
#  - both CPU (user+sys, steadier on a shared machine) and wall time are
#    reported, best of RUNS runs each, with peak RSS from /usr/bin/time -v.
# grep does less work than ship: it only counts matching lines, while ship
# also assembles entries (file, line, column, severity, code, message,
cat > "$TMP/patterns" <<'PAT'
^[[:space:]]*\[?[^[:space:]:]+:[0-9]+(:[0-9]+)?[]: ]
^[[:space:]]*[^[:space:](]+\([0-9]+(,[0-9]+)*\)[: ]
^[^[:space:][]+\[[0-9]+, [0-9]+\]:
^[[:space:]]+[0-9]+:[0-9]+(-[0-9]+:[0-9]+)?[[:space:]]+(error|warning|✖|⚠)
^(error|warning|fatal|ERROR|Error|FATAL)(\[[^]]*\])?:
^[[:space:]]*--> 
^(npm ERR!|npm error|error |➤ YN)
ERR_PNPM_
^(FAILED|ERROR) [^ ]+\.py
^Traceback \(most recent call last\)
^(panic: |thread '.*' panicked at )
^[^ ]*make(\[[0-9]+\])?: \*\*\*
:\(\.[a-z]+\+0x|undefined reference|^/usr/bin/ld: 
^CMake (Error|Warning)
^(#[0-9]+ )?ERROR: |Error response from daemon|toomanyrequests
^Error: |^Error from server|^error: (error validating|unable to recognize|timed out)
yaml: line [0-9]+|YAMLException: 
\(Line: [0-9]+, Col: [0-9]+\)|^Invalid workflow file: 
Resource not accessible by 
^##\[(error|warning)\]
^│ (Error|Warning): |^In .* line [0-9]+:$
PAT

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); runs: best of $RUNS"
for l in $LOGS; do
	echo
	echo "log $l: $(wc -c < "$TMP/$l.log") bytes ($SIZE_MB MiB), $(wc -l < "$TMP/$l.log") lines"
	cat "$TMP/$l.log" > /dev/null  # page cache: neither tool pays for the disk
	python3 "$ROOT/bench/heal/measure.py" "$RUNS" "$DRIVER" "$TMP/patterns" "$TMP/$l.log"
done
