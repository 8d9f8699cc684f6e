from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.papers import header_keys, plain
from ..markdown.model import Align, Document, Table
from ..markdown.tablefmt import compact_delimiter
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
        # the tables by their columns, as numbers (a list of views held one object a table)
        groups: dict[tuple[str, ...], array[int]] = defaultdict(lambda: array("I"))
        for index, table in enumerate(doc.tables):
            if table.cell_count(1) == table.width:
                groups[header_keys(table.cell_texts(0))].append(index)
        for numbers in groups.values():
            if len(numbers) < 2:
                continue
            tables = doc.tables
            counts = Counter(tables[index].alignments for index in numbers)
            want = most_common(counts)
            if want is None:
                continue  # a tie: no alignment is the list's
            prose: set[int] | None = None  # found when a table differs (a table as the list's never does)
            for index in numbers:
                table = tables[index]
                if table.alignments == want:
                    continue
                if prose is None:
                    prose = _prose_columns([tables[i] for i in numbers])
                # a prose column keeps its own alignment rather than be centred
                target = tuple(
                    have if (goal is Align.CENTER and i in prose) else goal
                    for i, (have, goal) in enumerate(zip(table.alignments, want, strict=True))
                )
                if table.alignments == target:
                    continue
                delimiter = compact_delimiter(target)
                differ = ", ".join(
                    f"{plain(text) or '(unnamed)'!r} is {_SHOW[have]} (they use {_SHOW[goal]})"
                    for text, have, goal in zip(table.cell_texts(0), table.alignments, target, strict=True)
                    if have != goal
                )
                yield self.report(
                    table.row_span(1),
                    f"Aligned unlike {counts[want]} of {len(numbers)} tables with these columns: {differ}",
                    fix=Fix.unsafe(Edit.replace(table.row_span(1), delimiter)),
                )


def _prose_columns(tables: list[Table]) -> set[int]:
    """Columns most of whose cells are several words of text: titles, descriptions."""
    found = set()
    for index in range(tables[0].width):
        # counted as read: a list of a column's texts over every table held a string per cell
        filled = wordy = 0
        for table in tables:
            for row in range(2, table.line_count):
                texts = table.cell_texts(row)
                if index < len(texts):
                    text = plain(texts[index])
                    if text:
                        filled += 1
                        wordy += len(text.split()) >= 3
        if filled and wordy * 2 >= filled:
            found.add(index)
    return found
