"""test_deploy_watch.py - the real ./ship deploy-watch against the fake Kubernetes API server.

Every scenario of tests/fakes/k8s/scenarios.py over TLS with credentials
from a kubeconfig (bearer token, token file, exec plugin, client
certificate), plus the protocol cases (410 re-LIST, dropped stream, slow
API, expired token), the deadline (exit 4) and stall ("stuck") rules,
GitHub Actions output (outputs, summary, annotations, no injected
workflow commands) and the state file for heal.
"""
import base64
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "fakes" / "k8s"), str(HERE.parent / "servers")]
import faultd  # noqa: E402
import scenarios  # noqa: E402
import server  # noqa: E402

TOKEN = "kube-token-5e1f0a"


@pytest.fixture(scope="module")
def ca(tmp_path_factory):
    return faultd.make_ca(str(tmp_path_factory.mktemp("ca")))


def b64(path):
    return base64.b64encode(Path(path).read_bytes()).decode()


def kubeconfig(path, srv, ca_dir, user=None):
    path.write_text(json.dumps({
        "apiVersion": "v1", "kind": "Config", "current-context": "fake",
        "clusters": [{"name": "fake", "cluster": {"server": srv.url,
                                                  "certificate-authority-data": b64(Path(ca_dir, "ca.pem"))}}],
        "users": [{"name": "ci", "user": user if user is not None else {"token": TOKEN}}],
        "contexts": [{"name": "fake", "context": {"cluster": "fake", "user": "ci", "namespace": "default"}}],
    }))
    return path


def out(p):
    return (p.stdout + p.stderr).decode(errors="replace")


def start(scenario, ca_dir, token=TOKEN, **kw):
    sc = scenarios.build(scenario) if isinstance(scenario, str) else scenario
    return server.Server(sc, token=token, tls=faultd.tls_context(ca_dir), **kw).start()


def watch(run_ship, tmp_path, srv, ca_dir, *args, env=None, user=None, timeout=60):
    kc = kubeconfig(tmp_path / "kubeconfig", srv, ca_dir, user)
    p = run_ship("deploy-watch", "--kubeconfig", kc, "--format", "json",
                 "--state-dir", tmp_path / "state", *args, env=env, timeout=timeout)
    doc = json.loads(p.stdout) if p.stdout.strip() else {}
    return p, doc


# scenario, target, ship's verdict, exit code, words in the reason
CASES = [
    ("normal", "deployment/web", "done", 0, 'deployment "web" successfully rolled out'),
    ("crashloop", "deployment/web", "failed", 1, "CrashLoopBackOff"),
    ("imagepull", "deployment/web", "failed", 1, "ImagePullBackOff"),
    ("oom", "deployment/web", "failed", 1, "OOMKilled"),
    ("unschedulable", "deployment/web", "failed", 1, "Unschedulable: 0/3 nodes are available"),
    ("deadline", "deployment/web", "failed", 1, "web-7d9c5b6f48-b8w5r"),
    ("gone", "deployment/web", "done", 0, "successfully rolled out"),
    ("drop", "deployment/web", "done", 0, "successfully rolled out"),
    ("sts-normal", "statefulset/db", "done", 0, "roll out complete"),
    ("ds-normal", "daemonset/agent", "done", 0, 'daemon set "agent" successfully rolled out'),
    ("job-ok", "job/migrate", "done", 0, 'job "migrate" completed (1 succeeded)'),
    ("job-failed", "job/migrate", "failed", 1, "BackoffLimitExceeded: Job has reached the specified backoff limit"),
]


@pytest.mark.parametrize("scenario,target,verdict,rc,words", CASES, ids=[c[0] for c in CASES])
def test_deploy_watch_scenarios(run_ship, tmp_path, ca, scenario, target, verdict, rc, words):
    srv = start(scenario, ca)
    try:
        t0 = time.monotonic()
        p, doc = watch(run_ship, tmp_path, srv, ca, "--k8s", target, "--timeout", "30s")
        took = time.monotonic() - t0
    finally:
        srv.stop()
    assert p.returncode == rc, out(p)
    assert doc["outputs"]["verdict"] == verdict
    assert words in doc["outputs"]["reason"]
    # Early failure: far before any timeout (the fake's timeline ends at 0.7 s).
    assert took < 5, f"took {took:.1f}s"
    state = json.loads((tmp_path / "state" / "deploy.json").read_text())
    assert state["schema"] == "ship.state/v1" and state["phase"] == "deploy"
    assert state["verdict"] == verdict
    assert state["targets"][0]["target"] == target
    assert all(r["auth"] == "Bearer " for r in srv.log)


def test_failure_context_logs_events_findings(run_ship, tmp_path, ca):
    srv = start("crashloop", ca)
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web")
    finally:
        srv.stop()
    assert p.returncode == 1
    t = json.loads((tmp_path / "state" / "deploy.json").read_text())["targets"][0]
    f = t["findings"][0]
    assert f["pod"] == "web-7d9c5b6f48-b8w5r" and f["container"] == "web"
    assert f["reason"] == "CrashLoopBackOff" and f["restarts"] == 4
    logs = t["logs"]
    assert logs[0]["previous"] is True
    assert "panic: config: required key DATABASE_URL is missing" in logs[0]["log"]
    assert any(e["reason"] == "BackOff" and e["object"] == "web-7d9c5b6f48-b8w5r" for e in t["events"])
    # The log request was capped in lines and bytes.
    q = [r["query"] for r in srv.log if r["path"].endswith("/log")][0]
    assert q["previous"] == "true" and int(q["limitBytes"]) <= 65536 and int(q["tailLines"]) > 0


def test_failed_job_context_has_its_pod_log(run_ship, tmp_path, ca):
    """A Job fails by its Failed condition, not by a pod finding: the
    context still holds the log of the container that exited non-zero
    (restartPolicy Never: no previous instance, the current log) and the
    job controller's Warning event."""
    srv = start("job-failed", ca)
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--k8s", "job/migrate")
    finally:
        srv.stop()
    assert p.returncode == 1, out(p)
    t = json.loads((tmp_path / "state" / "deploy.json").read_text())["targets"][0]
    assert [(lg["pod"], lg["container"], lg["previous"]) for lg in t["logs"]] == [("migrate-x2v7q", "migrate", False)]
    assert 'ERROR: relation "orders" does not exist' in t["logs"][0]["log"]
    assert any(e["reason"] == "BackoffLimitExceeded" and e["object"] == "migrate" for e in t["events"])
    # the Job's pods by its uid label, as the early pod checks select them
    sel = "controller-uid=" + scenarios.JOB_UID
    assert any(r["query"].get("labelSelector") == sel for r in srv.requests("pods", watch=False))


def test_relists_after_410_and_rewatches_after_drop(run_ship, tmp_path, ca):
    srv = start("gone", ca)
    try:
        p, _ = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web")
    finally:
        srv.stop()
    assert p.returncode == 0, p.stderr
    assert len(srv.requests("deployments", watch=False)) >= 2, "no re-LIST after the in-band 410"
    srv = start("drop", ca)
    try:
        p, _ = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web")
    finally:
        srv.stop()
    assert p.returncode == 0, p.stderr
    w = srv.requests("deployments", watch=True)
    assert len(srv.requests("deployments", watch=False)) == 1
    assert len(w) >= 2 and w[0]["query"]["allowWatchBookmarks"] == "true"
    assert int(w[-1]["query"]["resourceVersion"]) > int(w[0]["query"]["resourceVersion"])


def test_slow_api_still_decides(run_ship, tmp_path, ca):
    srv = start("crashloop", ca, delay=0.3)
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web")
    finally:
        srv.stop()
    assert p.returncode == 1, p.stderr
    assert "CrashLoopBackOff" in doc["outputs"]["reason"]


def test_deadline_exits_4(run_ship, tmp_path, ca):
    srv = start("hang", ca)
    try:
        t0 = time.monotonic()
        p, doc = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web", "--timeout", "2s")
        took = time.monotonic() - t0
    finally:
        srv.stop()
    assert p.returncode == 4, out(p)
    assert doc["outputs"]["verdict"] == "timeout"
    assert "spec update to be observed" in doc["outputs"]["reason"]
    assert 1.9 < took < 6


def test_stall_timeout_is_stuck(run_ship, tmp_path, ca):
    srv = start("hang", ca)
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web", "--timeout", "30s",
                       "--stall-timeout", "2s")
    finally:
        srv.stop()
    assert p.returncode == 1, out(p)
    assert doc["outputs"]["verdict"] == "stuck"
    assert "no change for" in doc["outputs"]["reason"]


def test_wrong_token_is_a_credentials_error(run_ship, tmp_path, ca):
    srv = start("normal", ca, token="another-token")
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web")
    finally:
        srv.stop()
    assert p.returncode == 2, out(p)
    assert "401" in doc.get("error", "") + doc.get("message", "")
    assert TOKEN not in out(p)


def test_token_file_is_reread(run_ship, tmp_path, ca):
    tok = tmp_path / "token"
    tok.write_text(TOKEN + "\n")
    srv = start("normal", ca)
    try:
        p, _ = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web",
                     user={"tokenFile": str(tok)})
    finally:
        srv.stop()
    assert p.returncode == 0, p.stderr


PLUGIN = r'''#!/usr/bin/python3
import json, os, sys
info = json.loads(os.environ["KUBERNETES_EXEC_INFO"])
log = os.environ["PLUGIN_LOG"]
n = sum(1 for _ in open(log)) if os.path.exists(log) else 0
with open(log, "a") as f:
    f.write(json.dumps({"argv": sys.argv[1:], "info": info, "env": os.environ.get("FROM_KUBECONFIG")}) + "\n")
# The first credential has expired on the server (401); the next is good.
token = "expired-token" if n == 0 else sys.argv[1]
print(json.dumps({"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
                  "status": {"token": token, "expirationTimestamp": "2099-01-01T00:00:00Z"}}))
'''


def test_exec_plugin_and_expired_token(run_ship, tmp_path, ca):
    plugin = tmp_path / "plugin.py"
    plugin.write_text(PLUGIN)
    plugin.chmod(0o755)
    log = tmp_path / "plugin.log"
    user = {"exec": {"apiVersion": "client.authentication.k8s.io/v1", "command": str(plugin),
                     "args": [TOKEN, "a b; $(touch pwned)"], "env": [{"name": "FROM_KUBECONFIG", "value": "yes"}],
                     "interactiveMode": "Never", "provideClusterInfo": True}}
    srv = start("normal", ca)
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web", user=user,
                       env={"PLUGIN_LOG": str(log)})
    finally:
        srv.stop()
    assert p.returncode == 0, out(p)
    calls = [json.loads(line) for line in log.read_text().splitlines()]
    assert len(calls) == 2, "the 401 did not refresh the exec credential exactly once"
    assert calls[0]["argv"] == [TOKEN, "a b; $(touch pwned)"]  # argv, never a shell
    assert not (tmp_path / "pwned").exists()
    assert calls[0]["env"] == "yes"
    info = calls[0]["info"]
    assert info["kind"] == "ExecCredential" and info["spec"]["interactive"] is False
    assert info["spec"]["cluster"]["server"] == srv.url
    assert "expired-token" not in out(p) and TOKEN not in out(p)


def client_cert(ca_dir, d):
    def run(*a):
        subprocess.run(["openssl", *a], check=True, cwd=d, capture_output=True)
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "client.key",
        "-out", "client.csr", "-subj", "/CN=ci/O=system:masters")
    ext = Path(d, "client.ext")
    ext.write_text("extendedKeyUsage=clientAuth\n")
    run("x509", "-req", "-in", "client.csr", "-CA", os.path.join(ca_dir, "ca.pem"), "-CAkey",
        os.path.join(ca_dir, "ca.key"), "-CAcreateserial", "-out", "client.pem", "-days", "2",
        "-extfile", str(ext))
    return Path(d, "client.pem"), Path(d, "client.key")


@pytest.mark.parametrize("form", ["data", "file"])
def test_client_certificate(run_ship, tmp_path, ca, form):
    import ssl
    cert, key = client_cert(ca, str(tmp_path))
    ctx = faultd.tls_context(ca)
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(os.path.join(ca, "ca.pem"))
    srv = server.Server(scenarios.build("normal"), token=None, tls=ctx).start()
    user = ({"client-certificate-data": b64(cert), "client-key-data": b64(key)} if form == "data"
            else {"client-certificate": str(cert), "client-key": str(key)})
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web", user=user)
        # Without the certificate the handshake fails: the server really checks it.
        q, _ = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web", "--timeout", "3s", user={})
    finally:
        srv.stop()
    assert p.returncode == 0, out(p)
    assert q.returncode != 0


def test_github_actions_outputs_summary_and_no_injection(run_ship, tmp_path, ca):
    sc = scenarios.build("crashloop")
    for step in sc["timeline"]:
        if step[0] == "put" and step[1]["kind"] == "Pod" and step[1]["metadata"]["name"].endswith("b8w5r"):
            w = step[1]["status"]["containerStatuses"][0]["state"]["waiting"]
            w["message"] = "back-off\n::error::injected by the pod\n::add-mask::x"
    sc["logs"][next(iter(sc["logs"]))] += "::warning::from the log\n"
    srv = start(sc, ca)
    outf, summ = tmp_path / "out", tmp_path / "summary.md"
    outf.write_text("")
    summ.write_text("")
    try:
        kc = kubeconfig(tmp_path / "kubeconfig", srv, ca)
        p = run_ship("deploy-watch", "--kubeconfig", kc, "--k8s", "deployment/web",
                     "--state-dir", tmp_path / "state",
                     env={"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(outf),
                          "GITHUB_STEP_SUMMARY": str(summ)})
    finally:
        srv.stop()
    assert p.returncode == 1, out(p)
    lines = out(p).splitlines()
    assert "::group::deploy-watch: waiting" in lines and "::endgroup::" in lines
    assert not any(line.startswith(("::error::injected", "::add-mask::x", "::warning::from")) for line in lines)
    assert any(line.startswith("::error title=deploy-watch%3A deployment/web failed") for line in lines)
    o = outf.read_text()
    assert "verdict" in o and "failed" in o
    s = summ.read_text()
    assert "### deploy-watch: failed" in s
    assert "| Pod | Container | Reason |" in s and "CrashLoopBackOff" in s
    assert "<details>" in s and "DATABASE_URL is missing" in s
    assert "Warning events" in s


def test_ansible_module_mode(ship, tmp_path, ca):
    srv = start("normal", ca)
    args = tmp_path / "args.json"
    kc = kubeconfig(tmp_path / "kubeconfig", srv, ca)
    args.write_text(json.dumps({"_ansible_module_name": "ship_deploy_watch", "_ansible_check_mode": False,
                                "k8s": ["deployment/web"], "kubeconfig": str(kc), "timeout": "30s",
                                "state_dir": str(tmp_path / "state")}))
    try:
        p = subprocess.run([ship, str(args)], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    finally:
        srv.stop()
    doc = json.loads(p.stdout)
    assert p.returncode == 0, out(p)
    assert doc["failed"] is False and doc["changed"] is False
    assert doc["outputs"]["verdict"] == "done"


@pytest.mark.parametrize("args,words", [
    ((), "nothing to watch"),
    (("--k8s", "web"), "expected KIND/NAME"),
    (("--k8s", "service/web"), "KIND must be"),
    (("--k8s", "deployment/web", "--timeout", "ten"), "not a duration"),
])
def test_usage_errors(run_ship, tmp_path, args, words):
    p = run_ship("deploy-watch", *args, "--kubeconfig", tmp_path / "none")
    assert p.returncode == 2
    assert words in out(p)


def test_missing_workload_is_reported(run_ship, tmp_path, ca):
    srv = start("normal", ca)
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/nope")
    finally:
        srv.stop()
    assert p.returncode == 2
    assert "deployment/nope not found in namespace default" in out(p)


def test_flux_kustomization_reconcile(run_ship, tmp_path, ca):
    srv = start("flux-ks-ok", ca)
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--flux", "kustomization/web", "-n", "flux-system",
                       "--reconcile", "--revision", "9b2e4c6a8d0f")
    finally:
        srv.stop()
    assert p.returncode == 0, out(p)
    assert doc["outputs"]["verdict"] == "done" and doc["changed"] is True
    patch = [r for r in srv.log if r.get("method") == "PATCH"]
    assert len(patch) == 1 and patch[0]["ctype"] == "application/merge-patch+json"
    at = patch[0]["body"]["metadata"]["annotations"]["reconcile.fluxcd.io/requestedAt"]
    assert at.endswith("Z") and "T" in at
    assert '"action":"flux.reconcile"' in (tmp_path / "state" / "audit.jsonl").read_text().replace(" ", "")


def test_flux_without_reconcile_does_not_wait_for_a_request(run_ship, tmp_path, ca):
    # Ready=True at the old revision; asking for the new one never completes.
    srv = start("flux-ks-ok", ca)
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--flux", "ks/web", "-n", "flux-system",
                       "--revision", "9b2e4c6a8d0f", "--timeout", "2s")
    finally:
        srv.stop()
    assert p.returncode == 4, out(p)
    assert not [r for r in srv.log if r.get("method") == "PATCH"]


def test_flux_helmrelease_upgrade_failed(run_ship, tmp_path, ca):
    srv = start("flux-hr-failed", ca)
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--flux", "helmrelease/web", "-n", "flux-system",
                       "--reconcile")
    finally:
        srv.stop()
    assert p.returncode == 1, out(p)
    assert doc["outputs"]["verdict"] == "failed"
    assert "UpgradeFailed" in doc["outputs"]["reason"]


def test_github_deployment_statuses(run_ship, tmp_path, ca):
    import fakegh
    gh = fakegh.Fake().start()
    posts = []

    def route(code, obj):
        def fn(h, body, headers):
            posts.append((h.path, json.loads(body or b"null"), headers.get("authorization")))
            h.send(code, json.dumps(obj), ctype="application/json")
        return fn
    gh.dynamic[("api", "POST", "/repos/o/r/deployments")] = route(201, {"id": 4242, "environment": "prod"})
    gh.dynamic[("api", "POST", "/repos/o/r/deployments/4242/statuses")] = route(201, {"id": 1})
    srv = start("crashloop", ca)
    try:
        p, doc = watch(run_ship, tmp_path, srv, ca, "--k8s", "deployment/web", "--github-deployment", "prod",
                       "--environment-url", "https://web.example.com",
                       env={"GITHUB_TOKEN": "ghs_deploytoken", "GITHUB_API_URL": gh.api_url,
                            "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "a" * 40,
                            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "77"})
    finally:
        srv.stop()
        gh.shutdown()
    assert p.returncode == 1, out(p)
    assert [x[0] for x in posts] == ["/repos/o/r/deployments", "/repos/o/r/deployments/4242/statuses",
                                     "/repos/o/r/deployments/4242/statuses"]
    assert posts[0][1]["ref"] == "a" * 40 and posts[0][1]["environment"] == "prod"
    assert posts[0][1]["required_contexts"] == [] and posts[0][2] == "Bearer ghs_deploytoken"
    assert posts[1][1]["state"] == "in_progress"
    assert posts[2][1]["state"] == "failure"
    assert posts[2][1]["environment_url"] == "https://web.example.com"
    assert posts[2][1]["log_url"] == "https://github.com/o/r/actions/runs/77"
