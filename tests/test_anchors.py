"""Anchors follow GitHub exactly: every case recorded on github.com must come out the same."""

from __future__ import annotations

import json

import pytest

from awesome_lint.markdown.anchors import Slugger, heading_anchors, slug
from awesome_lint.markdown.parser import parse_text

from .conftest import SHARED
from .helpers import check, short

ORACLE = SHARED / "oracles" / "github-slugger-fixtures.json"


@pytest.mark.skipif(not ORACLE.is_file(), reason="../shared/oracles is not present")
def test_every_github_fixture() -> None:
    slugger = Slugger()
    failures = []
    for case in json.loads(ORACLE.read_text(encoding="utf-8")):
        got = slugger.slug(case["input"])
        if got != case["expected"]:
            failures.append((case["name"], case["input"], case["expected"], got))
    assert failures == []


def test_ascii_fast_path_agrees_with_the_unicode_path() -> None:
    text = "Hello, World! (2024) - a_b `code` 100%"
    assert slug(text) == "hello-world-2024---a_b-code-100"


def test_headings_of_a_document() -> None:
    doc = parse_text("# 📖 Table of Contents\n## Survey\n## Survey\n## **Bold** [link](https://x.org) `code`\n")
    assert heading_anchors(doc) == ["-table-of-contents", "survey", "survey-1", "bold-link-code"]


LANGUAGES = (
    "# Awesome ML\n\n- [Deep Learning](#rust-deep-learning)\n\n"
    "## Python\n\n### Deep Learning\n\n- a\n\n## Rust\n\n### Misc\n\n- b\n"
)


def test_top_is_never_a_broken_anchor() -> None:
    text = "# A\n\n## B\n\n[Back to top](#top) [Up](#TOP)\n"
    assert short(check(text, select=["AL306"])) == []


def test_a_link_named_with_its_parent_is_pointed_at_that_heading() -> None:
    text = LANGUAGES.replace("### Misc", "### Deep Learning")
    assert short(check(text, select=["AL306"])) == [
        "3:19: AL306 #rust-deep-learning matches no heading or anchor; did you mean #deep-learning-1?"
    ]


def test_an_anchor_fix_never_points_at_another_part_of_the_list() -> None:
    found = check(LANGUAGES, select=["AL306"])
    assert [(d.message, d.fix) for d in found] == [("#rust-deep-learning matches no heading or anchor", None)]


def test_of_several_alike_headings_only_the_one_in_the_links_own_part_is_offered() -> None:
    text = "# A\n\n## Python\n\n### Images\n\n## Rust\n\n### Images\n\nSee [images](#image).\n"
    assert short(check(text, select=["AL306"])) == [
        "11:14: AL306 #image matches no heading or anchor; did you mean #images-1?"
    ]
    elsewhere = text.replace("See [images](#image).\n", "").replace(
        "## Python\n", "See [images](#image).\n\n## Python\n"
    )
    assert short(check(elsewhere, select=["AL306"])) == ["3:14: AL306 #image matches no heading or anchor"]


def test_an_anchor_with_another_number_is_another_heading() -> None:
    text = "# A\n\n## Papers 2023\n\nSee [2024](#papers-2024).\n"
    (found,) = check(text, select=["AL306"])
    assert found.message == "#papers-2024 matches no heading or anchor" and found.fix is None
