"""test_heal.py - `ship heal` on local logs: a file, a directory, a run-logs zip, bad input,
templates, the LLM endpoint (fake Ollama and OpenAI servers), the webhook, dry run and
Ansible module mode."""
import http.server
import io
import os
import json
import re
import shutil
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, clean_env

LOGS = REPO / "tests" / "fixtures" / "heal" / "logs"
EXAMPLES = REPO / "examples" / "heal"


def heal_json(run_ship, tmp_path, *args, env=None):
    r = run_ship("heal", "--state-dir", tmp_path / "st", "--format", "json", *args, env=env)
    try:
        return r, json.loads(r.stdout)
    except ValueError:
        return r, None


def step_log(name):
    return (LOGS / name).read_text(encoding="utf-8")


def test_file_code_failure(run_ship, tmp_path):
    r, doc = heal_json(run_ship, tmp_path, "--log", LOGS / "rust-e0308.txt")
    assert r.returncode == 0, r.stderr
    out = doc["outputs"]
    assert (out["verdict"], out["kind"], out["domain"], out["agent"], out["rerun"]) == \
        ("prompt", "code", "rust", "rex", "false")
    prompt = Path(out["prompt-file"])
    assert prompt == tmp_path / "st" / "heal-prompt.md"
    text = prompt.read_text()
    assert "src/parser.rs:142:24" in text and "mismatched types" in text
    st = json.loads((tmp_path / "st" / "heal.json").read_text())
    assert st["phase"] == "heal" and st["local"] is True and st["verdict"] == "prompt"
    e = st["failed_jobs"][0]["entries"][0]
    assert (e["file"], e["line"], e["col"], e["code"], e["severity"]) == \
        ("src/parser.rs", 142, 24, "E0308", "error")
    assert st["failed_jobs"][0]["excerpts"][0]["exit_code"] == 101


def test_file_transient_failure_recommends_rerun(run_ship, tmp_path):
    r, doc = heal_json(run_ship, tmp_path, "--log", LOGS / "npm-econnreset.txt")
    assert r.returncode == 0, r.stderr
    assert doc["outputs"]["verdict"] == "rerun" and doc["outputs"]["kind"] == "transient-infra"
    assert doc["outputs"]["rerun"] == "false"     # nothing to re-run for a local log
    assert doc["outputs"]["prompt-file"] == ""
    assert "local logs" in " ".join(doc["data"]["heal"]["actions"])


def test_directory_of_downloaded_logs(run_ship, tmp_path):
    d = tmp_path / "logs"
    (d / "build").mkdir(parents=True)
    (d / "build" / "1_Set up job.txt").write_text(step_log("setup.txt"))
    (d / "build" / "2_Run cargo build --locked.txt").write_text(step_log("rust-e0308.txt"))
    (d / "0_build.txt").write_text(step_log("setup.txt") + step_log("rust-e0308.txt"))
    (d / "1_docs.txt").write_text(step_log("setup.txt"))          # a job that passed
    r, doc = heal_json(run_ship, tmp_path, "--log", d)
    assert r.returncode == 0, r.stderr
    jobs = doc["data"]["heal"]["failed_jobs"]
    assert [j["name"] for j in jobs] == ["build"]
    assert jobs[0]["log_source"] == "step files"
    assert jobs[0]["entries"][0]["step"] == "Run cargo build --locked"


def make_zip(path, files):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)


def test_run_logs_zip_with_and_without_step_files(run_ship, tmp_path):
    z = tmp_path / "logs.zip"
    make_zip(z, {
        "0_web.txt": step_log("setup.txt") + step_log("npm-econnreset.txt"),
        "web/1_Set up job.txt": step_log("setup.txt"),
        "web/2_Run npm ci.txt": step_log("npm-econnreset.txt"),
        "web/system.txt": "runner system log",
        "1_build.txt": step_log("setup.txt") + step_log("rust-e0308.txt"),   # no step files
        "2_lint.txt": step_log("setup.txt"),
    })
    r, doc = heal_json(run_ship, tmp_path, "--log", z)
    assert r.returncode == 0, r.stderr
    jobs = {j["name"]: j for j in doc["data"]["heal"]["failed_jobs"]}
    assert set(jobs) == {"web", "build"}
    assert jobs["web"]["log_source"] == "step files in the run-logs zip"
    assert jobs["build"]["log_source"] == "job file in the run-logs zip"
    # mixed: one transient job, one code job -> the code job vetoes a re-run
    assert doc["outputs"]["verdict"] == "prompt" and doc["outputs"]["kind"] == "code"


def test_zip_entry_streamed_not_held(ship, tmp_path):
    # a 260 MiB step log inside the run-logs zip (over what one log could
    # take when entries were read whole): it is inflated as its lines are
    # read, so peak memory stays a few MiB and the failure at its end is
    # found
    z = tmp_path / "big.zip"
    noise = "".join("   Compiling crate%d v0.%d.0\n" % (i, i % 9) for i in range(2000)).encode()
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("build/2_Run cargo build --locked.txt", "w", force_zip64=True) as f:
            written = 0
            while written < 260 << 20:
                f.write(noise)
                written += len(noise)
            f.write(step_log("rust-e0308.txt").encode())
    r = subprocess.run(["/usr/bin/time", "-v", str(ship), "heal", "--log", str(z),
                        "--state-dir", str(tmp_path / "st"), "--format", "json"],
                       capture_output=True, cwd=tmp_path, env=clean_env(), timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    doc = json.loads(r.stdout)
    assert doc["outputs"]["kind"] == "code"
    entry = doc["data"]["heal"]["failed_jobs"][0]["entries"][0]
    assert entry["code"] == "E0308" and entry["file"].endswith(".rs")
    rss = int(re.search(rb"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    assert rss < 32 * 1024, f"peak RSS {rss} KiB"


def test_bad_inputs(run_ship, tmp_path):
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(bytes(range(256)) * 4000 + b"\x00\xff\xfe" * 1000)
    r, doc = heal_json(run_ship, tmp_path, "--log", garbage)
    assert r.returncode == 0, r.stderr
    assert doc["outputs"]["kind"] == "unknown"
    assert doc["data"]["heal"]["rule"] == "no-rule-matched"
    json.dumps(doc)  # valid JSON despite the bytes

    long = tmp_path / "long.log"
    with open(long, "wb") as f:
        f.write(b"x" * (10 << 20) + b"\n")
        f.write(b"src/a.c:1:2: error: after the long line\n" + b"y" * (10 << 20))
    r, doc = heal_json(run_ship, tmp_path, "--log", long)
    assert r.returncode == 0, r.stderr
    ents = doc["data"]["heal"]["failed_jobs"][0]["entries"]
    assert any(e["file"] == "src/a.c" and e["line"] == 1 for e in ents)

    cr = tmp_path / "cr.log"
    cr.write_bytes(step_log("rust-e0308.txt").replace("\n", "\r").encode())
    r, doc = heal_json(run_ship, tmp_path, "--log", cr)
    assert r.returncode == 0, r.stderr
    assert doc["outputs"]["domain"] == "rust" and doc["outputs"]["kind"] == "code"

    z = tmp_path / "t.zip"
    make_zip(z, {"0_build.txt": step_log("rust-e0308.txt") * 50})
    data = z.read_bytes()
    (tmp_path / "trunc.zip").write_bytes(data[: len(data) // 2])
    r = run_ship("heal", "--log", tmp_path / "trunc.zip", "--state-dir", tmp_path / "st2")
    assert r.returncode == 2
    assert b"trunc.zip" in r.stderr
    assert not (tmp_path / "st2").exists()

    r = run_ship("heal", "--log", tmp_path / "nope.log")
    assert r.returncode == 2 and b"nope.log" in r.stderr
    r = run_ship("heal", "--log", LOGS / "setup.txt", "--excerpt-lines", "0")
    assert r.returncode == 2 and b"--excerpt-lines" in r.stderr
    r = run_ship("heal", "--log", LOGS / "setup.txt", "--route", "rust")
    assert r.returncode == 2 and b"DOMAIN=AGENT" in r.stderr


def test_routes_and_template_dir(run_ship, tmp_path):
    t = tmp_path / "tpl"
    t.mkdir()
    (t / "rust.md").write_text("Agent {{agent}} fix {{kind}} in {{domain}} ({{rule}}).\n{{context}}")
    r, doc = heal_json(run_ship, tmp_path, "--log", LOGS / "rust-e0308.txt", "--template-dir", t,
                       "--route", "rust=ferris", "--route", "*=triage")
    assert r.returncode == 0, r.stderr
    assert doc["outputs"]["agent"] == "ferris"
    text = Path(doc["outputs"]["prompt-file"]).read_text()
    assert text.startswith("Agent ferris fix code in rust (code-finding).\n## Run")
    # default.md serves domains without their own template
    (t / "default.md").write_text("generic {{domain}}\n")
    r, doc = heal_json(run_ship, tmp_path, "--log", LOGS / "injection.txt", "--template-dir", t)
    assert Path(doc["outputs"]["prompt-file"]).read_text() == "generic c-cpp\n"
    assert doc["outputs"]["agent"] == "atlas"
    (t / "default.md").write_text("line one\nbad {{nosuch}}\n")
    r = run_ship("heal", "--log", LOGS / "injection.txt", "--template-dir", t)
    assert r.returncode == 2
    assert b"default.md: line 2, column 5: unknown placeholder {{nosuch}}" in r.stderr


def test_route_from_config_file(run_ship, tmp_path):
    (tmp_path / ".ship.yml").write_text("heal:\n  route:\n    - python=snake\n")
    r, doc = heal_json(run_ship, tmp_path, "--log", REPO / "tests" / "heal" / "python-ci.log")
    assert r.returncode == 0, r.stderr
    assert doc["outputs"]["domain"] == "python" and doc["outputs"]["agent"] == "snake"


class FakeLLM:
    """Answers Ollama /api/generate and OpenAI /v1/chat/completions; a webhook sink."""

    def __init__(self):
        self.seen = []
        fake = self

        class H(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.seen.append((self.path, dict(self.headers), body))
                if self.path == "/api/generate":
                    out = {"model": body["model"], "response": "Add `.is_some()`.", "done": True}
                elif self.path == "/v1/chat/completions":
                    out = {"id": "chatcmpl-1", "object": "chat.completion",
                           "choices": [{"index": 0, "finish_reason": "stop",
                                        "message": {"role": "assistant", "content": "Use is_some()."}}]}
                elif self.path == "/hook":
                    out = {"ok": True}
                else:
                    out = {"error": "nope"}
                data = json.dumps(out).encode()
                self.send_response(200 if "error" not in out else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = "http://127.0.0.1:%d" % self.srv.server_address[1]
        threading.Thread(target=self.srv.serve_forever, daemon=True).start()

    def close(self):
        self.srv.shutdown()


@pytest.fixture
def llm():
    f = FakeLLM()
    yield f
    f.close()


def test_llm_ollama_and_openai(run_ship, tmp_path, llm):
    r, doc = heal_json(run_ship, tmp_path, "--log", LOGS / "rust-e0308.txt",
                       "--llm-url", llm.url + "/api/generate", "--llm-model", "qwen2.5-coder")
    assert r.returncode == 0, r.stderr
    path, headers, body = llm.seen[-1]
    assert body["model"] == "qwen2.5-coder" and body["stream"] is False
    assert "src/parser.rs:142:24" in body["prompt"]
    assert "Authorization" not in headers
    ans = Path(doc["data"]["heal"]["answer_file"])
    assert ans.name == "heal-prompt.answer.md" and ans.read_text() == "Add `.is_some()`."

    secret = "sk-heal-test-0123456789"
    r, doc = heal_json(run_ship, tmp_path, "--log", LOGS / "rust-e0308.txt",
                       "--llm-url", llm.url + "/v1/chat/completions",
                       env={"SHIP_LLM_TOKEN": secret})
    assert r.returncode == 0, r.stderr
    path, headers, body = llm.seen[-1]
    assert headers["Authorization"] == "Bearer " + secret
    assert body["messages"][0]["role"] == "user" and "E0308" in body["messages"][0]["content"]
    assert Path(doc["data"]["heal"]["answer_file"]).read_text() == "Use is_some()."
    assert secret.encode() not in r.stdout + r.stderr

    # a broken endpoint does not lose the prompt
    n = len(llm.seen)
    r, doc = heal_json(run_ship, tmp_path, "--log", LOGS / "rust-e0308.txt",
                       "--llm-url", llm.url + "/nope/api/generate")
    assert r.returncode == 0 and Path(doc["outputs"]["prompt-file"]).is_file()
    assert "could not get an answer" in " ".join(doc["data"]["heal"]["actions"])
    assert len(llm.seen) == n + 1
    r = run_ship("heal", "--log", LOGS / "rust-e0308.txt", "--llm-url", llm.url + "/x")
    assert r.returncode == 2 and b"--llm-url" in r.stderr


def test_webhook_on_final_failure_only(run_ship, tmp_path, llm):
    r, doc = heal_json(run_ship, tmp_path, "--log", LOGS / "rust-e0308.txt",
                       "--webhook-url", llm.url + "/hook")
    assert r.returncode == 0, r.stderr
    hooks = [s for s in llm.seen if s[0] == "/hook"]
    assert len(hooks) == 1 and "code" in hooks[0][2]["text"] and "rex" in hooks[0][2]["text"]
    audit = (tmp_path / "st" / "audit.jsonl").read_text()
    assert '"webhook.post"' in audit and "/hook" not in audit
    r, doc = heal_json(run_ship, tmp_path, "--log", LOGS / "npm-econnreset.txt",
                       "--webhook-url", llm.url + "/hook")
    assert len([s for s in llm.seen if s[0] == "/hook"]) == 1   # re-run verdict: no webhook


def test_dry_run_acts_on_nothing(run_ship, tmp_path, llm):
    r, doc = heal_json(run_ship, tmp_path, "--log", LOGS / "rust-e0308.txt", "--dry-run",
                       "--llm-url", llm.url + "/api/generate", "--webhook-url", llm.url + "/hook")
    assert r.returncode == 0, r.stderr
    assert doc["outputs"]["verdict"] == "prompt"
    assert not Path(doc["outputs"]["prompt-file"]).exists()
    assert llm.seen == []
    assert all(a.startswith("dry run") for a in doc["data"]["heal"]["actions"])


def test_ansible_module_check_mode(ship, tmp_path, llm):
    mod = tmp_path / "ship_heal"
    mod.symlink_to(ship)
    st = tmp_path / "st"
    args = {"log": [str(LOGS / "rust-e0308.txt")], "state_dir": str(st),
            "webhook_url": llm.url + "/hook",
            "_ansible_check_mode": True, "_ansible_module_name": "ship_heal",
            "_ansible_no_log": False, "_ansible_diff": False, "_ansible_verbosity": 0,
            "_ansible_tmpdir": str(tmp_path)}
    (tmp_path / "args").write_text(json.dumps(args))
    r = subprocess.run([str(mod), str(tmp_path / "args")], capture_output=True,
                       env=clean_env(), cwd=tmp_path, timeout=60)
    doc = json.loads(r.stdout)
    assert r.returncode == 0 and doc["failed"] is False, r.stdout
    assert doc["verdict"] == "prompt" and doc["outputs"]["agent"] == "rex"
    assert doc["changed"] is True            # it would write the prompt
    assert not st.exists() and llm.seen == []
    args["_ansible_check_mode"] = False
    (tmp_path / "args").write_text(json.dumps(args))
    r = subprocess.run([str(mod), str(tmp_path / "args")], capture_output=True,
                       env=clean_env(), cwd=tmp_path, timeout=60)
    doc = json.loads(r.stdout)
    assert doc["failed"] is False and (st / "heal.json").is_file() and (st / "heal-prompt.md").is_file()
    assert len(llm.seen) == 1


def test_bundled_examples_have_the_expected_verdicts(run_ship, tmp_path):
    want = json.loads((EXAMPLES / "expected.json").read_text())
    for name, exp in want.items():
        r, doc = heal_json(run_ship, tmp_path, "--log", EXAMPLES / name)
        assert r.returncode == exp.get("exit", 0), (name, r.stderr)
        got = {k: doc["outputs"][k] for k in ("verdict", "kind", "domain", "agent")}
        assert got == {k: exp[k] for k in got}, name


def test_large_log_is_read_in_parts_with_the_same_result(ship, tmp_path):
    """A log file of 40 MB with step markers is cut into parts read on
    every CPU (src/heal/analyze_par.c); held to one CPU with taskset, ship
    reads it in one pass. Both write the same heal.json."""
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        pytest.skip("one CPU: nothing to read in parts on")
    seed = b"".join(p.read_bytes() for d in (REPO / "tests" / "heal", EXAMPLES)
                    for p in sorted(d.glob("*.log")))
    big = tmp_path / "big.log"
    big.write_bytes(seed * (40 * 2**20 // len(seed) + 1))
    docs = []
    for name, pre in (("parts", []), ("one", ["taskset", "-c", str(cpus[0])])):
        st = tmp_path / name
        r = subprocess.run(pre + [ship, "heal", "--verbose", "--state-dir", str(st),
                                  "--log", str(big)],
                           env=clean_env(), capture_output=True, timeout=120)
        assert r.returncode == 0, r.stderr
        assert (b"read in 2 parts at once" in r.stderr) == (name == "parts"), r.stderr[-400:]
        doc = json.loads((st / "heal.json").read_text().replace(str(st), "ST"))
        doc.pop("written")
        docs.append(doc)
    assert docs[0] == docs[1]
    entries = docs[0]["failed_jobs"][0]["entries"]
    assert entries and docs[0]["failed_jobs"][0]["excerpts"]
