from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Fix
from ..model import Align, Document
from ..rule import Context, Fixable, Rule
from ..tablefmt import _COMPACT_DELIMITER
from ..textutil import dominant as most_common

_SHOW = {Align.NONE: "default", Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}


class TableAlignment(Rule):
    """A table whose column alignment differs from the list's dominant alignment for tables of
    that width, as when some years' tables are centred and others not. The fix rewrites the
    delimiter row with the dominant alignment."""

    code = "AL105"
    name = "table-alignment"
    summary = "A table's column alignment differs from the list's other tables"
    fixable = Fixable.ALWAYS
    safe_fixes = False  # the cells' alignment on GitHub changes

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        counts = Counter((t.width, t.alignments) for t in doc.tables if len(t.delimiter.cells) == t.width)
        dominant: dict[int, tuple[Align, ...]] = {}
        for width in {t.width for t in doc.tables}:
            winner = most_common(Counter({a: n for (w, a), n in counts.items() if w == width}))
            if winner is not None:
                dominant[width] = winner
        for table in doc.tables:
            want = dominant.get(table.width)
            if want is None or table.alignments == want or len(table.delimiter.cells) != table.width:
                continue
            n = sum(counts[(table.width, a)] for a in {t.alignments for t in doc.tables if t.width == table.width})
            shown = ", ".join(_SHOW[a] for a in want)
            delimiter = "| " + " | ".join(_COMPACT_DELIMITER[a] for a in want) + " |"
            yield self.report(
                table.delimiter.span,
                f"Columns are aligned {', '.join(_SHOW[a] for a in table.alignments)}; "
                f"{counts[(table.width, want)]} of {n} tables like it use {shown}",
                fix=Fix.unsafe(Edit.replace(table.delimiter.span, delimiter)),
            )
