"""empty-section says what happened when a section's content became a heading by accident."""

from __future__ import annotations

from awesome_lint.markdown.headings import accidental
from awesome_lint.markdown.parser import parse_text

from .helpers import check, short


def test_a_section_emptied_by_a_line_made_a_heading_is_explained_once() -> None:
    text = "# A\n\n## Tools\n\nAn introduction to the tools.\n---\n\n## Papers\n\n- [a](https://a.org)\n"
    assert short(check(text, select=["AL303"])) == [
        "5:1: AL303 This line became a heading because of the `---` under it, leaving section 'Tools' empty; "
        "add a blank line before `---`"
    ]


def test_an_image_line_over_a_rule_is_a_heading_by_accident() -> None:
    doc = parse_text("Intro\n=====\n\n![logo](logo.png)\n---\n\nText\n")
    assert accidental(doc) == {1}


def test_setext_headings_written_on_purpose_are_sections() -> None:
    text = "Awesome\n=======\n\nTools\n-----\n\nPapers\n------\n\n- [a](https://a.org)\n"
    doc = parse_text(text)
    assert accidental(doc) == frozenset()
    assert short(check(text, select=["AL303"])) == [
        "4:1: AL303 Section 'Tools' is empty; add its content or remove the heading"
    ]


def test_a_heading_that_is_a_link_or_a_sentence_has_no_section_to_fill() -> None:
    text = (
        "# A\n\n## Workshops\n\n#### [Workshop at ICML 2020](https://example.org/icml)\n"
        "#### [Challenge at CVPR 2020](https://example.org/cvpr)\n\n"
        "## Feel free to contact me if a paper is missing.\n\n## Datasets\n"
    )
    assert short(check(text, select=["AL303"])) == [
        "10:1: AL303 Section 'Datasets' is empty; add its content or remove the heading"
    ]


def test_a_divider_the_toc_leaves_out_above_sections_it_lists_is_not_empty() -> None:
    from .test_toc import GROUPED

    assert check(GROUPED, select=["AL303"]) == []
    # a section the ToC lists promises content: empty is empty
    listed = GROUPED.replace("- [Courses](#courses)", "- [Courses](#courses)\n- [Start Here](#start-here)")
    assert [d.line for d in check(listed, select=["AL303"])] == [17]


def test_a_stretch_is_empty_when_only_whitespace_and_comments_are_left() -> None:
    """``_is_empty`` answers without copying a stretch that starts with content; it must say
    what removing the comments and the whitespace says, wherever the stretch starts and ends."""
    import random
    import re

    from awesome_lint.rules.heading_structure import _is_empty

    rng = random.Random(3)
    pieces = [" ", "\n", "\t", "\u00a0", "<!--", "-->", "<!-- note -->", "x", "<", "!", "-", "\u2003"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        doc = parse_text(text)
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = not re.sub(r"<!--.*?-->", "", text[start:end], flags=re.DOTALL).strip()
        assert _is_empty(doc, start, end) == expected, (text, start, end)
