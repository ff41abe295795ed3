"""ESLint -f json on stdin -> .ok lines for the stylish or compact log."""
import json
import re
import sys

form = sys.argv[1]
for res in sorted(json.load(sys.stdin), key=lambda r: r["filePath"]):
    for m in res["messages"]:
        sev = "error" if m.get("fatal") or m["severity"] == 2 else "warning"
        text = m["message"].split("\n")[0]
        rule = m.get("ruleId")
        if form == "stylish":
            text = re.sub(r"([^ ])\.$", r"\1", text)
            msg = text + ("  " + rule if rule else "")
        else:
            msg = text + (" (%s)" % rule if rule else "")
        loc = "%d col %d" % (m["line"], m["column"]) if "line" in m else ""
        print("%s|%s %s| %s" % (res["filePath"], loc, sev, msg))
