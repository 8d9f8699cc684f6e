from __future__ import annotations

import bisect
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix, Severity
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.toc import find_toc
from ..markdown.anchors import (
    explicit_anchors,
    heading_anchors,
    lowered,
    normalise_fragment,
    scrolls_to_top,
    slug,
)
from ..markdown.model import Document
from ..util import lazyre
from ..util.text import edit_distance

_SEPARATORS = lazyre.compile(r"[-_]+")
_DIGIT = lazyre.compile(r"\d")


class BrokenAnchor(Rule):
    """An in-page link ``[x](#fragment)`` whose fragment matches no heading's anchor (as GitHub
    makes them) and no explicit anchor (``<a name=…>``, ``<a id=…>``, ``id="…"``). Links in the
    table of contents are the ``toc`` rule's. ``#top`` is not reported: browsers scroll to the
    top of the page for it. A fix is offered (unsafe) only when one heading is plainly meant: its
    anchor spelled slightly differently, or the heading named with its parents
    (``#rust-deep-learning`` for "Deep Learning" under "Rust"); where several headings fit, the
    one in the link's own part of the document, or none."""

    code = "AL306"
    name = "broken-anchor"
    summary = "An in-page link points to an anchor that does not exist"
    severity = Severity.ERROR
    fixable = Fixable.SOMETIMES
    safe_fixes = False

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        links = [link for link in doc.links if link.url.startswith("#") and len(link.url) > 1]
        if not links:
            return
        anchors = heading_anchors(doc)
        known = {lowered(a) for a in anchors}
        known.update(a.lower() for a in explicit_anchors(doc))
        toc = find_toc(doc)
        suggest: _Suggester | None = None  # built once, only if a link is broken
        for link in links:
            if toc is not None and toc.span.start <= link.span.start < toc.span.end:
                continue
            fragment = normalise_fragment(link.url[1:])
            if fragment in known or scrolls_to_top(fragment):
                continue
            if suggest is None:
                suggest = _Suggester(doc)
            target = suggest(fragment, link.span.start)
            if target is not None:
                yield self.report(
                    link.url_span,
                    f"{link.url} matches no heading or anchor; did you mean #{anchors[target]}?",
                    fix=Fix.unsafe(Edit.replace(link.url_span, "#" + anchors[target])),
                )
            else:
                yield self.report(link.url_span, f"{link.url} matches no heading or anchor")


def _qualified_anchors(doc: Document) -> dict[str, list[int]]:
    """Each heading's text prefixed by its parents' (the list's title left out), slugged:
    ``rust-deep-learning`` for "Deep Learning" under "Rust", as lists write such anchors
    by hand."""
    sections = doc.sections
    title = 0 if sections and sum(1 for s in sections if s.level == sections[0].level) == 1 else None
    found: dict[str, list[int]] = {}
    for section in sections:
        names = [section.heading.text.strip()]
        parent = section.parent
        while parent is not None and parent != title:
            names.insert(0, sections[parent].heading.text.strip())
            found.setdefault(slug(" ".join(names)), []).append(section.index)
            parent = sections[parent].parent
    return found


def _spelled_alike(fragment: str, anchor: str) -> bool:
    """The same words, one of them at most a slip away (``getting-startd``, ``efficient_moe``),
    in the same order: a misspelt anchor, not another heading that shares a word."""
    if fragment == anchor:
        return False
    want, have = _SEPARATORS.split(fragment.strip("-_")), _SEPARATORS.split(anchor.strip("-_"))
    if len(want) != len(have):
        return False
    differ = [(a, b) for a, b in zip(want, have, strict=True) if a != b]
    if len(differ) > 1 or any(_DIGIT.search(a + b) for a, b in differ):
        return False  # two slips are another heading; so is another number (2023 is not 2024)
    return all(abs(len(a) - len(b)) <= _slips(b) and edit_distance(a, b, _slips(b)) <= _slips(b) for a, b in differ)


def _slips(word: str) -> int:
    """How many edits a word of an anchor may be off and still be that word."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 6 else 2


def _title_level(doc: Document) -> int:
    """The level of the list's title (a first heading no other shares), or 0 when it has none."""
    sections = doc.sections
    return sections[0].level if sections and sum(1 for s in sections if s.level == sections[0].level) == 1 else 0


def _top_of(doc: Document, index: int | None, title_level: int) -> int | None:
    """The part of the document a section belongs to: its outermost ancestor below the title."""
    sections = doc.sections
    while index is not None:
        parent = sections[index].parent
        if parent is None or sections[parent].level <= title_level:
            return index
        index = parent
    return None


class _Suggester:
    """Which heading a broken fragment plainly means, if one does. Built once per document:
    headings by number of words, so each broken link is compared with a few, not all."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.qualified = _qualified_anchors(doc)
        # a slip is a few letters of one word: each anchor is filed under its words with one of
        # them left out (and that word's length, first and last letter), so a broken fragment
        # is compared only with anchors that could be one slip away
        self.index: dict[tuple[object, ...], list[tuple[int, str]]] = {}
        for section in doc.sections:
            base = slug(section.heading.text)  # a repeat's anchor is numbered; its words are these
            words = _SEPARATORS.split(base.strip("-_"))
            for k, word in enumerate(words):
                rest = tuple(words[:k] + words[k + 1 :])
                for key in _keys(rest, k, word):
                    self.index.setdefault(key, []).append((section.index, base))
        self.starts = [s.span.start for s in doc.sections]
        self.title_level = _title_level(doc)
        self.memo: dict[str, list[int]] = {}

    def __call__(self, fragment: str, offset: int) -> int | None:
        candidates = self.memo.get(fragment)
        if candidates is None:
            candidates = self.qualified.get(fragment) or [
                index for index, base in self._near(fragment) if _spelled_alike(fragment, base)
            ]
            self.memo[fragment] = candidates
        if len(candidates) <= 1:
            return candidates[0] if candidates else None
        # several headings fit (``deep-learning``, ``deep-learning-1``): only one in the link's part
        at = bisect.bisect_right(self.starts, offset) - 1
        top = _top_of(self.doc, at if at >= 0 else None, self.title_level)
        own = [i for i in candidates if top is not None and _top_of(self.doc, i, self.title_level) == top]
        return own[0] if len(own) == 1 else None

    def _near(self, fragment: str) -> list[tuple[int, str]]:
        words = _SEPARATORS.split(fragment.strip("-_"))
        found: dict[int, str] = {}
        for k, word in enumerate(words):
            rest = tuple(words[:k] + words[k + 1 :])
            if _DIGIT.search(word):
                continue  # a number is not misspelt: a word with digits must be the same
            for n in range(max(4, len(word) - 2), len(word) + 3):  # a word of 3 letters has no slip
                if abs(n - len(word)) <= _slips("x" * n):
                    for key in ((rest, k, n, "^", word[:2]), (rest, k, n, "$", word[-2:])):
                        found.update(self.index.get(key, []))
        if len(words) > 1:  # the same words, other separators
            found.update(self.index.get((tuple(words[1:]), 0, len(words[0]), "=", words[0]), []))
        return sorted(found.items())


def _keys(rest: tuple[str, ...], k: int, word: str) -> tuple[tuple[object, ...], ...]:
    """Where an anchor is filed: its other words, the slipped word's place, its length, and its
    first or its last two letters (a slip keeps one pair or the other); and, under its first
    word, whole, for a fragment that differs from it only in separators (``efficient_moe``)."""
    keys: list[tuple[object, ...]] = [(rest, k, len(word), "=", word)] if k == 0 else []
    if len(word) >= 4:
        keys += [(rest, k, len(word), "^", word[:2]), (rest, k, len(word), "$", word[-2:])]
    return tuple(keys)
