#!/usr/bin/env python3
"""Convert `rubocop --format json` (stdin) to a heal .ok file (stdout).

usage: to_ok.py progress|emacs PROJECT_DIR

Rule: every offense is an entry at (location.start_line,
location.start_column) -- the line and `real_column` both human formatters
print -- with TYPE = rubocop's one-letter severity code (C W E F R I, as
the log prints it), NR = the cop name and MESSAGE = the offense message,
first line. The human formatters print `SEV: [Correctable] Cop/Name:
message`; `[Correctable]`/`[Corrected]`/`[Todo]` is the formatter's status
mark and the cop name is the code, so neither is part of MESSAGE (the JSON
formatter leaves the cop name out of `message` for the same reason).
How each formatter renders the message (rubocop 1.39 source):
- progress (clang style, no colour): SimpleTextFormatter#annotate_message
  drops the backticks around `code` (it colours what they enclose);
- emacs: newlines become blanks, and the path is absolute (the formatter
  prints the file name it was given), so PROJECT_DIR is prefixed.
Entries are in rubocop's own order (files sorted, offenses by position).
"""
import json
import re
import sys

LETTER = {"refactor": "R", "convention": "C", "warning": "W",
          "error": "E", "fatal": "F", "info": "I"}


def main():
    fmt, root = sys.argv[1], sys.argv[2].rstrip("/")
    data = json.load(sys.stdin)
    for f in data["files"]:
        path = f["path"] if fmt == "progress" else root + "/" + f["path"]
        for o in f["offenses"]:
            msg = o["message"]
            if fmt == "progress":
                msg = re.sub(r"`(.*?)`", r"\1", msg, flags=re.S)
            else:
                msg = msg.replace("\n", " ")
            loc = o["location"]
            print(f"{path}|{loc['start_line']} col {loc['start_column']} "
                  f"{LETTER[o['severity']]} {o['cop_name']}| "
                  f"{msg.splitlines()[0]}")


main()
