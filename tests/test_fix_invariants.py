"""The fixer's promises, as properties: idempotent, lossless, and GitHub renders the same."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_lint.markdown.parser import parse_text
from awesome_lint.markdown.source import decode

from .conftest import ROOT, SEED, corpus_files, needs_corpus, run_cli
from .helpers import check, fix

# rules whose fixes must not change what GitHub renders
RENDER_NEUTRAL = ["AL101", "AL103", "AL404"]


def github_html(text: str) -> str:
    """GitHub's page, compared exactly here (the engine ignores whitespace between tags only)."""
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
    """Every non-empty cell's text, byte for byte (url-clutter's fixes are unsafe)."""
    return [cell.text for table in doc.tables for row in (table.header, *table.rows) for cell in row.cells if cell.text]


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
    assert result.refused is None and result.withheld == []  # no "safe" fix changed the page
    # checked against the generator's own strings, not our parser
    assert in_order(generated, result.text) == in_order(generated, text)
    assert fix(result.text).text == result.text


def corpus_and_seed() -> list[Path]:
    return [SEED, *corpus_files()]


def fixtures() -> list[tuple[str, str]]:
    """The seed list, the corpus, the example list, and every Markdown example of the rule pages."""
    out = [(path.name[:40], path.read_text(encoding="utf-8")) for path in corpus_and_seed()]
    out += [(path.name, path.read_text(encoding="utf-8")) for path in sorted((ROOT / "examples").glob("*.md"))]
    for page in sorted((ROOT / "rules").glob("*.md")):
        examples = re.findall(
            r"^```markdown (?:example|good)\n(.*?)^```$", page.read_text(encoding="utf-8"), re.M | re.S
        )
        out += [(f"{page.stem}-{n}", body) for n, body in enumerate(examples)]
    return out


def link_texts(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """Link texts in source order; a link inside another's text (a badge's image) is in it."""
    out, end = [], -1
    for link in sorted(doc.links, key=lambda link: link.span.start):
        if link.span.start >= end and link.text:
            out.append(link.text)
            end = link.span.end
    return out


@pytest.mark.parametrize(("name", "text"), fixtures(), ids=[name for name, _ in fixtures()])
def test_safe_fix_keeps_the_page_every_cell_and_every_link(name: str, text: str) -> None:
    """Safe fixes on real lists: GitHub renders the same page (raw HTML included), no rule had a
    "safe" fix the engine had to leave out, nothing of a cell or a link is lost, and a second
    run changes nothing."""
    result = fix(text)
    assert result.refused is None and result.converged and result.withheld == []
    out = result.text
    assert github_html(out) == github_html(text)
    assert fix(out).text == out
    doc = parse_text(text)
    assert in_order(expected_cells(doc), out)
    assert in_order(urls_in_source_order(doc), out)  # byte for byte: no safe fix changes a URL
    assert in_order(link_texts(doc), out)
    assert not [d for d in result.remaining if d.fix is not None and d.fix.applicability.value == "safe"]


@needs_corpus
def test_fix_keeps_crlf_bom_and_mode_on_every_list(tmp_path: Path) -> None:
    """Through the real command line, on every corpus list and the seed written with CRLF line
    endings, a BOM and mode 0640: the file on disk is exactly the in-process fix, encoded so."""
    expected = {}
    for n, path in enumerate(corpus_and_seed()):
        text = path.read_text(encoding="utf-8")
        copy = tmp_path / f"{n:02d}.md"
        copy.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
        os.chmod(copy, 0o640)
        expected[copy] = fix(text).text
    result = run_cli("fix", "--exit-zero", *sorted(str(p) for p in expected))
    assert result.returncode == 0, result.stderr.decode()
    for copy, text in expected.items():
        assert copy.read_bytes() == b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), copy.name
        assert stat.S_IMODE(copy.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in expected)


@needs_corpus
def test_corpus_is_not_empty() -> None:
    assert len(corpus_files()) >= 20
