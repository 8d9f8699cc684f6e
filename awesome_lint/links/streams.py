"""httpcore network streams on plain asyncio (Python 3.11 and newer).

httpcore's own asyncio backend goes through anyio, whose cancel scope around every read and
write cost about a quarter of each request's CPU time in a link check; asyncio.timeout does
the same job for less. On older Pythons (no ``asyncio.timeout``, no ``StreamWriter.start_tls``)
the checker uses httpcore's anyio backend instead.
"""

from __future__ import annotations

import asyncio
import ssl
import sys
from typing import Any

import httpcore

_READ_LIMIT = 2**16

if sys.version_info >= (3, 11):  # asyncio.timeout and StreamWriter.start_tls; the guard calls this only there

    class AsyncioStream(httpcore.AsyncNetworkStream):
        def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.reader = reader
            self.writer = writer

        async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            try:
                if timeout is None:  # no timer to set and cancel: the caller bounds the whole exchange
                    return await self.reader.read(max_bytes)
                async with asyncio.timeout(timeout):
                    return await self.reader.read(max_bytes)
            except TimeoutError:
                raise httpcore.ReadTimeout("timed out reading") from None
            except OSError as exc:
                raise httpcore.ReadError(str(exc) or type(exc).__name__) from None

        async def write(self, buffer: bytes, timeout: float | None = None) -> None:
            if not buffer:
                return
            try:
                self.writer.write(buffer)
                if timeout is None:
                    await self.writer.drain()
                else:
                    async with asyncio.timeout(timeout):
                        await self.writer.drain()
            except TimeoutError:
                raise httpcore.WriteTimeout("timed out writing") from None
            except OSError as exc:
                raise httpcore.WriteError(str(exc) or type(exc).__name__) from None

        async def aclose(self) -> None:
            self.writer.close()

        async def start_tls(
            self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
        ) -> httpcore.AsyncNetworkStream:
            try:
                async with asyncio.timeout(timeout):
                    await self.writer.start_tls(ssl_context, server_hostname=server_hostname)
            except TimeoutError:
                self.writer.close()
                raise httpcore.ConnectTimeout("timed out in the TLS handshake") from None
            except (ssl.SSLError, OSError) as exc:
                self.writer.close()
                raise httpcore.ConnectError(f"SSL: {exc}") from None
            return self

        def get_extra_info(self, info: str) -> Any:
            if info == "is_readable":
                # did the server hang up on this idle connection? asyncio reads sockets as data
                # arrives, so the answer is in the reader, not in polling the socket again
                return self.reader.at_eof() or self.writer.transport.is_closing()
            if info == "ssl_object":
                return self.writer.get_extra_info("ssl_object")
            if info == "client_addr":
                return self.writer.get_extra_info("sockname")
            if info == "server_addr":
                return self.writer.get_extra_info("peername")
            if info == "socket":
                return self.writer.get_extra_info("socket")
            return None

    async def connect(address: str, port: int, timeout: float | None) -> AsyncioStream:
        try:
            async with asyncio.timeout(timeout):
                reader, writer = await asyncio.open_connection(address, port, limit=_READ_LIMIT)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"timed out connecting to {address}") from None
        except OSError as exc:  # chained: the checker tells a refusal from an unreachable network by errno
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        return AsyncioStream(reader, writer)
