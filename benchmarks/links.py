"""Time link checking: awesome-lint against markdown-link-check (npm), on the same file, in one run.

    python benchmarks/links.py                  # 2,000 links over 20 host:port pairs, 50 ms each
    python benchmarks/links.py --links 500 --hosts 5 --latency 0.1 --no-install

Serves the links from real HTTP servers on 127.0.0.1 (a small asyncio server in a thread, cheap
enough per request that it is not what is measured), each answering after ``latency`` seconds;
90% of the links are alive, 5% dead (404) and 5% permanently redirected. Prints each tool's
wall-clock time (process start to exit), the ideal time ``links x latency / concurrency``, the
ratios, and whether each tool's verdicts were right.
Nothing here is asserted: speed is measured, not tested.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent

CONCURRENCY = 64


class _Http(asyncio.Protocol):
    """HTTP/1.1 with keep-alive, just enough for the benchmark: every answer waits ``latency``."""

    def __init__(self, farm: Farm) -> None:
        self.farm = farm
        self.buffer = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.farm.connections += 1

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            method, path = head.split(b"\r\n", 1)[0].split(b" ")[:2]
            self.farm.requests += 1
            if path.startswith(b"/bench/dead/"):
                status, extra = b"404 Not Found", b""
            elif path.startswith(b"/bench/move/"):
                status, extra = b"301 Moved Permanently", b"Location: /bench/" + path[len(b"/bench/move/") :] + b"\r\n"
            else:
                status, extra = b"200 OK", b""
            body = b"" if method == b"HEAD" else b"ok"
            response = b"HTTP/1.1 " + status + b"\r\n" + extra + b"Content-Length: 2\r\n\r\n" + body
            asyncio.get_running_loop().call_later(self.farm.latency, self.transport.write, response)  # type: ignore[attr-defined]


class Farm:
    """``hosts`` servers on 127.0.0.1, one port each, run by one event loop in a thread."""

    def __init__(self, hosts: int, latency: float) -> None:
        self.latency = latency
        self.requests = 0
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


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=1800)
    return time.perf_counter() - start, proc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--links", type=int, default=2000)
    ap.add_argument("--hosts", type=int, default=20)
    ap.add_argument("--latency", type=float, default=0.05)
    ap.add_argument("--no-install", action="store_true")
    ap.add_argument("--skip-mlc", action="store_true", help="do not run markdown-link-check")
    ap.add_argument("--workers", type=int, default=0, help="awesome-lint's links.workers (0: automatic)")
    args = ap.parse_args()

    farm = Farm(args.hosts, args.latency)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        text, expected = make_list(farm.origins, args.links)
        (work / "README.md").write_text(text, encoding="utf-8")
        (work / ".awesome-lint.toml").write_text(
            f'[links]\nallow-networks = ["127.0.0.1"]\nconcurrency = {CONCURRENCY}\nworkers = {args.workers}\n',
            encoding="utf-8",
        )
        ideal = args.links * args.latency / CONCURRENCY
        print(f"{args.links} links over {args.hosts} host:port pairs, {args.latency * 1000:.0f} ms each")
        print(f"ideal (links x latency / {CONCURRENCY}): {ideal:.2f} s")

        cmd = [str(BIN / "awesome-lint"), "check", "--links", "--no-cache", "--format", "json", "--select", "AL5"]
        seconds, proc = timed([*cmd, "README.md"], work)
        found = {e["url"]: e["verdict"] for e in json.loads(proc.stdout)["links"]}
        wrong = sum(found.get(url) != verdict for url, verdict in expected.items())
        requests, farm.requests = farm.requests, 0
        print(
            f"awesome-lint check --links: {seconds:.2f} s ({seconds / ideal:.2f}x ideal), "
            f"{requests} requests, {wrong} wrong verdicts"
        )

        mlc = None if args.skip_mlc else ensure_mlc(not args.no_install)
        if mlc is None:
            print("markdown-link-check: not run (npm unavailable, or --skip-mlc)")
            return
        mlc_seconds, proc = timed([mlc, "README.md"], work)
        dead = set(re.findall(r"\[✖\] (\S+)", proc.stdout))
        mlc_wrong = sum((url in dead) != (verdict == "dead") for url, verdict in expected.items())
        requests = farm.requests
        print(
            f"markdown-link-check: {mlc_seconds:.2f} s ({mlc_seconds / ideal:.2f}x ideal), {requests} requests, "
            f"{mlc_wrong} wrong dead/alive verdicts (it does not tell redirects apart)"
        )
        print(f"awesome-lint is {mlc_seconds / seconds:.1f}x faster")


if __name__ == "__main__":
    main()
