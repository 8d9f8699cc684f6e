"""Check many URLs at once, politely, and tell dead from merely unverifiable.

One asyncio run with httpx. Each distinct URL (fragment dropped) is requested once. A global
semaphore bounds the requests in flight, a per-host one (host:port) bounds what one server
sees, and an optional interval spaces a host's requests. HEAD first; GET when HEAD is refused
or fails, reading at most ``max-body`` bytes (to recognise bot challenges on error pages, and
so that a short page leaves its connection open for the next request). Redirects are followed
by hand, so every hop passes the address guard and the permanent ones can be told apart.

Verdicts, from the strongest evidence only:

* ``dead``: 404 or 410 (after GET too), an unknown host, a refused connection (seen twice).
* ``redirected``: the first hops are permanent (301/308) and the end is alive.
* ``blocked``: 401/403, 999, 418, 429 after retries, or a host the circuit breaker stopped.
* ``transient``: timeouts, resets, an unreachable network, 5xx after retries with exponential
  backoff, a host given up, the run's deadline, or anything else that went wrong for one link.
* ``skipped``: not checked by policy (a private address, a redirect to a non-web scheme).

Every run is bounded: a request gets ``timeout`` seconds in all (a server trickling a header
line every half second is cut there too); a timeout is retried once at most; a host that times
out twice in a row, or answers ``breaker`` times in a row with a refusal or a 5xx, gets no more
requests; and the run ends at ``deadline`` seconds, the links not finished by then unverifiable.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import heapq
import math
import re
import ssl
import sys
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import quote, urljoin, urlsplit

from ..knowledge import hosts as known
from . import LinkResult, Verdict
from ._httpx import httpx
from .guard import BlockedAddress, GuardedBackend, Policy, UnknownHost
from .options import LinkOptions, token_for
from .pool import HostPool

Progress = Callable[[int, int, str], None]

_API_BODY = 8 * 1024 * 1024  # an arXiv batch of 100 abstracts is a few hundred KB
_ARXIV_BATCH = 100
_BLOCKING = frozenset({401, 403, 418, 429, 999})  # answers that, repeated, open a host's circuit breaker
_CHALLENGE_BODY = (b"just a moment", b"captcha", b"attention required", b"challenge-platform", b"are you a robot")


class _Tripped(Exception):
    """The host's circuit breaker is open: it kept refusing us or timing out, so we stopped asking."""

    def __init__(self, verdict: Verdict, reason: str) -> None:
        super().__init__(reason)
        self.verdict = verdict
        self.reason = reason

    def again(self) -> _Tripped:
        """A fresh exception for each refused link: one instance raised again keeps every traceback."""
        return _Tripped(self.verdict, self.reason)


class _Unavailable(Exception):
    """An API kept failing; the message says how."""


@dataclass
class _Answer:
    status: int
    headers: httpx.Headers
    body: bytes
    url: str  # the last hop
    permanent_target: str | None = None  # where the leading permanent redirects lead


@dataclass
class _Attempt:
    verdict: Verdict
    detail: str
    status: int | None = None
    final_url: str | None = None
    retry: bool = False  # worth another attempt
    timed_out: bool = False  # a timeout: retried once at most
    tripped: bool = False  # not asked: the host's circuit breaker is open
    wait: float | None = None  # the server's Retry-After, in seconds
    confirm: bool = False  # dead, but ask once more before saying so


class _Host:
    """One host:port: its limits, its circuit breaker, and its own connections.

    A host's connections are its own (:class:`HostPool`), closed as soon as the host has
    nothing left to check, so a list of 5,000 hosts never holds 5,000 idle sockets.
    """

    def __init__(self, per_host: int) -> None:
        self.semaphore = asyncio.Semaphore(per_host)
        self.lock = asyncio.Lock()
        self.next_start = 0.0
        self.failing_in_row = 0  # refusals (401, 403, 429, ...) and 5xx answers since the last good one
        self.timeouts_in_row = 0
        self.tripped: _Tripped | None = None  # why the host gets no more requests
        self.pending = 0  # URLs still to check whose first request goes here
        self.inflight = 0
        self.pool: HostPool | None = None
        self.changed: asyncio.Event | None = None  # set (and dropped) when a request ends or is judged

    def pulse(self) -> None:
        """Wake whoever waits for the host to settle; nobody does, nearly always, so no event is
        made until someone waits (two per request were a few percent of a request's CPU)."""
        if self.changed is not None:
            self.changed.set()
            self.changed = None

    async def settled(self) -> None:
        """Wait while the host is on probation: it has just timed out and has requests in flight.

        Those will answer (and clear it) or time out too (and give it up); a request started
        meanwhile would only add its own timeout to the run's length.
        """
        while self.timeouts_in_row and self.inflight and self.tripped is None:
            if self.changed is None:
                self.changed = asyncio.Event()
            await self.changed.wait()

    async def release(self) -> None:
        if self.pool is not None and self.pending <= 0 and self.inflight == 0:
            pool, self.pool = self.pool, None
            await pool.aclose()


class _Work:
    """Which URL a runner takes next: the next one of the host with the most URLs left among the
    hosts with fewer than ``per_host`` runners on them.

    Every host keeps its share of the runners, so that the hosts finish together (no long tail of
    one host's URLs at the end), and a runner that finishes a URL takes the next one at once, in
    the same step. A runner per host and per-host slot, more runners than the run's concurrency,
    each waiting for a global slot instead, made every request a hand-over: the runner freed a
    slot, a waiting one was woken and sent its request only on the event loop's next turn, after
    every answer that had arrived meanwhile (measured: a 1,000-link run 3% longer, 5-20% more CPU
    per request).
    """

    def __init__(self, queues: dict[_Host, deque[str]], per_host: int) -> None:
        self.queues = queues
        self.per_host = per_host
        self.runners = dict.fromkeys(queues, 0)
        self.heap = [(-len(queue), n, host) for n, (host, queue) in enumerate(queues.items()) if queue]
        heapq.heapify(self.heap)
        self.turn = len(self.heap)  # ties go to the host that waited longest
        self.full: set[_Host] = set()  # hosts with URLs left and ``per_host`` runners on them

    def capacity(self) -> int:
        """How many runners could work at once: ``per_host`` on each host, or fewer URLs."""
        return sum(min(self.per_host, len(queue)) for queue in self.queues.values())

    def take(self) -> tuple[_Host, str] | None:
        if not self.heap:
            return None
        _, _, host = heapq.heappop(self.heap)
        queue = self.queues[host]
        url = queue.popleft()
        self.runners[host] += 1
        if queue:
            if self.runners[host] < self.per_host:
                self._offer(host)
            else:
                self.full.add(host)
        return host, url

    def done(self, host: _Host) -> None:
        self.runners[host] -= 1
        if host in self.full:
            self.full.discard(host)
            self._offer(host)

    def _offer(self, host: _Host) -> None:
        self.turn += 1
        heapq.heappush(self.heap, (-len(self.queues[host]), self.turn, host))


_DELTA_SECONDS = re.compile(r"[0-9]+", re.ASCII)  # not str.isdigit(), which takes "²" and "٣"
_LONGEST_WAIT = 1e9  # seconds; anything longer is "longer than we wait" all the same


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date.

    Anything else (a negative number, ``nan``, ``inf``, a superscript digit, garbage, a date
    that cannot be) is None, as if the header were absent; never an exception.
    """
    if not value:
        return None
    value = value.strip()
    if _DELTA_SECONDS.fullmatch(value):
        return min(float(value), _LONGEST_WAIT)  # float() of 400 digits is inf, not an error
    import email.utils  # only for a date: most servers send seconds, and most answers none

    try:
        when = email.utils.parsedate_to_datetime(value)
        seconds = when.timestamp() - (time.time() if now is None else now)
    except (TypeError, ValueError, OverflowError, IndexError, AttributeError):
        return None
    if not math.isfinite(seconds):
        return None
    return min(max(0.0, seconds), _LONGEST_WAIT)


def server_wait(headers: httpx.Headers, now: float | None = None) -> float | None:
    """The first usable ``Retry-After`` when a server sent several."""
    for value in headers.get_list("retry-after"):
        wait = retry_after(value, now)
        if wait is not None:
            return wait
    return None


_UNREACHABLE = {
    errno.ENETUNREACH: "network unreachable",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ENETDOWN: "network down",
    errno.EHOSTDOWN: "host down",
    errno.EADDRNOTAVAIL: "no local address to connect from",
}


def connect_errno(exc: BaseException) -> int | None:
    """The operating system's error number behind a failed connection, if one is known."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            break
        number = getattr(seen, "errno", None)
        if isinstance(number, int):
            return number
        seen = seen.__cause__ or seen.__context__
    return None


def challenge_sign(headers: httpx.Headers, body: bytes) -> str:
    """What shows a response is a bot challenge rather than a real refusal, or ''."""
    if "cf-mitigated" in headers:
        return f"cf-mitigated: {headers['cf-mitigated']}"
    if "x-amzn-waf-action" in headers:
        return "AWS WAF challenge"
    lowered = body[:4096].lower()
    for sign in _CHALLENGE_BODY:
        if sign in lowered:
            return f"challenge page ({sign.decode()!r})"
    if headers.get("server", "").lower() == "cloudflare":
        return "served by Cloudflare"
    return ""


class Checker:
    def __init__(
        self,
        options: LinkOptions,
        *,
        progress: Progress | None = None,
        env: Mapping[str, str] | None = None,
        ends_at: float | None = None,  # time.monotonic() when the run must end
    ) -> None:
        import os

        self.options = options
        self.policy = Policy(options.allow_networks)
        # the token decides whether the GitHub API is asked; whether it is sent is token_for's call
        self.token = (env if env is not None else os.environ).get("GITHUB_TOKEN") or None
        self.authorization = token_for(options, self.token)
        self.ends_at = ends_at if ends_at is not None else time.monotonic() + options.deadline
        self.results: dict[str, LinkResult] = {}
        self.progress = progress
        self.hosts: dict[str, _Host] = {}
        self.host_of: dict[str, _Host] = {}  # each URL's host, parsed once
        self.keys: dict[str, str] = {}  # host_key by origin_of
        self.first_host_of: dict[str, _Host] = {}  # where each URL's check starts
        self.backend = GuardedBackend(self.policy)
        self._tls: ssl.SSLContext | None = None
        seconds = options.timeout
        # a read or a write needs no timer of its own: the whole exchange has one (see _send)
        self.timeout = {"timeout": {"connect": seconds, "read": None, "write": None, "pool": seconds}}
        self.raw_headers = httpx.Headers(self._headers(None)).raw  # normalised once, not per request
        self.done = 0
        self.total = 0
        self.requests = 0  # sent over the network, redirect hops and retries included
        self.unknown_hosts: set[str] = set()
        self.work = _Work({}, options.per_host)
        self.wanted = 0  # runners the run keeps working: its concurrency, or fewer when fewer URLs can be
        self.awake = 0  # runners not waiting out a retry's backoff
        self.runners: set[asyncio.Future[None]] = set()
        self.stopping = False

    # -- plumbing ----------------------------------------------------------------------------

    def _headers(self, extra: Mapping[str, str] | None) -> dict[str, str]:
        headers = {
            "User-Agent": self.options.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "Accept-Language": "en",
        }
        if extra:
            headers.update(extra)
        return headers

    def _host(self, url: str) -> _Host:
        host = self.host_of.get(url)
        if host is None:
            start = origin_of(url)
            key = self.keys.get(start)
            if key is None:  # parsing each URL was most of the time to set up a 1,000-link run
                key = self.keys[start] = host_key(start)
            host = self.hosts.get(key)
            if host is None:
                host = self.hosts[key] = _Host(self.options.per_host)
            self.host_of[url] = host
        return host

    async def _enter(self, url: str) -> _Host:
        """A turn to talk to ``url``'s host: within the global and per-host limits, spaced by
        the interval, and refused once the host's circuit breaker is open. The caller gives it
        back with :meth:`_leave` (two plain calls, not an async context manager: a generator
        and its frames per request cost more than the limits themselves)."""
        host = self._host(url)
        if host.tripped:
            raise host.tripped.again()
        # the host's turn first: a task holding a global slot while it waits for a busy host
        # would keep the other hosts waiting too
        await host.semaphore.acquire()
        try:
            await host.settled()
            await self.semaphore.acquire()
        except BaseException:
            host.semaphore.release()
            raise
        try:
            if host.tripped:
                raise host.tripped.again()
            if self.options.interval:
                async with host.lock:
                    wait = host.next_start - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    host.next_start = time.monotonic() + self.options.interval
        except BaseException:
            self.semaphore.release()
            host.semaphore.release()
            raise
        host.inflight += 1
        return host

    async def _leave(self, host: _Host) -> None:
        host.inflight -= 1
        self.semaphore.release()
        host.semaphore.release()
        host.pulse()
        await host.release()

    def tls(self) -> ssl.SSLContext:
        """The TLS settings every https connection shares, made at the first one: loading the CA
        store costs 20-50 ms, which a run over plain HTTP never needs."""
        if self._tls is None:
            self._tls = tls_context()
        return self._tls

    async def _send(
        self,
        host: _Host,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        cap: int | None = None,
    ) -> tuple[int, httpx.Headers, bytes]:
        """One request to ``host`` (the caller holds its slot); a body is read only when asked for
        (``cap``) or for an error page, and never beyond its cap."""
        self.requests += 1
        # headers or a body trickled a line at a time would beat per-read timeouts: the whole
        # exchange gets ``timeout`` seconds
        deadline = self.options.timeout
        try:
            if sys.version_info >= (3, 11):
                async with asyncio.timeout(deadline):  # no task per request, unlike wait_for
                    return await self._exchange(host, method, url, headers, cap)
            return await asyncio.wait_for(self._exchange(host, method, url, headers, cap), deadline)  # pragma: no cover
        except (BlockedAddress, UnknownHost):
            self.requests -= 1  # refused before anything was sent
            raise

    async def _exchange(
        self, host: _Host, method: str, url: str, headers: Mapping[str, str] | None, cap: int | None
    ) -> tuple[int, httpx.Headers, bytes]:
        # straight to the host's connections: httpx.AsyncClient's cookie jar, auth and redirect
        # layers cost a third of each request's time, and redirects are followed here anyway
        target = httpx.URL(url)
        raw = self.raw_headers if not headers else httpx.Headers(self._headers(headers)).raw
        if target.host:  # as httpx.Request adds it
            raw = [(b"Host", target.netloc), *raw]
        if host.pool is None:
            host.pool = HostPool(self.backend, self.tls)
        limit = cap if cap is not None else self.options.max_body
        return await host.pool.exchange(method.encode("ascii"), target, raw, self.timeout, limit)

    async def _head_or_get(self, url: str, extra: Mapping[str, str] | None = None) -> tuple[int, httpx.Headers, bytes]:
        """HEAD, then GET if HEAD was refused (405, 501), failed, or gave an error page; both in
        one slot, so the host's answer is complete before the breaker judges it."""
        host = await self._enter(url)
        try:
            try:
                status, headers, body = await self._send(host, "HEAD", url, headers=extra)
            except (httpx.RemoteProtocolError, httpx.ReadError):  # some servers cannot answer HEAD
                status, headers, body = await self._send(host, "GET", url, headers=extra)
            else:
                if status >= 400 and status != 429:
                    status, headers, body = await self._send(host, "GET", url, headers=extra)
        except (httpx.TimeoutException, asyncio.TimeoutError):
            self._timed_out(url, host)
            raise
        else:
            self._answered(url, host, status)
        finally:
            await self._leave(host)
        return status, headers, body

    def _timed_out(self, url: str, host: _Host) -> None:
        host.pulse()
        host.timeouts_in_row += 1
        if host.timeouts_in_row >= 2 and host.tripped is None:
            name = urlsplit(url).netloc
            reason = f"not checked: {name} timed out twice in a row, so it was given up for this run"
            host.tripped = _Tripped(Verdict.TRANSIENT, reason)

    def _answered(self, url: str, host: _Host, status: int, *, refusals: bool = True) -> None:
        """The circuit breaker counts refusals and server errors in a row; any other answer resets it.

        An API's refusal (a bad token's 401, a spent rate limit) is not counted (``refusals``):
        the page itself is checked instead, and other links still get their answer from the API.
        """
        host.timeouts_in_row = 0
        host.pulse()
        if (refusals and status in _BLOCKING) or status >= 500:
            host.failing_in_row += 1
            if host.failing_in_row >= self.options.breaker and host.tripped is None:
                if status >= 500:
                    reason = (
                        f"not checked: the host answered {host.failing_in_row} times in a row "
                        f"with an error (last HTTP {status})"
                    )
                    host.tripped = _Tripped(Verdict.TRANSIENT, reason)
                else:
                    host.tripped = _Tripped(Verdict.BLOCKED, "not checked: the host kept refusing automated requests")
        elif status < 400 or status in (404, 410):
            host.failing_in_row = 0

    async def _follow(self, url: str) -> _Answer | _Attempt:
        """Follow redirects by hand. Cookies a host sets along the way go back to that host for
        the rest of the chain, as a browser's would: some sites redirect to themselves once to
        set one, which without it is an endless loop."""
        current = url
        jar: dict[str, dict[str, str]] = {}
        visited: dict[str, str] = {url: ""}
        target: str | None = None
        permanent = True
        for _ in range(self.options.max_redirects + 1):
            host = (urlsplit(current).hostname or "") if jar else ""  # no cookie yet, no need to know
            cookies = jar.get(host)
            sent = "; ".join(f"{k}={v}" for k, v in cookies.items()) if cookies else ""
            status, headers, body = await self._head_or_get(current, {"Cookie": sent} if sent else None)
            for value in headers.get_list("set-cookie"):
                name, _, rest = value.partition("=")
                if name.strip():
                    host = urlsplit(current).hostname or ""
                    jar.setdefault(host, {})[name.strip()] = rest.split(";", 1)[0].strip()
            location = headers.get("location")
            if not (300 <= status < 400 and status != 304 and location):
                return _Answer(status, headers, body, current, target)
            nxt = urljoin(current, location.strip())
            if urlsplit(nxt).scheme.lower() not in ("http", "https"):
                return _Attempt(Verdict.SKIPPED, f"redirects to {nxt}, which is not a web address", status)
            if permanent and status in (301, 308):
                target = nxt
            else:
                permanent = False
            state = repr(sorted(jar.get(urlsplit(nxt).hostname or "", {}).items()))
            if visited.get(nxt) == state:  # back where it was, knowing nothing new: a loop
                return _Attempt(Verdict.DEAD, f"redirect loop at {nxt}", status)
            visited[nxt] = state
            current = nxt
        return _Attempt(Verdict.DEAD, f"more than {self.options.max_redirects} redirects", None)

    # -- plain web pages -----------------------------------------------------------------------

    async def _attempt(self, url: str) -> _Attempt:
        try:
            answer = await self._follow(url)
        except _Tripped as exc:
            return _Attempt(exc.verdict, exc.reason, tripped=True)
        except BlockedAddress as exc:
            return _Attempt(Verdict.SKIPPED, f"not checked: {exc}; add it to links.allow-networks to check it")
        except UnknownHost as exc:
            self.unknown_hosts.add(exc.host)
            return _Attempt(Verdict.DEAD, f"unknown host {exc.host}", confirm=True)
        except (httpx.TimeoutException, asyncio.TimeoutError):
            timeout = f"{self.options.timeout:g}"
            return _Attempt(Verdict.TRANSIENT, f"timed out after {timeout} s", retry=True, timed_out=True)
        except httpx.ConnectError as exc:
            text = str(exc)
            if "SSL" in text or "certificate" in text.lower():
                return _Attempt(Verdict.TRANSIENT, f"TLS handshake failed: {text}")
            number = connect_errno(exc)
            if number == errno.ECONNREFUSED:
                return _Attempt(Verdict.DEAD, "connection refused", confirm=True)
            if number in _UNREACHABLE:  # our network's state, not the link's
                return _Attempt(Verdict.TRANSIENT, f"could not connect: {_UNREACHABLE[number]}")
            return _Attempt(Verdict.TRANSIENT, f"could not connect ({text or type(exc).__name__})", retry=True)
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            return _Attempt(Verdict.DEAD, f"malformed URL ({exc})")
        except httpx.TransportError as exc:
            return _Attempt(Verdict.TRANSIENT, f"connection reset ({type(exc).__name__})", retry=True)
        if isinstance(answer, _Attempt):
            return answer
        status = answer.status
        if status < 300 or status == 304:
            if answer.permanent_target:
                return _Attempt(Verdict.REDIRECTED, f"HTTP {status}", status, answer.permanent_target)
            return _Attempt(Verdict.ALIVE, f"HTTP {status}", status)
        if status in (404, 410):
            return _Attempt(Verdict.DEAD, f"HTTP {status}", status)
        if status == 429:
            wait = server_wait(answer.headers)
            return _Attempt(Verdict.BLOCKED, "HTTP 429 (rate limited)", status, retry=True, wait=wait)
        if status in (401, 403, 418, 999) or 400 <= status < 500:
            sign = challenge_sign(answer.headers, answer.body)
            return _Attempt(Verdict.BLOCKED, f"HTTP {status}" + (f", bot challenge ({sign})" if sign else ""), status)
        if status >= 500:
            return _Attempt(
                Verdict.TRANSIENT,
                f"HTTP {status}",
                status,
                retry=True,
                wait=server_wait(answer.headers),
            )
        return _Attempt(Verdict.TRANSIENT, f"HTTP {status} without a Location", status)

    async def _check_page(self, url: str) -> LinkResult:
        attempt = 0
        timeouts = 0
        previous: _Attempt | None = None
        while True:
            result = await self._attempt(url)
            if result.tripped and previous is not None:
                # the host was given up while this link waited to try again: its own answer stands
                result, attempt = previous, attempt - 1
                break
            timeouts += result.timed_out
            if self._host(url).tripped:  # no second try where the host is given up
                break
            if result.confirm and attempt == 0:
                await self._pause(self.options.backoff / 4)
            elif result.retry and attempt < self.options.retries and timeouts <= 1:
                wait = result.wait if result.wait is not None else self.options.backoff * 2**attempt
                if result.timed_out:  # it has waited a whole timeout already
                    wait = 0.0
                if wait > self.options.max_retry_wait:
                    result.detail += f"; asked to retry after {wait:.0f} s"
                    break
                await self._pause(wait)
            else:
                break
            previous = result
            attempt += 1
        if result.retry and attempt:
            result.detail += f" (tried {attempt + 1} times)"
        return LinkResult(url, result.verdict, result.status, result.final_url, result.detail)

    # -- known hosts ---------------------------------------------------------------------------

    async def _api_get(self, url: str, headers: Mapping[str, str] | None = None) -> tuple[int, bytes]:
        """GET an API URL, retrying what is worth retrying; redirects followed within its origin."""
        timeouts = 0
        for attempt in range(self.options.retries + 1):
            wait = self.options.backoff * 2**attempt
            try:
                current = url
                for _ in range(self.options.max_redirects + 1):
                    host = await self._enter(current)
                    try:
                        status, answer_headers, body = await self._send(
                            host, "GET", current, headers=headers, cap=_API_BODY
                        )
                    finally:
                        await self._leave(host)
                    location = answer_headers.get("location")
                    if not (300 <= status < 400 and location):
                        break
                    nxt = urljoin(current, location)
                    if urlsplit(nxt)[:2] != urlsplit(current)[:2]:
                        raise _Unavailable(f"the API redirected off its host, to {nxt}")
                    current = nxt
            except (httpx.TimeoutException, asyncio.TimeoutError) as exc:
                problem = f"{type(exc).__name__}"
                timeouts += 1
                self._timed_out(current, self._host(current))
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}"
            except (_Tripped, BlockedAddress, UnknownHost) as exc:
                raise _Unavailable(str(exc) or "the API host kept refusing us") from None
            else:
                self._answered(current, self._host(current), status, refusals=False)
                if status < 500 and status != 429:
                    return status, body
                problem = f"HTTP {status}"
                wait = server_wait(answer_headers) or wait
            if timeouts > 1:
                break
            if attempt < self.options.retries and wait <= self.options.max_retry_wait:
                await asyncio.sleep(wait)
        raise _Unavailable(problem)

    async def _check_github(self, url: str, repo: known.GitHubRepo) -> LinkResult:
        api = self.options.github_api
        headers = {"Accept": "application/vnd.github+json"}
        if self.authorization:
            headers["Authorization"] = f"Bearer {self.authorization}"
        try:
            status, body = await self._api_get(f"{api}/repos/{quote(repo.owner)}/{quote(repo.repo)}", headers)
        except _Unavailable as exc:
            return LinkResult(url, Verdict.TRANSIENT, None, None, f"the GitHub API did not answer ({exc})")
        if status == 404:
            return LinkResult(
                url, Verdict.DEAD, 404, None, f"GitHub has no repository {repo.owner}/{repo.repo} (or it is private)"
            )
        if status != 200:  # a bad token or its rate limit spent: the page itself still tells
            return await self._check_page(url)
        import json

        try:
            data = json.loads(body)
            full_name, html_url, archived = str(data["full_name"]), str(data["html_url"]), bool(data.get("archived"))
        except (ValueError, KeyError, TypeError):
            return await self._check_page(url)
        if full_name.lower() != f"{repo.owner}/{repo.repo}".lower():
            return LinkResult(url, Verdict.REDIRECTED, 200, html_url, f"repository renamed to {full_name}", archived)
        return LinkResult(url, Verdict.ALIVE, 200, None, "GitHub API", archived)

    async def _check_doi(self, url: str, name: str) -> LinkResult:
        api = f"{self.options.doi_api}/api/handles/{quote(name, safe='/')}"
        try:
            status, body = await self._api_get(api, {"Accept": "application/json"})
        except _Unavailable as exc:
            return LinkResult(url, Verdict.TRANSIENT, None, None, f"the DOI resolver did not answer ({exc})")
        import json

        code = None
        with contextlib.suppress(ValueError, AttributeError):
            code = json.loads(body).get("responseCode")
        if status == 200 and code == 1:
            return LinkResult(url, Verdict.ALIVE, 200, None, "DOI registered")
        if status == 404 or code == 100:
            return LinkResult(url, Verdict.DEAD, status, None, f"DOI {name} is not registered")
        return LinkResult(url, Verdict.TRANSIENT, status, None, f"the DOI resolver answered HTTP {status}")

    async def _check_arxiv(self, urls: dict[str, str]) -> dict[str, LinkResult]:
        """``urls`` maps each arXiv URL to its identifier; batches go out ``arxiv-interval`` apart."""
        import re
        import xml.etree.ElementTree as ET

        results = self.results  # batch by batch, so a run cut by its deadline keeps those done
        wanted: dict[str, list[str]] = {}
        for url, ident in urls.items():
            problem = known.arxiv_id_problem(ident)
            if problem:
                results[url] = LinkResult(
                    url, Verdict.DEAD, None, None, f"{ident!r} is not an arXiv identifier: {problem}"
                )
                self._tick(url)
            else:
                wanted.setdefault(known.arxiv_base(ident), []).append(url)
        ids = list(wanted)
        for n, start in enumerate(range(0, len(ids), _ARXIV_BATCH)):
            batch = ids[start : start + _ARXIV_BATCH]
            if n:
                await asyncio.sleep(self.options.arxiv_interval)
            ids_param = quote(",".join(batch), safe=",/")
            query = f"{self.options.arxiv_api}/api/query?id_list={ids_param}&max_results={len(batch)}"
            found: set[str] = set()
            trouble = ""
            try:
                status, body = await self._api_get(query)
                if status != 200:
                    trouble = f"the arXiv API answered HTTP {status}"
                else:
                    root = ET.fromstring(body)
                    for node in root.iter("{http://www.w3.org/2005/Atom}id"):
                        text = (node.text or "").strip()
                        if "/api/errors" in text:
                            trouble = "the arXiv API reported an error for this batch"
                        m = re.search(r"/abs/(.+?)(?:v\d+)?$", text)
                        if m:
                            found.add(m.group(1))
                    if not found and len(batch) > 1:
                        trouble = "the arXiv API listed none of the papers asked for"
            except _Unavailable as exc:
                trouble = f"the arXiv API did not answer ({exc})"
            except ET.ParseError:
                trouble = "the arXiv API answered with malformed XML"
            for ident in batch:
                for url in wanted[ident]:
                    if ident in found:
                        results[url] = LinkResult(url, Verdict.ALIVE, 200, None, "arXiv API")
                    elif trouble:
                        results[url] = LinkResult(url, Verdict.TRANSIENT, None, None, trouble)
                    else:
                        results[url] = LinkResult(url, Verdict.DEAD, None, None, f"arXiv has no paper {ident}")
                    self._tick(url)
        return results

    # -- the run -------------------------------------------------------------------------------

    def _tick(self, url: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, urlsplit(url).hostname or "")

    def _first_host(self, url: str) -> _Host:
        host = self.first_host_of.get(url)
        if host is None:  # three patterns per URL (arXiv, GitHub, DOI): once, not twice
            host = self.first_host_of[url] = self._host(first_contact(url, self.options, self.token))
        return host

    async def _one(self, url: str) -> None:
        repo = known.github_repo(url) if self.token else None
        name = known.doi(url)
        try:
            if repo is not None:
                result = await self._check_github(url, repo)
            elif name is not None:
                result = await self._check_doi(url, name)
            else:
                result = await self._check_page(url)
        except Exception as exc:  # one link's surprise is that link's verdict, never the run's end
            result = LinkResult(url, Verdict.TRANSIENT, None, None, f"not checked: {_unexpected(exc)}")
        finally:
            host = self._first_host(url)
            host.pending -= 1
            await host.release()
        self.results[url] = result
        self._tick(url)

    async def _runner(self) -> None:
        """Check URLs one after another, each time the next one :class:`_Work` gives, until none
        is left for it, or more runners are awake than the run wants (one woke from a pause)."""
        try:
            while self.awake <= self.wanted:
                taken = self.work.take()
                if taken is None:
                    break
                host, url = taken
                try:
                    await self._one(url)
                finally:
                    self.work.done(host)
        finally:
            self.awake -= 1

    def _start_runners(self) -> None:
        while not self.stopping and self.awake < self.wanted and self.work.heap:
            self.awake += 1
            runner = asyncio.ensure_future(self._runner())
            self.runners.add(runner)
            runner.add_done_callback(self.runners.discard)

    async def _pause(self, seconds: float) -> None:
        """Wait out a retry's backoff without holding a share of the run's concurrency: while
        this runner sleeps, another one is started if there is work for it (the first runner to
        finish a URL once both are awake stops)."""
        if seconds <= 0:
            await asyncio.sleep(0)
            return
        self.awake -= 1
        self._start_runners()
        try:
            await asyncio.sleep(seconds)
        finally:
            self.awake += 1

    async def _all_done(self, others: list[asyncio.Future[None]]) -> None:
        while True:
            pending = [*self.runners, *(task for task in others if not task.done())]
            if not pending:
                return
            await asyncio.wait(pending)

    async def _arxiv(self, urls: dict[str, str]) -> None:
        try:
            self.results.update(await self._check_arxiv(urls))
        except Exception as exc:
            for url in urls:
                detail = f"not checked: {_unexpected(exc)}"
                self.results.setdefault(url, LinkResult(url, Verdict.TRANSIENT, None, None, detail))
        finally:
            self._host(self.options.arxiv_api).pending -= 1

    async def run(self, urls: list[str]) -> dict[str, LinkResult]:
        """Check each URL (already without fragments, each once) and return its result.

        Whatever happens, every URL gets a result: those not finished by the deadline are
        unverifiable, saying so.
        """
        self.total = len(urls)
        self.semaphore = asyncio.Semaphore(self.options.concurrency)
        arxiv = {u: ident for u in urls if (ident := known.arxiv_id(u)) is not None}
        queues: dict[_Host, deque[str]] = {}  # each host's URLs, in the order they were given
        for url in urls:
            if url not in arxiv:
                host = self._first_host(url)
                host.pending += 1
                queues.setdefault(host, deque()).append(url)
        unfinished = False
        others: list[asyncio.Future[None]] = []
        try:
            # as many runners as requests may be in flight, each checking one URL after another,
            # rather than a task per URL: a thousand tasks blocked on semaphores took their first
            # steps before any connection could be made, delaying the first answers by 20 ms
            self.work = _Work(queues, self.options.per_host)
            self.wanted = min(self.options.concurrency, self.work.capacity())
            self._start_runners()
            if arxiv:
                self._host(self.options.arxiv_api).pending += 1  # its batches go one after another
                others.append(asyncio.ensure_future(self._arxiv(arxiv)))
            try:
                await asyncio.wait_for(self._all_done(others), max(0.0, self.ends_at - time.monotonic()))
            except asyncio.TimeoutError:
                unfinished = True
                self.stopping = True
                tasks = [*self.runners, *others]
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            for host in self.hosts.values():
                host.pending = host.inflight = 0
                await host.release()
        why = "an unexpected error"
        if unfinished:
            why = f"the run reached its deadline (links.deadline = {self.options.deadline:g} s) first"
        missing = LinkResult("", Verdict.TRANSIENT, None, None, f"not checked: {why}")
        return {url: self.results.get(url) or replace(missing, url=url) for url in urls}


def _unexpected(exc: BaseException) -> str:
    text = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"unexpected {type(exc).__name__}" + (f" ({text})" if text else "")


def first_contact(url: str, options: LinkOptions, token: str | None) -> str:
    """Where a URL's check starts: an API for the known hosts, else the URL itself."""
    if known.arxiv_id(url) is not None:
        return options.arxiv_api
    if token and known.github_repo(url) is not None:
        return options.github_api
    if known.doi(url) is not None:
        return options.doi_api
    return url


def tls_context() -> ssl.SSLContext:
    """Certificates checked against the CA store httpx uses; HTTP/1.1 only, as the connections speak."""
    context = httpx.create_ssl_context()
    context.set_alpn_protocols(["http/1.1"])
    return context


def origin_of(url: str) -> str:
    """``url`` up to the end of its authority (where urlsplit ends the netloc: the first "/", "?"
    or "#" after "//"): all that :func:`host_key` reads, and the same key for every URL of a host."""
    start = url.find("//")
    if start < 0:
        return url
    end = len(url)
    for mark in "/?#":
        at = url.find(mark, start + 2)
        if 0 <= at < end:
            end = at
    return url[:end]


def host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"
