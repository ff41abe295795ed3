"""test_deploy_argocd.py - ./ship deploy-watch --argocd-app against the fake Argo CD server.

tests/fakes/argocd/argocd_server.py replays Application JSON sequences: a sync
whose first "Healthy" is stale (computed before the sync finished), a
Degraded app after the sync, a failed sync, "another operation is already
in progress", a server without the watch stream (polling), an operation
that never ends (deadline, terminate), auto-sync refusing a rollback.
"""
import json
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "fakes" / "argocd")]
import argocd_server as server  # noqa: E402

TOKEN = "argocd-token-77c1e0"
NEW = server.NEW


def run_watch(run_ship, tmp_path, scenario, *args):
    srv = server.Server(scenario, TOKEN).start()
    try:
        t0 = time.monotonic()
        p = run_ship("deploy-watch", "--argocd-app", "web", "--format", "json",
                     "--state-dir", tmp_path / "state", *args,
                     env={"ARGOCD_SERVER": srv.url, "ARGOCD_AUTH_TOKEN": TOKEN})
        took = time.monotonic() - t0
    finally:
        srv.stop()
    text = (p.stdout + p.stderr).decode(errors="replace")
    assert TOKEN not in text
    doc = json.loads(p.stdout) if p.stdout.strip() else {}
    return p, doc, srv, took


def test_sync_waits_past_the_stale_healthy(run_ship, tmp_path):
    p, doc, srv, took = run_watch(run_ship, tmp_path, "sync-ok", "--sync", "--revision", NEW)
    assert p.returncode == 0, p.stderr
    assert doc["outputs"]["verdict"] == "done"
    assert doc["changed"] is True
    sync = srv.calls("POST", "/sync")
    assert len(sync) == 1 and sync[0]["body"]["revision"] == NEW
    # The stale Healthy came at ~0.3 s, the fresh one at ~0.9 s.
    assert took >= 0.85, took
    assert srv.calls("GET", "/api/v1/stream/applications")
    audit = (tmp_path / "state" / "audit.jsonl").read_text()
    assert '"action":"argocd.sync"' in audit.replace(" ", "")


def test_stale_healthy_then_degraded_fails(run_ship, tmp_path):
    p, doc, srv, _ = run_watch(run_ship, tmp_path, "stale-then-degraded", "--sync", "--revision", NEW,
                               "--rollback-on-failure")
    assert p.returncode == 1, p.stderr
    assert doc["outputs"]["verdict"] == "failed"
    assert "Degraded" in doc["outputs"]["reason"]
    rb = srv.calls("POST", "/rollback")
    assert len(rb) == 1 and rb[0]["body"]["id"] == 2
    t = json.loads((tmp_path / "state" / "deploy.json").read_text())["targets"][0]
    assert t["rollback"] == "rolled back to history 2"
    assert {"resource": "Deployment/web/web", "status": "Degraded",
            "message": 'Deployment "web" exceeded its progress deadline'} in t["resources"]


def test_failed_sync_reports_resource_errors(run_ship, tmp_path):
    p, doc, srv, _ = run_watch(run_ship, tmp_path, "sync-failed", "--sync", "--revision", NEW)
    assert p.returncode == 1
    assert "sync operation Failed" in doc["outputs"]["reason"]
    t = json.loads((tmp_path / "state" / "deploy.json").read_text())["targets"][0]
    assert t["resources"][0]["status"] == "SyncFailed"
    assert "image tag :latest is not allowed" in t["resources"][0]["message"]


def test_another_operation_in_progress_is_retried(run_ship, tmp_path):
    p, doc, srv, _ = run_watch(run_ship, tmp_path, "busy", "--sync", "--revision", NEW)
    assert p.returncode == 0, p.stderr
    assert len(srv.calls("POST", "/sync")) == 3


def test_polling_when_there_is_no_stream(run_ship, tmp_path):
    p, doc, srv, _ = run_watch(run_ship, tmp_path, "nostream", "--sync", "--revision", NEW)
    assert p.returncode == 0, p.stderr
    assert len(srv.calls("GET", "/api/v1/applications/web")) >= 2


def test_deadline_terminates_the_operation(run_ship, tmp_path):
    p, doc, srv, took = run_watch(run_ship, tmp_path, "hang", "--sync", "--timeout", "2s",
                                  "--terminate-on-timeout")
    assert p.returncode == 4, p.stderr
    assert doc["outputs"]["verdict"] == "timeout"
    assert len(srv.calls("DELETE", "/operation")) == 1
    assert took < 8


def test_autosync_forbids_rollback_and_says_so(run_ship, tmp_path):
    p, doc, srv, _ = run_watch(run_ship, tmp_path, "autosync-degraded", "--sync", "--revision", NEW[:9],
                               "--rollback-on-failure")
    assert p.returncode == 1
    assert not srv.calls("POST", "/rollback")
    t = json.loads((tmp_path / "state" / "deploy.json").read_text())["targets"][0]
    assert "auto-sync is enabled" in t["rollback"]


def test_revision_defaults_to_publish_state(run_ship, tmp_path):
    st = tmp_path / "state"
    st.mkdir()
    (st / "publish.json").write_text(json.dumps({"schema": "ship.state/v1", "phase": "publish",
                                                 "sha": NEW, "tag": "v1.5.0"}))
    p, doc, srv, _ = run_watch(run_ship, tmp_path, "sync-ok", "--sync")
    assert p.returncode == 0, p.stderr
    assert srv.calls("POST", "/sync")[0]["body"]["revision"] == NEW
    assert json.loads((st / "deploy.json").read_text())["revision"] == NEW


def test_wrong_revision_never_done(run_ship, tmp_path):
    p, doc, srv, _ = run_watch(run_ship, tmp_path, "sync-ok", "--sync", "--revision",
                               "0123456789abcdef0123456789abcdef01234567", "--timeout", "2s")
    assert p.returncode == 4
    assert doc["outputs"]["verdict"] == "timeout"


@pytest.mark.parametrize("env,words", [
    ({"ARGOCD_AUTH_TOKEN": TOKEN}, "ARGOCD_SERVER"),
    ({"ARGOCD_SERVER": "127.0.0.1:9"}, "ARGOCD_AUTH_TOKEN"),
])
def test_missing_server_or_token(run_ship, tmp_path, env, words):
    p = run_ship("deploy-watch", "--argocd-app", "web", "--state-dir", tmp_path / "s", env=env)
    assert p.returncode == 2
    assert words in (p.stdout + p.stderr).decode()


def test_wrong_token_and_unknown_app(run_ship, tmp_path):
    srv = server.Server("sync-ok", TOKEN).start()
    try:
        p = run_ship("deploy-watch", "--argocd-app", "web", "--state-dir", tmp_path / "s",
                     env={"ARGOCD_SERVER": srv.url, "ARGOCD_AUTH_TOKEN": "nope"})
        q = run_ship("deploy-watch", "--argocd-app", "other", "--state-dir", tmp_path / "s",
                     env={"ARGOCD_SERVER": srv.url, "ARGOCD_AUTH_TOKEN": TOKEN})
    finally:
        srv.stop()
    assert p.returncode == 2 and b"token is not valid" in p.stdout + p.stderr
    assert q.returncode == 2 and b'"other" not found' in q.stdout + q.stderr
