from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic
from ..engine.rule import Context, Rule
from ..markdown.model import Document, Heading
from ..util import lazyre
from ..util.text import plural

_COMMENT = lazyre.compile(r"<!--.*?-->", re.DOTALL)


_CONTENT = lazyre.compile(r"\S")


def _is_empty(doc: Document, start: int, end: int) -> bool:
    """Nothing but whitespace and HTML comments between ``start`` and ``end``."""
    text = doc.text
    first = _CONTENT.search(text, start, end)
    if first is None:
        return True
    if not text.startswith("<!--", first.start()):
        return False  # no comment can hide it: asked of a section of a whole list, no copy of it
    return not _COMMENT.sub("", text[start:end]).strip()


class HeadingStructure(Rule):
    """Headings that break the outline: a skipped level (h1 then h3), more than one h1, and
    year headings at the same level as the topic they belong to (``### Attack`` then
    ``### 2024``), which makes each year a sibling of its topic instead of a part of it:
    the table of contents, anchors and folding in editors all get the structure wrong."""

    code = "AL302"
    presets = ("awesome",)  # the Node awesome-lint checks this too
    name = "heading-structure"
    summary = "Skipped heading levels, several h1s, or years at the level of their topic"

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        # one finding per problem, not one per heading: a list that uses h4 under h2 throughout
        # has one outline problem, reported where it first shows, with the other lines named
        sections = doc.sections
        extra_h1: list[Heading] = []
        jumps: dict[tuple[int, int], list[Heading]] = {}
        h1_seen = False
        previous = 0  # the previous heading's level (0: none yet)
        under_extra = False  # the previous heading is an extra h1
        for index, level in enumerate(sections.levels):  # levels first: a heading is made when named
            # right under an extra h1, a jump is that h1's doing (``# Past Challenges`` then
            # ``### 2020 …``, as under its twin ``## Ongoing Challenges``): its finding says so,
            # unless the table of contents lists these headings as sections of their own, so
            # that they are misplaced whatever becomes of the h1
            if previous and level > previous + 1 and (not under_extra or _listed_as_sections(doc, index)):
                jumps.setdefault((previous, level), []).append(sections[index].heading)
            under_extra = level == 1 and h1_seen
            if under_extra:
                extra_h1.append(sections[index].heading)
            h1_seen = h1_seen or level == 1
            previous = level
        if extra_h1:
            n = len(extra_h1)
            yield self.report(
                extra_h1[0].span,
                f"More than one h1: {plural(n, 'heading')} after the title {'is' if n == 1 else 'are'} h1"
                f"{_lines(doc, extra_h1)}; a list has one title, use ## for {'it' if n == 1 else 'them'}",
            )
        for (low, high), found in jumps.items():
            times = f" ({len(found)} times{_lines(doc, found, ':')})" if len(found) > 1 else ""
            yield self.report(
                found[0].span, f"Heading level jumps from h{low} to h{high}{times}; use {'#' * (low + 1)}"
            )
        named, levels = sections.years, sections.levels
        for index in range(len(sections) - 1):
            if named[index] >= 0 or named[index + 1] < 0 or levels[index + 1] != levels[index]:
                continue
            section, following = sections[index], sections[index + 1]
            if not _is_empty(doc, section.heading.span.end, following.heading.span.start):
                continue
            # a topic heading with nothing under it, then years at its own level
            run = index + 1
            years: list[Heading] = []
            while run < len(sections) and sections[run].year is not None and sections[run].level == section.level:
                years.append(sections[run].heading)
                run += 1
            names = ", ".join(repr(h.text.strip()) for h in years)
            one = len(years) == 1
            yield self.report(
                years[0].span,
                f"Year heading{'' if one else 's'} {names} {'is' if one else 'are'} at the same level as "
                f"{'its' if one else 'their'} topic {section.heading.text.strip()!r}"
                f"{_lines(doc, years) if not one else ''}; make {'it' if one else 'them'} "
                f"{'#' * (section.level + 1)} so {'it belongs' if one else 'they belong'} to the topic",
            )


def _listed_as_sections(doc: Document, first: int) -> bool:
    """Whether the table of contents lists the heading of section ``first``, or one of the
    headings of its level that follow it before a higher one, among its top entries."""
    from ..knowledge.toc import find_toc
    from ..markdown.anchors import heading_anchors, normalise_fragment

    toc = find_toc(doc)
    if toc is None or not toc.entries:
        return False
    top = min(entry.item.depth for entry in toc.entries)
    listed = {normalise_fragment(entry.fragment) for entry in toc.entries if entry.item.depth == top}
    anchors = heading_anchors(doc)
    level = doc.sections[first].level
    for index in range(first, len(doc.sections)):
        if doc.sections[index].level < level:
            break
        if doc.sections[index].level == level and normalise_fragment(anchors[index]) in listed:
            return True
    return False


def _lines(doc: Document, headings: list[Heading], lead: str = " (lines") -> str:
    """`` (lines 3, 9, 14)``, or with ``lead=':'`` ``: lines 3, 9, 14``; the first few only."""
    numbers = [str(doc.position(h.span.start).line) for h in headings]
    shown = ", ".join(numbers[:8]) + (", …" if len(numbers) > 8 else "")
    if lead == ":":
        return f", lines {shown}"
    return f" (line{'s' if len(numbers) > 1 else ''} {shown})"
