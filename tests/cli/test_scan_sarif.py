"""test_scan_sarif.py - every SARIF file `ship scan --sarif` writes validates against the SARIF 2.1.0 schema."""
import json

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
