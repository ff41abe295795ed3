"""test_config.py - configuration precedence, .ship.yml errors, secrets, state files and output modes (via `ship selftest`)."""
import json
import os
import pty
import subprocess

import pytest

from conftest import clean_env


def opts(r):
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)["data"]["options"]


def value(r, name):
    o = opts(r)[name]
    return o["value"], o["source"]


# --- precedence ---------------------------------------------------------------

def test_precedence_flag_input_env_file_default(run_ship, tmp_path):
    def fail_on(*args, env=None):
        return value(run_ship("selftest", "--format", "json", *args, env=env), "fail-on")

    assert fail_on() == ("high", "default")
    (tmp_path / ".ship.yml").write_text("selftest:\n  fail-on: low\n")
    assert fail_on() == ("low", "config")
    assert fail_on(env={"SHIP_FAIL_ON": "medium"}) == ("medium", "env")
    env = {"SHIP_FAIL_ON": "medium", "INPUT_FAIL-ON": "critical"}
    assert fail_on(env=env) == ("critical", "input")
    assert fail_on("--fail-on", "none", env=env) == ("none", "flag")
    # the runner sets unset inputs to "": that must not hide lower sources
    assert fail_on(env={"INPUT_FAIL-ON": "", "SHIP_FAIL_ON": "medium"}) == ("medium", "env")


def test_global_keys_and_phase_section(run_ship, tmp_path):
    (tmp_path / ".ship.yml").write_text(
        "state-dir: top\nformat: json\nselftest:\n  state_dir: section\n  count: 7\n"
        "  tag: [a, b]\nheal: {}\n")
    r = run_ship("selftest")
    assert r.returncode == 0, r.stderr
    o = json.loads(r.stdout)["data"]["options"]      # format: json from the file
    assert o["state-dir"] == {"value": "section", "source": "config"}
    assert o["count"]["value"] == "7" and o["tag"]["value"] == ["a", "b"]
    assert (tmp_path / "section" / "selftest.json").is_file()
    assert not (tmp_path / "top").exists()


def test_list_options_from_environment(run_ship, tmp_path):
    r = run_ship("selftest", "--format", "json", env={"INPUT_TAG": "x\n y \n\nz\n"})
    assert value(r, "tag") == (["x", "y", "z"], "input")
    r = run_ship("selftest", "--format", "json", "--tag", "f", env={"INPUT_TAG": "x"})
    assert value(r, "tag") == (["f"], "flag")


def test_flags_from_environment_are_booleans(run_ship):
    assert run_ship("selftest", env={"SHIP_FAIL": "yes"}).returncode == 1
    assert run_ship("selftest", env={"SHIP_FAIL": "off"}).returncode == 0
    r = run_ship("selftest", env={"SHIP_FAIL": "maybe"})
    assert r.returncode == 2 and b"SHIP_FAIL: 'maybe' is not true or false" in r.stderr
    r = run_ship("selftest", env={"SHIP_COUNT": "ten"})
    assert r.returncode == 2 and b"SHIP_COUNT" in r.stderr


def test_config_option_from_env_and_missing_file(run_ship, tmp_path):
    (tmp_path / "alt.yml").write_text("selftest:\n  fail-on: alt\n")
    r = run_ship("selftest", "--format", "json", env={"SHIP_CONFIG": "alt.yml"})
    assert value(r, "fail-on") == ("alt", "config")
    r = run_ship("selftest", "--config", "missing.yml")
    assert r.returncode == 2 and b"missing.yml: configuration file not found" in r.stderr


# --- .ship.yml errors ----------------------------------------------------------

@pytest.mark.parametrize("text,needle", [
    ("bogus: 1\n", ".ship.yml: line 1, column 1: unknown key 'bogus'"),
    ("selftest:\n  fail-on: x\n  nope: 2\n",
     ".ship.yml: line 3, column 3: unknown key 'nope' in section 'selftest'"),
    ("heal:\n  not-a-heal-option: 1\n", "line 2, column 3: unknown key 'not-a-heal-option'"),
    ("selftest: [1, 2]\n", "line 1, column 11: section 'selftest' must be a mapping"),
    ("selftest:\n  count: {a: 1}\n", "line 2, column 10: count: expected a value"),
    ("selftest:\n  fail: perhaps\n", "'perhaps' is not true or false"),
    ("a: [1, 2\n", ".ship.yml: line 2, column 1:"),
    ("x: &a 1\ny: *a\n", "anchors (&name) are not supported"),
    ("selftest:\n  count: 1\nselftest:\n  count: 2\n", "line 3, column 1: duplicate key 'selftest'"),
    ("- a\n- b\n", "the configuration must be a mapping"),
])
def test_config_errors_name_file_and_line(run_ship, tmp_path, text, needle):
    (tmp_path / ".ship.yml").write_text(text)
    r = run_ship("selftest")
    assert r.returncode == 2, r.stdout
    assert needle in r.stderr.decode()
    assert not (tmp_path / "ship-state").exists()


@pytest.mark.parametrize("data,needle", [
    (b"selftest:\n  fail-on: \xff\xfe\n", "line 2, column 12"),
    (b"selftest:\n  fail-on: a\x00b\n", "line 2, column 13: NUL byte"),
    (b"# " + b"x" * (10 << 20) + b"\n", "larger than 1048576 bytes"),
], ids=["non-utf8", "nul", "10mb-line"])
def test_config_bad_bytes(run_ship, tmp_path, data, needle):
    (tmp_path / ".ship.yml").write_bytes(data)
    r = run_ship("selftest")
    assert r.returncode == 2
    assert needle in r.stderr.decode(), r.stderr


def test_empty_config_is_fine(run_ship, tmp_path):
    (tmp_path / ".ship.yml").write_text("# nothing yet\n")
    assert run_ship("selftest").returncode == 0


# --- secrets --------------------------------------------------------------------

def test_secrets_come_from_env_or_file_and_are_redacted(run_ship, tmp_path):
    r = run_ship("selftest", "--mask-check", env={"SHIP_TOKEN": "abcd-secret-1"})
    assert r.returncode == 0 and b"token is ***" in r.stderr and b"abcd-secret-1" not in r.stderr
    r = run_ship("selftest", "--mask-check", env={"GITHUB_TOKEN": "ghs_fallback"})
    assert r.returncode == 0 and b"token is ***" in r.stderr
    (tmp_path / "tok").write_text("from-a-file-123\n")
    r = run_ship("selftest", "--mask-check", "--format", "json",
                 env={"SHIP_TOKEN_FILE": str(tmp_path / "tok")})
    assert r.returncode == 0
    assert json.loads(r.stdout)["data"]["token_length"] == 15
    r = run_ship("selftest", "--mask-check")
    assert r.returncode == 2 and b"SHIP_TOKEN_FILE" in r.stderr
    r = run_ship("selftest", "--mask-check", env={"SHIP_TOKEN_FILE": str(tmp_path / "nope")})
    assert r.returncode == 2 and b"cannot read the secret file" in r.stderr
    # never a flag
    r = run_ship("selftest", "--token", "x")
    assert r.returncode == 2 and b"--token" in r.stderr


def test_secret_is_redacted_in_results(run_ship):
    r = run_ship("selftest", "--mask-check", "--message", "leak abcd-secret-1 here",
                 "--format", "json", env={"SHIP_TOKEN": "abcd-secret-1"})
    assert json.loads(r.stdout)["message"] == "leak *** here"


# --- GitHub Actions mode ------------------------------------------------------------

def gha_env(tmp_path, **extra):
    out = tmp_path / "gh_output"
    out.write_text("")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(out)}
    env.update(extra)
    return env, out


def test_github_mode_writes_outputs_and_masks(run_ship, tmp_path):
    env, out = gha_env(tmp_path, SHIP_TOKEN="abcd-secret-1")
    r = run_ship("selftest", "--output", "count=3", "--output", "text=a\nb",
                 "--mask-check", env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.decode().splitlines()[0] == "::add-mask::abcd-secret-1"
    data = out.read_text()
    assert "count=3\n" in data
    assert "text<<ghadelimiter_" in data and "\na\nb\nghadelimiter_" in data


def test_github_json_keeps_stdout_one_document(run_ship, tmp_path):
    env, _ = gha_env(tmp_path, SHIP_TOKEN="abcd-secret-1")
    r = run_ship("selftest", "--format", "json", "--mask-check", env=env)
    assert r.returncode == 0
    assert json.loads(r.stdout)["data"]["token_length"] == 13
    assert b"::add-mask::abcd-secret-1\n" in r.stderr
    assert b"token is ***" in r.stderr


def test_github_mode_defuses_untrusted_message(run_ship, tmp_path):
    env, _ = gha_env(tmp_path)
    r = run_ship("selftest", "--message", "x\n::error::pwned\n##[warning]y", env=env)
    lines = r.stdout.decode().splitlines()
    assert not any(l.lstrip().startswith("::error") for l in lines)
    assert not any("##[warning]" in l for l in lines)
    # JSON keeps the text on one line, where the legacy ##[ form is live
    msg = "a ##[error]b ::warning::c"
    r = run_ship("selftest", "--format", "json", "--message", msg, env=env)
    assert b"##[" not in r.stdout
    assert json.loads(r.stdout)["message"] == msg
    r = run_ship("selftest", "--format", "text", "--message", "x\n::error::y ##[error]z", env=env)
    assert b"\n::error" not in r.stdout and b"##[" not in r.stdout


def test_github_mode_error_annotation_and_json_override(run_ship, tmp_path):
    env, _ = gha_env(tmp_path)
    r = run_ship("selftest", "--error", "service", env=env)
    assert r.returncode == 3
    assert b"::error::selftest: service failed, as asked" in r.stdout
    r = run_ship("selftest", "--format", "json", env=env)
    assert json.loads(r.stdout)["verdict"] == "pass"


def test_github_output_unwritable_is_exit_2_without_losing_verdict(run_ship, tmp_path):
    env = {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(tmp_path / "no" / "such" / "file")}
    r = run_ship("selftest", "--output", "a=1", env=env)
    assert r.returncode == 2
    assert b"selftest: pass" in r.stdout
    assert b"GITHUB_OUTPUT" in r.stderr or b"no/such/file" in r.stderr


# --- formats and colour ----------------------------------------------------------------

def test_text_has_no_colour_off_a_terminal(run_ship):
    env = {"NO_COLOR": ""}
    r = run_ship("selftest", env=env)
    assert r.stdout == b"selftest: pass: all good\n"


def run_on_tty(ship, cwd, env):
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execve(ship, [ship, "selftest"], env)
    out = b""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    return out


def test_colour_only_on_a_tty_without_no_color(ship, tmp_path):
    env = clean_env()
    env.pop("NO_COLOR", None)
    env["TERM"] = "xterm"
    assert b"\x1b[" in run_on_tty(ship, tmp_path, env)
    env["NO_COLOR"] = "1"
    assert b"\x1b[" not in run_on_tty(ship, tmp_path, env)


def test_json_format_and_exit_codes(run_ship):
    for args, code in [((), 0), (("--fail",), 1), (("--error", "invalid"), 2),
                       (("--error", "service"), 3), (("--error", "timeout"), 4)]:
        r = run_ship("selftest", "--format", "json", *args)
        assert r.returncode == code
        doc = json.loads(r.stdout)
        assert doc["exit_code"] == code and doc["phase"] == "selftest"
    r = run_ship("selftest", "--format", "yaml")
    assert r.returncode == 2 and b"--format: 'yaml'" in r.stderr


def test_invalid_utf8_message_is_escaped(run_ship):
    r = run_ship("selftest", "--format", "json", "--message", b"bad \xff\xfe bytes".decode("latin-1"))
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    assert doc["message"].startswith("bad ")


# --- state -----------------------------------------------------------------------------

def test_state_written_and_read_back(run_ship, tmp_path):
    assert run_ship("selftest", "--state-dir", "st").returncode == 0
    doc = json.loads((tmp_path / "st" / "selftest.json").read_text())
    assert doc["schema"] == "ship.state/v1" and doc["phase"] == "selftest"
    assert doc["written"].endswith("Z") and doc["verdict"] == "pass"
    r = run_ship("selftest", "--state-dir", "st", "--read-state", "selftest", "--format", "json")
    assert json.loads(r.stdout)["data"]["states"]["selftest"]["verdict"] == "pass"


def test_state_readers_tolerate_unknown_fields_reject_newer(run_ship, tmp_path):
    st = tmp_path / "st"
    st.mkdir()
    (st / "scan.json").write_text(json.dumps({"schema": "ship.state/v1", "phase": "scan",
                                              "future_field": {"x": 1}, "blocking": 0}))
    r = run_ship("selftest", "--state-dir", "st", "--read-state", "scan", "--format", "json")
    assert r.returncode == 0
    assert json.loads(r.stdout)["data"]["states"]["scan"]["blocking"] == 0
    (st / "scan.json").write_text(json.dumps({"schema": "ship.state/v2", "phase": "scan"}))
    r = run_ship("selftest", "--state-dir", "st", "--read-state", "scan")
    assert r.returncode == 2
    assert b"st/scan.json: written by a newer ship (schema ship.state/v2)" in r.stderr


@pytest.mark.parametrize("data,needle", [
    (b'{"schema": "ship.state/v1", "phase": "scan"', "st/scan.json: line 1"),
    (b'{"schema": "ship.state/v1", "phase": "scan", "x": "\xff"}', "st/scan.json: line 1"),
    (b'{"schema": "ship.state/v1",\n "phase": "scan", "x": "\x00"}', "line 2, column 25: NUL byte"),
    (b'{"phase": "scan"}', "no \"schema\""),
    (b'{"schema": "ship.state/v1", "phase": "heal"}', "holds phase 'heal'"),
    (b'[]', "not a JSON object"),
], ids=["truncated", "non-utf8", "nul", "no-schema", "wrong-phase", "not-object"])
def test_corrupt_state_is_a_clear_error(run_ship, tmp_path, data, needle):
    st = tmp_path / "st"
    st.mkdir()
    (st / "scan.json").write_bytes(data)
    r = run_ship("selftest", "--state-dir", "st", "--read-state", "scan")
    assert r.returncode == 2
    assert needle in r.stderr.decode(), r.stderr
    # the failed run wrote nothing of its own
    assert sorted(p.name for p in st.iterdir()) == ["scan.json"]


def test_state_with_a_10mb_line_is_read(run_ship, tmp_path):
    st = tmp_path / "st"
    st.mkdir()
    big = {"schema": "ship.state/v1", "phase": "scan", "blob": "x" * (10 << 20)}
    (st / "scan.json").write_text(json.dumps(big))
    r = run_ship("selftest", "--state-dir", "st", "--read-state", "scan")
    assert r.returncode == 0, r.stderr


def test_read_only_state_dir_fails_without_partial_files(run_ship, tmp_path):
    if os.geteuid() == 0:
        # root ignores directory permissions: use a path under a file instead
        (tmp_path / "afile").write_text("")
        r = run_ship("selftest", "--state-dir", "afile/st", "--change")
        assert r.returncode == 2 and b"afile/st" in r.stderr
        return
    st = tmp_path / "ro"
    st.mkdir()
    st.chmod(0o555)
    try:
        r = run_ship("selftest", "--state-dir", "ro")
        assert r.returncode == 2 and b"ro/" in r.stderr
        assert list(st.iterdir()) == []
    finally:
        st.chmod(0o755)


def test_audit_lines_are_appended(run_ship, tmp_path):
    for _ in range(3):
        assert run_ship("selftest", "--change", "--state-dir", "st").returncode == 0
    lines = (tmp_path / "st" / "audit.jsonl").read_text().splitlines()
    assert len(lines) == 3
    for line in lines:
        rec = json.loads(line)
        assert set(rec) == {"time", "phase", "action", "target", "result"}
        assert rec["phase"] == "selftest" and rec["result"] == "ok"
        assert rec["time"].endswith("Z") and "T" in rec["time"]


def test_invalid_phase_name_for_state(run_ship, tmp_path):
    r = run_ship("selftest", "--read-state", "../etc/passwd")
    assert r.returncode == 2 and b"not a valid phase name" in r.stderr
