"""Cells are split from the raw source exactly as GitHub (cmark-gfm) splits them."""

from __future__ import annotations

import re

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.markdown.model import Align
from awesome_lint.markdown.tablesplit import alignment, split_cells


def cells(line: str) -> list[str]:
    return [line[s:e] for s, e in split_cells(line)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("| a | b |", ["a", "b"]),
        ("a | b", ["a", "b"]),
        ("|a|b", ["a", "b"]),
        ("| a \\| b |", ["a \\| b"]),
        ("| a \\\\| b |", ["a \\\\| b"]),  # GitHub: a backslash right before a pipe escapes it, always
        ("| a | `x|y` |", ["a", "`x", "y`"]),
        ("| a |  | c |", ["a", "", "c"]),
        ("  | x |   ", ["x"]),
        ("foo", ["foo"]),
    ],
)
def test_split(line: str, expected: list[str]) -> None:
    assert cells(line) == expected


@pytest.mark.parametrize(
    ("cell", "align"),
    [("---", Align.NONE), (":--", Align.LEFT), (":-:", Align.CENTER), ("--:", Align.RIGHT), (" :---: ", Align.CENTER)],
)
def test_alignment(cell: str, align: Align) -> None:
    assert alignment(cell) is align


def github_header_cells(line: str, count: int) -> list[str] | None:
    """The header cells GitHub renders for ``line`` with a delimiter row of ``count`` cells."""
    doc = f"{line}\n|{'---|' * count}\n"
    html = cmarkgfm.github_flavored_markdown_to_html(doc, options=Options.CMARK_OPT_UNSAFE)
    if "<table>" not in html:
        return None
    return re.findall(r"<th>(.*?)</th>", html, re.DOTALL)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab |\\`", min_size=1, max_size=16).filter(
        # a line indented four spaces is code, not a table row, for GitHub and for us
        lambda s: s.strip() not in ("", "|") and not s.strip().startswith(("`", "-")) and not s.startswith("    ")
    )
)
def test_cell_count_matches_github(line: str) -> None:
    ours = cells(line)
    theirs = github_header_cells(line, len(ours))
    assert theirs is not None, f"GitHub does not see {len(ours)} cells in {line!r}"
    assert len(theirs) == len(ours)


def test_escaped_pipe_is_one_cell_on_github() -> None:
    assert github_header_cells("| a \\| b | c |", 2) == ["a | b", "c"]


def test_a_lone_pipe_row_ends_the_table_as_on_github() -> None:
    from awesome_lint.markdown.parser import parse_text

    doc = parse_text("| a | b |\n|---|---|\n| x | y |\n|\n| z |\n")
    assert [len(t.rows) for t in doc.tables] == [1]
