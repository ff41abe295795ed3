"""Expected entries of gcc-make.log from machine-readable output (see capture.sh)."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import makedb  # noqa: E402  (tests/heal/capture/makedb.py)


def entry(kind, loc, msg):
    c = loc["caret"]
    kind = "error" if kind == "fatal error" else kind
    return "%s|%d col %d %s| %s" % (c["file"], c["line"], c["column"], kind, msg)


def gcc_entries(diags):
    for d in diags:
        msg = d["message"].split("\n")[0]
        if d.get("option"):
            msg += " [%s]" % d["option"]
        if d["locations"]:
            yield entry(d["kind"], d["locations"][0], msg)
        for c in d.get("children", []):
            if c["locations"]:
                yield entry(c["kind"], c["locations"][0], c["message"].split("\n")[0])


def libc_symbols():
    so = subprocess.run(["cc", "-print-file-name=libc.so.6"], capture_output=True, text=True).stdout.strip()
    nm = subprocess.run(["nm", "-D", "--defined-only", so], capture_output=True, text=True).stdout
    return {l.split()[-1].split("@")[0] for l in nm.split("\n") if l.strip()}


def link_entries(objs):
    defined = libc_symbols()
    for o in objs:
        sym = subprocess.run(["readelf", "-sW", o], capture_output=True, text=True).stdout
        src = [l.split()[-1] for l in sym.split("\n") if " FILE " in l][0]
        und = subprocess.run(["nm", "-u", o], capture_output=True, text=True).stdout.split()
        for s in und:
            if s not in ("U",) and s not in defined:
                yield "%s|| undefined reference to `%s'" % (src, s)


def main():
    rec = makedb.recipes()
    env = dict(os.environ, LC_ALL="C.UTF-8")
    for argv in makedb.commands():
        target = argv[argv.index("-o") + 1] if "-o" in argv else None
        if "-c" in argv:
            r = subprocess.run(argv + ["-fdiagnostics-format=json"], capture_output=True, text=True, env=env)
            # the JSON is the first line; a fatal error adds gcc's plain
            # "compilation terminated." after it (no location: not an entry)
            for e in gcc_entries(json.loads(r.stderr.split("\n")[0] or "[]")):
                print(e)
        elif target:  # a link: make -k runs it only when every object was built
            objs = [a for a in argv if a.endswith(".o")]
            if not all(os.path.exists(o) for o in objs):
                continue
            r = subprocess.run(argv, capture_output=True, text=True, env=env)
            if r.returncode != 0:
                for e in link_entries(objs):
                    print(e)
        else:
            r = subprocess.run(argv)
            assert r.returncode == 0, argv
            continue
        if r.returncode != 0:
            print(makedb.error_line(rec, target, r.returncode))


main()
