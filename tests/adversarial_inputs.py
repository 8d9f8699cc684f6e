"""Pathological Markdown of a chosen size, shared by the tests and benchmarks/adversarial.py."""

from __future__ import annotations

from collections.abc import Callable

CASES: dict[str, Callable[[int], str]] = {
    "brackets": lambda n: "[" * n + "\n",
    "unclosed-links": lambda n: "[a](" * (n // 4) + "\n",
    "backticks": lambda n: "`a " * (n // 3) + "\n",
    "long-row": lambda n: "| a | b |\n|---|---|\n" + "|x" * (n // 2) + "|\n",
    "angles": lambda n: "<" * n + "\n",
    "html": lambda n: "<div>" * (n // 5) + "\n",
    "unclosed-comments": lambda n: "<!-- a " * (n // 7) + "\n",
    "anchors": lambda n: "<a " * (n // 3) + "\n",
    "emails": lambda n: "x" * n + "\n",
    "pipes": lambda n: "|" * n + "\n|---|\n",
    "mojibake": lambda n: "Ã©" * (n // 2) + "\n",
    "emphasis": lambda n: "*a _b " * (n // 6) + "\n",
    "nested-lists": lambda n: "".join("  " * (i % 40) + f"- [x](#a{i})\n" for i in range(n // 30)),
    # headings alike but for a number, each with links one slip from every other's anchor
    "broken-anchors": lambda n: (
        "## Contents\n\n"
        + "".join(f"- [S](#section-{i}x)\n" for i in range(n // 60))
        + "".join(f"\n## Section {i}\n\nSee [it](#sectoin-{i}) and [that](#section-{i}-)\n" for i in range(n // 60))
    ),
    "setext-headings": lambda n: "## A\n\n" + "line\n---\n" * (n // 9),
}
