#!/usr/bin/python3
"""faultd.py - HTTP(S) test server with fault injection, a recording proxy and a test CA.

Stdlib only. Servers bind loopback addresses on OS-chosen ports. Every
request is recorded (method, path, headers, body length) so tests can
check what arrived, e.g. whether Authorization reached a redirect target.

Faults are chosen by path; `times=K` makes a fault happen for the first K
requests with the same `key` and then succeed:

  /ok?size=N                200 with N bytes of a fixed pattern
  /status/CODE?times=K      CODE (e.g. 500, 502, 503) K times, then 200 "ok"
  /retry-after?secs=S       429 with Retry-After: S
  /ratelimit?reset_in=S     403 with x-ratelimit-remaining: 0 and reset now+S
  /secondary                403 "You have exceeded a secondary rate limit"
  /reset                    Content-Length 100000, 1000 bytes, then a TCP reset
  /truncate                 Content-Length 100000, 1000 bytes, then a clean close
  /stall?secs=S             headers, part of the body, then S seconds of silence
  /redirect?to=URL&code=C   C (302) with Location: URL
  /lines?n=N&len=L          N lines of L bytes, chunked, one write per line
  /echo                     200 with a JSON dump of the request headers
  /upload                   200 {"len": N, "sha256": ...} of the request body
  /create?times=K           POST: 502 after recording the creation K times
  /created                  200 {"count": N} of creations for `key`, 404 when none
  /_log                     JSON list of recorded requests
"""
import hashlib
import http.server
import json
import os
import select
import socket
import socketserver
import ssl
import struct
import subprocess
import sys
import threading
import time
import urllib.parse


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.created = {}
        self.log = []

    def bump(self, key):
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + 1
            return self.counts[key]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    # -- helpers -----------------------------------------------------------
    def q(self, name, default=None):
        v = self.query.get(name)
        return v[0] if v else default

    def send(self, code, body=b"", headers=None, ctype="text/plain"):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def faulty(self):
        """True while this key's fault should still happen."""
        times = int(self.q("times", "1000000"))
        key = self.q("key", self.path_only)
        return self.server.state.bump((self.path_only, key)) <= times

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        data = b""
        while len(data) < n:
            chunk = self.rfile.read(min(65536, n - len(data)))
            if not chunk:
                break
            data += chunk
        return data

    # -- dispatch ----------------------------------------------------------
    def handle_any(self):
        u = urllib.parse.urlsplit(self.path)
        self.path_only = u.path
        self.query = urllib.parse.parse_qs(u.query)
        body = self.read_body()
        with self.server.state.lock:
            self.server.state.log.append({
                "method": self.command, "path": self.path,
                "host": self.server.server_address[0],
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body_len": len(body)})
        name = u.path.strip("/").split("/")[0] or "ok"
        fn = getattr(self, "h_" + name.replace("-", "_"), None)
        if fn is None:
            return self.send(404, '{"message": "Not Found"}', ctype="application/json")
        return fn(body)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

    # -- behaviours --------------------------------------------------------
    def h_ok(self, body):
        n = int(self.q("size", "2"))
        self.send(200, (b"0123456789abcdef" * (n // 16 + 1))[:n] if n != 2 else b"ok")

    def h_status(self, body):
        code = int(self.path_only.split("/")[2])
        if self.faulty():
            return self.send(code, '{"message": "injected %d"}' % code, ctype="application/json")
        self.send(200, "ok")

    def h_retry_after(self, body):
        if self.faulty():
            return self.send(429, "slow down", {"Retry-After": self.q("secs", "1")})
        self.send(200, "ok")

    def h_ratelimit(self, body):
        if self.faulty():
            reset = int(time.time()) + int(self.q("reset_in", "1"))
            return self.send(403, '{"message": "API rate limit exceeded"}', {
                "x-ratelimit-remaining": "0", "x-ratelimit-limit": "60",
                "x-ratelimit-reset": str(reset)}, ctype="application/json")
        self.send(200, "ok")

    def h_secondary(self, body):
        if self.faulty():
            return self.send(403, '{"message": "You have exceeded a secondary rate limit."}',
                             {"Retry-After": self.q("secs", "1")}, ctype="application/json")
        self.send(200, "ok")

    def broken_body(self, reset):
        if not self.faulty():
            return self.send(200, b"x" * 100000)
        self.send_response(200)
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self.wfile.write(b"x" * 1000)
        self.wfile.flush()
        sock = self.connection
        if reset:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        try:
            sock.shutdown(socket.SHUT_RDWR) if not reset else None
        except OSError:
            pass
        sock.close()

    def h_reset(self, body):
        self.broken_body(True)

    def h_truncate(self, body):
        self.broken_body(False)

    def h_stall(self, body):
        if not self.faulty():
            return self.send(200, "ok")
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(b"x" * 10)
        self.wfile.flush()
        time.sleep(float(self.q("secs", "30")))
        self.close_connection = True

    def h_redirect(self, body):
        self.send(int(self.q("code", "302")), "", {"Location": self.q("to")})

    def h_lines(self, body):
        n, ln = int(self.q("n", "3")), int(self.q("len", "10"))
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for i in range(n):
            line = (("%d:" % i) + "y" * ln)[:max(ln, 1)].encode() + b"\n"
            self.wfile.write(b"%x\r\n%s\r\n" % (len(line), line))
            self.wfile.flush()
        self.wfile.write(b"0\r\n\r\n")

    def h_echo(self, body):
        self.send(200, json.dumps({"method": self.command, "path": self.path,
                                   "headers": {k.lower(): v for k, v in self.headers.items()}}),
                  ctype="application/json")

    def h_upload(self, body):
        self.send(200, json.dumps({"len": len(body), "sha256": hashlib.sha256(body).hexdigest(),
                                   "method": self.command}), ctype="application/json")

    def h_create(self, body):
        key = self.q("key", "")
        with self.server.state.lock:
            self.server.state.created[key] = self.server.state.created.get(key, 0) + 1
        if self.faulty():
            return self.send(502, "bad gateway")
        self.send(201, '{"created": true}', ctype="application/json")

    def h_created(self, body):
        with self.server.state.lock:
            n = self.server.state.created.get(self.q("key", ""), 0)
        self.send(200 if n else 404, json.dumps({"count": n}), ctype="application/json")

    def h__log(self, body):
        with self.server.state.lock:
            data = json.dumps(self.server.state.log)
        self.send(200, data, ctype="application/json")


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host="127.0.0.1", tls=None, handler=Handler):
        self.tls = tls
        self.state = State()
        super().__init__((host, 0), handler)

    def finish_request(self, request, client_address):
        if self.tls:
            try:
                request = self.tls.wrap_socket(request, server_side=True)
            except (ssl.SSLError, OSError):
                return
        super().finish_request(request, client_address)

    @property
    def url(self):
        host, port = self.server_address[:2]
        return "%s://%s:%d" % ("https" if self.tls else "http", host, port)

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self


class Fake:
    """Base of the fakes made of several servers: they set self.servers;
    start() starts them all (and returns the fake), shutdown() stops them."""
    servers = ()

    def start(self):
        for s in self.servers:
            s.start()
        return self

    def shutdown(self):
        for s in self.servers:
            s.shutdown()


class ProxyHandler(http.server.BaseHTTPRequestHandler):
    """A forward proxy: absolute-URI requests and CONNECT tunnels, recorded."""
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def record(self):
        with self.server.state.lock:
            self.server.state.log.append({"method": self.command, "path": self.path})

    def do_CONNECT(self):
        self.record()
        host, port = self.path.rsplit(":", 1)
        try:
            up = socket.create_connection((host, int(port)), timeout=10)
        except OSError:
            return self.send_error(502)
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        socks = [self.connection, up]
        while True:
            r, _, _ = select.select(socks, [], [], 10)
            if not r:
                break
            for s in r:
                data = s.recv(65536)
                if not data:
                    up.close()
                    self.close_connection = True
                    return
                (up if s is self.connection else self.connection).sendall(data)

    def do_GET(self):
        self.record()
        body = b"via proxy " + self.path.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def make_proxy():
    return Server(handler=ProxyHandler)


def make_ca(d):
    """Writes ca.pem, server.pem (SAN 127.0.0.1, localhost), server.key and an
    unrelated other-ca.pem into directory d with openssl; returns d."""
    def run(*args):
        subprocess.run(["openssl", *args], check=True, cwd=d, capture_output=True)
    ext = os.path.join(d, "san.ext")
    with open(ext, "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n"
                "extendedKeyUsage=serverAuth\n")
    for name in ("ca", "other-ca"):
        run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", name + ".key", "-out", name + ".pem", "-days", "2",
            "-subj", "/CN=ship test " + name)
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext")
    return d


def tls_context(d):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(d, "server.pem"), os.path.join(d, "server.key"))
    return ctx


if __name__ == "__main__":
    # faultd.py [--tls DIR] [--host H]: prints the base URL, serves until killed.
    args = sys.argv[1:]
    tls = tls_context(args[args.index("--tls") + 1]) if "--tls" in args else None
    host = args[args.index("--host") + 1] if "--host" in args else "127.0.0.1"
    srv = Server(host, tls)
    print(srv.url, flush=True)
    srv.serve_forever()
