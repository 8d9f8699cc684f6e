"""What checking "safe" costs: `fix` on a generated list with and without the cmark-gfm oracle.

    python benchmarks/oracle.py              # 1 MB
    python benchmarks/oracle.py --size 250000

The oracle renders the input and the result with cmark-gfm (GitHub's parser) when a safe fix
changed something. Times are CPU seconds in this process, best of N, so a busy machine skews
them less than wall time does.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import generate  # noqa: E402

from awesome_lint.engine import config, registry  # noqa: E402
from awesome_lint.fixing import fixer  # noqa: E402
from awesome_lint.markdown.source import Source  # noqa: E402


def best(runs: int, work: object) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    text = generate(args.size, 1)
    settings = config.settle(config.Config(), registry.load())
    source = Source.from_text(text)
    render = fixer.cmark_html
    render("warm up the import")
    one = best(args.runs, lambda: render(text))
    fixer.fix_source(source, settings)  # warm up every rule's lazy imports and caches
    with_oracle, without = float("inf"), float("inf")
    for _ in range(args.runs):  # interleaved, so a slower moment of the machine hits both
        with_oracle = min(with_oracle, best(1, lambda: fixer.fix_source(source, settings)))
        fixer.cmark_html = lambda text: ""  # type: ignore[assignment]
        without = min(without, best(1, lambda: fixer.fix_source(source, settings)))
        fixer.cmark_html = render
    spent = [0.0]

    def timed(markdown: str) -> str:
        start = time.process_time()
        try:
            return render(markdown)
        finally:
            spent[0] += time.process_time() - start

    fixer.cmark_html = timed  # type: ignore[assignment]
    fixer.fix_source(source, settings)
    fixer.cmark_html = render
    print(
        f"{len(text.encode()) / 1e6:.2f} MB: one cmark-gfm render {one:.2f} s; fix {with_oracle:.2f} s with the oracle,"
    )
    print(f"{without:.2f} s without; the renders inside one fix took {spent[0]:.2f} s ({spent[0] / with_oracle:.0%})")


if __name__ == "__main__":
    main()
