"""--state-from / --state-to: directories, this run's artifacts (v4 and REST), another run's artifacts."""
import datetime
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "servers"))
import fakeartifact  # noqa: E402


def state_doc(phase, **fields):
    d = {"schema": "ship.state/v1", "phase": phase, "written": "2026-11-21T08:00:00Z",
         "ship_version": "0.1.0"}
    d.update(fields)
    return json.dumps(d).encode()


def make_zip(files):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return b.getvalue()


def unzip(blob):
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        return {n: z.read(n) for n in z.namelist()}


def audit(phase, action):
    return json.dumps({"time": "2026-11-21T08:00:00Z", "phase": phase, "action": action,
                       "target": "x", "result": "ok"}) + "\n"


@pytest.fixture
def svc():
    s = fakeartifact.Service().start()
    yield s
    s.shutdown()


def states(r):
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["data"]["states"]


# --- directories ------------------------------------------------------------------

def test_dir_sink_and_source(run_ship, tmp_path):
    r = run_ship("selftest", "--state-to", "dir:out", "--change")
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "out" / "selftest.json").read_text())["verdict"] == "pass"
    assert "selftest.touch" in (tmp_path / "out" / "audit.jsonl").read_text()
    assert not (tmp_path / "ship-state").exists()
    r = run_ship("selftest", "--state-from", "dir:out", "--state-to", "dir:other",
                 "--read-state", "selftest", "--format", "json")
    assert states(r)["selftest"]["phase"] == "selftest"
    r = run_ship("selftest", "--state-from", "dir:nowhere", "--read-state", "scan")
    assert r.returncode == 2 and b"nowhere/scan.json" in r.stderr


@pytest.mark.parametrize("opt,spec,needle", [
    ("--state-from", "s3:bucket", "expected dir:PATH, artifact:NAME or run:RUN_ID/artifact:NAME"),
    ("--state-from", "artifact:", "bad artifact name"),
    ("--state-from", "artifact:a/b", "bad artifact name"),
    ("--state-from", "run:abc/artifact:x", "expected dir:PATH"),
    ("--state-from", "run:12/x", "expected dir:PATH"),
    ("--state-to", "run:12/artifact:x", "another run's artifacts are read-only"),
    ("--state-retention", "91", "must be 1 to 90 days"),
])
def test_bad_locations(run_ship, tmp_path, opt, spec, needle):
    r = run_ship("selftest", opt, spec)
    assert r.returncode == 2
    assert needle in r.stderr.decode(), r.stderr
    assert not (tmp_path / "ship-state").exists()


def test_artifact_sink_needs_the_service_before_the_phase_acts(run_ship, tmp_path):
    r = run_ship("selftest", "--state-to", "artifact:ship-state", "--change")
    assert r.returncode == 2
    assert b"ACTIONS_RUNTIME_TOKEN" in r.stderr
    assert not (tmp_path / "ship-state").exists()


# --- this run, artifact service v4 ---------------------------------------------------

def test_v4_upload_then_merge_read(run_ship, tmp_path, svc):
    env = svc.env()
    r = run_ship("selftest", "--state-to", "artifact:ship-state", "--change", env=env)
    assert r.returncode == 0, r.stderr
    [a] = svc.find("ship-state-selftest")
    files = unzip(a["blob"])
    assert sorted(files) == ["audit.jsonl", "selftest.json"]
    assert json.loads(files["selftest.json"])["verdict"] == "pass"
    assert files["audit.jsonl"].count(b"\n") == 1
    assert a["hash"] == "sha256:" + hashlib.sha256(a["blob"]).hexdigest()
    assert a["expires_at"] is None
    # the local copy is written too
    assert (tmp_path / "ship-state" / "selftest.json").exists()
    # the blob host never saw the runtime token
    assert svc.blob_log and all("authorization" not in b["headers"] for b in svc.blob_log)

    # another phase's artifact, then a reader merges both
    svc.add_artifact("ship-state-scan", make_zip({"scan.json": state_doc("scan", blocking=3),
                                                  "audit.jsonl": audit("scan", "scan.run")}))
    svc.add_artifact("unrelated", make_zip({"scan.json": state_doc("scan", blocking=99)}))
    r = run_ship("selftest", "--state-from", "artifact:ship-state", "--state-dir", "fresh",
                 "--read-state", "scan", "--read-state", "selftest", "--format", "json", env=env)
    st = states(r)
    assert st["scan"]["blocking"] == 3 and st["selftest"]["verdict"] == "pass"
    # writes went to the state directory, not to the temporary merge
    assert (tmp_path / "fresh" / "selftest.json").exists()


def test_v4_artifacts_are_immutable(run_ship, tmp_path, svc):
    env = svc.env()
    assert run_ship("selftest", "--state-to", "artifact:ship-state", env=env).returncode == 0
    r = run_ship("selftest", "--state-to", "artifact:ship-state", env=env)
    assert r.returncode == 2
    assert b"uploading state artifact ship-state-selftest" in r.stderr
    assert b"immutable" in r.stderr
    assert len(svc.find("ship-state-selftest")) == 1


def test_check_mode_uploads_nothing(ship, tmp_path, svc):
    from test_ansible import ansible_args, one_json, run_module
    for check in (True, False):
        args = ansible_args(tmp_path, check=check, state_dir=str(tmp_path / "st"),
                            state_to="artifact:ship-state", change=True)
        r = run_module(ship, tmp_path, args_path=args, env=svc.env())
        assert r.returncode == 0, r.stderr
        assert one_json(r)["changed"] is True
        assert len(svc.find("ship-state-selftest")) == (0 if check else 1)


def test_retention_capped_by_repository(run_ship, tmp_path, svc):
    env = dict(svc.env(), GITHUB_RETENTION_DAYS="3")
    r = run_ship("selftest", "--state-to", "artifact:ship-state", "--state-retention", "30",
                 env=env)
    assert r.returncode == 0, r.stderr
    assert b"above this repository's maximum" in r.stderr
    [a] = svc.find("ship-state-selftest")
    exp = datetime.datetime.strptime(a["expires_at"], "%Y-%m-%dT%H:%M:%SZ")
    days = (exp - datetime.datetime.utcnow()).total_seconds() / 86400
    assert 2.9 < days < 3.1


def test_block_upload(run_ship, tmp_path, svc):
    # archives above the single-Put size go as Put Block + Put Block List
    env = dict(svc.env(), SHIP_TEST_ARTIFACT_BLOCKS="100:64")
    r = run_ship("selftest", "--state-to", "artifact:ship-state", "--change", env=env)
    assert r.returncode == 0, r.stderr
    [a] = svc.find("ship-state-selftest")
    assert a["block_count"] == (len(a["blob"]) + 63) // 64 > 2
    assert a["content_type"] == "application/zip"
    ops = [b["path"].split("comp=")[1].split("&")[0] for b in svc.blob_log
           if b["method"] == "PUT"]
    assert ops[-1] == "blocklist" and set(ops[:-1]) == {"block"}
    assert len(ops) - 1 == a["block_count"]
    assert a["hash"] == "sha256:" + hashlib.sha256(a["blob"]).hexdigest()
    assert json.loads(unzip(a["blob"])["selftest.json"])["verdict"] == "pass"


# --- this run and other runs over REST ----------------------------------------------

def test_rest_this_run_merges_owner_wins(run_ship, tmp_path, svc):
    svc.add_artifact("ship-state-scan", make_zip({"scan.json": state_doc("scan", blocking=1),
                                                  "audit.jsonl": audit("scan", "a")}))
    # uploaded later, carries a stale copy of scan.json: the phase's own artifact wins
    svc.add_artifact("ship-state-heal", make_zip({"heal.json": state_doc("heal", verdict="x"),
                                                  "scan.json": state_doc("scan", blocking=7),
                                                  "audit.jsonl": audit("heal", "b")}))
    svc.add_artifact("ship-state-scan", make_zip({"scan.json": state_doc("scan", blocking=2)}),
                     run=777)
    r = run_ship("selftest", "--state-from", "artifact:ship-state", "--read-state", "scan",
                 "--read-state", "heal", "--format", "json", "-v", env=svc.rest_env())
    st = states(r)
    assert st["scan"]["blocking"] == 1 and st["heal"]["verdict"] == "x"
    assert not svc.calls, "no runtime token: the v4 service must not be used"
    assert all("authorization" not in b["headers"] for b in svc.blob_log)
    assert any("/actions/runs/4242/artifacts" in x["path"] for x in svc.rest_log)


def test_rest_missing_document_names_the_source(run_ship, tmp_path, svc):
    svc.add_artifact("ship-state-publish", make_zip({"audit.jsonl": audit("publish", "b")}))
    r = run_ship("selftest", "--state-from", "artifact:ship-state", "--read-state", "scan",
                 env=svc.rest_env())
    assert r.returncode == 2
    assert b"artifacts ship-state* of this run: scan.json" in r.stderr, r.stderr


def test_other_run_over_rest(run_ship, tmp_path, svc):
    svc.add_artifact("ship-state-publish", make_zip({"publish.json": state_doc("publish",
                                                                               version="1.2.3")}),
                     run=555)
    env = dict(svc.rest_env(), GITHUB_RUN_ID="")
    r = run_ship("selftest", "--state-from", "run:555/artifact:ship-state",
                 "--read-state", "publish", "--format", "json", env=env)
    assert states(r)["publish"]["version"] == "1.2.3"
    # REST redirected to the blob host, which got no token
    assert any(b["path"].startswith("/download/") for b in svc.blob_log)
    assert all("authorization" not in b["headers"] for b in svc.blob_log)


def test_artifact_without_service_or_run_id(run_ship, tmp_path):
    r = run_ship("selftest", "--state-from", "artifact:ship-state", "--read-state", "scan")
    assert r.returncode == 2
    assert b"GITHUB_RUN_ID" in r.stderr


def test_rest_needs_a_token(run_ship, tmp_path, svc):
    env = svc.rest_env()
    env["GITHUB_TOKEN"] = "wrong"
    r = run_ship("selftest", "--state-from", "run:5/artifact:ship-state", env=env)
    assert r.returncode == 3
    assert b"Bad credentials" in r.stderr


def test_hostile_artifact_is_refused(run_ship, tmp_path, svc):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w") as z:
        z.writestr("../../escape.json", state_doc("scan"))
    svc.add_artifact("ship-state-scan", b.getvalue(), run=9)
    r = run_ship("selftest", "--state-from", "run:9/artifact:ship-state", "--read-state", "scan",
                 env=svc.rest_env())
    assert r.returncode == 2
    assert b"state artifact ship-state-scan" in r.stderr
    assert not list(tmp_path.rglob("escape.json"))
    assert not (tmp_path / "ship-state").exists()


def test_corrupt_merged_document_names_the_artifact(run_ship, tmp_path, svc):
    svc.add_artifact("ship-state-scan", make_zip({"scan.json": b'{"schema": "ship.state/v1",'}),
                     run=9)
    r = run_ship("selftest", "--state-from", "run:9/artifact:ship-state", "--read-state", "scan",
                 env=svc.rest_env())
    assert r.returncode == 2
    assert b"artifact ship-state-scan: scan.json: line 1" in r.stderr, r.stderr


def test_many_pages_and_empty_source(run_ship, tmp_path, svc):
    for i in range(120):
        svc.add_artifact("other-%d" % i, make_zip({"x.json": b"{}"}), run=8)
    svc.add_artifact("ship-state-scan", make_zip({"scan.json": state_doc("scan", blocking=5)}),
                     run=8)
    r = run_ship("selftest", "--state-from", "run:8/artifact:ship-state", "--read-state", "scan",
                 "--format", "json", env=svc.rest_env())
    assert states(r)["scan"]["blocking"] == 5
    r = run_ship("selftest", "--state-from", "run:1234/artifact:ship-state", "--read-state",
                 "scan", env=svc.rest_env())
    assert r.returncode == 2 and b"of run 1234: scan.json" in r.stderr


def test_v4_download_checks_the_recorded_digest(run_ship, tmp_path, svc):
    env = svc.env()
    assert run_ship("selftest", "--state-to", "artifact:ship-state", env=env).returncode == 0
    r = run_ship("selftest", "--state-from", "artifact:ship-state", "--read-state", "selftest",
                 "--format", "json", "--state-dir", "d1", env=env)
    assert states(r)["selftest"]["verdict"] == "pass"
    svc.find("ship-state-selftest")[0]["hash"] = "sha256:" + "0" * 64
    r = run_ship("selftest", "--state-from", "artifact:ship-state", "--read-state", "selftest",
                 "--state-dir", "d2", env=env)
    assert r.returncode == 2
    assert b"do not match its digest" in r.stderr, r.stderr
    assert not (tmp_path / "d2").exists()


def test_failed_upload_fails_the_phase_and_keeps_local_state(run_ship, tmp_path, svc):
    svc.fail_next["CreateArtifact"] = 401
    r = run_ship("selftest", "--state-to", "artifact:ship-state", env=svc.env())
    assert r.returncode == 3
    assert b"uploading state artifact ship-state-selftest" in r.stderr, r.stderr
    assert (tmp_path / "ship-state" / "selftest.json").exists()
    assert svc.find("ship-state-selftest") == []


def test_negative_verdict_still_uploads(run_ship, tmp_path, svc):
    r = run_ship("selftest", "--state-to", "artifact:ship-state", "--fail", env=svc.env())
    assert r.returncode == 1
    [a] = svc.find("ship-state-selftest")
    assert json.loads(unzip(a["blob"])["selftest.json"])["verdict"] == "fail"
