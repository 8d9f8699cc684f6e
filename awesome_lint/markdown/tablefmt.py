"""Canonical table layout, shared by the ``table-format`` rule and the mdformat plugin.

Cell text is kept byte for byte apart from its outer whitespace: nothing is escaped,
unescaped or URL-encoded, so what GitHub renders does not change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain

from ..util.text import display_width
from .model import END_MASK, Align, Document, Row, Table

STYLES = ("consistent", "compact", "aligned")

_COMPACT_DELIMITER = {Align.NONE: "---", Align.LEFT: ":---", Align.CENTER: ":---:", Align.RIGHT: "---:"}


def _delimiter(align: Align, width: int) -> str:
    width = max(width, 3)
    if align is Align.LEFT:
        return ":" + "-" * (width - 1)
    if align is Align.RIGHT:
        return "-" * (width - 1) + ":"
    if align is Align.CENTER:
        return ":" + "-" * (width - 2) + ":"
    return "-" * width


def _pad(text: str, width: int, align: Align) -> str:
    gap = width - display_width(text)
    if gap <= 0:
        return text
    if align is Align.RIGHT:
        return " " * gap + text
    if align is Align.CENTER:
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    return text + " " * gap


def render_rows(
    rows: Sequence[Sequence[str]],
    alignments: Sequence[Align],
    style: str = "compact",
) -> list[str]:
    """``rows[0]`` is the header; the delimiter row is generated from ``alignments``."""
    return list(_lines(rows[0], lambda: rows[1:], alignments, style))


def render(table: Table, style: str = "compact", *, pad: bool = True) -> list[str]:
    """The canonical lines of ``table`` (container prefixes not included).

    With ``pad``, short rows are padded to the header's width: GitHub renders them the
    same, and a canonical table has every row complete. Long rows are kept whole.
    """
    return list(iter_render(table, style, pad=pad))


def iter_render(table: Table, style: str = "compact", *, pad: bool = True) -> Iterator[str]:
    """:func:`render`'s lines one at a time, made as they are asked for (the cells' texts of a
    whole table at once were as large as the table)."""
    width = table.width
    texts = table.cell_texts

    def body() -> Iterator[Sequence[str]]:
        for row in range(2, table.line_count):
            cells = texts(row)
            yield cells + ("",) * (width - len(cells)) if pad else cells

    return _lines(texts(0), body, table.alignments, style)


def _lines(
    header: Sequence[str],
    body: Callable[[], Iterable[Sequence[str]]],
    alignments: Sequence[Align],
    style: str,
) -> Iterator[str]:
    """The lines of a table of ``header`` and the rows ``body()`` gives, each time it is called
    (the aligned style reads them twice: widths first)."""
    if style == "compact":
        yield _row(header)
        yield compact_delimiter(alignments)
        for row in body():
            yield _row(row)
        return
    columns = len(alignments)
    widths = [3] * columns
    for row in chain((header,), body()):
        for index, cell in enumerate(row[:columns]):
            widths[index] = max(widths[index], display_width(cell))

    def line(row: Sequence[str]) -> str:
        return _row(_pad(cell, widths[i], alignments[i]) if i < columns else cell for i, cell in enumerate(row))

    yield line(header)
    yield _row(_delimiter(a, w) for a, w in zip(alignments, widths, strict=True))
    for row in body():
        yield line(row)


def house_style(doc: Document) -> str:
    """The layout most of ``doc``'s tables already have, ``compact`` or ``aligned``, for the
    ``consistent`` style (``compact`` when as many are in either, or none is in one).

    A table votes by its header and delimiter lines: in compact form, or in aligned form for
    the widths its delimiter row gives (an aligned table's delimiter dashes fill its columns).
    When those two lines are in both forms (columns three wide), its first body row that the
    two styles render differently decides; a table the two render alike has no say. So once
    the tables are rewritten in the chosen style, every vote goes to it: the choice is stable.
    """
    votes = {"compact": 0, "aligned": 0}
    text = doc.text
    for table in doc.tables:
        vote = _vote(text, table)
        if vote:
            votes[vote] += 1
    return "aligned" if votes["aligned"] > votes["compact"] else "compact"


def _vote(text: str, table: Table) -> str | None:
    def line(row: int) -> str:
        at = table.row_at(row)
        return text[at >> 32 : at & END_MASK]

    delimiter = line(1)
    if not delimiter.startswith(("| -", "| :")) or not delimiter.endswith(" |"):
        return None  # in neither layout: most hand-written tables, told apart without their cells
    header, dashes = table.cell_texts(0), table.cell_texts(1)
    alignments = table.alignments
    if len(header) != len(alignments) or len(dashes) != len(alignments):
        return None
    widths = [max(len(d), 3) for d in dashes]
    compact = line(0) == _row(header) and delimiter == compact_delimiter(alignments)
    aligned = delimiter == _row(_delimiter(a, w) for a, w in zip(alignments, widths, strict=True)) and (
        all(display_width(c) <= w for c, w in zip(header, widths, strict=True))
        and line(0) == _row(_pad(c, w, a) for c, w, a in zip(header, widths, alignments, strict=True))
    )
    if compact != aligned:
        return "compact" if compact else "aligned"
    if not compact:
        return None
    for row in range(2, table.line_count):  # all columns three wide: the body decides
        cells = table.cell_texts(row)
        if len(cells) > len(widths):
            continue
        tight = _row(cells)
        padded = _row(_pad(c, w, a) for c, w, a in zip(cells, widths, alignments, strict=False))
        if tight != padded:
            return "compact" if line(row) == tight else "aligned" if line(row) == padded else None
    return None


def _row(cells: Iterable[str]) -> str:
    """A table line of ``cells``, one space each side of every cell."""
    return "| " + " | ".join(cells) + " |"


def compact_delimiter(alignments: Iterable[Align]) -> str:
    """The delimiter line of a compact table: ``| --- | :---: |``."""
    return _row(_COMPACT_DELIMITER[a] for a in alignments)


def row_padding(doc: Document, row: Row, want: int) -> tuple[int, str]:
    """Where and what to insert so a short ``row`` has ``want`` cells: empty cells after its
    last one (before trailing blanks), in compact form (``|  |``), so padding leaves a compact
    table compact, and the closing pipe the row lacked if it lacked one."""
    text = doc.text
    start, end = row.span.start, row.span.end
    while end > start and text[end - 1] in " \t":
        end -= 1
    closed = end > start and text[end - 1] == "|" and text[end - 2] != "\\"
    return end, ("" if closed else " |") + "  |" * (want - len(row.cells))
