"""test_deploy_kubectl.py - Debian's `kubectl rollout status` against the fake API server.

This pins down what the reference client decides for each scenario of
tests/fakes/k8s/scenarios.py, over TLS with a bearer token from a
kubeconfig, and runs `ship deploy-watch` side by side with it on the very
same server: same verdict on every scenario, ship's no later (ship fails
early where kubectl times out).
kubectl comes from SHIP_TEST_KUBECTL (mk/deploy.mk unpacks Debian's
kubernetes-client 1.20.2 into build/).
"""
import base64
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent / "fakes" / "k8s"), str(HERE.parent / "servers")]
import faultd  # noqa: E402
import scenarios  # noqa: E402
import server  # noqa: E402

TOKEN = "kube-token-8c1d"
TIMEOUT = 3  # kubectl --timeout for scenarios it never decides on its own


@pytest.fixture(scope="module")
def kubectl():
    path = os.environ.get("SHIP_TEST_KUBECTL")
    if not path:
        pytest.skip("SHIP_TEST_KUBECTL not set (make test sets it, see mk/deploy.mk)")
    assert os.access(path, os.X_OK), f"{path} is missing: make {path}"
    out = subprocess.run([path, "version", "--client", "--short"], capture_output=True, text=True)
    assert "v1.20.2" in out.stdout, out.stdout + out.stderr
    return path


@pytest.fixture(scope="module")
def ca(tmp_path_factory):
    return faultd.make_ca(str(tmp_path_factory.mktemp("ca")))


def kubeconfig(path, srv, ca_dir):
    ca_data = base64.b64encode(Path(ca_dir, "ca.pem").read_bytes()).decode()
    path.write_text(json.dumps({
        "apiVersion": "v1", "kind": "Config", "current-context": "fake",
        "clusters": [{"name": "fake", "cluster": {"server": srv.url, "certificate-authority-data": ca_data}}],
        "users": [{"name": "ci", "user": {"token": TOKEN}}],
        "contexts": [{"name": "fake", "context": {"cluster": "fake", "user": "ci", "namespace": "default"}}],
    }))


def rollout_status(kubectl, scenario, target, tmp_path, ca_dir):
    srv = server.Server(scenarios.build(scenario), token=TOKEN, tls=faultd.tls_context(ca_dir)).start()
    try:
        kc = tmp_path / "kubeconfig"
        kubeconfig(kc, srv, ca_dir)
        t0 = time.monotonic()
        p = subprocess.run([kubectl, "--kubeconfig", str(kc), "rollout", "status", target,
                            "--timeout=%ds" % TIMEOUT],
                           capture_output=True, text=True, timeout=60,
                           env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
        return p, time.monotonic() - t0, srv
    finally:
        srv.stop()


# scenario, target, kubectl exit code, last line kubectl prints, decided before --timeout?
CASES = [
    ("normal", "deployment/web", 0, 'deployment "web" successfully rolled out', True),
    ("crashloop", "deployment/web", 1, "error: timed out waiting for the condition", False),
    ("imagepull", "deployment/web", 1, "error: timed out waiting for the condition", False),
    ("oom", "deployment/web", 1, "error: timed out waiting for the condition", False),
    ("unschedulable", "deployment/web", 1, "error: timed out waiting for the condition", False),
    ("deadline", "deployment/web", 1, 'error: deployment "web" exceeded its progress deadline', True),
    ("gone", "deployment/web", 0, 'deployment "web" successfully rolled out', True),
    ("drop", "deployment/web", 0, 'deployment "web" successfully rolled out', True),
    ("sts-normal", "statefulset/db", 0, "partitioned roll out complete: 2 new pods have been updated...", True),
    ("ds-normal", "daemonset/agent", 0, 'daemon set "agent" successfully rolled out', True),
]


@pytest.mark.parametrize("scenario,target,rc,last,decided", CASES, ids=[c[0] for c in CASES])
def test_kubectl_rollout_status_verdict(kubectl, ca, tmp_path, scenario, target, rc, last, decided):
    p, took, srv = rollout_status(kubectl, scenario, target, tmp_path, ca)
    lines = (p.stdout + p.stderr).strip().splitlines()
    assert p.returncode == rc, p.stdout + p.stderr
    assert lines[-1] == last
    # kubectl only ever saw the objects through LIST + WATCH with the token.
    assert all(r["auth"] == "Bearer " for r in srv.log)
    assert srv.requests(target.split("/")[0] + "s", watch=True)
    if decided:
        assert took < TIMEOUT, f"kubectl needed {took:.1f}s"
    else:
        # The complaint ship answers: kubectl never fails on a broken new
        # pod, it waits for its timeout (or the 600 s progress deadline).
        assert took >= TIMEOUT
        assert 'Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated...' in lines


def test_kubectl_relists_after_410(kubectl, ca, tmp_path):
    p, _, srv = rollout_status(kubectl, "gone", "deployment/web", tmp_path, ca)
    assert p.returncode == 0
    lists = srv.requests("deployments", watch=False)
    assert len(lists) >= 2, "kubectl did not re-LIST after the in-band 410"
    watches = srv.requests("deployments", watch=True)
    assert int(watches[-1]["query"]["resourceVersion"]) > int(watches[0]["query"]["resourceVersion"])


def test_kubectl_rewatches_after_a_dropped_stream(kubectl, ca, tmp_path):
    p, _, srv = rollout_status(kubectl, "drop", "deployment/web", tmp_path, ca)
    assert p.returncode == 0
    assert len(srv.requests("deployments", watch=False)) == 1
    watches = srv.requests("deployments", watch=True)
    assert len(watches) >= 2, "kubectl did not re-WATCH after the stream was cut"
    assert watches[1]["query"]["resourceVersion"] != watches[0]["query"]["resourceVersion"]


def test_kubectl_without_token_is_refused(kubectl, ca, tmp_path):
    srv = server.Server(scenarios.build("normal"), token="another-token", tls=faultd.tls_context(ca)).start()
    try:
        kubeconfig(tmp_path / "kubeconfig", srv, ca)
        p = subprocess.run([kubectl, "--kubeconfig", str(tmp_path / "kubeconfig"), "rollout", "status",
                            "deployment/web", "--timeout=2s"], capture_output=True, text=True, timeout=60,
                           env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    finally:
        srv.stop()
    assert p.returncode == 1
    assert "Unauthorized" in p.stderr


# Side by side: ship and kubectl on the same server at the same time.
# ship's verdict for each scenario, and kubectl's (rc 0 = rolled out, rc 1 =
# failed or timed out): they must agree, and ship's verdict must not arrive
# later. A verdict "arrives" when the tool prints it: kubectl's last line,
# ship's "TARGET: VERDICT: reason" line (printed before ship collects
# context and writes its state durably, which kubectl does not do).
SIDE = [(c[0], c[1], "done" if c[2] == 0 else "failed") for c in CASES]
SIDE_TIMEOUT = 8  # kubectl --timeout where it cannot decide on its own
JITTER = 0.02


def ship_bin():
    return os.environ.get("SHIP_BIN", str(HERE.parent.parent / "ship"))


def read_lines(stream, t0, into):
    for line in stream:
        into.append((time.monotonic() - t0, line.decode(errors="replace").rstrip("\n")))


def side_by_side(kubectl, ca, tmp_path, scenario, target):
    """Runs both at once; returns {name: (rc, [(t, line)], stdout-bytes)}."""
    srv = server.Server(scenarios.build(scenario), token=TOKEN, tls=faultd.tls_context(ca)).start()
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "NO_COLOR": "1"}
    try:
        kc = tmp_path / "kubeconfig"
        kubeconfig(kc, srv, ca)
        t0 = time.monotonic()
        procs = {
            "kubectl": subprocess.Popen([kubectl, "--kubeconfig", str(kc), "rollout", "status", target,
                                         "--timeout=%ds" % SIDE_TIMEOUT], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, env=env),
            "ship": subprocess.Popen([ship_bin(), "deploy-watch", "--kubeconfig", str(kc), "--k8s", target,
                                      "--format", "json", "--state-dir", str(tmp_path / "state"),
                                      "--timeout", "%ds" % (SIDE_TIMEOUT + 5)],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env),
        }
        lines = {"kubectl": [], "ship": []}
        readers = [threading.Thread(target=read_lines, args=(procs["kubectl"].stdout, t0, lines["kubectl"])),
                   threading.Thread(target=read_lines, args=(procs["ship"].stderr, t0, lines["ship"]))]
        for r in readers:
            r.start()
        ship_stdout = procs["ship"].stdout.read()
        for r in readers:
            r.join(60)
        for p in procs.values():
            p.wait(60)
    finally:
        srv.stop()
    return {k: (procs[k].returncode, lines[k]) for k in procs}, ship_stdout


@pytest.mark.parametrize("scenario,target,verdict", SIDE, ids=[c[0] for c in SIDE])
def test_ship_and_kubectl_side_by_side(kubectl, ca, tmp_path, scenario, target, verdict):
    arrivals = []
    for attempt in range(2):
        res, ship_stdout = side_by_side(kubectl, ca, tmp_path, scenario, target)
        (krc, klines), (src, slines) = res["kubectl"], res["ship"]
        doc = json.loads(ship_stdout)
        assert doc["outputs"]["verdict"] == verdict, slines
        assert ("done" if krc == 0 else "failed") == verdict, klines
        assert src == (0 if verdict == "done" else 1)
        k_at = klines[-1][0]
        s_at = [t for t, line in slines if ("%s: %s: " % (target, verdict)) in line]
        assert s_at, slines
        arrivals.append((s_at[0], k_at))
        # Both read the same event from the same server; which connection the
        # server writes first is chance, so "no later" allows scheduling
        # jitter, and a loaded machine gets a second round.
        if s_at[0] <= k_at + JITTER:
            return
    pytest.fail("ship's verdict arrived after kubectl's twice: %r" % arrivals)
