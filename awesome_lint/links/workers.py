"""Check links in one process started early, or in several when very many requests are in flight.

One process spends about a quarter of a millisecond of CPU per request in httpx, httpcore and
h11: at the default 64 requests in flight with 50 ms answers that is under half a core, and
a second process checking did not shorten the run (measured at 64, 128 and 256 in flight on
two cores, see benchmarks/README.md). So one process checks, unless more than
``CONCURRENCY_PER_WORKER`` requests are to be in flight (or ``links.workers`` says otherwise).

That process is forked (:func:`start`) before the files are parsed: it imports the HTTP stack
(asyncio, ssl, httpx, httpcore, h11: 60-70 ms) while this one parses, then waits for the URLs.
This process never imports that stack, and the checking one ends without tearing it down
(15-30 ms at exit). Where no fork is safe (no ``fork`` start method, or other threads running)
the links are checked in this process instead.

With several processes the run is split by host (every URL whose check starts at one host goes
to the same worker, so per-host limits and the circuit breaker stay whole), each worker with its
share of the global concurrency. Every checking process reports progress and results through a
pipe.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from . import LinkResult, Verdict
from .options import LinkOptions

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

URLS_PER_WORKER = 300  # below this, a second process costs more than it saves
CONCURRENCY_PER_WORKER = 256  # requests in flight one process handles as fast as two (benchmarks/links.py)
GRACE = 30.0  # seconds a worker may overrun the deadline (closing its connections) before it is ended
TICK_EVERY = 0.05  # seconds between two progress messages from a worker


@dataclass
class Checked:
    results: dict[str, LinkResult] = field(default_factory=dict)
    requests: int = 0
    unknown_hosts: set[str] = field(default_factory=set)
    names_resolved: bool = False


def worker_count(options: LinkOptions, urls: int) -> int:
    if options.workers:
        return options.workers
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    wanted = -(-options.concurrency // CONCURRENCY_PER_WORKER)  # rounded up
    return max(1, min(cpus, 4, urls // URLS_PER_WORKER, wanted))


def partition(urls: list[str], workers: int, options: LinkOptions, token: str | None) -> list[list[str]]:
    """Whole hosts to each worker, the busiest hosts first, each to the least loaded worker."""
    from .checker import first_contact, host_key

    by_host: dict[str, list[str]] = {}
    for url in urls:
        by_host.setdefault(host_key(first_contact(url, options, token)), []).append(url)
    parts: list[list[str]] = [[] for _ in range(workers)]
    for group in sorted(by_host.values(), key=len, reverse=True):
        min(parts, key=len).extend(group)
    return [part for part in parts if part]


def _run_one(
    urls: list[str], options: LinkOptions, progress: Callable[[int, int, str], None] | None, ends_at: float
) -> Checked:
    import asyncio

    from .checker import Checker

    checker = Checker(options, progress=progress, ends_at=ends_at)
    results = asyncio.run(checker.run(urls))
    return Checked(results, checker.requests, checker.unknown_hosts, checker.policy.names_resolved)


class _Ticks:
    """Progress sent up a pipe a batch at a time: a message per link cost the checking process a
    system call per link and woke the one drawing the bar as often."""

    def __init__(self, conn: Connection, every: float = TICK_EVERY) -> None:
        self.conn = conn
        self.every = every
        self.count = 0
        self.last = time.monotonic()

    def __call__(self, done: int, total: int, host: str) -> None:
        self.count += 1
        now = time.monotonic()
        if now - self.last >= self.every:
            self.conn.send(("tick", self.count, host))
            self.count, self.last = 0, now

    def flush(self) -> None:
        if self.count:
            self.conn.send(("tick", self.count, ""))
            self.count = 0


def _worker(urls: list[str], options: LinkOptions, conn: Connection, report_progress: bool, ends_at: float) -> None:
    ticks = _Ticks(conn)
    try:
        checked = _run_one(urls, options, ticks if report_progress else None, ends_at)
        ticks.flush()
        conn.send(("done", checked))
    except BaseException as exc:  # the parent turns this into results, never a hang
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class Early:
    """The process that will check this run's links, started before its URLs are known."""

    def __init__(self, context: Any) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_early, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def check(
        self, urls: list[str], options: LinkOptions, progress: Callable[[int, int, str], None] | None, ends_at: float
    ) -> Checked:
        self.conn.send((urls, options, progress is not None, ends_at))
        return _collect({self.conn: urls}, urls, options, progress, ends_at + GRACE, [self.process])

    def cancel(self) -> None:
        """End the process if it is still there (not needed after all: nothing to check, or the run
        stopped); once it has checked, it has ended already."""
        if not self.conn.closed:
            self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


def _early(conn: Connection) -> None:
    from .checker import Checker  # noqa: F401 - the HTTP stack, imported while the parent parses

    try:
        job = conn.recv()
    except EOFError:  # the parent ended, or needs no check
        return
    urls, options, report_progress, ends_at = job
    _worker(urls, options, conn, report_progress, ends_at)


def start(options: LinkOptions) -> Early | None:
    """Start the process that will check the links, if one process will and a fork is safe.

    Called before the files are parsed, so the process imports the HTTP stack meanwhile. None
    where the links will be checked otherwise: by several workers, or in this process where
    forking is not safe (another thread could hold a lock the child would wait on for ever).
    """
    import threading

    if options.workers > 1 or (options.workers == 0 and options.concurrency > CONCURRENCY_PER_WORKER):
        return None
    if threading.active_count() > 1:
        return None
    context = _context()
    if context.get_start_method() != "fork":  # a spawned process imports everything again
        return None
    return Early(context)


def offline_adjusted(results: dict[str, LinkResult], unknown_hosts: set[str], names_resolved: bool) -> None:
    """When several hosts were unknown and not one name resolved, the machine is offline, which
    says nothing about the links: those are transient, not dead."""
    if len(unknown_hosts) >= 2 and not names_resolved:
        for url, result in results.items():
            if result.detail.startswith("unknown host"):
                results[url] = replace(
                    result, verdict=Verdict.TRANSIENT, detail=result.detail + " (no host name resolved: offline?)"
                )


def check_urls(
    urls: list[str],
    options: LinkOptions,
    progress: Callable[[int, int, str], None] | None = None,
    early: Early | None = None,
) -> Checked:
    """Check ``urls`` in the process started early, in this one, or, with very many in flight, in several."""
    ends_at = time.monotonic() + options.deadline  # one clock for every process on the machine
    workers = worker_count(options, len(urls))
    if early is not None:
        if workers <= 1:
            checked = early.check(urls, options, progress, ends_at)
            offline_adjusted(checked.results, checked.unknown_hosts, checked.names_resolved)
            return checked
        early.cancel()
    token = os.environ.get("GITHUB_TOKEN") or None
    parts = partition(urls, workers, options, token) if workers > 1 else [urls]
    if len(parts) <= 1:
        checked = _run_one(urls, options, progress, ends_at)
        offline_adjusted(checked.results, checked.unknown_hosts, checked.names_resolved)
        return checked
    context = _context()
    share = replace(options, concurrency=max(1, options.concurrency // len(parts)), workers=1)
    pending: dict[Connection, list[str]] = {}
    processes = []
    for part in parts:
        receiver, sender = context.Pipe(duplex=False)
        args = (part, share, sender, progress is not None, ends_at)
        process = context.Process(target=_worker, args=args, daemon=True)
        process.start()
        sender.close()
        pending[receiver] = part
        processes.append(process)
    total = _collect(pending, urls, options, progress, ends_at + GRACE, processes)
    offline_adjusted(total.results, total.unknown_hosts, total.names_resolved)
    return total


def _collect(
    pending: dict[Connection, list[str]],
    urls: list[str],
    options: LinkOptions,
    progress: Callable[[int, int, str], None] | None,
    give_up_at: float,
    processes: list[Any],
) -> Checked:
    """What each process checking a part of ``urls`` sends back, progress included; a process
    that fails, ends without an answer or is still at it by ``give_up_at`` leaves its part
    unverifiable, never a hang."""
    from multiprocessing.connection import Connection, wait

    total = Checked()
    done = 0
    while pending:
        ready = wait(list(pending), timeout=max(0.0, give_up_at - time.monotonic()))
        if not ready:  # stuck past the deadline: its links are unverifiable
            detail = f"not checked: the run reached its deadline (links.deadline = {options.deadline:g} s) first"
            for stuck, part in pending.items():
                stuck.close()
                for url in part:
                    total.results[url] = LinkResult(url, Verdict.TRANSIENT, None, None, detail)
            pending.clear()
            for process in processes:
                if process.is_alive():
                    process.kill()
            break
        for conn in ready:
            assert isinstance(conn, Connection)
            try:
                kind, *payload = conn.recv()
            except EOFError:
                kind, payload = "failed", ["the worker process ended without an answer"]
            if kind == "tick":
                done += payload[0]
                if progress is not None:
                    progress(done, len(urls), payload[1])
                continue
            part = pending.pop(conn)
            conn.close()
            if kind == "done":
                checked = payload[0]
                total.results.update(checked.results)
                total.requests += checked.requests
                total.unknown_hosts |= checked.unknown_hosts
                total.names_resolved |= checked.names_resolved
            else:
                for url in part:
                    total.results[url] = LinkResult(url, Verdict.TRANSIENT, None, None, f"not checked: {payload[0]}")
    for process in processes:
        process.join()
    return total
