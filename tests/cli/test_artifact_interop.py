"""The fake artifact service against the official @actions/artifact client: what one uploads, the other downloads."""
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, clean_env

sys.path.insert(0, str(REPO / "tests" / "servers"))
import fakeartifact  # noqa: E402

NODE_DIR = REPO / "tests" / "node-net"
CLIENT = NODE_DIR / "artifact_client.mjs"


@pytest.fixture
def svc():
    if not (NODE_DIR / "node_modules" / "@actions" / "artifact").is_dir():
        pytest.fail("@actions/artifact is not installed: npm ci --prefix tests/node-net")
    s = fakeartifact.Service().start()
    yield s
    s.shutdown()


def node(svc, *args, cwd):
    env = clean_env(dict(svc.env(), GITHUB_SERVER_URL="https://github.com"))
    r = subprocess.run([shutil.which("node") or "node", str(CLIENT), *map(str, args)], cwd=cwd,
                       env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


def test_node_uploads_ship_downloads(run_ship, tmp_path, svc):
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text("hello\n" * 1000)
    (root / "sub" / "b.bin").write_bytes(bytes(range(256)) * 64)
    up = node(svc, "upload", "from-node", root, root / "a.txt", root / "sub" / "b.bin", cwd=tmp_path)
    [a] = svc.find("from-node")
    assert up["id"] == a["id"] and up["size"] == len(a["blob"])
    # the toolkit uploads in blocks and finalizes with the hash ship also sends
    assert a["block_count"] >= 1
    assert a["hash"] == "sha256:" + hashlib.sha256(a["blob"]).hexdigest() == "sha256:" + up["digest"]

    r = run_ship("gh", "artifact-download", "from-node", "-o", tmp_path / "got.zip", env=svc.env())
    assert r.returncode == 0, r.stderr
    r = run_ship("unzip", tmp_path / "got.zip", "--dir", tmp_path / "out")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "out" / "a.txt").read_text() == "hello\n" * 1000
    assert (tmp_path / "out" / "sub" / "b.bin").read_bytes() == bytes(range(256)) * 64


def test_ship_uploads_node_downloads(run_ship, tmp_path, svc):
    z = tmp_path / "s.zip"
    (tmp_path / "f1.txt").write_text("one\n")
    (tmp_path / "f2.json").write_text('{"two": 2}\n')
    r = run_ship("zip", z, "f1.txt", "f2.json")
    assert r.returncode == 0, r.stderr
    r = run_ship("gh", "artifact-upload", "from-ship", z, env=svc.env())
    assert r.returncode == 0, r.stderr
    got = node(svc, "download", "from-ship", tmp_path / "dl", cwd=tmp_path)
    assert got["digestMismatch"] is False
    assert got["expectedHash"] == "sha256:" + hashlib.sha256(z.read_bytes()).hexdigest()
    assert (tmp_path / "dl" / "f1.txt").read_text() == "one\n"
    assert json.loads((tmp_path / "dl" / "f2.json").read_text()) == {"two": 2}
    # the digest check is live: a wrong recorded hash is reported
    svc.find("from-ship")[0]["hash"] = "sha256:" + "0" * 64
    assert node(svc, "download", "from-ship", tmp_path / "dl2", cwd=tmp_path)["digestMismatch"] is True


def test_ship_block_upload_node_downloads(run_ship, tmp_path, svc):
    data = os.urandom(300000)
    (tmp_path / "big.bin").write_bytes(data)
    z = tmp_path / "b.zip"
    assert run_ship("zip", z, "big.bin").returncode == 0
    env = dict(svc.env(), SHIP_TEST_ARTIFACT_BLOCKS="1000:65536")
    r = run_ship("gh", "artifact-upload", "blocks", z, env=env)
    assert r.returncode == 0, r.stderr
    [a] = svc.find("blocks")
    assert a["block_count"] == (z.stat().st_size + 65535) // 65536 >= 5
    got = node(svc, "download", "blocks", tmp_path / "dl", cwd=tmp_path)
    assert got["digestMismatch"] is False
    assert (tmp_path / "dl" / "big.bin").read_bytes() == data


def test_node_large_multi_block_upload_ship_reads(run_ship, tmp_path, svc):
    # over the toolkit's 8 MiB block size: several Put Block calls, concurrently
    data = os.urandom(20 << 20)
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "big.bin").write_bytes(data)
    node(svc, "upload", "large", tmp_path / "root", tmp_path / "root" / "big.bin", cwd=tmp_path)
    [a] = svc.find("large")
    assert a["block_count"] >= 3
    r = run_ship("gh", "artifact-download", "large", "-o", tmp_path / "l.zip", env=svc.env())
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(tmp_path / "l.zip") as zf:
        assert hashlib.sha256(zf.read("big.bin")).digest() == hashlib.sha256(data).digest()


def test_state_uploaded_by_node_is_merged_by_ship(run_ship, tmp_path, svc):
    # e.g. actions/upload-artifact of a ship-state directory, then a later phase reads it
    st = tmp_path / "st"
    st.mkdir()
    (st / "scan.json").write_text(json.dumps({"schema": "ship.state/v1", "phase": "scan",
                                              "blocking": 4}))
    node(svc, "upload", "ship-state-scan", st, st / "scan.json", cwd=tmp_path)
    r = run_ship("selftest", "--state-from", "artifact:ship-state", "--read-state", "scan",
                 "--state-to", "artifact:ship-state", "--format", "json", env=svc.env())
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["data"]["states"]["scan"]["blocking"] == 4
    # and the state ship uploaded is readable by the official client
    got = node(svc, "download", "ship-state-selftest", tmp_path / "dl", cwd=tmp_path)
    assert got["digestMismatch"] is False
    assert json.loads((tmp_path / "dl" / "selftest.json").read_text())["phase"] == "selftest"
