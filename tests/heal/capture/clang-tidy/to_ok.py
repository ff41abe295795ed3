"""Expected entries of clang-tidy.log from clang-tidy's --export-fixes YAML
(see capture.sh). Usage: to_ok.py FIXES.yaml... (in the order the log runs
them). Run with Debian's python3 (python3-yaml)."""
import sys

import yaml

LEVEL = {"Warning": "warning", "Error": "error", "Remark": "remark"}


def line_col(path, offset, cache={}):
    """FileOffset -> (line, column): clang counts columns in bytes, 1-based."""
    if path not in cache:
        with open(path, "rb") as f:
            cache[path] = f.read()
    data = cache[path][:offset]
    line = data.count(b"\n") + 1
    return line, offset - (data.rfind(b"\n") + 1) + 1


def entry(msg, kind, text):
    line, col = line_col(msg["FilePath"], msg["FileOffset"])
    return "%s|%d col %d %s| %s" % (msg["FilePath"], line, col, kind, text)


def main():
    for fixes in sys.argv[1:]:
        with open(fixes, encoding="utf-8") as f:
            doc = yaml.safe_load(f) or {}
        for d in doc.get("Diagnostics") or []:
            m = d["DiagnosticMessage"]
            if m["FilePath"]:
                text = "%s [%s]" % (m["Message"], d["DiagnosticName"])
                print(entry(m, LEVEL[d["Level"]], text))
            for n in d.get("Notes") or []:
                # a note without a file prints as a bare "note: ..." line
                if n["FilePath"]:
                    print(entry(n, "note", n["Message"]))


main()
