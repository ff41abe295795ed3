"""Scores the heal extractor (build/musl/heal_extract) against the shared
errorformat corpus, our own CI logs in tests/heal, and real tool output
captured here in tests/heal/real (tests/heal/capture).

An independent re-implementation of the scoring in t_heal_corpus.c: each
<name>.ok lists the expected entries of <name>.in (or <name>.log) as
"FILE|LINE col COL [TYPE [NR]]| MESSAGE"; an extracted entry matches when
file, line, column and the first message line agree after one
normalisation applied to both sides (blanks collapsed; leading severity
and code tokens dropped, because the .ok files place them inconsistently).
The corpus must exist: a missing corpus fails the test, it never skips.
"""
import collections
import os
import re
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(REPO, "..", "shared", "corpus", "errorformat")
OWN = os.path.join(REPO, "tests", "heal")
REAL = os.path.join(REPO, "tests", "heal", "real")
DRIVER = os.environ.get("SHIP_HEAL_EXTRACT",
                        os.path.join(REPO, "build", "musl", "heal_extract"))

SEV = (r"(?:fatal error|error|warning|warn|note|info|hint|suggestion|fatal|"
       r"critical|high|medium|low|convention|refactor)")
STRIP = [
    re.compile(r"^\[?%s\]?(\[[^\]]*\])?\s*(:|\s-\s)\s*" % SEV, re.I),
    re.compile(r"^\[%s\]\s+" % SEV, re.I),
    re.compile(r"^%s\s+(?=[A-Z_]{1,8}\d{1,6}[:\s])" % SEV, re.I),
    re.compile(r"^[A-Z_]{1,8}\d{1,6}(\[[^\]]*\])?:?\s+(\[\*\]\s+)?"),
    re.compile(r"^\[?[CWEFRI]\]?:?\s+"),
]


def norm(msg):
    msg = " ".join(msg.split())
    for _ in range(4):
        before = msg
        for rx in STRIP:
            msg = rx.sub("", msg, count=1)
        if msg == before:
            break
    return msg


def expected(path):
    out = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f.read().split("\n"):
            if "|" not in line:
                continue
            file, mid, msg = line.split("|", 2)
            m = re.match(r"\s*(\d+)?(?:\s*col\s+(\d+))?", mid)
            out.append((file, int(m.group(1) or 0), int(m.group(2) or 0), norm(msg)))
    return out


def extracted(path):
    r = subprocess.run([DRIVER, path], capture_output=True, timeout=60)
    assert r.returncode == 0, r.stderr.decode(errors="replace")
    out = []
    for line in r.stdout.decode("utf-8", "replace").split("\n"):
        if not line or line.startswith("\t\t"):
            continue
        f = line.split("\t")
        out.append((f[0], int(f[1]), int(f[2]), norm(f[9])))
    return out


def score_dir(d):
    assert os.path.isdir(d), "corpus directory missing: %s" % d
    assert os.access(DRIVER, os.X_OK), "driver not built: %s (make %s)" % (DRIVER, DRIVER)
    total = collections.Counter()
    for name in sorted(os.listdir(d)):
        if not name.endswith(".ok"):
            continue
        base = os.path.join(d, name[:-3])
        inp = base + ".in" if os.path.exists(base + ".in") else base + ".log"
        exp, got = expected(base + ".ok"), extracted(inp)
        tp = sum((collections.Counter(exp) & collections.Counter(got)).values())
        print("%-18s expected %4d extracted %4d matched %4d precision %.3f recall %.3f" % (
            name[:-3], len(exp), len(got), tp,
            tp / len(got) if got else 1.0, tp / len(exp) if exp else 1.0))
        total.update(files=1, exp=len(exp), got=len(got), tp=tp)
    p = total["tp"] / total["got"] if total["got"] else 0.0
    r = total["tp"] / total["exp"] if total["exp"] else 0.0
    print("TOTAL %d files: expected %d extracted %d matched %d precision %.4f recall %.4f" % (
        total["files"], total["exp"], total["got"], total["tp"], p, r))
    return total, p, r


def test_heal_corpus_errorformat():
    total, p, r = score_dir(CORPUS)
    assert total["files"] >= 20
    assert p >= 0.95, "precision %.4f < 0.95" % p
    assert r >= 0.90, "recall %.4f < 0.90" % r


def test_heal_corpus_own_logs():
    total, p, r = score_dir(OWN)
    assert total["files"] >= 5
    assert p >= 0.95 and r >= 0.95, (p, r)


def test_heal_corpus_real_tools():
    """Real tools run here; expected entries from their machine output."""
    total, p, r = score_dir(REAL)
    assert total["files"] >= 30
    assert p >= 0.95 and r >= 0.90, (p, r)


def test_heal_extract_streams_long_lines(tmp_path):
    """A 12 MB line between two errors: cut, never slurped; both errors found."""
    log = tmp_path / "long.log"
    with open(log, "wb") as f:
        f.write(b"a.c:1:2: error: first\n")
        f.write(b"x" * (12 << 20) + b"\n")
        f.write(b"b.c:3:4: error: second\n")
    got = extracted(str(log))
    assert [g[0] for g in got] == ["a.c", "b.c"]
