#!/usr/bin/env python3
"""Convert `cargo ... --message-format=json` (stdin) to a heal .ok file (stdout).

Rule (what counts as an entry), from the compiler-message records only:
- A record whose message has at least one span: one entry at its first
  primary span (the one rustc prints as ` --> FILE:L:C`), TYPE = level,
  NR = the error code when the log prints it (`error[E0308]`; lint names
  are not printed), MESSAGE = first line of the message.
- Children (note/help) count as entries of their own only when the human
  output prints them with their own ` --> ` line: a child with spans none
  of which is a suggestion (`suggested_replacement` set). Children without
  spans are the ` = note:` lines; children with suggestions are rendered as
  a patch without a location line. Both belong to their parent.
- Records without spans (`Some errors have detailed explanations`, `N
  warnings emitted`, `aborting due to`) and cargo's own `error: could not
  compile ...` / `warning: `x` (lib) generated N warnings` lines are not
  entries (tests/heal/rust-job.ok does not list them either).
- A primary span inside a macro of another crate (a path outside the
  project, e.g. /rustc/<hash>/library/std/src/macros.rs) is replaced by its
  expansion's call site, as rustc's human emitter does.
- A span whose source text is not available (`text` empty: the standard
  library without rust-src) is printed by rustc with its 0-based column
  (`arith.rs:77:0` for column_start 1); the .ok uses the column the human
  log shows.
With SHORT=1 the input is `--message-format=json-diagnostic-short`: the
human log then prints one line per top-level message and no children, and
that line's message is the message plus `: ` and the primary label; the
MESSAGE is taken from the record's `rendered` short line after
`FILE:L:C: level[code]: `.
Every location is checked against the record's own `rendered` text (the
human rendering the machine output carries), in order, so a wrong rule
fails loudly instead of producing a wrong .ok.
"""
import json
import os
import sys


def outside(path):
    return path.startswith("/") or path.startswith("<")


def primary(spans):
    for s in spans:
        if s["is_primary"]:
            return s
    return spans[0]


def located(span):
    while outside(span["file_name"]) and span.get("expansion"):
        span = span["expansion"]["span"]
    col = span["column_start"] - (0 if span["text"] else 1)
    return span["file_name"], span["line_start"], col


def line(loc, level, code, msg):
    f, ln, col = loc
    typ = level + (" " + code if code else "")
    return f"{f}|{ln} col {col} {typ}| {msg.splitlines()[0] if msg else ''}"


def entries(m):
    if not m["spans"]:
        return []
    code = (m.get("code") or {}).get("code") or ""
    # lint names are in `code` too but rustc prints only error codes
    # (`error[E0308]:`); NR is what the log shows
    if not m["rendered"].startswith(f"{m['level']}[{code}]") and \
            f": {m['level']}[{code}]:" not in m["rendered"].splitlines()[0]:
        code = ""
    out = [(located(primary(m["spans"])), m["level"], code, m["message"])]
    for c in m["children"]:
        if c["spans"] and all(s["suggested_replacement"] is None
                              for s in c["spans"]):
            out.append((located(primary(c["spans"])), c["level"], "",
                        c["message"]))
    return out


def short(m, ents):
    """The short form: one line, its message as `rendered` prints it."""
    (loc, level, code, _msg) = ents[0]
    head = "%s:%d:%d: %s%s: " % (loc + (level, f"[{code}]" if code else ""))
    r = m["rendered"].splitlines()[0]
    if not r.startswith(head):
        sys.exit(f"to_ok.py: short rendered {r!r} does not start {head!r}")
    return [(loc, level, code, r[len(head):])]


def check(m, ents):
    """Each entry's location must be the next `--> F:L:C` of `rendered`."""
    arrows = [l.split("--> ", 1)[1] for l in m["rendered"].splitlines()
              if l.lstrip().startswith("--> ")]
    want = [f"{f}:{ln}:{col}" for (f, ln, col), *_ in ents]
    if arrows != want:
        sys.exit(f"to_ok.py: rule disagrees with rendered: {want} != {arrows}")


def main():
    for raw in sys.stdin:
        rec = json.loads(raw)
        if rec.get("reason") != "compiler-message":
            continue
        m = rec["message"]
        ents = entries(m)
        if not ents:
            continue
        if os.environ.get("SHORT"):
            ents = short(m, ents)
        else:
            check(m, ents)
        for e in ents:
            print(line(*e))


main()
