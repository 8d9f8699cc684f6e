"""mdformat compatibility: our aligned tables are what mdformat-gfm writes, and with our
plugin mdformat stops dropping cells."""

from __future__ import annotations

import mdformat
from hypothesis import given, settings
from hypothesis import strategies as st

from .helpers import fix

LONG_ROW = "| Title | Venue |\n| --- | --- |\n| A paper | CVPR | kept |\n"


def test_mdformat_gfm_alone_drops_extra_cells() -> None:
    assert "kept" not in mdformat.text(LONG_ROW, extensions={"gfm"})


def test_our_plugin_keeps_every_cell() -> None:
    out = mdformat.text(LONG_ROW, extensions={"gfm", "awesome_lint"})
    assert out == "| Title   | Venue |\n| ------- | ----- |\n| A paper | CVPR  | kept |\n"
    assert mdformat.text(out, extensions={"gfm", "awesome_lint"}) == out


def test_plugin_keeps_cell_text_byte_for_byte() -> None:
    text = "| a | b |\n|---|---|\n| `x\\|y` | [l](https://e.org/a\\|b) *x* |\n"
    out = mdformat.text(text, extensions={"gfm", "awesome_lint"})
    assert "`x\\|y`" in out and "[l](https://e.org/a\\|b) *x*" in out


def test_plugin_compact_tables_option() -> None:
    out = mdformat.text("|a|b|\n|:-|-:|\n|1|\n", extensions={"gfm", "awesome_lint"}, options={"compact_tables": True})
    assert out == "| a | b |\n| :--- | ---: |\n| 1 |  |\n"


def test_plugin_tables_in_lists() -> None:
    out = mdformat.text("- item\n\n  |a|b|\n  |-|-|\n  |1|2|3|\n", extensions={"gfm", "awesome_lint"})
    assert out == "- item\n\n  | a   | b   |\n  | --- | --- |\n  | 1   | 2   | 3 |\n"


word = st.sampled_from(
    [
        "a",
        "Title",
        "Venue",
        "年",
        "中文",
        "🎓",
        "N/A",
        "CVPR'23",
        "[p](https://arxiv.org/abs/1)",
        "x \\| y",
        "Zhang, W.",
    ]
)
cell = st.lists(word, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda w: st.tuples(
            st.lists(cell, min_size=w, max_size=w),
            st.lists(st.sampled_from(["---", ":--", ":-:", "--:"]), min_size=w, max_size=w),
            st.lists(st.lists(cell, min_size=1, max_size=w), max_size=4),
        )
    )
)
def test_mdformat_makes_no_change_to_our_aligned_tables(table: tuple[list[str], list[str], list[list[str]]]) -> None:
    header, aligns, rows = table
    text = (
        "\n".join(
            ["|" + "|".join(header) + "|", "|" + "|".join(aligns) + "|", *("|" + "|".join(r) + "|" for r in rows)]
        )
        + "\n"
    )
    ours = fix(text, options={"table-format": {"style": "aligned"}}).text
    assert mdformat.text(ours, extensions={"gfm"}) == ours
