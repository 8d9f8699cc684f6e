"""Time awesome-lint against other Markdown tools on the same files, in one run.

    python benchmarks/run.py                 # installs mdformat + mdformat-gfm with pip, and
                                             # prettier, markdownlint-cli2 and the Node
                                             # awesome-lint with npm into benchmarks/out
    python benchmarks/run.py --no-install --sizes 1000000 --runs 3

For the seed list and generated lists (1 and 5 MB by default), each tool checks the file, then
fixes (formats) a *ragged* copy of it, one that needs a full rewrite (``generate.py --ragged``).
Printed per run: the medians of wall time and of CPU time (user + system of the process and
what it waited for: compare CPU time on a shared machine), the peak resident memory, and the
ratio of CPU time to awesome-lint's. Then the memory of awesome-lint on a 20 MB list against
its input. Nothing here is asserted: speed is measured, not tested.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from measure import Run, Timeout, median_of, write_generated  # noqa: E402

SLOW = 20.0  # a tool slower than this on a file is run once, not --runs times

Command = Callable[[Path], list[str]]


def ensure_mdformat(install: bool) -> str | None:
    exe = BIN / "mdformat"
    if not exe.exists() and install:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "mdformat>=1.0", "mdformat-gfm"], check=False)
    return str(exe) if exe.exists() else None


def ensure_npm(package: str, binary: str, install: bool) -> str | None:
    exe = OUT / "node_modules" / ".bin" / binary
    if not exe.exists() and install and shutil.which("npm"):
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(OUT), package],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    return str(exe) if exe.exists() else None


def node_awesome_lint(install: bool) -> str | None:
    """The runner of compare_node.py: the Node awesome-lint's rules on README.md, no network."""
    from compare_node import ensure_node_tool

    runner = ensure_node_tool(install)
    return str(runner) if runner is not None and shutil.which("node") else None


def timed(name: str, make: Command, path: Path, runs: int, timeout: float, in_place: bool) -> Run | None:
    """Medians over ``runs``; a tool that edits in place gets a fresh copy each run (copying
    is not timed: only the tool's own process is measured)."""
    results = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            target = path
            if in_place:
                target = Path(tmp) / "README.md"
                shutil.copyfile(path, target)
                subprocess.run(["git", "init", "-q"], cwd=tmp, check=False)
            try:
                result = median_of(make(target), 1, timeout, cwd=str(target.parent))
            except Timeout:
                return None
        if result.code not in (0, 1):
            print(f"  ! {name} exited {result.code} on {path.name}", file=sys.stderr)
        results.append(result)
        if result.wall > SLOW:
            break
    results.sort(key=lambda r: r.cpu)
    middle = results[len(results) // 2]
    walls = sorted(r.wall for r in results)
    return Run(walls[len(walls) // 2], middle.cpu, max(r.rss for r in results), middle.code)


def cell(result: Run | None, base: Run | None, timeout: float) -> str:
    if result is None:
        return f"> {timeout:g} s"
    ratio = f" ({result.cpu / base.cpu:.2f}x)" if base is not None and base.cpu else ""
    return f"{result.wall:.2f} s / {result.cpu:.2f} s{ratio} / {result.rss:.0f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000000,5000000", help="generated file sizes in bytes")
    parser.add_argument("--memory-size", type=int, default=20_000_000, help="the large list for memory; 0 skips")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is given up")
    parser.add_argument("--no-install", action="store_true", help="only use tools already installed")
    parser.add_argument("--only", default="", help="comma-separated tool names to run (awesome-lint always runs)")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    # bytecode as an installed package has it (an editable install under PYTHONDONTWRITEBYTECODE has none)
    compileall.compile_dir(str(ROOT / "awesome_lint"), quiet=1)

    seed = ROOT.parent / "shared" / "seed" / "README.md"
    if not seed.exists():
        seed = ROOT / "tests" / "data" / "seed-README.md"
    files: list[tuple[str, Path, Path]] = [(f"seed ({seed.stat().st_size // 1024} KB)", seed, seed)]
    for size in (int(s) for s in args.sizes.split(",") if s):
        path, ragged = OUT / f"generated-{size}.md", OUT / f"generated-{size}-ragged.md"
        if not path.exists():
            write_generated(str(path), f"from generate import main; main(['--size', '{size}'])")
        if not ragged.exists():
            write_generated(str(ragged), f"from generate import main; main(['--size', '{size}', '--ragged'])")
        files.append((f"{size / 1e6:g} MB", path, ragged))

    install = not args.no_install
    awesome = str(BIN / "awesome-lint")
    mdformat = ensure_mdformat(install)
    prettier = ensure_npm("prettier", "prettier", install)
    markdownlint = ensure_npm("markdownlint-cli2", "markdownlint-cli2", install)
    node = node_awesome_lint(install)
    # (name, check command, fix command, fix edits in place)
    tools: list[tuple[str, Command | None, Command | None, bool]] = [
        ("awesome-lint", lambda p: [awesome, "check", "-q", str(p)], lambda p: [awesome, "fix", "-q", str(p)], True),
    ]
    if mdformat:
        # --extensions gfm named: with awesome-lint installed, a bare mdformat also loads its plugin
        tools.append(
            (
                "mdformat (gfm)",
                lambda p: [mdformat, "--check", "--extensions", "gfm", str(p)],
                lambda p: [mdformat, "--extensions", "gfm", str(p)],
                True,
            )
        )
    if prettier:
        tools.append(
            ("prettier", lambda p: [prettier, "--check", str(p)], lambda p: [prettier, "--write", str(p)], True)
        )
    if markdownlint:
        tools.append(
            ("markdownlint-cli2", lambda p: [markdownlint, str(p)], lambda p: [markdownlint, "--fix", str(p)], True)
        )
    if node:
        tools.append(("awesome-lint (Node)", lambda p: ["node", node, "README.md"], None, True))
    if args.only:
        wanted = set(args.only.split(","))
        tools = [t for t in tools if t[0] == "awesome-lint" or t[0] in wanted]

    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}, medians of {args.runs}"
    )
    print("each cell: wall / CPU (CPU ratio to awesome-lint) / peak RSS\n")
    print("| file | work | " + " | ".join(t[0] for t in tools) + " |")
    print("| --- | --- | " + " | ".join("---" for _ in tools) + " |")
    for label, path, ragged in files:
        for work in ("check", "fix"):
            row: list[str] = []
            base: Run | None = None
            for name, check, fix, in_place in tools:
                make = check if work == "check" else fix
                if make is None:
                    row.append("n/a")
                    continue
                target = path if work == "check" else ragged
                result = timed(name, make, target, args.runs, args.timeout, in_place or name.endswith("(Node)"))
                if name == "awesome-lint":
                    base = result
                row.append(cell(result, base, args.timeout))
            print(f"| {label} | {work} | " + " | ".join(row) + " |", flush=True)

    if args.memory_size:
        big = OUT / f"generated-{args.memory_size}.md"
        if not big.exists():
            write_generated(str(big), f"from generate import main; main(['--size', '{args.memory_size}'])")
        empty = median_of([awesome, "check", "-q", str(seed)], 3)
        result = median_of([awesome, "check", "-q", str(big)], 1, 600)
        mb = big.stat().st_size / 1e6
        print(
            f"\nawesome-lint check on {mb:.1f} MB: {result.wall:.1f} s wall, {result.cpu:.1f} s CPU "
            f"({result.cpu / mb:.2f} s/MB), peak {result.rss:.0f} MB = {(result.rss - empty.rss) / mb:.1f}x the input "
            f"over the {empty.rss:.0f} MB of a check of the seed"
        )


if __name__ == "__main__":
    main()
