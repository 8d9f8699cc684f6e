"""A real HTTP server on 127.0.0.1 that misbehaves in every way link checkers meet.

Used by the link tests and the link benchmark. Each path is one behaviour; every request is
recorded (method, path, headers), so tests can assert what was sent and how often.
"""

from __future__ import annotations

import email.utils
import json
import socket
import struct
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

GITHUB_REPOS = {
    "octo/live": {"full_name": "octo/live", "html_url": "https://github.com/octo/live", "archived": False},
    "octo/attic": {"full_name": "octo/attic", "html_url": "https://github.com/octo/attic", "archived": True},
    "octo/new": {"full_name": "octo/new", "html_url": "https://github.com/octo/new", "archived": False},
}
DOIS = {"10.1234/ok"}
ARXIV = {"2301.00001", "2301.00002", "hep-th/9901001"}
TOKEN = "secret-token"

# odd Retry-After values a server may send with a 429 (``/retry-after/<name>``), every one of
# which must leave the run whole; "several" sends two headers
RETRY_AFTER = {
    "superscript": "\u00b2",
    "arabic-digit": "\u0663",
    "negative": "-5",
    "huge": "9" * 400,
    "nan": "nan",
    "inf": "inf",
    "fraction": "0.5",
    "garbage": "soon, maybe",
    "empty": "",
    "past-date": "Wed, 21 Oct 2015 07:28:00 GMT",
    "impossible-date": "Wed, 99 Foo 99999 99:99:99 GMT",
    "year-zero": "Mon, 01 Jan 0000 00:00:00 GMT",
}


class Handler(BaseHTTPRequestHandler):
    server: LinkServer
    protocol_version = "HTTP/1.1"
    answering = False  # counted in the server's Flight
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self._answered()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: object) -> None:
        self._send(status, json.dumps(data).encode(), {"Content-Type": "application/json"})

    def do_HEAD(self) -> None:
        self._counted()

    def do_GET(self) -> None:
        self._counted()

    def _counted(self) -> None:
        self.answering = True
        self.server.flight.enter()
        try:
            self._route()
        finally:
            self._answered()

    def _answered(self) -> None:
        """No longer in flight: called before the answer is written, since a client that has it
        may send its next request before this thread gets any further."""
        if self.answering:
            self.answering = False
            self.server.flight.leave()

    def _route(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        n = self.server.record(self.command, path, dict(self.headers.items()))
        if self.server.latency:
            time.sleep(self.server.latency)  # the simulated network, not a test's timing
        if path.startswith("/bench/dead/"):
            return self._send(404, b"gone")
        if path.startswith("/bench/move/"):
            return self._send(301, b"", {"Location": "/bench/" + path.removeprefix("/bench/move/")})
        if path.startswith("/bench/"):
            return self._send(200, b"ok")
        if path.startswith("/api/"):
            return self._github(path[len("/api") :])
        if path.startswith("/doi/api/handles/"):
            name = path[len("/doi/api/handles/") :]
            return self._json(200, {"responseCode": 1}) if name in DOIS else self._json(404, {"responseCode": 100})
        if path == "/arxiv/api/query":
            return self._arxiv(parse_qs(parts.query))
        port = self.server.server_address[1]
        simple = {
            "/ok": (200, {}),
            "/missing": (404, {}),
            "/gone": (410, {}),
            "/moved": (301, {"Location": "/ok"}),
            "/moved-twice": (308, {"Location": "/moved"}),
            "/moved-dead": (301, {"Location": "/missing"}),
            "/temporary": (302, {"Location": "/ok"}),
            "/loop-a": (302, {"Location": "/loop-b"}),
            "/loop-b": (302, {"Location": "/loop-a"}),
            "/challenge": (403, {"cf-mitigated": "challenge", "Server": "cloudflare"}),
            "/robot-999": (999, {}),
            "/busy-forever": (429, {"Retry-After": "1"}),
            "/down": (503, {}),
            "/to-metadata": (302, {"Location": "http://169.254.169.254/latest/meta-data/"}),
            "/to-loopback": (301, {"Location": f"http://127.0.0.2:{port}/ok"}),
            "/to-ftp": (301, {"Location": "ftp://ftp.example.org/file"}),
        }
        if path in simple:
            status, headers = simple[path]
            return self._send(status, b"page", headers)
        if path == "/cookie-dance":  # redirects to itself once, to set a cookie
            if "visited=1" in self.headers.get("Cookie", ""):
                return self._send(200, b"page")
            return self._send(302, b"", {"Location": "/cookie-dance", "Set-Cookie": "visited=1; Path=/"})
        if path == "/no-head":
            return self._send(405 if self.command == "HEAD" else 200, b"page")
        if path == "/busy-seconds":
            return self._send(429, b"", {"Retry-After": "1"}) if n == 1 else self._send(200, b"page")
        if path == "/busy-date":
            when = email.utils.formatdate(time.time() + 1, usegmt=True)
            return self._send(429, b"", {"Retry-After": when}) if n == 1 else self._send(200, b"page")
        if path == "/flaky":
            return self._send(503) if n <= 2 else self._send(200, b"page")
        if path.startswith("/retry-after/"):  # 429 with an odd Retry-After once, then the page
            if n > 1:
                return self._send(200, b"page")
            name = path.removeprefix("/retry-after/")
            if name == "several":
                self.send_response(429)
                self.send_header("Retry-After", "\u00b2")
                self.send_header("Retry-After", "0")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            self.send_response(429)
            # raw bytes: latin-1 where it can be ("\u00b2" is one byte, as a server would send it)
            value = RETRY_AFTER[name]
            try:
                raw = value.encode("latin-1")
            except UnicodeEncodeError:
                raw = value.encode("utf-8")
            self._headers_buffer.append(b"Retry-After: " + raw + b"\r\n")  # type: ignore[attr-defined]
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if path.startswith("/error-forever/"):
            return self._send(503, b"down")
        if path == "/loris":  # a header line every half second, for ever: no read ever times out
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self.wfile.flush()
            try:
                while not self.server.stopping.wait(self.server.trickle):
                    self.wfile.write(b"X-Trickle: 1\r\n")
                    self.wfile.flush()
            except OSError:
                pass
            self.close_connection = True
            return None
        if path == "/slow" or path.startswith("/hang/"):
            self.server.stopping.wait(60)  # never answers while the test runs
            return None
        if path == "/reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return None
        if path in ("/endless", "/endless-error"):
            if self.command == "HEAD":
                return self._send(405)
            self.send_response(200 if path == "/endless" else 403)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"x" * 8192
            try:
                while not self.server.stopping.is_set():
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                pass
            self.close_connection = True
            return None
        return self._send(404, b"no such route")

    def _github(self, path: str) -> None:
        # like GitHub: no token is fine (a lower rate limit), a wrong one is refused
        if self.headers.get("Authorization", f"Bearer {TOKEN}") != f"Bearer {TOKEN}":
            return self._json(401, {"message": "Bad credentials"})
        if path == "/repos/octo/old":
            return self._send(301, b"", {"Location": "/api/repositories/42"})
        if path == "/repositories/42":
            return self._json(200, GITHUB_REPOS["octo/new"])
        if path == "/repos/octo/elsewhere":  # a redirect off the API's host must not carry the token
            return self._send(302, b"", {"Location": self.server.other_origin + "/ok"})
        name = path.removeprefix("/repos/")
        if name in GITHUB_REPOS:
            return self._json(200, GITHUB_REPOS[name])
        return self._json(404, {"message": "Not Found"})

    def _arxiv(self, query: dict[str, list[str]]) -> None:
        ids = query.get("id_list", [""])[0].split(",")
        entries = "".join(
            f"<entry><id>http://arxiv.org/abs/{i}v1</id><title>Paper {i}</title></entry>" for i in ids if i in ARXIV
        )
        feed = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'
        self._send(200, feed.encode(), {"Content-Type": "application/atom+xml"})


class Flight:
    """How many requests are being answered at once, and the most there ever were (one Flight
    may be shared by several servers, to see a run's global limit)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.now = 0
        self.most = 0

    def enter(self) -> None:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)

    def leave(self) -> None:
        with self.lock:
            self.now -= 1


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default backlog of 5 drops connections under load

    def __init__(self, latency: float = 0.0, host: str = "127.0.0.1") -> None:
        super().__init__((host, 0), Handler)
        self.latency = latency
        self.trickle = 0.05  # seconds between the header lines of /loris
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.counts: Counter[str] = Counter()
        self.seen = threading.Event()  # set at the first request
        self.flight = Flight()
        self.other_origin = ""
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def record(self, method: str, path: str, headers: dict[str, str]) -> int:
        with self.lock:
            self.requests.append((method, path, headers))
            self.counts[path] += 1
            self.seen.set()
            return self.counts[path]

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.counts.clear()

    def __enter__(self) -> LinkServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
