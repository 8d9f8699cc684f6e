"""A small HTTP/1.1 client on asyncio streams: just what checking a link needs.

httpx, httpcore and h11 spent about 0.7 ms of CPU per request in a link check (a request
object, a URL parser, a connection pool with its locks, an event-based parser), and 0.15 s to
import; lychee, the fastest link checker people use, spends a seventh of that. A link check
sends HEAD or GET with a few headers and reads the status, the headers and at most a capped
body, over one connection per request at a time, pooled per host by the checker. That is what
is here: no proxies, no cookies (the checker keeps its own), no decompression (a body is only
sniffed for bot challenges), no HTTP/2.

Every connection is opened through :mod:`.guard`, which refuses private addresses. Timeouts
are the caller's: the checker bounds each whole exchange.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterator, Mapping
from urllib.parse import quote, urlsplit

from .guard import Connector

_HEAD_LIMIT = 2**16  # bytes of status line and headers; more is not an answer we can use
_SAFE_PATH = "/%:@!$&'()*+,;=-._~"  # what a path keeps as written; the rest is percent-encoded
_SAFE_QUERY = _SAFE_PATH + "?"


class HTTPError(Exception):
    """Anything that went wrong on the way; the subclasses say what."""


class InvalidURL(HTTPError):
    pass


class ConnectError(HTTPError):
    """No connection; ``__cause__`` holds the OSError (and its errno) when there was one."""


class ProtocolError(HTTPError):
    """The server closed the connection, or answered with something that is not HTTP."""


class ReadError(HTTPError):
    pass


class Headers:
    """Response headers: case-insensitive, in order, every value of a repeated name kept."""

    def __init__(self, items: list[tuple[str, str]] | Mapping[str, str] | None = None) -> None:
        pairs = list(items.items()) if isinstance(items, Mapping) else list(items or [])
        self.items = [(name.lower(), value) for name, value in pairs]

    def get(self, name: str, default: str | None = None) -> str | None:
        name = name.lower()
        for key, value in self.items:
            if key == name:
                return value
        return default

    def get_list(self, name: str) -> list[str]:
        name = name.lower()
        return [value for key, value in self.items if key == name]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name) is not None

    def __getitem__(self, name: str) -> str:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.items)


class Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.used = False  # has carried a request: a failure before any answer may be a stale keep-alive
        self.idle_since = 0.0

    def usable(self, now: float, keepalive: float) -> bool:
        return not self.reader.at_eof() and not self.writer.is_closing() and now - self.idle_since < keepalive

    def close(self) -> None:
        self.writer.close()


class Target:
    """Where a URL's request goes: parsed once, checked for what cannot be sent."""

    def __init__(self, url: str) -> None:
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise InvalidURL(str(exc)) from None
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise InvalidURL(f"unsupported scheme {scheme!r}")
        host = parts.hostname or ""
        if not host:
            raise InvalidURL("no host")
        self.tls = scheme == "https"
        self.port = port or (443 if self.tls else 80)
        if ":" in host:  # an IPv6 literal
            self.host = host
            shown = f"[{host}]"
        else:
            try:
                self.host = host.encode("idna").decode("ascii")
            except UnicodeError:
                raise InvalidURL(f"host {host!r} cannot be encoded") from None
            shown = self.host
        self.authority = shown if port is None or port == (443 if self.tls else 80) else f"{shown}:{self.port}"
        path = quote(parts.path, safe=_SAFE_PATH) or "/"
        query = quote(parts.query, safe=_SAFE_QUERY)
        self.target = f"{path}?{query}" if parts.query else path
        if any(c in self.target or c in self.authority for c in " \r\n\t\x00"):
            raise InvalidURL("control characters in the URL")


class Response:
    def __init__(self, status: int, headers: Headers, body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body


def _tls_context() -> ssl.SSLContext:
    """The CA store once per run (loading it costs 30 ms): certifi's when installed, as browsers
    ship their own, else the system's."""
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except ImportError:  # pragma: no cover - certifi comes with most installs
        return ssl.create_default_context()


class Client:
    """Requests over pooled connections; the pool is the caller's (one per host)."""

    def __init__(self, connector: Connector, keepalive: float = 5.0) -> None:
        self.connector = connector
        self.keepalive = keepalive
        self._tls: ssl.SSLContext | None = None

    def tls(self) -> ssl.SSLContext:
        if self._tls is None:
            self._tls = _tls_context()
        return self._tls

    async def _connect(self, target: Target) -> Connection:
        try:
            reader, writer = await self.connector.open(
                target.host, target.port, self.tls() if target.tls else None, _HEAD_LIMIT
            )
        except ssl.SSLError as exc:
            raise ConnectError(f"SSL: {exc}") from None
        except OSError as exc:
            raise ConnectError(str(exc) or type(exc).__name__) from exc
        return Connection(reader, writer)

    async def request(
        self,
        method: str,
        target: Target,
        headers: Mapping[str, str],
        cap: int,
        pool: list[Connection],
    ) -> Response:
        """Send one request and read the answer, the body up to ``cap`` bytes. A connection whose
        answer was read to its end goes back to ``pool``; one cut short is closed."""
        loop = asyncio.get_running_loop()
        lines = [f"{method} {target.target} HTTP/1.1", f"Host: {target.authority}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        try:
            payload = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        except UnicodeEncodeError:
            raise InvalidURL("a header cannot be sent as latin-1") from None
        while True:
            connection = None
            while pool:
                candidate = pool.pop()
                if candidate.usable(loop.time(), self.keepalive):
                    connection = candidate
                    break
                candidate.close()
            fresh = connection is None
            if connection is None:
                connection = await self._connect(target)
            try:
                response, reusable = await self._exchange(connection, method, payload, cap)
            except _Stale:
                connection.close()
                if fresh:
                    raise ProtocolError("the server closed the connection without answering") from None
                continue  # a keep-alive connection the server had closed meanwhile: once more, afresh
            except BaseException:
                connection.close()
                raise
            if reusable:
                connection.idle_since = loop.time()
                pool.append(connection)
            else:
                connection.close()
            return response

    async def _exchange(self, connection: Connection, method: str, payload: bytes, cap: int) -> tuple[Response, bool]:
        reader, writer = connection.reader, connection.writer
        reused, connection.used = connection.used, True
        try:
            writer.write(payload)
            await writer.drain()
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except asyncio.IncompleteReadError as exc:
                    if not exc.partial:
                        raise _Stale from None
                    raise ProtocolError("the server closed the connection in the middle of its answer") from None
                except asyncio.LimitOverrunError:
                    raise ProtocolError(f"headers longer than {_HEAD_LIMIT} bytes") from None
                status, version, headers = _parse_head(head)
                if not 100 <= status < 200 or status == 101:
                    break  # 100 Continue and 103 Early Hints come before the answer
            body, reusable = b"", True
            if method != "HEAD" and status not in (204, 304) and not 100 <= status < 200:
                body, reusable = await _read_body(reader, headers, cap)
            connection_header = (headers.get("connection") or "").lower()
            keep = "close" not in connection_header and (version == "HTTP/1.1" or "keep-alive" in connection_header)
            return Response(status, headers, body), reusable and keep
        except (ConnectionResetError, BrokenPipeError) as exc:
            if reused:  # the server had closed the idle connection
                raise _Stale from None
            raise ReadError(str(exc) or type(exc).__name__) from None
        except OSError as exc:
            raise ReadError(str(exc) or type(exc).__name__) from None


class _Stale(Exception):
    """The connection closed before a single byte of answer."""


def _parse_head(head: bytes) -> tuple[int, str, Headers]:
    text = head.decode("latin-1")
    lines = text.split("\r\n")
    status_line = lines[0].split(" ", 2)
    if len(status_line) < 2 or not status_line[0].startswith("HTTP/1.") or not status_line[1].isascii():
        raise ProtocolError(f"not an HTTP/1 answer: {lines[0][:80]!r}")
    try:
        status = int(status_line[1])
    except ValueError:
        raise ProtocolError(f"no status code in {lines[0][:80]!r}") from None
    if not 100 <= status <= 999:
        raise ProtocolError(f"status code {status} out of range")
    items: list[tuple[str, str]] = []
    for line in lines[1:]:
        if not line:
            continue
        if line[0] in " \t" and items:  # an obsolete folded line continues the last header
            name, value = items[-1]
            items[-1] = (name, f"{value} {line.strip()}")
            continue
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip():
            raise ProtocolError(f"malformed header line {line[:80]!r}")
        items.append((name, value.strip()))
    return status, status_line[0], Headers(items)


async def _read_body(reader: asyncio.StreamReader, headers: Headers, cap: int) -> tuple[bytes, bool]:
    """The body, up to ``cap`` bytes; whether it was read to its end (so the connection can be reused)."""
    try:
        if "chunked" in (headers.get("transfer-encoding") or "").lower():
            body = bytearray()
            while True:
                line = await reader.readuntil(b"\r\n")
                try:
                    size = int(line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    raise ProtocolError("malformed chunk size") from None
                if size == 0:
                    while (await reader.readuntil(b"\r\n")) != b"\r\n":  # trailers
                        pass
                    return bytes(body), True
                if len(body) + size > cap:
                    body += await reader.readexactly(cap - len(body))
                    return bytes(body), False
                body += await reader.readexactly(size)
                await reader.readexactly(2)
        length_header = headers.get("content-length")
        if length_header is not None:
            values = {v.strip() for v in length_header.split(",")}
            if len(values) != 1 or not next(iter(values)).isdigit() or not next(iter(values)).isascii():
                raise ProtocolError(f"malformed Content-Length {length_header!r}")
            length = int(next(iter(values)))
            if length > cap:
                return await reader.readexactly(cap), False
            return await reader.readexactly(length), True
        data = await reader.read(cap)  # the body runs to the end of the connection
        body = bytearray(data)
        while data and len(body) < cap:
            data = await reader.read(cap - len(body))
            body += data
        return bytes(body), False
    except asyncio.IncompleteReadError:
        raise ProtocolError("the server closed the connection in the middle of the body") from None
    except asyncio.LimitOverrunError:
        raise ProtocolError("a chunk line too long") from None
