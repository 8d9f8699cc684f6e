"""The precision ledger: corpus findings read one by one against the source and judged.

Each row of ``data/precision-ledger.tsv`` names a finding (list, line, code, and a piece of its
message) and a verdict: ``true`` (a maintainer would fix it), ``debatable`` (a matter of the
list's own taste), ``false`` (the tool misunderstood the list; fixed since, it never comes
back) or ``open`` (false and not fixed yet: counted as false), with the reason. Rounds are
successive readings; ``benchmarks/precision.py`` tables them per rule.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from awesome_lint.api import check_source
from awesome_lint.engine import config, registry
from awesome_lint.engine.diagnostics import Diagnostic
from awesome_lint.markdown.source import read

from .conftest import CORPUS, DATA

LEDGER = DATA / "precision-ledger.tsv"
# ``open``: judged false, not fixed yet; it must still fire (when its fix lands, it becomes ``false``)
VERDICTS = ("true", "debatable", "false", "open")


@dataclass(frozen=True)
class Entry:
    round: int
    file: str
    line: int
    code: str
    match: str  # a piece of the message that tells the finding from others on its line
    verdict: str
    reason: str

    def matches(self, d: Diagnostic) -> bool:
        return d.line == self.line and d.code == self.code and self.match in d.message


def load_ledger(path: Path = LEDGER) -> list[Entry]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"))
    return [
        Entry(int(r["round"]), r["file"], int(r["line"]), r["code"], r["match"], r["verdict"], r["reason"])
        for r in rows
    ]


def corpus_findings(names: set[str] | None = None) -> dict[str, list[Diagnostic]]:
    """The default rules' findings on each corpus list (or those named), as ``check`` reports them."""
    settings = config.settle(config.Config(), registry.load())
    out = {}
    for path in sorted(CORPUS.glob("*.md")):
        if names is None or path.name in names:
            out[path.name] = check_source(read(str(path)), settings)
    return out
