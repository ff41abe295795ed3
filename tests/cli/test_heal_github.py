"""test_heal_github.py - `ship heal` against a fake GitHub Actions API (tests/servers/heal_fakegh.py).

Scenarios: code failure (prompt, no re-run), transient failure (re-run
once, not twice), mixed (veto), missing step files (job-log fallback),
50 jobs over pages, rate limit mid-triage, duplicate event delivery,
moved head, the workflow_run / check_suite payloads, one comment updated
in place, and workflow commands hidden in logs.
"""
import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "servers"))
import heal_fakegh  # noqa: E402

TOKEN = "ghs_healfaketoken0123456789abcdefgh"
RUN = "30433642"


def setup_ok():
    return {"name": "Set up job", "log": "@setup.txt"}


def job(name, *steps, conclusion="failure", **kw):
    d = {"name": name, "conclusion": conclusion, "steps": [setup_ok(), *steps]}
    d.update(kw)
    return d


def failing(name, log):
    return {"name": name, "conclusion": "failure", "log": log}


@pytest.fixture
def fake():
    made = []

    def make(scenario):
        f = heal_fakegh.HealFake(scenario).start()
        made.append(f)
        return f
    yield make
    for f in made:
        f.shutdown()


def heal(run_ship, f, tmp_path, *args, env=None, state="st"):
    e = {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": f.api_url,
         "GITHUB_REPOSITORY": heal_fakegh.REPO}
    e.update(env or {})
    r = run_ship("heal", "--run", RUN, "--state-dir", tmp_path / state, "--format", "json",
                 *args, env=e)
    try:
        doc = json.loads(r.stdout)
    except ValueError:
        doc = None
    return r, doc


def test_code_failure_writes_prompt_and_does_not_rerun(run_ship, fake, tmp_path):
    f = fake({"jobs": [job("build", failing("Run cargo build --locked", "@rust-e0308.txt")),
                       job("lint", conclusion="success")],
              "changed": ["src/parser.rs"]})
    r, doc = heal(run_ship, f, tmp_path)
    assert r.returncode == 0, r.stderr
    out = doc["outputs"]
    assert out["verdict"] == "prompt" and out["kind"] == "code" and out["rerun"] == "false"
    assert out["domain"] == "rust" and out["agent"] == "rex"
    assert f.reruns == 0 and f.count("POST", "rerun") == 0
    prompt = Path(out["prompt-file"]).read_text()
    assert "src/parser.rs:142:24" in prompt and "E0308" in prompt and "rex" in prompt
    assert "octo-org/octo-repo" in prompt and "acb5820ced" in prompt
    st = json.loads((tmp_path / "st" / "heal.json").read_text())
    assert st["schema"] == "ship.state/v1" and st["run"]["id"] == int(RUN)
    assert [j["name"] for j in st["failed_jobs"]] == ["build"]
    fj = st["failed_jobs"][0]
    assert fj["failed_steps"] == [{"number": 2, "name": "Run cargo build --locked"}]
    assert fj["log_source"] == "step files in the run-logs zip"
    assert any(e["file"] == "src/parser.rs" and e["line"] == 142 for e in fj["entries"])
    assert st["run"]["changed_files"] == ["src/parser.rs"]
    # the token never went to the blob host
    assert all(not q["auth"] for q in f.requests if q["host"] == "blob")
    assert any(q["auth"] for q in f.requests if q["host"] == "api")


def test_transient_failure_reruns_once_not_twice(run_ship, fake, tmp_path):
    f = fake({"jobs": [job("web", failing("Run npm ci", "@npm-econnreset.txt"))]})
    r, doc = heal(run_ship, f, tmp_path)
    assert r.returncode == 0, r.stderr
    assert doc["outputs"]["verdict"] == "rerun" and doc["outputs"]["rerun"] == "true"
    assert doc["outputs"]["kind"] == "transient-infra" and doc["changed"] is True
    assert f.reruns == 1
    audit = (tmp_path / "st" / "audit.jsonl").read_text().splitlines()
    assert any(json.loads(a)["action"] == "run.rerun-failed-jobs" for a in audit)
    # attempt 2 fails the same way: the budget (2) is spent
    r, doc = heal(run_ship, f, tmp_path)
    assert r.returncode == 1, r.stderr
    assert doc["outputs"]["verdict"] == "needs-human" and doc["outputs"]["rerun"] == "false"
    assert f.reruns == 1
    assert Path(doc["outputs"]["prompt-file"]).is_file()


def test_mixed_failure_is_vetoed(run_ship, fake, tmp_path):
    f = fake({"jobs": [job("web", failing("Run npm ci", "@npm-econnreset.txt")),
                       job("build", failing("Run cargo build --locked", "@rust-e0308.txt"))]})
    r, doc = heal(run_ship, f, tmp_path)
    assert r.returncode == 0, r.stderr
    assert doc["outputs"]["verdict"] == "prompt" and doc["outputs"]["kind"] == "code"
    assert "look transient" in doc["message"]
    assert f.reruns == 0


def test_ambiguous_signature_retried_once_then_resource(run_ship, fake, tmp_path):
    f = fake({"jobs": [job("integration", failing("Run ./scripts/integration.sh", "@runner-lost.txt"))],
              "attempt": 1})
    r, doc = heal(run_ship, f, tmp_path, "--rerun-budget", "5")
    assert doc["outputs"]["verdict"] == "rerun", r.stderr
    r, doc = heal(run_ship, f, tmp_path, "--rerun-budget", "5")
    assert doc["outputs"]["verdict"] == "prompt"
    assert doc["outputs"]["kind"] == "resource-exhausted"
    assert f.reruns == 1


def test_moved_head_is_superseded(run_ship, fake, tmp_path):
    f = fake({"jobs": [job("web", failing("Run npm ci", "@npm-econnreset.txt"))], "head": "f" * 40})
    r, doc = heal(run_ship, f, tmp_path)
    assert r.returncode == 0, r.stderr
    assert doc["outputs"]["verdict"] == "superseded" and f.reruns == 0


def test_missing_step_files_fall_back_to_job_log(run_ship, fake, tmp_path):
    f = fake({"jobs": [job("build", failing("Run cargo build --locked", "@rust-e0308.txt"),
                           omit_step_files=True),
                       job("docs: site/build", failing("Run make check", "@injection.txt"),
                           omit_step_files=True)]})
    r, doc = heal(run_ship, f, tmp_path)
    assert r.returncode == 0, r.stderr
    jobs = doc["data"]["heal"]["failed_jobs"]
    assert [j["log_source"] for j in jobs] == ["job file in the run-logs zip"] * 2
    assert jobs[1]["name"] == "docs: site/build"
    # no archive at all: every job from the job-logs endpoint
    f2 = fake({"jobs": [job("build", failing("Run cargo build --locked", "@rust-e0308.txt"))],
               "no_zip": True})
    r, doc = heal(run_ship, f2, tmp_path, state="st2")
    assert r.returncode == 0, r.stderr
    assert doc["data"]["heal"]["failed_jobs"][0]["log_source"] == "job log endpoint"
    assert f2.count("GET", "/actions/jobs/5000/logs") == 1
    assert doc["outputs"]["kind"] == "code"


def test_fifty_jobs_over_pages(run_ship, fake, tmp_path):
    jobs = [job("shard %02d" % i, conclusion="success") for i in range(50)]
    jobs[37] = job("shard 37", failing("Run cargo build --locked", "@rust-e0308.txt"))
    f = fake({"jobs": jobs})
    r, doc = heal(run_ship, f, tmp_path)
    assert r.returncode == 0, r.stderr
    assert [j["name"] for j in doc["data"]["heal"]["failed_jobs"]] == ["shard 37"]
    assert f.count("GET", "/jobs") >= 1
    # 50 jobs fit in one page of 100; ask the fake how many pages it served
    pages = [q for q in f.requests if "/attempts/1/jobs" in q["path"]]
    assert len(pages) == 1 and "per_page=100" in pages[0]["path"]


def test_pagination_follows_link(run_ship, fake, tmp_path, monkeypatch):
    # 150 jobs: two pages of 100
    jobs = [job("matrix %03d" % i, conclusion="success") for i in range(150)]
    jobs[140] = job("matrix 140", failing("Run npm ci", "@npm-econnreset.txt"))
    f = fake({"jobs": jobs})
    r, doc = heal(run_ship, f, tmp_path, "--dry-run")
    assert r.returncode == 0, r.stderr
    assert [j["name"] for j in doc["data"]["heal"]["failed_jobs"]] == ["matrix 140"]
    assert len([q for q in f.requests if "/attempts/1/jobs" in q["path"]]) == 2
    assert doc["outputs"]["verdict"] == "rerun" and f.reruns == 0  # dry run


def test_rate_limit_mid_triage(run_ship, fake, tmp_path):
    f = fake({"jobs": [job("build", failing("Run cargo build --locked", "@rust-e0308.txt"))],
              "ratelimit": {"path_contains": "/attempts/1/jobs", "times": 1}})
    r, doc = heal(run_ship, f, tmp_path)
    assert r.returncode == 0, r.stderr
    assert f.limited == 1 and doc["outputs"]["kind"] == "code"
    assert len([q for q in f.requests if "/attempts/1/jobs" in q["path"]]) == 2


def test_duplicate_event_delivery(run_ship, fake, tmp_path):
    f = fake({"jobs": [job("web", failing("Run npm ci", "@npm-econnreset.txt"))]})
    ev = json.loads((heal_fakegh.FIX / "event-workflow_run.json").read_text())
    ev["workflow_run"] = json.loads((heal_fakegh.FIX / "run.json").read_text())
    p = tmp_path / "event.json"
    p.write_text(json.dumps(ev))
    env = {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": f.api_url}
    args = ("heal", "--event", p, "--state-dir", tmp_path / "st", "--format", "json")
    r1 = run_ship(*args, env=env)
    assert r1.returncode == 0, r1.stderr
    assert json.loads(r1.stdout)["outputs"]["verdict"] == "rerun"
    # the same delivery again (attempt 1 in the payload): handled once
    r2 = run_ship(*args, env=env)
    d2 = json.loads(r2.stdout)
    assert r2.returncode == 0 and d2["outputs"]["verdict"] == "duplicate", r2.stderr
    assert f.reruns == 1
    # another run on the same branch within the window is a duplicate too
    f.run["id"] = 30433700
    ev["workflow_run"]["id"] = 30433700
    p.write_text(json.dumps(ev))
    r3 = run_ship(*args, env=env)
    d3 = json.loads(r3.stdout)
    assert d3["outputs"]["verdict"] == "duplicate" and "window" in d3["message"]
    # ... but not with a zero window
    r4 = run_ship(*args, "--dedupe-window", "0", env=env)
    assert json.loads(r4.stdout)["outputs"]["verdict"] == "rerun"


def test_check_suite_event(run_ship, fake, tmp_path):
    f = fake({"jobs": [job("build", failing("Run cargo build --locked", "@rust-e0308.txt"))]})
    env = {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": f.api_url,
           "GITHUB_EVENT_PATH": str(heal_fakegh.FIX / "event-check_suite.json")}
    r = run_ship("heal", "--state-dir", tmp_path / "st", "--format", "json", env=env)
    assert r.returncode == 0, r.stderr
    assert f.count("GET", "check_suite_id=414944374") == 1
    assert json.loads(r.stdout)["outputs"]["kind"] == "code"


def test_comment_updated_in_place(run_ship, fake, tmp_path):
    other = {"id": 77, "body": "LGTM"}
    f = fake({"jobs": [job("build", failing("Run cargo build --locked", "@rust-e0308.txt"))],
              "pr_comments": [other]})
    r, doc = heal(run_ship, f, tmp_path, "--comment")
    assert r.returncode == 0, r.stderr
    assert len(f.comments) == 2 and "ship heal" in f.comments[1]["body"]
    # re-triage (a new attempt): the same comment is updated, never a second
    f.attempt = 2
    r, doc = heal(run_ship, f, tmp_path, "--comment", "--attempt", "2")
    assert r.returncode == 0, r.stderr
    assert len(f.comments) == 2 and f.count("PATCH", "/issues/comments/") == 1
    audit = [json.loads(a)["action"] for a in (tmp_path / "st" / "audit.jsonl").read_text().splitlines()]
    assert audit == ["comment.create", "comment.update"]


def test_comment_on_commit_without_pull_request(run_ship, fake, tmp_path):
    # a push run has no pull request: the comment goes on the head commit,
    # found again by its marker and updated, never posted twice
    f = fake({"jobs": [job("build", failing("Run cargo build --locked", "@rust-e0308.txt"))],
              "no_pr": True, "commit_comments": [{"id": 11, "body": "nice"}]})
    r, doc = heal(run_ship, f, tmp_path, "--comment")
    assert r.returncode == 0, r.stderr
    assert f.count("POST", "/issues/") == 0
    assert len(f.commit_comments) == 2 and "ship heal" in f.commit_comments[1]["body"]
    assert f.commit_comments[1]["body"].startswith('<!-- ship-heal run="')
    f.attempt = 2
    r, doc = heal(run_ship, f, tmp_path, "--comment", "--attempt", "2")
    assert r.returncode == 0, r.stderr
    assert len(f.commit_comments) == 2 and f.count("PATCH", "/comments/") == 1
    audit = [json.loads(a) for a in (tmp_path / "st" / "audit.jsonl").read_text().splitlines()]
    assert [a["action"] for a in audit] == ["comment.create", "comment.update"]
    assert audit[0]["target"].startswith(heal_fakegh.REPO + "@")


def test_commit_comment_without_permission_warns(run_ship, fake, tmp_path):
    # contents: read only: the commit comment is refused, the triage stands
    f = fake({"jobs": [job("build", failing("Run cargo build --locked", "@rust-e0308.txt"))],
              "no_pr": True, "commit_comment_403": True})
    r, doc = heal(run_ship, f, tmp_path, "--comment")
    assert r.returncode == 0, r.stderr
    assert doc["outputs"]["verdict"] == "prompt"
    assert b"commit comments need contents: write" in r.stderr
    assert f.count("POST", "/comments") == 1 and f.commit_comments == []
    assert any("could not comment on" in a for a in doc["data"]["heal"]["actions"])


def test_github_mode_keeps_log_commands_inert(run_ship, fake, tmp_path):
    f = fake({"jobs": [job("check", failing("Run make check", "@injection.txt"))]})
    out = tmp_path / "out.txt"
    summ = tmp_path / "summary.md"
    r, _ = heal(run_ship, f, tmp_path, "--format", "github",
                env={"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(out),
                     "GITHUB_STEP_SUMMARY": str(summ), "GITHUB_WORKSPACE": str(tmp_path)})
    assert r.returncode == 0, r.stderr
    stdout, stderr = r.stdout.decode(), r.stderr.decode()
    # outside the stop-commands block nothing from the log may start a command
    lines = stdout.splitlines()
    token = None
    for ln in lines:
        if token is None and ln.startswith("::stop-commands::"):
            token = ln.split("::")[2]
            continue
        if token:
            if ln == "::%s::" % token:
                token = None
            continue
        assert not ln.startswith(("::set-output", "::add-mask::ship", "::set-env", "::stop-commands::abcdef")), ln
        if ln.startswith("::error") or ln.startswith("::warning") or ln.startswith("::notice"):
            assert "evil" not in ln.split("::")[1] or "file=src/evil.c" in ln, ln
            assert "::add-mask::" not in ln.split("::", 2)[2] or "\u200b" in ln, ln
    assert token is None, "stop-commands block left open"
    for ln in stderr.splitlines():
        assert not ln.lstrip().startswith("::"), ln
        assert "##[" not in ln, ln
    # the outputs file holds exactly heal's outputs
    names = [ln.split("=", 1)[0] for ln in out.read_text().splitlines() if "=" in ln]
    assert "verdict" in names and all(n in ("verdict", "kind", "domain", "agent", "rerun", "prompt-file")
                                      for n in names if not n.startswith("ghadelimiter"))
    assert "pwned" not in out.read_text()
    s = summ.read_text()
    assert "<details>" in s and "Failed jobs and steps" in s and "check" in s
    # annotations point at the extracted location
    assert any(ln.startswith("::error") and "file=src/evil.c" in ln and "line=3" in ln for ln in lines)


def test_current_run_and_workflow_job_payload(run_ship, fake, tmp_path):
    f = fake({"jobs": [job("build", failing("Run cargo build --locked", "@rust-e0308.txt")),
                       job("heal", {"name": "Run tests", "conclusion": "failure", "log": ""},
                           conclusion=None)]})
    env = {"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": f.api_url, "GITHUB_REPOSITORY": heal_fakegh.REPO,
           "GITHUB_RUN_ID": RUN, "GITHUB_RUN_ATTEMPT": "1"}
    r = run_ship("heal", "--state-dir", tmp_path / "st", "--format", "json", env=env)
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    # the running job counts through its failed step
    assert [j["name"] for j in doc["data"]["heal"]["failed_jobs"]] == ["build", "heal"]
    assert doc["outputs"]["kind"] == "code"
    ev = tmp_path / "job.json"
    ev.write_text(json.dumps({"action": "completed", "workflow_job": {
        "id": 5000, "run_id": int(RUN), "run_attempt": 1, "head_sha": "acb5820ced9479c074f688cc328bf03f341a511d",
        "head_branch": "feature/parser", "status": "completed", "conclusion": "failure", "steps": []},
        "repository": {"full_name": heal_fakegh.REPO}}))
    r = run_ship("heal", "--event", ev, "--state-dir", tmp_path / "st2", "--format", "json",
                 env={"GITHUB_TOKEN": TOKEN, "GITHUB_API_URL": f.api_url})
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["data"]["heal"]["run"]["id"] == int(RUN)


def test_no_token_and_no_run_are_usage_errors(run_ship, tmp_path):
    r = run_ship("heal", "--run", RUN, "--repo", "o/r")
    assert r.returncode == 2 and b"token" in r.stderr.lower()
    r = run_ship("heal")
    assert r.returncode == 2 and b"nothing to triage" in r.stderr
    r = run_ship("heal", "--run", "12x")
    assert r.returncode == 2 and b"--run" in r.stderr
