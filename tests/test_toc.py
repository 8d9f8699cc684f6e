"""Finding the table of contents, with and without a heading of its own."""

from __future__ import annotations

from awesome_lint.parser import parse
from awesome_lint.source import Source
from awesome_lint.toc import find_toc

from .helpers import check, short

HEADLESS = (
    "# Awesome Things\n\nA list of things.\n\n"
    "- [Tools](#tools)\n  - [Editors](#editors)\n- [Papers](#papers)\n\n"
    "## Tools\n\n### Editors\n\n## Papers\n\n## Datasets\n"
)


def test_a_list_of_anchors_under_the_title_is_the_table_of_contents() -> None:
    toc = find_toc(parse(Source.from_text(HEADLESS)))
    assert toc is not None and [e.fragment for e in toc.entries] == ["tools", "editors", "papers"]
    assert short(check(HEADLESS, select=["AL305"])) == [
        "5:1: AL305 Heading 'Datasets' (line 15) is missing from the table of contents"
    ]


def test_a_mixed_list_under_the_title_is_not_taken_for_one() -> None:
    text = HEADLESS.replace("- [Papers](#papers)\n", "- Papers, see below\n")
    assert find_toc(parse(Source.from_text(text))) is None


def test_escaped_punctuation_in_an_entry_matches_its_heading() -> None:
    text = "# A\n\n## Contents\n\n- [Q \\& A](#q--a)\n- [B](#b)\n\n## Q & A\n\n## B\n"
    assert short(check(text, select=["AL305"])) == []
