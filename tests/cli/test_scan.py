"""test_scan.py - `ship scan` end to end with the static binary: real scanner reports, every output mode, policy."""
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, SHARED, clean_env

FIX = REPO / "tests" / "fixtures" / "scan"
REAL = SHARED / "fixtures" / "scanners"
REPO_ROOT = FIX / "repo"
SEVS = ["critical", "high", "medium", "low"]
RANK = {"unknown": 0, "none": 1, "low": 2, "medium": 3, "high": 4, "critical": 5}
ALL_REPORTS = [REAL / "trivy", REAL / "grype", REAL / "osv-scanner",
               FIX / "npm-audit.json", FIX / "cargo-audit.json"]


def reports(*paths):
    args = []
    for p in paths:
        args += ["--report", str(p)]
    return args


def state(tmp_path, name="ship-state"):
    return json.loads((tmp_path / name / "scan.json").read_text())


def expected_counts(findings, fail_on="high", only_fixed=False):
    """What the verdict must be, computed from the state's findings alone."""
    counts = {s: 0 for s in RANK}
    blocking = 0
    for f in findings:
        if f["ignored"]:
            continue
        counts[f["severity"]] += 1
        if fail_on != "none" and RANK[f["severity"]] >= RANK[fail_on] and \
                RANK[f["severity"]] >= RANK["low"] and (not only_fixed or f["fixable"]):
            blocking += 1
    return counts, blocking


def gh_env(tmp_path):
    out, summ = tmp_path / "gh_output", tmp_path / "gh_summary"
    out.write_text("")
    summ.write_text("")
    return {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(out),
            "GITHUB_STEP_SUMMARY": str(summ)}, out, summ


def parse_outputs(path):
    """$GITHUB_OUTPUT as the runner reads it (NAME=VALUE and heredoc records)."""
    lines, out, i = path.read_text().split("\n"), {}, 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            j = lines.index(delim, i + 1)
            out[name] = "\n".join(lines[i + 1:j])
            i = j + 1
            continue
        if "=" in line:
            k, v = line.split("=", 1)
            out[k] = v
        i += 1
    return out


def annotations(stdout):
    """(level, props, message) of every annotation command in stdout."""
    res = []
    for line in stdout.decode().splitlines():
        m = re.match(r"^::(error|warning|notice)( [^:]*)?::(.*)$", line)
        if m:
            props = {}
            for kv in (m.group(2) or "").strip().split(","):
                if "=" in kv:
                    k, v = kv.split("=", 1)
                    props[k] = v.replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
            res.append((m.group(1), props, m.group(3)))
    return res


# ---- text / json over every real report ---------------------------------

def test_all_real_reports_text(run_ship, tmp_path):
    r = run_ship("scan", *reports(*ALL_REPORTS), "--repo-root", REPO_ROOT)
    assert r.returncode == 1, r.stderr
    out = r.stdout.decode()
    assert out.startswith("scan: blocked: ")
    st = state(tmp_path)
    assert st["schema"] == "ship.state/v1" and st["phase"] == "scan"
    counts, blocking = expected_counts(st["findings"])
    assert st["blocking"] == blocking > 0
    for s in SEVS:
        assert f"  {s}: {counts[s]}\n" in out
    # every report was read with the right format
    fmts = {Path(x["name"]).name: x["format"] for x in st["reports"]}
    assert fmts["alpine-310.json"] == "trivy" and fmts["alpine-310.sarif"] == "sarif"
    assert fmts["TestJsonDirsPresenter.json"] == "grype"
    assert fmts["test-vuln-results-a.json"] == "osv-scanner"
    assert fmts["npm-audit.json"] == "npm-audit" and fmts["cargo-audit.json"] == "cargo-audit"
    # located on the lockfile line
    werk = [f for f in st["findings"] if f["id"] == "CVE-2019-14806" and f["installed"] == "0.11"]
    assert werk and werk[0]["file"] == "requirements.txt" and werk[0]["line"] == 5


def test_json_counts_and_state_agree(run_ship, tmp_path):
    r = run_ship("scan", *reports(*ALL_REPORTS), "--repo-root", REPO_ROOT, "--format", "json")
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)
    st = state(tmp_path)
    counts, blocking = expected_counts(st["findings"])
    assert doc["verdict"] == "blocked" and doc["exit_code"] == 1
    assert doc["outputs"] == {**{s: str(counts[s]) for s in SEVS}, "blocking": "true"}
    data = doc["data"]["scan"]
    assert data["counts"] == counts and st["counts"] == counts
    assert data["blocking"] == blocking == len(data["blocking_findings"])
    assert all(f["blocking"] for f in data["blocking_findings"])
    assert data["total"] == len(st["findings"])


def test_fail_on_thresholds_and_exit_codes(run_ship, tmp_path):
    pip = REAL / "trivy" / "pip.json"  # one HIGH, one MEDIUM
    assert run_ship("scan", "--report", pip).returncode == 1
    r = run_ship("scan", "--report", pip, "--fail-on", "critical", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["verdict"] == "pass" and doc["outputs"]["blocking"] == "false"
    assert doc["outputs"]["high"] == "1" and doc["outputs"]["medium"] == "1"
    assert run_ship("scan", "--report", pip, "--fail-on", "medium").returncode == 1
    assert run_ship("scan", "--report", pip, "--fail-on", "none").returncode == 0
    r = run_ship("scan", "--report", pip, "--fail-on", "severe")
    assert r.returncode == 2 and b"fail-on" in r.stderr
    # clean report: nothing blocks
    r = run_ship("scan", "--report", REAL / "trivy" / "cargo.lock.json")
    assert r.returncode == 0 and b"0 blocking of 0 findings" in r.stdout


def test_only_fixed(run_ship, tmp_path):
    npm = FIX / "npm-audit.json"  # critical minimist and high lodash have no fixed version
    r = run_ship("scan", "--report", npm, "--format", "json")
    assert r.returncode == 1
    base = json.loads(r.stdout)["data"]["scan"]
    r = run_ship("scan", "--report", npm, "--only-fixed", "--format", "json")
    doc = json.loads(r.stdout)["data"]["scan"]
    st = state(tmp_path)
    counts, blocking = expected_counts(st["findings"], only_fixed=True)
    assert doc["blocking"] == blocking < base["blocking"]
    assert doc["counts"] == base["counts"]  # counts never depend on the policy
    assert r.returncode == (1 if blocking else 0)
    assert all(f["fixable"] for f in doc["blocking_findings"])


def test_duplicates_across_two_tools_merge(run_ship, tmp_path):
    r = run_ship("scan", *reports(REAL / "trivy" / "pnpm.json", FIX / "dup-grype.json"),
                 "--repo-root", REPO_ROOT, "--format", "json")
    assert r.returncode == 1, r.stderr
    st = state(tmp_path)
    lodash = [f for f in st["findings"] if f["package"] == "lodash" and
              ("CVE-2019-10744" == f["id"] or "CVE-2019-10744" in f["aliases"])]
    assert len(lodash) == 1, lodash
    f = lodash[0]
    assert sorted(f["sources"]) == ["grype", "trivy"]
    assert {f["id"], *f["aliases"]} >= {"CVE-2019-10744", "GHSA-jf85-cpcp-j695"}
    assert f["severity"] == "critical" and f["file"] == "pnpm-lock.yaml" and f["line"] == 17
    # the grype finding with no fix is kept, not fixable
    nofix = [x for x in st["findings"] if x["id"] == "GHSA-4xc9-xhrj-v574"]
    assert nofix and nofix[0]["fixable"] is False and nofix[0]["fixed"] == []
    assert st["total"] == 3


def test_report_directory_and_format_in(run_ship, tmp_path):
    d = tmp_path / "reports"
    d.mkdir()
    (d / "a.json").write_bytes((REAL / "trivy" / "pip.json").read_bytes())
    (d / "notes.txt").write_text("not a report")
    r = run_ship("scan", "--report", d, "--format", "json")
    assert r.returncode == 1, r.stderr
    assert [x["format"] for x in state(tmp_path)["reports"]] == ["trivy"]
    r = run_ship("scan", "--report", REAL / "trivy" / "pip.json", "--format-in", "grype")
    assert r.returncode == 2 and b"grype" in r.stderr
    r = run_ship("scan", "--report", FIX / "npm-audit.json", "--format-in", "npm-audit")
    assert r.returncode == 1


# ---- GitHub Actions ----------------------------------------------------------

def test_github_mode_outputs_annotations_summary(run_ship, tmp_path):
    env, out, summ = gh_env(tmp_path)
    sarif = tmp_path / "out.sarif"
    r = run_ship("scan", *reports(*ALL_REPORTS), "--repo-root", REPO_ROOT,
                 "--sarif", sarif, env=env)
    assert r.returncode == 1, r.stderr
    st = state(tmp_path)
    counts, blocking = expected_counts(st["findings"])
    outs = parse_outputs(out)
    assert outs == {**{s: str(counts[s]) for s in SEVS}, "blocking": "true",
                    "sarif-file": str(sarif)}
    ann = annotations(r.stdout)
    levels = [a[0] for a in ann]
    for lvl in ("error", "warning", "notice"):
        assert levels.count(lvl) <= 10
    assert levels.count("error") == min(10, blocking)
    # errors come first, and errors are exactly blocking findings, best first
    assert levels == sorted(levels, key=["error", "warning", "notice"].index)
    werk = [a for a in ann if "CVE-2019-14806" in a[1].get("title", "") and "Werkzeug" in a[2]]
    assert werk and werk[0][0] == "error"
    assert werk[0][1]["file"].endswith("repo/requirements.txt") and werk[0][1]["line"] == "5"
    s = summ.read_text()
    assert "ship scan: blocked" in s and "Blocking findings" in s
    assert f"| critical | {counts['critical']} |" in s
    assert "minimist" in s  # a blocking finding without a fix is in the table
    assert "no fix" in s
    assert len(s.encode()) < 1024 * 1024


def test_annotation_cap_never_changes_verdict_or_counts(run_ship, tmp_path):
    big = tmp_path / "many.json"
    subprocess.run(["python3", str(FIX / "gen_trivy.py"), str(big), "0.5"], check=True)
    env, out, summ = gh_env(tmp_path)
    r = run_ship("scan", "--report", big, env=env)
    assert r.returncode == 1, r.stderr
    st = state(tmp_path)
    counts, blocking = expected_counts(st["findings"])
    assert blocking > 10
    outs = parse_outputs(out)
    assert outs["critical"] == str(counts["critical"]) and outs["high"] == str(counts["high"])
    ann = annotations(r.stdout)
    assert [a[0] for a in ann].count("error") == 10
    # the ten shown are the worst: all critical (there are more than ten)
    assert counts["critical"] >= 10
    assert all(a[1]["title"].startswith("blocking critical") for a in ann if a[0] == "error")
    s = summ.read_text()
    assert f"{blocking - 10} more errors" in s and "not shown as annotations" in s
    assert f"**{blocking} blocking**" in s


def test_untrusted_text_never_becomes_a_command(run_ship, tmp_path):
    env, out, summ = gh_env(tmp_path)
    r = run_ship("scan", "--report", FIX / "evil-trivy.json", env=env)
    assert r.returncode == 1
    for stream in (r.stdout, r.stderr):
        for line in stream.decode().splitlines():
            t = line.lstrip()
            if t.startswith("::"):
                assert re.match(r"^::(error|warning|notice)( [^:]*)?::", t), line
            assert "##[" not in line, line
    # every message's lines (as the runner unescapes them) are defused
    for lvl, props, msg in annotations(r.stdout):
        for part in msg.replace("%0D", "\n").replace("%0A", "\n").replace("%25", "%").split("\n"):
            assert not part.lstrip().startswith("::"), part
            assert "##[" not in part
    assert parse_outputs(out)["blocking"] == "true"
    s = summ.read_text()
    assert "<script>" not in s and "&lt;script&gt;" in s


# ---- ignore file ------------------------------------------------------------------

IGNORE = """ignore:
  - id: CVE-2019-10744        # used
    package: lodash
    reason: not reachable from our code
  - id: GHSA-xvch-5gv4-984h   # expired: blocks again
    reason: waiting for upstream
    expires: 2020-01-31
  - id: CVE-1900-0001          # stale
    reason: left over
    expires: 2999-12-31
"""


def test_ignore_file_used_expired_stale(run_ship, tmp_path):
    (tmp_path / ".ship-ignore.yml").write_text(IGNORE)
    env, out, summ = gh_env(tmp_path)
    r = run_ship("scan", *reports(REAL / "trivy" / "pnpm.json", FIX / "npm-audit.json"), env=env)
    assert r.returncode == 1, r.stderr
    st = state(tmp_path)
    status = {x["id"]: x["status"] for x in st["ignore_rules"]}
    assert status == {"CVE-2019-10744": "used", "GHSA-xvch-5gv4-984h": "expired",
                      "CVE-1900-0001": "stale"}
    assert st["expired_rules"] == 1 and st["stale_rules"] == 1 and st["ignored"] == 1
    lodash = [f for f in st["findings"] if f["id"] == "CVE-2019-10744"][0]
    assert lodash["ignored"] and not lodash["blocking"]
    minimist = [f for f in st["findings"] if f["id"] == "GHSA-xvch-5gv4-984h"][0]
    assert minimist["blocking"] and not minimist["ignored"]  # expired ignores nothing
    counts, blocking = expected_counts(st["findings"])
    assert st["blocking"] == blocking
    ann = annotations(r.stdout)
    warn = [a for a in ann if a[0] == "warning" and "GHSA-xvch-5gv4-984h" in a[2]]
    assert warn and "expired on 2020-01-31" in warn[0][2]
    assert warn[0][1]["file"].endswith(".ship-ignore.yml") and warn[0][1]["line"] == "5"
    assert any(a[0] == "notice" and "CVE-1900-0001" in a[2] for a in ann)
    s = summ.read_text()
    assert "Expired ignore entries" in s and "Stale ignore entries" in s
    assert "CVE\\-1900\\-0001" in s or "CVE-1900-0001" in s


def test_ignore_file_errors(run_ship, tmp_path):
    (tmp_path / "bad.yml").write_text("ignore:\n  - id: X\n    expires: 2020-13-01\n    reason: r\n")
    r = run_ship("scan", "--report", REAL / "trivy" / "pip.json", "--ignore-file", "bad.yml")
    assert r.returncode == 2 and b"bad.yml" in r.stderr
    r = run_ship("scan", "--report", REAL / "trivy" / "pip.json", "--ignore-file", "missing.yml")
    assert r.returncode == 2 and b"missing.yml" in r.stderr
    assert not (tmp_path / "ship-state" / "scan.json").exists()


# ---- Ansible -------------------------------------------------------------------

def ansible(ship, tmp_path, check=False, **args):
    doc = dict(args)
    doc.update({"_ansible_check_mode": check, "_ansible_no_log": False, "_ansible_diff": False,
                "_ansible_verbosity": 0, "_ansible_module_name": "ship_scan",
                "_ansible_tmpdir": str(tmp_path)})
    p = tmp_path / "args.json"
    p.write_text(json.dumps(doc))
    mod = tmp_path / "ship_scan"
    if not mod.exists():
        mod.symlink_to(ship)
    return subprocess.run([str(mod), str(p)], capture_output=True, env=clean_env(),
                          cwd=tmp_path, timeout=60)


def test_ansible_module_mode(ship, tmp_path):
    r = ansible(ship, tmp_path, report=[str(FIX / "npm-audit.json"), str(REAL / "trivy" / "pip.json")],
                fail_on="critical", sarif=str(tmp_path / "a.sarif"))
    assert r.returncode == 1
    doc = json.loads(r.stdout)
    assert doc["failed"] is True and doc["changed"] is False and doc["phase"] == "scan"
    assert doc["data"]["scan"]["policy"]["fail_on"] == "critical"
    assert doc["outputs"]["critical"] == "1" and doc["outputs"]["blocking"] == "true"
    assert (tmp_path / "ship-state" / "scan.json").exists() and (tmp_path / "a.sarif").exists()
    r = ansible(ship, tmp_path, report=[str(REAL / "trivy" / "pip.json")], fail_on="critical")
    assert r.returncode == 0 and json.loads(r.stdout)["failed"] is False


def test_ansible_check_mode_writes_nothing(ship, tmp_path):
    r = ansible(ship, tmp_path, check=True, report=[str(REAL / "trivy" / "pip.json")],
                sarif=str(tmp_path / "c.sarif"))
    doc = json.loads(r.stdout)
    assert doc["failed"] is True and doc["data"]["scan"]["blocking"] == 1
    assert not (tmp_path / "ship-state").exists() and not (tmp_path / "c.sarif").exists()


def test_ansible_bad_input_fails_cleanly(ship, tmp_path):
    r = ansible(ship, tmp_path, report=[str(FIX / "bad-unknown.json")])
    doc = json.loads(r.stdout)
    assert doc["failed"] is True and "unknown report format" in doc["msg"]


# ---- bad input ----------------------------------------------------------------------

def test_bad_inputs_give_clear_errors(run_ship, tmp_path):
    trunc = tmp_path / "trunc.json"
    trunc.write_bytes((REAL / "trivy" / "pip.json").read_bytes()[:700])
    r = run_ship("scan", "--report", trunc)
    assert r.returncode == 2
    assert re.search(rb"trunc\.json: line \d+, column \d+", r.stderr), r.stderr
    r = run_ship("scan", "--report", FIX / "bad-trivy-type.json")
    assert r.returncode == 2
    assert b"Results[0].Vulnerabilities[0].PkgName: expected a string (got a number)" in r.stderr
    r = run_ship("scan", "--report", FIX / "bad-unknown.json")
    assert r.returncode == 2 and b"unknown report format (expected Trivy JSON" in r.stderr
    r = run_ship("scan", "--report", FIX / "bad-unknown.json", "--format-in", "nessus")
    assert r.returncode == 2 and b"expected auto, trivy, grype" in r.stderr
    r = run_ship("scan", "--report", tmp_path / "nope.json")
    assert r.returncode == 2 and b"nope.json" in r.stderr
    r = run_ship("scan")
    assert r.returncode == 2 and b"nothing to scan" in r.stderr
    nul = tmp_path / "nul.json"
    nul.write_bytes(b'{"SchemaVersion": 2, "Results": [\x00]}')
    r = run_ship("scan", "--report", nul)
    assert r.returncode == 2 and b"NUL" in r.stderr
    # a failed run leaves no state and no SARIF
    r = run_ship("scan", "--report", trunc, "--sarif", tmp_path / "x.sarif")
    assert r.returncode == 2
    assert not (tmp_path / "ship-state").exists() and not (tmp_path / "x.sarif").exists()


def test_help_lists_every_option(run_ship):
    r = run_ship("scan", "--help")
    assert r.returncode == 0
    for o in ("--report", "--format-in", "--run", "--repo-root", "--fail-on", "--only-fixed",
              "--ignore-file", "--sarif", "--max-report-size", "--run-timeout", "--self"):
        assert o.encode() in r.stdout
    assert b"not built yet" not in r.stdout


def test_annotation_paths_are_workspace_relative_and_exist(run_ship, tmp_path):
    env, out, summ = gh_env(tmp_path)
    env["GITHUB_WORKSPACE"] = str(REPO)
    r = run_ship("scan", *reports(REAL / "trivy" / "pip.json", REAL / "grype" / "TestJsonDirsPresenter.json"),
                 "--repo-root", REPO_ROOT, env=env)
    assert r.returncode == 1, r.stderr
    ann = annotations(r.stdout)
    werk = [a for a in ann if "Werkzeug" in a[2]]
    assert werk and all(a[1]["file"] == "tests/fixtures/scan/repo/requirements.txt" for a in werk)
    # grype's /foo/bar/somefile-1.txt is not in the repository: no file, still annotated
    grype = [a for a in ann if "package-1" in a[2]]
    assert grype and "file" not in grype[0][1]
    # the default ignore file in the working directory is named without "./"
    (tmp_path / ".ship-ignore.yml").write_text("ignore:\n  - id: CVE-0-0\n    reason: r\n")
    r = run_ship("scan", "--report", REAL / "trivy" / "pip.json", env=env)
    stale = [a for a in annotations(r.stdout) if "CVE-0-0" in a[2]]
    assert stale and stale[0][1]["file"] == ".ship-ignore.yml" and stale[0][1]["line"] == "2"
