#!/bin/sh
# run.sh - `ship scan` on a >=50 MB Trivy report against `jq` computing the same counts; prints times, ratio and peak RSS (not a test).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHIP=${SHIP_BIN:-$ROOT/ship}
SIZE_MB=${SIZE_MB:-64}
RUNS=${RUNS:-3}
[ -x "$SHIP" ] || make -C "$ROOT" -s ship
command -v jq >/dev/null || { echo "bench/scan: jq is missing (Debian package jq)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/scan: /usr/bin/time is missing (Debian package time)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

python3 "$ROOT/tests/fixtures/scan/gen_trivy.py" "$TMP/trivy.json" "$SIZE_MB"
BYTES=$(wc -c < "$TMP/trivy.json")
echo "report: $BYTES bytes (tests/fixtures/scan/gen_trivy.py $SIZE_MB)"

# The same counts both ways: vulnerabilities per severity. ship also
# merges, locates, applies the policy and writes its state file.
JQ_PROG='[.Results[].Vulnerabilities[]?.Severity] | group_by(.) | map({(.[0]|ascii_downcase): length}) | add'

python3 - "$RUNS" "$BYTES" "$SHIP" "$TMP" "$JQ_PROG" <<'PY'
import json, os, re, subprocess, sys
runs, size, ship, tmp, prog = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
rep = os.path.join(tmp, "trivy.json")

def timed(argv):
    """(wall seconds, peak RSS KiB, stdout) of the best of `runs` runs."""
    best = None
    for _ in range(runs):
        r = subprocess.run(["/usr/bin/time", "-v", *argv], capture_output=True, cwd=tmp)
        if r.returncode not in (0, 1):
            sys.exit(f"{argv[0]} failed: {r.stderr.decode()[-2000:]}")
        err = r.stderr.decode()
        m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", err)
        wall = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
        if best is None or wall < best[0]:
            best = (wall, rss, r.stdout)
    return best

jq = timed(["jq", "-c", prog, rep])
sh = timed([ship, "scan", "--report", rep, "--format", "json", "-q",
            "--state-dir", os.path.join(tmp, "state")])
jq_counts = json.loads(jq[2])
ship_counts = json.loads(sh[2])["data"]["scan"]["counts"]
same = all(ship_counts.get(k, 0) == v for k, v in jq_counts.items())
print(f"counts      jq {json.dumps(jq_counts, sort_keys=True)}")
print(f"            ship {json.dumps({k: ship_counts[k] for k in jq_counts}, sort_keys=True)}  same: {same}")
print(f"jq          {jq[0]:6.2f} s   peak RSS {jq[1] / 1024:7.1f} MiB")
print(f"ship scan   {sh[0]:6.2f} s   peak RSS {sh[1] / 1024:7.1f} MiB ({sh[1] * 1024 / size:.1f}x the input)")
print(f"ratio       ship/jq time {sh[0] / jq[0]:.2f} (bar: < 1, faster than jq); "
      f"RSS/input {sh[1] * 1024 / size:.1f} (bar: <= 10)")
if not same:
    sys.exit("counts differ")
PY
