#!/bin/sh
# run.sh - heal extraction over a >=1 GB log of real tool output against `grep -E` with the same rule set; prints throughput, ratio and peak RSS (not a test).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIZE_MB=${SIZE_MB:-1024}
RUNS=${RUNS:-3}
CORPUS=${CORPUS:-$ROOT/../shared/corpus/errorformat}
DRIVER=${SHIP_HEAL_EXTRACT:-$ROOT/build/musl/heal_extract}
[ -x "$DRIVER" ] || make -C "$ROOT" -s build/musl/heal_extract
[ -d "$CORPUS" ] || { echo "bench/heal: corpus $CORPUS missing" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# The log: the corpus inputs (raw tool output) and tests/heal's CI logs
# (runner timestamps, ANSI colours, steps), repeated to SIZE_MB.
cat "$CORPUS"/*.in "$ROOT"/tests/heal/*.log > "$TMP/seed"
python3 - "$TMP/seed" "$TMP/big.log" "$SIZE_MB" <<'PY'
import sys
seed = open(sys.argv[1], "rb").read()
want = int(sys.argv[3]) << 20
with open(sys.argv[2], "wb") as f:
    n = 0
    while n < want:
        f.write(seed)
        n += len(seed)
PY
BYTES=$(wc -c < "$TMP/big.log")

# grep -E with patterns equivalent to the rule library: one extended
# regular expression per rule family of src/heal/rules_table.c (the same
# first-byte / colon / keyword triggers the rules test). The comparison is
# kept fair this way:
#  - both run single-threaded over the same file (the machine this was
#    tuned on has 2 cores; neither tool uses the second one);
#  - both run with LC_ALL=C (grep's fast byte path; ship is locale-blind);
#  - the file is read once before timing, so both read from the page cache;
#  - both CPU (user+sys, steadier on a shared machine) and wall time are
#    reported, best of RUNS runs each, with peak RSS from /usr/bin/time -v.
# grep does less work than ship: it only counts matching lines, while ship
# also assembles entries (file, line, column, severity, code, message,
# continuation lines, step) and follows multi-line diagnostics.
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

echo "log: $BYTES bytes ($SIZE_MB MiB of repeated corpus + tests/heal logs)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); runs: best of $RUNS"
cat "$TMP/big.log" > /dev/null  # page cache: neither tool pays for the disk
python3 - "$RUNS" "$BYTES" "$DRIVER" "$TMP" <<'PY'
import os, re, subprocess, sys, time
runs, size, driver, tmp = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
log = os.path.join(tmp, "big.log")

def best(cmd, env=None):
    """Best wall and best CPU (user+sys, steadier on a busy machine) time of
    `runs`, plus peak RSS (KiB), all from /usr/bin/time -v."""
    wall = cpu = None
    rss, out = 0, b""
    for _ in range(runs):
        t0 = time.monotonic()
        r = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, env=env)
        dt = time.monotonic() - t0
        if r.returncode not in (0, 1):
            sys.exit("bench/heal: %s failed: %s" % (cmd[0], r.stderr.decode()[-500:]))
        def field(name):
            m = re.search(name.encode() + rb": ([0-9.]+)", r.stderr)
            return float(m.group(1)) if m else 0.0
        c = field("User time \\(seconds\\)") + field("System time \\(seconds\\)")
        rss = max(rss, int(field("Maximum resident set size \\(kbytes\\)")))
        wall = dt if wall is None else min(wall, dt)
        cpu = c if cpu is None else min(cpu, c)
        out = r.stdout
    return wall, max(cpu, 1e-6), rss, out

env = dict(os.environ, LC_ALL="C")
wr, cr, rss_r, out_r = best([driver, "--read", log], env)
ws, cs, rss_s, out_s = best([driver, "--count", log], env)
wg, cg, rss_g, out_g = best(["grep", "-E", "-c", "-f", os.path.join(tmp, "patterns"), log], env)
entries = out_s.decode().split()[1] if out_s else "?"
for name, w, c, rss, what in (("ship log reader only", wr, cr, rss_r, "lines, no rules"),
                              ("ship heal extraction", ws, cs, rss_s, "%s entries" % entries),
                              ("grep -E (same rules)", wg, cg, rss_g, "%s lines" % out_g.decode().strip())):
    print("%-21s wall %6.2f s %7.1f MB/s   cpu %6.2f s %7.1f MB/s   peak RSS %6d KiB  (%s)" % (
        name, w, size / w / 1e6, c, size / c / 1e6, rss, what))
mbs = size / cs / 1e6
print("ratio ship/grep (cpu): %.2fx  (wall: %.2fx)" % (cg / cs, wg / ws))
print("bar: >= 1000 MB/s, faster than grep, peak RSS <= 32768 KiB -> %s" % (
    "met" if mbs >= 1000 and cs < cg and rss_s <= 32768 else "NOT met"))
PY
