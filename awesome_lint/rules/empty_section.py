from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic
from ..engine.rule import Context, Rule
from ..knowledge.toc import find_toc
from ..markdown.anchors import heading_anchors, normalise_fragment
from ..markdown.headings import accidental
from ..markdown.model import Document, Section
from ..util import lazyre
from .heading_structure import _is_empty

# a heading that is wholly one link (``#### [Workshop at ICML](https://…)``) is an entry written
# large, not a section; one that is a sentence (``## Feel free to contact me.``) is a note
_WHOLLY_A_LINK = lazyre.compile(r"^\s*(?:\[.*\]\([^()\s]*(?:\s+\"[^\"]*\")?\)|<a\s[^>]*>.*</a>)\s*$", re.DOTALL)
_SENTENCE = lazyre.compile(r"[.!。！]\s*$")


def _not_a_section(section: Section) -> bool:
    return bool(_WHOLLY_A_LINK.match(section.heading.raw) or _SENTENCE.search(section.heading.text))


class EmptySection(Rule):
    """A heading with nothing under it before the next heading of the same or a higher level:
    a section that was planned and never written, or content that went missing. A topic
    heading followed directly by year headings at its own level is heading-structure's
    finding and is not repeated here. A section that only looks empty because its content
    line became a heading (text or an image directly followed by ``---``) is reported once,
    on that line, saying what happened. A heading that is wholly one link (an entry written
    large: ``#### [Workshop at ICML 2020](https://…)``) or a sentence (``## Feel free to contact
    me.``) has no section to fill and is left alone, and so is a divider: a heading the table of
    contents leaves out, directly above sections of its level that it lists (the ToC shows
    how the author groups them)."""

    code = "AL303"
    name = "empty-section"
    summary = "A heading has nothing under it"

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        sections = doc.sections
        listed: set[int] | None = None  # the sections the table of contents links, if needed
        by_accident = accidental(doc)
        walk = iter(sections)
        following = next(walk, None)
        while following is not None:
            section, following = following, next(walk, None)
            if section.index in by_accident:
                yield from self._accidental(doc, section, by_accident)
                continue
            if section.has_children or not _is_empty(doc, section.heading.span.end, section.span.end):
                continue
            if _not_a_section(section):
                continue
            if following is not None and _swallowed(doc, section, following, by_accident):
                continue  # its content became the next heading: reported there
            if following is not None and following.level == section.level:
                if listed is None:
                    listed = _listed_in_toc(doc)
                if section.index not in listed and following.index in listed:
                    continue  # a divider the ToC leaves out, above sections it lists: not a section
            if (
                following is not None
                and section.year is None
                and following.year is not None
                and following.level == section.level
            ):
                continue
            yield self.report(
                section.heading.span,
                f"Section {section.heading.text.strip()!r} is empty; add its content or remove the heading",
            )

    def _accidental(self, doc: Document, section: Section, by_accident: frozenset[int]) -> Iterator[Diagnostic]:
        previous = doc.sections[section.index - 1] if section.index else None
        emptied = previous is not None and _swallowed(doc, previous, section, by_accident)
        if not emptied and not _is_empty(doc, section.heading.span.end, section.span.end):
            return  # a heading by accident, but nothing looks empty
        what = f", leaving section {previous.heading.text.strip()!r} empty" if emptied and previous else ""
        yield self.report(
            section.heading.span,
            f"This line became a heading because of the `---` under it{what}; add a blank line before `---`",
        )


def _listed_in_toc(doc: Document) -> set[int]:
    """The sections the table of contents links to."""
    toc = find_toc(doc)
    if toc is None:
        return set()
    anchors = {a.lower(): i for i, a in enumerate(heading_anchors(doc))}
    found = (anchors.get(normalise_fragment(e.fragment)) for e in toc.entries)
    return {i for i in found if i is not None}


def _swallowed(doc: Document, section: Section, following: Section, by_accident: frozenset[int]) -> bool:
    """``section`` has nothing before ``following``, a heading made by accident from its content."""
    return (
        following.index == section.index + 1
        and following.index in by_accident
        and _is_empty(doc, section.heading.span.end, following.heading.span.start)
    )
