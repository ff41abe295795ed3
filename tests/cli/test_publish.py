"""test_publish.py - `ship publish` end to end: git repositories built with the git CLI, a stateful fake GitHub
(tests/servers/publish_fakegh.py, objects from @octokit/fixtures' release-assets recordings), crash-and-re-run."""
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "servers"))
sys.path.insert(0, str(HERE))
import fakegh  # noqa: E402
import publish_fakegh  # noqa: E402
from test_publish_git import TOKEN as PUSH_TOKEN, Repo, https_remote  # noqa: E402,F401

pytestmark = pytest.mark.skipif(not fakegh.fixtures_available(),
                                reason="npm ci --prefix tests/node-net first (make test-deps)")
TOKEN = "ghs_publishFakeToken0123456789"


@pytest.fixture
def gh():
    f = publish_fakegh.Fake(token=TOKEN).start()
    yield f
    f.shutdown()


@pytest.fixture
def proj(tmp_path):
    """A repository with a release (v1.2.3), a feat since, two asset files
    and a bare repository as its origin (file://)."""
    home = tmp_path / "home"
    home.mkdir()
    r = Repo(tmp_path / "r", home)
    r.commit("chore: init")
    r.tag("v1.2.3")
    r.commit("feat(cli): add --dry-run", "fix: ::error::not a command (#7)")
    bare = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    r.git("remote", "add", "origin", "file://" + str(bare))
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "ship-linux-amd64.tar.gz").write_bytes(b"\x1f\x8b" + b"binary" * 100)
    (dist / "notes.txt").write_text("read me\n")
    r.bare, r.dist, r.state = bare, dist, tmp_path / "state"
    return r


def publish(run_ship, proj, gh, *args, env=None, assets=True):
    e = {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": gh.api_url, "GITHUB_REPOSITORY": "o/r",
         "HOME": str(proj.home), "GIT_CONFIG_NOSYSTEM": "1"}
    e.update(env or {})
    a = ["publish", "--repo-dir", proj.path, "--state-dir", proj.state, "--format", "json"]
    if assets:
        a += ["--asset", str(proj.dist / "*.tar.gz"), "--asset", str(proj.dist / "notes.txt") + "#Read me"]
    return run_ship(*a, *args, env=e, timeout=120)


def result(r):
    return json.loads(r.stdout)


def remote_tags(bare):
    out = subprocess.run(["git", "ls-remote", "--tags", str(bare)], capture_output=True,
                         text=True, check=True).stdout
    return dict(reversed(line.split("\t")) for line in out.splitlines())


def sha(data):
    return hashlib.sha256(data).hexdigest()


def assert_one_complete_release(gh, proj, tag="v1.3.0", draft=False):
    rels = gh.for_tag(tag)
    assert len(rels) == 1, rels
    rel = rels[0]
    assert rel["draft"] is draft
    names = sorted(a["name"] for a in gh.assets[rel["id"]])
    assert names == ["SHA256SUMS", "notes.txt", "ship-linux-amd64.tar.gz"]
    by = {a["name"]: a for a in gh.assets[rel["id"]]}
    for f in proj.dist.iterdir():
        assert by[f.name]["_data"] == f.read_bytes()
    sums = by["SHA256SUMS"]["_data"].decode()
    assert sums == "".join("%s  %s\n" % (sha(f.read_bytes()), f.name)
                           for f in [proj.dist / "ship-linux-amd64.tar.gz", proj.dist / "notes.txt"])
    return rel


def audit(proj):
    p = proj.state / "audit.jsonl"
    return [json.loads(x) for x in p.read_text().splitlines()] if p.exists() else []


# --- the whole flow ---------------------------------------------------------

def test_release_end_to_end(run_ship, proj, gh, tmp_path):
    out = tmp_path / "gh-output"
    out.write_text("")
    r = publish(run_ship, proj, gh, "--changelog-file", tmp_path / "CHANGELOG.md")
    assert r.returncode == 0, r.stderr
    res = result(r)
    assert res["outputs"]["version"] == "1.3.0" and res["outputs"]["tag"] == "v1.3.0"
    assert res["outputs"]["released"] == "true"
    rel = assert_one_complete_release(gh, proj)
    assert res["outputs"]["release-url"] == rel["html_url"]
    assert "**cli:** add --dry-run" in rel["body"] and rel["body"] == (tmp_path / "CHANGELOG.md").read_text()
    assert rel["prerelease"] is False and rel["name"] == "v1.3.0"
    # tag: annotated, on HEAD, pushed to origin over file://
    tags = remote_tags(proj.bare)
    assert tags["refs/tags/v1.3.0^{}"] == proj.git("rev-parse", "HEAD")
    assert proj.git("cat-file", "-t", "v1.3.0") == "tag"
    # uploads: Content-Type by extension, label, token only as Bearer
    ups = {urllib_name(x["path"]): x for x in gh.log if x["host"] == "uploads"}
    assert ups["ship-linux-amd64.tar.gz"]["headers"]["content-type"] == "application/gzip"
    assert ups["notes.txt"]["headers"]["content-type"] == "text/plain"
    assert "label=Read%20me" in ups["notes.txt"]["path"]
    assert list(ups)[-1] == "SHA256SUMS"            # checksums last
    # the draft was published last, after every upload
    methods = [(x["method"], x["host"]) for x in gh.log]
    assert methods.index(("PATCH", "api")) > max(i for i, m in enumerate(methods) if m[1] == "uploads")
    # state for deploy-watch
    st = json.loads((proj.state / "publish.json").read_text())
    assert st["schema"] == "ship.state/v1" and st["version"] == "1.3.0" and st["tag"] == "v1.3.0"
    assert st["sha"] == proj.git("rev-parse", "HEAD") and st["release_id"] == rel["id"]
    assert {a["name"]: a["digest"] for a in st["assets"]}["notes.txt"] == "sha256:" + sha(b"read me\n")
    acts = [a["action"] for a in audit(proj)]
    assert acts == ["tag.create", "tag.push", "release.create", "asset.upload", "asset.upload",
                    "asset.upload", "release.publish"]
    assert TOKEN.encode() not in r.stderr + r.stdout


def urllib_name(path):
    import urllib.parse
    return urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)["name"][0]


def test_rerun_after_success_changes_nothing(run_ship, proj, gh):
    assert publish(run_ship, proj, gh).returncode == 0
    n = len(gh.log)
    r = publish(run_ship, proj, gh)
    assert r.returncode == 0, r.stderr
    # HEAD carries v1.3.0: the same release is checked and found complete
    res = result(r)
    assert res["outputs"]["version"] == "1.3.0" and res["outputs"]["released"] == "true"
    assert res["changed"] is False
    assert [a["action"] for a in res["data"]["publish"]["assets"]] == ["kept"] * 3
    assert_one_complete_release(gh, proj)
    assert not [x for x in gh.log[n:] if x["method"] in ("POST", "DELETE", "PATCH")]


def test_dry_run_touches_nothing(run_ship, proj, gh):
    r = publish(run_ship, proj, gh, "--dry-run")
    assert r.returncode == 0, r.stderr
    res = result(r)
    assert res["outputs"]["version"] == "1.3.0" and res["outputs"]["released"] == "false"
    assert res["changed"] is True and "## [1.3.0]" in res["data"]["changelog"] or \
        "## 1.3.0" in res["data"]["changelog"]
    assert gh.log == [] and gh.releases == {}
    assert "v1.3.0" not in proj.git("tag")
    assert not proj.state.exists()


def test_template_lays_out_the_notes_and_bad_ones_exit_2(run_ship, proj, gh, tmp_path):
    tpl = tmp_path / "notes.tpl"
    tpl.write_text("# {{ version }} ({{previous_tag}} -> {{tag}})\n"
                   "Diff: {{compare_url}}\n\n{{breaking}}\n{{section.fix}}\n\n{{section.feat}}\n")
    r = publish(run_ship, proj, gh, "--dry-run", "--template", str(tpl))
    assert r.returncode == 0, r.stderr
    notes = result(r)["data"]["changelog"].splitlines()
    assert notes[0] == "# 1.3.0 (v1.2.3 -> v1.3.0)"
    assert notes[1].startswith("Diff: https://") and notes[1].endswith("/o/r/compare/v1.2.3...v1.3.0")
    assert notes[2:5] == ["", "### Bug Fixes", ""] and notes[5].startswith("- ::error::not a command ([#7](")
    assert notes[6:9] == ["", "### Features", ""] and notes[9].startswith("- **cli:** add --dry-run ([")
    assert len(notes) == 10 and gh.log == []
    tpl.write_text("ok {{version}}\n{{ vershun }}\n")
    r = publish(run_ship, proj, gh, "--dry-run", "--template", str(tpl))
    assert r.returncode == 2
    assert b"notes.tpl: line 2, column 1: unknown placeholder {{vershun}}" in r.stderr
    r = publish(run_ship, proj, gh, "--template", str(tmp_path / "missing.tpl"))
    assert r.returncode == 2 and b"missing.tpl" in r.stderr
    assert gh.log == [] and "v1.3.0" not in proj.git("tag") and not proj.state.exists()


def test_nothing_to_release(run_ship, proj, gh):
    proj.tag("v1.3.0")
    proj.commit("chore: tidy", "docs: words")
    r = publish(run_ship, proj, gh)
    assert r.returncode == 0, r.stderr
    assert result(r)["outputs"]["released"] == "false" and result(r)["verdict"] == "no release"
    assert gh.log == []
    assert json.loads((proj.state / "publish.json").read_text())["released"] is False


# --- crash between every two steps, then a re-run ------------------------------

@pytest.mark.parametrize("step", ["tag-local", "tag", "create", "asset:ship-linux-amd64.tar.gz",
                                  "assets", "publish"])
def test_crash_then_rerun_finishes_the_same_release(run_ship, proj, gh, step):
    # The test hook SHIP_TEST_CRASH_AFTER (src/publish/crash.c) SIGKILLs ship right after the step.
    r = publish(run_ship, proj, gh, env={"SHIP_TEST_CRASH_AFTER": step})
    assert r.returncode == -9, (r.returncode, r.stderr)
    r = publish(run_ship, proj, gh)
    assert r.returncode == 0, r.stderr
    assert result(r)["outputs"]["version"] == "1.3.0"
    assert_one_complete_release(gh, proj)
    assert remote_tags(proj.bare)["refs/tags/v1.3.0^{}"] == proj.git("rev-parse", "HEAD")
    creates = [x for x in gh.log if x["method"] == "POST" and x["path"].endswith("/releases")]
    assert len(creates) == 1


@pytest.mark.parametrize("step", ["tag-object", "tag"])
def test_tag_via_api_crash_then_rerun(run_ship, proj, gh, step):
    # after the tag object, before its ref: the re-run makes the object
    # again (a new one, or the same id when nothing in it changed) and
    # the ref; a first object no ref leads to is harmless
    r = publish(run_ship, proj, gh, "--tag-via", "api", env={"SHIP_TEST_CRASH_AFTER": step})
    assert r.returncode == -9, (r.returncode, r.stderr)
    r = publish(run_ship, proj, gh, "--tag-via", "api")
    assert r.returncode == 0, r.stderr
    assert gh.tags[gh.refs["refs/tags/v1.3.0"]]["object"]["sha"] == proj.git("rev-parse", "HEAD")
    made = [x for x in gh.log if x["method"] == "POST" and x["path"].endswith("/git/tags")]
    assert len(made) == (2 if step == "tag-object" else 1)
    assert_one_complete_release(gh, proj)


# --- drafts, races, faults ------------------------------------------------------

def test_existing_draft_found_in_the_list_is_continued(run_ship, proj, gh):
    # a previous run left a draft; GET /releases/tags/ hides it (404)
    d = gh.new_release("v1.3.0", draft=True)
    gh.new_asset(d["id"], "notes.txt", "Read me", b"read me\n", "text/plain")
    r = publish(run_ship, proj, gh)
    assert r.returncode == 0, r.stderr
    rel = assert_one_complete_release(gh, proj)
    assert rel["id"] == d["id"]
    assert not [x for x in gh.log if x["method"] == "POST" and x["host"] == "api"]
    ups = [urllib_name(x["path"]) for x in gh.log if x["host"] == "uploads"]
    assert ups == ["ship-linux-amd64.tar.gz", "SHA256SUMS"]   # notes.txt kept by digest


def test_asset_with_other_digest_is_replaced(run_ship, proj, gh):
    d = gh.new_release("v1.3.0", draft=True)
    old = gh.new_asset(d["id"], "notes.txt", "", b"stale\n", "text/plain")
    r = publish(run_ship, proj, gh)
    assert r.returncode == 0, r.stderr
    assert_one_complete_release(gh, proj)
    assert ("DELETE", "/repos/o/r/releases/assets/%d" % old["id"]) in [
        (x["method"], x["path"]) for x in gh.log]
    assert "asset.delete" in [a["action"] for a in audit(proj)]


def test_concurrent_create_leaves_one_release(run_ship, proj, gh):
    gh.race_create = True   # another run creates its draft just before ours
    r = publish(run_ship, proj, gh)
    assert r.returncode == 0, r.stderr
    rel = assert_one_complete_release(gh, proj)
    assert rel["body"] == "(the other run)"          # the first one stands
    deletes = [x for x in gh.log if x["method"] == "DELETE" and "/releases/" in x["path"]]
    assert len(deletes) == 1
    assert any(a["action"] == "release.delete" for a in audit(proj))


def test_upload_502_then_422_is_checked_and_kept(run_ship, proj, gh):
    gh.upload_502_once = {"ship-linux-amd64.tar.gz"}
    r = publish(run_ship, proj, gh)
    assert r.returncode == 0, r.stderr
    assert_one_complete_release(gh, proj)
    posts = [x for x in gh.log if x["host"] == "uploads"
             and urllib_name(x["path"]) == "ship-linux-amd64.tar.gz"]
    assert len(posts) == 2                      # 502, then 422 already_exists
    assert not [x for x in gh.log if x["method"] == "DELETE"]


def test_recorded_conflict_asset_without_digest_is_replaced(run_ship, proj, gh):
    # release-assets-conflict: the release is published and holds the asset,
    # recorded before GitHub had digests: it cannot be proven equal.
    rel = gh.new_release("v1.3.0", draft=False)
    old = gh.new_asset(rel["id"], "notes.txt", "test", b"Hello, world!\n", "text/plain")
    old["digest"] = None
    r = publish(run_ship, proj, gh)
    assert r.returncode == 0, r.stderr
    assert_one_complete_release(gh, proj)
    assert not [x for x in gh.log if x["method"] == "PATCH"]     # already published


def test_immutable_published_release(run_ship, proj, gh):
    gh.immutable = True
    assert publish(run_ship, proj, gh).returncode == 0
    assert gh.for_tag("v1.3.0")[0]["immutable"] is True
    n = len(gh.log)
    # same files: a no-op
    r = publish(run_ship, proj, gh)
    assert r.returncode == 0, r.stderr
    assert not [x for x in gh.log[n:] if x["method"] != "GET"]
    # an asset that changed cannot be replaced on an immutable release
    (proj.dist / "notes.txt").write_text("changed\n")
    r = publish(run_ship, proj, gh)
    assert r.returncode == 2, r.stderr
    assert b"immutable" in r.stderr
    assert not [x for x in gh.log[n:] if x["method"] in ("DELETE", "PATCH") or x["host"] == "uploads"]


# --- gates --------------------------------------------------------------------------

def write_scan_state(proj, blocking):
    proj.state.mkdir(exist_ok=True)
    (proj.state / "scan.json").write_text(json.dumps(
        {"schema": "ship.state/v1", "phase": "scan", "verdict": "blocked" if blocking else "pass",
         "blocking": blocking}))


def test_blocking_scan_state_refuses_before_any_change(run_ship, proj, gh):
    write_scan_state(proj, 2)
    r = publish(run_ship, proj, gh)
    assert r.returncode == 1, r.stderr
    assert result(r)["verdict"] == "blocked" and "2 blocking" in result(r)["message"]
    assert gh.log == [] and "v1.3.0" not in proj.git("tag")
    r = publish(run_ship, proj, gh, "--allow-blocking")
    assert r.returncode == 0, r.stderr
    assert_one_complete_release(gh, proj)


def test_corrupt_scan_state_is_invalid(run_ship, proj, gh):
    proj.state.mkdir()
    (proj.state / "scan.json").write_text('{"schema": "ship.state/v1", "phase": "scan", "blocking": "x"}')
    assert publish(run_ship, proj, gh).returncode == 2
    assert gh.log == []


def test_require_green(run_ship, proj, gh):
    gh.check_runs = [{"name": "build", "status": "completed", "conclusion": "failure",
                      "details_url": "https://github.com/o/r/actions/runs/1/job/2"}]
    r = publish(run_ship, proj, gh, "--require-green")
    assert r.returncode == 1 and "build" in result(r)["message"]
    assert not gh.releases
    # this run's own (in-progress) job is not a signal about HEAD
    gh.check_runs = [{"name": "release", "status": "in_progress", "conclusion": None,
                      "details_url": "https://github.com/o/r/actions/runs/77/job/3"},
                     {"name": "build", "status": "completed", "conclusion": "success"}]
    gh.statuses = {"state": "failure", "statuses": [{"context": "ci/x", "state": "failure"}]}
    r = publish(run_ship, proj, gh, "--require-green", env={"GITHUB_RUN_ID": "77"})
    assert r.returncode == 1 and "combined status" in result(r)["message"]
    gh.statuses = {"state": "pending", "statuses": []}     # none at all: not a signal
    r = publish(run_ship, proj, gh, "--require-green", env={"GITHUB_RUN_ID": "77"})
    assert r.returncode == 0, r.stderr
    assert_one_complete_release(gh, proj)


# --- tags ----------------------------------------------------------------------------

def test_tag_taken_on_remote_by_another_commit(run_ship, proj, gh, tmp_path):
    other = tmp_path / "other"
    subprocess.run(["git", "clone", "-q", str(proj.bare), str(other)], check=False)
    proj.git("push", "-q", "origin", "HEAD~1:refs/tags/v1.3.0")
    r = publish(run_ship, proj, gh)
    # libgit2's local transport reports this as a push failure (3); over
    # HTTPS the server's refusal is a conflict (2): test_publish_git.py
    assert r.returncode in (2, 3), r.stderr
    assert b"pushing tag v1.3.0" in r.stderr
    assert not gh.releases


def test_tag_via_api(run_ship, proj, gh):
    r = publish(run_ship, proj, gh, "--tag-via", "api")
    assert r.returncode == 0, r.stderr
    # an annotated tag, as --tag-via git makes it: the ref leads to a tag
    # object on HEAD with the release notes and the git config's tagger
    tag = gh.tags[gh.refs["refs/tags/v1.3.0"]]
    assert tag["tag"] == "v1.3.0" and tag["object"] == {
        "type": "commit", "sha": proj.git("rev-parse", "HEAD"), "url": tag["object"]["url"]}
    assert "add --dry-run" in tag["message"]
    assert (tag["tagger"]["name"], tag["tagger"]["email"]) == ("Tess Ter", "tess@example.org")
    assert remote_tags(proj.bare) == {}                     # nothing pushed with git
    assert_one_complete_release(gh, proj)
    audit = [json.loads(x) for x in (Path(proj.state) / "audit.jsonl").read_text().splitlines()]
    assert [a["action"] for a in audit if a["action"].startswith("tag.")] == ["tag.create-object", "tag.create-ref"]
    # a re-run finds the ref (peeled: at HEAD) and the complete release,
    # and writes nothing
    n = len(gh.log)
    r = publish(run_ship, proj, gh, "--tag-via", "api")
    assert r.returncode == 0, r.stderr
    assert result(r)["changed"] is False
    assert [x["method"] for x in gh.log[n:] if x["method"] != "GET"] == []
    assert len(gh.tags) == 1
    assert_one_complete_release(gh, proj)


def test_tag_via_api_lightweight_ref_at_head_is_accepted(run_ship, proj, gh):
    """A tag someone made as a bare ref (lightweight) on HEAD is the same
    release point: accepted, nothing written."""
    gh.refs["refs/tags/v1.3.0"] = proj.git("rev-parse", "HEAD")
    r = publish(run_ship, proj, gh, "--tag-via", "api")
    assert r.returncode == 0, r.stderr
    assert not gh.tags and not [x for x in gh.log if x["path"].endswith("/git/refs")]


def test_tag_via_api_existing_ref_elsewhere_is_refused(run_ship, proj, gh):
    gh.refs["refs/tags/v1.3.0"] = proj.git("rev-parse", "HEAD~1")
    r = publish(run_ship, proj, gh, "--tag-via", "api")
    assert r.returncode == 2 and b"not at HEAD" in r.stderr
    assert not gh.releases


def test_draft_option_keeps_the_draft_and_webhook(run_ship, proj, gh):
    r = publish(run_ship, proj, gh, "--draft", "--webhook-url", gh.api_url + "/hook")
    assert r.returncode == 0, r.stderr
    assert_one_complete_release(gh, proj, draft=True)
    assert gh.hooks and gh.hooks[0]["version"] == "1.3.0" and gh.hooks[0]["draft"] is True
    assert "authorization" not in [x for x in gh.log if x["path"] == "/hook"][0]["headers"]


# --- runtime modes ---------------------------------------------------------------

def test_github_mode_wraps_the_changelog_in_stop_commands(run_ship, proj, gh, tmp_path):
    out, summ = tmp_path / "out", tmp_path / "summary.md"
    out.write_text("")
    summ.write_text("")
    r = publish(run_ship, proj, gh, "--format", "github", assets=False,
                env={"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(out),
                     "GITHUB_STEP_SUMMARY": str(summ)})
    assert r.returncode == 0, r.stderr
    text = r.stdout.decode()
    start = text.index("::stop-commands::")
    token = text[start + 17:].split("\n", 1)[0]
    inner = text[start:text.index("::%s::" % token)]
    assert "::error::not a command" in inner
    assert "released=true" in out.read_text() and "version=1.3.0" in out.read_text()
    md = summ.read_text()
    assert "ship publish: released" in md and "v1.3.0" in md
    assert "```markdown" in md and "::error::not a command" in md   # literal, in a code block


def test_ansible_check_mode_changes_nothing(ship, proj, gh, tmp_path):
    args = tmp_path / "args"
    args.write_text(json.dumps({
        "repo_dir": str(proj.path), "state_dir": str(proj.state), "asset": [str(proj.dist / "*")],
        "_ansible_check_mode": True, "_ansible_module_name": "ship_publish", "_ansible_diff": False,
        "_ansible_no_log": False, "_ansible_debug": False, "_ansible_verbosity": 0,
        "_ansible_version": "2.14.18", "_ansible_tmpdir": str(tmp_path)}))
    mod = tmp_path / "ship_publish"
    mod.symlink_to(ship)
    env = {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": gh.api_url, "GITHUB_REPOSITORY": "o/r"}
    from conftest import clean_env
    r = subprocess.run([str(mod), str(args)], capture_output=True, env=clean_env(env),
                       cwd=tmp_path, timeout=60)
    doc = json.loads(r.stdout)
    assert r.returncode == 0 and doc["changed"] is True and not doc.get("failed"), doc
    assert doc["check_mode"] is True and doc["outputs"]["version"] == "1.3.0"
    assert doc["outputs"]["released"] == "false" and "## [1.3.0]" in doc["data"]["changelog"]
    assert gh.log == [] and "v1.3.0" not in proj.git("tag") and not proj.state.exists()


def test_bad_options(run_ship, proj, gh):
    assert publish(run_ship, proj, gh, "--tag-via", "ssh").returncode == 2
    r = publish(run_ship, proj, gh, "--asset", str(proj.dist / "*.nothing"), assets=False)
    assert r.returncode == 2 and b"no file matches" in r.stderr
    (proj.dist / "bad name.txt").write_text("x")
    r = publish(run_ship, proj, gh, "--asset", str(proj.dist / "bad name.txt"), assets=False)
    assert r.returncode == 2 and b"rename" in r.stderr
    assert gh.log == []


def test_push_over_https_to_git_http_backend(run_ship, proj, https_remote):
    """The tag goes to real `git http-backend` behind TLS with its own CA,
    the token as basic credentials; the release to the fake API."""
    f = publish_fakegh.Fake(token=PUSH_TOKEN).start()
    try:
        env = {"GITHUB_TOKEN": PUSH_TOKEN, "GITHUB_API_URL": f.api_url,
               "GITHUB_REPOSITORY": "o/r", "HOME": str(proj.home)}
        r = run_ship("publish", "--repo-dir", proj.path, "--state-dir", proj.state,
                     "--push-remote", https_remote.url("r.git"), "--ca-file",
                     https_remote.certs["ca"], "--format", "json", env=env, timeout=120)
        assert r.returncode == 0, r.stderr
        tags = remote_tags(https_remote.bare)
        assert tags["refs/tags/v1.3.0^{}"] == proj.git("rev-parse", "HEAD")
        assert ("POST", "/r.git/git-receive-pack") in https_remote.httpd.requests
        assert not any(PUSH_TOKEN in p for _, p in https_remote.httpd.requests)
        assert len(f.for_tag("v1.3.0")) == 1 and not f.for_tag("v1.3.0")[0]["draft"]
        assert PUSH_TOKEN.encode() not in r.stderr + r.stdout
    finally:
        f.shutdown()


def test_replays_the_recorded_release_assets_exchanges(run_ship, tmp_path):
    """@octokit/fixtures `release-assets`, replayed byte for byte by fakegh.py:
    the published release v1.0.0 is found by tag, the recorded asset (no
    digest in a 2017 recording: not provably equal) is deleted and uploaded
    again with the recorded body and label. Only SHA256SUMS, which the
    recording cannot know, is answered by a route added here."""
    home = tmp_path / "home"
    home.mkdir()
    repo = Repo(tmp_path / "r", home)
    repo.commit("feat: first")
    up = tmp_path / "test-upload.txt"
    up.write_text("Hello, world!\n")
    f = fakegh.Fake(["release-assets"])
    sums = []

    def sums_route(h, body, headers):
        import urllib.parse
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(h.path).query))
        x = f.match("uploads", "POST", h.path)
        if q.get("name") != "SHA256SUMS" and x:
            return h.send(x["status"], f.rewrite(json.dumps(x["response"])),
                          ctype="application/json")
        sums.append(body)
        h.send(201, json.dumps({"id": 9, "name": q.get("name"), "state": "uploaded",
                                "digest": "sha256:" + sha(body)}), ctype="application/json")
    f.dynamic[("uploads", "POST", "/repos/octokit-fixture-org/release-assets/releases/1000/assets")] = sums_route
    f.start()
    try:
        r = run_ship("publish", "--repo-dir", repo.path, "--state-dir", tmp_path / "st",
                     "--version", "1.0.0", "--push-remote", "", "--asset", str(up) + "#test",
                     "--format", "json",
                     env={"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": f.api_url,
                          "GITHUB_REPOSITORY": "octokit-fixture-org/release-assets",
                          "HOME": str(home)})
        assert r.returncode == 0, r.stderr
        seq = [(x["method"], x["host"], x["path"].split("?")[0].rsplit("/", 2)[-2:]) for x in f.log]
        assert [s[:2] for s in seq] == [("GET", "api"), ("GET", "api"), ("DELETE", "api"),
                                        ("POST", "uploads"), ("POST", "uploads")]
        used = [x for x in f.exchanges if x["used"]]
        assert [(x["method"], x["status"]) for x in used] == [
            ("GET", 200), ("POST", 201), ("GET", 200), ("DELETE", 204)]
        assert sums == [("%s  test-upload.txt\n" % sha(b"Hello, world!\n")).encode()]
        assert result(r)["outputs"]["release-url"].endswith("/releases/tag/v1.0.0")
    finally:
        f.shutdown()
