#!/bin/sh
# run.sh - publish's changelog over >=50k commits (driver) against `git log --format=%s` on the same range; prints the ratio (not a test).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${N:-50000}
RUNS=${RUNS:-3}
DRIVER=${SHIP_PUBLISH_PLAN:-$ROOT/build/musl/publish_plan}
[ -x "$DRIVER" ] || make -C "$ROOT" -s publish-plan
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT INT TERM

# A linear history: v1.0.0 on the first commit, then N conventional and
# non-conventional messages with scopes, bodies, footers and PR numbers.
python3 - "$N" > "$TMP/stream" <<'PY'
import sys
n = int(sys.argv[1]) + 1
kinds = ["feat(api): add endpoint {i} (#{i})", "fix: handle case {i}",
         "chore(deps): bump thing to {i}", "docs: explain {i}",
         "Update file {i}", "perf(db)!: faster query {i}",
         "refactor(core): tidy {i}\n\nLonger body for {i}.\n\nRefs #{i}"]
out = sys.stdout.buffer
for i in range(1, n + 1):
    msg = ("chore: initial" if i == 1 else kinds[i % len(kinds)].format(i=i)).encode() + b"\n"
    out.write(f"commit refs/heads/main\nmark :{i}\n"
              f"committer Bench <bench@example.org> {1600000000 + i} +0000\n"
              f"data {len(msg)}\n".encode() + msg)
    if i > 1:
        out.write(f"from :{i - 1}\n".encode())
    out.write(b"\n")
    if i == 1:
        out.write(b"reset refs/tags/v1.0.0\nfrom :1\n\n")
PY
git init -q "$TMP/r"
git -C "$TMP/r" fast-import --quiet < "$TMP/stream"
git -C "$TMP/r" symbolic-ref HEAD refs/heads/main
COUNT=$(git -C "$TMP/r" rev-list --count v1.0.0..HEAD)

# Best of RUNS for each, wall clock and CPU (user+sys: steadier on a busy machine).
"$DRIVER" -C "$TMP/r" --repo-url https://github.com/o/r | sed -n 's/^next=/next version: /p'
python3 - "$RUNS" "$COUNT" "$DRIVER" "$TMP/r" <<'PY'
import resource, subprocess, sys, time
runs, count, driver, repo = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]

def best(cmd):
    wall = cpu = float("inf")
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        t1 = time.perf_counter()
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = min(wall, t1 - t0)
        cpu = min(cpu, r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    return wall, cpu

sw, sc = best([driver, "-C", repo, "--repo-url", "https://github.com/o/r"])
gw, gc = best(["git", "-C", repo, "log", "--format=%s", "v1.0.0..HEAD"])
print(f"publish changelog over {count} commits: ship {sw*1e3:.0f} ms wall / {sc*1e3:.0f} ms cpu, "
      f"git log --format=%s {gw*1e3:.0f} ms wall / {gc*1e3:.0f} ms cpu; "
      f"ratio {sw/gw:.2f}x wall, {sc/gc:.2f}x cpu (bar: <= 2x)")
PY
