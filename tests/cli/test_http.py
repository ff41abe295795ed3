"""test_http.py - the HTTP layer (core/http) through `ship http-get` against real servers.

Fault injection, redirects across hosts, TLS with a CA made at test time,
proxies from the environment, atomic output files and secret redaction.
"""
import json
import os
import sys
import time
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "servers"))
import faultd  # noqa: E402

FAST = ["--backoff-ms", "20"]
TOKEN = "ghp_testtoken1234567890abcdef"


@pytest.fixture(scope="module")
def srv():
    s = faultd.Server("127.0.0.1").start()
    yield s
    s.shutdown()


@pytest.fixture(scope="module")
def other():
    """A second host (127.0.0.2) that records what reached it."""
    s = faultd.Server("127.0.0.2").start()
    yield s
    s.shutdown()


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return faultd.make_ca(str(tmp_path_factory.mktemp("pki")))


@pytest.fixture(scope="module")
def tls(pki):
    s = faultd.Server("127.0.0.1", faultd.tls_context(pki)).start()
    yield s
    s.shutdown()


def get(run_ship, url, *args, env=None, **kw):
    return run_ship("http-get", url, *args, env=env, **kw)


def log_of(s, path_prefix):
    return [r for r in s.state.log if r["path"].startswith(path_prefix)]


def key():
    get.n = getattr(get, "n", 0) + 1
    return "k%d_%d" % (os.getpid(), get.n)


# --- plain requests and retries ---------------------------------------------

def test_get_ok_body_and_user_agent(run_ship, srv):
    r = get(run_ship, srv.url + "/echo")
    assert r.returncode == 0, r.stderr
    body = json.loads(r.stdout)
    assert body["headers"]["user-agent"].startswith("ship/")
    assert "accept-encoding" in body["headers"]


@pytest.mark.parametrize("code", [500, 502, 503])
def test_5xx_retried_then_ok(run_ship, srv, code):
    k = key()
    r = get(run_ship, srv.url + "/status/%d?times=2&key=%s" % (code, k), *FAST)
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"ok"
    assert b"after 3 attempts" in r.stderr
    assert len(log_of(srv, "/status/%d?times=2&key=%s" % (code, k))) == 3


def test_5xx_forever_is_service_error(run_ship, srv):
    r = get(run_ship, srv.url + "/status/503?key=" + key(), *FAST, "--retries", "2")
    assert r.returncode == 3
    assert b"HTTP 503" in r.stderr and b"after 3 attempts" in r.stderr


def test_404_not_retried(run_ship, srv):
    k = key()
    r = get(run_ship, srv.url + "/status/404?key=" + k, *FAST)
    assert r.returncode == 1
    assert len(log_of(srv, "/status/404?key=" + k)) == 1


def test_429_retry_after_honoured(run_ship, srv):
    t = time.monotonic()
    r = get(run_ship, srv.url + "/retry-after?secs=2&times=1&key=" + key(), *FAST)
    assert r.returncode == 0, r.stderr
    assert time.monotonic() - t >= 1.9
    assert b"HTTP 429" in r.stderr


def test_rate_limit_403_waits_for_reset(run_ship, srv):
    t = time.monotonic()
    r = get(run_ship, srv.url + "/ratelimit?reset_in=1&times=1&key=" + key(), *FAST)
    assert r.returncode == 0, r.stderr
    assert time.monotonic() - t >= 0.9
    assert b"HTTP 403" in r.stderr


def test_rate_limit_past_deadline_is_timeout(run_ship, srv):
    t = time.monotonic()
    r = get(run_ship, srv.url + "/retry-after?secs=60&key=" + key(), *FAST, "--deadline", "3")
    assert r.returncode == 4, r.stderr
    assert time.monotonic() - t < 10
    assert b"deadline" in r.stderr


def test_plain_403_not_retried(run_ship, srv):
    k = key()
    r = get(run_ship, srv.url + "/status/403?key=" + k, *FAST)
    assert r.returncode == 1
    assert len(log_of(srv, "/status/403?key=" + k)) == 1


def test_connection_reset_mid_body_retried_into_file(run_ship, srv, tmp_path):
    out = tmp_path / "body.bin"
    r = get(run_ship, srv.url + "/reset?times=1&key=" + key(), *FAST, "--output", out)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes() == b"x" * 100000
    assert list(tmp_path.iterdir()) == [out]


def test_truncated_body_retried(run_ship, srv):
    r = get(run_ship, srv.url + "/truncate?times=2&key=" + key(), *FAST)
    assert r.returncode == 0, r.stderr
    assert len(r.stdout) == 100000


def test_truncated_forever_leaves_no_file(run_ship, srv, tmp_path):
    out = tmp_path / "body.bin"
    out.write_bytes(b"old")
    r = get(run_ship, srv.url + "/truncate?key=" + key(), *FAST, "--retries", "1",
            "--output", out)
    assert r.returncode == 3
    assert out.read_bytes() == b"old"          # the old file is intact
    assert sorted(p.name for p in tmp_path.iterdir()) == ["body.bin"]


def test_streamed_body_not_repeated_after_data(run_ship, srv):
    k = key()
    r = get(run_ship, srv.url + "/reset?times=1&key=" + k, *FAST, "--stream")
    assert r.returncode == 3
    assert b"after 1000 bytes" in r.stderr
    assert len(log_of(srv, "/reset?times=1&key=" + k)) == 1


def test_stall_times_out_and_retries(run_ship, srv):
    t = time.monotonic()
    r = get(run_ship, srv.url + "/stall?secs=5&times=1&key=" + key(), *FAST, "--timeout", "1")
    assert r.returncode == 0, r.stderr
    assert time.monotonic() - t < 5
    assert b"after 2 attempts" in r.stderr


def test_stall_hits_deadline(run_ship, srv):
    r = get(run_ship, srv.url + "/stall?secs=5&key=" + key(), *FAST, "--timeout", "30",
            "--deadline", "1")
    assert r.returncode == 4, r.stderr


def test_connection_refused_is_service_error(run_ship):
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    r = get(run_ship, "http://127.0.0.1:%d/x" % port, *FAST, "--retries", "1")
    assert r.returncode == 3
    assert b"after 2 attempts" in r.stderr


def test_body_cap(run_ship, srv):
    r = get(run_ship, srv.url + "/ok?size=5000", "--max-body", "1000")
    assert r.returncode == 2
    assert b"size limit" in r.stderr


def test_rate_limiter_spaces_requests(run_ship, srv):
    t = time.monotonic()
    r = get(run_ship, srv.url + "/ok", "--rate", "5", "--repeat", "6")
    assert r.returncode == 0, r.stderr
    assert time.monotonic() - t >= 0.9     # 5 gaps of 200 ms


# --- non-idempotent requests ------------------------------------------------

def test_post_not_repeated_without_check(run_ship, srv, tmp_path):
    k = key()
    data = tmp_path / "d"
    data.write_text("{}")
    r = get(run_ship, srv.url + "/create?times=1&key=" + k, "--data-file", data, *FAST)
    assert r.returncode == 3
    assert b"not repeated" in r.stderr
    assert srv.state.created[k] == 1


def test_post_check_finds_it_landed(run_ship, srv, tmp_path):
    k = key()
    data = tmp_path / "d"
    data.write_text("{}")
    r = get(run_ship, srv.url + "/create?times=1&key=" + k, "--data-file", data, *FAST,
            "--check-url", srv.url + "/created?key=" + k)
    assert r.returncode == 1          # the 502 stands, but nothing was sent twice
    assert b"it landed" in r.stderr
    assert srv.state.created[k] == 1


def test_post_check_not_landed_repeats(run_ship, srv, tmp_path):
    k = key()
    data = tmp_path / "d"
    data.write_text("{}")
    r = get(run_ship, srv.url + "/create?times=1&key=" + k, "--data-file", data, *FAST,
            "--check-url", srv.url + "/created?key=other" + k)
    assert r.returncode == 0, r.stderr
    assert srv.state.created[k] == 2


def test_upload_file_body(run_ship, srv, tmp_path):
    import hashlib
    data = tmp_path / "blob"
    payload = os.urandom(300000)
    data.write_bytes(payload)
    r = get(run_ship, srv.url + "/upload", "-X", "PUT", "--data-file", data)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert got == {"len": 300000, "sha256": hashlib.sha256(payload).hexdigest(), "method": "PUT"}


# --- redirects and Authorization ---------------------------------------------

def test_redirect_other_host_drops_authorization(run_ship, srv, other):
    target = other.url + "/echo?from=" + key()
    r = get(run_ship, srv.url + "/redirect?to=" + urllib.request.quote(target, safe=""),
            env={"GITHUB_TOKEN": TOKEN})
    assert r.returncode == 0, r.stderr
    first = [x for x in srv.state.log if x["path"].startswith("/redirect")][-1]
    assert first["headers"]["authorization"] == "Bearer " + TOKEN
    hop = log_of(other, "/echo?from=")[-1]
    assert "authorization" not in hop["headers"]
    assert hop["path"] == target[len(other.url):]


def test_redirect_drops_authorization_from_header_list(run_ship, srv, other):
    target = other.url + "/echo?hdr=" + key()
    r = get(run_ship, srv.url + "/redirect?to=" + urllib.request.quote(target, safe=""),
            "--header", "Authorization: token " + TOKEN, "--header", "X-Keep: 1")
    assert r.returncode == 0, r.stderr
    hop = log_of(other, "/echo?hdr=")[-1]
    assert "authorization" not in hop["headers"]
    assert hop["headers"]["x-keep"] == "1"


def test_redirect_same_host_keeps_authorization(run_ship, srv):
    k = key()
    target = srv.url + "/echo?same=" + k
    r = get(run_ship, srv.url + "/redirect?to=" + urllib.request.quote(target, safe=""),
            env={"GITHUB_TOKEN": TOKEN})
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["headers"]["authorization"] == "Bearer " + TOKEN


def test_redirect_other_port_drops_authorization(run_ship, srv):
    s2 = faultd.Server("127.0.0.1").start()
    try:
        target = s2.url + "/echo"
        r = get(run_ship, srv.url + "/redirect?to=" + urllib.request.quote(target, safe=""),
                env={"GITHUB_TOKEN": TOKEN})
        assert r.returncode == 0, r.stderr
        assert "authorization" not in s2.state.log[-1]["headers"]
    finally:
        s2.shutdown()


def test_303_after_post_becomes_get(run_ship, srv, tmp_path):
    data = tmp_path / "d"
    data.write_text("{}")
    target = srv.url + "/echo?after=" + key()
    r = get(run_ship, srv.url + "/redirect?code=303&to=" + urllib.request.quote(target, safe=""),
            "--data-file", data)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["method"] == "GET"


def test_no_redirect_returns_3xx(run_ship, srv):
    r = get(run_ship, srv.url + "/redirect?to=http://127.0.0.2:1/", "--no-redirect")
    assert r.returncode == 0
    assert b"HTTP 302" in r.stderr


# --- TLS ----------------------------------------------------------------------

def test_tls_trusted_with_ca(run_ship, tls, pki):
    r = get(run_ship, tls.url + "/ok", "--ca-file", os.path.join(pki, "ca.pem"))
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"ok"


def test_tls_ca_from_ssl_cert_file(run_ship, tls, pki):
    r = get(run_ship, tls.url + "/ok", env={"SSL_CERT_FILE": os.path.join(pki, "ca.pem")})
    assert r.returncode == 0, r.stderr


def test_tls_localhost_name(run_ship, tls, pki):
    url = tls.url.replace("127.0.0.1", "localhost")
    r = get(run_ship, url + "/ok", "--ca-file", os.path.join(pki, "ca.pem"))
    assert r.returncode == 0, r.stderr


def test_tls_refused_without_ca(run_ship, tls, pki):
    r = get(run_ship, tls.url + "/ok", "--ca-file", os.path.join(pki, "other-ca.pem"))
    assert r.returncode == 3
    assert b"not trusted" in r.stderr
    assert b"after" not in r.stderr          # a bad certificate is not retried


def test_tls_refused_with_system_store(run_ship, tls):
    r = get(run_ship, tls.url + "/ok")
    assert r.returncode == 3


def test_tls_refused_wrong_host_name(run_ship, pki):
    s = faultd.Server("127.0.0.2", faultd.tls_context(pki)).start()
    try:
        r = get(run_ship, s.url + "/ok", "--ca-file", os.path.join(pki, "ca.pem"))
        assert r.returncode == 3
        assert b"not trusted" in r.stderr
    finally:
        s.shutdown()


def test_missing_ca_file_is_clear(run_ship, srv, tmp_path):
    r = get(run_ship, srv.url + "/ok", env={"SSL_CERT_FILE": str(tmp_path / "none.pem")})
    assert r.returncode == 2
    assert b"SSL_CERT_FILE" in r.stderr


# --- proxies from the environment -----------------------------------------------

@pytest.fixture
def proxy():
    p = faultd.make_proxy().start()
    yield p
    p.shutdown()


def test_http_proxy_from_env(run_ship, proxy):
    r = get(run_ship, "http://ship-test.invalid/thing", "--retries", "0",
            env={"http_proxy": proxy.url})
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"via proxy http://ship-test.invalid/thing"


def test_https_proxy_connect_tunnel(run_ship, proxy, tls, pki):
    r = get(run_ship, tls.url + "/ok", "--ca-file", os.path.join(pki, "ca.pem"),
            env={"HTTPS_PROXY": proxy.url})
    assert r.returncode == 0, r.stderr
    assert proxy.state.log[-1]["method"] == "CONNECT"
    assert proxy.state.log[-1]["path"] == tls.url[len("https://"):]


def test_no_proxy_bypasses(run_ship, proxy, srv):
    r = get(run_ship, srv.url + "/ok", env={"http_proxy": proxy.url, "NO_PROXY": "127.0.0.1"})
    assert r.returncode == 0, r.stderr
    assert r.stdout == b"ok"
    assert proxy.state.log == []


# --- streaming lines ---------------------------------------------------------------

def test_lines_streamed(run_ship, srv):
    r = get(run_ship, srv.url + "/lines?n=50&len=20", "--lines")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode().splitlines()
    assert len(lines) == 50
    assert lines[49] == "line 50: 49:" + "y" * 17


def test_line_too_long(run_ship, srv):
    r = get(run_ship, srv.url + "/lines?n=2&len=5000", "--lines", "--max-line", "1000")
    assert r.returncode == 2
    assert b"size limit" in r.stderr


# --- tracing ------------------------------------------------------------------------

def test_trace_redacts_token(run_ship, srv, other):
    target = other.url + "/echo?sig=SECRETSIGNATURE"
    r = get(run_ship, srv.url + "/redirect?to=" + urllib.request.quote(target, safe=""),
            "-v", env={"GITHUB_TOKEN": TOKEN})
    assert r.returncode == 0, r.stderr
    assert b"> GET /redirect" in r.stderr
    assert b"Authorization: ***" in r.stderr
    assert TOKEN.encode() not in r.stderr
    assert b"SECRETSIGNATURE" not in r.stderr


def test_ship_trace_env(run_ship, srv):
    r = get(run_ship, srv.url + "/ok", env={"SHIP_TRACE": "1", "GITHUB_TOKEN": TOKEN})
    assert r.returncode == 0
    assert b"< HTTP/1.1 200" in r.stderr
    assert TOKEN.encode() not in r.stderr
