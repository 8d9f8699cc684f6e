from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from awesome_lint.markdown.model import Align
from awesome_lint.markdown.parser import parse_text, plain_text
from awesome_lint.markdown.years import heading_year

from .conftest import SEED, corpus_files, needs_corpus


def test_heading_tree_and_years() -> None:
    doc = parse_text("# List\n## Attack\n### **📆 2024**\ntext\n### Year 2023\n## Defense\n")
    levels = [(s.level, s.heading.text, s.parent, s.year) for s in doc.sections]
    assert levels == [
        (1, "List", None, None),
        (2, "Attack", 0, None),
        (3, "📆 2024", 1, 2024),
        (3, "Year 2023", 1, 2023),
        (2, "Defense", 0, None),
    ]
    assert doc.sections[1].children == (2, 3)
    attack = doc.sections[1]
    assert doc.text[attack.span.start : attack.span.end].startswith("## Attack") and attack.span.end == doc.text.index(
        "## Defense"
    )


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2024", 2024),
        ("**📆 2024**", 2024),
        ("üìÜ 2024", 2024),
        ("Year 2023", 2023),
        ("[2022]", 2022),
        ("2021年", 2021),
        ("2019 and earlier", None),
        ("Before 2020", None),
        ("CVPR 2023", None),
        ("2023-2024", None),
        ("1850", None),
    ],
)
def test_heading_year(text: str, year: int | None) -> None:
    assert heading_year(plain_text(text)) == year


def test_table_cells_come_from_the_source_not_tokens() -> None:
    doc = parse_text("# 2024\n| a | b |\n|:--|--:|\n| 1 | 2 | 3 |\n| x |\n")
    (table,) = doc.tables
    assert [c.text for c in table.header.cells] == ["a", "b"]
    assert table.alignments == (Align.LEFT, Align.RIGHT)
    assert [[c.text for c in r.cells] for r in table.rows] == [["1", "2", "3"], ["x"]]  # nothing padded or dropped
    assert table.year == 2024 and table.section == 0
    cell = table.rows[0].cells[2]
    assert doc.text[cell.span.start : cell.span.end] == "3"
    assert doc.position(cell.span.start).line == 4


def test_tables_in_lists_and_blockquotes_keep_their_prefix() -> None:
    doc = parse_text("- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n\n> | c | d |\n> |---|---|\n> | 3 | 4 |\n")
    listed, quoted = doc.tables
    assert listed.container == "list" and listed.header.prefix == "  "
    assert quoted.container == "blockquote" and quoted.rows[0].prefix == "> "
    assert [c.text for c in quoted.rows[0].cells] == ["3", "4"]


def test_html_tables_are_counted_not_modelled() -> None:
    doc = parse_text('<table>\n<tr><td><a href="https://x.org">x</a></td></tr>\n</table>\n')
    assert doc.tables == () and doc.html_tables == 1
    assert [(link.kind, link.url) for link in doc.links] == [("html", "https://x.org")]


def test_links_with_exact_spans_and_holders() -> None:
    text = (
        "# Title [x](https://h.org)\n\n"
        "- [Name](https://a.org/b_(c)) - see <https://auto.org> and [ref][r].\n"
        '- [![badge](https://img.org/b.svg)](https://b.org "title")\n\n'
        "| Paper | Code |\n|---|---|\n| [p](https://arxiv.org/abs/1) | `[not](a link)` |\n\n"
        "[r]: https://ref.org\n"
    )
    doc = parse_text(text)
    got = [(link.kind, link.url, link.holder) for link in doc.links]
    assert got == [
        ("inline", "https://h.org", "heading"),
        ("inline", "https://a.org/b_(c)", "list-item"),
        ("autolink", "https://auto.org", "list-item"),
        ("reference", "https://ref.org", "list-item"),
        ("inline", "https://b.org", "list-item"),
        ("image", "https://img.org/b.svg", "list-item"),
        ("inline", "https://arxiv.org/abs/1", "cell"),
        ("definition", "https://ref.org", "definition"),
    ]
    for link in doc.links:
        if link.kind in ("inline", "image", "autolink", "definition"):
            assert doc.text[link.url_span.start : link.url_span.end] == link.url
    assert doc.tables[0].rows[0].cells[0].links[0].url == "https://arxiv.org/abs/1"
    assert doc.tables[0].rows[0].cells[1].links == ()


def test_list_items() -> None:
    doc = parse_text("## Tools\n- [A](https://a.org) - Alpha.\n  - [B](https://b.org) - Beta.\n1. Third\n")
    items = [(i.marker, i.depth, i.text, [link.url for link in i.links]) for i in doc.list_items]
    assert items == [
        ("-", 0, "[A](https://a.org) - Alpha.", ["https://a.org"]),
        ("-", 1, "[B](https://b.org) - Beta.", ["https://b.org"]),
        ("1.", 0, "Third", []),
    ]
    assert all(i.section == 0 for i in doc.list_items)


def test_comments_outside_code_only() -> None:
    doc = parse_text("<!-- one -->\n\n```\n<!-- not a comment -->\n```\ntext <!-- two\nlines -->\n")
    assert [c.body for c in doc.comments] == [" one ", " two\nlines "]


def test_code_blocks_hide_tables_and_links() -> None:
    doc = parse_text("```\n| a | b |\n|---|---|\n[x](https://x.org)\n```\n")
    assert doc.tables == () and doc.links == ()
    assert doc.code_lines == frozenset({0, 1, 2, 3, 4})


def test_seed_model() -> None:
    doc = parse_text(SEED.read_text(encoding="utf-8"))
    assert len(doc.tables) == 19
    widths = sorted({len(r.cells) for t in doc.tables for r in t.rows})
    assert widths == [5, 8]
    years = [s.year for s in doc.sections if s.year]
    assert years[:7] == [2024, 2025, 2024, 2023, 2022, 2021, 2020]


_MD = MarkdownIt("commonmark", {"html": True}).enable("table")


def markdown_it_hrefs(text: str) -> list[str]:
    out = []
    for tok in _MD.parse(text):
        for child in tok.children or []:
            if child.type == "link_open":
                out.append(str(child.attrs["href"]))
            elif child.type == "image":
                out.append(str(child.attrs["src"]))
    return out


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name[:40])
def test_links_agree_with_markdown_it(path: Path) -> None:
    """Our offset-aware link scanner finds the links markdown-it's inline parser finds."""
    text = path.read_text(encoding="utf-8")
    doc = parse_text(text)
    # markdown-it renders a link whose URL fails its validateLink (``file:``, ``javascript:``) as
    # text: a rendering policy, not parsing; such links are still links (empty-link reports them)
    ours = [
        _MD.normalizeLink(link.url)
        for link in doc.links
        if link.kind in ("inline", "image", "reference", "autolink") and _MD.validateLink(_MD.normalizeLink(link.url))
    ]
    theirs = markdown_it_hrefs(text)
    missing = Counter(theirs) - Counter(ours)
    assert not missing, list(missing)[:5]
    # markdown-it drops table cells beyond the header, with their links; we keep them
    extra = Counter(ours) - Counter(theirs)
    in_dropped_cells = Counter(
        _MD.normalizeLink(link.url)
        for t in doc.tables
        for r in t.rows
        for c in r.cells[t.width :]
        for link in c.links
        if _MD.validateLink(_MD.normalizeLink(link.url))
    )
    assert extra == in_dropped_cells


def _plain_block_parser() -> MarkdownIt:
    """The block parser as it was before its shortcuts (the first-character gates of
    :mod:`~awesome_lint.markdown.mdit_gates`, the ATX heading and paragraph rules that make one
    token): markdown-it's own rules, each kept to its opening token."""
    from markdown_it.rules_block import heading, lheading, paragraph

    from awesome_lint.markdown import mdit_table, parser

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    ruler = md.block.ruler
    for name, rule in (("heading", heading), ("lheading", lheading), ("paragraph", paragraph)):
        ruler.at(name, parser._opener_only(rule), {"alt": list(ruler.__rules__[ruler.__find__(name)].alt)})
    mdit_table.install(md, parser._table_extent)
    md.core.ruler.disable(["inline", "text_join"])
    return md


_LINE_STARTS = [
    "",
    "#",
    "# a",
    "# C#",
    "## a##",
    "## a ##",
    "###### six",
    "####### seven",
    "#a",
    "#\ta\t#",
    "# a #b",
    "# #",
    "##   ",
    "> q",
    ">",
    "- item",
    "* item",
    "+ item",
    "-",
    "1. one",
    "2) two",
    "10. ten",
    "```",
    "~~~ x",
    "``",
    "***",
    "---",
    "___",
    "- - -",
    "[ref]: /u",
    "[a]",
    "[x](y)",
    "<div>",
    "</div>",
    "<!-- c -->",
    "<a href=x>",
    "a | b",
    "| a | b |",
    "|---|---|",
    "--- | ---",
    ":-: |",
    "text",
    "===",
    "\\# no",
    "&amp;",
    "    code",
    "\t# tab",
    "\u3000wide",
]


def test_block_shortcuts_read_every_block_as_markdown_it_does() -> None:
    """The gated rules and the one-token heading and paragraph rules give the token stream of markdown-it's
    own rules (types, lines, levels, markup, content) on documents made of every kind of block
    start, indented and nested in quotes and list items."""
    import random

    from awesome_lint.markdown.parser import _block_parser

    ours, plain = _block_parser(), _plain_block_parser()
    rng = random.Random(14)
    prefixes = ["", "", "", " ", "  ", "   ", "    ", "\t", "> ", "- ", "1. ", "  - ", ">> "]
    fields = ("type", "tag", "map", "level", "nesting", "markup", "info", "content")
    for _ in range(3000):
        lines = [
            rng.choice(prefixes)
            + rng.choice(_LINE_STARTS)
            + rng.choice(["", "", " ", " #", " x", "\u00a0", "\x85", "\x1f"])
            for _ in range(8)
        ]
        text = "\n".join(lines) + rng.choice(["", "\n"])
        got = [[getattr(t, f) for f in fields] for t in ours.parse(text)]
        want = [[getattr(t, f) for f in fields] for t in plain.parse(text)]
        assert got == want, text


_BLOCKS = [
    "# H\n",
    "- item [a](http://a)\n",
    "  - nested [b][r]\n",
    "    - deeper\n",
    "1. one\n",
    "2) two\n",
    "> quote\n",
    "> - quoted item\n",
    ">   - quoted nested\n",
    "| a | b |\n",
    "|---|---|\n",
    "| c | [d](u) |\n",
    "\n",
    "\n",
    "[r]: http://r\n",
    "  [r2]: http://r2\n",
    "text [c][r2] more\n",
    "```\n",
    "    code\n",
    "<div>\n",
    "</div>\n",
    "Title\n",
    "===\n",
    "---\n",
    "* star\n",
    "  | t | u |\n",
    "  |---|---|\n",
    "- | x | y |\n  |---|---|\n",
    "\t- tab\n",
    "  ## in an item\n",
    "  > quote in an item\n",
    "  lazy\n",
    "-\n",
    "  text\n",
]


@pytest.mark.parametrize("flush_at", [1, 64])
def test_the_streamed_parse_hands_over_the_tokens_of_the_whole_parse(
    flush_at: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model is built from markdown-it's tokens as they come (a top-level block at a time,
    and inside a list before an item): the tokens handed over, in order, are those of the whole
    document's parse, with every container's end line, and every reference definition is known
    before the first is handed over (one defined after its use included)."""
    import random

    from awesome_lint.markdown import mdit_stream
    from awesome_lint.markdown.parser import _block_parser

    monkeypatch.setattr(mdit_stream, "FLUSH_AT", flush_at)
    md = _block_parser()
    fields = ("type", "tag", "map", "level", "nesting", "markup", "info", "content")
    rng = random.Random(28)
    for _ in range(1500):
        text = "".join(rng.choice(_BLOCKS) for _ in range(rng.randint(1, 90)))
        whole_env: dict[str, object] = {}
        want = [[getattr(t, f) for f in fields] for t in md.parse(text, whole_env)]
        env: dict[str, object] = {}
        handed: list[list[object]] = []
        references: list[bool] = []

        def consume(
            tokens: list[object],
            env: dict[str, object] = env,
            whole: object = whole_env.get("references"),
            handed: list[object] = handed,
            references: list[bool] = references,
        ) -> None:
            references.append(env.get("references") == whole)
            handed.extend(tokens)

        mdit_stream.parse(md, text, env, consume)
        assert [[getattr(t, f) for f in fields] for t in handed] == want, text
        assert all(references), text
        assert env.get("references") == whole_env.get("references"), text


def test_a_link_before_its_definition_resolves_in_a_long_list() -> None:
    items = "".join(f"- [entry {i}][ref]\n" for i in range(200))
    doc = parse_text(items + "\n[ref]: https://example.com/defined-last\n")
    assert len(doc.list_items) == 200
    assert {link.url for item in doc.list_items for link in item.links} == {"https://example.com/defined-last"}
