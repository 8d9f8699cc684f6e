"""The document model: what a rule sees of a README.

Plain frozen value classes (:mod:`.values`: dataclasses, cheaper to define). Every element
carries a :class:`Span` of character offsets into ``Document.source.text`` (normalised: no
BOM, ``\\n`` newlines), so a rule never re-parses Markdown or does offset arithmetic of its
own. Cross references are indices into the document's tuples, which keeps the classes acyclic
and hashable.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import field
from enum import Enum
from typing import TYPE_CHECKING, Literal, overload

from ..util.values import value
from .source import Position, Source

_END = (1 << 32) - 1
# a packed span (:class:`Span`, :func:`pack`) is ``start << 32 | end``: ``packed >> 32`` is its start
# and ``packed & END_MASK`` its end, for code that reads many of them without making a Span each
END_MASK = _END
_new_int = int.__new__  # an end offset takes the low 32 bits; files are capped far below that


def pack(start: int, end: int) -> int:
    """``[start, end)`` packed as :class:`Span` packs it, as a plain int: what the model keeps for
    its many small elements (32 bytes; a :class:`Span` is 48), handing out a Span when asked."""
    if start < 0 or not 0 <= end <= _END:
        raise ValueError(f"a span is two offsets in [0, 2**32): got ({start}, {end})")
    return start << 32 | end


class Span(int):
    """``[start, end)`` in character offsets, packed into one int as ``start << 32 | end``.

    A document has a span for every cell, row and link: as an object holding two ints each
    took 112 bytes, a third of the model's memory; one int takes 32. Packing keeps what the
    dataclass gave: equal and hashable by value, ordered by ``(start, end)``, immutable.
    """

    __slots__ = ()

    def __new__(cls, start: int, end: int) -> Span:
        return int.__new__(cls, pack(start, end))

    if TYPE_CHECKING:

        @property
        def start(self) -> int: ...

        @property
        def end(self) -> int: ...

    else:  # bound methods of constants, not Python functions: ``span.start`` is read very often
        start = property((32).__rrshift__)
        end = property(_END.__and__)

    def __len__(self) -> int:
        return (self & _END) - (self >> 32)

    def __bool__(self) -> bool:
        return (self & _END) != (self >> 32)

    def __repr__(self) -> str:
        return f"Span(start={self >> 32}, end={self & _END})"

    __str__ = __repr__

    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        return Span, (self >> 32, self & _END)

    def contains(self, other: Span) -> bool:
        return self >> 32 <= other >> 32 and other & _END <= self & _END


class Align(str, Enum):
    NONE = "none"
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


LinkKind = Literal["inline", "image", "reference", "autolink", "html", "definition"]
Holder = Literal["cell", "list-item", "heading", "paragraph", "html", "definition"]


class _Spanned:
    """``span`` read from the packed ``at`` of a model class (:func:`pack`): an int is 32 bytes,
    a :class:`Span` 56, and a list has a span for every cell, row, heading and item."""

    __slots__ = ()
    at: int

    @property
    def span(self) -> Span:
        return _new_int(Span, self.at)


class _HoldsLinks:
    """``links`` read from ``held``: an element with one link holds it alone (a tuple of one is
    56 bytes, and most cells and list items of a list have one link)."""

    __slots__ = ()
    held: Link | tuple[Link, ...]

    @property
    def links(self) -> tuple[Link, ...]:
        held = self.held
        return held if type(held) is tuple else (held,)  # type: ignore[return-value]


@value
class Link(_Spanned):
    kind: LinkKind
    text: str  # link text as written (raw Markdown), or alt text of an image
    # the destination when it is not written as it is at ``url_span`` (escapes, a reference's
    # definition, ``mailto:`` added); None: read it from there. Read it as ``url``.
    resolved: str | None
    at: int  # ``span``, packed (:func:`pack`): the whole construct, e.g. ``[text](url)``
    url_at: int  # ``url_span``, packed
    holder: Holder
    title: str = ""
    label: str = ""  # reference links: the label used
    source_text: str = field(default="", repr=False)  # the document's text, which ``url`` is read from

    @classmethod
    def make(
        cls,
        source_text: str,
        kind: LinkKind,
        text: str,
        url: str,
        at: int,
        url_at: int,
        holder: Holder,
        title: str = "",
        label: str = "",
    ) -> Link:
        """A link whose destination ``url`` is kept only where it differs from what is written
        at ``url_at``: a string per link was a tenth of the model of a list of papers."""
        written = source_text[url_at >> 32 : url_at & _END]
        return cls(kind, text, None if url == written else url, at, url_at, holder, title, label, source_text)

    @property
    def url(self) -> str:
        """The destination with backslash escapes resolved."""
        resolved = self.resolved
        if resolved is not None:
            return resolved
        at = self.url_at
        return self.source_text[at >> 32 : at & _END]

    @property
    def url_span(self) -> Span:
        """Where the destination is written (for references: the label)."""
        return _new_int(Span, self.url_at)


@value
class Heading(_Spanned):
    level: int
    text: str  # plain text as GitHub renders it (what anchors are made from)
    raw: str  # the inline source between the markers
    at: int  # ``span``, packed (:func:`pack`): the heading's whole line(s)
    content_at: int  # ``content_span``, packed
    setext: bool = False
    nested: bool = False  # inside a list item or blockquote, where indentation is structure
    html: bool = False  # ``<details><summary><h2>…</h2></summary>``: raw HTML, not Markdown syntax

    @property
    def content_span(self) -> Span:
        """``raw`` in the source."""
        return _new_int(Span, self.content_at)


@value
class Section(_Spanned):
    """A heading and everything under it up to the next heading of the same or a higher level."""

    index: int
    heading: Heading
    parent: int | None
    at: int  # ``span``, packed: from the heading to the next heading of its level or higher
    year: int | None  # the year the heading itself names, e.g. ``### **📆 2024**``
    children: tuple[int, ...] = ()

    @property
    def level(self) -> int:
        return self.heading.level


@value
class Cell(_Spanned, _HoldsLinks):
    at: int  # ``span``, packed: ``text`` in the source (zero-length for an empty cell)
    # the cell's links: a cell with one link holds it alone (a tuple of one was 56 bytes, for
    # most cells of a list of papers); read them as ``links``
    held: Link | tuple[Link, ...] = ()
    source_text: str = field(default="", repr=False)  # the document's text, which ``text`` is read from

    @property
    def text(self) -> str:
        """Source text between the pipes, outer whitespace trimmed, escapes kept.

        Sliced from the document when asked: a string kept per cell was a fifth of the memory
        of a large list, and most rules read a cell's text once.
        """
        return self.source_text[self.at >> 32 : self.at & _END]

    def __repr__(self) -> str:
        return f"Cell(text={self.text!r}, span={self.span!r}, links={self.links!r})"


@value
class Row(_Spanned):
    line: int  # 0-based line index
    at: int  # ``span``, packed: the row's text after the container prefix, without the newline
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
    # the column of paper titles once :func:`awesome_lint.knowledge.papers.title_column` has found it
    # (-1: not asked yet): several rules ask for every table, and a cache beside the model
    # either grew with the tables or forgot them on a list of thousands of small ones
    memo_title_column: int | None = field(default=-1, compare=False, repr=False)

    @property
    def width(self) -> int:
        return len(self.header.cells)

    @property
    def all_rows(self) -> tuple[Row, ...]:
        return (self.header, self.delimiter, *self.rows)


@value
class ListItem(_Spanned, _HoldsLinks):
    at: int  # ``span`` packed (:func:`pack`): all lines of the item, nested lists included
    marker: str  # ``-``, ``*``, ``+``, ``1.``, ``1)``
    depth: int  # 0 for a top-level item
    text_at: int  # ``text_span``, packed
    # the item's links: an item with one link holds it alone, as a cell does; read them as ``links``
    held: Link | tuple[Link, ...] = ()
    section: int | None = None
    source_text: str = field(default="", repr=False)  # the document's text, which ``text`` is read from

    @property
    def text_span(self) -> Span:
        """``text`` in the source: the item's first paragraph."""
        return _new_int(Span, self.text_at)

    @property
    def text(self) -> str:
        """The source of the item's first paragraph, sliced from the document when asked (as a
        cell's text is: a string kept per item was as large as the item's line)."""
        return self.source_text[self.text_at >> 32 : self.text_at & _END]


@value
class Comment:
    body: str  # between ``<!--`` and ``-->``
    span: Span


class LineRanges(Sequence[tuple[int, int]]):
    """``[begin, end)`` line ranges, two unsigned ints each in one array: a tuple of two ints
    each was about 120 bytes a paragraph, more than many paragraphs' text."""

    __slots__ = ("_flat",)

    def __init__(self, ranges: Iterable[tuple[int, int]] = ()) -> None:
        self._flat = array("I")
        for begin, end in ranges:
            self.append(begin, end)

    def append(self, begin: int, end: int) -> None:
        """Add a range (the parser's, while the document is made)."""
        self._flat.append(begin)
        self._flat.append(end)

    def __len__(self) -> int:
        return len(self._flat) // 2

    @overload
    def __getitem__(self, index: int) -> tuple[int, int]: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[tuple[int, int], ...]: ...

    def __getitem__(self, index: int | slice) -> tuple[int, int] | tuple[tuple[int, int], ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line range index out of range")
        return self._flat[2 * index], self._flat[2 * index + 1]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        flat = iter(self._flat)
        return zip(flat, flat, strict=False)  # pairs of one iterator: never uneven

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LineRanges):
            return self._flat == other._flat
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._flat.tobytes())

    def __repr__(self) -> str:
        return f"LineRanges({list(self)!r})"


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
    paragraph_lines: LineRanges = field(default_factory=LineRanges, repr=False)  # [begin, end)
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
