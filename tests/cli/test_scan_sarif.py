"""test_scan_sarif.py - every SARIF file `ship scan --sarif` writes validates against the SARIF 2.1.0 schema."""
import gzip
import json
import random
import string

import jsonschema  # Debian python3-jsonschema
import pytest

from conftest import REPO, SHARED

FIX = REPO / "tests" / "fixtures" / "scan"
REAL = SHARED / "fixtures" / "scanners"
SCHEMA = json.loads((REPO / "tests" / "fixtures" / "sarif-schema" / "sarif-schema-2.1.0.json").read_text())
ALL = [REAL / "trivy", REAL / "grype", REAL / "osv-scanner", FIX / "npm-audit.json",
       FIX / "cargo-audit.json", FIX / "dup-grype.json", FIX / "evil-trivy.json"]


def validate(path):
    doc = json.loads(path.read_text())
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    return doc


def test_schema_rejects_broken_sarif():
    """The validator is live: a run without tool.driver fails."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate({"version": "2.1.0", "runs": [{"results": []}]})


@pytest.mark.parametrize("inputs", [[p] for p in ALL] + [ALL], ids=lambda x: "+".join(p.name for p in x))
def test_sarif_valid_and_usable_by_code_scanning(run_ship, tmp_path, inputs):
    out = tmp_path / "ship.sarif"
    args = []
    for p in inputs:
        args += ["--report", str(p)]
    r = run_ship("scan", *args, "--repo-root", FIX / "repo", "--sarif", out, "--fail-on", "none",
                 "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = validate(out)
    assert doc["version"] == "2.1.0" and doc["$schema"]
    run = doc["runs"][0]
    assert run["tool"]["driver"]["name"] == "ship"
    rules = {x["id"]: x for x in run["tool"]["driver"]["rules"]}
    st = json.loads((tmp_path / "ship-state" / "scan.json").read_text())
    assert len(run["results"]) == len([f for f in st["findings"] if not f["ignored"]])
    assert json.loads(r.stdout)["outputs"]["sarif-file"] == str(out)
    for res in run["results"]:
        # what GitHub code scanning requires (research note §5)
        assert res["message"]["text"]
        assert res["ruleId"] in rules
        fp = res["partialFingerprints"]["primaryLocationLineHash"]
        assert fp and ":" in fp
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] and loc["region"]["startLine"] >= 1
    for rule in rules.values():
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert len(rule["fullDescription"]["text"]) <= 1024
        props = rule["properties"]
        assert "security" in props["tags"]
        if "security-severity" in props:
            assert 0.0 < float(props["security-severity"]) <= 10.0
        else:  # no score and no severity: GitHub must not guess one
            assert {"unknown", "none"} & set(props["tags"])


def test_sarif_leaves_out_ignored_findings(run_ship, tmp_path):
    (tmp_path / ".ship-ignore.yml").write_text(
        "ignore:\n  - id: CVE-2019-14806\n    reason: test\n")
    out = tmp_path / "s.sarif"
    r = run_ship("scan", "--report", REAL / "trivy" / "pip.json", "--sarif", out)
    assert r.returncode == 0, r.stderr
    doc = validate(out)
    assert [x["ruleId"] for x in doc["runs"][0]["results"]] == ["CVE-2020-28724"]


def test_sarif_unwritable_path_is_an_error(run_ship, tmp_path):
    r = run_ship("scan", "--report", REAL / "trivy" / "pip.json",
                 "--sarif", tmp_path / "no" / "such" / "dir" / "x.sarif")
    assert r.returncode == 2 and b"--sarif" in r.stderr


def big_trivy_report(path, n):
    """A Trivy report of n findings with incompressible text; severity and CVSS vary."""
    rnd = random.Random(42)
    sevs = ["LOW", "MEDIUM", "HIGH", "CRITICAL"]
    vulns = []
    for i in range(n):
        words = " ".join("".join(rnd.choice(string.ascii_lowercase) for _ in range(8)) for _ in range(40))
        vulns.append({
            "VulnerabilityID": f"CVE-2025-{10000 + i}", "PkgName": f"pkg{i}",
            "InstalledVersion": "1.0.0", "FixedVersion": "1.0.1",
            "Severity": sevs[i % 4], "Title": words[:200], "Description": words,
            "CVSS": {"nvd": {"V3Score": (i % 7) + 2.5}},
        })
    path.write_text(json.dumps({"SchemaVersion": 2, "ArtifactName": "big", "ArtifactType": "repository",
                                "Results": [{"Target": "package-lock.json", "Class": "lang-pkgs",
                                             "Type": "npm", "Vulnerabilities": vulns}]}))


LIMIT_ENV = "SHIP_TEST_SARIF_MAX_GZIP_BYTES"  # test-only: lowers GitHub's 10 MB gzip limit


def test_sarif_over_gzip_limit_leaves_out_least_severe(run_ship, tmp_path):
    """Over the (lowered) gzip size limit, the least severe, then lowest CVSS results go, and
    the SARIF, the log and the step summary say how many."""
    report, out, summary = tmp_path / "big.json", tmp_path / "big.sarif", tmp_path / "summary.md"
    big_trivy_report(report, 400)
    limit = 40000
    r = run_ship("scan", "--report", report, "--sarif", out, "--fail-on", "none",
                 env={LIMIT_ENV: str(limit), "GITHUB_ACTIONS": "true",
                      "GITHUB_STEP_SUMMARY": str(summary)})
    assert r.returncode == 0, r.stderr
    raw = out.read_bytes()
    assert len(gzip.compress(raw)) <= limit < len(raw)
    doc = validate(out)
    run = doc["runs"][0]
    kept = {x["ruleId"] for x in run["results"]}
    left = run["properties"]["resultsLeftOut"]
    assert 0 < left < 400 and len(kept) + left == 400
    assert run["properties"]["resultsTotal"] == 400
    note = run["invocations"][0]["toolExecutionNotifications"][0]
    assert note["level"] == "warning" and f"{left} of 400 results" in note["message"]["text"]
    # priority: severity, then CVSS; every kept result outranks every one left out
    st = json.loads((tmp_path / "ship-state" / "scan.json").read_text())

    def prio(i):
        return (i % 4, (i % 7) + 2.5)
    ids = {f"CVE-2025-{10000 + i}": prio(i) for i in range(400)}
    assert len(st["findings"]) == 400
    assert min(ids[k] for k in kept) >= max(v for k, v in ids.items() if k not in kept)
    # not needlessly small: the fit is within 10% of the limit
    assert len(gzip.compress(raw)) > limit * 0.9
    # ship itself says it: a warning and the step summary
    assert b"left out" in r.stderr
    assert "left out" in summary.read_text()


def test_sarif_under_gzip_limit_is_whole(run_ship, tmp_path):
    report, out = tmp_path / "big.json", tmp_path / "big.sarif"
    big_trivy_report(report, 400)
    r = run_ship("scan", "--report", report, "--sarif", out, "--fail-on", "none")
    assert r.returncode == 0, r.stderr
    run = validate(out)["runs"][0]
    assert len(run["results"]) == 400
    assert "properties" not in run and "invocations" not in run
    assert b"left out" not in r.stderr
