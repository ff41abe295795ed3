#!/bin/sh
# Captures a failing pytest run on ./project for tests/heal/real/pytest.{log,ok}.
# Tool: pytest 7.2.1, CPython 3.11.2, Debian 12 package `python3-pytest`.
#
# pytest.log: `pytest -q` (stdout+stderr) with CI=true, as on a CI runner
#             (pytest then does not cut the short summary to the terminal
#             width). The same run writes --junitxml (xunit1, which keeps each
#             testcase's file). Two things in the log are normalised, both
#             outside any diagnostic: the run's duration ("in 0.09s" becomes
#             "in 0.10s") and the project's absolute path in the "generated xml
#             file" line (it becomes a runner's checkout, /home/runner/work/
#             shop/shop). Nothing in the tests prints an object address.
# pytest.ok:  from the junit XML of the same run, for each testcase with a
#             <failure> or <error>, two entries, both printed by pytest as
#             their own located lines:
#             1. the location pytest prints at the end of the failure
#                section (the innermost frame): the last line of the element's
#                text, "FILE:LINE: ExceptionType", as "FILE|LINE| ExceptionType"
#                (no column: pytest gives none);
#             2. the short test summary line "FAILED|ERROR FILE::TEST - MSG" as
#                "FILE|| TEST - MSG" (the convention of tests/heal/python-ci.ok):
#                FILE is the testcase's file attribute, TEST the node id after
#                the file (class parts of classname, then name), MSG the first
#                line of the crash message: the failure's message attribute,
#                or for an error the text inside pytest's
#                'failed on setup with "..."' wrapper.
# Rerun from anywhere: sh tests/heal/capture/pytest/capture.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$here/../../real
cd "$here/project"
pytest --version 2>&1
junit=$(mktemp -d)
trap 'rm -rf "$junit"' EXIT
# pytest exits 1 when tests fail. No cache and no bytecode: the project
# directory stays clean (neither changes what pytest prints).
CI=true PYTHONDONTWRITEBYTECODE=1 pytest -q -p no:cacheprovider \
    -o junit_family=xunit1 --junitxml="$junit/junit.xml" > "$junit/log" 2>&1 || true
sed -e "s#$junit/junit.xml#/home/runner/work/shop/shop/reports/junit.xml#" \
    -e 's/ in [0-9.]*s\( ([0-9:]*)\)\{0,1\}$/ in 0.10s/' "$junit/log" > "$out/pytest.log"
python3 - "$junit/junit.xml" "$out/pytest.ok" <<'PY'
import re, sys
import xml.etree.ElementTree as ET
LOC = re.compile(r"^(\S.*?):(\d+): (\S.*)$")
WRAP = re.compile(r'^failed on (?:setup|teardown) with "(.*)"$', re.S)
rows = []
for case in ET.parse(sys.argv[1]).iter("testcase"):
    for kind in ("failure", "error"):
        el = case.find(kind)
        if el is None:
            continue
        last = (el.text or "").rstrip("\n").split("\n")[-1]
        m = LOC.match(last)
        assert m, "no location at the end of %s of %s: %r" % (kind, case.get("name"), last)
        rows.append("%s|%s| %s" % m.groups())
        path = case.get("file")
        module = path[:-3].replace("/", ".")
        classname = case.get("classname")
        assert classname == module or classname.startswith(module + "."), (classname, path)
        test = "::".join([p for p in classname[len(module) + 1:].split(".") if p] + [case.get("name")])
        msg = el.get("message", "")
        w = WRAP.match(msg) if kind == "error" else None
        if w:
            msg = w.group(1)
        rows.append("%s|| %s - %s" % (path, test, msg.split("\n")[0]))
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("".join(r + "\n" for r in rows))
print("pytest: %d expected entries" % len(rows))
PY
