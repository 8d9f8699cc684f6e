"""The document model: what a rule sees of a README.

The many elements (headings, tables with their rows and cells, list items, links) are kept in
arrays, a store of each kind, and read through views made when asked, equal by value; the
few others are frozen value classes (:mod:`.values`). Every element carries a :class:`Span`
of character offsets into ``Document.source.text`` (normalised: no BOM, ``\\n`` newlines),
so a rule never re-parses Markdown or does offset arithmetic of its own. Cross references
are numbers into the stores, which keeps the model acyclic and hashable.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import field
from enum import Enum
from itertools import pairwise
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, TypeVar, overload

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


def _by_start(at: Sequence[int], first: int = 0) -> list[int] | None:
    """The numbers from ``first`` on in order of where their packed spans ``at`` begin (stable:
    ties keep their order), or None when they already are."""
    last = len(at)
    if all(at[i] >> 32 <= at[i + 1] >> 32 for i in range(first, last - 1)):
        return None
    return sorted(range(first, last), key=lambda i: at[i] >> 32)


class LinkStore:
    """Every link (and image) of a document in a few arrays: a link is entries in them, not an
    object (:class:`Link` is a view made when asked). As an object with its two spans in one
    int, a link took about 110 bytes, more than the text of a table row with one link; here it
    takes about 24.

    Links are numbered as they are added: a holder's links (a cell's, a paragraph's) are
    consecutive numbers, which is all a holder keeps of them (``first << 32 | count``).
    """

    __slots__ = ("at", "form", "forms", "numbers", "order", "resolved", "text", "texts", "url_at", "written")

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.at = array("Q")  # ``span``, packed: the whole construct, e.g. ``[text](url)``
        self.url_at = array("Q")  # ``url_span``, packed
        self.form = array("I")  # index into ``forms``
        # kind, holder, title, label: one tuple for the links alike
        self.forms: list[tuple[LinkKind, Holder, str, str]] = []
        self.numbers: dict[tuple[LinkKind, Holder, str, str], int] = {}  # each form's index in ``forms``
        # the link text: its length where it is written just after the opening bracket (nearly
        # always), else ``~index`` into ``texts``
        self.written = array("i")
        self.texts: list[str] = []
        # the destination when it is not written as it is at ``url_at`` (escapes, a reference's
        # definition, ``mailto:`` added)
        self.resolved: dict[int, str] = {}
        self.order: array[int] | None = None  # the links in document order, when not numbered so

    def add(
        self,
        kind: LinkKind,
        text: str,
        url: str,
        at: int,
        url_at: int,
        holder: Holder,
        title: str = "",
        label: str = "",
    ) -> int:
        """A link whose destination ``url`` is kept only where it differs from what is written
        at ``url_at``, and its text only where it is not written after the bracket; its number."""
        source = self.text
        index = len(self.at)
        if url != source[url_at >> 32 : url_at & _END]:
            self.resolved[index] = url
        opened = (at >> 32) + (2 if kind == "image" else 1)  # after ``[`` or ``![``
        if source.startswith(text, opened):
            self.written.append(len(text))
        else:
            self.written.append(~len(self.texts))
            # an interned string: lists repeat "paper", "code"
            self.texts.append(sys.intern(text))
        form = (kind, holder, title, label)
        number = self.numbers.get(form)
        if number is None:
            number = self.numbers[form] = len(self.forms)
            self.forms.append(form)
        self.form.append(number)
        self.at.append(at)
        self.url_at.append(url_at)
        return index

    def sort_from(self, first: int) -> None:
        """Put the links numbered from ``first`` on in order of where they begin (stable)."""
        order = _by_start(self.at, first)
        if order is None:
            return
        for name in ("at", "url_at", "form", "written"):
            column = getattr(self, name)
            column[first:] = array(column.typecode, (column[i] for i in order))
        resolved = self.resolved
        moved = {new: resolved.pop(old) for new, old in enumerate(order, first) if old in resolved}
        resolved.update(moved)

    def settle(self) -> None:
        """Once all are in: their document order, by where they begin, if not the numbers' own
        (definitions are found last; an image inside a link is added before it)."""
        order = _by_start(self.at)
        if order is not None:
            self.order = array("I", order)
        self.numbers = {}  # only for adding

    def held(self, packed: int) -> Link | tuple[Link, ...]:
        """The links ``first << 32 | count`` (what a holder keeps): one alone, or a tuple."""
        first, count = packed >> 32, packed & _END
        if count == 1:
            return Link(self, first)
        return tuple(Link(self, index) for index in range(first, first + count))

    def __len__(self) -> int:
        return len(self.at)


class Link(_Spanned):
    """A link (or image) of the document: a view of its :class:`LinkStore`, made when asked,
    equal and hashed by value."""

    __slots__ = ("_index", "_store")

    def __init__(self, store: LinkStore, index: int) -> None:
        self._store = store
        self._index = index

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
        """A link of its own store: for a link made outside a parse."""
        store = LinkStore(source_text)
        return cls(store, store.add(kind, text, url, at, url_at, holder, title, label))

    @property
    def number(self) -> int:
        """The link's number in its document's links (:class:`LinkStore`), in the order found."""
        return self._index

    @property
    def form(self) -> tuple[LinkKind, Holder, str, str]:
        """Kind, holder, title and label."""
        return self._store.forms[self._store.form[self._index]]

    @property
    def kind(self) -> LinkKind:
        return self._store.forms[self._store.form[self._index]][0]

    @property
    def holder(self) -> Holder:
        return self._store.forms[self._store.form[self._index]][1]

    @property
    def title(self) -> str:
        return self._store.forms[self._store.form[self._index]][2]

    @property
    def label(self) -> str:
        """Reference links: the label used."""
        return self._store.forms[self._store.form[self._index]][3]

    @property
    def at(self) -> int:  # type: ignore[override]  # read-only here: read from the store
        """``span``, packed (:func:`pack`): the whole construct, e.g. ``[text](url)``."""
        return self._store.at[self._index]

    @property
    def url_at(self) -> int:
        """``url_span``, packed."""
        return self._store.url_at[self._index]

    @property
    def text(self) -> str:
        """The link text as written (raw Markdown), or the alt text of an image."""
        store, index = self._store, self._index
        said = store.written[index]
        if said < 0:
            return store.texts[~said]
        opened = (store.at[index] >> 32) + (2 if store.forms[store.form[index]][0] == "image" else 1)
        return store.text[opened : opened + said]

    @property
    def url(self) -> str:
        """The destination with backslash escapes resolved."""
        store, index = self._store, self._index
        if store.resolved:
            resolved = store.resolved.get(index)
            if resolved is not None:
                return resolved
        at = store.url_at[index]
        return store.text[at >> 32 : at & _END]

    @property
    def url_span(self) -> Span:
        """Where the destination is written (for references: the label)."""
        return _new_int(Span, self._store.url_at[self._index])

    def _key(self) -> tuple[object, ...]:
        return (self.at, self.url_at, self.form, self.text, self.url)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Link:
            return NotImplemented
        assert isinstance(other, Link)
        return (other._store is self._store and other._index == self._index) or self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.at, self.url_at))

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={getattr(self, name)!r}"
            for name in ("kind", "text", "url", "span", "url_span", "holder", "title", "label")
        )
        return f"Link({shown})"


HEADING_SETEXT, HEADING_NESTED, HEADING_HTML = 1, 2, 4  # a heading's flags (``SectionStore.flags``)


class SectionStore:
    """Every heading of a document, and the section it opens, in a few arrays: a heading is
    entries in them, not objects (:class:`Section` and :class:`Heading` are views made when
    asked).

    As two objects with their spans and two strings, a heading took about 400 bytes; a file of
    headings is a heading every 20 bytes. Here it takes about 30, and a text only where the
    heading's differs from what is written.
    """

    __slots__ = ("at", "content", "end", "flags", "level", "parent", "raws", "text", "texts", "year")

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.level = array("B")
        self.flags = array("B")  # HEADING_SETEXT | HEADING_NESTED | HEADING_HTML
        self.at = array("Q")  # the heading's span, packed: its whole line(s)
        self.content = array("Q")  # ``content_span``, packed
        self.end = array("I")  # where the section ends (it begins with its heading)
        self.parent = array("i")  # -1 for none
        self.year = array("i")  # -1 for none
        self.raws: dict[int, str] = {}  # ``raw`` where it is not the text at ``content``
        self.texts: dict[int, str] = {}  # ``text`` where it is not ``raw``

    def add(self, level: int, text: str, raw: str, at: int, content: int, flags: int) -> None:
        """A heading; its section's end, parent and year are set once all are known."""
        index = len(self.level)
        self.level.append(level)
        self.flags.append(flags)
        self.at.append(at)
        self.content.append(content)
        if raw != self.text[content >> 32 : content & _END]:
            self.raws[index] = raw
        if text != raw:
            self.texts[index] = text

    def raw(self, index: int) -> str:
        found = self.raws.get(index)
        if found is not None:
            return found
        content = self.content[index]
        return self.text[content >> 32 : content & _END]

    def heading_text(self, index: int) -> str:
        found = self.texts.get(index)
        return found if found is not None else self.raw(index)

    def __len__(self) -> int:
        return len(self.level)

    def year_of(self, index: int | None) -> int | None:
        """The year of section ``index`` or of the nearest ancestor that names one."""
        while index is not None and index >= 0:
            if self.year[index] >= 0:
                return self.year[index]
            index = self.parent[index]
        return None


class Heading:
    """A heading of the document: a view of its :class:`SectionStore`, equal by value."""

    __slots__ = ("_index", "_store")

    def __init__(self, store: SectionStore, index: int) -> None:
        self._store = store
        self._index = index

    @property
    def level(self) -> int:
        return self._store.level[self._index]

    @property
    def text(self) -> str:
        """Plain text as GitHub renders it (what anchors are made from)."""
        s, index = self._store, self._index
        found = s.texts.get(index)
        if found is None:
            found = s.raws.get(index)
            if found is None:
                content = s.content[index]
                return s.text[content >> 32 : content & _END]
        return found

    @property
    def raw(self) -> str:
        """The inline source between the markers."""
        return self._store.raw(self._index)

    @property
    def at(self) -> int:
        """``span``, packed (:func:`pack`): the heading's whole line(s)."""
        return self._store.at[self._index]

    @property
    def span(self) -> Span:
        return _new_int(Span, self._store.at[self._index])

    @property
    def content_at(self) -> int:
        return self._store.content[self._index]

    @property
    def content_span(self) -> Span:
        """``raw`` in the source."""
        return _new_int(Span, self._store.content[self._index])

    @property
    def setext(self) -> bool:
        return bool(self._store.flags[self._index] & HEADING_SETEXT)

    @property
    def nested(self) -> bool:
        """Inside a list item or blockquote, where indentation is structure."""
        return bool(self._store.flags[self._index] & HEADING_NESTED)

    @property
    def html(self) -> bool:
        """``<details><summary><h2>…</h2></summary>``: raw HTML, not Markdown syntax."""
        return bool(self._store.flags[self._index] & HEADING_HTML)

    def _key(self) -> tuple[object, ...]:
        return (self.level, self.text, self.raw, self.at, self.content_at, self.setext, self.nested, self.html)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Heading:
            return NotImplemented
        assert isinstance(other, Heading)
        return (other._store is self._store and other._index == self._index) or self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self.at)

    def __repr__(self) -> str:
        return (
            f"Heading(level={self.level!r}, text={self.text!r}, raw={self.raw!r}, at={self.at!r}, "
            f"content_at={self.content_at!r}, setext={self.setext!r}, nested={self.nested!r}, html={self.html!r})"
        )


class Section:
    """A heading and everything under it up to the next heading of the same or a higher level:
    a view of the document's :class:`SectionStore`, equal by value."""

    __slots__ = ("_heading", "_index", "_store")

    def __init__(self, store: SectionStore, index: int) -> None:
        self._store = store
        self._index = index
        self._heading: Heading | None = None

    @property
    def index(self) -> int:
        return self._index

    @property
    def heading(self) -> Heading:
        heading = self._heading
        if heading is None:
            heading = self._heading = Heading(self._store, self._index)
        return heading

    @property
    def level(self) -> int:
        return self._store.level[self._index]

    @property
    def parent(self) -> int | None:
        parent = self._store.parent[self._index]
        return None if parent < 0 else parent

    @property
    def at(self) -> int:
        """``span``, packed: from the heading to the next heading of its level or higher."""
        s = self._store
        return s.at[self._index] >> 32 << 32 | s.end[self._index]

    @property
    def span(self) -> Span:
        return _new_int(Span, self.at)

    @property
    def year(self) -> int | None:
        """The year the heading itself names, e.g. ``### **📆 2024**``."""
        year = self._store.year[self._index]
        return None if year < 0 else year

    @property
    def has_children(self) -> bool:
        """Whether any section is under this one: the next one is, if it starts before this one ends."""
        s, after = self._store, self._index + 1
        return after < len(s.level) and s.at[after] >> 32 < s.end[self._index]

    @property
    def children(self) -> tuple[int, ...]:
        """The sections directly under this one: found among those that follow it, up to its
        end (a heading's children are kept nowhere)."""
        s, index = self._store, self._index
        end, parent = s.end[index], s.parent
        after = index + 1
        count = len(s.level)
        if after >= count or s.at[after] >> 32 >= end:
            return ()  # a section's first child, if it has one, is the next section
        found = []
        while after < count and s.at[after] >> 32 < end:
            if parent[after] == index:
                found.append(after)
            after += 1
        return tuple(found)

    def _key(self) -> tuple[object, ...]:
        return (self._index, self.heading, self.parent, self.at, self.year, self.children)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Section:
            return NotImplemented
        assert isinstance(other, Section)
        return (other._store is self._store and other._index == self._index) or self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self.at)

    def __repr__(self) -> str:
        return (
            f"Section(index={self._index!r}, heading={self.heading!r}, parent={self.parent!r}, at={self.at!r}, "
            f"year={self.year!r}, children={self.children!r})"
        )


_S = TypeVar("_S")
_V = TypeVar("_V")


class _Views(Sequence[_V], Generic[_S, _V]):
    """A sequence of views of a store (:class:`Tables`, :class:`Sections`, :class:`ListItems`,
    :class:`Links`): each view made when asked for; equal to the tuple of its views."""

    __slots__ = ("_store",)
    _what = "item"  # what an index counts, for IndexError
    _empty: ClassVar[type[Any]]  # the store of a sequence made without one: empty

    def __init__(self, store: _S | None = None) -> None:
        self._store = store if store is not None else self._empty()

    @property
    def store(self) -> _S:
        """The arrays the views read."""
        return self._store

    def _view(self, index: int) -> _V:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> _V: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[_V, ...]: ...

    def __getitem__(self, index: int | slice) -> _V | tuple[_V, ...]:
        if isinstance(index, slice):
            return tuple(self._view(i) for i in range(len(self))[index])
        count = len(self)
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError(f"{self._what} index out of range")
        return self._view(index)

    def __iter__(self) -> Iterator[_V]:
        return (self._view(index) for index in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, type(self)):
            return tuple(self) == tuple(other)
        if isinstance(other, tuple):
            return tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return repr(tuple(self))


class Links(_Views[LinkStore, Link]):
    """The document's links in order of where they begin: a view made for each one asked for."""

    __slots__ = ()
    _what = "link"
    _empty = LinkStore

    def _view(self, index: int) -> Link:
        order = self._store.order
        return Link(self._store, index if order is None else order[index])

    def __iter__(self) -> Iterator[Link]:
        store, order = self._store, self._store.order
        return (Link(store, i) for i in (range(len(store)) if order is None else order))

    def __len__(self) -> int:
        return len(self._store)


class Sections(_Views[SectionStore, Section]):
    """The document's sections, in order: a :class:`Section` made for each one asked for."""

    __slots__ = ()
    _what = "section"
    _empty = SectionStore

    def _view(self, index: int) -> Section:
        return Section(self._store, index)

    # What a rule that passes over every section can read without making one, by index:
    @property
    def levels(self) -> Sequence[int]:
        return self._store.level

    @property
    def parents(self) -> Sequence[int]:
        """Each section's parent, -1 for none."""
        return self._store.parent

    @property
    def years(self) -> Sequence[int]:
        """The year each section's heading names, -1 for none."""
        return self._store.year

    @property
    def heading_ats(self) -> Sequence[int]:
        """Each heading's ``span``, packed (:func:`pack`)."""
        return self._store.at

    @property
    def content_ats(self) -> Sequence[int]:
        """Each heading's ``content_span``, packed."""
        return self._store.content

    def __len__(self) -> int:
        return len(self._store.level)


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


_CONTAINERS: tuple[Literal["document", "list", "blockquote"], ...] = ("document", "list", "blockquote")
_NOT_ASKED = -2  # ``TableStore.title``: the title column not asked yet (-1: asked, none found)


_NONE_HELD = array("i", [-1])  # a cell without links, in ``TableStore.c_held``


class TableStore:
    """Every table of a document in a few arrays: a table, a row and a cell are entries in them,
    not objects (:class:`Table` is a view made when asked).

    A table of three short lines is ten elements; as an object each, they took about 1,300
    bytes, forty times the table's text. Here they take about 140.
    """

    __slots__ = (
        "aligns",
        "c_at",
        "c_held",
        "helds",
        "links",
        "prefixes",
        "r_at",
        "r_cell",
        "r_line",
        "t_align",
        "t_container",
        "t_row",
        "t_section",
        "t_year",
        "text",
        "title",
    )

    def __init__(self, text: str = "", links: LinkStore | None = None) -> None:
        self.text = text
        self.links = links if links is not None else LinkStore(text)  # what ``helds`` number
        self.t_row = array("I", [0])  # each table's first row, and one more: where the next begins
        self.t_section = array("i")  # innermost enclosing section, -1 for none
        self.t_year = array("i")  # year of the innermost section that names one, -1 for none
        self.t_container = array("B")  # index into _CONTAINERS
        self.t_align = array("I")  # index into ``aligns``
        # the column of paper titles once :func:`awesome_lint.knowledge.papers.title_column` has
        # found it (-1: none, -2: not asked yet): several rules ask for every table
        self.title = array("h")
        self.aligns: list[tuple[Align, ...]] = []  # the distinct alignments of the tables
        self.r_line = array("I")  # 0-based line index
        self.r_at = array("Q")  # span, packed: the row's text after its container prefix
        self.r_cell = array("I", [0])  # each row's first cell, and one more
        self.prefixes: dict[int, str] = {}  # a row's container prefix, when it has one
        self.c_at = array("Q")  # span, packed: the cell's text (zero-length when empty)
        # index into ``helds`` of each cell's links, -1 for none; it ends at the last cell with
        # links (a cell beyond has none): a list of tables without links keeps nothing here
        self.c_held = array("i")
        self.helds = array("Q")  # a cell's links, ``first << 32 | count`` of ``links``

    def add_row(self, line: int, at: int, prefix: str) -> None:
        """A row whose cells were just added (:meth:`add_cell`)."""
        if prefix:
            self.prefixes[len(self.r_line)] = prefix
        self.r_line.append(line)
        self.r_at.append(at)
        self.r_cell.append(len(self.c_at))

    def add_cell(self, at: int, held: int = 0) -> None:
        """A cell at ``at`` (packed), its links ``held``: ``first << 32 | count`` of ``links``."""
        self.c_at.append(at)
        if held & _END:
            c_held = self.c_held
            missing = len(self.c_at) - 1 - len(c_held)
            if missing:
                c_held.extend(_NONE_HELD * missing)
            c_held.append(len(self.helds))
            self.helds.append(held)

    def drop_rows(self, rows: int) -> None:
        """Forget the last ``rows`` rows and their cells (a table of fewer than two lines)."""
        keep = len(self.r_line) - rows
        cells = self.r_cell[keep]
        for index in range(keep, keep + rows):
            self.prefixes.pop(index, None)
        del self.r_line[keep:], self.r_at[keep:], self.r_cell[keep + 1 :]
        while self.c_held and len(self.c_held) > cells:
            if self.c_held.pop() >= 0:
                self.helds.pop()
        del self.c_at[cells:]

    def add_table(self, container: Literal["document", "list", "blockquote"], align: int) -> None:
        """A table of the rows added since the last one; its section is set by :meth:`place`."""
        self.t_row.append(len(self.r_line))
        self.t_container.append(_CONTAINERS.index(container))
        self.t_align.append(align)
        self.t_section.append(-1)
        self.t_year.append(-1)
        self.title.append(_NOT_ASKED)

    def place(self, index: int, section: int | None, year: int | None) -> None:
        self.t_section[index] = -1 if section is None else section
        self.t_year[index] = -1 if year is None else year

    def start(self, index: int) -> int:
        """Where table ``index`` begins in the text."""
        return self.r_at[self.t_row[index]] >> 32

    def row(self, index: int) -> Row:
        first, last = self.r_cell[index], self.r_cell[index + 1]
        text, c_at, links = self.text, self.c_at, self.cell_links
        cells = tuple(Cell(c_at[c], links(c), text) for c in range(first, last))
        return Row(self.r_line[index], self.r_at[index], self.prefixes.get(index, ""), cells)

    def cell_links(self, cell: int) -> Link | tuple[Link, ...]:
        """The links of cell ``cell`` (numbered across the document's tables): one alone, or a tuple."""
        c_held = self.c_held
        held = c_held[cell] if cell < len(c_held) else -1  # ``c_held`` ends at the last cell with links
        return () if held < 0 else self.links.held(self.helds[held])

    def cell_texts(self, index: int) -> tuple[str, ...]:
        """The text of each cell of row ``index``."""
        text, c_at = self.text, self.c_at
        return tuple(text[at >> 32 : at & _END] for at in c_at[self.r_cell[index] : self.r_cell[index + 1]])


class Table:
    """A table of the document: a view of its :class:`TableStore`, made when asked.

    Equal and hashed by value, as the model's other classes are; its rows and cells are made
    the first time they are read from this view. A rule that reads only the cells' texts or
    counts asks :meth:`cell_texts` and :attr:`width`, which make no row.
    """

    __slots__ = ("_index", "_rows", "_store")

    def __init__(self, store: TableStore, index: int) -> None:
        self._store = store
        self._index = index
        self._rows: tuple[Row, ...] | None = None

    @property
    def span(self) -> Span:
        """From the header's first character to the end of the last row."""
        s, i = self._store, self._index
        return _new_int(Span, s.r_at[s.t_row[i]] >> 32 << 32 | s.r_at[s.t_row[i + 1] - 1] & _END)

    @property
    def all_rows(self) -> tuple[Row, ...]:
        rows = self._rows
        if rows is None:
            s, i = self._store, self._index
            rows = self._rows = tuple(map(s.row, range(s.t_row[i], s.t_row[i + 1])))
        return rows

    @property
    def header(self) -> Row:
        return self.all_rows[0]

    @property
    def delimiter(self) -> Row:
        return self.all_rows[1]

    @property
    def rows(self) -> tuple[Row, ...]:
        """The body rows."""
        return self.all_rows[2:]

    @property
    def alignments(self) -> tuple[Align, ...]:
        return self._store.aligns[self._store.t_align[self._index]]

    @property
    def container(self) -> Literal["document", "list", "blockquote"]:
        return _CONTAINERS[self._store.t_container[self._index]]

    @property
    def section(self) -> int | None:
        """The innermost enclosing section."""
        section = self._store.t_section[self._index]
        return None if section < 0 else section

    @property
    def year(self) -> int | None:
        """The year of the innermost enclosing section that names one."""
        year = self._store.t_year[self._index]
        return None if year < 0 else year

    @property
    def width(self) -> int:
        """The header's number of cells."""
        s = self._store
        first = s.t_row[self._index]
        return s.r_cell[first + 1] - s.r_cell[first]

    @property
    def line_count(self) -> int:
        """Header, delimiter and body rows."""
        s, i = self._store, self._index
        return s.t_row[i + 1] - s.t_row[i]

    # Rows by number, read without making them (0: the header, 1: the delimiter, 2 onwards: the
    # body rows, as in :attr:`all_rows`): a rule that passes over most tables reads these.
    @property
    def row_count(self) -> int:
        """The body rows."""
        s, i = self._store, self._index
        return s.t_row[i + 1] - s.t_row[i] - 2

    def text_rows(self) -> Iterator[int]:
        """The numbers of the rows that hold cells' text: the header and the body rows."""
        yield 0
        yield from range(2, self.line_count)

    def row(self, row: int) -> Row:
        """Row number ``row``, made alone."""
        return self._store.row(self._store.t_row[self._index] + row)

    def cell_count(self, row: int) -> int:
        s = self._store
        at = s.t_row[self._index] + row
        return s.r_cell[at + 1] - s.r_cell[at]

    def cell_counts(self) -> list[int]:
        """The number of cells of each body row."""
        s, i = self._store, self._index
        first = s.r_cell[s.t_row[i] + 2 : s.t_row[i + 1] + 1]
        return [b - a for a, b in pairwise(first)]

    def cell_texts(self, row: int) -> tuple[str, ...]:
        """The text of each cell of a row."""
        return self._store.cell_texts(self._store.t_row[self._index] + row)

    def cell_ats(self, row: int) -> Sequence[int]:
        """The span of each cell of a row, packed (:func:`pack`)."""
        s = self._store
        at = s.t_row[self._index] + row
        return s.c_at[s.r_cell[at] : s.r_cell[at + 1]]

    def cell(self, row: int, column: int) -> Cell:
        """The cell, made alone; IndexError when the row has fewer cells."""
        s = self._store
        at = s.t_row[self._index] + row
        first, last = s.r_cell[at], s.r_cell[at + 1]
        index = range(first, last)[column]
        return Cell(s.c_at[index], s.cell_links(index), s.text)

    @property
    def index(self) -> int:
        """The table's number in the document (``doc.tables[index]``)."""
        return self._index

    @property
    def store(self) -> TableStore:
        """What this table is a view of: the document's tables."""
        return self._store

    def has_body_links(self) -> bool:
        """Whether a cell of a body row holds a link."""
        s = self._store
        rows = s.t_row[self._index]
        held = s.c_held[s.r_cell[rows + 2] : s.r_cell[s.t_row[self._index + 1]]]
        return max(held, default=-1) >= 0

    def row_links(self, row: int) -> tuple[Link, ...]:
        """The links of a row's cells, in order."""
        s = self._store
        at = s.t_row[self._index] + row
        found: tuple[Link, ...] = ()
        for held in s.c_held[s.r_cell[at] : s.r_cell[at + 1]]:
            if held >= 0:
                links = s.links.held(s.helds[held])
                found += links if type(links) is tuple else (links,)  # type: ignore[operator]
        return found

    @property
    def lines(self) -> range:
        """The 0-based indices of the table's lines (its rows are consecutive lines)."""
        s = self._store
        first = s.t_row[self._index]
        return range(s.r_line[first], s.r_line[first] + self.line_count)

    def row_at(self, row: int) -> int:
        """The row's span, packed (:func:`pack`): its text after the container prefix."""
        return self._store.r_at[self._store.t_row[self._index] + row]

    def row_span(self, row: int) -> Span:
        return _new_int(Span, self.row_at(row))

    def row_prefix(self, row: int) -> str:
        """What precedes the row on its line: indentation, ``> `` of a blockquote."""
        return self._store.prefixes.get(self._store.t_row[self._index] + row, "")

    @property
    def memo_title_column(self) -> int | None:
        """The column of paper titles once :func:`awesome_lint.knowledge.papers.title_column`
        has found it (-1: not asked yet)."""
        found = self._store.title[self._index]
        return -1 if found == _NOT_ASKED else None if found < 0 else found

    @memo_title_column.setter
    def memo_title_column(self, found: int | None) -> None:
        self._store.title[self._index] = -1 if found is None else found

    def _key(self) -> tuple[object, ...]:
        return (self.span, self.all_rows, self.alignments, self.container, self.section, self.year)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Table:
            return NotImplemented
        assert isinstance(other, Table)
        if other._store is self._store and other._index == self._index:
            return True
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.span, self.line_count))  # what equal tables share, read without a row

    def __repr__(self) -> str:
        return (
            f"Table(span={self.span!r}, header={self.header!r}, delimiter={self.delimiter!r}, "
            f"alignments={self.alignments!r}, rows={self.rows!r}, container={self.container!r}, "
            f"section={self.section!r}, year={self.year!r})"
        )


class Tables(_Views[TableStore, Table]):
    """The document's tables: a :class:`Table` made for each one asked for."""

    __slots__ = ()
    _what = "table"
    _empty = TableStore

    def _view(self, index: int) -> Table:
        return Table(self._store, index)

    def __len__(self) -> int:
        return len(self._store.t_row) - 1


_SCATTERED = 1 << 63  # ``ItemStore.helds``: the links are listed in ``scattered``


class ItemStore:
    """Every list item of a document in a few arrays (:class:`ListItem` is a view made when
    asked): an item with its two spans was about 160 bytes, a list of links an item a line."""

    __slots__ = (
        "at",
        "depth",
        "held",
        "helds",
        "links",
        "marker",
        "markers",
        "numbers",
        "scattered",
        "section",
        "text",
        "text_at",
    )

    def __init__(self, text: str = "", links: LinkStore | None = None) -> None:
        self.text = text
        self.links = links if links is not None else LinkStore(text)  # what ``helds`` number
        self.at = array("Q")  # ``span``, packed: all lines of the item, nested lists included
        self.text_at = array("Q")  # ``text_span``, packed
        self.depth = array("H")  # 0 for a top-level item
        self.marker = array("I")  # index into ``markers``
        self.markers: list[str] = []  # the distinct markers: ``-``, ``*``, ``1.``, ``1)``, ...
        self.numbers: dict[str, int] = {}  # each marker's index in ``markers``
        self.section = array("i")  # -1 for none
        self.held = array("i")  # index into ``helds`` of the item's links, -1 for none
        # an item's links, ``first << 32 | count`` of ``links``; or, when they are not consecutive
        # (a nested list between two paragraphs), ``_SCATTERED | k``, ``scattered[k]`` their numbers
        self.helds = array("Q")
        self.scattered: list[tuple[int, ...]] = []

    def add(self, at: int, marker: str, depth: int, text_at: int, links: Sequence[int], section: int | None) -> None:
        """An item; ``links``: its links' runs of numbers, each ``first << 32 | count``."""
        number = self.numbers.setdefault(marker, len(self.markers))
        if number == len(self.markers):
            self.markers.append(marker)
        self.at.append(at)
        self.text_at.append(text_at)
        self.depth.append(depth)
        self.marker.append(number)
        self.section.append(-1 if section is None else section)
        if not links:
            self.held.append(-1)
            return
        self.held.append(len(self.helds))
        first, count = links[0] >> 32, links[0] & _END
        for run in links[1:]:
            if run >> 32 != first + count:  # not consecutive: every number
                numbers = tuple(n for run in links for n in range(run >> 32, (run >> 32) + (run & _END)))
                self.helds.append(_SCATTERED | len(self.scattered))
                self.scattered.append(numbers)
                return
            count += run & _END
        self.helds.append(first << 32 | count)

    def settle(self, section_of: Callable[[int], int | None]) -> None:
        """The items put in the order they begin (the parser adds an item when it ends, a nested
        one before its parent), each given its section (``section_of`` its start), once all are in."""
        order = _by_start(self.at)
        if order is not None:
            for name in ("at", "text_at", "depth", "marker", "held"):
                old = getattr(self, name)
                setattr(self, name, array(old.typecode, (old[i] for i in order)))
        self.section = array("i", (-1 if (s := section_of(a >> 32)) is None else s for a in self.at))
        self.numbers.clear()  # only for adding


class ListItem(_HoldsLinks):
    """A list item of the document: a view of its :class:`ItemStore`, equal by value. Its links
    are made the first time the view is asked for them."""

    __slots__ = ("_held", "_index", "_store")

    def __init__(self, store: ItemStore, index: int) -> None:
        self._store = store
        self._index = index
        self._held: Link | tuple[Link, ...] | None = None

    @property
    def index(self) -> int:
        """The item's number in the document (``doc.list_items[index]``)."""
        return self._index

    @property
    def at(self) -> int:
        """``span``, packed (:func:`pack`): all lines of the item, nested lists included."""
        return self._store.at[self._index]

    @property
    def span(self) -> Span:
        return _new_int(Span, self._store.at[self._index])

    @property
    def marker(self) -> str:
        """``-``, ``*``, ``+``, ``1.``, ``1)``"""
        return self._store.markers[self._store.marker[self._index]]

    @property
    def depth(self) -> int:
        """0 for a top-level item."""
        return self._store.depth[self._index]

    @property
    def text_at(self) -> int:
        return self._store.text_at[self._index]

    @property
    def text_span(self) -> Span:
        """``text`` in the source: the item's first paragraph."""
        return _new_int(Span, self._store.text_at[self._index])

    @property
    def text(self) -> str:
        """The source of the item's first paragraph, sliced from the document when asked."""
        at = self._store.text_at[self._index]
        return self._store.text[at >> 32 : at & _END]

    @property
    def held(self) -> Link | tuple[Link, ...]:  # type: ignore[override]
        """The item's links: one alone, or a tuple (see :class:`_HoldsLinks`)."""
        made = self._held
        if made is not None:
            return made
        store = self._store
        held = store.held[self._index]
        if held < 0:
            made = ()
        else:
            packed = store.helds[held]
            if packed & _SCATTERED:
                made = tuple(Link(store.links, n) for n in store.scattered[packed & _END])
            else:
                made = store.links.held(packed)
        self._held = made
        return made

    @property
    def section(self) -> int | None:
        section = self._store.section[self._index]
        return None if section < 0 else section

    def _key(self) -> tuple[object, ...]:
        return (self.at, self.marker, self.depth, self.text_at, self.held, self.section, self._store.text)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not ListItem:
            return NotImplemented
        assert isinstance(other, ListItem)
        return (other._store is self._store and other._index == self._index) or self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self.at)

    def __repr__(self) -> str:
        return (
            f"ListItem(at={self.at!r}, marker={self.marker!r}, depth={self.depth!r}, text_at={self.text_at!r}, "
            f"held={self.held!r}, section={self.section!r})"
        )


class ListItems(_Views[ItemStore, ListItem]):
    """The document's list items, in order of where they begin: a view made for each one asked for."""

    __slots__ = ()
    _what = "list item"
    _empty = ItemStore

    def _view(self, index: int) -> ListItem:
        return ListItem(self._store, index)

    @property
    def text_ats(self) -> Sequence[int]:
        """Each item's ``text_span``, packed: read without making the items."""
        return self._store.text_at

    def __len__(self) -> int:
        return len(self._store.at)


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
    sections: Sections = field(default_factory=Sections)
    tables: Tables = field(default_factory=Tables)
    links: Links = field(default_factory=Links)
    list_items: ListItems = field(default_factory=ListItems)
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
        return self.sections.store.year_of(section)
