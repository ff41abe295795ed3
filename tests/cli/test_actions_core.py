"""test_actions_core.py - ship's workflow-command and env-file encodings against @actions/core.

The reference is the real toolkit (npm @actions/core, pinned in
tests/node/package-lock.json) run by node; ship's side is the test driver
build/musl/ghcmd_encode linked against libship.a. Both encode the same
nasty strings; commands must match byte for byte, env files must parse
(with a port of the runner's parser) to the same records.
"""
import json
import os
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(os.environ.get("SHIP_GHCMD_ENCODE", REPO / "build/musl/ghcmd_encode"))
NODE_DIR = Path(os.environ.get("SHIP_NODE_DIR", REPO / "tests/node"))

NASTY = [
    "", "plain", "%", "%25", "%0A%0D%3A%2C", "100% done", "a\rb", "a\nb", "a\r\nb", "\r\n",
    "\n\n", "trailing\n", "::", "::error::x", "::warning file=a,line=1::y", "x ::add-mask::e",
    "##[error]legacy", "foo ##[warning]bar", "a,b", "a:b", "k=v", "=", "==x", "title=x,line=3",
    "  leading spaces", "trailing spaces  ", "\ttab", "back\\slash", "quote\"s'", "<b>&amp;</b>",
    "h\u00e9llo", "\u20ac uro", "\U0001F600 emoji \U0001F680", "\u2028line sep", "\u00a0::nbsp",
    "ghadelimiter_", "EOF", "<<", "a<<b", "%%%\r\r\n\n::,,==",
    "x" * 5000, "\u20ac" * 5000, "\U0001F600" * 3000, "%" * 5000,
]
PROPS = [
    lambda s: {"title": s, "file": s, "line": 3, "endLine": 3, "col": 2, "endColumn": 9},
    lambda s: {"title": s, "line": 1, "endLine": 5},
    lambda s: {"file": s, "line": 7, "col": 4},
]


def hx(s):
    return s.encode().hex() if s else "~"


def need_tools():
    assert DRIVER.is_file(), f"{DRIVER} is missing: run make {DRIVER.relative_to(REPO)}"
    assert (NODE_DIR / "node_modules/@actions/core").is_dir(), \
        "tests/node/node_modules is missing: run npm ci --prefix tests/node"


def base_env(extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "ACTIONS_", "RUNNER_"))}
    env.update(extra or {})
    return env


def run_node(cases, tmp_path, env=None):
    src, dst = tmp_path / "cases.json", tmp_path / "results.json"
    src.write_text(json.dumps(cases))
    subprocess.run(["node", str(NODE_DIR / "encode.mjs"), str(src), str(dst)],
                   cwd=NODE_DIR, env=base_env(env), check=True, timeout=120)
    return json.loads(dst.read_text())


def driver_line(c, op=None):
    op = op or c["op"]
    if c["op"] == "issue":
        p = c.get("props") or {}
        title = hx(p["title"]) if "title" in p else "-"
        file = hx(p["file"]) if "file" in p else "-"
        nums = [str(p.get(k, 0)) for k in ("line", "endLine", "col", "endColumn")]
        return " ".join([op, str(c["level"]), title, file, *nums, hx(c["msg"])])
    if c["op"] == "endgroup":
        return "endgroup"
    if c["op"] in ("output", "env", "state"):
        return f"{op} {hx(c['name'])} {hx(c['value'])}"
    return f"{op} {hx(c['text'])}"


def run_driver(cases, env=None, op=None):
    text = "".join(driver_line(c, op) + "\n" for c in cases)
    r = subprocess.run([str(DRIVER)], input=text.encode(), env=base_env(env),
                       capture_output=True, check=True, timeout=120)
    lines = r.stdout.decode().splitlines()
    assert len(lines) == len(cases), r.stderr
    return lines


def command_cases():
    cases = []
    for level in range(3):
        cases += [{"op": "issue", "level": level, "msg": s} for s in NASTY]
        for mk in PROPS:
            cases += [{"op": "issue", "level": level, "props": mk(s), "msg": "m:" + s} for s in NASTY]
    for op in ("group", "debug", "mask"):
        cases += [{"op": op, "text": s} for s in NASTY]
    cases.append({"op": "endgroup"})
    return cases


def test_commands_match_toolkit_byte_for_byte(tmp_path):
    need_tools()
    cases = command_cases()
    want = run_node(cases, tmp_path)
    got = run_driver(cases)
    bad = []
    for c, w, g in zip(cases, want, got):
        assert "hex" in w, w
        if w["hex"] != g:
            bad.append((c["op"], repr(c.get("msg", c.get("text")))[:60],
                        bytes.fromhex(w["hex"])[:120], g[:240]))
    assert not bad, f"{len(bad)} of {len(cases)} differ, first: {bad[:3]}"


# --- a port of the runner's parser (ActionCommand.TryParseV2) ----------------

def runner_unescape(s, prop):
    maps = [("%0D", "\r"), ("%0A", "\n")]
    if prop:
        maps += [("%3A", ":"), ("%2C", ",")]
    for a, b in maps + [("%25", "%")]:
        s = s.replace(a, b)
    return s


def runner_parse(line):
    msg = line.rstrip("\n").lstrip()
    assert msg.startswith("::")
    end = msg.index("::", 2)
    info, data = msg[2:end], msg[end + 2:]
    name, _, rest = info.partition(" ")
    props = {}
    for p in rest.strip().split(","):
        k, _, v = p.partition("=")
        if k and v:
            props[k.lower()] = runner_unescape(v, True)
    return name, props, runner_unescape(data, False)


def units(s):
    return len(s.encode("utf-16-le")) // 2


def test_runner_reads_back_what_ship_wrote_including_the_cut():
    need_tools()
    cases = [{"op": "issue", "level": 0, "props": mk(s), "msg": s} for mk in PROPS for s in NASTY]
    got = run_driver(cases, op="issue_cut")
    for c, g in zip(cases, got):
        raw = bytes.fromhex(g).decode()
        assert raw.count("\n") == 1 and raw.endswith("\n") and "\r" not in raw
        name, props, data = runner_parse(raw)
        assert name == "error"
        msg = c["msg"]
        if units(msg) > 4096:
            # 4095 units + U+2026; one less when a surrogate pair would straddle
            assert units(data) in (4095, 4096) and data.endswith("\u2026")
            assert msg.startswith(data[:-1])
        else:
            assert data == msg
        p = c["props"]
        for k in ("title", "file"):
            if not p.get(k):
                assert k not in props
            elif k == "title" and units(p[k]) > 4096:
                assert p[k].startswith(props[k]) and units(props[k]) <= 4096
            else:
                assert props[k] == p[k]


# --- env files ---------------------------------------------------------------

def runner_envfile(text):
    """FileCommandManager's EnvFileKeyValuePairs (Linux: LF only).
    Returns [(name, value, raw record)]."""
    out, i = [], 0

    def readline(i):
        if i >= len(text):
            return None, i, None
        j = text.find("\n", i)
        if j < 0:
            return text[i:], len(text), None
        return text[i:j], j + 1, "\n"

    start_rec = i
    line, i, _ = readline(i)
    while line is not None:
        if line:
            eq, hd = line.find("="), line.find("<<")
            if eq >= 0 and (hd < 0 or eq < hd):
                name, value = line.split("=", 1)
                assert name, "empty name"
            elif hd >= 0 and (eq < 0 or hd < eq):
                name, delim = line.split("<<", 1)
                assert name and delim
                start = end = i
                t, i, nl = readline(i)
                while t != delim:
                    assert t is not None, "Matching delimiter not found"
                    end = i - len(nl)
                    t, i, nl = readline(i)
                value = text[start:end] if end > start else ""
            else:
                raise AssertionError(f"Invalid format {line!r}")
            out.append((name, value, text[start_rec:i]))
        start_rec = i
        line, i, _ = readline(i)
    return out


DELIM = re.compile(r"ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
NAMES = ["out", "MY_VAR", "with-dash_1", "\u00fcn\u00ef"]


@pytest.mark.parametrize("kind", ["output", "env", "state"])
def test_env_files_parse_like_the_toolkit(tmp_path, kind):
    need_tools()
    var = {"output": "GITHUB_OUTPUT", "env": "GITHUB_ENV", "state": "GITHUB_STATE"}[kind]
    values = [v for v in NASTY if "ghadelimiter_" not in v]
    cases = [{"op": kind, "name": NAMES[i % len(NAMES)], "value": v} for i, v in enumerate(values)]
    node_file, ship_file = tmp_path / "node", tmp_path / "ship"
    node_file.write_bytes(b"")
    ship_file.write_bytes(b"")
    res = run_node(cases, tmp_path, {var: str(node_file)})
    assert all("hex" in r for r in res), res[:3]
    assert run_driver(cases, {var: str(ship_file)}) == ["OK"] * len(cases)
    node_raw, ship_raw = node_file.read_bytes(), ship_file.read_bytes()
    node_recs = runner_envfile(node_raw.decode())
    ship_recs = runner_envfile(ship_raw.decode())
    want = [(c["name"], c["value"]) for c in cases]
    assert [(n, v) for n, v, _ in node_recs] == want
    assert [(n, v) for n, v, _ in ship_recs] == want
    delims = DELIM.findall(ship_raw.decode())
    assert len(delims) == 2 * sum("\n" in v for v in values)
    assert len(set(delims)) == len(delims) // 2, "a delimiter was reused"
    for (name, value, s_raw), (_, _, n_raw) in zip(ship_recs, node_recs):
        if "\n" in value:
            assert DELIM.sub("D", s_raw) == DELIM.sub("D", n_raw)
        else:
            assert s_raw == f"{name}={value}\n"


def test_env_refusals(tmp_path):
    need_tools()
    f = tmp_path / "env"
    f.write_bytes(b"")
    cases = [{"op": "env", "name": n, "value": "v"} for n in ("NODE_OPTIONS", "a=b", "x<<y", "")]
    got = run_driver(cases, {"GITHUB_ENV": str(f)})
    assert all(g.startswith("ERR ") for g in got), got
    assert f.read_bytes() == b""
    got = run_driver([{"op": "output", "name": "a", "value": "b"}],
                     {"GITHUB_OUTPUT": str(tmp_path / "no/such/dir")})
    assert got[0].startswith("ERR $GITHUB_OUTPUT is set but cannot be written"), got


def test_neutralized_lines_are_never_commands():
    need_tools()
    spaces = ["", " ", "\t", "\u00a0", "\u3000", "\u2028", "\u0085", "\x1f", " \u2009 "]
    texts = [sp + s for sp in spaces for s in NASTY[:40]]
    texts += ["a\n::error::x\r::warning::y\r\n  ::debug::z", "###[error]x ##[ ##[##[", "::", ":::"]
    got = run_driver([{"op": "neutral", "text": t} for t in texts])
    for t, g in zip(texts, got):
        out = bytes.fromhex(g).decode() if g != "" else ""
        assert out.replace("\u200b", "") == t
        for line in re.split(r"\r\n|\r|\n", out):
            assert not line.lstrip().startswith("::"), repr(line)
            assert "##[" not in line, repr(line)
