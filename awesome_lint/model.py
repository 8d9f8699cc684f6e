"""The document model: what a rule sees of a README.

Plain frozen value classes (:mod:`.values`: dataclasses, cheaper to define). Every element
carries a :class:`Span` of character offsets into ``Document.source.text`` (normalised: no
BOM, ``\\n`` newlines), so a rule never re-parses Markdown or does offset arithmetic of its
own. Cross references are indices into the document's tuples, which keeps the classes acyclic
and hashable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

from .source import Position, Source
from .values import value


@dataclass(frozen=True, order=True, slots=True)
class Span:
    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


class Align(str, Enum):
    NONE = "none"
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


LinkKind = Literal["inline", "image", "reference", "autolink", "html", "definition"]
Holder = Literal["cell", "list-item", "heading", "paragraph", "html", "definition"]


@value
class Link:
    kind: LinkKind
    text: str  # link text as written (raw Markdown), or alt text of an image
    url: str  # destination with backslash escapes resolved
    span: Span  # the whole construct, e.g. ``[text](url)``
    url_span: Span  # where the destination is written (for references: the label)
    holder: Holder
    title: str = ""
    label: str = ""  # reference links: the label used


@value
class Heading:
    level: int
    text: str  # plain text as GitHub renders it (what anchors are made from)
    raw: str  # the inline source between the markers
    span: Span  # the heading's whole line(s)
    content_span: Span  # ``raw`` in the source
    setext: bool = False
    nested: bool = False  # inside a list item or blockquote, where indentation is structure
    html: bool = False  # ``<details><summary><h2>…</h2></summary>``: raw HTML, not Markdown syntax


@value
class Section:
    """A heading and everything under it up to the next heading of the same or a higher level."""

    index: int
    heading: Heading
    parent: int | None
    span: Span
    year: int | None  # the year the heading itself names, e.g. ``### **📆 2024**``
    children: tuple[int, ...] = ()

    @property
    def level(self) -> int:
        return self.heading.level


@value
class Cell:
    text: str  # source text between the pipes, outer whitespace trimmed, escapes kept
    span: Span  # ``text`` in the source (zero-length for an empty cell)
    links: tuple[Link, ...] = ()


@value
class Row:
    line: int  # 0-based line index
    span: Span  # the row's text after the container prefix, without the newline
    prefix: str  # what precedes the row on its line: indentation, ``> `` of a blockquote
    cells: tuple[Cell, ...]


@value
class Table:
    span: Span  # from the header's first character to the end of the last row
    header: Row
    delimiter: Row
    alignments: tuple[Align, ...]
    rows: tuple[Row, ...]
    container: Literal["document", "list", "blockquote"]
    section: int | None  # innermost enclosing section
    year: int | None  # year of the innermost enclosing section that names one

    @property
    def width(self) -> int:
        return len(self.header.cells)

    @property
    def all_rows(self) -> tuple[Row, ...]:
        return (self.header, self.delimiter, *self.rows)


@value
class ListItem:
    span: Span  # all lines of the item, nested lists included
    marker: str  # ``-``, ``*``, ``+``, ``1.``, ``1)``
    depth: int  # 0 for a top-level item
    text: str  # the source of the item's first paragraph
    text_span: Span
    links: tuple[Link, ...] = ()
    section: int | None = None


@value
class Comment:
    body: str  # between ``<!--`` and ``-->``
    span: Span


@value
class Document:
    source: Source
    sections: tuple[Section, ...] = ()
    tables: tuple[Table, ...] = ()
    links: tuple[Link, ...] = ()
    list_items: tuple[ListItem, ...] = ()
    comments: tuple[Comment, ...] = ()
    code_lines: frozenset[int] = field(default=frozenset(), repr=False)  # fenced/indented code
    html_lines: frozenset[int] = field(default=frozenset(), repr=False)  # raw HTML blocks
    paragraph_lines: tuple[tuple[int, int], ...] = field(default=(), repr=False)  # [begin, end)
    html_tables: int = 0  # raw ``<table>`` elements: counted, not modelled

    @property
    def text(self) -> str:
        return self.source.text

    def position(self, offset: int) -> Position:
        return self.source.position(offset)

    def year_of(self, section: int | None) -> int | None:
        """The year of ``section`` or of the nearest ancestor that names one."""
        while section is not None:
            current = self.sections[section]
            if current.year is not None:
                return current.year
            section = current.parent
        return None
