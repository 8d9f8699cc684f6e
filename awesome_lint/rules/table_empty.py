from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic
from ..engine.rule import Context, Rule
from ..markdown.model import Document


class TableEmpty(Rule):
    """A table with a header and no rows: usually a year that was prepared and never filled.
    Readers see an empty grid. Reported on the header line; removing it is left to a human."""

    code = "AL102"
    name = "table-empty"
    summary = "A table has a header and no rows"

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for table in doc.tables:
            if not table.row_count:
                yield self.report(table.row_span(0), "Table has a header and no rows; add entries or remove it")
