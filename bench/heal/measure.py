"""measure.py - times `heal_extract --read`, `--count` (as shipped: parts
on every CPU; and on one thread) and `grep -E -c -f` over one log (best of
RUNS wall and CPU, peak RSS) and prints the ratios and the bar; called by
run.sh once per log."""
import os
import re
import subprocess
import sys
import time

runs, driver, patterns, log = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
size = os.path.getsize(log)


def once(cmd, env):
    """Wall and CPU (user+sys) time, peak RSS (KiB) and stdout of one run,
    from /usr/bin/time -v."""
    t0 = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, env=env)
    dt = time.monotonic() - t0
    if r.returncode not in (0, 1):
        sys.exit("bench/heal: %s failed: %s" % (cmd[0], r.stderr.decode()[-500:]))

    def field(name):
        m = re.search(name.encode() + rb": ([0-9.]+)", r.stderr)
        return float(m.group(1)) if m else 0.0
    cpu = field(r"User time \(seconds\)") + field(r"System time \(seconds\)")
    return dt, cpu, int(field(r"Maximum resident set size \(kbytes\)")), r.stdout


env = dict(os.environ, LC_ALL="C")
cmds = {"read": [driver, "--read", log], "count": [driver, "--count", log],
        "count1": [driver, "--threads", "1", "--count", log],
        "grep": ["grep", "-E", "-c", "-f", patterns, log]}
# Rounds interleave the three commands, so that a slow phase of a shared
# machine (other VMs' load comes and goes) slows all of them alike; each
# keeps its best wall and best CPU time over the rounds, and its peak RSS.
res = {k: [None, None, 0, b""] for k in cmds}
for _ in range(runs):
    for k, cmd in cmds.items():
        w, c, rss, out = once(cmd, env)
        b = res[k]
        b[0] = w if b[0] is None else min(b[0], w)
        b[1] = c if b[1] is None else min(b[1], c)
        b[2] = max(b[2], rss)
        b[3] = out
wr, cr, rss_r, _ = res["read"]
ws, cs, rss_s, out_s = res["count"]
w1, c1, rss_1, out_1 = res["count1"]
wg, cg, rss_g, out_g = res["grep"]
cr, cs, c1, cg = max(cr, 1e-6), max(cs, 1e-6), max(c1, 1e-6), max(cg, 1e-6)
entries = out_s.decode().split()[1] if out_s else "?"
if out_1 and out_1.decode().split()[1] != entries:
    sys.exit("bench/heal: one thread found %s entries, the parts %s" % (
        out_1.decode().split()[1], entries))
for name, w, c, rss, what in (("ship log reader only", wr, cr, rss_r, "lines, no rules"),
                              ("ship heal extraction", ws, cs, rss_s,
                               "%s entries; parts on all CPUs" % entries),
                              ("  the same, 1 thread", w1, c1, rss_1, "one core"),
                              ("grep -E (same rules)", wg, cg, rss_g,
                               "%s lines; one core" % out_g.decode().strip())):
    print("%-21s wall %6.2f s %7.1f MB/s   cpu %6.2f s %7.1f MB/s   peak RSS %6d KiB  (%s)" % (
        name, w, size / w / 1e6, c, size / c / 1e6, rss, what))
if min(cr, c1, cg) < 0.1:
    print("(CPU times under 0.1 s are too coarse to compare: use SIZE_MB >= 256)")
# The bar is on what a user waits for: the wall time of ship as shipped
# against grep's (grep has no threads). One core against one is printed
# too: ship's CPU time on one thread against grep's.
mbs = size / ws / 1e6
print("ratio ship/grep, wall: %.2fx   one core against one (cpu, 1 thread): %.2fx" % (
    wg / ws, cg / c1))
print("one thread: %.1f MB/s of CPU (%s 1000)" % (size / c1 / 1e6,
                                               ">=" if size / c1 / 1e6 >= 1000 else "<"))
print("bar: >= 1000 MB/s (wall), faster than grep, peak RSS <= 32768 KiB -> %s" % (
    "met" if mbs >= 1000 and ws < wg and rss_s <= 32768 else "NOT met"))
