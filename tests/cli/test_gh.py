"""test_gh.py - the GitHub client (src/gh) through `ship gh` against a fake GitHub.

The fake replays recorded exchanges from @octokit/fixtures (tests/node-net)
and serves a few hand-written Actions endpoints; a faultd server plays the
blob host that logs redirect to, and records whether the token reached it.
"""
import hashlib
import json
import sys
import urllib.parse
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "servers"))
import faultd  # noqa: E402
import fakegh  # noqa: E402

TOKEN = "ghs_faketoken0123456789abcdefghij"
pytestmark = pytest.mark.skipif(not fakegh.fixtures_available(),
                                reason="npm ci --prefix tests/node-net first (make test-deps)")


@pytest.fixture
def blob():
    s = faultd.Server("127.0.0.2").start()
    yield s
    s.shutdown()


def fake(*scenarios, blob=None):
    return fakegh.Fake(scenarios, blob=blob.url if blob else None).start()


def gh(run_ship, f, *args, repo=None, env=None):
    e = {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": f.api_url}
    if repo:
        e["GITHUB_REPOSITORY"] = repo
    e.update(env or {})
    return run_ship("gh", *args, "--backoff-ms", "20", env=e)


def test_upload_asset_to_uploads_host(run_ship, tmp_path):
    f = fake("release-assets")
    try:
        up = tmp_path / "test-upload.txt"
        up.write_text("Hello, world!\n")
        r = gh(run_ship, f, "upload", "v1.0.0", up, "--label", "test", "--content-type", "text/plain",
               repo="octokit-fixture-org/release-assets")
        assert r.returncode == 0, r.stderr
        asset = json.loads(r.stdout)
        assert asset["name"] == "test-upload.txt" and asset["state"] == "uploaded"
        post = [x for x in f.log if x["method"] == "POST"][0]
        assert post["host"] == "uploads"
        assert post["headers"]["authorization"] == "Bearer " + TOKEN
        assert post["headers"]["content-type"] == "text/plain"
        assert TOKEN.encode() not in r.stderr
    finally:
        f.shutdown()


def test_upload_conflict_replaces(run_ship, tmp_path):
    f = fake("release-assets-conflict")
    try:
        up = tmp_path / "test-upload.txt"
        up.write_text("Hello, world!\n")
        r = gh(run_ship, f, "upload", "v1.0.0", up, "--label", "test", "--content-type", "text/plain",
               "--replace", repo="octokit-fixture-org/release-assets-conflict")
        assert r.returncode == 0, r.stderr
        seq = [(x["method"], x["host"]) for x in f.log]
        assert seq == [("GET", "api"), ("POST", "uploads"), ("GET", "api"), ("DELETE", "api"),
                       ("POST", "uploads")]
        assert all(x["used"] for x in f.exchanges)
    finally:
        f.shutdown()


def test_upload_conflict_without_replace_is_conflict(run_ship, tmp_path):
    f = fake("release-assets-conflict")
    try:
        up = tmp_path / "test-upload.txt"
        up.write_text("Hello, world!\n")
        r = gh(run_ship, f, "upload", "v1.0.0", up, "--label", "test", "--content-type", "text/plain",
               repo="octokit-fixture-org/release-assets-conflict")
        assert r.returncode != 0
        assert b"HTTP 422" in r.stderr and b"Validation Failed" in r.stderr
        assert [x["method"] for x in f.log] == ["GET", "POST"]
    finally:
        f.shutdown()


def test_pagination_follows_link(run_ship):
    f = fake("paginate-issues")
    try:
        r = gh(run_ship, f, "api", "/repos/octokit-fixture-org/paginate-issues/issues?per_page=3", "--all")
        assert r.returncode == 0, r.stderr
        items = json.loads(r.stdout)
        assert len(items) == sum(len(x["response"]) for x in f.exchanges)
        assert len(items) > 10
        assert len(f.log) == 5
        assert all(x["used"] for x in f.exchanges)
        assert f.log[1]["path"] == "/repositories/1000/issues?per_page=3&page=2"
    finally:
        f.shutdown()


def test_create_ref(run_ship):
    f = fake("git-refs")
    try:
        r = gh(run_ship, f, "ref-create", "refs/heads/test", "0" * 39 + "2",
               repo="octokit-fixture-org/git-refs")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["ref"] == "refs/heads/test"
    finally:
        f.shutdown()


def test_combined_status(run_ship):
    f = fake("create-status")
    try:
        r = gh(run_ship, f, "status", "0" * 39 + "1", repo="octokit-fixture-org/create-status")
        assert r.returncode == 0, r.stderr
        st = json.loads(r.stdout)
        assert st["state"] in ("success", "failure", "pending")
        assert f.log[0]["headers"]["x-github-api-version"] == "2022-11-28"
        assert f.log[0]["headers"]["accept"] == "application/vnd.github+json"
    finally:
        f.shutdown()


def test_not_found_is_exit_2_with_message(run_ship):
    f = fake()
    try:
        r = gh(run_ship, f, "run", "7", repo="o/r")
        assert r.returncode == 2
        assert b"HTTP 404" in r.stderr and b"fakegh: no recorded exchange" in r.stderr
    finally:
        f.shutdown()


def test_no_repo_is_usage_error(run_ship):
    f = fake()
    try:
        r = gh(run_ship, f, "run", "7")
        assert r.returncode == 2
        assert b"GITHUB_REPOSITORY" in r.stderr
        assert f.log == []
    finally:
        f.shutdown()


def test_jobs_all_pages(run_ship, blob):
    f = fake(blob=blob)
    f.actions_routes(jobs=5, per_page_cap=2)
    try:
        r = gh(run_ship, f, "jobs", "42", repo="o/r")
        assert r.returncode == 0, r.stderr
        jobs = json.loads(r.stdout)
        assert [j["id"] for j in jobs] == [1000, 1001, 1002, 1003, 1004]
        assert "filter=all" in f.log[0]["path"]
        assert len(f.log) == 3
    finally:
        f.shutdown()


def test_job_log_redirect_drops_token(run_ship, blob, tmp_path):
    f = fake(blob=blob)
    f.actions_routes()
    try:
        out = tmp_path / "job.log"
        r = gh(run_ship, f, "job-log", "1001", "-o", out, repo="o/r")
        assert r.returncode == 0, r.stderr
        assert f.log[0]["headers"]["authorization"] == "Bearer " + TOKEN
        got = json.loads(out.read_text())
        assert "authorization" not in got["headers"]
        assert "authorization" not in blob.state.log[-1]["headers"]
    finally:
        f.shutdown()


def test_run_logs_zip_download(run_ship, blob, tmp_path):
    f = fake(blob=blob)
    f.actions_routes()
    try:
        out = tmp_path / "logs.zip"
        r = gh(run_ship, f, "run-logs", "42", "-o", out, repo="o/r")
        assert r.returncode == 0, r.stderr
        assert out.stat().st_size == 5000
    finally:
        f.shutdown()


def test_rerun_not_repeated_when_it_landed(run_ship, blob):
    f = fake(blob=blob)
    state = f.actions_routes()
    try:
        r = gh(run_ship, f, "rerun-failed", "42", repo="o/r")
        assert r.returncode == 0, r.stderr
        assert state["rerun_posts"] == 1
        assert b"took effect" in r.stderr
    finally:
        f.shutdown()


def test_token_file_and_masking(run_ship, tmp_path):
    f = fake("create-status")
    try:
        tf = tmp_path / "tok"
        tf.write_text(TOKEN + "\n")
        r = run_ship("gh", "status", "0" * 39 + "1", "--token-file", tf,
                     env={"GITHUB_API_URL": f.api_url,
                          "GITHUB_REPOSITORY": "octokit-fixture-org/create-status",
                          "SHIP_TRACE": "1"})
        assert r.returncode == 0, r.stderr
        assert f.log[0]["headers"]["authorization"] == "Bearer " + TOKEN
        assert b"Authorization: ***" in r.stderr
        assert TOKEN.encode() not in r.stderr
    finally:
        f.shutdown()


def test_link_to_other_origin_refused(run_ship, blob):
    f = fake(blob=blob)
    base = "/repos/o/r/issues"

    def page(h, body, headers):
        h.send(200, "[1]", {"Link": '<%s/evil?page=2>; rel="next"' % blob.url},
               ctype="application/json")
    f.dynamic[("api", "GET", base)] = page
    try:
        r = gh(run_ship, f, "api", base, "--all")
        assert r.returncode == 2
        assert b"not on the API origin" in r.stderr
        assert blob.state.log == []
    finally:
        f.shutdown()


def release_routes(f, fail_first_post=True, fail_first_upload=True):
    """A tiny release store on the fake: create answers 502 once although the
    release was made; the tag endpoint hides drafts like GitHub does."""
    st = {"releases": [], "assets": [], "posts": 0, "uploads": 0}
    base = "/repos/o/r/releases"

    def js(h, code, obj):
        h.send(code, json.dumps(obj), ctype="application/json")

    def create(h, body, headers):
        st["posts"] += 1
        req = json.loads(body)
        rel = {"id": 7, "tag_name": req["tag_name"], "draft": req.get("draft", False),
               "upload_url": f.uploads_url + base + "/7/assets{?name,label}"}
        st["releases"].append(rel)
        if fail_first_post and st["posts"] == 1:
            return h.send(502, "bad gateway")
        js(h, 201, rel)

    def listing(h, body, headers):
        js(h, 200, st["releases"])

    def by_tag(h, body, headers):
        tag = h.path.rsplit("/", 1)[1]
        for r in st["releases"]:
            if r["tag_name"] == tag and not r["draft"]:
                return js(h, 200, r)
        js(h, 404, {"message": "Not Found"})

    def upload(h, body, headers):
        st["uploads"] += 1
        name = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(h.path).query))["name"]
        a = {"id": 70 + st["uploads"], "name": name, "state": "uploaded", "size": len(body)}
        st["assets"].append(a)
        if fail_first_upload and st["uploads"] == 1:
            return h.send(502, "bad gateway")
        js(h, 201, a)

    def assets(h, body, headers):
        js(h, 200, st["assets"])

    f.dynamic[("api", "POST", base)] = create
    f.dynamic[("api", "GET", base)] = listing
    f.dynamic[("api", "GET", base + "/tags/v9.9.9")] = by_tag
    f.dynamic[("uploads", "POST", base + "/7/assets")] = upload
    f.dynamic[("api", "GET", base + "/7/assets")] = assets
    return st


def test_release_create_survives_lost_answer(run_ship, tmp_path):
    f = fake()
    st = release_routes(f)
    try:
        d = tmp_path / "rel.json"
        d.write_text(json.dumps({"tag_name": "v9.9.9", "name": "v9.9.9", "draft": True}))
        r = gh(run_ship, f, "release-create", "--data-file", d, repo="o/r")
        assert r.returncode == 0, r.stderr
        assert st["posts"] == 1                     # not created twice
        assert json.loads(r.stdout)["tag_name"] == "v9.9.9"
        assert b"not created twice" in r.stderr
        # a draft is found by tag through the list
        r = gh(run_ship, f, "release", "v9.9.9", repo="o/r")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["draft"] is True
    finally:
        f.shutdown()


def test_asset_upload_survives_lost_answer(run_ship, tmp_path):
    f = fake()
    st = release_routes(f, fail_first_post=False)
    try:
        d = tmp_path / "rel.json"
        d.write_text(json.dumps({"tag_name": "v9.9.9", "draft": True}))
        assert gh(run_ship, f, "release-create", "--data-file", d, repo="o/r").returncode == 0
        a = tmp_path / "ship-linux-amd64"
        a.write_bytes(b"\x7fELF" + b"\0" * 1000)
        r = gh(run_ship, f, "upload", "v9.9.9", a, repo="o/r")
        assert r.returncode == 0, r.stderr
        assert st["uploads"] == 1
        assert json.loads(r.stdout)["name"] == "ship-linux-amd64"
        up = [x for x in f.log if x["host"] == "uploads"][0]
        assert up["headers"]["content-type"] == "application/octet-stream"
        assert up["path"].endswith("?name=ship-linux-amd64")
    finally:
        f.shutdown()


def test_upload_url_on_foreign_host_refused(run_ship, tmp_path, blob):
    f = fake()
    st = release_routes(f, fail_first_post=False)
    try:
        d = tmp_path / "rel.json"
        d.write_text(json.dumps({"tag_name": "v9.9.9"}))
        assert gh(run_ship, f, "release-create", "--data-file", d, repo="o/r").returncode == 0
        st["releases"][0]["upload_url"] = blob.url + "/steal{?name,label}"
        a = tmp_path / "x"
        a.write_text("x")
        r = gh(run_ship, f, "upload", "v9.9.9", a, repo="o/r")
        assert r.returncode == 2
        assert b"not a GitHub upload host" in r.stderr
        assert blob.state.log == []
    finally:
        f.shutdown()


# --- artifact service v4 -------------------------------------------------------

import fakeartifact  # noqa: E402


@pytest.mark.parametrize("camel", [False, True])
def test_artifact_roundtrip(run_ship, tmp_path, camel):
    svc = fakeartifact.Service(camel=camel).start()
    try:
        z = tmp_path / "state.zip"
        import zipfile
        with zipfile.ZipFile(z, "w") as zf:
            zf.writestr("scan.json", '{"schema": "ship.state/v1"}')
        env = svc.env()
        r = run_ship("gh", "artifact-upload", "ship-state-scan", z, env=env)
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["id"] == 1
        r = run_ship("gh", "artifact-list", env=env)
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout) == [{"name": "ship-state-scan", "id": 1,
                                         "size": z.stat().st_size, "digest": "sha256:" +
                                         hashlib.sha256(z.read_bytes()).hexdigest()}]
        out = tmp_path / "got.zip"
        r = run_ship("gh", "artifact-download", "ship-state-scan", "-o", out, "-v", env=env)
        assert r.returncode == 0, r.stderr
        assert out.read_bytes() == z.read_bytes()
        assert all("authorization" not in x["headers"] for x in svc.blob_log)
        assert svc.token.encode() not in r.stderr and b"SECRETSIG" not in r.stderr
        # immutable: a second upload of the same name is refused
        r = run_ship("gh", "artifact-upload", "ship-state-scan", z, env=env)
        assert r.returncode != 0
        assert b"409" in r.stderr
    finally:
        svc.shutdown()


def test_artifact_service_retry_and_missing(run_ship, tmp_path):
    svc = fakeartifact.Service().start()
    try:
        svc.fail_next["ListArtifacts"] = 503
        r = run_ship("gh", "artifact-download", "nope", "-o", tmp_path / "x", "--backoff-ms", "20",
                     env=svc.env())
        assert r.returncode == 2
        assert b"no artifact called nope" in r.stderr
        assert [c["method"] for c in svc.calls] == ["ListArtifacts", "ListArtifacts"]
        assert not (tmp_path / "x").exists()
    finally:
        svc.shutdown()


def test_artifact_needs_runtime_token(run_ship, tmp_path):
    r = run_ship("gh", "artifact-list")
    assert r.returncode == 2
    assert b"ACTIONS_RUNTIME_TOKEN" in r.stderr
    r = run_ship("gh", "artifact-list", env={"ACTIONS_RUNTIME_TOKEN": "a.e30.c",
                                              "ACTIONS_RESULTS_URL": "http://127.0.0.1:1/"})
    assert r.returncode == 2
    assert b"missing claims" in r.stderr


def test_artifact_bad_name(run_ship, tmp_path):
    svc = fakeartifact.Service().start()
    try:
        z = tmp_path / "a.zip"
        z.write_bytes(b"PK")
        r = run_ship("gh", "artifact-upload", "bad/name", z, env=svc.env())
        assert r.returncode == 2
        assert svc.calls == []
    finally:
        svc.shutdown()
