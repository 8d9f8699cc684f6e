"""duplicate-entry, duplicate-link, year-mismatch and the parser's sections and years: what
they report, and the cases they leave alone because they cannot know."""

from __future__ import annotations

import pytest

from awesome_lint.engine.diagnostics import Severity
from awesome_lint.knowledge.papers import identifiers
from awesome_lint.markdown.parser import parse_text

from .helpers import check


def table(*rows: str, header: str = "| Title | Paper |") -> str:
    return "\n".join([header, "| --- | --- |", *rows]) + "\n"


def found(text: str, code: str, options: dict[str, object] | None = None) -> list[tuple[int, str, str]]:
    rule = {"AL201": "duplicate-entry", "AL202": "duplicate-link"}.get(code, code)
    opts = {rule: options} if options else None
    return [(d.line, d.severity.value, d.message) for d in check(text, select=[code], options=opts)]


# -- duplicate-entry ----------------------------------------------------------------------------


def test_the_same_paper_twice_in_one_section_is_an_error() -> None:
    text = table(
        "| Learning at a Glance | [arXiv](https://arxiv.org/abs/2401.01234) |",
        "| Learning at a glance! | [pdf](https://arxiv.org/pdf/2401.01234v2.pdf) |",
    )
    assert found(text, "AL201") == [
        (4, "error", "Same paper as line 3 (the same arXiv id 2401.01234); remove one of them")
    ]


def test_different_arxiv_ids_veto_a_title_match() -> None:
    text = table(
        "| Graph Neural Networks for Things | [arXiv](https://arxiv.org/abs/2301.00001) |",
        "| Graph Neural Networks for Things | [arXiv](https://arxiv.org/abs/2302.00002) |",
    )
    assert found(text, "AL201") == []


def test_a_preprint_and_its_published_version_are_still_one_paper() -> None:
    text = table(
        "| Graph Neural Networks for Things | [arXiv](https://arxiv.org/abs/2301.00001) |",
        "| Graph Neural Networks for Things | [ACM](https://dl.acm.org/doi/10.1145/3394486.3403317) |",
    )
    assert [line for line, _, _ in found(text, "AL201")] == [4]


def test_arxivs_own_doi_is_the_arxiv_id() -> None:
    assert identifiers("https://doi.org/10.48550/arXiv.2401.01234") == ("arxiv:2401.01234",)
    assert identifiers("https://arxiv.org/abs/2401.01234v3") == ("arxiv:2401.01234",)


def test_cpp_is_not_folded_into_c() -> None:
    text = table(
        "| A Guide to C++ Programming | [pdf](https://example.org/cpp.pdf) |",
        "| A Guide to C Programming | [pdf](https://example.org/c.pdf) |",
        "| A Guide to C# Programming | [pdf](https://example.org/cs.pdf) |",
    )
    assert found(text, "AL201") == []


def test_two_articles_sharing_a_short_name_at_different_addresses_are_not_duplicates() -> None:
    text = (
        "- [Introduction to Conformal Prediction](https://blog.example.org/cp)\n"
        "- [Introduction to Conformal Prediction](https://another.example.com/conformal)\n"
    )
    assert found(text, "AL201") == []


def test_a_distinctive_title_at_two_addresses_is_one_work() -> None:
    text = (
        "- [Conformal Prediction Intervals for Forecasting with Scikit-Learn Pipelines](https://a.example.org/x)\n"
        "- [Conformal Prediction Intervals for Forecasting with Scikit-Learn Pipelines](https://b.example.org/y)\n"
    )
    assert [line for line, _, _ in found(text, "AL201")] == [2]


def test_link_words_are_never_titles() -> None:
    text = "- [Paper](https://a.example.org/1)\n- [Paper](https://a.example.org/2)\n"
    assert found(text, "AL201") == []


def test_a_trailing_code_tag_is_not_part_of_the_title() -> None:
    text = table(
        "| Robust Segmentation of Scenes `WSS COD` | [arXiv](https://arxiv.org/abs/2303.00003) |",
        "| Robust Segmentation of Scenes | [arXiv](https://arxiv.org/abs/2303.00003) |",
    )
    (finding,) = found(text, "AL201")
    assert finding[2].startswith("Same paper as line 3")  # not "under a different title"


def test_a_row_linking_its_journal_extension_is_not_a_duplicate_of_that_row() -> None:
    text = table(
        "| Conference Version of a Method | [arXiv](https://arxiv.org/abs/2304.00004) "
        "[IJCV](https://doi.org/10.1007/s11263-024-1) |",
        "| Journal Extension with a New Name | [IJCV](https://doi.org/10.1007/s11263-024-1) |",
    )
    assert found(text, "AL201") == []


def test_one_id_under_two_titles_is_a_wrong_link_or_a_second_listing() -> None:
    text = table(
        "| Weighted Aggregation of Conformity Scores | [arXiv](https://arxiv.org/abs/2407.10230) |",
        "| Meta-Analysis with Untrusted Data | [arXiv](https://arxiv.org/abs/2407.10230) |",
    )
    (finding,) = found(text, "AL201")
    assert finding[:2] == (4, "error") and "under a different title" in finding[2]


def test_rows_naming_different_things_may_cite_one_paper() -> None:
    text = table(
        "| LSE-D | Out of Time: Automated Lip Sync in the Wild |",
        "| LSE-C | Out of Time: Automated Lip Sync in the Wild |",
        header="| Metric | Paper |",
    )
    assert found(text, "AL201") == []


@pytest.mark.parametrize("heading", ["News", "🔥 Latest News", "Updates", "Changelog", "What's new", "Update log"])
def test_bullets_in_a_news_section_are_not_entries(heading: str) -> None:
    text = (
        "## Papers\n\n- [Learning at a Glance](https://arxiv.org/abs/2401.01234)\n\n"
        f"## {heading}\n\n- [Learning at a Glance](https://arxiv.org/abs/2401.01234) was accepted!\n"
    )
    assert found(text, "AL201") == []


def test_a_topic_named_like_news_is_still_checked() -> None:
    text = (
        "## News Recommendation\n\n- [Learning at a Glance](https://arxiv.org/abs/2401.01234)\n"
        "- [Learning at a Glance](https://arxiv.org/abs/2401.01234)\n"
    )
    assert [line for line, _, _ in found(text, "AL201")] == [4]


CROSS = (
    "## Timeline\n\n- [Graph Networks for Weather](https://arxiv.org/abs/2212.12794)\n\n"
    "## Weather\n\n- [Graph Networks for Weather](https://arxiv.org/abs/2212.12794)\n\n"
    "## Graphs\n\n- [Graph Networks for Weather](https://arxiv.org/abs/2212.12794)\n"
)


def test_a_paper_cross_listed_in_several_topics_gets_one_warning_naming_all_places() -> None:
    assert found(CROSS, "AL201") == []  # by default: maintainers cross-list on purpose
    assert found(CROSS, "AL201", {"cross-section": "warn"}) == [
        (
            7,
            "warning",
            "Same paper is listed in 3 sections: 'Timeline' (line 3), 'Weather' (line 7), 'Graphs' (line 11); "
            'fine if cross-listed on purpose (cross-section = "ignore")',
        )
    ]


@pytest.mark.parametrize("options", [{"cross-section": "ignore"}, {"allow-across-sections": True}])
def test_cross_listing_can_be_silenced(options: dict[str, object]) -> None:
    assert found(CROSS, "AL201", options) == []
    twice = CROSS.replace(
        "## Weather", "- [Graph Networks for Weather](https://arxiv.org/pdf/2212.12794)\n\n## Weather"
    )
    assert [(line, sev) for line, sev, _ in found(twice, "AL201", options)] == [(5, "error")]


def test_years_of_one_topic_are_one_place() -> None:
    text = (
        "## Segmentation\n\n### 2023\n\n- [Learning at a Glance](https://arxiv.org/abs/2401.01234)\n\n"
        "### 2022\n\n- [Learning at a Glance](https://arxiv.org/abs/2401.01234)\n"
    )
    assert [(line, sev) for line, sev, _ in found(text, "AL201")] == [(9, "error")]


def test_places_with_one_heading_are_told_apart_by_their_parent() -> None:
    text = (
        "## Python\n\n### Tools\n\n- [Learning at a Glance](https://arxiv.org/abs/2401.01234)\n\n"
        "## Go\n\n### Tools\n\n- [Learning at a Glance](https://arxiv.org/abs/2401.01234)\n"
    )
    ((_, _, message),) = found(text, "AL201", {"cross-section": "warn"})
    assert "'Python / Tools' (line 5), 'Go / Tools' (line 11)" in message


# -- duplicate-link -----------------------------------------------------------------------------


def test_a_code_cell_repeating_the_rows_paper_link_is_reported() -> None:
    text = table(
        "| A Method | [arXiv](https://arxiv.org/abs/2401.00001) | [code](https://arxiv.org/abs/2401.00001) |",
        header="| Title | Paper | Code |",
    ).replace("| --- | --- |", "| --- | --- | --- |")
    ((line, _, message),) = found(text, "AL202")
    assert line == 3 and message.startswith("The 'Code' link repeats this entry's paper link")


def test_a_list_items_code_link_repeating_its_paper_link_is_reported() -> None:
    text = (
        "- A Method. [[paper](https://arxiv.org/abs/2401.00001)] [[official code](https://arxiv.org/abs/2401.00001)]\n"
    )
    ((_, _, message),) = found(text, "AL202")
    assert message.startswith("The 'official code' link repeats")


def test_a_paper_linked_from_its_title_and_its_paper_cell_is_not_reported() -> None:
    text = table(
        "| [A Method](https://arxiv.org/abs/2401.00001) | [arXiv](https://arxiv.org/abs/2401.00001) |",
    )
    assert found(text, "AL202") == []


def test_a_link_repeated_across_topics_is_one_grouped_finding() -> None:
    text = (
        "## A\n\n- [tool](https://github.com/a/tool) - x.\n\n## B\n\n- [tool](https://github.com/a/tool) - y.\n\n"
        "## C\n\n- [tool](https://github.com/a/tool) - z.\n"
    )
    # deliberate by default (maintainers cross-list on purpose); one grouped finding when asked
    assert found(text, "AL202") == []
    ((line, _, message),) = found(text, "AL202", {"cross-section": "warn"})
    assert line == 7 and "linked in 3 sections: 'A' (line 3), 'B' (line 7), 'C' (line 11)" in message


def test_front_pages_badges_anchors_and_property_lines_are_not_duplicates() -> None:
    text = (
        "- [Model A](https://huggingface.co/a) - by [NII](https://www.nii.ac.jp/) [![s](https://img.shields.io/x)](https://github.com/o/r)\n"
        "- [Model B](https://huggingface.co/b) - by [NII](https://nii.ac.jp) [![s](https://img.shields.io/x)](https://github.com/o/r)\n"
        "- [Institute](https://www.nii.ac.jp/) [top](#top)\n"
        "- [National Institute of Informatics](https://www.nii.ac.jp/) [top](#top)\n"
        "- [Planner](https://example.org/planner)\n  - ExpEnv: [mujoco](https://github.com/openai/mujoco-py)\n"
        "- [Dreamer](https://example.org/dreamer)\n  - ExpEnv: [mujoco](https://github.com/openai/mujoco-py)\n"
    )
    assert found(text, "AL202") == []


def test_one_front_page_under_one_name_twice_is_a_duplicate() -> None:
    text = "- [Accord](https://accord.example.net) - a.\n- [Accord](https://accord.example.net/) - b.\n"
    assert [line for line, _, _ in found(text, "AL202")] == [2]


def test_a_title_that_mentions_a_model_is_not_a_resource_link() -> None:
    text = table(
        "| [Sparse Training via Boosting Pruning Plasticity](https://papers.example.org/5227) | x |",
        "| [Exploration and Estimation for Model Compression](https://papers.example.org/5227) | y |",
    )
    assert [line for line, _, _ in found(text, "AL202")] == [4]


def test_a_main_link_seen_once_long_before_its_copy_is_still_found() -> None:
    """A main link seen once is kept as a number and its place made again when a copy comes:
    the copy is found, far away, from a row or an item, with the first one's line."""
    rows = [f"| [Paper {i} on topic](https://papers.example.org/{i}) | x |" for i in range(300)]
    items = [f"- [Tool {i}](https://tools.example.org/{i}) - does {i}." for i in range(300)]
    text = (
        table(*rows)
        + "\n"
        + "\n".join(items)
        + "\n\n"
        + table("| [A study of something else](https://papers.example.org/7) | y |")
        + "\n- [Tool 9](https://tools.example.org/9) - again.\n"
    )
    assert [(line, message) for line, _, message in found(text, "AL202")] == [
        (607, "https://papers.example.org/7 is already linked on line 10"),
        (609, "https://tools.example.org/9 is already linked on line 313"),
    ]


# -- sections and years ---------------------------------------------------------------------------

DETAILS = """# List

<details open>
<summary><h2>Vision &amp; Language</h2></summary>

| Title | Venue |
| --- | --- |
| A Paper | CVPR 2023 |

</details>

<details><summary><b><h3>2023</h3></b></summary>

- [Another Paper](https://arxiv.org/abs/2301.00001)

</details>

## Audio
"""


def test_html_summary_headings_are_sections() -> None:
    doc = parse_text(DETAILS)
    assert [(s.level, s.heading.text, s.parent, s.year, s.heading.html) for s in doc.sections] == [
        (1, "List", None, None, False),
        (2, "Vision & Language", 0, None, True),
        (3, "2023", 1, 2023, True),
        (2, "Audio", 0, None, False),
    ]
    assert doc.tables[0].section == 1
    (item,) = doc.list_items
    assert item.section == 2


def test_a_summary_heading_inside_a_comment_is_not_a_section() -> None:
    doc = parse_text("# List\n\n<!--\n<details><summary><h2>Old</h2></summary>\n-->\n")
    assert [s.heading.text for s in doc.sections] == ["List"]


@pytest.mark.parametrize(
    ("heading", "year"),
    [
        ("### 2023 [[Back to Top](#contents)]", 2023),
        ("## 2023 [↑](#table-of-contents)", 2023),
        ('## 2021 <a href="#top">↑</a>', 2021),
        ("## 2022 ![badge](https://img.shields.io/badge/new-blue)", 2022),
        ("## 2022 [![badge](https://img.shields.io/x)](https://example.org)", 2022),
        ("## Top 2023 papers", None),
        ("## 2023 [CVPR](https://cvpr.thecvf.com)", None),
        ("## 2019 and earlier", None),
    ],
)
def test_year_headings_with_navigation_after_the_year(heading: str, year: int | None) -> None:
    assert parse_text(heading + "\n").sections[0].year == year


def test_rows_under_a_year_heading_with_a_back_to_top_link_are_checked() -> None:
    text = "### 2023 [[Back to Top](#contents)]\n\n" + table("| A Paper | CVPR'22 |", header="| Title | Venue |")
    diagnostics = check(text, select=["AL203"])
    assert [(d.line, d.severity) for d in diagnostics] == [(5, Severity.WARNING)]


# -- severity ----------------------------------------------------------------------------------


def test_a_short_row_is_a_warning_and_a_long_row_an_error() -> None:
    text = "| a | b |\n| --- | --- |\n| 1 |\n| 1 | 2 | 3 |\n"
    assert [(d.line, d.severity) for d in check(text, select=["AL101"])] == [
        (3, Severity.WARNING),
        (4, Severity.ERROR),
    ]


def test_sizes_of_one_model_on_the_familys_page_are_not_duplicates() -> None:
    text = table(
        "| [Llama 3 Swallow 70B](https://swallow.example.org/llama3.html) | x |",
        "| [Llama 3 Swallow 8B](https://swallow.example.org/llama3.html) | y |",
        header="| Model | Note |",
    )
    assert found(text, "AL202") == []


def test_two_short_names_behind_one_repository_are_parts_of_one_project() -> None:
    text = "- [arael](https://github.com/a/zsh-themes) - A theme.\n- [lilith](https://github.com/a/zsh-themes) - Another.\n"
    assert found(text, "AL202") == []


def test_one_name_inside_the_other_is_one_entry_twice() -> None:
    text = "- [linebender/xilem](https://github.com/linebender/xilem) - UI.\n- [xilem](https://github.com/linebender/xilem) - UI.\n"
    assert [line for line, _, _ in found(text, "AL202")] == [2]


def test_an_underscore_inside_a_name_separates_words() -> None:
    text = (
        "## A\n\n- [corex_topic](https://github.com/g/corex_topic) - x.\n\n"
        "## B\n\n- [CorEx Topic](https://github.com/g/corex_topic) - y.\n"
    )
    assert [line for line, _, _ in found(text, "AL202", {"cross-section": "warn"})] == [7]


def test_a_link_mentioned_in_prose_is_not_an_entrys_link() -> None:
    text = (
        "## A\n\n- Unlike [antigen](https://github.com/zsh-users/antigen), no plugin files are needed\n\n"
        "## B\n\n- Uses [Antigen](https://github.com/zsh-users/antigen) for theme management\n"
    )
    assert found(text, "AL202") == []


def test_a_link_ending_its_item_or_opening_after_an_emoji_is_the_entrys_link() -> None:
    text = (
        "- Meetup [Egypt](https://www.meetup.com/flutter-nyc/)\n- Meetup [NYC](https://www.meetup.com/flutter-nyc/)\n"
        "- :octocat: [rehydra](https://github.com/r/rehydra-sdk) - An SDK.\n"
        "- [rehydra](https://github.com/r/rehydra-sdk) - An SDK.\n"
    )
    assert [line for line, _, _ in found(text, "AL202")] == [2, 4]


def test_rows_naming_two_datasets_of_one_paper_are_not_duplicates() -> None:
    """No title column known (``Name | Paper``): a short first cell without links names what the
    row is about, so two datasets released by one paper are two rows, not one paper twice."""
    text = (
        "## Datasets\n\n| Name | Paper | Link |\n| --- | --- | --- |\n"
        "| **CLEVR-ATVC** | [Accountable Textual-Visual Chat](https://arxiv.org/pdf/2303.05983.pdf) | [Link](https://e.org/a) |\n"
        "| **Fruit-ATVC** | [Accountable Textual-Visual Chat](https://arxiv.org/pdf/2303.05983.pdf) | [Link](https://e.org/b) |\n"
    )
    assert found(text, "AL201") == []
    twice = text.replace("**Fruit-ATVC**", "**CLEVR-ATVC**")
    assert [line for line, _, _ in found(twice, "AL201")] == [6]


def test_one_id_under_two_titles_across_topics_follows_cross_section() -> None:
    """A benchmark entry in one topic citing the paper a model entry in another topic lists is
    as often deliberate as wrong: silent by default, a warning when cross-listing is reported."""
    text = (
        "## Models\n\n- [DeBERTa-v3: Improving DeBERTa with ELECTRA-Style Pre-Training](https://arxiv.org/abs/2111.09543)\n\n"
        "## Classification\n\n- [SST and IMDB with a DeBERTa-v3 encoder baseline](https://arxiv.org/abs/2111.09543)\n"
    )
    assert found(text, "AL201") == []
    ((line, severity, message),) = found(text, "AL201", {"cross-section": "warn"})
    assert (line, severity) == (7, "warning") and "under a different title" in message
