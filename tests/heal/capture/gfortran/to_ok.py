"""Expected entries of gfortran.log from gfortran's JSON diagnostics (see capture.sh).

usage: to_ok.py BUILD_DIR SRC...   (run in proj/, the sources in build order)
"""
import json
import os
import re
import subprocess
import sys

HEADER = re.compile(r"^(\S+):(\d+):(\d+):$")
KIND_LINE = re.compile(r"^(Error|Warning|Fatal Error|note): (.*)$")


def compile_one(build, src, fmt):
    obj = os.path.join(build, os.path.basename(src)[:-4] + ".o")
    argv = ["gfortran", "-Wall", "-fdiagnostics-color=never", "-J", build, "-c", src, "-o", obj]
    if fmt:
        argv.insert(1, "-fdiagnostics-format=" + fmt)
    env = dict(os.environ, LC_ALL="C.UTF-8")
    return subprocess.run(argv, capture_output=True, text=True, env=env).stderr


def flat(diags):
    """Every diagnostic of gcc's JSON, children included, in emission order."""
    for d in diags:
        yield d
        yield from flat(d.get("children", []))


def json_entries(stderr):
    lines = stderr.split("\n")
    rest = [l for l in lines[1:] if l and l != "compilation terminated."]
    assert not rest, "text besides the JSON: %r" % rest
    for d in flat(json.loads(lines[0] or "[]")):
        if not d["locations"]:
            continue
        c = d["locations"][0]["caret"]
        msg = d["message"].split("\n")[0]
        if d.get("option"):
            msg += " [%s]" % d["option"]
        # byte-column: what gfortran's text prints (its "column", the
        # display column, counts a tab as up to 8)
        yield (c["file"], c["line"], c["byte-column"], d["kind"], msg)


def printed(stderr):
    """(file, line, col, kind, message) of each diagnostic gfortran's text prints."""
    out, loc = [], None
    for line in stderr.split("\n"):
        m = HEADER.match(line)
        if m:
            loc = (m.group(1), int(m.group(2)), int(m.group(3)))
            continue
        m = KIND_LINE.match(line)
        if m and loc:
            out.append(loc + (m.group(1).lower(), m.group(2)))
            loc = None
    return out


def main():
    build, srcs = sys.argv[1], sys.argv[2:]
    jbuild, tbuild = build + "/json", build + "/text"
    os.makedirs(jbuild)
    os.makedirs(tbuild)
    for src in srcs:
        cands = list(json_entries(compile_one(jbuild, src, "json")))
        shown = printed(compile_one(tbuild, src, None))
        for want in shown:
            hit = [c for c in cands if c == want]
            assert hit, "printed but not in the JSON: %r" % (want,)
            cands.remove(hit[0])
            f, l, c, kind, msg = want
            kind = "error" if kind == "fatal error" else kind
            print("%s|%d col %d %s| %s" % (f, l, c, kind, msg))


main()
