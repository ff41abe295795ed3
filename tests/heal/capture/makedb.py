"""makedb.py - make's own view of a project for the C captures' .ok files:
which Makefile line ran a target's recipe, so that make's `*** [...]
Error N` line can be expected (tests/heal/c-build.ok's convention)."""
import re
import shlex
import subprocess


def recipes():
    """target -> (makefile, first recipe line, number of recipe lines), from make's database."""
    db = subprocess.run(["make", "-pnB"], capture_output=True, text=True).stdout
    out, target, files = {}, None, False
    lines = db.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# Files"):
            files = True
        if not files:
            continue
        m = re.match(r"^([^#\s][^:]*):", line)
        if m:
            target = m.group(1)
        m = re.match(r"^#  recipe to execute \(from '([^']+)', line (\d+)\):", line)
        if m and target:
            n = 0
            while lines[i + 1 + n].startswith("\t"):
                n += 1
            out[target] = (m.group(1), int(m.group(2)), n)
    return out


def error_line(rec, target, status):
    """The expected entry of make's `*** [MAKEFILE:N: target] Error S` line:
    N is the recipe's last line (the command that failed), S its status."""
    mk, first, n = rec[target]
    return "%s|%d error| Error %d" % (mk, first + n - 1, status)


def commands():
    """The commands `make` would run for a full build, as argument lists."""
    out = subprocess.run(["make", "-nB"], capture_output=True, text=True).stdout
    return [shlex.split(c) for c in out.strip().split("\n")]
