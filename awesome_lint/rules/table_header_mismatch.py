from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.papers import header_key
from ..markdown.model import Document
from ..util.text import dominant as most_common
from ..util.text import edit_distance


def _close(a: str, b: str) -> bool:
    ka, kb = header_key(a).replace(" ", ""), header_key(b).replace(" ", "")
    return ka == kb or (min(len(ka), len(kb)) >= 4 and edit_distance(ka, kb, 1) <= 1)


class TableHeaderMismatch(Rule):
    """A table whose header names a column differently from the list's dominant header for
    tables of that width (``WebSite`` where the others say ``Website``, ``Pub. & Date`` where
    they say ``Pub. Date``). Only spellings close to the dominant one are reported: a
    different column is a different table, not a typo."""

    code = "AL104"
    name = "table-header-mismatch"
    summary = "A table's header is spelled differently from the list's other tables"
    fixable = Fixable.SOMETIMES
    safe_fixes = False
    options = {"columns": []}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        configured = [str(c) for c in ctx.option("columns")]
        dominant: dict[int, tuple[str, ...]] = {}
        seen: dict[tuple[str, ...], tuple[str, ...]] = {}
        # one tuple for each distinct header: a list of small tables repeats a few
        headers = [seen.setdefault(header, header) for header in (t.cell_texts(0) for t in doc.tables)]
        counts = Counter(headers)
        for width in {len(h) for h in counts}:
            winner = most_common(Counter({h: n for h, n in counts.items() if len(h) == width}))
            if winner is not None:
                dominant[width] = winner
        if configured:
            dominant[len(configured)] = tuple(configured)
        for table, header in zip(doc.tables, headers, strict=True):
            want = dominant.get(table.width)
            if want is None or header == want:
                continue
            for cell, expected in zip(table.row(0).cells, want, strict=True):
                if cell.text != expected and _close(cell.text, expected):
                    yield self.report(
                        cell.span,
                        f"Column {cell.text!r} is {expected!r} in the list's other tables",
                        fix=Fix.unsafe(Edit.replace(cell.span, expected)),
                    )
