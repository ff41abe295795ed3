#!/usr/bin/python3
"""fakeartifact.py - a fake Actions artifact service v4 (Twirp JSON) and blob store.

Stdlib only. Follows research/gha-contract.md §6: POST
/twirp/github.actions.results.api.v1.ArtifactService/{Method} with
`Authorization: Bearer <ACTIONS_RUNTIME_TOKEN>`; the backend ids must be
the ones in the token's `scp` claim; int64 fields are JSON strings. Uploads
go to a separate blob listener (another origin) by Put Blob with
`x-ms-blob-type: BlockBlob`; the blob listener refuses and records any
Authorization header. `camel=True` answers in lowerCamelCase like act's
emulator.
"""
import base64
import json
import threading
import urllib.parse

import faultd

PREFIX = "/twirp/github.actions.results.api.v1.ArtifactService/"


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_token(run_id="run-backend-1", job_id="job-backend-2"):
    head = b64url(json.dumps({"alg": "RS256", "typ": "JWT"}).encode())
    body = b64url(json.dumps({"scp": "Actions.ExampleScope Actions.Results:%s:%s" % (run_id, job_id),
                              "iss": "fake"}).encode())
    return "%s.%s.%s" % (head, body, b64url(b"not-a-real-signature"))


class Service:
    def __init__(self, run_id="run-backend-1", job_id="job-backend-2", camel=False):
        self.token = make_token(run_id, job_id)
        self.ids = (run_id, job_id)
        self.camel = camel
        self.lock = threading.Lock()
        self.artifacts = []      # {id, name, size, blob: bytes|None, final}
        self.calls = []
        self.blob_log = []
        self.fail_next = {}      # method -> HTTP status to answer once
        self.twirp = faultd.Server("127.0.0.1", handler=self.twirp_handler())
        self.blob = faultd.Server("127.0.0.1", handler=self.blob_handler())

    @property
    def url(self):
        return self.twirp.url + "/some/path/ignored"

    def env(self):
        return {"ACTIONS_RUNTIME_TOKEN": self.token, "ACTIONS_RESULTS_URL": self.url}

    def start(self):
        self.twirp.start()
        self.blob.start()
        return self

    def shutdown(self):
        self.twirp.shutdown()
        self.blob.shutdown()

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
            if method == "CreateArtifact":
                if any(a["name"] == req.get("name") for a in self.artifacts):
                    return 409, {"code": "already_exists", "msg": "artifact exists"}
                if req.get("version") not in (4, 7):
                    return 400, {"code": "invalid_argument", "msg": "version"}
                a = {"id": len(self.artifacts) + 1, "name": req["name"], "size": 0,
                     "blob": None, "final": False}
                self.artifacts.append(a)
                return 200, self.answer({"ok": True, "signed_upload_url":
                                         "%s/upload/%d?sv=2023-11-03&sig=SECRETSIG" % (self.blob.url, a["id"])})
            if method == "FinalizeArtifact":
                for a in self.artifacts:
                    if a["name"] == req.get("name") and not a["final"]:
                        if a["blob"] is None or str(len(a["blob"])) != req.get("size"):
                            return 400, {"code": "invalid_argument", "msg": "size mismatch"}
                        a["final"] = True
                        a["size"] = len(a["blob"])
                        return 200, self.answer({"ok": True, "artifact_id": str(a["id"])})
                return 404, {"code": "not_found", "msg": "no such artifact"}
            if method == "ListArtifacts":
                name = req.get("name_filter")
                arts = [self.answer({"workflow_run_backend_id": self.ids[0],
                                     "workflow_job_run_backend_id": self.ids[1],
                                     "database_id": str(a["id"]), "name": a["name"],
                                     "size": str(a["size"])})
                        for a in self.artifacts if a["final"] and (not name or a["name"] == name)]
                return 200, {"artifacts": arts}
            if method == "GetSignedArtifactURL":
                for a in reversed(self.artifacts):
                    if a["name"] == req.get("name") and a["final"]:
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
                        if hdrs.get("x-ms-blob-type") != "BlockBlob":
                            return self.send(400, "x-ms-blob-type missing")
                        a["blob"] = body
                        return self.send(201, "")
                    if kind == "download" and self.command == "GET":
                        return self.send(200, a["blob"], ctype="application/zip")
                self.send(405, "")

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

        return H
