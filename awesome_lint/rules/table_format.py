from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..markdown.model import Document
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
            # where each row's replaceable text is: a top-level table starts at the margin, in a
            # container the prefix is structure
            rows = table.all_rows
            margin = table.container == "document"
            spans = [row.span for row in rows]
            if margin:
                places = [(span.start - len(row.prefix), span.end) for row, span in zip(rows, spans, strict=True)]
            else:
                places = [(span.start, span.end) for span in spans]
            # a short row alone is table-column-count's finding, not a layout problem
            expected = render(table, style, pad=False)
            if margin and text[places[0][0] : places[-1][1]] == "\n".join(expected):
                continue  # every line as it should be (the rows of a table are consecutive lines)
            differing = self._differing(text, places, expected)
            if not differing:
                continue
            cells = [len(r.cells) for r in table.rows]
            if cells and max(cells) > width:
                yield self.report(
                    table.header.span,
                    f"Table is not in {style} form; not reformatted while a row has more cells than the header",
                )
                continue
            if cells and min(cells) < width:  # the fix pads short rows too
                differing = self._differing(text, places, render(table, style))
            yield self.report(
                table.header.span,
                f"Table is not in {style} form ({len(differing)} of {len(rows)} lines differ); run `awesome-lint fix`",
                fix=Fix.safe(*(Edit(start, end, want) for start, end, want in differing)),
            )

    @staticmethod
    def _differing(text: str, places: list[tuple[int, int]], expected: list[str]) -> list[tuple[int, int, str]]:
        """Where a row's text is not what it should be, and what it should be."""
        return [
            (start, end, want) for (start, end), want in zip(places, expected, strict=True) if text[start:end] != want
        ]
