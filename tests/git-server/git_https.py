"""git_https.py - real `git http-backend` behind a TLS server with basic auth, on 127.0.0.1, for libgit2 push tests."""
import base64
import os
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MAX_BODY = 64 << 20


def make_ca(directory, name="ship-test"):
    """A CA and a server certificate for 127.0.0.1 (openssl CLI). Returns paths."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    ca_key, ca_crt = d / f"{name}-ca.key", d / f"{name}-ca.pem"
    key, csr, crt = d / f"{name}.key", d / f"{name}.csr", d / f"{name}.pem"
    ext = d / f"{name}.ext"
    ext.write_text("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                   "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
                   "extendedKeyUsage=serverAuth\n")
    run = lambda *a: subprocess.run(["openssl", *a], check=True, capture_output=True)
    run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", str(ca_key), "-out", str(ca_crt), "-days", "2", "-subj", f"/CN={name} CA")
    run("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", str(key), "-out", str(csr), "-subj", "/CN=127.0.0.1")
    run("x509", "-req", "-in", str(csr), "-CA", str(ca_crt), "-CAkey", str(ca_key),
        "-CAcreateserial", "-out", str(crt), "-days", "2", "-extfile", str(ext))
    return {"ca": str(ca_crt), "cert": str(crt), "key": str(key)}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        self.server.log.append(fmt % args)

    def _authorised(self):
        want = "Basic " + base64.b64encode(
            f"x-access-token:{self.server.token}".encode()).decode()
        got = self.headers.get("Authorization", "")
        self.server.auth_seen.append(got)
        return got == want

    def _body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            out = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()
                if len(out) > MAX_BODY:
                    raise ValueError("body too large")
        n = int(self.headers.get("Content-Length", "0"))
        if n > MAX_BODY:
            raise ValueError("body too large")
        return self.rfile.read(n)

    def _send(self, status, headers, body):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _cgi(self, body):
        path, _, query = self.path.partition("?")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
               "GIT_PROJECT_ROOT": self.server.root, "GIT_HTTP_EXPORT_ALL": "1",
               "PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": self.command,
               "CONTENT_TYPE": self.headers.get("Content-Type", ""),
               "CONTENT_LENGTH": str(len(body)), "REMOTE_USER": "x-access-token",
               "REMOTE_ADDR": "127.0.0.1", "GIT_CONFIG_NOSYSTEM": "1",
               "HOME": self.server.root}
        r = subprocess.run(["git", "http-backend"], input=body, env=env,
                           capture_output=True, timeout=60)
        head, _, out = r.stdout.partition(b"\r\n\r\n")
        status, headers = 200, []
        for line in head.decode("latin-1").split("\r\n"):
            k, _, v = line.partition(":")
            if k.lower() == "status":
                status = int(v.split()[0])
            elif k:
                headers.append((k, v.strip()))
        return status, headers, out

    def _handle(self):
        body = self._body() if self.command == "POST" else b""
        self.server.requests.append((self.command, self.path))
        if self.server.redirect_to:
            self._send(302, [("Location", self.server.redirect_to + self.path)], b"")
            return
        if not self._authorised():
            # auth_body and auth_headers shape the 401: unpatched libgit2
            # 1.9.0 left a body without a Content-Type in the socket
            # (vendor/libgit2.recipe)
            self._send(401, [("WWW-Authenticate", 'Basic realm="git"')] +
                       self.server.auth_headers, self.server.auth_body)
            return
        self._send(*self._cgi(body))

    do_GET = _handle
    do_POST = _handle


class GitHTTPS:
    """Serves the bare repositories under `root` over HTTPS with basic auth."""

    def __init__(self, root, certs, token):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.root, self.httpd.token = str(root), token
        self.httpd.requests, self.httpd.auth_seen, self.httpd.log = [], [], []
        self.httpd.auth_body = b""
        self.httpd.auth_headers = []  # extra (name, value) pairs on the 401
        self.httpd.redirect_to = None  # "https://host:port": answer 302 there
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(certs["cert"], certs["key"])
        self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, repo):
        return f"https://127.0.0.1:{self.port}/{repo}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
