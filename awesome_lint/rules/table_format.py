from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Fix
from ..model import Document, Span, Table
from ..rule import Context, Fixable, Rule
from ..tablefmt import STYLES, render


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

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        style = ctx.option("style")
        text = doc.text
        for table in doc.tables:
            if any(len(r.cells) > table.width for r in table.rows):
                lines = self._differing(doc, table, style)
                if lines:
                    yield self.report(
                        table.header.span,
                        f"Table is not in {style} form; not reformatted while a row has more cells than the header",
                    )
                continue
            edits = []
            first_line = None
            for row, want in zip(table.all_rows, self._expected(table, style)):
                start = row.span.start if table.container != "document" else row.span.start - len(row.prefix)
                if text[start : row.span.end] != want:
                    edits.append(Edit.replace(Span(start, row.span.end), want))
                    if first_line is None:
                        first_line = row.line
            if edits:
                count = len(edits)
                where = f"{count} of {len(table.all_rows)} lines differ"
                yield self.report(
                    table.header.span,
                    f"Table is not in {style} form ({where}); run `awesome-lint fix`",
                    fix=Fix.safe(*edits),
                )

    @staticmethod
    def _expected(table: Table, style: str) -> list[str]:
        return render(table, style)

    def _differing(self, doc: Document, table: Table, style: str) -> int:
        text = doc.text
        return sum(
            1
            for row, want in zip(table.all_rows, self._expected(table, style))
            if text[row.span.start : row.span.end] != want
        )
