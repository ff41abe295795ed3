#!/usr/bin/python3
"""server.py - fake Kubernetes API server replaying object timelines as LIST + WATCH.

Stdlib only; binds 127.0.0.1 on an OS-chosen port. A scenario (see
scenarios.py) is a set of initial objects plus a timeline of steps that
start when the first request arrives:

  ("put", obj)            create or replace an object (ADDED / MODIFIED)
  ("delete", res, ns, n)  delete it (DELETED)
  ("gone",)               compact history: open watches get an in-band
                          ERROR 410 event and end; later watches from an
                          older resourceVersion get the same at once
  ("drop",)               cut every open watch without the final chunk
  ("sleep", secs)         wait before the next step

Served like kube-apiserver: discovery (/api, /apis, /api/v1,
/apis/GROUP/VERSION, /version), GET of one object, LIST (labelSelector,
fieldSelector on dotted paths), WATCH (?watch=1, resourceVersion,
allowWatchBookmarks, timeoutSeconds; chunked JSON lines), pod logs
(?previous, tailLines, limitBytes), merge-PATCH of one object (then the
scenario's "on_patch" steps play, with "@requested" standing for the
reconcile.fluxcd.io/requestedAt value patched in: a Flux controller) and
404/401 as Status objects.
String values "@now" or "@now-N" in objects become RFC 3339 times when
the step is applied. Every request is recorded in server.log.
Server(..., delay=S) answers every non-watch request S seconds late (a
slow API server).

  python3 server.py SCENARIO [--token T] [--tls DIR]  prints the URL, serves until killed
"""
import copy
import json
import os
import socket
import sys
import threading
import time
import urllib.parse

# tests/fakes holds the handler base both fakes share
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from jsonhttp import JsonHandler, JsonServer  # noqa: E402

RESOURCES = {
    # resource: (group/version prefix, kind, namespaced)
    "pods": ("api/v1", "Pod", True),
    "events": ("api/v1", "Event", True),
    "namespaces": ("api/v1", "Namespace", False),
    "deployments": ("apis/apps/v1", "Deployment", True),
    "replicasets": ("apis/apps/v1", "ReplicaSet", True),
    "statefulsets": ("apis/apps/v1", "StatefulSet", True),
    "daemonsets": ("apis/apps/v1", "DaemonSet", True),
    "controllerrevisions": ("apis/apps/v1", "ControllerRevision", True),
    "jobs": ("apis/batch/v1", "Job", True),
    "kustomizations": ("apis/kustomize.toolkit.fluxcd.io/v1", "Kustomization", True),
    "helmreleases": ("apis/helm.toolkit.fluxcd.io/v2", "HelmRelease", True),
}
KIND_TO_RES = {v[1]: k for k, v in RESOURCES.items()}
SHORT = {"deployments": ["deploy"], "replicasets": ["rs"], "statefulsets": ["sts"],
         "daemonsets": ["ds"], "pods": ["po"], "events": ["ev"], "namespaces": ["ns"]}


def rfc3339(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def stamp(value, now, requested=None):
    """Replaces "@now" / "@now-N" strings anywhere in value, and
    "@requested" by the reconcile.fluxcd.io/requestedAt value patched in."""
    if isinstance(value, dict):
        return {k: stamp(v, now, requested) for k, v in value.items()}
    if isinstance(value, list):
        return [stamp(v, now, requested) for v in value]
    if isinstance(value, str) and value.startswith("@now"):
        return rfc3339(now - int(value[5:] or 0))
    if value == "@requested":
        return requested
    return value


def merge_patch(obj, patch):
    """RFC 7386 JSON merge patch."""
    if not isinstance(patch, dict):
        return patch
    out = dict(obj) if isinstance(obj, dict) else {}
    for k, v in patch.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = merge_patch(out.get(k), v)
    return out


def dig(obj, path):
    for part in path.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(part)
    return obj


def parse_selector(text):
    """'a=b,c==d,e!=f' -> [(key, op, value)]."""
    out = []
    for term in filter(None, (text or "").split(",")):
        if "!=" in term:
            k, v = term.split("!=", 1)
            out.append((k.strip(), "!=", v.strip()))
        else:
            k, v = term.replace("==", "=").split("=", 1)
            out.append((k.strip(), "=", v.strip()))
    return out


def matches(obj, labels, fields):
    have = dig(obj, "metadata.labels") or {}
    for k, op, v in labels:
        if (have.get(k) == v) != (op == "="):
            return False
    for k, op, v in fields:
        got = dig(obj, k)
        if (("" if got is None else str(got)) == v) != (op == "="):
            return False
    return True


def status(code, reason, message):
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": message, "reason": reason, "code": code}


class Cluster:
    """Objects, the event log and the timeline player."""

    def __init__(self, scenario, clock=time.time):
        self.clock = clock
        self.cv = threading.Condition()
        self.rv = 100
        self.objects = {}          # (res, ns, name) -> obj
        self.events = []           # (rv, res, type, obj)
        self.compacted = 0         # watches from rv < this get 410
        self.drops = 0             # bumped by "drop": open watches are cut
        self.logs = scenario.get("logs", {})
        self.steps = list(scenario.get("timeline", []))
        self.on_patch = list(scenario.get("on_patch", []))  # played after a PATCH
        self.started = False
        self.finished = False
        self.finished_at = None    # time.monotonic() after the last step (benchmarks)
        now = clock()
        for obj in scenario.get("objects", []):
            self._put(stamp(copy.deepcopy(obj), now), record=False)

    def _key(self, obj):
        res = KIND_TO_RES[obj["kind"]]
        return res, obj["metadata"].get("namespace", ""), obj["metadata"]["name"]

    def _put(self, obj, record=True):
        key = self._key(obj)
        self.rv += 1
        obj["metadata"]["resourceVersion"] = str(self.rv)
        obj["metadata"].setdefault("uid", "uid-%s-%s" % (key[0], key[2]))
        kind = "MODIFIED" if key in self.objects else "ADDED"
        self.objects[key] = obj
        if record:
            self.events.append((self.rv, key[0], kind, copy.deepcopy(obj)))

    def start(self):
        with self.cv:
            if self.started:
                return
            self.started = True
        threading.Thread(target=self._play, daemon=True).start()

    def _play(self):
        for step in self.steps:
            if step[0] == "sleep":
                time.sleep(step[1])
                continue
            with self.cv:
                self._apply(step)
                self.cv.notify_all()
        with self.cv:
            self.finished = True
            self.finished_at = time.monotonic()
            self.cv.notify_all()

    def patch(self, key, body):
        """Applies a merge patch; the scenario's on_patch steps then play once."""
        with self.cv:
            obj = self.objects.get(key)
            if obj is None:
                return None
            obj = merge_patch(copy.deepcopy(obj), body)
            self._put(obj)
            self.cv.notify_all()
            requested = (obj["metadata"].get("annotations") or {}).get("reconcile.fluxcd.io/requestedAt")
            steps, self.on_patch = self.on_patch, []
        if steps:
            threading.Thread(target=self._play_patch, args=(steps, requested), daemon=True).start()
        return copy.deepcopy(obj)

    def _play_patch(self, steps, requested):
        for step in steps:
            if step[0] == "sleep":
                time.sleep(step[1])
                continue
            with self.cv:
                self._put(stamp(copy.deepcopy(step[1]), self.clock(), requested))
                self.cv.notify_all()

    def _apply(self, step):
        if step[0] == "put":
            self._put(stamp(copy.deepcopy(step[1]), self.clock()))
        elif step[0] == "delete":
            key = (step[1], step[2], step[3])
            obj = self.objects.pop(key, None)
            if obj:
                self.rv += 1
                obj = copy.deepcopy(obj)
                obj["metadata"]["resourceVersion"] = str(self.rv)
                self.events.append((self.rv, key[0], "DELETED", obj))
        elif step[0] == "gone":
            self.rv += 1
            self.compacted = self.rv
        elif step[0] == "drop":
            self.drops += 1
        else:
            raise ValueError("unknown step %r" % (step,))

    def list(self, res, ns, labels, fields):
        with self.cv:
            items = [copy.deepcopy(o) for (r, n, _), o in sorted(self.objects.items())
                     if r == res and (ns is None or n == ns) and matches(o, labels, fields)]
            return items, str(self.rv)


def snapshot(scenario, now):
    """The objects after the whole timeline, with "@now" read as `now`:
    {"resourceVersion": RV, "items": [objects sorted by resource/ns/name]}."""
    c = Cluster(scenario, clock=lambda: now)
    for step in c.steps:
        if step[0] != "sleep":
            c._apply(step)
    return {"resourceVersion": str(c.rv), "items": [o for _, o in sorted(c.objects.items())]}


class Handler(JsonHandler):
    server_version = "fake-kube-apiserver/1.20"

    def do_GET(self):
        srv = self.server
        url = urllib.parse.urlsplit(self.path)
        q = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query, keep_blank_values=True).items()}
        watch = q.get("watch") in ("1", "true")
        with srv.lock:
            srv.log.append({"path": url.path, "query": q, "watch": watch,
                            "auth": self.headers.get("Authorization", "")[:7]})
        srv.cluster.start()
        if srv.delay and not watch:  # a slow API server (or a slow proxy in front)
            time.sleep(srv.delay)
        if srv.token and self.headers.get("Authorization") != "Bearer " + srv.token:
            return self.send_json(401, status(401, "Unauthorized", "Unauthorized"))
        parts = [p for p in url.path.split("/") if p]
        if self.discovery(parts):
            return
        route = self.route(parts)
        if not route:
            return self.send_json(404, status(404, "NotFound", "the server could not find the requested resource"))
        res, ns, name, sub = route
        if name and sub == "log":
            return self.pod_log(ns, name, q)
        if name:
            obj = srv.cluster.objects.get((res, ns or "", name))
            if not obj:
                return self.send_json(404, status(404, "NotFound", '%s "%s" not found' % (res, name)))
            with srv.cluster.cv:
                return self.send_json(200, copy.deepcopy(obj))
        labels, fields = parse_selector(q.get("labelSelector")), parse_selector(q.get("fieldSelector"))
        if watch:
            return self.watch(res, ns, labels, fields, q)
        items, rv = srv.cluster.list(res, ns, labels, fields)
        gv = RESOURCES[res][0].split("/", 1)[1]
        self.send_json(200, {"kind": RESOURCES[res][1] + "List", "apiVersion": gv,
                             "metadata": {"resourceVersion": rv}, "items": items})

    def do_PATCH(self):
        srv = self.server
        url = urllib.parse.urlsplit(self.path)
        n = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(n) or b"{}")
        with srv.lock:
            srv.log.append({"path": url.path, "query": {}, "watch": False, "method": "PATCH",
                            "body": body, "ctype": self.headers.get("Content-Type", ""),
                            "auth": self.headers.get("Authorization", "")[:7]})
        srv.cluster.start()
        if srv.token and self.headers.get("Authorization") != "Bearer " + srv.token:
            return self.send_json(401, status(401, "Unauthorized", "Unauthorized"))
        route = self.route([p for p in url.path.split("/") if p])
        if not route or not route[2] or route[3]:
            return self.send_json(404, status(404, "NotFound", "the server could not find the requested resource"))
        if self.headers.get("Content-Type") != "application/merge-patch+json":
            return self.send_json(415, status(415, "UnsupportedMediaType", "unsupported patch type"))
        obj = srv.cluster.patch((route[0], route[1] or "", route[2]), body)
        if obj is None:
            return self.send_json(404, status(404, "NotFound", '%s "%s" not found' % (route[0], route[2])))
        self.send_json(200, obj)

    def route(self, parts):
        """[api, v1, namespaces, NS, RES, NAME, SUB] and variants."""
        for res, (prefix, _, namespaced) in RESOURCES.items():
            pre = prefix.split("/")
            if parts[:len(pre)] != pre:
                continue
            rest = parts[len(pre):]
            ns = None
            if len(rest) >= 3 and rest[0] == "namespaces" and namespaced:
                ns, rest = rest[1], rest[2:]
            if rest and rest[0] == res and len(rest) <= 3:
                return res, ns, rest[1] if len(rest) > 1 else None, rest[2] if len(rest) > 2 else None
        return None

    def discovery(self, parts):
        if parts == ["version"]:
            self.send_json(200, {"major": "1", "minor": "20", "gitVersion": "v1.20.2",
                                 "platform": "linux/amd64"})
        elif parts == ["api"]:
            self.send_json(200, {"kind": "APIVersions", "versions": ["v1"],
                                 "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0",
                                                                 "serverAddress": "127.0.0.1"}]})
        elif parts == ["apis"]:
            groups = []
            for g in ("apps", "batch"):
                gv = {"groupVersion": g + "/v1", "version": "v1"}
                groups.append({"name": g, "versions": [gv], "preferredVersion": gv})
            self.send_json(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
        elif parts in (["api", "v1"], ["apis", "apps", "v1"], ["apis", "batch", "v1"]):
            prefix = "/".join(parts)
            out = []
            for res, (pre, kind, namespaced) in RESOURCES.items():
                if pre == prefix:
                    out.append({"name": res, "singularName": kind.lower(), "namespaced": namespaced,
                                "kind": kind, "shortNames": SHORT.get(res, []),
                                "verbs": ["get", "list", "watch"]})
                    if res == "pods":
                        out.append({"name": "pods/log", "singularName": "", "namespaced": True,
                                    "kind": "Pod", "verbs": ["get"]})
            self.send_json(200, {"kind": "APIResourceList", "apiVersion": "v1",
                                 "groupVersion": prefix.split("/", 1)[1], "resources": out})
        else:
            return False
        return True

    def pod_log(self, ns, name, q):
        key = "%s/%s/%s%s" % (ns, name, q.get("container", ""), "/previous" if q.get("previous") == "true" else "")
        text = self.server.cluster.logs.get(key)
        if text is None:
            return self.send_json(400, status(400, "BadRequest",
                                              'previous terminated container not found in pod "%s"' % name))
        lines = text.splitlines(True)
        if q.get("tailLines"):
            lines = lines[-int(q["tailLines"]):] if int(q["tailLines"]) else []
        data = "".join(lines).encode()
        if q.get("limitBytes"):
            data = data[:int(q["limitBytes"])]
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def chunk(self, obj):
        data = (json.dumps(obj) + "\n").encode()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def watch(self, res, ns, labels, fields, q):
        c = self.server.cluster
        try:
            since = int(q.get("resourceVersion") or 0)
        except ValueError:
            return self.send_json(400, status(400, "BadRequest", "invalid resourceVersion"))
        deadline = time.time() + min(int(q.get("timeoutSeconds") or 300), 300)
        bookmarks = q.get("allowWatchBookmarks") == "true"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        with c.cv:
            drops = c.drops
            pending = []
            if since == 0:  # "any": start with the current objects
                items, _ = c.list(res, ns, labels, fields)
                pending = [{"type": "ADDED", "object": o} for o in items]
                since = c.rv
        last_mark = time.time()
        try:
            for ev in pending:
                self.chunk(ev)
            while time.time() < deadline:
                with c.cv:
                    if since < c.compacted:
                        gone = status(410, "Expired", "too old resource version: %d (%d)" % (since, c.compacted - 1))
                        self.chunk({"type": "ERROR", "object": gone})
                        break
                    if c.drops != drops:
                        # Cut mid-stream: no terminating chunk, like a proxy reset.
                        self.connection.shutdown(socket.SHUT_RDWR)
                        self.close_connection = True
                        return
                    out = [{"type": k, "object": o} for rv, r, k, o in c.events
                           if rv > since and r == res and matches(o, labels, fields)
                           and (ns is None or o["metadata"].get("namespace") == ns)]
                    if out:
                        since = int(out[-1]["object"]["metadata"]["resourceVersion"])
                    elif bookmarks and c.rv > since and time.time() - last_mark >= 1.0:
                        since, last_mark = c.rv, time.time()
                        out = [{"type": "BOOKMARK", "object": {
                            "kind": RESOURCES[res][1], "apiVersion": RESOURCES[res][0].split("/", 1)[1],
                            "metadata": {"resourceVersion": str(since)}}}]
                    else:
                        c.cv.wait(timeout=0.25)
                for ev in out:
                    self.chunk(ev)
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            self.close_connection = True


class Server(JsonServer):
    def __init__(self, scenario, token=None, tls=None, delay=0.0):
        super().__init__(Handler)
        if tls:
            # client-go sends credentials only over TLS, so a kubeconfig with
            # a token needs https (tls: an ssl.SSLContext for the server).
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        self.scheme = "https" if tls else "http"
        self.cluster = Cluster(scenario)
        self.token = token
        self.delay = delay

    def requests(self, res, watch):
        """Recorded requests for a resource collection (LIST or WATCH)."""
        with self.lock:
            return [r for r in self.log if r["path"].split("/")[-1] == res and r["watch"] == watch]


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:0] = [here, os.path.join(here, "..", "..", "servers")]
    import scenarios
    token = argv[argv.index("--token") + 1] if "--token" in argv else None
    tls = None
    if "--tls" in argv:  # DIR with server.pem/server.key (faultd.make_ca)
        import faultd
        tls = faultd.tls_context(argv[argv.index("--tls") + 1])
    srv = Server(scenarios.build(argv[1]), token=token, tls=tls)
    print(srv.url, flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main(sys.argv)
