"""Expected entries of clang-make.log from libclang (see capture.sh).

Run with Debian's python3 (/usr/bin/python3), where python3-clang-14
installs clang.cindex.
"""
import ctypes
import os
import re
import shlex
import subprocess

import clang.cindex as ci

ci.Config.set_library_file("/usr/lib/llvm-14/lib/libclang-14.so")

SEV = {ci.Diagnostic.Note: "note", ci.Diagnostic.Warning: "warning",
       ci.Diagnostic.Error: "error", ci.Diagnostic.Fatal: "error"}


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


def file_location(loc):
    """clang_getFileLocation: where clang's text output puts the caret (a
    macro argument's spelling, else the expansion); SourceLocation.line and
    .column in the bindings are the expansion location only."""
    f, line, col, off = ci.c_object_p(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    ci.conf.lib.clang_getFileLocation(loc, ctypes.byref(f), ctypes.byref(line),
                                      ctypes.byref(col), ctypes.byref(off))
    return ci.File(f).name, line.value, col.value


def entry(d, msg):
    name, line, col = file_location(d.location)
    return "%s|%d col %d %s| %s" % (name, line, col, SEV[d.severity], msg)


def clang_entries(tu):
    for d in tu.diagnostics:
        msg = d.spelling
        if d.option:
            msg += " [%s]" % d.option
        if d.location.file:
            yield entry(d, msg)
        for c in d.children:
            # libclang reports the include stack as notes; clang's text
            # output prints it as "In file included from F:N:" above the
            # diagnostic, not as a located note line: not an entry.
            if c.spelling.startswith("in file included from "):
                continue
            if c.location.file:
                yield entry(c, c.spelling)


def main():
    rec = recipes()
    env = dict(os.environ, LC_ALL="C.UTF-8")
    cmds = subprocess.run(["make", "-nB"], capture_output=True, text=True).stdout.strip().split("\n")
    for cmd in cmds:
        argv = shlex.split(cmd)
        if "-c" not in argv:
            continue  # mkdir and the link (make -k never reaches it here)
        target = argv[argv.index("-o") + 1]
        src = argv[-1]
        args = [a for i, a in enumerate(argv[1:], 1)
                if a not in ("-c", "-o", src) and argv[i - 1] != "-o"]
        # libclang adds -fno-spell-checking unless told otherwise; the
        # compiler make runs checks spelling ("did you mean ...?")
        tu = ci.Index.create().parse(src, args=args + ["-fspell-checking"])
        for e in clang_entries(tu):
            print(e)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        r = subprocess.run(argv, capture_output=True, env=env)
        if r.returncode != 0:
            mk, first, n = rec[target]
            print("%s|%d error| Error %d" % (mk, first + n - 1, r.returncode))


main()
