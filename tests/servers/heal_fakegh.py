#!/usr/bin/python3
"""heal_fakegh.py - a fake GitHub Actions API for `ship heal` scenarios.

Stdlib only; builds on faultd.Server. Objects are the recorded shapes in
tests/fixtures/heal (run.json, job.json) with the scenario's values filled
in. Logs redirect (302) to a second server on another port (another
origin, like blob storage), so tests can check that Authorization never
reaches it.

A scenario is a dict:
  jobs:        [{"name", "conclusion", "steps": [{"name", "conclusion", "log"}],
                 "omit_step_files": bool}]  ("log" is text or "@file" in
                 tests/fixtures/heal/logs)
  attempt:     run_attempt at the start (1)
  head:        the branch head's SHA (default: the run's head_sha)
  no_zip:      the run-logs archive answers 404
  ratelimit:   {"path_contains": "...", "times": K} answers 403 with
               x-ratelimit-remaining: 0 (reset in 1 s) K times
  pr_comments: existing comments of the pull request
  no_pr:       the run has no pull request (a push): comments go on the
               head commit
  commit_comments: existing comments of the head commit
  commit_comment_403: creating a commit comment answers 403, as for a
               token without contents: write
  changed:     files of the head commit
Route log: `fake.requests` (method, path, authorization present).
"""
import copy
import io
import json
import threading
import time
import urllib.parse
import zipfile
from pathlib import Path

import faultd

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "heal"
REPO = "octo-org/octo-repo"


def load_log(text):
    if text.startswith("@"):
        return (FIX / "logs" / text[1:]).read_text(encoding="utf-8")
    return text


def zip_name(name):
    return name.replace("/", "").replace(":", "")[:90].strip()


class HealFake(faultd.Fake):
    def __init__(self, scenario):
        self.sc = scenario
        self.lock = threading.Lock()
        self.requests = []
        self.attempt = scenario.get("attempt", 1)
        self.reruns = 0
        self.comments = list(scenario.get("pr_comments", []))
        self.commit_comments = list(scenario.get("commit_comments", []))
        self.limited = 0
        self.run = json.loads((FIX / "run.json").read_text())
        self.job_tpl = json.loads((FIX / "job.json").read_text())
        self.api = faultd.Server("127.0.0.1", handler=self.handler("api"))
        self.blob = faultd.Server("127.0.0.1", handler=self.handler("blob"))
        self.servers = (self.api, self.blob)
        self.api_url = "http://127.0.0.1:%d" % self.api.server_address[1]
        self.blob_url = "http://localhost:%d" % self.blob.server_address[1]

    # -- objects -------------------------------------------------------------
    def run_obj(self):
        r = copy.deepcopy(self.run)
        r["run_attempt"] = self.attempt
        r["status"] = "completed"
        r["conclusion"] = "failure"
        if self.sc.get("no_pr"):
            r["pull_requests"] = []
        return r

    def commit_comment(self, cid, body):
        """The fields of GitHub's commit comment object (REST "Get a commit
        comment"), values for this fake repository."""
        sha = self.run["head_sha"]
        return {"id": cid, "node_id": "MDEzOkNvbW1pdENvbW1lbnQ%d" % cid,
                "url": "https://api.github.com/repos/%s/comments/%d" % (REPO, cid),
                "html_url": "https://github.com/%s/commit/%s#commitcomment-%d" % (REPO, sha, cid),
                "body": body, "path": None, "position": None, "line": None,
                "commit_id": sha, "user": {"login": "github-actions[bot]", "id": 41898282},
                "created_at": "2025-04-07T12:58:00Z", "updated_at": "2025-04-07T12:58:00Z",
                "author_association": "NONE"}

    def jobs(self):
        out = []
        for i, j in enumerate(self.sc["jobs"]):
            o = copy.deepcopy(self.job_tpl)
            o["id"] = 5000 + i
            o["name"] = j["name"]
            o["conclusion"] = j.get("conclusion", "failure")
            o["run_attempt"] = self.attempt
            o["html_url"] = "https://github.com/%s/actions/runs/%d/job/%d" % (REPO, self.run["id"], o["id"])
            o["steps"] = [{"name": s["name"], "status": "completed",
                           "conclusion": s.get("conclusion", "success"), "number": k + 1}
                          for k, s in enumerate(j.get("steps", []))]
            out.append(o)
        return out

    def job_log(self, j):
        return "".join(load_log(s.get("log", "")) for s in j.get("steps", []))

    def zip_bytes(self):
        b = io.BytesIO()
        with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
            for i, j in enumerate(self.sc["jobs"]):
                n = zip_name(j["name"])
                z.writestr("%d_%s.txt" % (i, n), self.job_log(j))
                if j.get("omit_step_files"):
                    continue
                for k, s in enumerate(j.get("steps", [])):
                    z.writestr("%s/%d_%s.txt" % (n, k + 1, s["name"].replace("/", "")), load_log(s.get("log", "")))
        return b.getvalue()

    # -- routes ----------------------------------------------------------------
    def route(self, h, method, path, query, body):
        base = "/repos/%s" % REPO
        rid = self.run["id"]
        rl = self.sc.get("ratelimit")
        if rl and rl["path_contains"] in h.path and self.limited < rl.get("times", 1):
            self.limited += 1
            return h.send(403, json.dumps({"message": "API rate limit exceeded for user ID 1."}),
                          {"x-ratelimit-remaining": "0", "x-ratelimit-limit": "5000",
                           "x-ratelimit-reset": str(int(time.time()) + 1)}, ctype="application/json")
        if method == "GET" and path == "%s/actions/runs/%d" % (base, rid):
            return self.js(h, 200, self.run_obj())
        if method == "GET" and path == "%s/actions/runs" % base:
            return self.js(h, 200, {"total_count": 1, "workflow_runs": [self.run_obj()]})
        if method == "GET" and path.startswith("%s/actions/runs/%d/attempts/" % (base, rid)) and path.endswith("/jobs"):
            return self.job_page(h, query)
        if method == "GET" and path.startswith("%s/actions/runs/%d/attempts/" % (base, rid)) and path.endswith("/logs"):
            if self.sc.get("no_zip"):
                return self.js(h, 404, {"message": "Not Found"})
            return h.send(302, "", {"Location": self.blob_url + "/blob/run-logs.zip?sig=SIGNATURE"})
        if method == "GET" and path.startswith("%s/actions/jobs/" % base) and path.endswith("/logs"):
            jid = int(path.split("/")[-2])
            return h.send(302, "", {"Location": self.blob_url + "/blob/job/%d?sig=SIGNATURE" % jid})
        if method == "POST" and path == "%s/actions/runs/%d/rerun-failed-jobs" % (base, rid):
            self.reruns += 1
            self.attempt += 1
            return self.js(h, 201, {})
        if method == "GET" and path.startswith("%s/branches/" % base):
            head = self.sc.get("head", self.run["head_sha"])
            return self.js(h, 200, {"name": urllib.parse.unquote(path.split("/branches/", 1)[1]),
                                    "commit": {"sha": head}, "protected": False})
        if path == "%s/commits/%s/comments" % (base, self.run["head_sha"]):
            if method == "POST" and self.sc.get("commit_comment_403"):
                return self.js(h, 403, {"message": "Resource not accessible by integration",
                                        "documentation_url": "https://docs.github.com/rest/commits/comments#create-a-commit-comment",
                                        "status": "403"})
            return self.comment_list(h, method, body, self.commit_comments,
                                     lambda i, b: self.commit_comment(700 + i, b))
        if method == "PATCH" and path.startswith("%s/comments/" % base):
            return self.comment_patch(h, path, body, self.commit_comments)
        if method == "GET" and path.startswith("%s/commits/" % base):
            return self.js(h, 200, {"sha": self.run["head_sha"],
                                    "files": [{"filename": f, "status": "modified"}
                                              for f in self.sc.get("changed", [])]})
        if path == "%s/issues/1347/comments" % base:
            return self.comment_list(h, method, body, self.comments,
                                     lambda i, b: {"id": 900 + i, "body": b})
        if method == "PATCH" and path.startswith("%s/issues/comments/" % base):
            return self.comment_patch(h, path, body, self.comments)
        return self.js(h, 404, {"message": "Not Found",
                                "documentation_url": "https://docs.github.com/rest"})

    def comment_list(self, h, method, body, comments, make):
        """GET lists the comments, POST appends make(index, body)."""
        if method == "GET":
            return self.js(h, 200, comments)
        c = make(len(comments), json.loads(body)["body"])
        comments.append(c)
        return self.js(h, 201, c)

    def comment_patch(self, h, path, body, comments):
        """PATCH .../comments/ID: a new body for that comment, else 404."""
        cid = int(path.rsplit("/", 1)[1])
        for c in comments:
            if c["id"] == cid:
                c["body"] = json.loads(body)["body"]
                return self.js(h, 200, c)
        return self.js(h, 404, {"message": "Not Found"})

    def job_page(self, h, query):
        per = min(int(query.get("per_page", ["30"])[0]), 100)
        page = int(query.get("page", ["1"])[0])
        items = self.jobs()
        chunk = items[(page - 1) * per: page * per]
        extra = {}
        if page * per < len(items):
            u = urllib.parse.urlsplit(h.path)
            q = dict(urllib.parse.parse_qsl(u.query))
            q.update({"per_page": str(per), "page": str(page + 1)})
            extra["Link"] = '<%s%s?%s>; rel="next"' % (self.api_url, u.path, urllib.parse.urlencode(q))
        return self.js(h, 200, {"total_count": len(items), "jobs": chunk}, extra)

    def blob_route(self, h, path):
        if path == "/blob/run-logs.zip":
            return h.send(200, self.zip_bytes(), ctype="application/zip")
        if path.startswith("/blob/job/"):
            jid = int(path.rsplit("/", 1)[1])
            return h.send(200, self.job_log(self.sc["jobs"][jid - 5000]), ctype="text/plain")
        return h.send(404, "no such blob")

    @staticmethod
    def js(h, code, obj, extra=None):
        h.send(code, json.dumps(obj), extra, ctype="application/json; charset=utf-8")

    def handler(self, host):
        fake = self

        class H(faultd.Handler):
            def handle_any(self):
                u = urllib.parse.urlsplit(self.path)
                body = self.read_body()
                with fake.lock:
                    fake.requests.append({"host": host, "method": self.command, "path": self.path,
                                          "auth": "authorization" in {k.lower() for k in self.headers}})
                if host == "blob":
                    return fake.blob_route(self, u.path)
                with fake.lock:
                    return fake.route(self, self.command, u.path, urllib.parse.parse_qs(u.query), body)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

        return H

    def count(self, method, contains):
        return sum(1 for r in self.requests if r["method"] == method and contains in r["path"])
