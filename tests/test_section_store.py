"""The headings of a document are kept in arrays (``SectionStore``) and read through views.

A section's children are found, not kept; a heading's text and raw source are kept only
where they differ from what is written; what a rule reads by index (levels, parents, years,
spans) is what the views say; and the parse makes no object per heading.
"""

from __future__ import annotations

import bisect
import gc
import random

from awesome_lint.markdown.model import Heading, Section
from awesome_lint.markdown.parser import parse_text

from .conftest import SEED, corpus_files
from .helpers import corpus_and_mixes

_PIECES = [
    "# Title\n",
    "## Topic\n",
    "### 2024\n",
    "## 2023 and earlier\n",
    "#### **Bold**\n",
    "## Closed ##\n",
    "Setext\n===\n",
    "Two\nlines\n---\n",
    "text\n",
    "\n",
    "<details><summary><h2>Folded</h2></summary>\n\ntext\n</details>\n",
    "###### deep\n",
    "## ![only an image](x.png)\n",
    "## [A link](https://e.com) &amp; *more*\n",
    "> ## quoted\n",
    "- ## in an item\n",
    "#\n",
    "## \\# escaped\n",
]


def _documents() -> list[str]:
    return corpus_and_mixes(_PIECES, seed=9)


def test_what_a_section_says_is_what_its_arrays_say() -> None:
    for text in _documents():
        doc = parse_text(text)
        sections = doc.sections
        assert list(sections) == [sections[i] for i in range(len(sections))]
        for index, section in enumerate(sections):
            heading = section.heading
            assert section.index == index and section.level == heading.level == sections.levels[index]
            assert section.parent == (None if sections.parents[index] < 0 else sections.parents[index])
            assert section.year == (None if sections.years[index] < 0 else sections.years[index])
            assert heading.at == sections.heading_ats[index] and heading.content_at == sections.content_ats[index]
            assert section.span.start == heading.span.start and section.span.end >= heading.span.end
            # children: the sections whose parent this one is, in order
            assert section.children == tuple(i for i in range(len(sections)) if sections.parents[i] == index)
            written = text[heading.content_span.start : heading.content_span.end]
            assert (index in sections.store.raws) == (heading.raw != written)
            assert (index in sections.store.texts) == (heading.text != heading.raw)
            assert doc.year_of(index) == (
                section.year
                if section.year is not None
                else doc.year_of(section.parent)
                if section.parent is not None
                else None
            )


def test_views_of_one_section_are_equal_and_hash_alike() -> None:
    text = "# List\n\n## 2024\n\n### A ![x](y.png) *topic*\n\ntext\n"
    first, second = parse_text(text), parse_text(text)
    assert first.sections == second.sections and first == second
    assert hash(first.sections[2]) == hash(second.sections[2])
    assert {first.sections[1], second.sections[1]} == {first.sections[1]}
    assert first.sections[1] != first.sections[2] and first.sections[1].heading != first.sections[2].heading
    assert first.sections[2].heading.text == "A  topic" and first.sections[2].heading.raw == "A ![x](y.png) *topic*"
    assert first.sections[2].children == () and first.sections[0].children == (1,) and first.year_of(2) == 2024
    assert repr(first.sections) == repr(tuple(second.sections))


def test_the_parse_makes_no_object_for_a_heading() -> None:
    doc = parse_text("".join(f"{'#' * (1 + i % 6)} Heading {i}\n\n" for i in range(3000)))
    gc.collect()
    made = sum(1 for obj in gc.get_objects() if type(obj) in (Section, Heading))
    assert len(doc.sections) == 3000 and made == 0
    assert doc.sections[2999].heading.text == "Heading 2999" and doc.sections[2999].parent == 2998
    assert not doc.sections.store.raws and not doc.sections.store.texts  # every text is as written


_ITEMS = [
    "- [Tool](https://e.com/t) - does a thing.\n",
    "  - [Nested](https://e.com/n) and [two](https://e.com/2)\n",
    "1. first\n",
    "2) second\n",
    "10. tenth\n",
    "* star\n",
    "+ plus\n",
    "-\n  late text\n",
    "> - quoted [q](https://e.com/q)\n",
    "## Heading\n",
    "\n",
    "text\n",
]


def test_what_a_list_item_says_is_what_its_arrays_say() -> None:
    rng = random.Random(4)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in [*corpus_files(), SEED]]
    texts += ["".join(rng.choice(_ITEMS) for _ in range(rng.randint(1, 50))) for _ in range(300)]
    for text in texts:
        doc = parse_text(text)
        items = doc.list_items
        again = parse_text(text).list_items
        section_starts = [s.span.start for s in doc.sections]
        assert section_starts == sorted(section_starts)
        assert list(items) == [items[i] for i in range(len(items))]
        starts = [item.span.start for item in items]
        assert starts == sorted(starts)  # in order of where they begin: find_toc bisects them
        for index, item in enumerate(items):
            assert item.index == index and item.text_at == items.text_ats[index]
            assert item.text == text[item.text_span.start : item.text_span.end]
            assert item.links == (item.held if isinstance(item.held, tuple) else (item.held,))
            before = bisect.bisect_right(section_starts, item.span.start)
            assert item.section == (before - 1 if before else None)
            assert item == again[index]  # views of two parses compare by what they say


def test_the_parse_makes_no_object_for_a_list_item() -> None:
    from awesome_lint.markdown.model import ListItem

    doc = parse_text("".join(f"{i}. [Tool {i}](https://e.com/{i})\n" for i in range(3000)))
    gc.collect()
    assert len(doc.list_items) == 3000 and not any(type(obj) is ListItem for obj in gc.get_objects())
    assert doc.list_items[2999].marker == "2999." and doc.list_items[2999].links[0].url == "https://e.com/2999"
    assert not doc.list_items.store.numbers  # the markers' index is only for making the store


def test_a_section_has_children_when_its_children_say_so() -> None:
    for text in _documents():
        for section in parse_text(text).sections:
            assert section.has_children == bool(section.children)
