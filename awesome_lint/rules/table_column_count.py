from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ..engine.diagnostics import Diagnostic, Edit, Fix, Severity
from ..engine.rule import Context, Fixable, Rule
from ..markdown.model import Document, Row, Table
from ..markdown.tablefmt import row_padding
from ..util import lazyre
from ..util.text import plural

# the Markdown comment idioms: ``[//]: # (note)``, ``[comment]: <> (note)``, ``<!-- note -->``
_COMMENT = lazyre.compile(r"^(?:\[[^\]]*\]:\s*(?:#|<>).*|<!--.*-->)$", re.DOTALL)


class TableColumnCount(Rule):
    """A body row with more or fewer cells than the header. GitHub pads a short row with empty
    cells and silently drops the extra cells of a long one: a dropped cell is lost data, most
    often a pasted row that merged two entries, so a long row is an error. A short row loses
    nothing (GitHub shows empty cells), so it is a warning. Short rows are padded (safe); long
    rows are only reported, since which cell to drop is a human decision. Extra cells that are
    empty or hold only a Markdown comment (``[//]: # (added 10/02)``), hidden there on purpose,
    lose nothing and are left alone."""

    code = "AL101"
    name = "table-column-count"
    summary = "A table row has a different number of cells than its header"
    severity = Severity.ERROR
    fixable = Fixable.SOMETIMES

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for table in doc.tables:
            want = table.width
            counts = table.cell_counts()
            fullest = max(counts, default=want)
            unused = len(counts) > 1 and fullest < want
            if unused:
                yield self._unused_columns(doc, table, fullest)
            elif fullest == want and min(counts, default=want) == want:
                continue  # most tables: every row complete, and no row made to say so
            for row in table.rows:
                have = len(row.cells)
                if have == want or (unused and have == fullest):
                    continue
                message = f"Row has {plural(have, 'cell')}, the header has {want}"
                if have > want:
                    hidden = [c.text for c in row.cells[want:] if c.text]
                    if all(_COMMENT.match(text) for text in hidden):
                        # nothing but empty cells or a comment the author hid there on purpose
                        # (``|[//]: # 10/02``): GitHub drops them and no reader loses anything
                        continue
                    extra = " | ".join(c.text for c in row.cells[want:])
                    extra = extra if len(extra) <= 60 else extra[:59] + "…"
                    yield self.report(
                        row.span,
                        f"{message}; GitHub does not show the extra {plural(have - want, 'cell')} ({extra}): "
                        "merge or remove them",
                    )
                    continue
                short = self.report(row.span, message, fix=Fix.safe(_padding(doc, row, want)))
                yield replace(short, severity=Severity.WARNING)

    def _unused_columns(self, doc: Document, table: Table, fullest: int) -> Diagnostic:
        """No row reaches the header's last columns: one problem, columns no row fills (GitHub
        shows them empty), not one per row. Rows shorter still are reported on their own."""
        missing = [plain_cell(c.text) for c in table.header.cells[fullest:]]
        names = ", ".join(repr(m) for m in missing if m) or f"the last {plural(len(missing), 'column')}"
        found = self.report(
            table.header.span,
            f"No row fills {names}: the header has {table.width} cells, no row more than {fullest}; "
            "fill the column or remove it from the header",
            fix=Fix.safe(*(_padding(doc, row, table.width) for row in table.rows if len(row.cells) == fullest)),
        )
        return replace(found, severity=Severity.WARNING)


def plain_cell(text: str) -> str:
    return text.strip().strip("*_` ").strip()


def _padding(doc: Document, row: Row, want: int) -> Edit:
    return Edit.insert(*row_padding(doc, row, want))
