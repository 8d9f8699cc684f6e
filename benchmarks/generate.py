"""Generate a large awesome list of papers: topic sections, one table per year, some defects.

Deterministic for a given size and seed, so runs are comparable:

    python benchmarks/generate.py --size 1000000 > big.md
    python benchmarks/generate.py --size 1000000 --ragged > messy.md

By default about 20% of rows are written without spaces around the pipes (``|a|b|``) and the
rest as ``awesome-lint fix`` leaves them. ``--ragged`` makes every table need work from a
formatter, as a list edited by hand for years does: padding of every width, rows with and
without outer pipes, delimiter rows of any length, trailing spaces, so ``fix`` timings measure
a full rewrite and not a no-op.
"""

from __future__ import annotations

import argparse
import random
import sys

WORDS = (
    "continual incremental semantic segmentation learning class knowledge distillation prompt "
    "transformer diffusion video multimodal retrieval graph clustering federated pruning efficient "
    "robust open vocabulary detection few shot weakly supervised domain adaptation memory replay"
).split()
VENUES = ["CVPR", "ICCV", "ECCV", "NeurIPS", "ICLR", "ICML", "AAAI", "TPAMI", "arXiv"]
NAMES = ["Zhang", "Wang", "Li", "Liu", "Chen", "Smith", "Müller", "García", "Kim", "Nguyen", "田中"]


def _ragged(rng: random.Random, cells: list[str]) -> str:
    """The cells joined as people type them: any padding, outer pipes or not, spaces after."""
    pad = [" " * rng.choice((0, 1, 1, 2, 3, 5)) for _ in range(2 * len(cells))]
    body = "|".join(f"{pad[2 * i]}{c}{pad[2 * i + 1]}" for i, c in enumerate(cells))
    form = rng.random()
    if form < 0.6:
        body = f"|{body}|"
    elif form < 0.8:
        body = f"|{body}"
    else:
        body = body.lstrip(" ")  # four spaces before a row without its pipe would make it code
    return body + " " * rng.choice((0, 0, 0, 1, 2))


def delimiter(rng: random.Random | None, columns: int) -> str:
    if rng is None:
        return "|" + "|".join([":---:"] * columns) + "|"
    return _ragged(rng, [":" + "-" * rng.randint(1, 12) + ":" for _ in range(columns)])


def row(rng: random.Random, year: int, index: int, ragged: bool = False) -> str:
    title = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(5, 12)))
    authors = ", ".join(f"{rng.choice(NAMES)} {chr(65 + rng.randint(0, 25))}." for _ in range(rng.randint(2, 6)))
    venue = f"{rng.choice(VENUES)}'{year % 100:02d}"
    arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(0, 99999):05d}"
    paper = f"[paper](https://arxiv.org/abs/{arxiv})"
    code = f"[code](https://github.com/user{index}/repo{index})" if rng.random() < 0.7 else "No code"
    cells = [title, authors, venue, paper, code]
    if rng.random() < 0.02:
        cells = cells[:-1]  # a short row
    if ragged:
        return _ragged(rng, cells)
    if rng.random() < 0.2:
        return "|" + "|".join(cells) + "|"  # not in canonical form
    return "| " + " | ".join(cells) + " |"


def _slug(heading: str) -> str:
    """GitHub's anchor for the generated headings (letters, digits, spaces and one colon)."""
    return heading.lower().replace(":", "").replace(" ", "-")


def generate(size: int, seed: int = 1, ragged: bool = False) -> str:
    rng = random.Random(seed)
    out = ["# Awesome Generated Papers", "", "A generated list for benchmarks.", "", "## Contents", ""]
    body: list[str] = []
    topic = 0
    index = 0
    length = 0
    while length < size:
        topic += 1
        name = f"Topic {topic}: " + " ".join(rng.choice(WORDS).capitalize() for _ in range(3))
        out.append(f"- [{name}](#{_slug(name)})")
        body += ["", f"## {name}", ""]
        for year in range(2025, 2018, -1):
            header = ["Title", "Authors", "Venue", "Paper", "Code"]
            head = _ragged(rng, header) if ragged else "| " + " | ".join(header) + " |"
            body += [f"### {year}", "", head, delimiter(rng if ragged else None, len(header))]
            for _ in range(rng.randint(3, 12)):
                index += 1
                line = row(rng, year, index, ragged)
                body.append(line)
                length += len(line) + 1
            body.append("")
    return "\n".join(out + body) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000, help="approximate size in bytes")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ragged", action="store_true", help="every table in a form a formatter must rewrite")
    args = parser.parse_args(argv)
    sys.stdout.write(generate(args.size, args.seed, args.ragged))


if __name__ == "__main__":
    main()
