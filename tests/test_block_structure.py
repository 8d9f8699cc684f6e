"""The parser's block structure is GitHub's: property tests against cmark-gfm (GitHub's own parser).

Documents are generated from lines that sit on the borders between blocks: pipe lines next to
headings, blockquotes, list items, HTML blocks, code, setext underlines and delimiter rows. For
each, the tables (count, rows, cells), the headings (level, text) and the list items the model
holds must be the ones in cmark-gfm's HTML.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from awesome_lint.markdown.parser import parse_text


class _Blocks(HTMLParser):
    """Tables, headings and list items of cmark-gfm's HTML, as plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.headings: list[tuple[int, str]] = []
        self.items = 0
        self._text: list[str] | None = None
        self._heading: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._text = []
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = int(tag[1])
            self._text = []
        elif tag == "li":
            self.items += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._text is not None:
            self.tables[-1][-1].append("".join(self._text).strip())
            self._text = None
        elif self._heading is not None and tag == f"h{self._heading}" and self._text is not None:
            self.headings.append((self._heading, " ".join("".join(self._text).split())))
            self._heading = None
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def github_blocks(text: str) -> _Blocks:
    blocks = _Blocks()
    blocks.feed(cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE))
    return blocks


_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def model_blocks(text: str) -> tuple[list[list[list[str]]], list[tuple[int, str]], int]:
    doc = parse_text(text)
    tables = []
    for table in doc.tables:
        width = len(table.header.cells)
        rows = []
        for row in (table.header, *table.rows):
            # as text: an escaped pipe is a pipe, a raw tag (<span>) is markup
            cells = [html.unescape(_TAG.sub("", c.text.replace("\\|", "|"))).strip() for c in row.cells[:width]]
            rows.append(cells + [""] * (width - len(cells)))  # as GitHub pads a short row
        tables.append(rows)
    headings = [(s.heading.level, " ".join(s.heading.text.split())) for s in doc.sections]
    return tables, headings, len(doc.list_items)


def assert_same_blocks(text: str) -> None:
    gh = github_blocks(text)
    tables, headings, items = model_blocks(text)
    assert tables == gh.tables, f"tables differ for {text!r}"
    assert headings == gh.headings, f"headings differ for {text!r}"
    assert items == gh.items, f"list items differ for {text!r}"


# lines that sit on the borders between blocks; cell text is plain words, so that cmark-gfm's
# rendered text and the model's source text can be compared as they are
LINES = [
    "",
    "text",
    "a | b",
    "| a | b |",
    "a|b|c",
    "| a |",
    "|",
    "| ",
    "x \\| y | z",
    "| --- | --- |",
    "---|---",
    "--- | --- | ---",
    "|-|",
    ":-: | -:",
    "| :--- |",
    "---",
    "===",
    "- - -",
    "***",
    "## A | B",
    "# a|b",
    "### c | d ###",
    "> a | b",
    "> | --- | --- |",
    "> text",
    ">",
    "- a | b",
    "- | --- | --- |",
    "* item",
    "1. a | b",
    "2) c | d",
    "  | --- | --- |",
    "  a | b",
    "   | --- | --- |",
    "    a | b",
    "    | --- | --- |",
    "<div>",
    "</div>",
    "<div>a | b</div>",
    "<!-- a | b -->",
    "<span>a | b</span>",
    "```",
    "~~~",
    "[ref]: https://example.org | x",
    "  - a | b",
    "    | --- | --- |",
    "> - a | b",
    ">   | --- | --- |",
    "> > a | b",
    "> > | - | - |",
    "a\t|\tb",
    "|\t---\t|\t---\t|",
    "a | b ==",
    "===|===",
]

documents = st.lists(st.sampled_from(LINES), min_size=1, max_size=10).map(lambda lines: "\n".join(lines) + "\n")


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
@example("## A |B\n| --- | --- |\n| 1 | 2 |\n")
@example("> A | B |\n| --- | --- |\n| 1 | 2 |\n")
@example("| a|\n|---|\n| \n| \n")  # a lone pipe and a space: neither a header nor a delimiter row
def test_tables_headings_and_list_items_are_githubs(text: str) -> None:
    assert_same_blocks(text)


# -- the cases found, each named after what GitHub does ----------------------------------------


def test_a_heading_line_is_never_a_table_header() -> None:
    text = "## A |B\n| --- | --- |\n| 1 | 2 |\n"
    doc = parse_text(text)
    assert doc.tables == () and [s.heading.text for s in doc.sections] == ["A |B"]
    assert_same_blocks(text)


def test_a_blockquote_line_is_no_header_for_a_delimiter_row_outside_the_quote() -> None:
    text = "> A | B |\n| --- | --- |\n| 1 | 2 |\n"
    assert parse_text(text).tables == ()
    assert_same_blocks(text)


def test_list_items_fences_and_html_blocks_are_no_table_headers() -> None:
    for first in ("- a | b", "1. a | b", "```a | b", "<div>a | b", "<div>"):
        text = f"{first}\n| --- | --- |\n"
        assert parse_text(text).tables == (), first
        assert_same_blocks(text)


def test_a_row_of_dashes_is_a_setext_underline_not_a_delimiter_row() -> None:
    text = "| a\n---\n"
    doc = parse_text(text)
    assert doc.tables == () and [(s.heading.level, s.heading.text) for s in doc.sections] == [(2, "| a")]
    assert_same_blocks(text)


def test_a_table_interrupts_a_paragraph_at_its_last_line() -> None:
    text = "Papers of 2024:\n| a | b |\n| --- | --- |\n| 1 | 2 |\n"
    doc = parse_text(text)
    assert [[c.text for c in r.cells] for r in doc.tables[0].all_rows] == [["a", "b"], ["---", "---"], ["1", "2"]]
    assert_same_blocks(text)


def test_a_paragraph_line_that_looks_like_a_block_start_can_be_a_header() -> None:
    # inside a paragraph, `2) c` cannot start a list, `    c` is no code, `<span>` no HTML block
    for text in ("text\n2) c | d\n| --- | --- |\n", "text\n    c | d\n| --- | --- |\n", "text\n<span>\n| --- |\n"):
        assert len(parse_text(text).tables) == 1, text
        assert_same_blocks(text)


def test_no_table_starts_in_a_paragraph_after_a_delimiter_row_that_did_not_match() -> None:
    text = "a | b | c\n| - | - |\nx | y\n| - | - |\n"
    assert parse_text(text).tables == ()
    assert_same_blocks(text)


def test_a_lazy_line_is_the_header_of_a_delimiter_row_inside_the_quote() -> None:
    text = "> x\na | b\n> | --- | --- |\n> 1 | 2\n"
    doc = parse_text(text)
    assert len(doc.tables) == 1 and doc.tables[0].container == "blockquote"
    assert_same_blocks(text)


def test_a_paragraph_then_a_list_item() -> None:
    # markdown-it's setext rule left its parent type behind, and `2) c` read as interrupting
    assert_same_blocks("text\n\n2) c | d\n:-: | -:\n")
