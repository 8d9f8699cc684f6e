"""Split a GFM table row into cells from its raw source, the way cmark-gfm (GitHub) does.

markdown-it's table tokens cannot be trusted for this: they pad short rows and drop extra
cells. The rules here: outer whitespace is ignored, a leading pipe and a trailing unescaped pipe
are optional, a pipe right after a backslash does not split (even after ``\\\\``: cmark-gfm
looks at the one character before the pipe only), and a pipe inside a code span still splits.
"""

from __future__ import annotations

from functools import lru_cache

from .model import Align

_WS = " \t"


def split_cells(line: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each cell's trimmed text within ``line``."""
    if "\\" in line:
        return _split_escaped(line)
    # no backslash, so every pipe splits: str.split and strip do the scanning (a table of
    # one short row per few lines was split character by character, a fifth of its parse)
    n = len(line)
    right = line.rstrip(_WS)
    end = len(right)
    if not end:
        return [(n, n)]
    i = end - len(right.lstrip(_WS))
    if line[i] == "|":
        i += 1
    parts = line[i:end].split("|")
    if len(parts) > 1 and not parts[-1]:
        parts.pop()  # a trailing pipe closes the last cell
    out: list[tuple[int, int]] = []
    pos = i
    for part in parts:
        trimmed = part.rstrip(_WS)
        if trimmed:
            out.append((pos + len(trimmed) - len(trimmed.lstrip(_WS)), pos + len(trimmed)))
        else:
            out.append((pos + len(part), pos + len(part)))
        pos += len(part) + 1
    return out


def _split_escaped(line: str) -> list[tuple[int, int]]:
    """:func:`split_cells` for a line with a backslash: a pipe right after one does not split."""
    n = len(line)
    i = 0
    while i < n and line[i] in _WS:
        i += 1
    end = n
    while end > i and line[end - 1] in _WS:
        end -= 1
    if i < end and line[i] == "|":
        i += 1
    bounds: list[tuple[int, int]] = []
    cell_start = i
    trailing_pipe = False
    find = line.find
    j = find("|", i, end)
    while j != -1:
        if j == 0 or line[j - 1] != "\\":
            bounds.append((cell_start, j))
            cell_start = j + 1
            trailing_pipe = j == end - 1
        j = find("|", j + 1, end)
    if cell_start < end or not trailing_pipe:
        bounds.append((cell_start, min(end, n)))
    if bounds and bounds[-1][0] >= end and trailing_pipe:
        bounds.pop()
    out: list[tuple[int, int]] = []
    for s, e in bounds:
        while s < e and line[s] in _WS:
            s += 1
        while e > s and line[e - 1] in _WS:
            e -= 1
        out.append((s, e))
    return out


@lru_cache(maxsize=256)
def split_repeated(line: str) -> tuple[tuple[int, int], ...]:
    """:func:`split_cells` of a line that is likely to come again: a header or delimiter row,
    which every year's table of a list repeats (in a list of small tables, most rows are one)."""
    return tuple(split_cells(line))


@lru_cache(maxsize=256)
def alignments(delimiter: str) -> tuple[Align, ...]:
    """The alignment of each column of a delimiter row (``|:---|:-:|``)."""
    return tuple(alignment(delimiter[s:e]) for s, e in split_repeated(delimiter))


def alignment(delimiter_cell: str) -> Align:
    cell = delimiter_cell.strip()
    left = cell.startswith(":")
    right = cell.endswith(":") and len(cell) > 1
    if left and right:
        return Align.CENTER
    if left:
        return Align.LEFT
    if right:
        return Align.RIGHT
    return Align.NONE
