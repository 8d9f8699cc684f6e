"""One host's connections, kept open between its requests.

httpx's own transport hands each request to httpcore's ``AsyncConnectionPool``, which queues it,
gives it an event to wait on, and rescans every connection (under locks) whenever a request
arrives or an answer is closed: in a link check that bookkeeping was a fifth of each request's
CPU time. The checker never has more requests in flight to one host than its per-host limit (it
holds the host's semaphore while it asks), so a host never needs a queue: a request takes an
idle connection that is still good or opens one, and httpcore's HTTP/1.1 connection marks itself
idle again once its answer has been read to the end (or closes itself when it was not). The
HTTP itself is httpcore's and h11's, as in any httpx client; every connection is opened by the
guarded network backend, so every address is vetted as before.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterable, Callable
from typing import Any

import httpcore

# map_httpcore_exceptions: the same translation httpx.AsyncHTTPTransport applies, httpcore's
# errors as httpx's, the original chained (the checker reads the operating system's errno from it)
from ._httpx import httpx, map_httpcore_exceptions


class _Connection(httpcore.AsyncHTTP11Connection):
    """httpcore's HTTP/1.1 connection, its state guarded by an asyncio lock.

    httpcore's own lock (anyio's) yields to the event loop on every acquisition, even with no
    one waiting: twice per request, each a full turn of the loop. A connection here serves one
    request at a time (the pool hands out idle ones only), so the lock is never contended and
    asyncio's, which yields only to wait, does the same job. Were httpcore to rename the
    attribute, this would only be slower, never wrong.
    """

    def __init__(self, origin: httpcore.Origin, stream: httpcore.AsyncNetworkStream, keepalive_expiry: float) -> None:
        super().__init__(origin, stream, keepalive_expiry=keepalive_expiry)
        self._state_lock = asyncio.Lock()  # type: ignore[assignment]


class HostPool:
    def __init__(
        self, backend: httpcore.AsyncNetworkBackend, tls: Callable[[], ssl.SSLContext], keepalive_expiry: float = 5.0
    ) -> None:
        self.backend = backend
        self.tls = tls  # called for the first https connection only: plain-HTTP hosts never load the CA store
        self.keepalive_expiry = keepalive_expiry
        self.connections: list[httpcore.AsyncHTTP11Connection] = []

    async def exchange(
        self,
        method: bytes,
        url: httpx.URL,
        headers: list[tuple[bytes, bytes]],
        extensions: dict[str, Any],
        limit: int,
    ) -> tuple[int, httpx.Headers, bytes]:
        """One request and its answer: the status, the headers and at most ``limit`` bytes of body.

        What httpx.AsyncHTTPTransport does with an ``httpx.Request``, without building the
        request and response objects the checker does not need: httpx parsed the URL (IDNA,
        percent-encoding, its validation) and normalised the headers; httpcore's errors come out
        as httpx's. A body read to its end leaves the connection idle for the host's next
        request; one longer than the limit is cut off (and its connection closed), never read whole.
        """
        request = httpcore.Request(
            method,
            httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path),
            headers=headers,
            extensions=extensions,
        )
        body = bytearray()
        with map_httpcore_exceptions():
            answer = await self._handle(request)
            stream = answer.stream
            assert isinstance(stream, AsyncIterable)
            try:
                async for chunk in stream:
                    body += chunk
                    if len(body) >= limit:
                        break
            finally:
                await stream.aclose()  # type: ignore[attr-defined]
        return answer.status, httpx.Headers(answer.headers), bytes(body[:limit])

    async def _handle(self, request: httpcore.Request) -> httpcore.Response:
        while True:
            connection = await self._idle(request.url.origin) or await self._connect(request)
            try:
                return await connection.handle_async_request(request)
            except httpcore.ConnectionNotAvailable:  # taken meanwhile: another one
                continue

    async def _idle(self, origin: httpcore.Origin) -> httpcore.AsyncHTTP11Connection | None:
        """An idle connection to ``origin`` the server has not closed; closed and stale ones are dropped."""
        found = None
        keep = []
        for connection in self.connections:
            if connection.is_closed():
                continue
            if found is None and connection.is_idle() and connection.can_handle_request(origin):
                if connection.has_expired():  # idle too long, or the server hung up
                    await connection.aclose()
                    continue
                found = connection
            keep.append(connection)
        self.connections = keep
        return found

    async def _connect(self, request: httpcore.Request) -> httpcore.AsyncHTTP11Connection:
        origin = request.url.origin
        timeout = request.extensions.get("timeout", {}).get("connect")
        host = origin.host.decode("ascii")
        stream = await self.backend.connect_tcp(host, origin.port, timeout=timeout)
        if origin.scheme == b"https":
            try:
                stream = await stream.start_tls(self.tls(), server_hostname=host, timeout=timeout)
            except BaseException:
                await stream.aclose()
                raise
        connection = _Connection(origin, stream, self.keepalive_expiry)
        self.connections.append(connection)
        return connection

    async def aclose(self) -> None:
        connections, self.connections = self.connections, []
        for connection in connections:
            await connection.aclose()
