"""A small, polite HTTP client for the record APIs: guarded, spaced, retried, counted.

Requests to these APIs are few (a batch of 100 papers is one request) and go one after another,
so this is plain blocking ``http.client``. Like the link checker it never connects to a
private address unless ``allow-networks`` names it (an API base comes from a config file), and
connects to the address it checked. A 429 or 5xx is retried after the server's ``Retry-After``
(or an exponential backoff); an answer that never comes, or keeps failing, makes the API
*unavailable*, which the caller turns into "could not confirm", never into a finding.
"""

from __future__ import annotations

import email.utils
import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

from .options import PaperOptions

_MAX_BODY = 16 * 1024 * 1024  # a batch of 500 Semantic Scholar records is well under this


class Unavailable(Exception):
    """The API did not answer usefully; the message says how."""


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


class Client:
    def __init__(self, options: PaperOptions, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.options = options
        self.sleep = sleep
        self.requests = 0  # sent over the network, retries included
        self.waits: list[float] = []  # every pause taken (spacing and retries), for the curious
        self._last: dict[str, float] = {}  # when each API base was last asked
        self._ssl: ssl.SSLContext | None = None

    def _connect(self, host: str, port: int) -> socket.socket:
        """A connection to the first of the host's (checked) addresses that answers."""
        last: OSError | None = None
        for address in self._addresses(host, port):
            try:
                return socket.create_connection((address, port), timeout=self.options.timeout)
            except OSError as exc:  # refused or unreachable there (IPv6 without a route): the next
                last = exc
        assert last is not None
        raise last

    def _addresses(self, host: str, port: int) -> list[str]:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror:
            raise Unavailable(f"unknown host {host}") from None
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
        for address in addresses:
            if not (_public(address) or any(address in net for net in self.options.allow_networks)):
                raise Unavailable(f"{host} is a private address ({address}); add it to papers.allow-networks")
        return [str(a) for a in dict.fromkeys(addresses)]

    def _once(self, method: str, url: str, headers: Mapping[str, str], body: bytes | None) -> tuple[int, str, bytes]:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        timeout = self.options.timeout
        conn: http.client.HTTPConnection
        sock = self._connect(host, port)
        if parts.scheme == "https":
            if self._ssl is None:
                self._ssl = ssl.create_default_context()
            conn = http.client.HTTPSConnection(host, port, timeout=timeout)
            sock = self._ssl.wrap_socket(sock, server_hostname=host)
        else:
            conn = http.client.HTTPConnection(host, port, timeout=timeout)
        conn.sock = sock
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        sent = {"User-Agent": self.options.user_agent, "Accept": "application/json", **headers}
        try:
            self.requests += 1
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            data = response.read(_MAX_BODY + 1)
            if len(data) > _MAX_BODY:
                raise Unavailable("the answer was too large")
            return response.status, response.getheader("Retry-After") or "", data
        finally:
            conn.close()

    def request(
        self,
        url: str,
        *,
        method: str = "GET",
        headers: Mapping[str, str] | None = None,
        body: bytes | None = None,
        interval: float = 0.0,
    ) -> tuple[int, bytes]:
        """One API call, spaced ``interval`` seconds after the last call to the same base."""
        base = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        problem = ""
        for attempt in range(self.options.retries + 1):
            last = self._last.get(base)
            if last is not None and interval:
                wait = last + interval - time.monotonic()
                if wait > 0:
                    self.waits.append(wait)
                    self.sleep(wait)
            self._last[base] = time.monotonic()
            wait = self.options.backoff * 2**attempt
            try:
                status, after, data = self._once(method, url, headers or {}, body)
            except Unavailable:
                raise
            except (OSError, http.client.HTTPException) as exc:
                problem = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            else:
                if status < 500 and status != 429:
                    return status, data
                problem = f"HTTP {status}"
                told = retry_after(after)
                if told is not None:
                    if told > self.options.max_retry_wait:
                        raise Unavailable(f"HTTP {status}, asked to wait {told:g} s")
                    wait = told
            if attempt < self.options.retries:
                self.waits.append(wait)
                self.sleep(wait)
        raise Unavailable(problem)
