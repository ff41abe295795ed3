#!/usr/bin/python3
"""fakegh.py - a fake GitHub API replaying recorded exchanges from @octokit/fixtures.

Stdlib only. Two listeners on 127.0.0.1 play api.github.com and
uploads.github.com; clients reach them as http://api.localhost:PORT and
http://uploads.localhost:PORT (curl resolves *.localhost to loopback), so
the api./uploads. host pair of github.com is kept. URLs inside recorded
responses and Link headers are rewritten to these addresses.

Replay: each request consumes the first unused recorded exchange with the
same host, method and path (a `per_page=100` the client adds is ignored
when the recording has no per_page). The recorded request body must match
(JSON-equal or byte-equal) and an Authorization header must be present
when the recording had one, else the fake answers 400 with the reason.
No match: 404 "fakegh: no recorded exchange".

Actions endpoints are not in @octokit/fixtures; `actions_routes()` adds a
small hand-written set following docs.github.com shapes (runs, jobs with
Link pagination, log redirects to a blob host, re-run that lands but
answers 502 the first time).
"""
import json
import os
import threading
import urllib.parse
from pathlib import Path

import faultd

FIXTURES = (Path(__file__).resolve().parents[1] / "node-net" / "node_modules" / "@octokit"
            / "fixtures" / "scenarios" / "api.github.com")


def fixtures_available():
    return FIXTURES.is_dir()


class Fake(faultd.Fake):
    def __init__(self, scenarios=(), blob=None):
        self.lock = threading.Lock()
        self.exchanges = []
        self.log = []
        self.dynamic = {}
        self.blob = blob
        self.api = faultd.Server("127.0.0.1", handler=self.handler("api"))
        self.uploads = faultd.Server("127.0.0.1", handler=self.handler("uploads"))
        self.servers = (self.api, self.uploads)
        self.api_url = "http://api.localhost:%d" % self.api.server_address[1]
        self.uploads_url = "http://uploads.localhost:%d" % self.uploads.server_address[1]
        for s in scenarios:
            self.load(s)

    def rewrite(self, text):
        return (text.replace("https://api.github.com", self.api_url)
                .replace("https://uploads.github.com", self.uploads_url))

    def load(self, scenario):
        data = json.loads((FIXTURES / scenario / "normalized-fixture.json").read_text())
        for x in data:
            host = "uploads" if "uploads.github.com" in x["scope"] else "api"
            self.exchanges.append({"host": host, "method": x["method"].upper(),
                                   "path": x["path"], "body": x.get("body"),
                                   "reqheaders": x.get("reqheaders") or {},
                                   "status": x["status"], "response": x.get("response"),
                                   "headers": x.get("headers") or {}, "used": False})

    # -- matching ----------------------------------------------------------
    @staticmethod
    def same_path(recorded, got):
        if recorded == got:
            return True
        u = urllib.parse.urlsplit(got)
        q = [p for p in urllib.parse.parse_qsl(u.query, keep_blank_values=True)
             if p != ("per_page", "100")]
        return recorded == u.path + ("?" + urllib.parse.urlencode(q) if q else "")

    def match(self, host, method, path):
        with self.lock:
            for x in self.exchanges:
                if (not x["used"] and x["host"] == host and x["method"] == method
                        and self.same_path(x["path"], path)):
                    x["used"] = True
                    return x
        return None

    @staticmethod
    def body_problem(x, body, headers):
        if "authorization" in x["reqheaders"] and "authorization" not in headers:
            return "Authorization missing"
        want = x["body"]
        if want in (None, ""):
            return None
        if isinstance(want, (dict, list)):
            try:
                got = json.loads(body or b"null")
            except ValueError:
                return "body is not JSON"
            return None if got == want else "body %r != recorded %r" % (got, want)
        return None if body == want.encode() else "body differs from the recording"

    def handler(self, host):
        fake = self

        class H(faultd.Handler):
            def handle_any(self):
                body = self.read_body()
                headers = {k.lower(): v for k, v in self.headers.items()}
                with fake.lock:
                    fake.log.append({"host": host, "method": self.command, "path": self.path,
                                     "headers": headers, "body": body})
                route = fake.dynamic.get((host, self.command, urllib.parse.urlsplit(self.path).path))
                if route:
                    return route(self, body, headers)
                x = fake.match(host, self.command, self.path)
                if x is None:
                    return self.send(404, json.dumps({"message": "fakegh: no recorded exchange for %s %s"
                                                      % (self.command, self.path)}),
                                     ctype="application/json")
                problem = fake.body_problem(x, body, headers)
                if problem:
                    return self.send(400, json.dumps({"message": "fakegh: " + problem}),
                                     ctype="application/json")
                resp = x["response"]
                data = b"" if resp in (None, "") else fake.rewrite(
                    resp if isinstance(resp, str) else json.dumps(resp)).encode()
                extra = {k: fake.rewrite(v) for k, v in x["headers"].items()
                         if k.lower() in ("link", "location", "x-ratelimit-remaining",
                                          "x-ratelimit-reset", "etag")}
                ctype = x["headers"].get("content-type", "application/json; charset=utf-8")
                self.send(x["status"], data, extra, ctype=ctype)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

        return H

    # -- hand-written Actions routes ---------------------------------------
    def actions_routes(self, repo="o/r", run_id=42, jobs=5, per_page_cap=2):
        state = {"attempt": 1, "status": "completed", "rerun_posts": 0}
        base = "/repos/%s/actions" % repo

        def js(h, code, obj, extra=None):
            h.send(code, json.dumps(obj), extra, ctype="application/json; charset=utf-8")

        def run(h, body, headers):
            js(h, 200, {"id": run_id, "run_attempt": state["attempt"], "status": state["status"],
                        "conclusion": "failure" if state["status"] == "completed" else None,
                        "head_sha": "0" * 39 + "1"})

        def job_list(h, body, headers):
            q = urllib.parse.parse_qs(urllib.parse.urlsplit(h.path).query)
            page = int(q.get("page", ["1"])[0])
            per = min(int(q.get("per_page", ["30"])[0]), per_page_cap)
            items = [{"id": 1000 + i, "run_id": run_id, "name": "job %d" % i,
                      "conclusion": "failure" if i % 2 else "success",
                      "run_attempt": 1, "steps": [{"number": 1, "name": "Set up job"}]}
                     for i in range(jobs)]
            chunk = items[(page - 1) * per: page * per]
            extra = {}
            if page * per < len(items):
                nxt = "%s%s/runs/%d/jobs?filter=all&per_page=%d&page=%d" % (
                    self.api_url, base, run_id, per, page + 1)
                extra["Link"] = '<%s>; rel="next"' % nxt
            js(h, 200, {"total_count": len(items), "jobs": chunk}, extra)

        def job_log(h, body, headers):
            h.send(302, "", {"Location": self.blob + "/echo?blob=job-log&sig=SIGNATURE"})

        def run_logs(h, body, headers):
            h.send(302, "", {"Location": self.blob + "/ok?size=5000&sig=SIGNATURE"})

        def rerun(h, body, headers):
            state["rerun_posts"] += 1
            state["attempt"] += 1
            state["status"] = "queued"
            if state["rerun_posts"] == 1:        # landed, but the answer is lost
                return h.send(502, "bad gateway")
            js(h, 201, {})

        for path, fn, m in [("/runs/%d" % run_id, run, "GET"),
                            ("/runs/%d/jobs" % run_id, job_list, "GET"),
                            ("/jobs/1001/logs", job_log, "GET"),
                            ("/runs/%d/logs" % run_id, run_logs, "GET"),
                            ("/runs/%d/rerun-failed-jobs" % run_id, rerun, "POST")]:
            self.dynamic[("api", m, base + path)] = fn
        return state


if __name__ == "__main__":
    import sys
    f = Fake(sys.argv[1:]).start()
    print(f.api_url, f.uploads_url, flush=True)
    threading.Event().wait()
