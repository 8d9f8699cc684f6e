"""The fixer's promises, as properties: idempotent, lossless, and GitHub renders the same."""

from __future__ import annotations

from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.parser import parse_text
from awesome_lint.rules.url_clutter import clean_url
from awesome_lint.source import decode
from awesome_lint.toc import find_toc

from .conftest import SEED, corpus_files, needs_corpus
from .helpers import check, fix

# rules whose fixes must not change what GitHub renders
RENDER_NEUTRAL = ["AL101", "AL103", "AL404"]


def github_html(text: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE)


def in_order(needles: list[str], haystack: str) -> bool:
    pos = 0
    for needle in needles:
        found = haystack.find(needle, pos)
        if found == -1:
            return False
        pos = found + len(needle)
    return True


def expected_cells(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """Every non-empty cell's text, with the URLs url-clutter cleans as it cleans them."""
    out = []
    for table in doc.tables:
        for row in (table.header, *table.rows):
            for cell in row.cells:
                text = cell.text
                for link in cell.links:
                    text = text.replace(link.url, clean_url(link.url)[0])
                if text:
                    out.append(text)
    return out


def urls_with_offsets(doc) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    links = sorted((link for link in doc.links if link.kind != "reference"), key=lambda link: link.url_span.start)
    return [(doc.text[link.url_span.start : link.url_span.end], link.url_span.start) for link in links]


def urls_in_source_order(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """Link URLs as written (a badge's image URL comes before its link's URL)."""
    links = sorted((link for link in doc.links if link.kind != "reference"), key=lambda link: link.url_span.start)
    return [doc.text[link.url_span.start : link.url_span.end] for link in links]


piece = st.sampled_from(
    [
        "a",
        "b",
        "Title",
        "年",
        "中文",
        "🎓",
        "👩‍🔬",
        "\\|",
        "`x\\|y`",
        "`c`",
        "[l](https://e.org/p)",
        "*em*",
        "N/A",
        "-",
        "'23",
        "(CVPR)",
    ]
)
cell_text = st.lists(piece, min_size=0, max_size=3).map(" ".join)
align = st.sampled_from(["---", ":--", ":-:", "--:", "-", ":---------:", " --- "])


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, list[str]]:
    width = draw(st.integers(1, 5))
    header = [draw(cell_text.filter(bool)) for _ in range(width)]
    rows = [[draw(cell_text) for _ in range(draw(st.integers(1, width + 2)))] for _ in range(draw(st.integers(0, 5)))]
    indent = draw(st.sampled_from(["", " ", "   "]))
    tight = draw(st.booleans())

    def line(cells: list[str]) -> str:
        sep = "|" if tight else " | "
        body = sep.join(cells)
        trailing = draw(st.sampled_from(["|", " |", "", "  "]))
        return f"{indent}|{'' if tight else ' '}{body}{trailing}"

    lines = [line(header), indent + "|" + "|".join(draw(align) for _ in range(width)) + "|"]
    lines += [line(r) for r in rows]
    before = draw(st.sampled_from(["", "# 2024\n\n", " ### **2023**\n", "Some text.  \n\n"]))
    after = draw(st.sampled_from(["", "\n", "\n\n\nMore text. \n", "\n- item\n"]))
    text = before + "\n".join(lines) + "\n" + after
    cells = [c for c in header if c] + [c for r in rows for c in r if c]
    return text, cells


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.booleans())
def test_fix_is_idempotent_lossless_and_renders_the_same(case: tuple[str, list[str]], crlf: bool) -> None:
    text, _ = case
    if crlf:
        text = decode(text.replace("\n", "\r\n").encode(), "x.md").text
    result = fix(text, select=RENDER_NEUTRAL)
    assert result.refused is None and result.converged
    out = result.text
    assert fix(out, select=RENDER_NEUTRAL).text == out
    assert github_html(out) == github_html(text)
    # every cell and every link of the input, in order: judged from the input's own model
    doc = parse_text(text)
    cells = [c.text for t in doc.tables for r in t.all_rows[:1] + t.all_rows[2:] for c in r.cells if c.text]
    assert in_order(cells, out)
    assert in_order(urls_in_source_order(doc), out)
    # no fixable finding of the fixed rules is left
    assert [d for d in check(out, select=RENDER_NEUTRAL) if d.fixable] == []


@settings(max_examples=100, deadline=None)
@given(tables())
def test_all_safe_fixes_keep_every_generated_cell(case: tuple[str, list[str]]) -> None:
    text, generated = case
    result = fix(text)
    assert result.refused is None
    # checked against the generator's own strings, not our parser
    assert in_order(generated, result.text) == in_order(generated, text)
    assert fix(result.text).text == result.text


def corpus_and_seed() -> list[Path]:
    return [SEED, *corpus_files()]


@pytest.mark.parametrize("path", corpus_and_seed(), ids=lambda p: p.name[:40])
def test_real_lists_fix_losslessly_and_idempotently(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = fix(text)
    assert result.refused is None and result.converged
    assert fix(result.text).text == result.text
    doc = parse_text(text)
    assert in_order(expected_cells(doc), result.text)
    # safe fixes may clean a URL (url-clutter) or regenerate the table of contents; every
    # other URL is kept byte for byte, in order
    toc = find_toc(doc)
    kept = [
        clean_url(url)[0]
        for url, start in urls_with_offsets(doc)
        if toc is None or not (toc.span.start <= start < toc.span.end)
    ]
    assert in_order(kept, result.text)
    assert not [d for d in result.remaining if d.fix is not None and d.fix.applicability.value == "safe"]


@pytest.mark.parametrize("path", corpus_and_seed(), ids=lambda p: p.name[:40])
def test_real_lists_render_the_same_after_table_and_whitespace_fixes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = fix(text, select=RENDER_NEUTRAL)
    assert github_html(result.text) == github_html(text)


@needs_corpus
def test_corpus_is_not_empty() -> None:
    assert len(corpus_files()) >= 20
