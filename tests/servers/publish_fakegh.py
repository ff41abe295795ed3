#!/usr/bin/python3
"""publish_fakegh.py - a stateful fake GitHub for `ship publish`: releases (drafts too), assets, refs, statuses.

fakegh.py replays fixed exchanges; publish needs a server whose answers
depend on what the run (or an earlier, crashed run) did. This one keeps
releases and assets in memory, and builds every object it returns from
the recorded @octokit/fixtures exchanges `release-assets` (the release,
the uploaded asset) and `release-assets-conflict` (the 422
already_exists body), so field names and shapes are GitHub's own.
GitHub's current behaviour that the 2017-era recordings lack is added
as documented (docs.github.com/rest/releases): asset `digest`
("sha256:..."), the `immutable` flag of published releases with
immutable releases on, `GET /releases/tags/{tag}` hiding drafts.

Faults and races, all opt-in:
  upload_502_once = {"name"}   the upload lands, but the answer is a 502,
                               and the next asset listing does not show
                               it yet (lag), so the client's landed check
                               misses it and its repeat POST gets 422
  race_create = True           a competing run creates a draft for the
                               same tag just before ours is created
  immutable = True             publishing makes a release immutable
Listeners on 127.0.0.1 as http://api.localhost:PORT and
http://uploads.localhost:PORT, like fakegh.py.
"""
import hashlib
import json
import re
import threading
import urllib.parse

import faultd
import fakegh

REC_REPO = "octokit-fixture-org/release-assets"


def recorded(scenario):
    return json.loads((fakegh.FIXTURES / scenario / "normalized-fixture.json").read_text())


class Fake(faultd.Fake):
    def __init__(self, repo="o/r", token="ghs_publishFakeToken0123456789"):
        self.repo = repo
        self.token = token
        self.lock = threading.Lock()
        self.log = []
        self.releases = {}      # id -> release dict (assets kept apart)
        self.assets = {}        # release id -> [asset]
        self.refs = {}          # "refs/tags/x" -> sha (a commit's or a tag object's)
        self.tags = {}          # tag object sha -> the object as GET /git/tags/{sha} shows it
        self.hooks = []
        self.next_id = 5000
        self.upload_502_once = set()
        self.race_create = False
        self.immutable = False
        self.statuses = {"state": "success", "statuses": []}
        self.check_runs = []
        ex = recorded("release-assets")
        self.tpl_release = next(x["response"] for x in ex if x["method"] == "get"
                                and x["path"].endswith("/releases/tags/v1.0.0"))
        self.tpl_asset = next(x["response"] for x in ex if x["method"] == "post")
        self.conflict_body = next(x["response"] for x in recorded("release-assets-conflict")
                                  if x["method"] == "post" and x["status"] == 422)
        self.api = faultd.Server("127.0.0.1", handler=self.handler("api"))
        self.uploads = faultd.Server("127.0.0.1", handler=self.handler("uploads"))
        self.servers = (self.api, self.uploads)
        self.api_url = "http://api.localhost:%d" % self.api.server_address[1]
        self.uploads_url = "http://uploads.localhost:%d" % self.uploads.server_address[1]

    # -- objects built from the recordings -----------------------------------
    def _rewrite(self, obj):
        text = (json.dumps(obj).replace("https://api.github.com", self.api_url)
                .replace("https://uploads.github.com", self.uploads_url)
                .replace(REC_REPO, self.repo))
        return json.loads(text)

    def new_release(self, tag, draft=True, body="", name=None, prerelease=False):
        with self.lock:
            self.next_id += 1
            rid = self.next_id
        r = self._rewrite(self.tpl_release)
        r.update(id=rid, tag_name=tag, name=name or tag, body=body, draft=draft,
                 prerelease=prerelease, immutable=False, assets=[],
                 url="%s/repos/%s/releases/%d" % (self.api_url, self.repo, rid),
                 assets_url="%s/repos/%s/releases/%d/assets" % (self.api_url, self.repo, rid),
                 upload_url="%s/repos/%s/releases/%d/assets{?name,label}"
                 % (self.uploads_url, self.repo, rid),
                 html_url="https://github.com/%s/releases/%s/%s" % (
                     self.repo, "tag" if not draft else "untagged", tag))
        self.releases[rid] = r
        self.assets[rid] = []
        return r

    def new_asset(self, rid, name, label, data, ctype):
        with self.lock:
            self.next_id += 1
            aid = self.next_id
        a = self._rewrite(self.tpl_asset)
        a.update(id=aid, name=name, label=label or "", size=len(data), content_type=ctype,
                 state="uploaded", digest="sha256:" + hashlib.sha256(data).hexdigest(),
                 url="%s/repos/%s/releases/assets/%d" % (self.api_url, self.repo, aid))
        a["_data"] = data
        self.assets[rid].append(a)
        return a

    @staticmethod
    def public(a):
        return {k: v for k, v in a.items() if not k.startswith("_")}

    def view(self, r):
        out = dict(r)
        out["assets"] = [self.public(a) for a in self.assets[r["id"]]]
        return out

    def for_tag(self, tag):
        return [r for r in self.releases.values() if r["tag_name"] == tag]

    # -- HTTP ---------------------------------------------------------------
    def handler(self, host):
        fake = self

        class H(faultd.Handler):
            def js(self, code, obj, extra=None):
                self.send(code, json.dumps(obj), extra, ctype="application/json; charset=utf-8")

            def handle_any(self):
                body = self.read_body()
                headers = {k.lower(): v for k, v in self.headers.items()}
                with fake.lock:
                    fake.log.append({"host": host, "method": self.command, "path": self.path,
                                     "headers": headers, "body": body})
                u = urllib.parse.urlsplit(self.path)
                q = dict(urllib.parse.parse_qsl(u.query))
                if u.path == "/hook":
                    fake.hooks.append(json.loads(body))
                    return self.js(200, {"ok": True})
                if headers.get("authorization") != "Bearer " + fake.token:
                    return self.js(401, {"message": "Bad credentials"})
                base = "/repos/%s" % fake.repo
                if not u.path.startswith(base + "/"):
                    return self.js(404, {"message": "Not Found"})
                return fake.route(self, host, self.command, u.path[len(base):], q, body, headers)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any

        return H

    def route(self, h, host, method, path, q, body, headers):
        m = re.fullmatch
        if host == "uploads":
            g = m(r"/releases/(\d+)/assets", path)
            if method == "POST" and g:
                return self.upload(h, int(g.group(1)), q, body, headers)
            return h.js(404, {"message": "Not Found"})
        if method == "GET" and (g := m(r"/releases/tags/(.+)", path)):
            pub = [r for r in self.for_tag(urllib.parse.unquote(g.group(1))) if not r["draft"]]
            return h.js(200, self.view(pub[0])) if pub else h.js(404, {"message": "Not Found"})
        if method == "GET" and path == "/releases":
            return self.page(h, sorted(self.releases.values(), key=lambda r: -r["id"]), q)
        if method == "POST" and path == "/releases":
            return self.create(h, json.loads(body))
        if (g := m(r"/releases/(\d+)", path)) and int(g.group(1)) in self.releases:
            r = self.releases[int(g.group(1))]
            if method == "PATCH":
                return self.update(h, r, json.loads(body))
            if method == "DELETE":
                del self.releases[r["id"]]
                return h.send(204)
            return h.js(200, self.view(r))
        if method == "GET" and (g := m(r"/releases/(\d+)/assets", path)):
            shown = []
            for a in self.assets.get(int(g.group(1)), []):
                if a.get("_hidden"):
                    a["_hidden"] -= 1
                    continue
                shown.append(self.public(a))
            return self.page(h, shown, q)
        if method == "DELETE" and (g := m(r"/releases/assets/(\d+)", path)):
            return self.delete_asset(h, int(g.group(1)))
        if method == "GET" and (g := m(r"/commits/([0-9a-f]+)/status", path)):
            st = dict(self.statuses, sha=g.group(1), total_count=len(self.statuses["statuses"]))
            return h.js(200, st)
        if method == "GET" and m(r"/commits/([0-9a-f]+)/check-runs", path):
            return h.js(200, {"total_count": len(self.check_runs), "check_runs": self.check_runs})
        if method == "POST" and path == "/git/refs":
            d = json.loads(body)
            if d["ref"] in self.refs:
                return h.js(422, {"message": "Reference already exists"})
            self.refs[d["ref"]] = d["sha"]
            return h.js(201, self.ref_obj(d["ref"]))
        if method == "GET" and (g := m(r"/git/ref/(tags/.+)", path)):
            if "refs/" + g.group(1) not in self.refs:
                return h.js(404, {"message": "Not Found"})
            return h.js(200, self.ref_obj("refs/" + g.group(1)))
        if method == "POST" and path == "/git/tags":
            return self.tag_create(h, json.loads(body))
        if method == "GET" and (g := m(r"/git/tags/([0-9a-f]{40})", path)):
            t = self.tags.get(g.group(1))
            return h.js(200, t) if t else h.js(404, {"message": "Not Found"})
        return h.js(404, {"message": "fake: no route for %s %s" % (method, path)})

    def ref_obj(self, ref):
        """A ref as GET /git/ref shows it: "type" says whether it leads to
        a tag object (an annotated tag) or to the commit itself."""
        sha = self.refs[ref]
        kind = "tag" if sha in self.tags else "commit"
        return {"ref": ref, "node_id": "REF_" + sha[:12],
                "url": "%s/repos/%s/git/%s" % (self.api_url, self.repo, ref),
                "object": {"type": kind, "sha": sha,
                           "url": "%s/repos/%s/git/%ss/%s" % (self.api_url, self.repo, kind, sha)}}

    def tag_create(self, h, d):
        """POST /git/tags (docs.github.com/rest/git/tags): the tag object
        in GitHub's answer shape, no ref; its sha a hash of its fields
        (a stand-in for the object id). A missing field is a 422, as
        GitHub answers invalid requests."""
        if any(not d.get(k) for k in ("tag", "message", "object", "type")) or \
                any(not (d.get("tagger") or {}).get(k) for k in ("name", "email")):
            return h.js(422, {"message": "Invalid request.", "documentation_url":
                              "https://docs.github.com/rest/git/tags#create-a-tag-object"})
        t = d["tagger"]
        raw = "object %s\ntype %s\ntag %s\ntagger %s <%s> %s\n\n%s" % (
            d["object"], d["type"], d["tag"], t["name"], t["email"], t.get("date", ""), d["message"])
        sha = hashlib.sha1(("tag %d\0" % len(raw.encode())).encode() + raw.encode()).hexdigest()
        self.tags[sha] = {
            "node_id": "TAG_" + sha[:12], "tag": d["tag"], "sha": sha,
            "url": "%s/repos/%s/git/tags/%s" % (self.api_url, self.repo, sha),
            "message": d["message"], "tagger": dict(t),
            "object": {"type": d["type"], "sha": d["object"],
                       "url": "%s/repos/%s/git/commits/%s" % (self.api_url, self.repo, d["object"])},
            "verification": {"verified": False, "reason": "unsigned", "signature": None,
                             "payload": None, "verified_at": None}}
        return h.js(201, self.tags[sha])

    def page(self, h, items, q):
        per = min(int(q.get("per_page", "30")), 100)
        page = int(q.get("page", "1"))
        chunk = items[(page - 1) * per: page * per]
        extra = {}
        if page * per < len(items):
            nq = dict(q, per_page=str(per), page=str(page + 1))
            extra["Link"] = '<%s%s?%s>; rel="next"' % (
                self.api_url, urllib.parse.urlsplit(h.path).path, urllib.parse.urlencode(nq))
        return h.js(200, chunk, extra)

    def create(self, h, d):
        tag = d["tag_name"]
        if any(not r["draft"] for r in self.for_tag(tag)):
            return h.js(422, {"message": "Validation Failed", "errors": [
                {"resource": "Release", "code": "already_exists", "field": "tag_name"}]})
        if self.race_create:
            self.race_create = False
            self.new_release(tag, draft=True, body="(the other run)")
        r = self.new_release(tag, draft=d.get("draft", False), body=d.get("body", ""),
                             name=d.get("name"), prerelease=d.get("prerelease", False))
        return h.js(201, self.view(r))

    def update(self, h, r, d):
        if r.get("immutable"):
            return h.js(422, {"message": "Cannot modify an immutable release"})
        if "draft" in d:
            r["draft"] = bool(d["draft"])
            if not r["draft"]:
                r["html_url"] = "https://github.com/%s/releases/tag/%s" % (self.repo, r["tag_name"])
                r["immutable"] = self.immutable
        return h.js(200, self.view(r))

    def upload(self, h, rid, q, body, headers):
        r = self.releases.get(rid)
        if r is None:
            return h.js(404, {"message": "Not Found"})
        if r.get("immutable"):
            return h.js(422, {"message": "Cannot upload assets to an immutable release."})
        name = q.get("name", "")
        if any(a["name"] == name for a in self.assets[rid]):
            return h.js(422, self.conflict_body)
        a = self.new_asset(rid, name, q.get("label"), body, headers.get("content-type", ""))
        if name in self.upload_502_once:
            self.upload_502_once.discard(name)
            a["_hidden"] = 1
            return h.send(502, "<html>502 Bad Gateway</html>", ctype="text/html")
        return h.js(201, self.public(a))

    def delete_asset(self, h, aid):
        for rid, lst in self.assets.items():
            for a in lst:
                if a["id"] == aid:
                    if self.releases.get(rid, {}).get("immutable"):
                        return h.js(422, {"message": "Cannot delete assets of an immutable release."})
                    lst.remove(a)
                    return h.send(204)
        return h.js(404, {"message": "Not Found"})
