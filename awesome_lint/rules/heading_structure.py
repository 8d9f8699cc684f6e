from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Document
from ..rule import Context, Rule

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _is_empty(doc: Document, start: int, end: int) -> bool:
    """Nothing but whitespace and HTML comments between ``start`` and ``end``."""
    return not _COMMENT.sub("", doc.text[start:end]).strip()


class HeadingStructure(Rule):
    """Headings that break the outline: a skipped level (h1 then h3), more than one h1, and
    year headings at the same level as the topic they belong to (``### Attack`` then
    ``### 2024``), which makes each year a sibling of its topic instead of a part of it:
    the table of contents, anchors and folding in editors all get the structure wrong. One
    finding per topic names all its years: the same advice is not repeated per heading."""

    code = "AL302"
    presets = ("awesome",)  # the Node awesome-lint checks this too
    name = "heading-structure"
    summary = "Skipped heading levels, several h1s, or years at the level of their topic"

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        sections = doc.sections
        h1_seen = False
        previous = None
        for section in sections:
            h = section.heading
            if h.level == 1:
                if h1_seen:
                    yield self.report(h.span, "More than one h1; a list has one title, use ## for this heading")
                h1_seen = True
            if previous is not None and h.level > previous.level + 1:
                yield self.report(
                    h.span,
                    f"Heading level jumps from h{previous.level} to h{h.level}; use {'#' * (previous.level + 1)}",
                )
            previous = h
        for index, section in enumerate(sections):
            if section.year is not None or index + 1 >= len(sections):
                continue
            following = sections[index + 1]
            if following.year is None or following.level != section.level:
                continue
            if not _is_empty(doc, section.heading.span.end, following.heading.span.start):
                continue
            # a topic heading with nothing under it, then years at its own level: one finding
            # for the topic, on its first year, naming them all
            run = index + 1
            years = []
            while run < len(sections) and sections[run].year is not None and sections[run].level == section.level:
                years.append(sections[run].heading)
                run += 1
            first = years[0]
            deeper = "#" * (section.level + 1)
            if len(years) == 1:
                message = (
                    f"Year heading {first.text.strip()!r} is at the same level as its topic "
                    f"{section.heading.text.strip()!r}; make it {deeper} so it belongs to the topic"
                )
            else:
                lines = ", ".join(str(doc.position(h.span.start).line) for h in years)
                message = (
                    f"{len(years)} year headings (lines {lines}) are at the same level as their topic "
                    f"{section.heading.text.strip()!r}; make them {deeper} so they belong to the topic"
                )
            yield self.report(first.span, message)
