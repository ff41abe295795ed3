"""test_scan_big.py - a 100 MB Trivy report generated at test time: inside the default cap it is read whole; over --max-report-size it is a clean error."""
import importlib.util
import json
import resource
import subprocess

import pytest

from conftest import REPO, clean_env

GEN = REPO / "tests" / "fixtures" / "scan" / "gen_trivy.py"


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("gen_trivy", GEN)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    path = tmp_path_factory.mktemp("big") / "trivy-100mb.json"
    import sys
    argv, sys.argv = sys.argv, ["gen_trivy.py", str(path), "100"]
    try:
        gen.main()
    finally:
        sys.argv = argv
    return path


def expected(path):
    doc = json.loads(path.read_text())
    counts = {}
    for r in doc["Results"]:
        for v in r.get("Vulnerabilities") or []:
            s = v["Severity"].lower()
            counts[s] = counts.get(s, 0) + 1
    return counts


def test_100mb_report_within_the_default_cap(ship, big, tmp_path):
    size = big.stat().st_size
    assert size >= 100 * 1000 * 1000
    want = expected(big)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = subprocess.run([ship, "scan", "--report", str(big), "--format", "json", "-q"],
                       capture_output=True, cwd=tmp_path, env=clean_env(), timeout=120)
    rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert r.returncode == 1, r.stderr[-2000:]
    doc = json.loads(r.stdout)
    for s in ("critical", "high", "medium", "low"):
        assert doc["outputs"][s] == str(want.get(s, 0))
    data = doc["data"]["scan"]
    assert data["counts"]["unknown"] == want.get("unknown", 0)
    assert data["blocking"] == want["critical"] + want["high"]
    # --format json carries at most 1000 blocking findings; the state has all
    assert len(data["blocking_findings"]) == 1000 and data["blocking_findings_truncated"]
    assert data["total"] == sum(want.values())
    # design bar: peak RSS at most 10x the input (when this was the largest child)
    if rss_kb > before:
        assert rss_kb * 1024 <= 10 * size, f"peak RSS {rss_kb} KiB for {size} bytes"


def test_100mb_report_over_a_lower_cap_is_a_clean_error(ship, big, tmp_path):
    r = subprocess.run([ship, "scan", "--report", str(big), "--max-report-size", "50000000",
                        "--sarif", str(tmp_path / "x.sarif")],
                       capture_output=True, cwd=tmp_path, env=clean_env(), timeout=60)
    assert r.returncode == 2
    assert f"{big}: larger than --max-report-size (50000000 bytes)".encode() in r.stderr
    assert not (tmp_path / "ship-state").exists() and not (tmp_path / "x.sarif").exists()


def test_max_report_size_bounds(ship, tmp_path):
    for bad in ("10", str(1 << 40)):
        r = subprocess.run([ship, "scan", "--report", "x.json", "--max-report-size", bad],
                           capture_output=True, cwd=tmp_path, env=clean_env(), timeout=30)
        assert r.returncode == 2 and b"--max-report-size" in r.stderr
