"""test_ansible_phases.py - every phase as a binary Ansible module under a real ansible-playbook (check mode and for real, against local fakes), and the ansible-doc sidecar documentation."""
import base64
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO, SHARED, clean_env

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "servers"), str(HERE.parent / "fakes" / "k8s")]
import fakegh  # noqa: E402
import faultd  # noqa: E402
import publish_fakegh  # noqa: E402
import scenarios  # noqa: E402
import server as k8s  # noqa: E402
from test_publish_git import Repo  # noqa: E402

PHASES = ["scan", "publish", "deploy-watch", "heal"]
MODULES = ["ship_" + p.replace("-", "_") for p in PHASES]
DOCLIB = REPO / "docs" / "ansible" / "library"
GH_TOKEN = "ghs_ansiblePhasesToken0123456789"
KUBE_TOKEN = "kube-token-ansible-7c2d"

needs_ansible = pytest.mark.skipif(not shutil.which("ansible-playbook"),
                                   reason="install Debian's ansible-core")


def library(tmp_path, ship, sidecars=True):
    """A module directory: ship_<phase> -> the binary under test, plus the sidecar docs."""
    lib = tmp_path / "library"
    lib.mkdir()
    for m in MODULES:
        (lib / m).symlink_to(ship)
        if sidecars:
            shutil.copy(DOCLIB / f"{m}.yml", lib / f"{m}.yml")
    return lib


def ansible_env(tmp_path, lib):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return clean_env({"HOME": str(home), "ANSIBLE_LIBRARY": str(lib), "ANSIBLE_NOCOLOR": "1",
                      "ANSIBLE_LOCAL_TEMP": str(home / "tmp"), "ANSIBLE_REMOTE_TEMP": str(home / "rtmp"),
                      "ANSIBLE_RETRY_FILES_ENABLED": "0", "ANSIBLE_DEPRECATION_WARNINGS": "0"})


# ---- sidecar documentation ---------------------------------------------------------------

def help_names(ship, phase):
    out = subprocess.run([ship, phase, "--help"], capture_output=True, text=True, check=True).stdout
    return {w[2:].replace("-", "_") for w in out.split() if w.startswith("--") and w != "--help"
            and w[2:3].isalpha()}


def test_sidecars_are_up_to_date(ship):
    r = subprocess.run([sys.executable, str(REPO / "tests" / "dist" / "gen_ansible_docs.py"), "--check"],
                       capture_output=True, text=True, env=clean_env({"SHIP_BIN": ship}))
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("phase", PHASES)
def test_sidecar_lists_every_option(ship, phase):
    doc = yaml.safe_load((DOCLIB / f"ship_{phase.replace('-', '_')}.yml").read_text())
    opts = doc["DOCUMENTATION"]["options"]
    assert set(opts) == help_names(ship, phase)
    for name, spec in opts.items():
        assert spec["description"] and spec["type"] in ("str", "int", "bool", "list"), name
    assert doc["RETURN"]["outputs"]["contains"], phase
    assert yaml.safe_load(doc["EXAMPLES"])[0]["ship_" + phase.replace("-", "_")]


@needs_ansible
@pytest.mark.parametrize("module", MODULES)
def test_ansible_doc_renders_the_module(ship, tmp_path, module):
    lib = library(tmp_path, ship)
    env = ansible_env(tmp_path, lib)
    r = subprocess.run(["ansible-doc", "-M", str(lib), "-j", module], capture_output=True,
                       text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)[module]
    assert d["doc"]["module"] == module and d["doc"]["options"]
    assert "changed" in d["return"] and "outputs" in d["return"]
    assert module + ":" in d["examples"]
    r = subprocess.run(["ansible-doc", "-M", str(lib), module], capture_output=True,
                       text=True, env=env, timeout=120)
    assert r.returncode == 0, r.stderr
    for word in ["OPTIONS", "state_dir", "ATTRIBUTES", "EXAMPLES", "RETURN VALUES", "exit_code"]:
        assert word in r.stdout, word


# ---- the playbook ----------------------------------------------------------------------

@pytest.fixture
def gh():
    f = publish_fakegh.Fake(token=GH_TOKEN).start()
    yield f
    f.shutdown()


@pytest.fixture
def kube(tmp_path):
    (tmp_path / "ca").mkdir()
    ca = faultd.make_ca(str(tmp_path / "ca"))
    srv = k8s.Server(scenarios.build("normal"), token=KUBE_TOKEN, tls=faultd.tls_context(ca)).start()
    kc = tmp_path / "kubeconfig"
    kc.write_text(json.dumps({
        "apiVersion": "v1", "kind": "Config", "current-context": "fake",
        "clusters": [{"name": "fake", "cluster": {
            "server": srv.url,
            "certificate-authority-data": base64.b64encode(Path(ca, "ca.pem").read_bytes()).decode()}}],
        "users": [{"name": "ci", "user": {"token": KUBE_TOKEN}}],
        "contexts": [{"name": "fake", "context": {"cluster": "fake", "user": "ci", "namespace": "default"}}],
    }))
    yield kc
    srv.stop()


def project(tmp_path):
    """A repository with v1.2.3 and a feat since, a bare origin and one asset."""
    home = tmp_path / "githome"
    home.mkdir()
    r = Repo(tmp_path / "repo", home)
    r.commit("chore: init")
    r.tag("v1.2.3")
    r.commit("feat(cli): add --dry-run")
    bare = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    r.git("remote", "add", "origin", "file://" + str(bare))
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "app-linux-amd64.tar.gz").write_bytes(b"\x1f\x8b" + b"app" * 100)
    return r, bare, dist


def remote_tags(bare):
    out = subprocess.run(["git", "ls-remote", "--tags", str(bare)], capture_output=True,
                         text=True, check=True).stdout
    return [line.split("\t")[1] for line in out.splitlines()]


@needs_ansible
@pytest.mark.skipif(not fakegh.fixtures_available(),
                    reason="npm ci --prefix tests/node-net first (make test-deps)")
def test_playbook_runs_every_phase(ship, tmp_path, gh, kube):
    lib = library(tmp_path, ship)   # the sidecar docs next to the modules must not disturb them
    repo, bare, dist = project(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    vars_file = tmp_path / "vars.json"
    vars_file.write_text(json.dumps({
        "ansible_python_interpreter": "/usr/bin/python3",
        "work_dir": str(work),
        "scan_reports": str(SHARED / "fixtures" / "scanners"),
        "npm_audit": str(REPO / "tests" / "fixtures" / "scan" / "npm-audit.json"),
        "publish_repo": str(repo.path), "publish_dist": str(dist),
        "publish_env": {"GITHUB_TOKEN": GH_TOKEN, "GITHUB_API_URL": gh.api_url,
                        "GITHUB_REPOSITORY": "o/r", "HOME": str(repo.home), "GIT_CONFIG_NOSYSTEM": "1"},
        "kubeconfig": str(kube),
        "heal_log": str(REPO / "examples" / "heal" / "rust-clippy.log"),
    }))
    cmd = ["ansible-playbook", "-i", "localhost,", "-c", "local", "-e", "@" + str(vars_file),
           str(REPO / "tests" / "ansible" / "phases.yml")]
    r = subprocess.run(cmd, capture_output=True, text=True, env=ansible_env(tmp_path, lib),
                       cwd=tmp_path, timeout=600)
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-3000:]
    assert "failed=0" in r.stdout and "ignored=1" in r.stdout, r.stdout[-2000:]
    res = json.loads((work / "results.json").read_text())

    # scan
    assert res["scan_check"]["failed"] is True and res["scan_check"]["check_mode"] is True
    assert res["scan_pass"]["failed"] is False and res["scan_pass"]["phase"] == "scan"
    assert res["scan_pass"]["data"]["scan"]["policy"]["fail_on"] == "critical"
    assert json.loads((work / "state" / "scan.json").read_text())["phase"] == "scan"
    assert json.loads((work / "scan.sarif").read_text())["version"] == "2.1.0"
    assert res["scan_block"]["exit_code"] == 1 and res["scan_block"]["outputs"]["critical"] == "1"

    # publish: the check run created nothing; the real one exactly one release and tag
    assert res["publish_check"]["changed"] is True and res["publish_check"]["outputs"]["released"] == "false"
    assert res["publish_real"]["changed"] is True and res["publish_real"]["outputs"]["tag"] == "v1.3.0"
    assert res["publish_again"]["changed"] is False
    rels = gh.for_tag("v1.3.0")
    assert len(rels) == 1 and rels[0]["draft"] is False
    names = sorted(a["name"] for a in gh.assets[rels[0]["id"]])
    assert names == ["SHA256SUMS", "app-linux-amd64.tar.gz"]
    assert "refs/tags/v1.3.0" in remote_tags(bare)
    assert "add --dry-run" in (work / "CHANGELOG.md").read_text()
    actions = [json.loads(x)["action"] for x in (work / "state" / "audit.jsonl").read_text().splitlines()]
    assert actions.count("release.create") == 1

    # deploy-watch
    assert res["watch_check"]["check_mode"] is True and res["watch_check"]["failed"] is False
    assert res["watch_real"]["outputs"]["verdict"] == "done" and res["watch_real"]["exit_code"] == 0
    assert json.loads((work / "state" / "deploy.json").read_text())["phase"] == "deploy"

    # heal
    assert res["heal_check"]["check_mode"] is True and not (work / "prompt-check.md").exists()
    assert res["heal_real"]["outputs"]["kind"] == "code" and res["heal_real"]["outputs"]["agent"] == "rex"
    assert "error" in (work / "prompt.md").read_text()

    # nothing was written in check mode, whatever the phase
    assert not (work / "state-check").exists()
    # secrets never reach the results
    assert GH_TOKEN not in json.dumps(res) and KUBE_TOKEN not in json.dumps(res)


# ---- the example playbook and role (docs/ansible/) ------------------------------------------

def example(tmp_path, ship, gh, kube, **extra):
    """Runs docs/ansible/playbook.yml on a project built here; returns (process, build_dir)."""
    ex = tmp_path / "example"
    shutil.copytree(REPO / "docs" / "ansible", ex, symlinks=True, ignore=shutil.ignore_patterns("library"))
    lib = library(ex, ship)
    build = tmp_path / "build"
    repo = Repo(build, tmp_path / "githome")
    (tmp_path / "githome").mkdir(exist_ok=True)
    repo.commit("chore: init")
    repo.tag("v1.2.3")
    repo.commit("fix: handle empty input")
    bare = tmp_path / "origin.git"
    if not bare.exists():
        subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    repo.git("remote", "add", "origin", "file://" + str(bare))
    (build / "reports").mkdir()
    shutil.copy(SHARED / "fixtures" / "scanners" / "trivy" / "pip.json", build / "reports" / "pip.json")
    (build / "dist").mkdir()
    (build / "dist" / "app.tar.gz").write_bytes(b"\x1f\x8b" + b"x" * 64)
    shutil.copy(REPO / "examples" / "heal" / "rust-clippy.log", build / "build.log")
    vars_ = {"ansible_python_interpreter": "/usr/bin/python3", "build_dir": str(build),
             "ship_environment": {"GITHUB_TOKEN": GH_TOKEN, "GITHUB_API_URL": gh.api_url,
                                  "GITHUB_REPOSITORY": "o/r", "HOME": str(repo.home),
                                  "GIT_CONFIG_NOSYSTEM": "1"},
             "ship_scan_fail_on": "critical", "ship_deploy_watch_kubeconfig": str(kube),
             "ship_deploy_watch_namespace": "default", "ship_deploy_watch_timeout": "60s"}
    vars_.update(extra)
    (tmp_path / "ex-vars.json").write_text(json.dumps(vars_))
    def run(*flags):
        return subprocess.run(["ansible-playbook", "-i", "localhost,", "-c", "local", *flags,
                               "-e", "@" + str(tmp_path / "ex-vars.json"), str(ex / "playbook.yml")],
                              capture_output=True, text=True, env=ansible_env(tmp_path, lib),
                              cwd=ex, timeout=600)
    return run, build, bare


@needs_ansible
@pytest.mark.skipif(not fakegh.fixtures_available(),
                    reason="npm ci --prefix tests/node-net first (make test-deps)")
def test_example_playbook_check_then_real(ship, tmp_path, gh, kube):
    run, build, bare = example(tmp_path, ship, gh, kube)
    r = run("--syntax-check")
    assert r.returncode == 0, r.stdout + r.stderr
    r = run("--check")
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert "ship scan" in r.stdout and "ship publish" in r.stdout and "ship deploy-watch" in r.stdout
    assert not (build / "ship-state").exists() and gh.for_tag("v1.2.4") == []
    assert "refs/tags/v1.2.4" not in subprocess.run(["git", "ls-remote", "--tags", str(bare)],
                                                    capture_output=True, text=True).stdout
    r = run()
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert "ship heal" not in r.stdout
    assert len(gh.for_tag("v1.2.4")) == 1
    for name in ["scan.json", "publish.json", "deploy.json"]:
        assert (build / "ship-state" / name).is_file(), name


@needs_ansible
@pytest.mark.skipif(not fakegh.fixtures_available(),
                    reason="npm ci --prefix tests/node-net first (make test-deps)")
def test_example_playbook_heals_a_blocked_pipeline(ship, tmp_path, gh, kube):
    run, build, bare = example(tmp_path, ship, gh, kube, ship_scan_fail_on="medium",
                               ship_heal_prompt_file=str(tmp_path / "prompt.md"))
    r = run()
    assert r.returncode == 2, r.stdout[-4000:]          # the rescue re-fails the play
    assert "ship heal" in r.stdout and "agent: rex" in r.stdout, r.stdout[-4000:]
    assert "ship publish" not in r.stdout and gh.for_tag("v1.2.4") == []
    assert (tmp_path / "prompt.md").is_file()
