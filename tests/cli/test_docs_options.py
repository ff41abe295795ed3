"""test_docs_options.py - every option of every phase is documented in docs/<phase>.md and is an input of actions/<phase>/action.yml; docs/ has its required pages."""
import re
import subprocess

import pytest
import yaml

from conftest import REPO, clean_env

PHASES = ["scan", "publish", "deploy-watch", "heal"]
DOCS = REPO / "docs"
HELP_RE = re.compile(r"^\s+(?:-(\w), )?--([a-z0-9][a-z0-9-]*)(?: (\S+))?\s+\S")


def help_options(ship, phase):
    """{section: [(short, long)]} parsed from `ship <phase> --help`."""
    out = subprocess.run([ship, phase, "--help"], capture_output=True, text=True,
                         env=clean_env(), timeout=30, check=True).stdout
    sections, cur = {}, None
    for line in out.splitlines():
        if line and not line[0].isspace():
            cur = line.strip().rstrip(":")
            continue
        m = HELP_RE.match(line)
        if cur and m:
            sections.setdefault(cur, []).append((m.group(1), m.group(2)))
    return sections


def documented(text, long, short):
    """An option counts as documented when it appears as inline code: `--name ...` or `-x`."""
    return f"`--{long}`" in text or f"`--{long} " in text or (short and f"`-{short}`" in text)


@pytest.mark.parametrize("phase", PHASES)
def test_help_has_both_option_tables(ship, phase):
    sections = help_options(ship, phase)
    assert len(sections.get("options", [])) >= 5, sections
    names = [n for _, n in sections.get("global options", [])]
    for g in ["format", "config", "state-dir", "ca-file", "verbose", "quiet", "help"]:
        assert g in names, (phase, names)


@pytest.mark.parametrize("phase", PHASES)
def test_every_option_is_in_the_docs_page(ship, phase):
    text = (DOCS / f"{phase}.md").read_text()
    sections = help_options(ship, phase)
    missing = [f"--{n}" for sec in ("options", "global options")
               for s, n in sections.get(sec, []) if not documented(text, n, s)]
    assert not missing, f"docs/{phase}.md does not document {missing}"


@pytest.mark.parametrize("phase", PHASES)
def test_every_option_is_an_action_input(ship, phase):
    doc = yaml.safe_load((REPO / "actions" / phase / "action.yml").read_text())
    inputs = doc["inputs"]
    sections = help_options(ship, phase)
    missing = [n for sec in ("options", "global options") for _, n in sections.get(sec, [])
               if n != "help" and n not in inputs]
    assert not missing, f"actions/{phase}/action.yml lacks inputs {missing}"
    for n in inputs:
        assert inputs[n].get("description"), (phase, n)


def test_documented_check_can_fail():
    """The matcher rejects a page that only mentions an option in prose."""
    assert not documented("use the state-to option or --state-to later", "state-to", None)
    assert documented("| `--state-to LOC` | x |", "state-to", None)
    assert documented("| `-v`, `--verbose` |", "verbose", "v")


def test_docs_has_the_required_pages():
    for page in PHASES + ["configuration", "exit-codes", "security"]:
        path = DOCS / f"{page}.md"
        assert path.is_file(), f"docs/{page}.md is missing"
        assert path.read_text().startswith("# "), f"docs/{page}.md has no title"


@pytest.mark.parametrize("phase", PHASES)
def test_phase_page_has_its_sections(phase):
    text = (DOCS / f"{phase}.md").read_text()
    heads = [h.lower() for h in re.findall(r"^#+ (.*)$", text, re.M)]
    for want in ["options", "exit codes", "examples"]:
        assert any(want in h for h in heads), f"docs/{phase}.md has no '{want}' section"
    examples = re.search(r"^## Examples\n(.*?)(?=^## |\Z)", text, re.M | re.S).group(1)
    for want in ["/actions/" + phase + "@", "ship_" + phase.replace("-", "_"), "ship.mk"]:
        assert want in examples, f"docs/{phase}.md examples lack {want!r}"
    assert "ship-state/" in text, f"docs/{phase}.md does not say which state it writes"


def test_security_page_covers_the_topics():
    text = (DOCS / "security.md").read_text().lower()
    for topic in ["token", "mask", "--ca-file", "ssl_cert_file", "stop-commands", "audit.jsonl",
                  "zip", "symlink", "never"]:
        assert topic in text, f"docs/security.md does not cover {topic!r}"
