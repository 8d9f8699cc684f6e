"""Finding a README's table of contents: a list of in-page links under a heading such as
"Contents" or "Table of Contents" among the first headings (or the heading configured), or
under such a label written in bold (``**Contents**``), or, failing that, one right under the
title, before the first section."""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections.abc import Iterable

from ..markdown.model import Document, Link, ListItem, ListItems, Section, Span, _Views
from ..util import lazyre
from ..util.values import value

_TOC_HEADING = lazyre.compile(r"\b(contents|table of contents|toc|index|outline)\b|目录|目錄", re.IGNORECASE)
NEAR_TOP = 8
_TOC_EXACT = lazyre.compile(r"(?:table of )?contents|目录|目錄", re.IGNORECASE)
# a paragraph that is only a bold label: ``**Contents**``, ``__Table of Contents:__``, ``<b>目录</b>``
_BOLD_LABEL = lazyre.compile(
    r"^[ ]{0,3}(?:\*\*|__|<b>|<strong>)\s*([^*_<>\n]{1,40}?)\s*:?\s*(?:\*\*|__|</b>|</strong>)\s*:?[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)


class TocEntry:
    """An in-page link of the ToC and the list item it is in, by their numbers: the views are
    made when asked (a view each, held by each of thousands of entries, was a tenth of a
    check's memory)."""

    __slots__ = ("_index", "_items", "_link")

    def __init__(self, items: ListItems, index: int, link: int) -> None:
        self._items = items
        self._index = index
        self._link = link  # its number in the document's links

    @property
    def item(self) -> ListItem:
        return self._items[self._index]

    @property
    def link(self) -> Link:
        return Link(self._items.store.links, self._link)

    @property
    def fragment(self) -> str:
        return self.link.url[1:]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TocEntry):
            return self._index == other._index and self.link == other.link
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._index, self.link))

    def __repr__(self) -> str:
        return f"TocEntry(item={self.item!r}, link={self.link!r})"


class TocEntries(_Views[ListItems, TocEntry]):
    """The entries of a ToC, as two numbers each (its item's and its link's): an entry is made
    when asked."""

    __slots__ = ("_links", "_numbers")
    _what = "ToC entry"

    def __init__(self, items: ListItems) -> None:
        super().__init__(items)
        self._numbers = array("I")  # the item of each entry
        self._links = array("I")  # the link of each entry

    def append(self, item: int, link: int) -> None:
        self._numbers.append(item)
        self._links.append(link)

    def _view(self, index: int) -> TocEntry:
        return TocEntry(self._store, self._numbers[index], self._links[index])

    def __len__(self) -> int:
        return len(self._numbers)


@value
class Toc:
    section: Section
    entries: TocEntries
    span: Span  # from the first entry's line to the end of the last entry
    region_start: int = -1  # where the ToC's own part begins: after its heading, or its first entry

    @property
    def region(self) -> Span:
        """The ToC with what stands between its heading and its entries (group labels)."""
        return Span(self.region_start if self.region_start >= 0 else self.span.start, self.span.end)


_ESCAPE = lazyre.compile(r"\\([!-/:-@\[-`{-~])")


# the ASCII symbols and controls (``$+<=>^`|~``, tabs, newlines): deleted by str.translate,
# so that only the other characters are looked up one by one
_ASCII_DROPPED = dict.fromkeys(i for i in range(128) if unicodedata.category(chr(i))[0] in "SC")
_NON_ASCII = lazyre.compile(r"[^\x00-\x7f]+")


def _drop_symbols(run: re.Match[str]) -> str:
    return "".join(ch for ch in run.group(0) if unicodedata.category(ch)[0] not in "SC" and ch != "\ufe0f")


def comparable(text: str) -> str:
    """Heading or entry text with emoji, symbols and spacing set aside (letters are kept), and
    backslash escapes read as what they escape (``\\&`` is ``&``)."""
    kept = _ESCAPE.sub(r"\1", text).translate(_ASCII_DROPPED)
    if not kept.isascii():
        kept = _NON_ASCII.sub(_drop_symbols, kept)
    return " ".join(kept.split())


def find_toc(doc: Document, heading: str = "") -> Toc | None:
    sections = doc.sections
    for index, section in enumerate(sections):
        text = section.heading.text.strip()
        if heading:
            if comparable(text).casefold() != comparable(heading).casefold():
                continue
        elif not (_TOC_HEADING.search(text) if index < NEAR_TOP else _TOC_EXACT.fullmatch(comparable(text))):
            continue  # near the top any heading naming contents; further down only one that is just that
        own_end = sections[index + 1].span.start if index + 1 < len(sections) else section.span.end
        items = doc.list_items
        ats = items.store.at  # packed spans, in order of where the items begin
        first, last = bisect_left(ats, section.heading.span.end << 32), bisect_left(ats, own_end << 32)
        entries = _entries(doc, (items[i] for i in range(first, last)))
        if len(entries) >= 2:
            return _toc(doc, section, entries, section.heading.span.end)
    if heading:
        return None
    return _under_bold_label(doc) or _headless(doc)


def _entries(doc: Document, items: Iterable[ListItem]) -> TocEntries:
    """Every in-page link of the items that start with one (``- [AI](#ai) [ML](#ml)`` is two)."""
    found = TocEntries(doc.list_items)
    for item in items:
        if item.text.lstrip().startswith(("[", "**[")):
            for link in item.links:
                if link.url.startswith("#"):
                    found.append(item.index, link.number)
    return found


def _under_bold_label(doc: Document) -> Toc | None:
    """A table of contents under a bold label instead of a heading: ``**Contents**`` among the
    first sections, then a list whose items are in-page links."""
    sections = doc.sections
    if not sections or ("**" not in doc.text and "__" not in doc.text and "<" not in doc.text):
        return None
    limit = sections[NEAR_TOP].span.start if len(sections) > NEAR_TOP else len(doc.text)
    for m in _BOLD_LABEL.finditer(doc.text, 0, limit):
        if not _TOC_HEADING.fullmatch(m.group(1).strip()) or doc.source.line_index(m.start()) in doc.code_lines:
            continue
        items = _first_list(doc, m.end())
        entries = _entries(doc, items)
        if len(entries) >= 2:
            section = next((s for s in reversed(sections) if s.span.start <= m.start()), sections[0])
            return _toc(doc, section, entries)
    return None


def _first_list(doc: Document, offset: int) -> list[ListItem]:
    """The items of the list that starts right after ``offset`` (after blank lines only)."""
    text = doc.text
    start = offset
    while start < len(text) and text[start] in " \t\n":
        start += 1
    items = [i for i in doc.list_items if i.span.start >= doc.source.line_start(doc.source.line_index(start))]
    if not items or doc.source.line_index(items[0].span.start) != doc.source.line_index(start):
        return []
    found = [items[0]]
    end = items[0].span.end
    for item in items[1:]:
        gap = text[end : item.span.start]
        if gap.strip() or gap.count("\n") > 2:
            break  # something else, or more than one blank line: the list ended
        found.append(item)
        end = max(end, item.span.end)
    return found


def _toc(doc: Document, section: Section, entries: TocEntries, region_start: int = -1) -> Toc:
    start = doc.source.line_start(doc.source.line_index(entries[0].item.span.start))
    end = max(e.item.text_span.end for e in entries)
    return Toc(section=section, entries=entries, span=Span(start, end), region_start=region_start)


def _headless(doc: Document) -> Toc | None:
    """A table of contents with no heading of its own: the list of in-page links under the
    title, before the first section (``- [Applications](#applications)`` right after the
    introduction, as generated by mktoc and similar tools)."""
    sections = doc.sections
    if len(sections) < 2:
        return None
    title, first = sections[0], sections[1]
    items = [i for i in doc.list_items if title.heading.span.end <= i.span.start < first.heading.span.start]
    entries = _entries(doc, items)
    # every item an entry, one link each: without a heading to go by, only an unmistakable list
    if len(entries) < 3 or len(entries) != len(items) or any(e.item.text.count("](") > 1 for e in entries):
        return None
    return _toc(doc, title, entries)
