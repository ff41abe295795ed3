#!/usr/bin/env python3
"""Convert `go vet -json` (stdin: its stderr) to a heal .ok file (stdout).

go vet -json prints, per package, a `# import/path` line and one JSON
object {package: {analyzer: [{"posn": "FILE:L:C", "message": M}, ...]}}
(go 1.19 writes `posn` as an absolute path; argv[1] is the project dir,
made relative as the human output prints it).

Rule: every diagnostic is an entry `FILE|L col C| MESSAGE` (go vet gives
no severity word nor a code; the analyzer name is not printed in the
human output). go vet checks a package and its test variant and reports
a finding in a non-test file under both; the human output prints it once,
so identical (file, line, col, message) are kept once. Sorted by file,
line, column (the human output is grouped by analyzer, not by line).
"""
import json
import os
import sys


def objects(text):
    dec = json.JSONDecoder()
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
        elif text[i] == "#":
            i = text.find("\n", i) + 1 or len(text)
        else:
            obj, i = dec.raw_decode(text, i)
            yield obj


def main():
    root = os.path.realpath(sys.argv[1]) + "/"
    seen = set()
    for obj in objects(sys.stdin.read()):
        for analyzers in obj.values():
            for diags in analyzers.values():
                if isinstance(diags, dict):     # {"error": "..."}: no finding
                    continue
                for d in diags:
                    f, ln, col = d["posn"].rsplit(":", 2)
                    if f.startswith(root):
                        f = f[len(root):]
                    seen.add((f, int(ln), int(col), d["message"]))
    for f, ln, col, msg in sorted(seen):
        print(f"{f}|{ln} col {col}| {msg.splitlines()[0]}")


main()
