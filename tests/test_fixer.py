from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_lint.engine import config, registry
from awesome_lint.engine.diagnostics import Diagnostic, Edit, Fix
from awesome_lint.engine.registry import Registry
from awesome_lint.engine.rule import Context, Fixable, Rule
from awesome_lint.fixing.fixer import MAX_PASSES, apply_fixes, fix_source
from awesome_lint.markdown.model import Document, Span
from awesome_lint.markdown.source import Source

from .conftest import run_cli
from .helpers import fix

MESSY = "|a|b|\n|-|-|\n|1|\n"
CANON = "| a | b |\n| --- | --- |\n| 1 |  |\n"


def settings_with(*rules: Rule) -> config.Settings:
    reg = Registry()
    for rule in rules:
        reg.add(rule)
    return config.settle(config.Config(), reg)


def test_apply_fixes_skips_overlaps_for_the_next_pass() -> None:
    text = "abcdef"
    fixes = [Fix.safe(Edit(1, 3, "X")), Fix.safe(Edit(2, 4, "Y")), Fix.safe(Edit(4, 5, "Z"))]
    out, applied = apply_fixes(text, fixes)
    assert out == "aXdZf" and applied == [0, 2]


def test_two_insertions_at_one_offset_are_not_applied_together() -> None:
    out, applied = apply_fixes("ab", [Fix.safe(Edit.insert(1, "X")), Fix.safe(Edit.insert(1, "Y"))])
    assert out == "aXb" and applied == [0]


def test_table_fixes_converge_with_overlapping_rules() -> None:
    result = fix(MESSY)
    assert result.text == CANON and result.converged
    assert dict(result.fixed) == {("AL101", "table-column-count"): 1, ("AL103", "table-format"): 1}


class Forever(Rule):
    code = "XT900"
    name = "forever"
    summary = "always has one more fix"
    fixable = Fixable.ALWAYS

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        # a blank line more at the top: GitHub shows the same page, so the fix really is safe
        yield self.report(Span(0, 0), "again", fix=Fix.safe(Edit.insert(0, "\n")))


def test_a_fix_loop_stops_and_names_the_rule() -> None:
    result = fix_source(Source.from_text("text\n"), settings_with(Forever()))
    assert not result.converged and result.unconverged_rules == ["XT900 forever"]
    assert result.text == "\n" * MAX_PASSES + "text\n"


class Eater(Rule):
    """A buggy rule whose 'safe' fix deletes a cell's text."""

    code = "XT901"
    name = "eater"
    summary = "eats a cell"
    fixable = Fixable.ALWAYS

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for table in doc.tables:
            for row in table.rows:
                if row.cells and row.cells[0].text:
                    yield self.report(row.cells[0].span, "eat", fix=Fix.safe(Edit.delete(row.cells[0].span)))


def test_a_fix_that_loses_cell_text_is_left_out() -> None:
    # the page GitHub shows would change: the engine leaves the rule's fixes out, whatever it says
    text = "| a | b |\n| --- | --- |\n| keep me | 2 |\n"
    result = fix_source(Source.from_text(text), settings_with(Eater()))
    assert result.text == text and result.withheld == [("XT901", "eater")]
    assert not result.fixed


def test_a_safe_fix_that_changes_the_page_is_left_out_and_the_others_kept() -> None:
    text = "| a | b |\n|-|-|\n| keep me | 2 |\n"
    settings = settings_with(Eater(), registry.load().get("table-format"))  # type: ignore[arg-type]
    result = fix_source(Source.from_text(text), settings)
    assert result.text == "| a | b |\n| --- | --- |\n| keep me | 2 |\n"
    assert result.withheld == [("XT901", "eater")] and result.refused is None
    assert dict(result.fixed) == {("AL103", "table-format"): 1}


class Joiner(Rule):
    """Harmless alone (removes the blank line between a paragraph and a thematic break)."""

    code = "XT902"
    name = "joiner"
    summary = "joins"
    fixable = Fixable.ALWAYS

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        if doc.text.startswith("Title\n\n"):
            yield self.report(Span(5, 6), "join", fix=Fix.safe(Edit.delete(Span(5, 6))))


class Dasher(Rule):
    code = "XT903"
    name = "dasher"
    summary = "turns a list item into a setext underline"
    fixable = Fixable.ALWAYS

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        at = doc.text.find("\n***\n")
        if at != -1:
            yield self.report(Span(at + 1, at + 4), "dash", fix=Fix.safe(Edit.replace(Span(at + 1, at + 4), "---")))


def test_fixes_that_change_the_page_only_together_are_refused() -> None:
    # each fix alone keeps the page (a paragraph and a thematic break); together they make
    # "Title\n---", a heading. No rule alone is at fault, so nothing is changed.
    text = "Title\n\n***\n"
    result = fix_source(Source.from_text(text), settings_with(Joiner(), Dasher()))
    assert result.text == text and result.refused is not None
    assert "XT902 joiner, XT903 dasher would change what GitHub shows" in result.refused


def test_a_heading_next_to_a_delimiter_row_stays_a_heading() -> None:
    # GitHub shows an h2 and a paragraph: there is no table to format
    text = "## A |B\n| --- | --- |\n| 1 | 2 |\n"
    assert fix(text).text == text
    assert fix(text, unsafe=True).text == text


def test_a_blockquote_line_next_to_a_delimiter_row_stays_a_quote() -> None:
    text = "> A | B |\n| --- | --- |\n| 1 | 2 |\n"
    assert fix(text).text == text


def test_a_table_right_under_a_line_of_text_is_formatted() -> None:
    assert fix("Papers:\n|a|b|\n|-|-|\n").text == "Papers:\n| a | b |\n| --- | --- |\n"


def test_padding_is_counted_beside_a_long_row_that_stays() -> None:
    # the long row is still reported afterwards; it must not cancel the short row padded
    result = fix("| a | b |\n| --- | --- |\n| 1 |\n| 1 | 2 | 3 |\n")
    assert result.text == "| a | b |\n| --- | --- |\n| 1 |  |\n| 1 | 2 | 3 |\n"
    assert dict(result.fixed) == {("AL101", "table-column-count"): 1}


def test_a_scheme_repair_is_counted_beside_an_empty_link_that_stays() -> None:
    text = "- [Site](ttps://example.com) - A site.\n- [Other]() - Nothing to guess.\n"
    result = fix(text, select=["AL205"], unsafe=True)
    assert result.text.startswith("- [Site](https://example.com)")
    assert dict(result.fixed) == {("AL205", "empty-link"): 1}


def test_every_fix_is_counted_once_per_rule() -> None:
    # two short rows (a third row fills the column, so each is a problem of its own), a table
    # to format, trailing spaces on two lines: each problem once, though the table is
    # rewritten over two passes
    text = "|a|b|\n|-|-|\n|1|\n|2|\n|3|4|\n\nText. \nMore. \n"
    result = fix(text)
    assert dict(result.fixed) == {
        ("AL101", "table-column-count"): 2,
        ("AL103", "table-format"): 1,
        ("AL404", "whitespace"): 2,
    }


def test_a_column_no_row_fills_is_one_problem_fixed_once() -> None:
    result = fix("| a | b |\n| --- | --- |\n| 1 |\n| 2 |\n")
    assert result.text == "| a | b |\n| --- | --- |\n| 1 |  |\n| 2 |  |\n"
    assert dict(result.fixed) == {("AL101", "table-column-count"): 1}


def test_a_full_stop_is_not_offered_where_it_would_not_end_the_description() -> None:
    # `Faster.".` is reported (the Node rule's quote rule), but a full stop more never satisfies
    # it: offering one made `fix --unsafe-fixes` add dots until it gave up
    text = '- [Next.js](https://nextjs.org) - Static sites, "All the tools. Faster.".\n'
    result = fix(text, select=["AL603"], unsafe=True)
    assert result.text == text and result.converged
    assert [d.message for d in result.remaining] == ["the description must end with punctuation (. ! ? …)"]


def test_unsafe_fixes_only_when_asked() -> None:
    text = "- [Site](ttps://example.com) - A site.\n"
    assert fix(text).text == text
    assert fix(text, unsafe=True).text == "- [Site](https://example.com) - A site.\n"


def test_table_in_a_list_keeps_its_indentation() -> None:
    text = "- item\n\n  |a|b|\n  |-|-|\n  |1|2|\n"
    assert fix(text).text == "- item\n\n  | a | b |\n  | --- | --- |\n  | 1 | 2 |\n"


def test_table_in_a_blockquote_keeps_its_markers() -> None:
    assert fix("> |a|b|\n> |-|-|\n> |1|2|\n").text == "> | a | b |\n> | --- | --- |\n> | 1 | 2 |\n"


def test_long_rows_block_the_table_rewrite() -> None:
    text = "|a|b|\n|-|-|\n|1|2|3|\n"
    result = fix(text)
    assert result.text == text
    assert {d.code for d in result.remaining} == {"AL101", "AL100"}  # AL103 folded into the layout line
    (layout,) = [d for d in result.remaining if d.code == "AL100"]
    assert layout.message == "1 table is not in canonical layout; fix by hand (select table-format to list them)"
    listed = fix(text, select=["layout", "AL101"]).remaining
    assert {d.code for d in listed} == {"AL101", "AL103"}


def test_cell_text_is_kept_byte_for_byte() -> None:
    text = "| a | b |\n|---|---|\n|`x\\|y`|[l](https://e.org/a\\|b) \\| c|\n"
    assert fix(text).text == "| a | b |\n| --- | --- |\n| `x\\|y` | [l](https://e.org/a\\|b) \\| c |\n"


def test_aligned_style() -> None:
    text = "|Title|年|\n|:-|-:|\n|x|🎓 a|\n"
    result = fix(text, options={"table-format": {"style": "aligned"}})
    # 年 and 🎓 are two columns wide: the second column is 4 wide
    assert result.text == "| Title |   年 |\n| :---- | ---: |\n| x     | 🎓 a |\n"


ALIGNED = "| Title | Year |\n| ----- | ---- |\n| A     | 2023 |\n"
COMPACT = "| Title | Year |\n| --- | --- |\n| A | 2023 |\n"


def _fixed(text: str) -> str:
    """What ``fix`` makes of ``text``, checked to be a fixed point: fixed again, it stays."""
    out = fix(text).text
    assert fix(out).text == out
    return out


def test_consistent_style_keeps_the_layout_most_tables_have() -> None:
    # two tables aligned (as prettier writes them), one drifting: the drift is aligned, not the rest compacted
    drifted = "| Title | Year |\n| ----- | ---- |\n| A long title | 2024 |\n"
    assert _fixed(ALIGNED + "\n" + ALIGNED + "\n" + drifted) == ALIGNED + "\n" + ALIGNED + "\n" + (
        "| Title        | Year |\n| ------------ | ---- |\n| A long title | 2024 |\n"
    )
    assert [d.code for d in fix(ALIGNED + "\n" + ALIGNED, select=["table-format"]).remaining] == []
    # the compact majority wins the other way round
    assert fix(COMPACT + "\n" + COMPACT + "\n" + ALIGNED).text == "\n".join([COMPACT] * 3)


def test_consistent_style_tie_or_no_vote_is_compact() -> None:
    assert fix(COMPACT + "\n" + ALIGNED).text == COMPACT + "\n" + COMPACT
    assert fix("|a|b|\n|-|-|\n|1|2|\n").text == "| a | b |\n| --- | --- |\n| 1 | 2 |\n"


def test_consistent_style_three_wide_columns_vote_by_their_body() -> None:
    # header and delimiter read the same in both layouts: the padded body row says aligned
    narrow = "| abc | def |\n| --- | --- |\n| x   | y   |\n"
    drifted = "| Title | Year |\n| --- | --- |\n| A | 2023 |\n| B |\n"
    assert _fixed(narrow + "\n" + narrow + "\n" + drifted) == narrow + "\n" + narrow + "\n" + (
        "| Title | Year |\n| ----- | ---- |\n| A     | 2023 |\n| B     |      |\n"
    )
    # a table the two layouts render alike has no say
    alike = "| abc |\n| --- |\n| xyz |\n"
    assert fix(alike + "\n" + ALIGNED).text == alike + "\n" + ALIGNED


# -- files on disk, through the real command line --------------------------------------------


def test_fix_writes_in_place_and_reports(isolated: Path) -> None:
    (isolated / "README.md").write_text(MESSY)
    result = run_cli("fix", "README.md")
    assert result.returncode == 0  # the only error was fixed
    assert (isolated / "README.md").read_text() == CANON
    out = result.stdout.decode()
    assert "Fixed 2 problems in README.md (AL101 table-column-count ×1, AL103 table-format ×1)" in out


def test_fix_keeps_crlf_bom_and_mode(isolated: Path) -> None:
    path = isolated / "README.md"
    path.write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode())
    os.chmod(path, 0o640)
    run_cli("fix", "README.md")
    assert path.read_bytes() == b"\xef\xbb\xbf" + CANON.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in isolated.iterdir()] == ["README.md"]  # no temporary file left behind


def test_fix_writes_through_a_symlink(isolated: Path) -> None:
    (isolated / "real.md").write_text(MESSY)
    (isolated / "link.md").symlink_to("real.md")
    run_cli("fix", "link.md")
    assert (isolated / "link.md").is_symlink()
    assert (isolated / "real.md").read_text() == CANON


def test_the_same_file_named_twice_is_fixed_once(isolated: Path) -> None:
    (isolated / "README.md").write_text(MESSY)
    out = run_cli("fix", "README.md", "./README.md", str(isolated / "README.md")).stdout.decode()
    assert out.count("Fixed 2 problems in") == 1


def test_invalid_utf8_is_never_touched(isolated: Path) -> None:
    data = MESSY.encode() + b"caf\xe9\n"
    (isolated / "README.md").write_bytes(data)
    result = run_cli("fix", "README.md")
    assert result.returncode == 2 and b"not valid UTF-8" in result.stderr
    assert (isolated / "README.md").read_bytes() == data


def test_mixed_line_endings_are_reported_and_left_alone(isolated: Path) -> None:
    data = b"|a|b|\r\n|-|-|\n|1|2|\n"
    (isolated / "README.md").write_bytes(data)
    result = run_cli("fix", "README.md")
    assert result.returncode == 2 and b"mixed line endings" in result.stderr
    assert (isolated / "README.md").read_bytes() == data


def test_diff_writes_nothing(isolated: Path) -> None:
    (isolated / "README.md").write_text(MESSY)
    result = run_cli("fix", "--diff", "README.md")
    assert result.returncode == 1
    assert "--- a/README.md\n+++ b/README.md\n" in result.stdout.decode() and "+| 1 |  |\n" in result.stdout.decode()
    assert (isolated / "README.md").read_text() == MESSY


def test_check_writes_nothing_and_exits_1_when_something_would_change(isolated: Path) -> None:
    (isolated / "README.md").write_text(MESSY)
    result = run_cli("fix", "--check", "README.md")
    assert result.returncode == 1 and b"Would fix 2 problems in README.md" in result.stdout
    assert (isolated / "README.md").read_text() == MESSY
    (isolated / "README.md").write_text(CANON)
    assert run_cli("fix", "--check", "README.md").returncode == 0


def test_stdin_to_stdout(isolated: Path) -> None:
    result = run_cli("fix", "-", input=MESSY.replace("\n", "\r\n").encode())
    assert result.stdout == CANON.replace("\n", "\r\n").encode()
    assert b"Fixed 2 problems" in result.stderr


def test_check_fix_is_fix(isolated: Path) -> None:
    (isolated / "README.md").write_text(MESSY)
    run_cli("check", "--fix", "README.md")
    assert (isolated / "README.md").read_text() == CANON


def test_select_limits_what_is_fixed(isolated: Path) -> None:
    (isolated / "README.md").write_text(MESSY)
    run_cli("fix", "--select", "AL101", "README.md")
    assert (isolated / "README.md").read_text() == "|a|b|\n|-|-|\n|1|  |\n"


@pytest.mark.parametrize("flag", ["--unsafe-fixes"])
def test_unsafe_fixes_flag(isolated: Path, flag: str) -> None:
    (isolated / "README.md").write_text("- [Site](ttps://example.com) - A site.\n")
    run_cli("fix", flag, "README.md")
    assert (isolated / "README.md").read_text() == "- [Site](https://example.com) - A site.\n"


def test_only_safe_fixes_are_marked_fixable_in_the_report(isolated: Path) -> None:
    (isolated / "README.md").write_text("|a|b|\n|-|-|\n|1|\n\n- [Site](ttps://example.com) - A site.\n")
    out = run_cli("check", "README.md").stdout.decode().splitlines()
    padded = next(line for line in out if "AL101" in line)
    scheme = next(line for line in out if "AL205" in line)
    assert padded.endswith("[*]") and not scheme.endswith("[*]")


def test_the_page_digest_is_the_digest_of_the_page() -> None:
    """The page is hashed a piece at a time: the digest is that of the whole normalised page."""
    import hashlib

    from awesome_lint.fixing.fixer import _PIECE, _page, github_html

    long_table = "| a | b |\n|---|---|\n" + "".join(f"| {i} 年 | <b> x </b>  <i>y</i> |\n" for i in range(_PIECE // 8))
    for text in ("", "  \n\n", "# A\n\n<div>\n\n</div>\n\n- x\n", "<p> a </p>   \n\n  <p>b</p>", long_table):
        html = github_html(text)
        assert _page(text) == hashlib.blake2b(html.encode("utf-8"), digest_size=32).digest()
    assert len(github_html(long_table)) > 2 * _PIECE  # hashed in several pieces
    assert _page("<p>a</p> <p>b</p>") == _page("<p>a</p>\n<p>b</p>") != _page("<p>a</p>x<p>b</p>")
