"""Check links in this process, or in several when very many requests are to be in flight.

One process spends about a fifth of a millisecond of CPU per request in httpx, httpcore and
h11: at the default 64 requests in flight with 50 ms answers that is under half a core, and a
second process did not shorten the run (measured at 64, 128 and 256 in flight on two cores,
see benchmarks/README.md) while it cost a fork, a second event loop, the results sent back
through a pipe and 10 ms to import ``multiprocessing``. So the links are checked in this
process unless more than ``CONCURRENCY_PER_WORKER`` requests are to be in flight (or
``links.workers`` says otherwise). Then the run is split by host (every URL whose check starts
at one host goes to the same worker, so per-host limits and the circuit breaker stay whole)
over a few forked workers, each with its share of the global concurrency, reporting progress
and results through a pipe.
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
    import gc
    import sys

    if f"{__package__}.checker" not in sys.modules:
        # the HTTP stack (asyncio, ssl, httpx, httpcore, h11) is imported once and kept until the
        # process ends, like the command's own modules, and treated as __main__ treats those: the
        # collector paused while it is imported (it walked the new objects over and over, 4 ms),
        # then, in a process that froze its start-up objects (the command does), frozen with
        # them, so that no later full collection walks it and the process does not take it apart
        # object by object when it exits (15-55 ms, measured). gc.freeze takes every object alive
        # at the time: a program that uses this package and has frozen nothing keeps its own
        # objects collectable, so there it is not frozen.
        enabled = gc.isenabled()
        gc.disable()
        try:
            from . import checker as _stack  # noqa: F401
        finally:
            if gc.get_freeze_count():
                gc.freeze()
            if enabled:
                gc.enable()
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
    urls: list[str], options: LinkOptions, progress: Callable[[int, int, str], None] | None = None
) -> Checked:
    """Check ``urls`` in this process or, with very many requests in flight, in several."""
    ends_at = time.monotonic() + options.deadline  # one clock for every process on the machine
    workers = worker_count(options, len(urls))
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
