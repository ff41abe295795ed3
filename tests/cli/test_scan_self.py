"""test_scan_self.py - `ship scan --self`: reports checked against ship's own component manifest."""
import json
import subprocess

import pytest

from conftest import clean_env


@pytest.fixture
def components(ship):
    out = subprocess.run([ship, "version", "--json"], capture_output=True, check=True,
                         env=clean_env()).stdout
    doc = json.loads(out)
    return doc["version"], {c["name"]: c for c in doc["components"]}


def vuln(vid, pkg, ver, sev, fixed=None):
    v = {"VulnerabilityID": vid, "PkgName": pkg, "InstalledVersion": ver, "Severity": sev,
         "Title": f"{pkg} issue"}
    if fixed:
        v["FixedVersion"] = fixed
    return v


def report(path, os_vulns, lang_vulns=()):
    """A Trivy image report: Debian packages plus an npm lockfile."""
    doc = {"SchemaVersion": 2, "ArtifactName": "debian:trixie", "ArtifactType": "container_image",
           "Results": [{"Target": "debian:trixie (debian 13.0)", "Class": "os-pkgs", "Type": "debian",
                        "Vulnerabilities": list(os_vulns)},
                       {"Target": "app/package-lock.json", "Class": "lang-pkgs", "Type": "npm",
                        "Vulnerabilities": list(lang_vulns)}]}
    path.write_text(json.dumps(doc))
    return path


def test_self_keeps_only_ship_components_at_ship_versions(run_ship, tmp_path, components):
    ship_version, comp = components
    curl, zlib, yaml = comp["curl"], comp["zlib"], comp["yaml"]
    rep = report(tmp_path / "image.json", [
        # Debian's binary package of ship's curl, exact Debian revision: applies
        vuln("CVE-2099-1000", "libcurl4t64", curl["debian_revision"], "HIGH"),
        # the upstream version alone also applies (an Alpine-style revision)
        vuln("CVE-2099-1001", "curl", curl["version"] + "-r3", "CRITICAL"),
        # zlib1g at ship's Debian revision (epoch and all): applies
        vuln("CVE-2099-1002", "zlib1g", zlib["debian_revision"], "MEDIUM"),
        # another version of a component: reported as not applicable
        vuln("CVE-2099-1003", "libyaml-0-2", "0.1.7-2", "HIGH"),
        # ship's exact Debian revision is the fix: not applicable
        vuln("CVE-2099-1004", "libcurl4t64", curl["debian_revision"], "HIGH",
             fixed=curl["debian_revision"]),
        # not a component of ship
        vuln("CVE-2099-1005", "openssl", "3.5.1-1", "CRITICAL"),
    ], lang_vulns=[
        # an npm package named like a component is not the C library
        vuln("CVE-2099-1006", "yaml", yaml["version"], "CRITICAL"),
    ])
    r = run_ship("scan", "--self", "--report", rep, "--format", "json")
    assert r.returncode == 1, r.stderr
    doc = json.loads(r.stdout)["data"]["scan"]
    assert doc["self"]["applies"] == 3
    assert doc["self"]["other_version"] == 2
    assert doc["self"]["unrelated"] == 2
    st = json.loads((tmp_path / "ship-state" / "scan.json").read_text())
    ids = sorted(f["id"] for f in st["findings"])
    assert ids == ["CVE-2099-1000", "CVE-2099-1001", "CVE-2099-1002"]
    assert all(f["target"].startswith(f"ship {ship_version} (") for f in st["findings"])
    assert sorted(f["id"] for f in st["self"]["not_applicable"]) == ["CVE-2099-1003", "CVE-2099-1004"]
    assert doc["blocking"] == 2  # critical curl + high libcurl


def test_self_clean_when_nothing_applies(run_ship, tmp_path, components):
    rep = report(tmp_path / "image.json", [vuln("CVE-2099-2000", "libjansson4", "2.13.1-1", "HIGH")])
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(tmp_path / "summary")}
    r = run_ship("scan", "--self", "--report", rep, env=env)
    assert r.returncode == 0, r.stderr
    s = (tmp_path / "summary").read_text()
    assert "--self" in s and "another version of a component" in s
    assert "2\\.13\\.1\\-1" in s or "2.13.1-1" in s


def test_self_needs_a_report(run_ship, tmp_path):
    r = run_ship("scan", "--self")
    assert r.returncode == 2 and b"nothing to scan" in r.stderr
