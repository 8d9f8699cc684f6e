from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.papers import header_key, plain
from ..markdown.model import Align, Document, Table
from ..markdown.tablefmt import _COMPACT_DELIMITER
from ..util.text import dominant as most_common

_SHOW = {Align.NONE: "default", Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}


class TableAlignment(Rule):
    """A table whose column alignment differs from the list's dominant alignment for tables with
    the same header (the same column names), as when some years' tables are centred and others
    not. Tables with other columns are another kind of table and are not compared. A column of
    prose (titles, descriptions) is never asked to be centred because other tables centre it:
    centred titles are hard to read, and keeping them left is no inconsistency worth a finding.
    The fix rewrites the delimiter row with the dominant alignment."""

    code = "AL105"
    name = "table-alignment"
    summary = "A table's column alignment differs from the list's other tables"
    fixable = Fixable.ALWAYS
    safe_fixes = False  # the cells' alignment on GitHub changes

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        groups: dict[tuple[str, ...], list[Table]] = defaultdict(list)
        for table in doc.tables:
            if len(table.delimiter.cells) == table.width:
                groups[tuple(header_key(c.text) for c in table.header.cells)].append(table)
        for tables in groups.values():
            if len(tables) < 2:
                continue
            counts = Counter(t.alignments for t in tables)
            want = most_common(counts)
            if want is None:
                continue  # a tie: no alignment is the list's
            prose: set[int] | None = None  # found when a table differs (a table as the list's never does)
            for table in tables:
                if table.alignments == want:
                    continue
                if prose is None:
                    prose = _prose_columns(tables)
                # a prose column keeps its own alignment rather than be centred
                target = tuple(
                    have if (goal is Align.CENTER and i in prose) else goal
                    for i, (have, goal) in enumerate(zip(table.alignments, want, strict=True))
                )
                if table.alignments == target:
                    continue
                delimiter = "| " + " | ".join(_COMPACT_DELIMITER[a] for a in target) + " |"
                differ = ", ".join(
                    f"{plain(cell.text) or '(unnamed)'!r} is {_SHOW[have]} (they use {_SHOW[goal]})"
                    for cell, have, goal in zip(table.header.cells, table.alignments, target, strict=True)
                    if have != goal
                )
                yield self.report(
                    table.delimiter.span,
                    f"Aligned unlike {counts[want]} of {len(tables)} tables with these columns: {differ}",
                    fix=Fix.unsafe(Edit.replace(table.delimiter.span, delimiter)),
                )


def _prose_columns(tables: list[Table]) -> set[int]:
    """Columns most of whose cells are several words of text: titles, descriptions."""
    found = set()
    for index in range(tables[0].width):
        # counted as read: a list of a column's texts over every table held a string per cell
        filled = wordy = 0
        for table in tables:
            for row in table.rows:
                if index < len(row.cells):
                    text = plain(row.cells[index].text)
                    if text:
                        filled += 1
                        wordy += len(text.split()) >= 3
        if filled and wordy * 2 >= filled:
            found.add(index)
    return found
