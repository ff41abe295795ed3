"""test_ansible.py - ship as a binary Ansible module (real ansible-playbook) and its args-file protocol."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, clean_env

PLAYBOOKS = REPO / "tests" / "ansible"
MODULES = ["ship", "ship_selftest", "ship_scan", "ship_publish", "ship_deploy_watch", "ship_heal"]


def ansible_args(tmp_path, module="ship_selftest", check=False, diff=False, **args):
    """An args file like the one Ansible writes for a binary module."""
    doc = dict(args)
    doc.update({
        "_ansible_check_mode": check, "_ansible_no_log": False, "_ansible_debug": False,
        "_ansible_diff": diff, "_ansible_verbosity": 0, "_ansible_version": "2.14.18",
        "_ansible_module_name": module, "_ansible_syslog_facility": "LOG_USER",
        "_ansible_keep_remote_files": False, "_ansible_tmpdir": str(tmp_path),
    })
    path = tmp_path / "args"
    path.write_text(json.dumps(doc))
    return path


def run_module(ship, tmp_path, name="ship_selftest", args_path=None, env=None):
    """Runs ship the way Ansible runs a binary module: MODULE ARGS_FILE."""
    mod = tmp_path / name
    if not mod.exists():
        mod.symlink_to(ship)
    r = subprocess.run([str(mod), str(args_path)], capture_output=True, env=clean_env(env),
                       cwd=tmp_path, timeout=60)
    return r


def one_json(r):
    """Ansible requires exactly one JSON object on stdout."""
    out = r.stdout.decode()
    doc = json.loads(out)
    assert isinstance(doc, dict)
    return doc


def test_module_success_prints_one_result(ship, tmp_path):
    st = tmp_path / "st"
    args = ansible_args(tmp_path, state_dir=str(st), message="hi", output=["a=1"], count=2)
    r = run_module(ship, tmp_path, args_path=args)
    assert r.returncode == 0, r.stderr
    doc = one_json(r)
    assert doc["failed"] is False and doc["changed"] is False
    assert doc["msg"] == "hi" and doc["verdict"] == "pass" and doc["phase"] == "selftest"
    assert doc["outputs"] == {"a": "1"}
    assert doc["invocation"]["module_args"] == {"state_dir": str(st), "message": "hi",
                                                "output": ["a=1"], "count": 2}
    assert json.loads((st / "selftest.json").read_text())["schema"] == "ship.state/v1"


def test_module_failure_exits_1_with_failed(ship, tmp_path):
    args = ansible_args(tmp_path, state_dir=str(tmp_path / "st"), fail=True)
    r = run_module(ship, tmp_path, args_path=args)
    assert r.returncode == 1
    doc = one_json(r)
    assert doc["failed"] is True and doc["verdict"] == "fail" and doc["exit_code"] == 1


@pytest.mark.parametrize("kind,code", [("invalid", 2), ("service", 3), ("timeout", 4)])
def test_module_errors_keep_the_exit_class_in_json(ship, tmp_path, kind, code):
    args = ansible_args(tmp_path, state_dir=str(tmp_path / "st"), error=kind)
    r = run_module(ship, tmp_path, args_path=args)
    assert r.returncode == 1          # fail_json, whatever the class
    doc = one_json(r)
    assert doc["failed"] is True and doc["exit_code"] == code and doc["verdict"] == "error"


def test_module_check_mode_changes_nothing(ship, tmp_path):
    st = tmp_path / "st"
    args = ansible_args(tmp_path, check=True, diff=True, state_dir=str(st), change=True)
    r = run_module(ship, tmp_path, args_path=args)
    assert r.returncode == 0, r.stderr
    doc = one_json(r)
    assert doc["changed"] is True and doc["check_mode"] is True
    assert doc["diff"] == {"before": "touched: no\n", "after": "touched: yes\n"}
    assert not st.exists()
    # without check mode the same call writes state and one audit line
    args = ansible_args(tmp_path, state_dir=str(st), change=True)
    doc = one_json(run_module(ship, tmp_path, args_path=args))
    assert doc["changed"] is True and "diff" not in doc
    lines = (st / "audit.jsonl").read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["action"] == "selftest.touch"


def test_module_phase_from_name_or_argument(ship, tmp_path):
    args = ansible_args(tmp_path, module="ship", phase="selftest", state_dir=str(tmp_path / "s"))
    doc = one_json(run_module(ship, tmp_path, name="ship", args_path=args))
    assert doc["phase"] == "selftest" and doc["failed"] is False
    # a module for a phase that is not built yet fails cleanly
    args = ansible_args(tmp_path, module="ship_nosuch")
    r = run_module(ship, tmp_path, name="ship_nosuch", args_path=args)
    doc = one_json(r)
    assert r.returncode == 1 and doc["failed"] and "nosuch" in doc["msg"]


@pytest.mark.parametrize("content,needle", [
    (b'{"_ansible_module_name": "ship_selftest", ', "not valid JSON"),
    (b'["_ansible_check_mode"]', "JSON object"),
    (b'{"_ansible_check_mode": false, "x": "\xff"}', "not valid JSON"),
    (b'{"_ansible_check_mode": false}\x00', "NUL"),
])
def test_malformed_args_file_fails_clearly(ship, tmp_path, content, needle):
    path = tmp_path / "args"
    path.write_bytes(content)
    r = run_module(ship, tmp_path, args_path=path)
    assert r.returncode == 1
    doc = one_json(r)
    assert doc["failed"] is True and needle in doc["msg"] and str(path) in doc["msg"]


def test_module_secrets_are_used_not_echoed(ship, tmp_path):
    args = ansible_args(tmp_path, state_dir=str(tmp_path / "s"), mask_check=True,
                        token="tok-123456789")
    r = run_module(ship, tmp_path, args_path=args)
    assert r.returncode == 0, r.stderr
    doc = one_json(r)
    assert doc["data"]["token_length"] == 13
    assert "token" not in doc["invocation"]["module_args"]
    assert b"tok-123456789" not in r.stdout + r.stderr
    assert b"token is ***" in r.stderr


def test_module_unknown_argument(ship, tmp_path):
    args = ansible_args(tmp_path, bogus=1)
    r = run_module(ship, tmp_path, args_path=args)
    doc = one_json(r)
    assert r.returncode == 1
    assert doc["msg"].startswith("Unsupported parameters for (ship_selftest) module: bogus.")


def test_a_plain_file_argument_is_not_module_mode(run_ship, tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    r = run_ship(str(tmp_path / "notes.txt"))
    assert r.returncode == 2 and b"unknown command" in r.stderr


def test_ansible_playbook_drives_ship(ship, tmp_path):
    """Real ansible-playbook: module mode (success, failure, check mode, diff,
    secrets) and ansible.builtin.command, with assertions inside the playbooks."""
    assert shutil.which("ansible-playbook"), "install Debian's ansible-core (see mk/rt-config.mk)"
    play = tmp_path / "play"
    shutil.copytree(PLAYBOOKS, play, symlinks=True, ignore=shutil.ignore_patterns("library"))
    lib = play / "library"
    lib.mkdir()
    for m in MODULES:
        (lib / m).symlink_to(ship)
    work = tmp_path / "work"
    work.mkdir()
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env({"HOME": str(home), "ANSIBLE_LIBRARY": str(lib), "ANSIBLE_NOCOLOR": "1",
                     "ANSIBLE_LOCAL_TEMP": str(home / "tmp"),
                     "ANSIBLE_REMOTE_TEMP": str(home / "rtmp"),
                     "ANSIBLE_RETRY_FILES_ENABLED": "0"})
    cmd = ["ansible-playbook", "-i", "localhost,", "-c", "local",
           "-e", "ansible_python_interpreter=/usr/bin/python3",
           "-e", f"ship_bin={ship}", "-e", f"work_dir={work}",
           str(play / "selftest.yml"), str(play / "malformed.yml")]
    r = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]
    assert "failed=0" in r.stdout
    # the assertions really ran
    assert r.stdout.count("All assertions passed") >= 9
