from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Document
from ..rule import Context, Rule
from .heading_structure import _is_empty


class EmptySection(Rule):
    """A heading with nothing under it before the next heading of the same or a higher level:
    a section that was planned and never written, or content that went missing. A topic
    heading followed directly by year headings at its own level is heading-structure's
    finding and is not repeated here."""

    code = "AL303"
    name = "empty-section"
    summary = "A heading has nothing under it"

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        sections = doc.sections
        for index, section in enumerate(sections):
            if section.children:
                continue
            if not _is_empty(doc, section.heading.span.end, section.span.end):
                continue
            following = sections[index + 1] if index + 1 < len(sections) else None
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
