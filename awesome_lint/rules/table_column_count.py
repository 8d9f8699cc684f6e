from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from .. import lazyre
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document
from ..rule import Context, Fixable, Rule
from ..textutil import plural

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
            for row in table.rows:
                have = len(row.cells)
                if have == want:
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
                text = doc.text
                end = row.span.end
                while end > row.span.start and text[end - 1] in " \t":
                    end -= 1
                closed = end > row.span.start and text[end - 1] == "|" and text[end - 2] != "\\"
                # empty cells in compact form (``|  |``), so padding leaves a compact table compact
                pad = ("" if closed else " |") + "  |" * (want - have)
                short = self.report(row.span, message, fix=Fix.safe(Edit.insert(end, pad)))
                yield replace(short, severity=Severity.WARNING)
