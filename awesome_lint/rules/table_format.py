from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..markdown.model import END_MASK, Document, Table
from ..markdown.tablefmt import STYLES, house_style, iter_render

_BATCH = 256  # rows compared at a time


class TableFormat(Rule):
    """A table not laid out canonically. ``consistent`` (the default): in the layout, compact
    or aligned, that most of the file's tables already have (:func:`house_style`);
    ``compact``: ``| a | b |`` with one space each side of every cell and
    ``---``/``:---``/``:---:``/``---:`` delimiters; ``aligned``: cells padded to the column's
    display width, as mdformat-gfm and prettier lay tables out. Cell text is kept byte for
    byte apart from outer whitespace. A table with a row longer than its header is
    not rewritten: which cell to drop is a human decision (see table-column-count)."""

    code = "AL103"
    name = "table-format"
    summary = "A table is not in canonical form"
    fixable = Fixable.SOMETIMES
    options = {"style": "consistent"}
    choices = {"style": STYLES}
    presets = ("layout",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        style = ctx.option("style")
        if style == "consistent":
            style = house_style(doc)
        text = doc.text
        for table in doc.tables:
            width = table.width
            # a top-level table starts at the margin; in a container the prefix is structure
            margin = table.container == "document"
            # a short row alone is table-column-count's finding, not a layout problem
            differing = self._differing(text, table, margin, iter_render(table, style, pad=False))
            if not differing:
                continue
            cells = table.cell_counts()
            if cells and max(cells) > width:
                yield self.report(
                    table.row_span(0),
                    f"Table is not in {style} form; not reformatted while a row has more cells than the header",
                )
                continue
            if cells and min(cells) < width:  # the fix pads short rows too
                differing = self._differing(text, table, margin, iter_render(table, style))
            yield self.report(
                table.row_span(0),
                f"Table is not in {style} form ({len(differing)} of {table.line_count} lines differ); "
                "run `awesome-lint fix`",
                fix=Fix.safe(*(Edit(start, end, want) for start, end, want in differing)),
            )

    @staticmethod
    def _differing(text: str, table: Table, margin: bool, expected: Iterator[str]) -> list[tuple[int, int, str]]:
        """Where a row's replaceable text (from the margin, or after the container's prefix) is
        not what it should be, and what it should be. The lines are compared a few hundred at a
        time, in one comparison when all are right (the rows of a table are consecutive lines):
        the lines of a whole table at once were as large as the table, twice over."""
        found: list[tuple[int, int, str]] = []
        lines = table.line_count
        row_at, prefix = table.row_at, table.row_prefix
        for begin in range(0, lines, _BATCH):
            batch = range(begin, min(begin + _BATCH, lines))
            want = list(islice(expected, len(batch)))
            ats = [row_at(row) for row in batch]
            if margin:
                places = [((at >> 32) - len(prefix(row)), at & END_MASK) for row, at in zip(batch, ats, strict=True)]
            else:
                places = [(at >> 32, at & END_MASK) for at in ats]
            if margin and text[places[0][0] : places[-1][1]] == "\n".join(want):
                continue
            found += (
                (start, end, line) for (start, end), line in zip(places, want, strict=True) if text[start:end] != line
            )
        return found
