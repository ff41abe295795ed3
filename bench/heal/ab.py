"""ab.py - compares heal_extract builds on one log: alternated short runs
pinned to one CPU, runs with steal time dropped, best and 10th-percentile
wall time per build and the ratio to the first (not a test).

usage: python3 bench/heal/ab.py RUNS MODE LOG DRIVER...
  MODE is --count (extraction) or --read (the reader alone); LOG should be
  a slice of 20-50 MB of a bench log (head -c 20000000 corpus.log).

Why not run.sh for this: on the shared development VM single runs move by
10-50 % with the phase of the machine, so two builds timed a minute apart
do not compare, and 1 GiB runs rarely fall whole into a quiet phase.
Short runs, alternated (ABAB, then BABA), most of them do: the best of
forty or more agreed within about 4 % between repeats there, so smaller
differences are not shown by it.
"""
import os
import subprocess
import sys
import time


def steal(cpu):
    """The steal time counter of `cpu` (in /proc/stat ticks)."""
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith("cpu%d " % cpu):
                return int(line.split()[8])
    return 0


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    runs, mode, log, drivers = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
    cpu = (os.cpu_count() or 1) - 1
    times = {d: [] for d in drivers}
    dropped = 0
    for i in range(runs):
        for d in drivers if i % 2 == 0 else drivers[::-1]:
            s0 = steal(cpu)
            t0 = time.perf_counter()
            r = subprocess.run(["taskset", "-c", str(cpu), d, mode, log],
                               stdout=subprocess.DEVNULL)
            dt = time.perf_counter() - t0
            if r.returncode != 0:
                sys.exit("ab.py: %s failed (%d)" % (d, r.returncode))
            if steal(cpu) != s0:
                dropped += 1  # the hypervisor took the CPU during the run
                continue
            times[d].append(dt)
    size = os.path.getsize(log)
    first = sorted(times[drivers[0]]) or [float("nan")]
    print("%s on %s (%d bytes): %d runs each, %d dropped for steal time"
          % (mode, log, size, runs, dropped))
    for d in drivers:
        t = sorted(times[d]) or [float("nan")]
        p10 = t[len(t) // 10]
        print("%-40s best %.4f s %6.0f MB/s  p10 %.4f s  ratio best %.3f  p10 %.3f"
              % (d, t[0], size / t[0] / 1e6, p10, t[0] / first[0],
                 p10 / first[len(first) // 10]))


main()
