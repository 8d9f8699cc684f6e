"""The tables of a document are kept in arrays (``TableStore``) and read through views.

What a rule reads without making rows (``cell_texts``, ``cell_counts``, ``row_links``, ...)
must be what the rows it would make say, on every table of the corpus, the seed and random
documents; views of one table are equal and hash alike; and the parse makes no object per
row or cell.
"""

from __future__ import annotations

import gc
import random

import pytest

from awesome_lint.markdown import mdit_stream
from awesome_lint.markdown.model import Cell, Document, Row, Table, TableStore
from awesome_lint.markdown.parser import parse_text

from .helpers import corpus_and_mixes

_PIECES = [
    "| a | b |\n",
    "|---|:-:|\n",
    "| [x](https://e.com/x) | y |\n",
    "| 1 | 2 | 3 |\n",
    "| only |\n",
    "| [a](u) [b](v) | ![i](p.png) |\n",
    "\n",
    "- | l | m |\n  |---|---|\n  | n | [o](w) |\n",
    "> | q | r |\n> |---|---|\n> | s | t |\n",
    "# 2024\n",
    "text\n",
    "    | code | table |\n",
    "| \\| escaped | pipe |\n",
]


def _documents() -> list[str]:
    return corpus_and_mixes(_PIECES, seed=5)


def _check_views(doc: Document) -> None:
    starts = []
    for index, table in enumerate(doc.tables):
        rows = table.all_rows
        starts.append(table.span.start)
        assert table.index == index and doc.tables[index] == table
        assert table.line_count == len(rows) and table.row_count == len(table.rows)
        assert table.width == len(table.header.cells)
        assert table.cell_counts() == [len(row.cells) for row in table.rows]
        assert list(table.lines) == [row.line for row in rows]
        assert table.has_body_links() == any(cell.links for row in table.rows for cell in row.cells)
        for number, row in enumerate(rows):
            assert table.row(number) == row
            assert table.cell_count(number) == len(row.cells)
            assert table.cell_texts(number) == tuple(cell.text for cell in row.cells)
            assert list(table.cell_ats(number)) == [cell.at for cell in row.cells]
            assert table.row_at(number) == row.at and table.row_span(number) == row.span
            assert table.row_prefix(number) == row.prefix
            assert table.row_links(number) == tuple(link for cell in row.cells for link in cell.links)
            for column, cell in enumerate(row.cells):
                assert table.cell(number, column) == cell
    assert starts == sorted(starts)  # in document order: rules read them in turn, unsorted


def test_what_a_table_says_without_rows_is_what_its_rows_say() -> None:
    for text in _documents():
        _check_views(parse_text(text))


def test_views_of_one_table_are_equal_and_hash_alike() -> None:
    text = "# 2024\n\n| Title | Code |\n|---|---|\n| A paper | [c](https://e.com/c) |\n\n| x |\n|---|\n"
    first, second = parse_text(text), parse_text(text)
    assert first.tables == second.tables and first == second
    assert hash(first.tables[0]) == hash(second.tables[0]) == hash(first.tables[0])
    assert {first.tables[0], second.tables[0], first.tables[1]} == {first.tables[0], first.tables[1]}
    assert first.tables[0] != first.tables[1]
    assert first.tables[0].year == 2024 and first.tables[0].section == 0
    assert repr(first.tables) == repr(tuple(second.tables))


def test_the_title_column_is_remembered_in_the_store() -> None:
    from awesome_lint.knowledge.papers import title_column

    doc = parse_text("| Title | Code |\n|---|---|\n| A long paper title | c |\n")
    assert doc.tables[0].memo_title_column == -1  # not asked yet
    assert title_column(doc.tables[0]) == 0
    assert doc.tables[0].memo_title_column == 0  # another view of the table knows it


def test_rows_of_a_table_that_is_not_one_are_forgotten() -> None:
    store = TableStore("| a |\n")
    store.add_cell(2 << 32 | 3)
    store.add_row(0, 0 << 32 | 5, "")
    store.drop_rows(1)
    assert (len(store.r_line), len(store.c_at), len(store.helds), list(store.r_cell)) == (0, 0, 0, [0])


def test_the_parse_makes_no_object_for_a_row_or_a_cell() -> None:
    """A list of 2,000 small tables is held in arrays: rows and cells are made when read."""
    doc = parse_text("".join(f"| a | b |\n|---|---|\n| {i} | [y](https://e.com/{i}) |\n\n" for i in range(2000)))
    gc.collect()
    made = sum(1 for obj in gc.get_objects() if type(obj) in (Row, Cell, Table))
    assert len(doc.tables) == 2000 and made == 0
    assert doc.tables[1999].cell_texts(2) == ("1999", "[y](https://e.com/1999)")


@pytest.mark.parametrize("seed", range(4))
def test_line_marks_are_markdown_its(seed: int) -> None:
    """The streamed parse finds each line's begin, end and indentation itself, into arrays, as
    markdown-it's ``StateBlock`` does into lists: tabs, blank lines and a last line of spaces."""
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

    md = MarkdownIt("commonmark")
    rng = random.Random(seed)
    for _ in range(3000):
        src = "".join(
            rng.choice(["a", " ", "\t", "\n", "b ", "  \t", "\n\n", "> ", " \t "]) for _ in range(rng.randint(0, 30))
        )
        state = StateBlock(src, md, {}, [])
        want = [state.bMarks, state.eMarks, state.tShift, state.sCount, state.bsCount]
        assert [list(marks) for marks in mdit_stream._marks(src)] == want, repr(src)
