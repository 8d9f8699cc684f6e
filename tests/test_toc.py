"""Finding the table of contents, with and without a heading of its own."""

from __future__ import annotations

from awesome_lint.knowledge.toc import find_toc
from awesome_lint.markdown.parser import parse
from awesome_lint.markdown.source import Source

from .helpers import check, fix, short

HEADLESS = (
    "# Awesome Things\n\nA list of things.\n\n"
    "- [Tools](#tools)\n  - [Editors](#editors)\n- [Papers](#papers)\n\n"
    "## Tools\n\n### Editors\n\n## Papers\n\n## Datasets\n\n- [COCO](https://cocodataset.org)\n"
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


def test_a_shortened_label_is_the_authors_choice_when_the_anchor_is_right() -> None:
    text = "# A\n\n## Contents\n\n- [2023 Venues](#2023)\n- [NLP](#natural-language-processing)\n\n## 2023\n\n## Natural Language Processing\n"
    assert check(text, select=["AL305"]) == []
    exact = check(text, select=["AL305"], options={"toc": {"labels": "exact"}})
    assert [(d.line, d.severity.value) for d in exact] == [(5, "warning"), (6, "warning")]


def test_rewriting_the_toc_keeps_its_labels() -> None:
    text = "# A\n\n## Contents\n\n- [NLP](#natural-language-processing)\n- [Vision](#vison)\n\n## Natural Language Processing\n\n## Vision\n"
    result = fix(text, unsafe=True, select=["AL305"])
    assert "- [NLP](#natural-language-processing)\n- [Vision](#vision)\n" in result.text


def test_a_missing_heading_is_a_warning_and_a_broken_link_an_error() -> None:
    text = "# A\n\n## Contents\n\n- [Tools](#tools)\n- [Data](#datas)\n\n## Tools\n\n## Data\n\n## Models\n\n- [M](https://example.com/m)\n"
    found = {d.message.split(" ")[0]: d.severity.value for d in check(text, select=["AL305"])}
    assert found == {"Heading": "warning", "ToC": "error"}


def test_a_toc_under_a_bold_label_is_checked() -> None:
    text = "# A\n\n**Table of Contents:**\n\n- [Tools](#tools)\n  - [AI](#ai) [ML](#mll)\n- [Papers](#papers)\n\n## Tools\n\n### AI\n\n### ML\n\n## Papers\n"
    toc = find_toc(parse(Source.from_text(text)))
    assert toc is not None and [e.fragment for e in toc.entries] == ["tools", "ai", "mll", "papers"]
    assert short(check(text, select=["AL305"])) == [
        "6:20: AL305 ToC link #mll matches no heading; did you mean #ml ('ML')?"
    ]
    assert short(check(text, select=["AL306"])) == []  # the ToC's links are toc's


def test_a_heading_made_by_accident_is_not_asked_for() -> None:
    text = (
        "# A\n\n## Contents\n\n- [Tools](#tools)\n- [Papers](#papers)\n\n"
        "## Tools\n\n![diagram](d.png)\n---\n\n## Papers\n\nSome text\n---\n"
    )
    assert check(text, select=["AL305"]) == []


GARBLED = (
    "# \uf8ffüéì Awesome Things\n\n## \uf8ffüìñ Contents\n\n"
    "- [Awesome Things](#-awesome-things)\n- [Contents](#-contents)\n- [Tools](#-tools)\n- [Data](#data)\n\n"
    "## \uf8ffüéØ Tools\n\n## Data\n\n## Models\n\n- [M](https://example.com/m)\n"
)


def test_a_link_right_for_the_repaired_heading_is_not_reported() -> None:
    assert [d.message for d in check(GARBLED, select=["AL305"])] == [
        "Heading 'Models' (line 14) is missing from the table of contents"
    ]


def test_the_toc_fix_follows_the_headings_as_the_mojibake_fix_leaves_them() -> None:
    from awesome_lint.markdown.anchors import heading_anchors

    result = fix(GARBLED, unsafe=True)
    assert "🎯 Tools" in result.text and "- [Tools](#-tools)\n" in result.text
    doc = parse(Source.from_text(result.text))
    toc = find_toc(doc)
    assert toc is not None and {e.fragment for e in toc.entries} <= set(heading_anchors(doc))
    assert [e.fragment for e in toc.entries][-1] == "models"
    assert check(result.text, select=["AL305", "AL306"]) == []


def test_a_broken_link_is_not_pointed_at_another_years_heading() -> None:
    text = "# A\n\n## Contents\n\n- [IJCAI 2024](#IJCAI-2024)\n- [IJCAI 2022](#ijcai-2022)\n\n## IJCAI 2022\n"
    (found,) = check(text, select=["AL305"])
    assert found.message == "ToC link #IJCAI-2024 matches no heading" and found.fix is None


def test_an_entry_linking_an_explicit_anchor_above_a_heading_covers_it() -> None:
    text = (
        "# A\n\n## Contents\n\n- [Tools](#my-tools)\n- [Papers](#papers)\n\n"
        '<a id="my-tools"></a>\n## Tools\n\n## Papers\n'
    )
    assert check(text, select=["AL305"]) == []


def test_a_toc_listing_one_subsection_among_many_is_not_asked_for_the_rest() -> None:
    text = "# A\n\n## Contents\n\n- [Tools](#tools)\n- [Web](#web)\n- [Papers](#papers)\n\n## Tools\n\n### Mobile\n\n### Web\n\n### Desktop\n\n## Papers\n\n## Data\n\n- [D](https://example.com/d)\n"
    assert [d.message for d in check(text, select=["AL305"])] == [
        "Heading 'Data' (line 19) is missing from the table of contents"
    ]


def test_closing_sections_after_the_last_listed_one_are_left_out_on_purpose() -> None:
    text = (
        "# A\n\n## Contents\n\n- [Tools](#tools)\n- [Papers](#papers)\n\n## Tools\n\n- [T](https://example.com/t)\n\n"
        "## Papers\n\n- [P](https://example.com/p)\n\n## License\n\nCC0.\n"
    )
    assert check(text, select=["AL305"]) == []
    # a section added last that holds entries is still missing
    more = text + "\n## Models\n\n- [M](https://example.com/m)\n"
    assert [d.message for d in check(more, select=["AL305"])] == [
        "Heading 'Models' (line 20) is missing from the table of contents"
    ]


def test_an_entry_linking_an_anchor_away_from_headings_is_never_dropped_by_the_fix() -> None:
    text = (
        "# A\n\n## Contents\n\n- [Tools](#tools)\n- [Node](#node-js)\n\n"
        '## Tools\n\n<a name="node-js"></a>\n**Node**\n\n- x\n\n## Papers\n\n- [P](https://example.com/p)\n'
    )
    (found,) = check(text, select=["AL305"])
    assert "'Papers'" in found.message and found.fix is None


GROUPED = (
    "# A\n\nIntro.\n\n## Contents\n\n**Start Here**\n- [Tutorials](#tutorials)\n- [Courses](#courses)\n\n"
    "**Tools**\n- [Python](#python)\n\n---\n\n## Start Here\n\n## Tutorials\n\n- a\n\n## Courses\n\n- b\n\n"
    "## Tools\n\n## Python\n\n- c\n"
)


def test_a_heading_the_toc_names_without_a_link_is_not_missing() -> None:
    assert check(GROUPED, select=["AL305"]) == []


def test_a_contents_heading_further_down_is_found_when_it_is_only_that() -> None:
    text = (
        "".join(f"## Part {n}\n\ntext\n\n" for n in range(10))
        + "## Contents\n\n- [Part 1](#part-1)\n- [Part 2](#part-2)\n"
    )
    toc = find_toc(parse(Source.from_text("# A\n\n" + text)))
    assert toc is not None and toc.section.heading.text == "Contents"


def test_an_entry_github_shows_as_text_is_a_broken_entry() -> None:
    text = "# A\n\n## Contents\n\n- [Tools](#tools)\n- [Q & A](#q & a)\n- [Data](#data)\n\n## Tools\n\n## Q & A\n\n## Data\n"
    (found,) = check(text, select=["AL305"])
    assert found.severity.value == "error" and found.line == 6 and found.fix is None
    assert "shown as text, not a link: a link target cannot contain spaces" in found.message


def test_a_heading_whose_toc_link_is_broken_is_not_also_missing() -> None:
    """One defect, one finding: the ToC lists 'Extensions' with a wrong anchor; the heading is
    not reported as missing as well, whether or not a guess for the anchor is offered."""
    from .helpers import check

    text = (
        "# List\n\n## Contents\n\n- [Tools](#tools)\n- [Extensions (Xcode 8+)](#extensions-xcode-8)\n\n"
        "## Tools\n\nText.\n\n## Extensions\n\nText.\n"
    )
    found = [d.message for d in check(text, select=["AL305"])]
    assert found == ["ToC link #extensions-xcode-8 matches no heading"]
    guessed = [d.message for d in check(text.replace("Extensions (Xcode 8+)]", "Extensions]"), select=["AL305"])]
    assert guessed == ["ToC link #extensions-xcode-8 matches no heading; did you mean #extensions ('Extensions')?"]


def test_a_heading_a_long_described_toc_names_is_not_missing_and_one_it_leaves_out_is() -> None:
    """The headings are looked for in the ToC's prose all at once when the ToC is long (one by
    one, a description on every entry made this grow with the square of the list): a heading
    named by a bold label is still accounted for, and one neither linked nor named is missing."""
    described = " - the quick brown fox jumps over the lazy dog 0123456789"
    entries = "".join(f"- [Section {i}](#section-{i}){described}\n" for i in range(1500))
    headings = [f"## Section {i}\n\n- x\n\n" for i in range(1500)]
    headings.insert(700, "## Section Extra\n\n- y\n\n")
    text = f"# A\n\n## Contents\n\n**Group Label**\n{entries}\n## Group Label\n\n{''.join(headings)}"
    found = [d.message for d in check(text, select=["AL305"])]
    assert any("Section Extra" in m for m in found), found
    assert not any("Group Label" in m for m in found), found


def test_comparable_text_can_be_cut_at_a_space() -> None:
    """The toc rule makes a long ToC's prose comparable a piece at a time, cutting just after a
    space: that must give what the whole text gives, whatever is on either side of the cut."""
    import random

    from awesome_lint.knowledge.toc import comparable

    rng = random.Random(5)
    alphabet = [
        "a",
        "B",
        " ",
        "  ",
        "\n",
        "\t",
        "\\",
        "\\*",
        "*",
        "é",
        "ß",
        "🚀",
        "\ufe0f",
        "\u00a0",
        "\x1c",
        "-",
        "#",
        "1",
    ]
    for _ in range(3000):
        left = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        right = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        parts = [p for p in (comparable(left + " "), comparable(right)) if p]
        assert comparable(left + " " + right) == " ".join(parts), (left, right)
