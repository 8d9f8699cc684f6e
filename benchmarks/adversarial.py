"""Pathological inputs at size N and 2N: the time ratio shows whether cost stays linear.

    python benchmarks/adversarial.py [N]

A ratio near 2 is linear; near 4 is quadratic. Every case once hung past 60 s at 400 KB
(regexes that rescanned a line from every position, a bracket search from every "[").
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.adversarial_inputs import CASES

BIN = Path(sys.executable).parent / "awesome-lint"


def seconds(text: str) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as fh:
        fh.write(text)
    start = time.perf_counter()
    subprocess.run([str(BIN), "check", "-q", fh.name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    Path(fh.name).unlink()
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(f"{'case':<18}{'N':>10}{'t(N)':>9}{'t(2N)':>9}{'ratio':>7}")
    for name, make in CASES.items():
        a, b = seconds(make(n)), seconds(make(2 * n))
        print(f"{name:<18}{n:>10}{a:>8.2f}s{b:>8.2f}s{b / a:>7.2f}")


if __name__ == "__main__":
    main()
