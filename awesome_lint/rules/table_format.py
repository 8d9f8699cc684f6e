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
        for table in doc.tables:
            # a short row alone is table-column-count's finding, not a layout problem
            if not self._differing(doc, table, render(table, style, pad=False)):
                continue
            if any(len(r.cells) > table.width for r in table.rows):
                yield self.report(
                    table.header.span,
                    f"Table is not in {style} form; not reformatted while a row has more cells than the header",
                )
                continue
            edits = [
                Edit.replace(Span(start, row.span.end), want)
                for row, start, want in self._lines(doc, table, render(table, style))
                if doc.text[start : row.span.end] != want
            ]
            yield self.report(
                table.header.span,
                f"Table is not in {style} form ({len(edits)} of {len(table.all_rows)} lines differ); "
                "run `awesome-lint fix`",
                fix=Fix.safe(*edits),
            )

    @staticmethod
    def _lines(doc: Document, table: Table, expected: list[str]) -> Iterator[tuple[Row, int, str]]:
        """Each row with where its replaceable text starts and what it should be."""
        for row, want in zip(table.all_rows, expected, strict=True):
            # a top-level table starts at the margin; in a container the prefix is structure
            start = row.span.start if table.container != "document" else row.span.start - len(row.prefix)
            yield row, start, want

    def _differing(self, doc: Document, table: Table, expected: list[str]) -> int:
        return sum(
            1 for row, start, want in self._lines(doc, table, expected) if doc.text[start : row.span.end] != want
        )
