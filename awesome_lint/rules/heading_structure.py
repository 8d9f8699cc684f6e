from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Document, Heading
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
        extra_h1 = [s.heading for s in sections if s.level == 1][1:]
        if extra_h1:
            lines = _lines(doc, extra_h1)
            yield self.report(
                extra_h1[0].span,
                "More than one h1; a list has one title, use ## for this heading"
                if len(extra_h1) == 1
                else f"{len(extra_h1) + 1} h1 headings; a list has one title, use ## for the others (lines {lines})",
            )
        # each kind of jump once, naming where it happens: a list that puts #### under ## does so
        # throughout, and one finding says it
        jumps: dict[tuple[int, int], list[Heading]] = {}
        for previous, section in itertools.pairwise(sections):
            if section.level > previous.level + 1:
                jumps.setdefault((previous.level, section.level), []).append(section.heading)
        for (above, below), headings in jumps.items():
            use = "#" * (above + 1)
            where = "" if len(headings) == 1 else f" ({len(headings)} times: lines {_lines(doc, headings)})"
            yield self.report(headings[0].span, f"Heading level jumps from h{above} to h{below}{where}; use {use}")
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


def _lines(doc: Document, headings: list[Heading], most: int = 12) -> str:
    """``12, 40, 77`` (and ``…`` past ``most`` of them)."""
    shown = ", ".join(str(doc.position(h.span.start).line) for h in headings[:most])
    return shown + (", …" if len(headings) > most else "")
