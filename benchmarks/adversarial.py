"""Pathological shapes of input at N and 2N bytes: seconds per MB beside the generated list.

    python benchmarks/adversarial.py                 # N = 500 KB
    python benchmarks/adversarial.py --size 250000 --runs 3 --only backtick-runs,headings

For each shape: CPU seconds (user + system, the medians of ``--runs``) to ``check`` it at N
and 2N bytes, net of the start-up (an empty file's time), per MB of input, and wall seconds per
MB beside them (on a shared machine the wall time follows the load); the ratio to the
generated list's CPU seconds per MB (the bound is 3x); t(2N) / t(N) (linear is 2, quadratic 4;
the bound is 2.3); and peak memory over the input size at 2N (the bound is 10x, net of the
interpreter's baseline: the peak of a check of the 15 KB seed list, every module loaded).
The small shapes of ``tests/adversarial_inputs.py`` (``--small``) are the ones that once
hung past 60 s at 400 KB.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from generate import generate  # noqa: E402  (a shape, by name, in the child process)
from measure import Run, Timeout, median_of, write_generated  # noqa: E402

BIN = Path(sys.executable).parent / "awesome-lint"


def _fill(size: int, line: Callable[[int], str], head: str = "") -> str:
    parts = [head]
    total = len(head)
    i = 0
    while total < size:
        piece = line(i)
        parts.append(piece)
        total += len(piece)
        i += 1
    return "".join(parts)


def backtick_runs(size: int) -> str:
    """`` ` a `` ... runs of 1, 2, 3, ... backticks, none closed: every run looks for its closer."""
    return _fill(size, lambda i: "`" * (i + 1) + " a ") + "\n"


def headings(size: int) -> str:
    return _fill(size, lambda i: f"{'#' * (1 + i % 6)} Heading {i}\n\n")


def table_rows(size: int) -> str:
    return _fill(size, lambda i: f"| row {i} | [x](https://e.com/{i}) |\n", "| a | b |\n| --- | --- |\n")


def one_row_tables(size: int) -> str:
    return _fill(size, lambda i: f"| a | b |\n|---|---|\n| {i} | y |\n\n")


def same_link(size: int) -> str:
    return _fill(size, lambda i: "- [Same](https://example.com/same) - the same link again\n", "# Links\n\n")


def many_links(size: int) -> str:
    return _fill(size, lambda i: f"- [Tool {i}](https://example.com/tool/{i}) - does thing {i}\n", "# Tools\n\n")


def links_one_paragraph(size: int) -> str:
    return _fill(size, lambda i: f"[l{i}](https://e.com/{i}) ", "# One paragraph\n\n") + "\n"


def toc_entries(size: int) -> str:
    count = max(1, size // 60)
    toc = "".join(f"- [Section {i}](#section-{i})\n" for i in range(count))
    body = "".join(f"## Section {i}\n\nText.\n\n" for i in range(count))
    return f"# Awesome\n\n## Contents\n\n{toc}\n{body}"


def toc_described(size: int) -> str:
    """A ToC that says what each section holds: every heading is looked for in that prose (one
    by one, that grew with the square of the ToC)."""
    count = max(1, size // 100)
    toc = "".join(
        f"- [Section {i}](#section-{i}) - the quick brown fox jumps over the lazy dog\n" for i in range(count)
    )
    body = "".join(f"## Section {i}\n\nText.\n\n" for i in range(count))
    return f"# Awesome\n\n## Contents\n\n{toc}\n{body}"


SHAPES: dict[str, Callable[[int], str]] = {
    "generated list": generate,
    "backtick-runs": backtick_runs,
    "headings": headings,
    "table-rows": table_rows,
    "one-row-tables": one_row_tables,
    "same-link": same_link,
    "many-links": many_links,
    "links-in-a-line": links_one_paragraph,
    "toc-entries": toc_entries,
    "toc-described": toc_described,
}


def measure(shape: str, size: int, runs: int, timeout: float) -> tuple[Run | None, int]:
    """The shape written by a child process (this one must stay small: see measure.py), then checked."""
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as fh:
        name = fh.name
    try:
        code = "from adversarial import SHAPES; from tests.adversarial_inputs import CASES\n"
        code += f"make = {{**SHAPES, **{{'small:' + k: v for k, v in CASES.items()}}}}[{shape!r}]\n"
        code += f"sys.stdout.write(make({size}))"
        write_generated(name, code)
        length = os.path.getsize(name)
        try:
            return median_of([str(BIN), "check", "-q", name], runs, timeout), length
        except Timeout:
            return None, length
    finally:
        os.unlink(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=500_000, help="N in bytes (each shape also runs at 2N)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", default="", help="comma-separated shape names")
    parser.add_argument("--small", action="store_true", help="also the shapes of tests/adversarial_inputs.py")
    args = parser.parse_args()
    shapes = dict(SHAPES)
    if args.small:
        from tests.adversarial_inputs import CASES

        shapes.update({f"small:{name}": make for name, make in CASES.items()})
    if args.only:
        wanted = set(args.only.split(","))
        shapes = {k: v for k, v in shapes.items() if k in wanted or k == "generated list"}
    empty, _ = measure("small:emails", 0, max(args.runs, 5), args.timeout)  # an empty file
    assert empty is not None
    # the interpreter with every module a check loads: a check of the 15 KB seed list
    seed = HERE.parent.parent / "shared" / "seed" / "README.md"
    if not seed.exists():
        seed = HERE.parent / "tests" / "data" / "seed-README.md"
    baseline = median_of([str(BIN), "check", "-q", str(seed)], 3).rss
    n = args.size
    print(
        f"N = {n / 1e6:g} MB; CPU seconds, medians of {args.runs}; start-up {empty.cpu:.3f} s; "
        f"memory beyond the {baseline:.0f} MB of a check of the seed"
    )
    print(
        f"{'shape':<18}{'cpu(N)':>9}{'cpu(2N)':>9}{'s/MB':>8}{'wall/MB':>9}{'vs list':>9}{'2N/N':>7}"
        f"{'RSS(2N)':>10}{'x input':>9}"
    )
    reference = None
    for name in shapes:
        a, small = measure(name, n, args.runs, args.timeout)
        b, large = measure(name, 2 * n, args.runs, args.timeout) if a is not None else (None, 0)
        if a is None or b is None:
            print(f"{name:<18}  > {args.timeout:g} s")
            continue
        mb = large / 1e6
        net_a, net_b = max(a.cpu - empty.cpu, 1e-3), max(b.cpu - empty.cpu, 1e-3)
        per_mb = net_b / mb
        wall_per_mb = max(b.wall - empty.wall, 1e-3) / mb
        if reference is None:
            reference = per_mb
        growth = net_b / net_a * small / large * 2
        memory = (b.rss - baseline) / mb
        print(
            f"{name:<18}{a.cpu:>8.2f}s{b.cpu:>8.2f}s{per_mb:>8.2f}{wall_per_mb:>9.2f}{per_mb / reference:>8.1f}x"
            f"{growth:>7.2f}{b.rss:>8.0f}MB{memory:>8.1f}x"
        )


if __name__ == "__main__":
    main()
