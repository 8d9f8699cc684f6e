"""Finding a README's table of contents: a list of in-page links under a heading such as
"Contents" or "Table of Contents" among the first headings (or the heading configured)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Document, Link, ListItem, Section, Span

_TOC_HEADING = re.compile(r"\b(contents|table of contents|toc|index|outline)\b|目录|目錄", re.IGNORECASE)
NEAR_TOP = 8


@dataclass(frozen=True)
class TocEntry:
    item: ListItem
    link: Link

    @property
    def fragment(self) -> str:
        return self.link.url[1:]


@dataclass(frozen=True)
class Toc:
    section: Section
    entries: tuple[TocEntry, ...]
    span: Span  # from the first entry's line to the end of the last entry


def comparable(text: str) -> str:
    """Heading or entry text with emoji, symbols and spacing set aside (letters are kept)."""
    kept = "".join(ch for ch in text if not unicodedata.category(ch).startswith(("S", "C")) and ch != "\ufe0f")
    return " ".join(kept.split())


def find_toc(doc: Document, heading: str = "") -> Toc | None:
    sections = doc.sections
    for index, section in enumerate(sections[:NEAR_TOP] if not heading else sections):
        text = section.heading.text.strip()
        if heading:
            if comparable(text).casefold() != comparable(heading).casefold():
                continue
        elif not _TOC_HEADING.search(text):
            continue
        own_end = sections[index + 1].span.start if index + 1 < len(sections) else section.span.end
        entries = []
        for item in doc.list_items:
            if not (section.heading.span.end <= item.span.start < own_end):
                continue
            link = next((link for link in item.links if link.url.startswith("#")), None)
            if link is not None and item.text.lstrip().startswith(("[", "**[")):
                entries.append(TocEntry(item, link))
        if len(entries) >= 2:
            start = doc.source.line_start(doc.source.line_index(entries[0].item.span.start))
            end = max(e.item.text_span.end for e in entries)
            return Toc(section=section, entries=tuple(entries), span=Span(start, end))
    return None
