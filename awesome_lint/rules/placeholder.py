from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.papers import header_keys
from ..markdown.model import Cell, Document
from ..util.text import dominant as most_common

EMPTY = "(empty)"  # how the ``preferred`` option names an empty cell
# marks that say only "nothing here"; ``Coming soon``, ``TBD`` or ``todo`` say something else
# (it is expected), so they are not spellings of the same thing
PLACEHOLDERS = frozenset(["no code", "n/a", "na", "-", "--", "—", "–", "none", "/", "x", "✗", "❌", ""])


class Placeholder(Rule):
    """A column whose missing values are written several ways (``No code``, ``N/A``, ``-``,
    empty): reported once per column name across the list, at the first
    minority spelling with the other lines named, with an unsafe fix to the majority spelling."""

    code = "AL206"
    name = "placeholder"
    summary = "Missing values in a column are written in several ways"
    fixable = Fixable.SOMETIMES
    safe_fixes = False
    options = {"preferred": ""}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        by_column: dict[str, list[Cell]] = defaultdict(list)
        for table in doc.tables:
            keys = header_keys(table.cell_texts(0))
            for row in range(2, table.line_count):
                for column, (key, text) in enumerate(zip(keys, table.cell_texts(row), strict=False)):
                    if text.strip().lower() in PLACEHOLDERS:
                        cell = table.cell(row, column)
                        if not cell.links:
                            by_column[key].append(cell)
        preferred = str(ctx.option("preferred"))
        preferred = "" if preferred == EMPTY else preferred or None  # type: ignore[assignment]
        for key, cells in by_column.items():
            spellings = Counter(c.text for c in cells)
            if len(spellings) < 2:
                continue
            majority = preferred if preferred is not None and preferred in spellings else most_common(spellings)
            if majority is None:
                continue  # a tie: no spelling is the list's
            shown = ", ".join(f"{(s or 'empty')!r} ×{n}" for s, n in spellings.most_common())
            # one finding per column, not one per cell: the problem is the column's mix
            odd = [cell for cell in cells if cell.text != majority]
            lines = [str(doc.position(cell.span.start).line) for cell in odd]
            where = ", ".join(lines[:8]) + (", …" if len(lines) > 8 else "")
            yield self.report(
                odd[0].span,
                f"Column {key or '(unnamed)'!r} writes missing values as {shown}; "
                f"use {(majority or 'an empty cell')!r} ({len(odd)} cell{'s differ' if len(odd) > 1 else ' differs'}: "
                f"line{'s' if len(odd) > 1 else ''} {where})",
                fix=Fix.unsafe(*(Edit.replace(cell.span, majority) for cell in odd)),
            )
