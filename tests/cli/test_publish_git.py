"""test_publish_git.py - publish's version and changelog core against real repositories built with the git CLI."""
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(os.environ.get("SHIP_PUBLISH_PLAN", REPO / "build/musl/publish_plan"))


def git_env(home, extra=None):
    """An environment isolated from the user's git configuration."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "GITHUB_", "SSL_CERT"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               GIT_CONFIG_NOSYSTEM="1", LC_ALL="C")
    env.update(extra or {})
    return env


class Repo:
    """A throwaway repository with strictly increasing commit dates."""

    def __init__(self, path, home):
        self.path, self.home, self.t = path, home, 1700000000
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Tess Ter")
        self.git("config", "user.email", "tess@example.org")

    def git(self, *args, env=None):
        self.t += 60
        date = f"{self.t} +0000"
        e = git_env(self.home, {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
                                "GIT_AUTHOR_NAME": "Tess Ter", "GIT_COMMITTER_NAME": "Tess Ter",
                                "GIT_AUTHOR_EMAIL": "tess@example.org",
                                "GIT_COMMITTER_EMAIL": "tess@example.org"})
        e.update(env or {})
        r = subprocess.run(["git", *args], cwd=self.path, env=e,
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        return r.stdout.strip()

    def commit(self, *messages):
        for m in messages:
            self.git("commit", "-q", "--allow-empty", "-m", m)
        return self.git("rev-parse", "HEAD")

    def tag(self, name, annotated=True, rev="HEAD"):
        if annotated:
            self.git("tag", "-a", "-m", f"release {name}", name, rev)
        else:
            self.git("tag", name, rev)

    def plan(self, *args, env=None, expect=0):
        if not DRIVER.is_file():
            pytest.fail(f"{DRIVER} is missing: run make publish-plan")
        r = subprocess.run([str(DRIVER), "-C", str(self.path), *args],
                           env=git_env(self.home, env), capture_output=True,
                           text=True, timeout=60)
        assert r.returncode == expect, (r.returncode, r.stdout, r.stderr)
        if expect:
            return r.stderr
        head, _, notes = r.stdout.partition("---\n")
        kv = dict(line.split("=", 1) for line in head.splitlines())
        kv["notes"] = notes
        return kv


@pytest.fixture
def repo(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    return Repo(tmp_path / "r", home)


@pytest.mark.parametrize("messages,want", [
    (["feat: a"], "1.3.0"),
    (["fix: a"], "1.2.4"),
    (["perf: a"], "1.2.4"),
    (["fix: a", "feat(x): b", "chore: c"], "1.3.0"),
    (["feat!: a"], "2.0.0"),
    (["fix: a\n\nBREAKING CHANGE: b"], "2.0.0"),
    (["fix: a\n\nBREAKING-CHANGE: b"], "2.0.0"),
    (["Reword things\n\nBREAKING CHANGE: b"], "2.0.0"),
    (["chore: a", "docs: b", "Update README"], "-"),
])
def test_bump_rules(repo, messages, want):
    repo.commit("chore: init")
    repo.tag("v1.2.3")
    repo.commit(*messages)
    p = repo.plan()
    assert p["last"] == "v1.2.3"
    assert p["next"] == want
    assert p["release"] == ("0" if want == "-" else "1")
    assert p["commits"] == str(len(messages))


def test_zerover_breaking_bumps_minor_unless_disabled(repo):
    repo.commit("feat: init")
    repo.tag("v0.3.1", annotated=False)
    repo.commit("feat!: drop the old flag")
    assert repo.plan()["next"] == "0.4.0"
    assert repo.plan("--no-keep-zerover")["next"] == "1.0.0"


def test_first_release_without_tags(repo):
    repo.commit("Initial commit", "fix: x")
    p = repo.plan()
    assert (p["last"], p["next"], p["release"]) == ("-", "0.1.0", "1")
    assert "- x (" in p["notes"] and "- Initial commit (" in p["notes"]
    assert repo.plan("--initial", "1.0.0")["next"] == "1.0.0"
    assert repo.plan("--prerelease", "beta")["next"] == "0.1.0-beta.1"


def test_non_version_tags_and_other_prefixes_are_ignored(repo):
    repo.commit("feat: a")
    repo.tag("v1.0.0")
    repo.commit("fix: b")
    for t in ("v2", "v3.0", "latest", "v9.0.0.1", "release-9.0.0", "V9.0.0", "v09.0.0"):
        repo.tag(t, annotated=False)
    p = repo.plan()
    assert (p["last"], p["next"]) == ("v1.0.0", "1.0.1")
    # a monorepo-style prefix sees only its own tags
    repo.tag("api/v4.1.0")
    repo.commit("feat: c")
    p = repo.plan("--prefix", "api/v")
    assert (p["last"], p["next"], p["tag"]) == ("api/v4.1.0", "4.2.0", "api/v4.2.0")
    assert repo.plan("--prefix", "")["last"] == "-"


def test_highest_reachable_tag_wins_and_unreachable_tags_are_skipped(repo):
    repo.commit("feat: a")
    repo.tag("v1.0.0", annotated=False)
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("feat!: side work")
    repo.tag("v2.0.0")
    repo.git("checkout", "-q", "main")
    repo.commit("feat: b")
    p = repo.plan()
    assert (p["last"], p["next"], p["commits"]) == ("v1.0.0", "1.1.0", "1")
    assert "side work" not in p["notes"]
    # the computed version is already a tag elsewhere: refuse
    repo.git("tag", "v1.1.0", "side")
    err = repo.plan(expect=2)
    assert "1.1.0 is already tagged" in err


def test_older_tag_placed_later_loses_to_higher_version(repo):
    repo.commit("feat: a")
    repo.tag("v1.4.0")
    repo.commit("fix: b")
    repo.tag("v1.3.9")  # a lower version on a newer commit
    repo.commit("fix: c")
    p = repo.plan()
    assert (p["last"], p["next"], p["commits"]) == ("v1.4.0", "1.4.1", "2")


def test_merges_walk_both_sides_by_default(repo):
    repo.commit("chore: init")
    repo.tag("v1.0.0")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("feat(ui): dark mode", "fix(ui): contrast")
    repo.git("checkout", "-q", "main")
    repo.commit("docs: readme")
    repo.git("merge", "-q", "--no-ff", "-m",
             "Merge pull request #9 from o/feature\n\nfeat(ui): dark mode and fixes",
             "feature")
    p = repo.plan("--repo-url", "https://github.com/o/r")
    assert (p["next"], p["commits"]) == ("1.1.0", "4")
    assert "dark mode" in p["notes"] and "contrast" in p["notes"]
    assert "Merge pull request" not in p["notes"]
    # first-parent: the merge stands for its pull request
    p = repo.plan("--first-parent", "--repo-url", "https://github.com/o/r")
    assert (p["next"], p["commits"]) == ("1.1.0", "2")
    assert "contrast" not in p["notes"]
    assert "- **ui:** dark mode and fixes ([#9](https://github.com/o/r/pull/9))" in p["notes"]


def test_prerelease_series_then_graduation(repo):
    repo.commit("chore: init")
    repo.tag("v1.2.3")
    repo.commit("feat: a")
    p = repo.plan("--prerelease", "rc", "--tag")
    assert (p["next"], p["tag"]) == ("1.3.0-rc.1", "v1.3.0-rc.1")
    assert repo.git("cat-file", "-t", "v1.3.0-rc.1") == "tag"
    # nothing new: no rc.2
    p = repo.plan("--prerelease", "rc")
    assert (p["last"], p["release"]) == ("v1.3.0-rc.1", "0")
    repo.commit("fix: b")
    p = repo.plan("--prerelease", "rc", "--tag")
    assert p["next"] == "1.3.0-rc.2"
    assert "- b (" in p["notes"] and "- a (" not in p["notes"]
    # a breaking change mid-series moves the target
    repo.commit("feat!: c")
    assert repo.plan("--prerelease", "rc")["next"] == "2.0.0-rc.1"
    repo.git("reset", "-q", "--hard", "HEAD~1")
    # graduation: everything since the last release, no new commit needed
    p = repo.plan("--repo-url", "https://github.com/o/r")
    assert (p["last"], p["last_stable"], p["next"]) == ("v1.3.0-rc.2", "v1.2.3", "1.3.0")
    assert "- a (" in p["notes"] and "- b (" in p["notes"]
    assert "compare/v1.2.3...v1.3.0" in p["notes"]


def test_explicit_version(repo):
    repo.commit("chore: init")
    repo.tag("v1.2.3")
    repo.commit("chore: nothing releasable")
    assert repo.plan("--version", "1.5.0")["next"] == "1.5.0"
    assert "not above the latest version tag 1.2.3" in repo.plan("--version", "1.2.0", expect=2)
    assert "leading zero" in repo.plan("--version", "1.05.0", expect=2)


def test_tag_tagger_from_config_then_github_actor(repo, tmp_path):
    repo.commit("chore: init")
    repo.tag("v0.1.0")
    repo.commit("feat: x (#3)")
    p = repo.plan("--tag", "--repo-url", "https://github.com/o/r")
    body = repo.git("cat-file", "-p", "v0.2.0")
    assert "tagger Tess Ter <tess@example.org>" in body
    assert "([#3](https://github.com/o/r/pull/3))" in body
    assert p["notes"].strip() in body
    assert repo.git("rev-parse", "v0.2.0^{commit}") == repo.git("rev-parse", "HEAD")
    # no user in config: GITHUB_ACTOR names the tagger
    repo.git("config", "--unset", "user.name")
    repo.git("config", "--unset", "user.email")
    repo.commit("fix: y")
    repo.plan("--tag", env={"GITHUB_ACTOR": "octocat"})
    assert "tagger octocat <octocat@users.noreply.github.com>" in repo.git("cat-file", "-p", "v0.2.1")
    repo.commit("fix: z")
    assert "no tagger" in repo.plan("--tag", expect=2)


def test_push_tag_to_a_local_remote(repo, tmp_path):
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    repo.git("remote", "add", "origin", str(bare))
    repo.commit("feat: a")
    repo.plan("--tag", "--push", "origin")
    out = subprocess.run(["git", "ls-remote", "--tags", str(bare)], capture_output=True,
                         text=True, check=True).stdout
    assert "refs/tags/v0.1.0\n" in out
    tag_obj = repo.git("rev-parse", "v0.1.0")
    assert out.startswith(tag_obj)  # the annotated tag object, not just the commit


def test_errors(repo, tmp_path):
    assert "no commit yet" in repo.plan(expect=2)
    empty = tmp_path / "plain"
    empty.mkdir()
    r = subprocess.run([str(DRIVER), "-C", str(empty)], capture_output=True, text=True,
                       env=git_env(repo.home, {"GIT_CEILING_DIRECTORIES": str(tmp_path)}))
    assert r.returncode == 2 and "not in a git repository" in r.stderr
    repo.commit("feat: a")
    assert "channel" in repo.plan("--prerelease", "rc.1", expect=2)


# --- push over HTTPS to git http-backend (tests/git-server/) ---------------

import sys  # noqa: E402

sys.path.insert(0, str(REPO / "tests" / "git-server"))
from git_https import GitHTTPS, make_ca  # noqa: E402

TOKEN = "ghs_pushTokenForTests123"


@pytest.fixture
def https_remote(tmp_path):
    root = tmp_path / "srv"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "--bare", str(root / "r.git")], check=True)
    subprocess.run(["git", "-C", str(root / "r.git"), "config", "http.receivepack", "true"],
                   check=True)
    certs = make_ca(tmp_path / "pki")
    with GitHTTPS(root, certs, TOKEN) as srv:
        srv.bare = root / "r.git"
        srv.certs = certs
        yield srv


def remote_tags(bare):
    out = subprocess.run(["git", "ls-remote", "--tags", str(bare)], capture_output=True,
                         text=True, check=True).stdout
    return dict(reversed(line.split("\t")) for line in out.splitlines())


def test_push_over_https_with_token_and_ca(repo, https_remote):
    repo.commit("feat: a")
    p = repo.plan("--tag", "--push", https_remote.url("r.git"),
                  "--ca-file", https_remote.certs["ca"], env={"GITHUB_TOKEN": TOKEN})
    assert p["tag"] == "v0.1.0"
    tags = remote_tags(https_remote.bare)
    assert tags["refs/tags/v0.1.0"] == repo.git("rev-parse", "v0.1.0")
    assert tags["refs/tags/v0.1.0^{}"] == repo.git("rev-parse", "HEAD")
    assert ("POST", "/r.git/git-receive-pack") in https_remote.httpd.requests
    # the token went as basic credentials, never in the URL
    assert not any(TOKEN in path for _, path in https_remote.httpd.requests)


def test_push_over_https_via_remote_name_and_ssl_cert_file(repo, https_remote):
    repo.git("remote", "add", "origin", https_remote.url("r.git"))
    repo.commit("fix: a")
    repo.plan("--tag", "--push", "origin",
              env={"GITHUB_TOKEN": TOKEN, "SSL_CERT_FILE": https_remote.certs["ca"]})
    assert "refs/tags/v0.1.0" in remote_tags(https_remote.bare)


def test_push_over_https_wrong_token_stops(repo, https_remote):
    repo.commit("feat: a")
    err = repo.plan("--tag", "--push", https_remote.url("r.git"), "--ca-file",
                    https_remote.certs["ca"], env={"GITHUB_TOKEN": "ghs_wrongToken999"},
                    expect=3)
    assert "refused the token" in err or "authentication" in err.lower()
    assert "ghs_wrongToken999" not in err
    assert remote_tags(https_remote.bare) == {}
    # one anonymous request, one with the token, then it gives up
    assert len([a for a in https_remote.httpd.auth_seen if a]) == 1


def test_push_over_https_untrusted_certificate(repo, https_remote, tmp_path):
    other = make_ca(tmp_path / "other", name="other")
    repo.commit("feat: a")
    err = repo.plan("--tag", "--push", https_remote.url("r.git"), "--ca-file",
                    other["ca"], env={"GITHUB_TOKEN": TOKEN}, expect=3)
    assert "certificate" in err.lower()
    assert remote_tags(https_remote.bare) == {}
    # an explicit CA file that does not exist is an error, not a fallback
    err = repo.plan("--push", https_remote.url("r.git"), "--ca-file",
                    str(tmp_path / "nope.pem"), "--version", "9.0.0",
                    env={"GITHUB_TOKEN": TOKEN}, expect=2)
    assert "nope.pem" in err


def test_push_over_https_tag_taken_on_remote(repo, https_remote, tmp_path):
    repo.commit("feat: a")
    # someone else pushed v0.1.0 on another commit first
    other = Repo(tmp_path / "other", repo.home)
    other.commit("chore: elsewhere")
    other.tag("v0.1.0")
    other.git("push", "-q", str(https_remote.bare), "v0.1.0")
    err = repo.plan("--tag", "--push", https_remote.url("r.git"), "--ca-file",
                    https_remote.certs["ca"], env={"GITHUB_TOKEN": TOKEN}, expect=2)
    assert "has tag v0.1.0 on another commit" in err
    assert remote_tags(https_remote.bare)["refs/tags/v0.1.0^{}"] == other.git("rev-parse", "HEAD")


def test_first_parent_ignores_tags_only_on_merged_branches(repo):
    repo.commit("chore: init")
    repo.tag("v1.0.0")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("feat: on the branch")
    repo.tag("v1.1.0")  # tagged on the branch, then merged
    repo.git("checkout", "-q", "main")
    repo.commit("fix: on main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'feature'", "feature")
    p = repo.plan()
    assert (p["last"], p["next"], p["commits"]) == ("v1.1.0", "1.1.1", "2")
    p = repo.plan("--first-parent")
    assert (p["last"], p["next"], p["commits"]) == ("v1.0.0", "1.0.1", "2")


def test_shallow_clone_without_release_tag_is_refused(repo, tmp_path):
    repo.commit("feat: a")
    repo.tag("v1.0.0")
    repo.commit("fix: b", "fix: c")
    shallow = tmp_path / "shallow"
    env = git_env(repo.home)
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(shallow)],
                   check=True, env=env)
    r = subprocess.run([str(DRIVER), "-C", str(shallow)], capture_output=True, text=True, env=env)
    assert r.returncode == 2, r.stdout
    assert "shallow clone" in r.stderr and "fetch-depth: 0" in r.stderr
    # deep enough to hold the tag: fine
    deeper = tmp_path / "deeper"
    subprocess.run(["git", "clone", "-q", "--depth", "3", f"file://{repo.path}", str(deeper)],
                   check=True, env=env)
    subprocess.run(["git", "-C", str(deeper), "fetch", "-q", "--depth", "3", "origin",
                    "refs/tags/v1.0.0:refs/tags/v1.0.0"], check=True, env=env)
    r = subprocess.run([str(DRIVER), "-C", str(deeper)], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert "next=1.0.1\n" in r.stdout


def test_push_over_https_token_not_sent_to_redirected_host(repo, https_remote, tmp_path):
    root2 = tmp_path / "srv2"
    root2.mkdir()
    subprocess.run(["git", "init", "-q", "--bare", str(root2 / "r.git")], check=True)
    with GitHTTPS(root2, https_remote.certs, TOKEN) as other:
        https_remote.httpd.redirect_to = f"https://127.0.0.1:{other.port}"
        repo.commit("feat: a")
        err = repo.plan("--tag", "--push", https_remote.url("r.git"), "--ca-file",
                        https_remote.certs["ca"], env={"GITHUB_TOKEN": TOKEN}, expect=3)
        assert "another host" in err
        assert not any(other.httpd.auth_seen)  # no credentials went there


@pytest.mark.parametrize("body,headers", [
    (b"Authentication required\n", []),                         # a body, no Content-Type
    (b"Authentication required\n", [("Content-Type", "text/plain")]),
    (b"", [("Content-Type", "text/plain")]),                     # typed, but empty
], ids=["body-untyped", "body-typed", "empty-typed"])
def test_push_over_https_401_with_body(repo, https_remote, body, headers):
    # The 401 before the credentials arrives on a kept-alive connection: its
    # body must be read off the socket whatever headers frame it, or the
    # next response is parsed from the body's bytes.
    https_remote.httpd.auth_body = body
    https_remote.httpd.auth_headers = headers
    repo.commit("feat: a")
    repo.plan("--tag", "--push", https_remote.url("r.git"), "--ca-file",
              https_remote.certs["ca"], env={"GITHUB_TOKEN": TOKEN})
    seen = https_remote.httpd.auth_seen
    assert seen[0] == "" and any(seen[1:])  # asked without, then answered
    assert "refs/tags/v0.1.0" in remote_tags(https_remote.bare)
