"""stylelint --formatter json on stdin -> .ok lines; argv[1] is the project dir."""
import json
import os
import sys

root = sys.argv[1]
for res in sorted(json.load(sys.stdin), key=lambda r: r["source"]):
    name = os.path.relpath(res["source"], root)
    items = res["warnings"] + res.get("parseErrors", [])
    for w in sorted(items, key=lambda w: (w.get("line", 0), w.get("column", 0))):
        text, rule = w["text"].split("\n")[0], w.get("rule", "")
        suffix = " (%s)" % rule
        if rule and text.endswith(suffix):
            text = text[: -len(suffix)]
        msg = text + ("  " + rule if rule else "")
        loc = "%d col %d" % (w["line"], w["column"]) if "line" in w else ""
        print("%s|%s %s| %s" % (name, loc, w.get("severity", "error"), msg))
    for w in res.get("invalidOptionWarnings", []):
        print("%s|| %s" % (name, w["text"]))
