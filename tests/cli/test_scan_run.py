"""test_scan_run.py - `ship scan --run`: scanners run by argv (no shell), fake scanners placed first in PATH."""
import json
import os
import stat

import pytest

from conftest import REPO, SHARED

FIX = REPO / "tests" / "fixtures" / "scan"
REAL = SHARED / "fixtures" / "scanners"


def fake(bindir, prog, body):
    """A fake scanner: records its argv and working directory, then runs body."""
    bindir.mkdir(exist_ok=True)
    p = bindir / prog
    p.write_text("#!/bin/sh\n"
                 f'printf "%s\\n" "$@" > "{bindir}/{prog}.argv"\n'
                 f'pwd > "{bindir}/{prog}.cwd"\n' + body + "\n")
    p.chmod(p.stat().st_mode | stat.S_IXUSR)
    return p


def path_env(bindir):
    return {"PATH": f"{bindir}:/usr/bin:/bin"}


@pytest.mark.parametrize("name,prog,report,argv", [
    ("trivy", "trivy", REAL / "trivy" / "pip.json",
     ["fs", "--format", "json", "--scanners", "vuln", "--quiet", "{root}"]),
    ("grype", "grype", REAL / "grype" / "TestJsonDirsPresenter.json",
     ["dir:{root}", "-o", "json", "-q"]),
    ("osv-scanner", "osv-scanner", REAL / "osv-scanner" / "test-vuln-results-a.json",
     ["--format", "json", "--recursive", "{root}"]),
    ("cargo-audit", "cargo-audit", FIX / "cargo-audit.json",
     ["audit", "--json", "--file", "{root}/Cargo.lock"]),
    ("npm-audit", "npm", FIX / "npm-audit.json", ["audit", "--json"]),
])
def test_run_each_scanner(run_ship, tmp_path, name, prog, report, argv):
    bindir = tmp_path / "bin"
    # scanners exit non-zero when they find something: that is not an error
    fake(bindir, prog, f'cat "{report}"; echo "scanning..." >&2; exit 1')
    root = tmp_path / "repo"
    root.mkdir()
    r = run_ship("scan", "--run", name, "--repo-root", root, "--format", "json",
                 env=path_env(bindir))
    assert r.returncode in (0, 1), r.stderr
    doc = json.loads(r.stdout)
    assert doc["data"]["scan"]["reports"][0]["name"] == f"{name} output"
    assert doc["data"]["scan"]["total"] > 0
    got = (bindir / f"{prog}.argv").read_text().splitlines()
    assert got == [a.format(root=root) for a in argv]
    if name == "npm-audit":
        assert (bindir / "npm.cwd").read_text().strip() == str(root)


def test_run_and_report_together_merge(run_ship, tmp_path):
    bindir = tmp_path / "bin"
    fake(bindir, "grype", f'cat "{FIX / "dup-grype.json"}"')
    r = run_ship("scan", "--run", "grype", "--report", REAL / "trivy" / "pnpm.json",
                 "--format", "json", env=path_env(bindir))
    assert r.returncode == 1, r.stderr
    st = json.loads((tmp_path / "ship-state" / "scan.json").read_text())
    lodash = [f for f in st["findings"] if "CVE-2019-10744" in [f["id"], *f["aliases"]]]
    assert len(lodash) == 1 and sorted(lodash[0]["sources"]) == ["grype", "trivy"]


def test_missing_scanner_is_a_clear_error(run_ship, tmp_path):
    bindir = tmp_path / "empty"
    bindir.mkdir()
    r = run_ship("scan", "--run", "trivy", env=path_env(bindir))
    assert r.returncode == 2
    assert b"trivy: 'trivy' not found in PATH" in r.stderr
    assert not (tmp_path / "ship-state").exists()


def test_unknown_scanner_checked_before_anything_runs(run_ship, tmp_path):
    bindir = tmp_path / "bin"
    fake(bindir, "trivy", f'cat "{REAL / "trivy" / "pip.json"}"')
    r = run_ship("scan", "--run", "trivy", "--run", "snyk", env=path_env(bindir))
    assert r.returncode == 2 and b"unknown scanner 'snyk'" in r.stderr
    assert b"osv-scanner" in r.stderr  # names what is accepted
    assert not (bindir / "trivy.argv").exists()


def test_scanner_failing_without_output(run_ship, tmp_path):
    bindir = tmp_path / "bin"
    fake(bindir, "trivy", 'echo "FATAL: db download failed" >&2; exit 3')
    r = run_ship("scan", "--run", "trivy", env=path_env(bindir))
    assert r.returncode == 2
    assert b"exited with status 3 without a report" in r.stderr
    assert b"db download failed" in r.stderr


def test_scanner_output_not_json(run_ship, tmp_path):
    bindir = tmp_path / "bin"
    fake(bindir, "grype", 'echo "this is a table, not JSON"')
    r = run_ship("scan", "--run", "grype", env=path_env(bindir))
    assert r.returncode == 2 and b"grype output: line 1" in r.stderr


def test_scanner_output_over_the_cap(run_ship, tmp_path):
    bindir = tmp_path / "bin"
    fake(bindir, "trivy", "head -c 5000000 /dev/zero | tr '\\0' ' '; sleep 30")
    r = run_ship("scan", "--run", "trivy", "--max-report-size", "100000", env=path_env(bindir),
                 timeout=20)
    assert r.returncode == 2
    assert b"larger than 100000 bytes" in r.stderr


def test_scanner_deadline(run_ship, tmp_path):
    bindir = tmp_path / "bin"
    fake(bindir, "osv-scanner", "sleep 30")
    r = run_ship("scan", "--run", "osv-scanner", "--run-timeout", "1", env=path_env(bindir),
                 timeout=20)
    assert r.returncode == 4
    assert b"no result after 1 seconds" in r.stderr


def test_no_shell_is_involved(run_ship, tmp_path):
    """A repository root full of shell syntax reaches the scanner as one argument."""
    bindir = tmp_path / "bin"
    fake(bindir, "trivy", f'cat "{REAL / "trivy" / "pip.json"}"')
    root = tmp_path / "r; touch pwned; $(touch pwned2)"
    root.mkdir()
    r = run_ship("scan", "--run", "trivy", "--repo-root", root, env=path_env(bindir))
    assert r.returncode == 1, r.stderr
    assert (bindir / "trivy.argv").read_text().splitlines()[-1] == str(root)
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "pwned2").exists()
