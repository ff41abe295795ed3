"""Expected entries of clang-make.log from libclang (see capture.sh).

Run with Debian's python3 (/usr/bin/python3), where python3-clang-14
installs clang.cindex.
"""
import ctypes
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import makedb  # noqa: E402  (tests/heal/capture/makedb.py)

import clang.cindex as ci

ci.Config.set_library_file("/usr/lib/llvm-14/lib/libclang-14.so")

SEV = {ci.Diagnostic.Note: "note", ci.Diagnostic.Warning: "warning",
       ci.Diagnostic.Error: "error", ci.Diagnostic.Fatal: "error"}


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
    rec = makedb.recipes()
    env = dict(os.environ, LC_ALL="C.UTF-8")
    for argv in makedb.commands():
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
            print(makedb.error_line(rec, target, r.returncode))


main()
