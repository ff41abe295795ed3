#!/usr/bin/python3
"""argocd_server.py - fake Argo CD API server replaying Application JSON sequences.

Stdlib only; binds 127.0.0.1 on an OS-chosen port. Serves what
`ship deploy-watch --argocd-app` uses, shaped like Argo CD 2.x
(grpc-gateway JSON, field names of the Application CRD):

  GET    /api/v1/applications/NAME            the Application
  POST   /api/v1/applications/NAME/sync       starts the scenario's timeline
  POST   /api/v1/applications/NAME/rollback   recorded ({"id": N})
  DELETE /api/v1/applications/NAME/operation  recorded; ends the operation
  GET    /api/v1/stream/applications?name=N   chunked JSON lines
         {"result": {"type": "ADDED"|"MODIFIED", "application": {...}}}

A scenario (SCENARIOS below) is the initial Application plus timeline steps
("app", fn) that change it (fn(app) -> None) and ("sleep", s). The timeline
starts at the sync request, or at the first request when the scenario has
"start": "first". "busy": N answers the first N sync requests with 400
"another operation is already in progress"; "stream": False answers the
stream with 404 (an old server or a proxy): ship must poll. "@now" and
"@now-N" strings become RFC 3339 times when a step is applied. Every
request is recorded in server.log.
"""
import copy
import json
import os
import sys
import threading
import time
import urllib.parse

# tests/fakes holds the handler base both fakes share
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from jsonhttp import JsonHandler, JsonServer  # noqa: E402

OLD = "3f1c2a9d8b7e6f5a4c3b2a1908f7e6d5c4b3a291"
NEW = "9b2e4c6a8d0f1e3c5a7b9d1f3e5c7a9b1d3f5e7a"


def rfc3339(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def stamp(v, now):
    if isinstance(v, dict):
        return {k: stamp(x, now) for k, x in v.items()}
    if isinstance(v, list):
        return [stamp(x, now) for x in v]
    if isinstance(v, str) and v.startswith("@now"):
        return rfc3339(now - int(v[5:] or 0))
    return v


def resource(kind, name, health, message=None, status="Synced", group="apps"):
    h = {"status": health}
    if message:
        h["message"] = message
    return {"group": group, "version": "v1", "kind": kind, "namespace": "web", "name": name,
            "status": status, "health": h}


def base(automated=False):
    """Synced and Healthy at OLD, from a sync an hour ago."""
    spec = {"project": "default", "destination": {"server": "https://kubernetes.default.svc", "namespace": "web"},
            "source": {"repoURL": "https://github.com/example/deploy.git", "path": "web", "targetRevision": "main"}}
    if automated:
        spec["syncPolicy"] = {"automated": {"prune": True, "selfHeal": True}}
    return {
        "apiVersion": "argoproj.io/v1alpha1", "kind": "Application",
        "metadata": {"name": "web", "namespace": "argocd", "uid": "5f0c1a2b-aaaa-4bbb-8ccc-0123456789ab",
                     "generation": 12, "creationTimestamp": "@now-86400"},
        "spec": spec,
        "status": {
            "sync": {"status": "Synced", "revision": OLD,
                     "comparedTo": {"source": spec["source"], "destination": spec["destination"]}},
            "health": {"status": "Healthy"},
            "reconciledAt": "@now-60",
            "operationState": {"operation": {"sync": {"revision": OLD}}, "phase": "Succeeded",
                               "message": "successfully synced (all tasks run)",
                               "startedAt": "@now-3600", "finishedAt": "@now-3590",
                               "syncResult": {"revision": OLD, "resources": [
                                   {"group": "apps", "version": "v1", "kind": "Deployment", "namespace": "web",
                                    "name": "web", "status": "Synced", "message": "deployment.apps/web configured",
                                    "hookPhase": "Running", "syncPhase": "Sync"}]}},
            "history": [{"id": 1, "revision": "0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
                         "deployedAt": "@now-7200", "deployStartedAt": "@now-7210"},
                        {"id": 2, "revision": OLD, "deployedAt": "@now-3590", "deployStartedAt": "@now-3600"}],
            "resources": [resource("Deployment", "web", "Healthy"),
                          resource("Service", "web", "Healthy", group="")],
            "summary": {"images": ["ghcr.io/example/web:1.4.0"]},
        },
    }


def running(app):
    app["operation"] = {"sync": {"revision": NEW}, "initiatedBy": {"username": "ship"}}
    app["status"]["operationState"] = {"operation": {"sync": {"revision": NEW}}, "phase": "Running",
                                       "message": "waiting for healthy state of apps/Deployment/web",
                                       "startedAt": "@now"}
    app["status"]["sync"]["status"] = "OutOfSync"


def succeeded(app):
    """The sync finished; health is still the one computed before it (stale)."""
    app.pop("operation", None)
    st = app["status"]
    st["operationState"].update({"phase": "Succeeded", "message": "successfully synced (all tasks run)",
                                 "finishedAt": "@now",
                                 "syncResult": {"revision": NEW, "resources": [
                                     {"group": "apps", "version": "v1", "kind": "Deployment", "namespace": "web",
                                      "name": "web", "status": "Synced", "message": "deployment.apps/web configured",
                                      "hookPhase": "Running", "syncPhase": "Sync"}]}})
    st["sync"].update({"status": "Synced", "revision": NEW})
    st["history"].append({"id": 3, "revision": NEW, "deployedAt": "@now", "deployStartedAt": "@now-1"})


def health(status, message=None):
    def fn(app):
        app["status"]["health"] = {"status": status}
        app["status"]["reconciledAt"] = "@now"
        app["status"]["resources"][0] = resource("Deployment", "web", status, message)
    return fn


def failed(app):
    app.pop("operation", None)
    app["status"]["operationState"].update({
        "phase": "Failed", "finishedAt": "@now",
        "message": "one or more objects failed to apply, reason: admission webhook \"validate.kyverno.svc\" denied the request",
        "syncResult": {"revision": NEW, "resources": [
            {"group": "apps", "version": "v1", "kind": "Deployment", "namespace": "web", "name": "web",
             "status": "SyncFailed", "hookPhase": "Failed", "syncPhase": "Sync",
             "message": "admission webhook \"validate.kyverno.svc\" denied the request: image tag :latest is not allowed"}]}})


def sync_ok(**kw):
    return dict({"app": base(), "timeline": [
        ("sleep", 0.1), ("app", running), ("sleep", 0.2), ("app", succeeded),
        ("sleep", 0.3), ("app", health("Progressing", "Waiting for rollout to finish: 1 of 2 updated replicas are available...")),
        ("sleep", 0.3), ("app", health("Healthy"))]}, **kw)


DEGRADED_MSG = 'Deployment "web" exceeded its progress deadline'

SCENARIOS = {
    # a stale "Healthy" right after the sync, then the real health
    "sync-ok": sync_ok,
    "stale-then-degraded": lambda: {"app": base(), "timeline": [
        ("sleep", 0.1), ("app", running), ("sleep", 0.2), ("app", succeeded),
        ("sleep", 0.4), ("app", health("Degraded", DEGRADED_MSG))]},
    "sync-failed": lambda: {"app": base(), "timeline": [
        ("sleep", 0.1), ("app", running), ("sleep", 0.2), ("app", failed)]},
    "autosync-degraded": lambda: {"app": base(automated=True), "timeline": [
        ("sleep", 0.1), ("app", running), ("sleep", 0.2), ("app", succeeded),
        ("sleep", 0.2), ("app", health("Degraded", DEGRADED_MSG))]},
    "busy": lambda: sync_ok(busy=2),
    "nostream": lambda: sync_ok(stream=False),
    "hang": lambda: {"app": base(), "timeline": [("sleep", 0.1), ("app", running)]},
}


class Cluster:
    def __init__(self, sc):
        self.cv = threading.Condition()
        self.rv = 1000
        self.events = []
        self.app = None
        self.sc = sc
        self.started = False
        self.finished_at = None
        self.busy = sc.get("busy", 0)
        self._set(stamp(copy.deepcopy(sc["app"]), time.time()))

    def _set(self, app):
        self.rv += 1
        app["metadata"]["resourceVersion"] = str(self.rv)
        self.app = app
        self.events.append((self.rv, copy.deepcopy(app)))

    def start(self):
        with self.cv:
            if self.started:
                return
            self.started = True
        threading.Thread(target=self._play, daemon=True).start()

    def _play(self):
        for step in self.sc["timeline"]:
            if step[0] == "sleep":
                time.sleep(step[1])
                continue
            with self.cv:
                app = copy.deepcopy(self.app)
                step[1](app)
                self._set(stamp(app, time.time()))
                self.cv.notify_all()
        with self.cv:
            self.finished_at = time.monotonic()

    def terminate(self):
        with self.cv:
            app = copy.deepcopy(self.app)
            app.pop("operation", None)
            app["status"]["operationState"].update({"phase": "Failed", "finishedAt": rfc3339(time.time()),
                                                    "message": "Operation terminated"})
            self._set(app)
            self.cv.notify_all()


class Handler(JsonHandler):

    def error(self, code, grpc, msg):
        self.send_json(code, {"error": msg, "code": grpc, "message": msg})

    def handle_any(self, method):
        srv = self.server
        url = urllib.parse.urlsplit(self.path)
        q = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query).items()}
        n = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(n)) if n else None
        with srv.lock:
            srv.log.append({"method": method, "path": url.path, "query": q, "body": body,
                            "auth": self.headers.get("Authorization", "")})
        c = srv.cluster
        if c.sc.get("start") == "first":
            c.start()
        if self.headers.get("Authorization") != "Bearer " + srv.token:
            return self.error(401, 16, "invalid session: token is not valid")
        parts = [p for p in url.path.split("/") if p]
        if parts == ["api", "v1", "stream", "applications"] and method == "GET":
            if c.sc.get("stream", True) is False:
                return self.error(404, 5, "Not Found")
            return self.stream(q)
        if parts[:3] != ["api", "v1", "applications"] or len(parts) < 4:
            return self.error(404, 5, "Not Found")
        if parts[3] != c.app["metadata"]["name"]:
            return self.error(404, 5, 'applications.argoproj.io "%s" not found' % parts[3])
        sub = parts[4] if len(parts) > 4 else None
        if sub is None and method == "GET":
            with c.cv:
                return self.send_json(200, c.app)
        if sub == "sync" and method == "POST":
            with c.cv:
                if c.busy > 0:
                    c.busy -= 1
                    return self.error(400, 9, "another operation is already in progress")
            c.start()
            with c.cv:
                return self.send_json(200, c.app)
        if sub == "rollback" and method == "POST":
            if (c.app["spec"].get("syncPolicy") or {}).get("automated"):
                return self.error(400, 9, "rollback cannot be initiated when auto-sync is enabled")
            with c.cv:
                return self.send_json(200, c.app)
        if sub == "operation" and method == "DELETE":
            c.terminate()
            return self.send_json(200, {})
        return self.error(404, 5, "Not Found")

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_DELETE(self):
        self.handle_any("DELETE")

    def chunk(self, obj):
        data = (json.dumps(obj) + "\n").encode()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def stream(self, q):
        c = self.server.cluster
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            with c.cv:
                since = c.rv
                first = copy.deepcopy(c.app)
            self.chunk({"result": {"type": "ADDED", "application": first}})
            deadline = time.time() + 60
            while time.time() < deadline:
                with c.cv:
                    out = [a for rv, a in c.events if rv > since]
                    if out:
                        since = int(out[-1]["metadata"]["resourceVersion"])
                    else:
                        c.cv.wait(timeout=0.25)
                for a in out:
                    self.chunk({"result": {"type": "MODIFIED", "application": a}})
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True


class Server(JsonServer):
    def __init__(self, scenario, token):
        super().__init__(Handler)
        self.cluster = Cluster(SCENARIOS[scenario]() if isinstance(scenario, str) else scenario)
        self.token = token

    def calls(self, method, suffix):
        with self.lock:
            return [r for r in self.log if r["method"] == method and r["path"].endswith(suffix)]
