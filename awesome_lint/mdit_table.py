"""Where a GFM table starts and ends, as a markdown-it block rule sees it.

This is markdown-it's ``rules_block/table.py`` reduced to detection and termination: the
header's cells are counted by GitHub's rules (:func:`.tablesplit.split_cells`), a row that is
a lone pipe ends the table as on GitHub, and no per-cell tokens are made. Cells are always
read from the source: markdown-it's tokens pad short rows and drop extra cells, and building
tokens that would be thrown away was most of the parse time.
"""

from __future__ import annotations

import re
from typing import Any

from .tablesplit import split_cells

_DELIMITER_CELL = re.compile(r"^:?-+:?$")


def line_text(state: Any, line: int) -> str:
    """A line's content inside its container (indentation and ``>`` markers removed)."""
    return str(state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]])


def find_table(state: Any, start: int, end: int) -> int | None:
    """The line after the table starting at ``start``, or None when no table starts there."""
    if start + 2 > end:
        return None
    nxt = start + 1
    if state.sCount[nxt] < state.blkIndent or state.is_code_block(nxt):
        return None
    delimiter = line_text(state, nxt)
    if len(delimiter) < 2 or delimiter[0] not in "|-:" or delimiter[1] not in "|-: \t":
        return None
    if delimiter[0] == "-" and delimiter[1] in " \t":
        return None  # a list item, not a delimiter row
    if delimiter.strip(" \t|-:"):
        return None
    columns = delimiter.split("|")
    count = 0
    for i, column in enumerate(columns):
        cell = column.strip()
        if not cell:
            if i == 0 or i == len(columns) - 1:
                continue
            return None
        if not _DELIMITER_CELL.match(cell):
            return None
        count += 1
    header = line_text(state, start).strip()
    if "|" not in header or header == "|" or state.is_code_block(start):
        return None  # a lone pipe is never a header row on GitHub
    if len(split_cells(header)) != count:
        return None
    terminators = state.md.block.ruler.getRules("blockquote")
    old_parent = state.parentType
    state.parentType = "table"
    line = start + 2
    while line < end:
        if state.sCount[line] < state.blkIndent:
            break
        if any(rule(state, line, end, True) for rule in terminators):
            break
        text = line_text(state, line).strip()
        if not text or text == "|" or state.is_code_block(line):
            break
        line += 1
    state.parentType = old_parent
    return line
