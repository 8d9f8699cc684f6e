from __future__ import annotations

import re
from collections.abc import Iterator

from ..anchors import explicit_anchors, heading_anchors, normalise_fragment, scrolls_to_top, slug
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document
from ..rule import Context, Fixable, Rule
from ..textutil import edit_distance
from ..toc import find_toc

_SEPARATORS = re.compile(r"[-_]+")


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
        known = {a.lower() for a in anchors} | {a.lower() for a in explicit_anchors(doc)}
        toc = find_toc(doc)
        qualified: dict[str, list[int]] | None = None  # built once, only if a link is broken
        for link in links:
            if toc is not None and toc.span.start <= link.span.start < toc.span.end:
                continue
            fragment = normalise_fragment(link.url[1:])
            if fragment in known or scrolls_to_top(fragment):
                continue
            if qualified is None:
                qualified = _qualified_anchors(doc)
            target = _suggest(doc, anchors, qualified, fragment, link.span.start)
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
    """The same words, each at most a slip away (``getting-startd``, ``efficient_moe``), in
    the same order: a misspelt anchor, not another heading that shares a word."""
    if fragment == anchor:
        return False
    want, have = _SEPARATORS.split(fragment.strip("-_")), _SEPARATORS.split(anchor.strip("-_"))
    if len(want) != len(have):
        return False
    return all(edit_distance(a, b) <= _slips(b) for a, b in zip(want, have, strict=True))


def _slips(word: str) -> int:
    """How many edits a word of an anchor may be off and still be that word."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 6 else 2


def _top_of(doc: Document, index: int | None) -> int | None:
    """The part of the document a section belongs to: its outermost ancestor below the title."""
    sections = doc.sections
    title_level = sections[0].level if sections and sum(1 for s in sections if s.level == sections[0].level) == 1 else 0
    while index is not None:
        parent = sections[index].parent
        if parent is None or sections[parent].level <= title_level:
            return index
        index = parent
    return None


def _suggest(
    doc: Document, anchors: list[str], qualified: dict[str, list[int]], fragment: str, offset: int
) -> int | None:
    # a repeated heading's anchor is numbered (``images-1``): its words are the heading's
    candidates = qualified.get(fragment) or [
        s.index for s in doc.sections if _spelled_alike(fragment, slug(s.heading.text))
    ]
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    # several headings fit (``deep-learning``, ``deep-learning-1``): only one in the link's part
    here = next((s.index for s in reversed(doc.sections) if s.span.start <= offset), None)
    top = _top_of(doc, here)
    own = [i for i in candidates if top is not None and _top_of(doc, i) == top]
    return own[0] if len(own) == 1 else None
