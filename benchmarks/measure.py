"""Run a command and measure it: wall time, CPU time (user + system, children included) and
peak resident memory, from the kernel's accounting of that one process (``os.wait4``).

CPU time is the figure to compare on a shared machine: wall time grows with everyone else's
load, CPU time much less.

Linux counts the parent's resident memory at the moment of ``exec`` in a child's peak, so the
process that measures must stay small: inputs are generated in child processes
(:func:`write_generated`), never in the measuring one.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds, user + system, the process and what it waited for
    rss: float  # peak resident set, MB
    code: int


class Timeout(Exception):
    pass


def run(cmd: Sequence[str], timeout: float = 120.0, env: dict[str, str] | None = None, cwd: str | None = None) -> Run:
    """One run of ``cmd`` with output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            proc.returncode = -9
            raise Timeout(" ".join(cmd))
        time.sleep(0.002)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss of the process itself; RUSAGE_CHILDREN would mix in every earlier run
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def median_of(
    cmd: Sequence[str], runs: int, timeout: float = 120.0, env: dict[str, str] | None = None, cwd: str | None = None
) -> Run:
    """Medians of ``runs`` runs (peak memory: the largest)."""
    done = [run(cmd, timeout, env, cwd) for _ in range(runs)]
    return Run(
        statistics.median(r.wall for r in done),
        statistics.median(r.cpu for r in done),
        max(r.rss for r in done),
        done[-1].code,
    )


def write_generated(path: str, code: str) -> None:
    """Run ``code`` (Python that prints the input) in a child process into ``path``."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(path, "w", encoding="utf-8") as out:
        subprocess.run(
            [sys.executable, "-c", f"import sys; sys.path[:0] = [{here!r}, {os.path.dirname(here)!r}]\n{code}"],
            stdout=out,
            check=True,
        )
