"""test_zip.py - core/zip through `ship unzip` / `ship zip` on archives built by Python's zipfile.

Bad archives (traversal, absolute paths, symlinks, bombs, truncation, CRC
errors, duplicates) must fail with exit 2 and leave nothing behind.
"""
import os
import zipfile

import pytest


def make_zip(path, entries, method=zipfile.ZIP_DEFLATED):
    """entries: list of (name, bytes) or (ZipInfo, bytes)."""
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")      # duplicate names on purpose
        with zipfile.ZipFile(path, "w", method) as z:
            for name, data in entries:
                z.writestr(name, data)
    return path


def listing(d):
    return sorted(str(p.relative_to(d)) for p in d.rglob("*"))


def test_list_and_entry(run_ship, tmp_path):
    z = make_zip(tmp_path / "logs.zip", [
        ("0_build.txt", b"2025-04-07T12:57:33.2904078Z hello\n" * 100),
        ("build/1_Set up job.txt", b"setup\n"),
        ("build/2_Run make.txt", b"error: boom\n"),
    ])
    r = run_ship("unzip", z, "--list")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode().splitlines()
    assert lines[0].startswith("3500 ") and lines[0].endswith(" 0_build.txt")
    assert lines[2].endswith(" build/2_Run make.txt")
    r = run_ship("unzip", z, "--entry", "build/2_Run make.txt")
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"error: boom\n"


def test_extract_ok(run_ship, tmp_path):
    payload = os.urandom(200000)
    z = make_zip(tmp_path / "a.zip", [("dir/", b""), ("dir/x.bin", payload), ("top.txt", b"t")])
    out = tmp_path / "out"
    r = run_ship("unzip", z, "-d", out)
    assert r.returncode == 0, r.stderr
    assert (out / "dir" / "x.bin").read_bytes() == payload
    assert (out / "top.txt").read_bytes() == b"t"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.zip", "out"]


def test_extract_into_empty_existing_dir(run_ship, tmp_path):
    z = make_zip(tmp_path / "a.zip", [("a/b/c.txt", b"c")])
    out = tmp_path / "out"
    out.mkdir()
    r = run_ship("unzip", z, "-d", out)
    assert r.returncode == 0, r.stderr
    assert (out / "a" / "b" / "c.txt").read_bytes() == b"c"


def test_extract_refuses_nonempty_dir(run_ship, tmp_path):
    z = make_zip(tmp_path / "a.zip", [("x.txt", b"x")])
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep").write_text("k")
    r = run_ship("unzip", z, "-d", out)
    assert r.returncode == 2
    assert b"not empty" in r.stderr
    assert listing(out) == ["keep"]


@pytest.mark.parametrize("name,why", [
    ("../evil.txt", b".."),
    ("a/../../evil.txt", b".."),
    ("/tmp/ship-abs-evil.txt", b"absolute"),
    ("a\\..\\evil.txt", b"backslash"),
    ("C:/evil.txt", b"drive"),
])
def test_unsafe_names_refused(run_ship, tmp_path, name, why):
    info = zipfile.ZipInfo("ok.txt")
    z = tmp_path / "bad.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr(info, b"fine")
        bad = zipfile.ZipInfo("placeholder")
        bad.filename = name        # bypass zipfile's own sanitising
        bad.orig_filename = name
        zf.writestr(bad, b"evil")
    out = tmp_path / "out"
    r = run_ship("unzip", z, "-d", out)
    assert r.returncode == 2, r.stderr
    assert why in r.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.zip"]
    assert not os.path.exists("/tmp/ship-abs-evil.txt")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_symlink_entry_refused(run_ship, tmp_path):
    z = tmp_path / "link.zip"
    with zipfile.ZipFile(z, "w") as zf:
        info = zipfile.ZipInfo("link")
        info.create_system = 3
        info.external_attr = (0o120777 << 16)
        zf.writestr(info, "/etc/passwd")
    r = run_ship("unzip", z, "-d", tmp_path / "out")
    assert r.returncode == 2
    assert b"symbolic link" in r.stderr
    assert not (tmp_path / "out").exists()
    r = run_ship("unzip", z, "--list")
    assert b"(symlink)" in r.stdout


def test_bomb_refused(run_ship, tmp_path):
    z = make_zip(tmp_path / "bomb.zip", [("zeros", b"\0" * (50 << 20))])
    assert z.stat().st_size < (1 << 20)
    r = run_ship("unzip", z, "-d", tmp_path / "out")
    assert r.returncode == 2
    assert b"ratio" in r.stderr
    assert not (tmp_path / "out").exists()
    # the same archive passes with a looser ratio
    r = run_ship("unzip", z, "--test", "--max-ratio", "5000")
    assert r.returncode == 0, r.stderr


def test_oversized_entry_refused(run_ship, tmp_path):
    z = make_zip(tmp_path / "big.zip", [("a.bin", os.urandom(5000))])
    r = run_ship("unzip", z, "--test", "--max-entry", "1000")
    assert r.returncode == 2
    assert b"over 1000 bytes" in r.stderr


def test_total_cap(run_ship, tmp_path):
    z = make_zip(tmp_path / "t.zip", [("a", os.urandom(3000)), ("b", os.urandom(3000))])
    r = run_ship("unzip", z, "--test", "--max-total", "5000")
    assert r.returncode == 2
    assert b"5000" in r.stderr


def test_truncated_archive(run_ship, tmp_path):
    z = make_zip(tmp_path / "t.zip", [("a.txt", os.urandom(20000))])
    data = z.read_bytes()
    z.write_bytes(data[: len(data) // 2])
    r = run_ship("unzip", z, "-d", tmp_path / "out")
    assert r.returncode == 2
    assert b"truncated" in r.stderr
    assert not (tmp_path / "out").exists()


def test_crc_error(run_ship, tmp_path):
    payload = b"A" * 5000
    z = make_zip(tmp_path / "c.zip", [("good.txt", b"fine"), ("a.txt", payload)],
                 method=zipfile.ZIP_STORED)
    data = bytearray(z.read_bytes())
    i = data.index(payload)
    data[i + 100] ^= 0xFF
    z.write_bytes(bytes(data))
    r = run_ship("unzip", z, "-d", tmp_path / "out")
    assert r.returncode == 2
    assert b"CRC" in r.stderr
    assert not (tmp_path / "out").exists()        # good.txt was not left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.zip"]


def test_corrupt_deflate_data(run_ship, tmp_path):
    payload = os.urandom(1000) * 50
    z = make_zip(tmp_path / "d.zip", [("a.bin", payload)])
    data = bytearray(z.read_bytes())
    for k in range(60, 400):
        data[k] ^= 0x55
    z.write_bytes(bytes(data))
    r = run_ship("unzip", z, "--test")
    assert r.returncode == 2
    assert b"a.bin" in r.stderr


def test_duplicate_names_refused(run_ship, tmp_path):
    z = make_zip(tmp_path / "dup.zip", [("x.txt", b"one"), ("x.txt", b"two")])
    r = run_ship("unzip", z, "-d", tmp_path / "out")
    assert r.returncode == 2
    assert b"duplicate" in r.stderr


def test_not_a_zip(run_ship, tmp_path):
    p = tmp_path / "n.zip"
    p.write_bytes(b"PK\x03\x04 not really")
    r = run_ship("unzip", p, "--list")
    assert r.returncode == 2
    assert b"not a zip" in r.stderr


def test_write_zip_readable_by_python(run_ship, tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.bin"
    a.write_text("state\n" * 1000)
    b.write_bytes(os.urandom(100000))
    out = tmp_path / "state.zip"
    r = run_ship("zip", out, a, b)
    assert r.returncode == 0, r.stderr
    with zipfile.ZipFile(out) as zf:
        assert zf.testzip() is None
        assert zf.namelist() == ["a.txt", "b.bin"]
        assert zf.read("b.bin") == b.read_bytes()
        assert zf.getinfo("a.txt").compress_type == zipfile.ZIP_DEFLATED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.bin", "state.zip"]


def test_write_zip_missing_input_leaves_nothing(run_ship, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x")
    r = run_ship("zip", tmp_path / "o.zip", a, tmp_path / "missing")
    assert r.returncode == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
