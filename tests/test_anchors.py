"""Anchors follow GitHub exactly: every case recorded on github.com must come out the same."""

from __future__ import annotations

import json

import pytest

from awesome_lint.anchors import Slugger, heading_anchors, slug
from awesome_lint.parser import parse_text

from .conftest import SHARED

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
