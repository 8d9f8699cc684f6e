"""Generate a large awesome list of papers: topic sections, one table per year, some defects.

Deterministic for a given size and seed, so runs are comparable:

    python benchmarks/generate.py --size 1000000 > big.md
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


def row(rng: random.Random, year: int, index: int) -> str:
    title = " ".join(rng.choice(WORDS).capitalize() for _ in range(rng.randint(5, 12)))
    authors = ", ".join(f"{rng.choice(NAMES)} {chr(65 + rng.randint(0, 25))}." for _ in range(rng.randint(2, 6)))
    venue = f"{rng.choice(VENUES)}'{year % 100:02d}"
    arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(0, 99999):05d}"
    paper = f"[paper](https://arxiv.org/abs/{arxiv})"
    code = f"[code](https://github.com/user{index}/repo{index})" if rng.random() < 0.7 else "No code"
    cells = [title, authors, venue, paper, code]
    if rng.random() < 0.02:
        cells = cells[:-1]  # a short row
    if rng.random() < 0.2:
        return "|" + "|".join(cells) + "|"  # not in canonical form
    return "| " + " | ".join(cells) + " |"


def generate(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out = ["# Awesome Generated Papers", "", "A generated list for benchmarks.", "", "## Contents", ""]
    body: list[str] = []
    topic = 0
    index = 0
    length = 0
    while length < size:
        topic += 1
        name = f"Topic {topic}: " + " ".join(rng.choice(WORDS).capitalize() for _ in range(3))
        out.append(f"- [{name}](#topic-{topic})")
        body += ["", f"## {name}", ""]
        for year in range(2025, 2018, -1):
            body += [f"### {year}", "", "| Title | Authors | Venue | Paper | Code |", "|:---:|:---:|:---:|:---:|:---:|"]
            for _ in range(rng.randint(3, 12)):
                index += 1
                line = row(rng, year, index)
                body.append(line)
                length += len(line) + 1
            body.append("")
    return "\n".join(out + body) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000, help="approximate size in bytes")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.stdout.write(generate(args.size, args.seed))


if __name__ == "__main__":
    main()
