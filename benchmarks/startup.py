"""Start-up: ``awesome-lint check --no-links`` of the seed list against ``mdformat --check
--extensions gfm`` on it, interleaved run by run, so that both see the same load.

    python benchmarks/startup.py              # 15 rounds
    python benchmarks/startup.py --runs 31 --floor

A check of a 15 KB list is mostly start-up: importing modules, compiling patterns, spawning
``typos``. Printed: the medians of wall and CPU time (user + system, the process and what it
waited for) of each command, our CPU and wall time over mdformat's, and with ``--floor`` what
no check can do without: the interpreter importing click and markdown-it (which the command
line and the parser are built on) and running typos (the typo rule's engine) on the file.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from measure import Run, run  # noqa: E402

FLOOR = """
import subprocess, json, click, markdown_it
proc = subprocess.Popen([{typos!r}, "--isolated", "--format", "json", "-"],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
proc.communicate(open({seed!r}, "rb").read())
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--floor", action="store_true", help="also time what a check cannot avoid")
    args = parser.parse_args(argv)
    seed = ROOT.parent / "shared" / "seed" / "README.md"
    if not seed.exists():
        seed = ROOT / "tests" / "data" / "seed-README.md"
    # bytecode as an installed package has it (an editable install under PYTHONDONTWRITEBYTECODE has none)
    compileall.compile_dir(str(ROOT / "awesome_lint"), quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    commands = {
        "awesome-lint": [str(BIN / "awesome-lint"), "check", "--no-links", str(seed)],
        "mdformat (gfm)": [str(BIN / "mdformat"), "--check", "--extensions", "gfm", str(seed)],
    }
    if args.floor:
        commands["floor"] = [sys.executable, "-c", FLOOR.format(typos=str(BIN / "typos"), seed=str(seed))]
    for command in commands.values():  # warm the page cache and write bytecode
        run(command, env=env, cwd=str(ROOT))
    done: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            done[name].append(run(command, env=env, cwd=str(ROOT)))
    print(
        f"{seed.name} ({seed.stat().st_size // 1024} KB), {args.runs} rounds interleaved, load {os.getloadavg()[0]:.1f}"
    )
    medians = {
        name: (statistics.median(r.wall for r in rs), statistics.median(r.cpu for r in rs)) for name, rs in done.items()
    }
    for name, (wall, cpu) in medians.items():
        print(f"  {name:<15} wall {wall * 1000:6.1f} ms   CPU {cpu * 1000:6.1f} ms")
    ours, theirs = medians["awesome-lint"], medians["mdformat (gfm)"]
    print(f"  awesome-lint / mdformat: wall {ours[0] / theirs[0]:.2f}x, CPU {ours[1] / theirs[1]:.2f}x")
    if args.floor:
        floor = medians["floor"]
        print(f"  floor / mdformat: wall {floor[0] / theirs[0]:.2f}x, CPU {floor[1] / theirs[1]:.2f}x")


if __name__ == "__main__":
    main()
