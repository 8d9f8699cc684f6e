"""Where a GFM table starts and ends, as a markdown-it block rule sees it.

This is markdown-it's ``rules_block/table.py`` reduced to detection and termination: the
header's cells are counted by GitHub's rules (:func:`.tablesplit.split_cells`), a row that is
a lone pipe ends the table as on GitHub, and no per-cell tokens are made. Cells are always
read from the source: markdown-it's tokens pad short rows and drop extra cells, and building
tokens that would be thrown away was most of the parse time.

A table starts where cmark-gfm (GitHub) starts one, which is not where markdown-it does.
cmark-gfm only turns a paragraph's last line into a header, when the next line of the same
container is a delimiter row. So a line that starts another block (a heading, a blockquote, a
list item, a fence, an HTML block) is never a header; a delimiter row outside the header's
container (a lazy line after ``> a | b``) is none; a row of dashes alone is a setext underline;
and once a paragraph has met a delimiter row whose width is not its last line's, no table
starts in it any more (cmark-gfm marks it visited). :func:`install` sets this up.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ..util import lazyre
from .mdit_gates import starts_block
from .tablesplit import split_repeated

_DELIMITER_CELL = lazyre.compile(r"^:?-+:?$")
# HTML block start condition 7 (any complete tag alone on its line): starts a block, but cannot
# interrupt a paragraph, so markdown-it's html_block rule says no to it when asked silently
_HTML_TAG_LINE = lazyre.compile(
    r"^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[a-zA-Z_:][a-zA-Z0-9:._-]*(?:\s*=\s*(?:[^\"'=<>`\x00-\x20]+|'[^']*'|\"[^\"]*\"))?)*"
    r"\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>)\s*$"
)


def line_text(state: Any, line: int) -> str:
    """A line's content inside its container (indentation and ``>`` markers removed)."""
    return str(state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]])


def delimiter_width(state: Any, line: int) -> int | None:
    """The number of columns of the delimiter row on ``line``, or None when it is not one.

    Only a line of the current container counts (not a lazy continuation, not indented code),
    and not a row of dashes alone: cmark-gfm reads that as a setext underline first."""
    if state.sCount[line] < state.blkIndent or state.is_code_block(line):
        return None
    return _columns(line_text(state, line))


@lru_cache(maxsize=256)
def _columns(delimiter: str) -> int | None:
    """:func:`delimiter_width` of a line's text (every year's table repeats its delimiter row)."""
    if len(delimiter) < 2 or delimiter[0] not in "|-:" or delimiter[1] not in "|-: \t":
        return None
    if delimiter[0] == "-" and delimiter[1] in " \t":
        return None  # a list item, not a delimiter row
    if delimiter.strip(" \t|-:"):
        return None
    if not delimiter.rstrip(" \t").strip("-"):
        return None  # a setext underline
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
    return count or None  # `| ` has no column: no row at all for cmark-gfm


def _may_be_delimiter(state: Any, line: int) -> bool:
    if line >= state.lineMax:
        return False
    pos = state.bMarks[line] + state.tShift[line]
    return pos < state.eMarks[line] and state.src[pos] in "|-:"


def header_width(state: Any, line: int) -> int:
    """How many cells ``line`` has as a header row (0: it cannot be one).

    A lazy line keeps its indentation in cmark-gfm's paragraph, and a pipe after it is then
    no leading pipe: ``  | a | b |`` is three cells, the first empty."""
    header = line_text(state, line).strip()
    if header == "|":
        return 0  # a lone pipe is never a header row on GitHub (a line without any is one)
    width = len(split_repeated(header))
    if state.sCount[line] < state.blkIndent and state.tShift[line] and header.startswith("|"):
        width += 1
    return width


def _starts_another_block(state: Any, line: int, end: int) -> bool:
    """Whether cmark-gfm starts another block on ``line`` (inside a paragraph: interrupts it)."""
    if starts_block(state, line, end, "blockquote"):
        return True
    return state.parentType != "paragraph" and bool(_HTML_TAG_LINE.match(line_text(state, line)))


def _visited(state: Any, line: int) -> bool:
    """Whether a delimiter row on or before ``line`` in the paragraph did not match its header.

    cmark-gfm then marks the paragraph visited, and no table starts in it any more. The
    paragraph's first line is known from :func:`_remember_start`; the scan is incremental, so a
    long paragraph costs one look at each line (the setext rule and the paragraph rule scan the
    same lines: the memo keeps where the first mismatch is, not a yes or no)."""
    start = getattr(state, "_al_paragraph", None)
    if start is None or start >= line:
        return False
    # getattr, never ``state.__dict__``: reading an instance's __dict__ makes CPython keep its
    # attributes in a dict from then on, and every attribute read of the state slower
    memo: dict[int, tuple[int, int | None]] | None = getattr(state, "_al_visited", None)
    if memo is None:
        memo = state._al_visited = {}
    scanned, mismatch = memo.get(start, (start + 1, None))
    while mismatch is None and scanned <= line:
        width = delimiter_width(state, scanned)
        if width is not None and header_width(state, scanned - 1) != width:
            mismatch = scanned
        scanned += 1
    memo[start] = (scanned, mismatch)
    return mismatch is not None and mismatch <= line


def _skipped(state: Any, line: int) -> bool:
    """A paragraph line markdown-it never asks the terminators about, or asks outside its
    container: indented by four or more (code anywhere else), or lazy (a line after ``> text``
    without the ``>``, or under a list item without its indentation)."""
    return bool(state.sCount[line] < state.blkIndent or state.sCount[line] - state.blkIndent > 3)


def find_table(state: Any, start: int, end: int) -> int | None:
    """The line after the table starting at ``start``, or None when no table starts there.

    Asked by a paragraph whether ``start`` ends it, the answer is also yes when ``start`` is a
    delimiter row under a lazy or indented paragraph line: cmark-gfm makes that line the header,
    and the paragraph rule's wrapper (:func:`_remember_start`) moves the paragraph's end back a
    line for the table."""
    in_paragraph = state.parentType == "paragraph"
    if not _may_be_delimiter(state, start + 1) and not (in_paragraph and _may_be_delimiter(state, start)):
        return None  # most lines: asked at every block start and every paragraph line
    # a paragraph line judged a header while the paragraph was read, now asked as a block start:
    # out of the paragraph, `2) a | b` would look like a list item and `    a | b` like code
    decided = not in_paragraph and getattr(state, "_al_table_at", None) == start
    if decided:
        state._al_table_at = None
    else:
        if in_paragraph and _header_above(state, start):
            state._al_table_at = start - 1
            return start + 1
        if start + 2 > end:
            return None
        if in_paragraph and _skipped(state, start):
            return None  # the delimiter row below it is asked about on its own
        if not in_paragraph and state.is_code_block(start):
            return None
    count = delimiter_width(state, start + 1) if start + 1 < end else None
    if count is None:
        return None
    if header_width(state, start) != count:
        return None
    if not decided and (_starts_another_block(state, start, end) or (in_paragraph and _visited(state, start))):
        return None
    if in_paragraph:
        state._al_table_at = start
    old_parent = state.parentType
    state.parentType = "table"
    line = start + 2
    while line < end:
        if state.sCount[line] < state.blkIndent:
            break
        text = line_text(state, line).strip()
        if not text or text == "|" or state.is_code_block(line) or starts_block(state, line, end, "blockquote"):
            break  # (a blank line, the commonest end, tested first)
        line += 1
    state.parentType = old_parent
    return line


def _header_above(state: Any, line: int) -> bool:
    """Whether ``line`` is a delimiter row whose header is the lazy or indented line above it."""
    start = getattr(state, "_al_paragraph", None)
    if start is None or line - 1 <= start or not _skipped(state, line - 1):
        return False
    width = delimiter_width(state, line)
    return width is not None and header_width(state, line - 1) == width and not _visited(state, line - 1)


def _remember_start(
    rule: Callable[[Any, int, int, bool], bool], table_rule: Callable[[Any, int, int, bool], bool] | None = None
) -> Callable[[Any, int, int, bool], bool]:
    """Wrap markdown-it's paragraph (or setext heading) rule to record where the paragraph
    starts, for :func:`_visited`, and to restore the parent type; for the paragraph rule, also
    to end the paragraph a line early and start the table there when its header is a lazy or
    indented line."""

    def wrapped(state: Any, start: int, end: int, silent: bool) -> bool:
        outer = getattr(state, "_al_paragraph", None)
        parent = state.parentType
        state._al_paragraph = start
        state._al_table_at = None
        mark = len(state.tokens)
        try:
            found = rule(state, start, end, silent)
        finally:
            state._al_paragraph = outer
            # markdown-it's setext rule leaves parentType at "paragraph" when it finds no
            # underline, and a list item after the paragraph was then judged as interrupting one
            state.parentType = parent
        header = state._al_table_at
        if header is None or not found or table_rule is None or silent:
            state._al_table_at = None  # the paragraph rule will decide again
            return found
        if header < state.line:  # under a lazy or indented line: the paragraph ends a line early
            content = state.getLines(start, header, state.blkIndent, False).strip()
            for token in state.tokens[mark:]:  # the opener, and the inline token if it was kept
                if token.map is not None:
                    token.map[1] = header
                if token.type in ("paragraph_open", "inline"):
                    token.content = content
            state.line = header
            table_rule(state, header, state.lineMax, False)
        return True

    return wrapped


def install(md: Any, table_rule: Callable[[Any, int, int, bool], bool]) -> None:
    """Use ``table_rule`` (built on :func:`find_table`) as markdown-it's table rule, able to
    interrupt a paragraph as on GitHub (a table right under a line of text)."""
    ruler = md.block.ruler
    ruler.at("table", table_rule, {"alt": ["paragraph", "reference"]})
    for name in ("lheading", "paragraph"):
        rule = ruler.__rules__[ruler.__find__(name)]
        wrapped = _remember_start(rule.fn, table_rule if name == "paragraph" else None)
        ruler.at(name, wrapped, {"alt": list(rule.alt)})
