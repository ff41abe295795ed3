#!/bin/sh
# run.sh - deploy-watch verdict latency after the final status change: ship vs `kubectl rollout status`.
#
# Both watch the same fake API server (tests/fakes/k8s, TLS + token) at the
# same time. Latency = when the tool prints its verdict (kubectl's last
# line, ship's "TARGET: VERDICT: reason" line) minus the moment the server
# applied the scenario's last change; ship's exit is shown too (it then
# writes ship-state/deploy.json with fsync, which kubectl does not do).
# A negative value: the verdict came before the last change (early
# failure). Prints the median over N rounds per scenario and the ratio. kubectl: $SHIP_TEST_KUBECTL or Debian's
# kubernetes-client unpacked by `make build/deb/kubernetes-client/usr/bin/kubectl`.
# Not a test: numbers depend on the machine. Bar (DESIGN.md §7): ship <= kubectl and <= 100 ms.
set -eu
cd "$(dirname "$0")/../.."
N=${N:-5}
KUBECTL=${SHIP_TEST_KUBECTL:-build/deb/kubernetes-client/usr/bin/kubectl}
[ -x ./ship ] || { echo "bench/deploy: build ./ship first (make)" >&2; exit 1; }
[ -x "$KUBECTL" ] || { echo "bench/deploy: $KUBECTL missing (make $KUBECTL)" >&2; exit 1; }
exec python3 - "$N" "$KUBECTL" <<'PY'
import base64, json, os, statistics, subprocess, sys, tempfile, threading, time
sys.path[:0] = ["tests/fakes/k8s", "tests/servers"]
import faultd, scenarios, server

n, kubectl = int(sys.argv[1]), sys.argv[2]
tmp = tempfile.mkdtemp(prefix="ship-bench-deploy-")
ca = faultd.make_ca(tmp)
TOKEN = "bench-token"


def once(scenario, target):
    srv = server.Server(scenarios.build(scenario), token=TOKEN, tls=faultd.tls_context(ca)).start()
    kc = os.path.join(tmp, "kubeconfig")
    with open(kc, "w") as f:
        json.dump({"apiVersion": "v1", "kind": "Config", "current-context": "b",
                   "clusters": [{"name": "b", "cluster": {"server": srv.url, "certificate-authority-data":
                                 base64.b64encode(open(os.path.join(ca, "ca.pem"), "rb").read()).decode()}}],
                   "users": [{"name": "u", "user": {"token": TOKEN}}],
                   "contexts": [{"name": "b", "context": {"cluster": "b", "user": "u", "namespace": "default"}}]}, f)
    env = {"HOME": tmp, "PATH": "/usr/bin:/bin"}
    cmds = {"kubectl": [kubectl, "--kubeconfig", kc, "rollout", "status", target, "--timeout=20s"],
            "ship": ["./ship", "deploy-watch", "--kubeconfig", kc, "--k8s", target, "--format", "json",
                     "--state-dir", os.path.join(tmp, "state")]}
    seen = {}

    def run(name):
        p = subprocess.Popen(cmds[name], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE if name == "ship" else subprocess.STDOUT, env=env)
        stream = p.stderr if name == "ship" else p.stdout
        for line in stream:
            if name == "kubectl" or (": %s: " % target) in line.decode(errors="replace"):
                seen[name] = time.monotonic()
        p.communicate()
        seen[name + "-exit"] = time.monotonic()
    ts = [threading.Thread(target=run, args=(k,)) for k in cmds]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    fin = srv.cluster.finished_at
    srv.stop()
    return {k: (v - fin) * 1000 for k, v in seen.items()}


print("deploy-watch verdict latency after the final status change (median of %d, ms):" % n)
print("  %-12s %10s %10s %8s %10s" % ("scenario", "ship", "kubectl", "ratio", "ship exit"))
for scenario, target in (("normal", "deployment/web"), ("deadline", "deployment/web"),
                         ("sts-normal", "statefulset/db"), ("gone", "deployment/web")):
    runs = [once(scenario, target) for _ in range(n)]
    s = statistics.median(r["ship"] for r in runs)
    k = statistics.median(r["kubectl"] for r in runs)
    e = statistics.median(r["ship-exit"] for r in runs)
    print("  %-12s %10.1f %10.1f %7.2fx %10.1f" % (scenario, s, k, k / s if s > 0 else float("nan"), e))
print("  (ratio = kubectl / ship, nan when ship decided before the last change;"
      " bar: ship <= kubectl and ship <= 100 ms)")
PY
