"""measure.py - times `heal_extract --read`, `--count` and `grep -E -c -f`
over one log (best of RUNS wall and CPU, peak RSS) and prints the ratio and
the bar; called by run.sh once per log."""
import os
import re
import subprocess
import sys
import time

runs, driver, patterns, log = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
size = os.path.getsize(log)


def best(cmd, env):
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
        c = field(r"User time \(seconds\)") + field(r"System time \(seconds\)")
        rss = max(rss, int(field(r"Maximum resident set size \(kbytes\)")))
        wall = dt if wall is None else min(wall, dt)
        cpu = c if cpu is None else min(cpu, c)
        out = r.stdout
    return wall, max(cpu, 1e-6), rss, out


env = dict(os.environ, LC_ALL="C")
wr, cr, rss_r, _ = best([driver, "--read", log], env)
ws, cs, rss_s, out_s = best([driver, "--count", log], env)
wg, cg, rss_g, out_g = best(["grep", "-E", "-c", "-f", patterns, log], env)
entries = out_s.decode().split()[1] if out_s else "?"
for name, w, c, rss, what in (("ship log reader only", wr, cr, rss_r, "lines, no rules"),
                              ("ship heal extraction", ws, cs, rss_s, "%s entries" % entries),
                              ("grep -E (same rules)", wg, cg, rss_g,
                               "%s lines" % out_g.decode().strip())):
    print("%-21s wall %6.2f s %7.1f MB/s   cpu %6.2f s %7.1f MB/s   peak RSS %6d KiB  (%s)" % (
        name, w, size / w / 1e6, c, size / c / 1e6, rss, what))
mbs = size / cs / 1e6
print("ratio ship/grep (cpu): %.2fx  (wall: %.2fx)" % (cg / cs, wg / ws))
print("bar: >= 1000 MB/s, faster than grep, peak RSS <= 32768 KiB -> %s" % (
    "met" if mbs >= 1000 and cs < cg and rss_s <= 32768 else "NOT met"))
