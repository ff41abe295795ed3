"""test_make_include.py - ship.mk: its variables against the binary's options, quoting, and real runs through make."""
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "tests" / "dist"
PHASES = ["scan", "publish", "deploy-watch", "heal"]
HELP_ROW = re.compile(r"^\s+(?:-(\w), )?--([a-z0-9][a-z0-9-]*)(?: (\S+))?\s+(.*)$")
GLOBALS = {"format": "value", "config": "value", "state-dir": "value", "ca-file": "value",
           "verbose": "flag", "quiet": "flag"}

# Prints argv as JSON: stands in for ship when only the command line matters.
ECHO_ARGS = "#!/usr/bin/env python3\nimport json, sys\nprint('ARGV ' + json.dumps(sys.argv[1:]))\n" \
            "sys.exit(int(__import__('os').environ.get('FAKE_EXIT', '0')))\n"


def upper(name):
    return name.upper().replace("-", "_")


def help_options(ship, phase):
    """{name: kind} of the phase's own options and, once listed, the global ones."""
    r = subprocess.run([ship, phase, "--help"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0, r.stderr
    opts, glob, cur = {}, {}, None
    for line in r.stdout.splitlines():
        if line and not line[0].isspace():
            cur = line.strip()
            continue
        m = HELP_ROW.match(line)
        if not m or m.group(2) == "help" or cur not in ("options:", "global options:"):
            continue
        kind = "flag" if m.group(3) is None else "list" if m.group(4).endswith("[repeatable]") else "value"
        (opts if cur == "options:" else glob)[m.group(2)] = kind
    assert opts
    return opts, glob


def make(*args, env=None, cwd=SAMPLE):
    e = {k: v for k, v in os.environ.items() if not k.startswith(("SHIP", "MAKE", "GITHUB_", "INPUT_"))}
    e.update(env or {})
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, env=e,
                          capture_output=True, text=True, timeout=60)


def make_tables(phase):
    """The option tables ship.mk holds for a phase, read through make itself."""
    p = "SHIP_" + upper(phase)
    prog = f"print: ; @echo $(strip $({p}_VALUE))'|'$(strip $({p}_LIST))'|'$(strip $({p}_FLAG))"
    r = make("-f", str(REPO / "ship.mk"), "--eval", prog, "print")
    assert r.returncode == 0, r.stderr
    value, lst, flag = (part.split() for part in r.stdout.strip().split("|"))
    return {**{o: "value" for o in value}, **{o: "list" for o in lst}, **{o: "flag" for o in flag}}


@pytest.mark.parametrize("phase", PHASES)
def test_ship_mk_tables_are_the_binary_options(ship, phase):
    opts, _ = help_options(ship, phase)
    assert make_tables(phase) == opts


def test_ship_mk_global_table(ship):
    _, glob = help_options(ship, "scan")
    expected = glob or GLOBALS
    r = make("-f", str(REPO / "ship.mk"), "--eval",
             "print: ; @echo $(SHIP_GLOBAL_VALUE)'|'$(SHIP_GLOBAL_LIST)'|'$(SHIP_GLOBAL_FLAG)", "print")
    value, lst, flag = (part.split() for part in r.stdout.strip().split("|"))
    got = {**{o: "value" for o in value}, **{o: "list" for o in lst}, **{o: "flag" for o in flag}}
    assert got == {k: v for k, v in expected.items()}


@pytest.mark.parametrize("phase", PHASES)
def test_every_variable_becomes_its_flag(ship, phase, tmp_path):
    """Set every SHIP_<PHASE>_<OPTION> at once; the command line carries each option as ship expects."""
    opts, _ = help_options(ship, phase)
    fake = tmp_path / "ship"
    fake.write_text(ECHO_ARGS)
    fake.chmod(0o755)
    env, expected = {}, [phase]
    for name, kind in opts.items():
        var = f"SHIP_{upper(phase)}_{upper(name)}"
        env[var] = "1" if kind == "flag" else f"v-{name} w-{name}" if kind == "list" else f"v-{name}"
    for name, kind in opts.items():  # ship.mk order: values, lists, flags
        if kind == "value":
            expected += [f"--{name}", f"v-{name}"]
    for name, kind in opts.items():
        if kind == "list":
            expected += [f"--{name}", f"v-{name}", f"--{name}", f"w-{name}"]
    expected += [f"--{n}" for n, k in opts.items() if k == "flag"]
    # Command-line variables: they beat the sample Makefile's own settings.
    r = make(f"ship-{phase}", f"SHIP={fake}", *(f"{k}={v}" for k, v in env.items()))
    assert r.returncode == 0, r.stderr
    argv = json.loads(r.stdout.split("ARGV ", 1)[1])
    assert sorted_pairs(argv) == sorted_pairs(expected)


def sorted_pairs(argv):
    """argv as a sorted list of (option, value) so that table order does not matter."""
    out, i = [argv[0]], 1
    while i < len(argv):
        if i + 1 < len(argv) and not argv[i + 1].startswith("--"):
            out.append((argv[i], argv[i + 1]))
            i += 2
        else:
            out.append((argv[i], None))
            i += 1
    return [out[0]] + sorted(out[1:], key=repr)


def test_sample_makefile_dry_run():
    r = make("-n", "release", "SHIP=/opt/ship", "SHIP_PUBLISH_DRY_RUN=yes", "SHIP_PUBLISH_ASSET=dist/a dist/it's",
             "SHIP_STATE_DIR=/tmp/st", "SHIP_VERBOSE=0", "SHIP_ARGS=--quiet")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "/opt/ship scan --fail-on 'critical' --report 'reports/trivy.json' --report 'reports/grype.json'"
        " --state-dir '/tmp/st' --quiet",
        "/opt/ship publish --asset 'dist/a' --asset 'dist/it'\\''s' --dry-run --state-dir '/tmp/st' --quiet",
    ]


def test_unset_flags_and_empty_values_add_nothing():
    r = make("-n", "ship-heal", "SHIP=ship", "SHIP_HEAL_DRY_RUN=0", "SHIP_HEAL_COMMENT=no", "SHIP_HEAL_RUN=")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ship heal"


def test_values_reach_ship_verbatim_through_the_shell(tmp_path):
    """Quoting: shell metacharacters in a value are data, not commands. (make itself expands `$`
    in values, as for any make variable: `$$` is a literal dollar.)"""
    fake = tmp_path / "ship"
    fake.write_text(ECHO_ARGS)
    fake.chmod(0o755)
    marker = tmp_path / "pwned"
    evil = f"x';touch {marker};'`touch {marker}`\"|&<>*?"
    r = make("ship-deploy-watch", f"SHIP={fake}", env={"SHIP_DEPLOY_WATCH_ARGOCD_APP": evil,
                                                       "SHIP_DEPLOY_WATCH_TIMEOUT": "$$HOME"})
    assert r.returncode == 0, r.stderr
    argv = json.loads(r.stdout.split("ARGV ", 1)[1])
    assert argv == ["deploy-watch", "--argocd-app", evil, "--timeout", "$HOME"]
    assert not marker.exists()


def test_real_ship_version_through_make(ship):
    r = make("ship-version", f"SHIP={ship}")
    assert r.returncode == 0, r.stderr
    version = (REPO / "VERSION").read_text().strip()
    assert f"ship {version}" in r.stdout.splitlines()


def test_real_ship_usage_error_fails_the_target(ship):
    """Options from make variables reach the real binary: a bad integer is its usage error (exit 2)."""
    r = make("ship-heal", f"SHIP={ship}", "SHIP_HEAL_ATTEMPT=abc")
    assert r.returncode != 0
    assert "attempt" in r.stderr
    assert re.search(r"ship-heal\] Error 2", r.stderr), r.stderr


@pytest.mark.parametrize("code", [1, 3, 4])
def test_phase_exit_code_fails_the_target(tmp_path, code):
    fake = tmp_path / "ship"
    fake.write_text(ECHO_ARGS)
    fake.chmod(0o755)
    r = make("ship-scan", f"SHIP={fake}", env={"FAKE_EXIT": str(code)})
    assert r.returncode == 2  # make's own status for a failed recipe
    assert f"ship-scan] Error {code}" in r.stderr


def test_include_guard():
    r = make("-n", "-f", str(SAMPLE / "Makefile"), "--eval", f"include {REPO / 'ship.mk'}", "ship-version",
             "SHIP=ship")
    assert r.returncode == 0, r.stderr
    assert "warning" not in r.stderr.lower()
    assert r.stdout.strip() == "ship version"


@pytest.mark.parametrize("phase", PHASES)
def test_docs_list_every_variable(ship, phase):
    opts, _ = help_options(ship, phase)
    doc = (REPO / "docs" / "make.md").read_text()
    line = re.search(rf"^- {re.escape(phase)}\b.*?(?=^- |\n\n)", doc, re.M | re.S)
    assert line, f"docs/make.md has no variable list for {phase}"
    words = set(re.findall(r"`([A-Z0-9_]+)`", line.group(0)))
    assert words == {upper(o) for o in opts}, f"docs/make.md {phase}: {words ^ {upper(o) for o in opts}}"
