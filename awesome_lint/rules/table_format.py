from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..markdown.model import Document, Row, Span, Table
from ..markdown.tablefmt import STYLES, render


class TableFormat(Rule):
    """A table not laid out canonically. ``compact``: ``| a | b |`` with one space each side of
    every cell and ``---``/``:---``/``:---:``/``---:`` delimiters; ``aligned``: cells padded to
    the column's display width, as mdformat-gfm and prettier lay tables out. Cell text is kept
    byte for byte apart from outer whitespace. A table with a row longer than its header is
    not rewritten: which cell to drop is a human decision (see table-column-count)."""

    code = "AL103"
    name = "table-format"
    summary = "A table is not in canonical form"
    fixable = Fixable.SOMETIMES
    options = {"style": "compact"}
    choices = {"style": STYLES}
    presets = ("layout",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        style = ctx.option("style")
        text = doc.text
        for table in doc.tables:
            width = table.width
            # a short row alone is table-column-count's finding, not a layout problem
            lines = self._lines(table, render(table, style, pad=False))
            differing = [line for line in lines if text[line[1] : line[0].span.end] != line[2]]
            if not differing:
                continue
            if any(len(r.cells) > width for r in table.rows):
                yield self.report(
                    table.header.span,
                    f"Table is not in {style} form; not reformatted while a row has more cells than the header",
                )
                continue
            if any(len(r.cells) < width for r in table.rows):  # the fix pads short rows too
                lines = self._lines(table, render(table, style))
                differing = [line for line in lines if text[line[1] : line[0].span.end] != line[2]]
            edits = [Edit.replace(Span(start, row.span.end), want) for row, start, want in differing]
            yield self.report(
                table.header.span,
                f"Table is not in {style} form ({len(edits)} of {len(lines)} lines differ); run `awesome-lint fix`",
                fix=Fix.safe(*edits),
            )

    @staticmethod
    def _lines(table: Table, expected: list[str]) -> list[tuple[Row, int, str]]:
        """Each row with where its replaceable text starts and what it should be."""
        rows = table.all_rows
        if table.container != "document":  # in a container the prefix is structure
            return [(row, row.span.start, want) for row, want in zip(rows, expected, strict=True)]
        # a top-level table starts at the margin
        return [(row, row.span.start - len(row.prefix), want) for row, want in zip(rows, expected, strict=True)]
