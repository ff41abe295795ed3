#!/usr/bin/python3
"""fakeartifact.py - a fake Actions artifact service v4 (Twirp JSON) and blob store.

Stdlib only. Follows research/gha-contract.md §6: POST
/twirp/github.actions.results.api.v1.ArtifactService/{Method} with
`Authorization: Bearer <ACTIONS_RUNTIME_TOKEN>`; the backend ids must be
the ones in the token's `scp` claim; int64 fields are JSON strings. Uploads
go to a separate blob listener (another origin) by Put Blob with
`x-ms-blob-type: BlockBlob`, or Put Block (`comp=block&blockid=`) + Put
Block List (`comp=blocklist`, XML) as @azure/storage-blob does; the blob
listener refuses and records any Authorization header. FinalizeArtifact
checks `size` and, when sent, `hash` ("sha256:<hex>") against the blob.
`camel=True` answers in lowerCamelCase like act's emulator.

A third listener (`rest`) serves the REST view of the same store:
GET /repos/{owner}/{repo}/actions/runs/{run}/artifacts (name filter,
per_page/page with Link) and /repos/{owner}/{repo}/actions/artifacts/{id}/zip
(302 to the blob host, like GitHub); it wants `Authorization: Bearer
REST_TOKEN`. Artifacts of other runs are added with add_artifact().
"""
import base64
import hashlib
import json
import re
import threading
import time
import urllib.parse

import faultd

PREFIX = "/twirp/github.actions.results.api.v1.ArtifactService/"
REST_TOKEN = "ghs_fakeresttoken"
REPO = "octo/demo"
RUN_ID = 4242


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_token(run_id="run-backend-1", job_id="job-backend-2"):
    head = b64url(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    body = b64url(json.dumps({"scp": "Actions.ExampleScope Actions.Results:%s:%s" % (run_id, job_id),
                              "iss": "fake"}).encode())
    return "%s.%s.%s" % (head, body, b64url(b"not-a-real-signature"))


class Service(faultd.Fake):
    def __init__(self, run_id="run-backend-1", job_id="job-backend-2", camel=False):
        self.token = make_token(run_id, job_id)
        self.ids = (run_id, job_id)
        self.camel = camel
        self.lock = threading.Lock()
        self.artifacts = []      # {id, name, size, blob, final, run, hash, expires_at, blocks}
        self.calls = []
        self.blob_log = []
        self.rest_log = []
        self.requests = []       # Twirp request bodies: (method, dict)
        self.fail_next = {}      # method -> HTTP status to answer once
        self.twirp = faultd.Server("127.0.0.1", handler=self.twirp_handler())
        self.blob = faultd.Server("127.0.0.1", handler=self.blob_handler())
        self.rest = faultd.Server("127.0.0.1", handler=self.rest_handler())
        self.servers = (self.twirp, self.blob, self.rest)

    @property
    def url(self):
        return self.twirp.url + "/some/path/ignored"

    def env(self):
        return {"ACTIONS_RUNTIME_TOKEN": self.token, "ACTIONS_RESULTS_URL": self.url}

    def rest_env(self):
        """What a `run:` step has: REST only (no runtime token)."""
        return {"GITHUB_TOKEN": REST_TOKEN, "GITHUB_API_URL": self.rest.url,
                "GITHUB_REPOSITORY": REPO, "GITHUB_RUN_ID": str(RUN_ID)}

    def add_artifact(self, name, blob, run=RUN_ID):
        """A finalized artifact (e.g. of another run); returns its id."""
        with self.lock:
            a = {"id": len(self.artifacts) + 1, "name": name, "size": len(blob), "blob": blob,
                 "final": True, "run": run, "hash": None, "expires_at": None, "blocks": {}}
            self.artifacts.append(a)
            return a["id"]

    def find(self, name):
        return [a for a in self.artifacts if a["name"] == name and a["final"]]

    def key(self, snake):
        if not self.camel:
            return snake
        head, *rest = snake.split("_")
        return head + "".join(w.title() for w in rest)

    def answer(self, obj):
        return {self.key(k): v for k, v in obj.items()}

    # -- Twirp ---------------------------------------------------------------
    def call(self, method, req):
        if req.get("workflow_run_backend_id") != self.ids[0] or \
                req.get("workflow_job_run_backend_id") != self.ids[1]:
            return 400, {"code": "invalid_argument", "msg": "backend ids do not match the token"}
        with self.lock:
            self.requests.append((method, req))
            if method == "CreateArtifact":
                if any(a["name"] == req.get("name") and a["run"] == RUN_ID for a in self.artifacts):
                    return 409, {"code": "already_exists", "msg": "artifact exists"}
                if req.get("version") not in (4, 7):
                    return 400, {"code": "invalid_argument", "msg": "version"}
                exp = req.get("expires_at")
                if exp is not None and not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", exp):
                    return 400, {"code": "invalid_argument", "msg": "expires_at"}
                a = {"id": len(self.artifacts) + 1, "name": req["name"], "size": 0,
                     "blob": None, "final": False, "run": RUN_ID, "hash": None,
                     "expires_at": exp, "blocks": {}}
                self.artifacts.append(a)
                return 200, self.answer({"ok": True, "signed_upload_url":
                                         "%s/upload/%d?sv=2023-11-03&sig=SECRETSIG" % (self.blob.url, a["id"])})
            if method == "FinalizeArtifact":
                for a in self.artifacts:
                    if a["name"] == req.get("name") and not a["final"]:
                        if a["blob"] is None or str(len(a["blob"])) != req.get("size"):
                            return 400, {"code": "invalid_argument", "msg": "size mismatch"}
                        h = req.get("hash")
                        if h is not None and h != "sha256:" + hashlib.sha256(a["blob"]).hexdigest():
                            return 400, {"code": "invalid_argument", "msg": "hash mismatch"}
                        a["hash"] = h
                        a["final"] = True
                        a["size"] = len(a["blob"])
                        return 200, self.answer({"ok": True, "artifact_id": str(a["id"])})
                return 404, {"code": "not_found", "msg": "no such artifact"}
            if method == "ListArtifacts":
                name = req.get("name_filter")
                idf = req.get("id_filter")
                arts = [self.answer({"workflow_run_backend_id": self.ids[0],
                                     "workflow_job_run_backend_id": self.ids[1],
                                     "database_id": str(a["id"]), "name": a["name"],
                                     "size": str(a["size"]),
                                     "created_at": "2026-11-21T08:00:00Z",
                                     **({"digest": a["hash"]} if a["hash"] else {})})
                        for a in self.artifacts if a["final"] and a["run"] == RUN_ID and
                        (not name or a["name"] == name) and (idf is None or str(a["id"]) == str(idf))]
                return 200, {"artifacts": arts}
            if method == "GetSignedArtifactURL":
                for a in reversed(self.artifacts):
                    if a["name"] == req.get("name") and a["final"] and a["run"] == RUN_ID:
                        return 200, self.answer({"signed_url": "%s/download/%d?sig=SECRETSIG"
                                                 % (self.blob.url, a["id"])})
                return 404, {"code": "not_found", "msg": "no such artifact"}
        return 404, {"code": "bad_route", "msg": "no method " + method}

    def twirp_handler(self):
        svc = self

        class H(faultd.Handler):
            def handle_any(self):
                body = self.read_body()
                method = self.path[len(PREFIX):] if self.path.startswith(PREFIX) else None
                with svc.lock:
                    svc.calls.append({"method": method, "headers": {k.lower(): v for k, v in
                                                                    self.headers.items()}})
                    fail = svc.fail_next.pop(method, None)
                if fail:
                    return self.send(fail, "{}", ctype="application/json")
                if self.command != "POST" or not method:
                    return self.send(404, json.dumps({"code": "bad_route", "msg": self.path}))
                if self.headers.get("Authorization") != "Bearer " + svc.token:
                    return self.send(401, json.dumps({"code": "unauthenticated", "msg": "token"}))
                if not (self.headers.get("Content-Type") or "").startswith("application/json"):
                    return self.send(400, json.dumps({"code": "malformed", "msg": "content-type"}))
                code, obj = svc.call(method, json.loads(body or b"{}"))
                self.send(code, json.dumps(obj), ctype="application/json")

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

        return H

    # -- blob storage --------------------------------------------------------------
    def blob_handler(self):
        svc = self

        class H(faultd.Handler):
            def handle_any(self):
                body = self.read_body()
                u = urllib.parse.urlsplit(self.path)
                hdrs = {k.lower(): v for k, v in self.headers.items()}
                with svc.lock:
                    svc.blob_log.append({"method": self.command, "path": self.path, "headers": hdrs})
                if "authorization" in hdrs:
                    return self.send(403, "no Authorization with a SAS URL")
                if "sig=SECRETSIG" not in u.query:
                    return self.send(403, "bad signature")
                kind, _, num = u.path.strip("/").partition("/")
                with svc.lock:
                    a = next((x for x in svc.artifacts if str(x["id"]) == num), None)
                    if a is None:
                        return self.send(404, "no blob")
                    if kind == "upload" and self.command == "PUT":
                        return self.upload(a, body, hdrs, urllib.parse.parse_qs(u.query))
                    if kind == "download" and self.command == "GET":
                        return self.send(200, a["blob"], ctype="application/zip")
                self.send(405, "")

            def upload(self, a, body, hdrs, q):
                comp = (q.get("comp") or [None])[0]
                if comp == "block":
                    bid = (q.get("blockid") or [""])[0]
                    if not bid:
                        return self.send(400, "blockid missing")
                    a["blocks"][bid] = body
                    return self.send(201, "")
                if comp == "blocklist":
                    ids = re.findall(r"<(?:Latest|Uncommitted|Committed)>([^<]*)</", body.decode())
                    if not ids or any(i not in a["blocks"] for i in ids):
                        return self.send(400, "InvalidBlockList")
                    a["blob"] = b"".join(a["blocks"][i] for i in ids)
                    a["block_count"] = len(ids)
                    a["content_type"] = hdrs.get("x-ms-blob-content-type")
                    return self.send(201, "")
                if hdrs.get("x-ms-blob-type") != "BlockBlob":
                    return self.send(400, "x-ms-blob-type missing")
                a["blob"] = body
                a["block_count"] = 0
                return self.send(201, "")

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

        return H

    # -- REST --------------------------------------------------------------------
    def rest_handler(self):
        svc = self

        class H(faultd.Handler):
            def handle_any(self):
                self.read_body()
                u = urllib.parse.urlsplit(self.path)
                q = urllib.parse.parse_qs(u.query)
                with svc.lock:
                    svc.rest_log.append({"method": self.command, "path": self.path,
                                         "headers": {k.lower(): v for k, v in self.headers.items()}})
                if self.headers.get("Authorization") != "Bearer " + REST_TOKEN:
                    return self.send(401, json.dumps({"message": "Bad credentials"}),
                                     ctype="application/json")
                base = "/repos/%s/actions/" % REPO
                m = re.match("^" + re.escape(base) + r"runs/(\d+)/artifacts$", u.path)
                if m and self.command == "GET":
                    return self.list(int(m.group(1)), q, u.path)
                m = re.match("^" + re.escape(base) + r"artifacts/(\d+)/zip$", u.path)
                if m and self.command == "GET":
                    with svc.lock:
                        a = next((x for x in svc.artifacts if x["id"] == int(m.group(1))
                                  and x["final"]), None)
                    if not a:
                        return self.send(404, json.dumps({"message": "Not Found"}),
                                         ctype="application/json")
                    return self.send(302, "", headers={
                        "Location": "%s/download/%d?sig=SECRETSIG" % (svc.blob.url, a["id"])})
                self.send(404, json.dumps({"message": "Not Found"}), ctype="application/json")

            def list(self, run, q, path):
                name = (q.get("name") or [None])[0]
                per = min(int((q.get("per_page") or ["30"])[0]), 100)
                page = int((q.get("page") or ["1"])[0])
                with svc.lock:
                    arts = [{"id": a["id"], "node_id": "MDg6QXJ0aWZhY3Qx", "name": a["name"],
                             "size_in_bytes": a["size"], "expired": False,
                             "archive_download_url": "%s%s/%d/zip" % (svc.rest.url, path.rsplit(
                                 "/runs/", 1)[0] + "/artifacts", a["id"]),
                             "created_at": "2026-11-21T08:00:00Z",
                             "expires_at": "2027-02-19T08:00:00Z"}
                            for a in svc.artifacts
                            if a["final"] and a["run"] == run and (not name or a["name"] == name)]
                chunk = arts[(page - 1) * per: page * per]
                hdrs = {}
                if page * per < len(arts):
                    nq = dict(q)
                    nq["page"] = [str(page + 1)]
                    hdrs["Link"] = '<%s%s?%s>; rel="next"' % (
                        svc.rest.url, path, urllib.parse.urlencode(nq, doseq=True))
                self.send(200, json.dumps({"total_count": len(arts), "artifacts": chunk}),
                          headers=hdrs, ctype="application/json")

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

        return H
