"""Never let a README make us connect somewhere private.

A link (or any hop of its redirects) may point at a loopback, private, link-local or cloud
metadata address. Every connection goes through :class:`GuardedBackend`: it resolves the host
itself, refuses if any address is not public (unless the user allowed that network), and then
connects to the address it checked, so a second DNS answer cannot slip past the check.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import sys
from collections.abc import Iterable
from typing import Any

import anyio
import httpcore

from .options import Network

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# public by the registry's reckoning, but cloud metadata services all the same
_METADATA = (ipaddress.ip_network("192.0.0.192/32"),)


class BlockedAddress(Exception):
    def __init__(self, host: str, address: str) -> None:
        where = f"{host} is" if host.strip("[]") == address else f"{host} resolves to {address},"
        super().__init__(f"{where} a private address")
        self.host = host
        self.address = address


class UnknownHost(Exception):
    def __init__(self, host: str) -> None:
        super().__init__(f"unknown host {host}")
        self.host = host


_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052: the IPv4 address is the last 32 bits
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215: local translators, never public
_IPV4_TRANSLATED = ipaddress.ip_network("::ffff:0:0:0/96")  # RFC 2765 (SIIT)
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d


def embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address] | None:
    """The IPv4 addresses an IPv6 address carries, by which a connection can reach them.

    IPv4-mapped, IPv4-compatible, SIIT-translated, NAT64 (64:ff9b::/96), 6to4 (2002::/16) and
    Teredo (2001::/32: its server and its client) all lead to an IPv4 address: whether such an
    address may be contacted is whether those may. None when the address embeds none.
    """
    if address.ipv4_mapped is not None:
        return [address.ipv4_mapped]
    low = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _NAT64 or address in _IPV4_TRANSLATED:
        return [low]
    if address in _IPV4_COMPATIBLE and int(address) > 1:  # :: and ::1 are themselves
        return [low]
    if address.sixtofour is not None:
        return [address.sixtofour]
    if address.teredo is not None:
        return list(address.teredo)
    return None


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address):
        if address in _NAT64_LOCAL:
            return False
        inner = embedded_ipv4(address)
        if inner is not None:
            return all(is_public(v4) for v4 in inner)
    return address.is_global and not address.is_multicast and not any(address in net for net in _METADATA)


class Policy:
    def __init__(self, allowed: Iterable[Network] = ()) -> None:
        self.allowed = tuple(allowed)
        self.names_resolved = False  # did any host name resolve? If none did, we may be offline

    def permits(self, address: Address) -> bool:
        """Public, or in a network the user allowed (as written: an IPv6 form of an allowed IPv4
        address is not allowed with it, since the user named the one they meant)."""
        return is_public(address) or any(address in net for net in self.allowed)


class GuardedBackend(httpcore.AsyncNetworkBackend):
    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.inner = httpcore.AnyIOBackend()
        # one lookup per host name for the whole run, shared by every connection to it; a name
        # that failed twice is unknown from then on (offline, a lookup can take seconds to fail)
        self.lookups: dict[str, asyncio.Future[list[Address]]] = {}
        self.failures: dict[str, int] = {}

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._resolve(host, port, timeout)
        for address in addresses:
            if not self.policy.permits(address):
                raise BlockedAddress(host, str(address))
        last: Exception | None = None
        for address in addresses:
            try:
                if sys.version_info >= (3, 11) and local_address is None and not socket_options:
                    from .streams import connect

                    return await connect(str(address), port, timeout)
                return await self.inner.connect_tcp(
                    str(address), port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as exc:  # refused here: try the host's next address
                last = exc
        assert last is not None
        raise last

    async def _resolve(self, host: str, port: int, timeout: float | None) -> list[Address]:
        try:
            return [ipaddress.ip_address(host.strip("[]"))]
        except ValueError:
            pass
        if self.failures.get(host, 0) >= 2:
            raise UnknownHost(host)
        lookup = self.lookups.get(host)
        if lookup is None or (lookup.done() and lookup.exception() is not None):
            lookup = self.lookups[host] = asyncio.ensure_future(self._lookup(host, port, timeout))
        return await asyncio.shield(lookup)

    async def _lookup(self, host: str, port: int, timeout: float | None) -> list[Address]:
        try:
            if sys.version_info >= (3, 11):  # asyncio's own: anyio's would import its asyncio backend (30 ms)
                async with asyncio.timeout(timeout):
                    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
            else:  # pragma: no cover
                with anyio.fail_after(timeout):
                    infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror:
            self.failures[host] = self.failures.get(host, 0) + 1
            raise UnknownHost(host) from None
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
        addresses = list(dict.fromkeys(ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos))
        if not addresses:
            raise UnknownHost(host)
        self.policy.names_resolved = True
        return addresses

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise BlockedAddress(path, "a Unix socket")

    async def sleep(self, seconds: float) -> None:
        await anyio.sleep(seconds)
