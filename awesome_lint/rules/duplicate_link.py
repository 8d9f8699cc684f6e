from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..engine.diagnostics import Diagnostic
from ..engine.rule import Context, Rule
from ..knowledge.papers import (
    header_keys,
    identifiers,
    is_news,
    item_entry,
    items_in_text_order,
    plain,
    row_entry,
    scope_of,
    title_column,
    title_key,
    url_key,
    where_listed,
    written_as_title,
)
from ..markdown.model import Document, Link, Table, TableStore
from ..util import lazyre
from ..util.text import clip
from ..util.values import value

_IMAGE_TEXT = lazyre.compile(r"!\[")
RESOURCE_WORDS = lazyre.compile(
    r"\b(code|codes|github|repo|repository|project|projects|page|demo|website|homepage|home|blog|"
    r"data|dataset|datasets|slides|video|videos|model|models|weights|star|stars|implementation)\b"
)
# ``- Key: [value](url)`` under an entry is one of its properties, not an entry of its own
_PROPERTY = lazyre.compile(r"^\s*(?:[*_]{1,2})?[^\W\d_][\w .-]{0,20}(?:[*_]{1,2})?\s*[:：]")
CROSS_SECTION = ("warn", "ignore")
_OPEN_ENTRIES = 8  # entries whose links may still come (a row inside an item's text, at most a few)
_WORDS = lazyre.compile(r"[^\W_]")
_SHORTCODE = lazyre.compile(r":[a-z0-9_+-]+:")
_DESCRIPTION = lazyre.compile(r"\s*(?:[-–—:]|\s-)\s")


def link_key(url: str) -> str:
    """A URL with scheme, ``www.``, host case, an empty fragment and a trailing slash set aside."""
    return url_key(url)


_FRONT_PAGE = lazyre.compile(r"^https?://[^/?#]+/?$", re.IGNORECASE)
# an account's page on a hosting site (``https://huggingface.co/Qwen``): a vendor, an organisation
_ACCOUNT_PAGE = lazyre.compile(
    r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co|codeberg\.org|bitbucket\.org|"
    r"modelscope\.cn/organization|x\.com|twitter\.com)/[^/?#]+/?$",
    re.IGNORECASE,
)


def _front_page(url: str) -> bool:
    """A site's front page (``https://openai.com/``): an institute, a company, a venue; or an
    account's page on a hosting site (``https://huggingface.co/Qwen``): the vendor of several
    entries."""
    return bool(_FRONT_PAGE.match(url.strip()) or _ACCOUNT_PAGE.match(url.strip()))


@value
class Place:
    """Where a link sits: which entry and cell, and whether it is the entry's main link."""

    link: Link
    entry: int
    main: bool
    resource: bool  # in a resource column (Code, Project, Demo) or named like one
    row: bool = True  # a table row (False: a list item)
    cell: int = -1
    scope: tuple[int | None, int] = (None, -1)  # the topic (its years included) and sub-title it is under
    item_title: str = ""  # a list item's ``title`` (a row's is worked out when asked: see ``source``)
    paper: bool = False  # a paper's link: an arXiv/DOI/OpenReview id, a PDF, a Paper column
    item_name: str = ""  # a list item's ``name``
    pasted: bool = False  # in a cell beyond the header: GitHub does not show it
    column: str | None = None  # the plain name of its resource column (Code, Project), if in one
    item_prose: bool = False  # a list item's ``prose``
    key: str = ""  # the link's :func:`link_key`
    keys: tuple[str, ...] = ()  # the keys of all the entry's links, one tuple per entry (a set is 216 bytes)
    # a row's table, title column and row: its title, name and prose are asked of few places
    # (the main links that come twice), and working them out for every row was a fifth of a check
    source: tuple[Table, int | None, int] | None = None  # a row's table, title column and number
    item: int = -1  # a list item's number in ``doc.list_items``

    @property
    def title(self) -> str:
        """The entry's title when it can name a paper: duplicate-entry's business."""
        return self.item_title if self.source is None else _row_names(*self.source)[0]

    @property
    def name(self) -> str:
        """What the entry is called (its name or title), normalised."""
        return self.item_name if self.source is None else _row_names(*self.source)[1]

    @property
    def prose(self) -> bool:
        """The entry's name is written as a title (words), not as an identifier."""
        return self.item_prose if self.source is None else _row_names(*self.source)[2]

    # derived when asked: a string and a set per link, kept for every link of a list, were most
    # of this rule's memory
    @property
    def own(self) -> frozenset[str]:
        """The entry's other links (keys): what else tells it apart."""
        return frozenset(self.keys) - {self.key}

    @property
    def what(self) -> str:
        """How the message calls the link: its column's name or its text."""
        return _link_words(self.link) if self.column is None else self.column


def _countable(link: Link, url: str) -> bool:
    """``url``: the link's, read once (a link's URL is sliced from the text when read)."""
    if link.kind in ("image", "reference") or not url.strip() or url.startswith("#"):
        return False
    return not _IMAGE_TEXT.search(link.text)  # a badge


_PAPER_WORDS = lazyre.compile(r"\b(paper|papers|pdf|arxiv|publication|pub|link|url|html|doi)\b")


def _is_paper(link: Link, column: str = "", url: str | None = None, ids: tuple[str, ...] | None = None) -> bool:
    """A link to the paper itself: an id, a PDF, a Paper/PDF column or a ``[pdf]`` text
    (``url`` and its ``ids``: the link's, when the caller has them)."""
    url = link.url if url is None else url
    if (identifiers(url) if ids is None else ids) or url.lower().split("?")[0].endswith(".pdf"):
        return True
    return bool(_PAPER_WORDS.search(column) or _PAPER_WORDS.fullmatch(title_key(link.text)))


def _names_resource(link: Link) -> bool:
    """``[code]``, ``[Project Page]``: a short link text naming a resource (a title that
    mentions a model or a video is not one)."""
    text = title_key(link.text)
    return len(text.split()) <= 3 and bool(RESOURCE_WORDS.search(text))


def places(doc: Document) -> Iterator[Place]:
    """Every countable link of every entry, in document order, made as they are asked for: a
    list of them all (and of every entry, to read titles from) was most of the peak memory of
    a check of a large list."""
    return heapq.merge(_row_places(doc), _item_places(doc), key=lambda p: p.link.url_span >> 32)


def _row_places(doc: Document) -> Iterator[Place]:
    entry = 0
    for table in doc.tables:  # in document order, as the parser found them
        # no place in a table without links (entry numbers only tell entries apart)
        if not table.has_body_links() or is_news(doc, table.section):
            continue
        frame = _frame(doc, table)
        for number in range(2, table.line_count):
            entry += 1
            if table.row_links(number):
                yield from _places_of_row(frame, number, entry)


@dataclass(frozen=True, slots=True)
class _Frame:
    """What the places of a table's rows share: read once a table."""

    table: Table
    title_at: int | None
    columns: tuple[str, ...]
    resource: list[bool]
    shown: list[str | None]
    scope: tuple[int | None, int]


def _frame(doc: Document, table: Table) -> _Frame:
    header = table.cell_texts(0)
    columns = header_keys(header)
    resource = [bool(RESOURCE_WORDS.search(c)) for c in columns]
    shown = [plain(text) if resource[i] else None for i, text in enumerate(header)]
    scope = scope_of(doc, table.section, table.span.start)
    return _Frame(table, title_column(table), columns, resource, shown, scope)


def _places_of_row(frame: _Frame, number: int, entry: int) -> list[Place]:
    """The places of row ``number`` of the frame's table, the row being entry ``entry``."""
    table, title_at, columns, resource = frame.table, frame.title_at, frame.columns, frame.resource
    row = table.row(number)
    # each link with its URL and ids, read once
    found = [(i, link, link.url) for i, cell in enumerate(row.cells) for link in cell.links]
    counted = [(i, link, url, identifiers(url)) for i, link, url in found if _countable(link, url)]
    if not counted:
        return []
    web = [(i, link) for i, link, _, ids in counted if not ids]
    main_link = next((link for i, link in web if i == title_at), None) or next(
        (link for i, link in web if i < len(resource) and not resource[i]), None
    )
    # cells beyond the header are usually a second entry pasted into the row
    pasted = next((link for i, link in web if i >= len(resource)), None)
    out: list[Place] = []
    link_keys = [link_key(url) for _, _, url, _ in counted]
    keys = tuple(link_keys)
    for (i, link, url, ids), key in zip(counted, link_keys, strict=True):
        main = link is main_link or link is pasted
        in_resource = i < len(resource) and resource[i]
        res = in_resource or (i != title_at and _names_resource(link))
        column = columns[i] if i < len(columns) else ""
        what = frame.shown[i] if in_resource else None
        paper = _is_paper(link, column, url, ids)
        pasted_cell = i >= len(columns)
        out.append(
            Place(
                link,
                entry,
                main,
                res,
                cell=i,
                scope=frame.scope,
                paper=paper,
                pasted=pasted_cell,
                column=what,
                key=key,
                keys=keys,
                source=(table, title_at, number),
            )
        )
    out.sort(key=lambda p: p.link.url_span >> 32)
    return out


def _item_places(doc: Document) -> Iterator[Place]:
    entry = 0
    for index in items_in_text_order(doc):
        entry -= 1  # an item's number is negative: a row's is positive
        yield from _places_of_item(doc, index, entry)


def _places_of_item(doc: Document, index: int, entry: int) -> list[Place]:
    """The places of list item ``index``, the item being entry ``entry``."""
    item = doc.list_items[index]
    # each link with its URL, read once
    links = item.links  # made once: ``first is link`` below
    counted = [(link, url) for link, url in ((link, link.url) for link in links) if _countable(link, url)]
    if not counted or is_news(doc, item.section):
        return []
    scope = scope_of(doc, item.section, item.text_span.start)
    first = links[0] if links else None
    # the item opens with its link, maybe after an emoji (``:octocat: [name](url)``)
    before = item.text[: max(0, first.span.start - item.text_span.start)] if first is not None else ""
    starts = first is not None and not _WORDS.search(_SHORTCODE.sub("", plain(before)))
    # ``- Meetup [NYC](url)``: a link that ends the item, or is followed by its description
    after = doc.text[first.span.end : item.text_span.end].split("\n", 1)[0] if first is not None else ""
    ends = not after.strip() or bool(_DESCRIPTION.match(after))
    known_entry = item_entry(doc, item)
    title = known_entry.title if known_entry else ""
    name = title_key(first.text) if first is not None and starts else title
    prose = known_entry.prose if known_entry else (first is not None and starts and written_as_title(first.text))
    # a nested bullet that does not start with a link (``- Uses [Antigen](…) for …``,
    # ``- ExpEnv: [mujoco](…)``) describes its parent entry; it is not one
    own = item.depth == 0 or (starts and not _PROPERTY.match(item.text))
    link_keys = [link_key(url) for _, url in counted]
    keys = tuple(link_keys)
    out: list[Place] = []
    for n, ((link, url), key) in enumerate(zip(counted, link_keys, strict=True)):
        ids = identifiers(url)
        named = n == 0 and first is link and starts  # the entry's own name, never a resource
        paper = bool(ids) or (not named and _is_paper(link, "", url, ids))
        # ``- Title. [[pdf](url)]``: the first link is the entry's when it names the paper;
        # ``- Unlike [antigen](url), …`` only mentions another project
        main = own and not ids and n == 0 and first is link and (starts or ends or paper)
        res = not named and _names_resource(link)
        out.append(
            Place(
                link,
                entry,
                main,
                res,
                row=False,
                scope=scope,
                item_title=title,
                paper=paper,
                item_name=name,
                item_prose=prose,
                key=key,
                keys=keys,
                item=index,
            )
        )
    out.sort(key=lambda p: p.link.url_span >> 32)
    return out


def _packed(place: Place) -> int:
    """A place as one int, from which :func:`_unpacked` makes it again: every main link is kept
    so until the end, not as a place of some 400 bytes with its strings."""
    if place.source is not None:
        table, _, number = place.source
        where = table.index << 24 | number
    else:
        where = 1 << 48 | place.item
    return (where << 32 | place.entry + (1 << 31)) << 32 | place.link.url_span >> 32


def _unpacked(doc: Document, packed: int, frames: dict[int, _Frame]) -> Place:
    """The place :func:`_packed` packed, made again; ``frames`` keeps the tables' frames."""
    where, entry, start = packed >> 64, (packed >> 32 & 0xFFFFFFFF) - (1 << 31), packed & 0xFFFFFFFF
    if where >> 48:
        made = _places_of_item(doc, where & 0xFFFFFFFFFFFF, entry)
    else:
        table = where >> 24
        frame = frames.get(table)
        if frame is None:
            frame = frames[table] = _frame(doc, doc.tables[table])
        made = _places_of_row(frame, where & 0xFFFFFF, entry)
    return next(place for place in made if place.link.url_span >> 32 == start)


_ESCAPED = lazyre.compile(r"\\(.)")


_ROW_NAMES: dict[tuple[int, int], tuple[TableStore, tuple[str, str, bool]]] = {}


def _row_names(table: Table, title_at: int | None, number: int) -> tuple[str, str, bool]:
    """Row ``number``'s title, name and prose flag as duplicate-entry sees them, remembered for
    the last thousand rows asked about."""
    key = (table.index, number)
    known = _ROW_NAMES.get(key)
    if known is not None and known[0] is table.store:
        return known[1]
    seen = row_entry(table, title_at, table.row(number), number)
    made = (seen.title, seen.label or seen.name, seen.prose)
    if len(_ROW_NAMES) >= 1024:
        _ROW_NAMES.clear()
    _ROW_NAMES[key] = (table.store, made)
    return made


def _link_words(link: Link) -> str:
    return _ESCAPED.sub(r"\1", plain(link.text)).strip("[]() ")


def _named_apart(first: Place, later: Place) -> bool:
    """Two entries called differently: by their link's words, or by their names when both links
    say the same (``[🤗HF](https://huggingface.co/Qwen)`` in the rows of two Qwen models)."""
    if title_key(first.link.text) != title_key(later.link.text):
        return True
    return bool(first.name and later.name and first.name != later.name)


def _other_entry(first: Place, later: Place) -> bool:
    """Whether two entries sharing a main link are a mistake: one entry twice (one name, or
    one name inside the other: ``xilem`` and ``linebender/xilem``), or two papers behind one
    paper's page (two titles written in words). Parts of one family are not: names that
    differ only in sizes or versions (``Llama 3 8B``, ``Llama 3 70B`` on the family's page),
    two different short names (two themes of one repository, ``hatch`` and ``hatchling``), and
    entries called by identifiers that each have links of their own besides the shared one
    (``ELYZA-Thinking-1.0-Qwen-32B`` and ``ELYZA-Shortcut-1.0-Qwen-7B``, each with its model
    page, both linking the article that announced them)."""
    if not first.name or not later.name or first.name == later.name:
        return True
    a, b = set(first.name.split()), set(later.name.split())
    if all(any(ch.isdigit() for ch in word) for word in a ^ b):
        return False
    titles = first.prose and later.prose and min(len(first.name), len(later.name)) >= 15
    # two table rows each with links of their own (model pages, variants) are two entries; a
    # bullet's other links may only be mentions in its description, so for bullets one name
    # inside the other still means one entry twice
    apart = bool(first.own - later.own and later.own - first.own)
    if not titles and apart and first.row and later.row:
        return False
    if a <= b or b <= a or titles:
        return True
    if apart:
        return False
    return min(len(a), len(b)) >= 3 and min(len(first.name), len(later.name)) >= 15


class DuplicateLink(Rule):
    """The same URL twice where it means a mistake.

    In one table row: a pasted second row, or a Code/Project/Demo link that repeats the row's
    paper link (the link the author meant is missing); a list item's ``[code]`` repeating its own
    paper link likewise. As the main link of two entries under one topic: one finding per later
    copy. Main links repeated under different topics are usually cross-listed on purpose: one
    warning per URL naming every place, which ``cross-section = "ignore"`` silences.

    Not counted: resource columns (Code, Project, Demo) shared by several papers, a project
    mentioned in another entry's description, a list item repeating its own link as "Demo",
    badges, images, in-page anchors, a site's front page (unless two entries also share its
    name), ``Key: [value](url)`` property lines, links outside entries, and two entries with
    the same title (duplicate-entry reports those). Scheme, ``www.``, host case, an empty
    fragment and a trailing slash are ignored."""

    code = "AL202"
    presets = ("awesome",)  # the Node awesome-lint checks this too
    name = "duplicate-link"
    summary = "The same URL appears twice in an entry, or as two entries' link"
    aliases = ("double-link",)
    options = {"ignore": [], "cross-section": "ignore"}
    choices = {"cross-section": CROSS_SECTION}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        ignored = [str(p) for p in ctx.option("ignore")]
        quiet_across = ctx.option("cross-section") == "ignore"
        # the links seen in the last few entries: an entry's links come together (a row is one
        # line, an item's links are in its first paragraph), so older entries are done with, and
        # keeping every link of the list for this was most of the rule's memory
        in_entry: dict[int, dict[str, Place]] = {}
        # each main link's places, packed (_packed): a place is some 400 bytes with its strings,
        # and 50,000 copies of one link were most of a check's memory
        mains: dict[str, int | list[int]] = {}
        for place in places(doc):
            link = place.link
            if any(p in link.url for p in ignored):
                continue
            key = place.key
            seen = in_entry.get(place.entry)
            if seen is None:
                if len(in_entry) >= _OPEN_ENTRIES:
                    del in_entry[next(iter(in_entry))]
                seen = in_entry[place.entry] = {}
            earlier = seen.setdefault(key, place)
            if earlier is not place and self._repeats(earlier, place):
                yield self.report(link.url_span, self._repeat_message(earlier, place))
                continue
            if place.main and not place.resource:
                known = mains.get(key)
                if known is None:  # most main links come once: no list for them
                    mains[key] = _packed(place)
                elif isinstance(known, list):
                    known.append(_packed(place))
                else:
                    mains[key] = [known, _packed(place)]
        for key, found in mains.items():
            if isinstance(found, list):  # a main link once is no finding
                yield from self._across_entries(doc, key, found, quiet_across)
        _ROW_NAMES.clear()  # the rows it remembers keep their document's text alive

    @staticmethod
    def _repeats(first: Place, later: Place) -> bool:
        # the link itself must say it is the paper (an id, a PDF, ``[pdf]``): a Paper column's
        # title may link a project page or a library's repository, which a Code cell rightly repeats
        paper_link = first.paper and _is_paper(first.link)
        if paper_link and later.resource and (later.cell != first.cell or not first.row):
            return True  # a paper link again in the Code/Project cell (or as ``[code]``): the code link is missing
        # a row pasted after the header's cells; a title linking the code that the Code cell
        # links too, a list item repeating its own link as "Demo", or a cell naming a model then
        # its variants (``[Model](u)<br>([8B](u), …)``) are styles
        return later.pasted and later.cell != first.cell

    @staticmethod
    def _repeat_message(first: Place, later: Place) -> str:
        url = clip(later.link.url, 80)
        if first.paper and later.resource:
            what = later.what or "resource"
            return f"The {what!r} link repeats this entry's paper link {url}; link the {what} itself or remove it"
        return f"{url} is already linked in this entry"

    def _across_entries(self, doc: Document, key: str, found: list[int], quiet_across: bool) -> Iterator[Diagnostic]:
        first: Place | None = None
        last_entry = 0
        titles: set[str] = set()
        # each scope's copies, by their links: the places are made again one at a time
        scopes: dict[tuple[int | None, int], list[Link]] = {}
        frames: dict[int, _Frame] = {}
        for packed in found:
            place = _unpacked(doc, packed, frames)
            if first is not None and place.entry == last_entry:
                continue
            if first is not None and _front_page(place.link.url) and _named_apart(first, place):
                continue  # a site's front page behind different names: an institute, a venue, a vendor
            if place.title and place.title in titles:
                continue  # the same title too: duplicate-entry's finding
            if first is not None and not _other_entry(first, place):
                continue
            titles.add(place.title)
            if first is None:
                first = place
            last_entry = place.entry
            scopes.setdefault(place.scope, []).append(place.link)
        for same in scopes.values():
            line = doc.position(same[0].url_span.start).line
            messages: dict[str, str] = {}  # one string for the copies of one URL
            for link in same[1:]:
                url = clip(link.url, 80)
                message = messages.get(url)
                if message is None:
                    message = messages[url] = f"{url} is already linked on line {line}"
                yield self.report(link.url_span, message)
        if len(scopes) < 2 or quiet_across:
            return
        where = where_listed(doc, {scope: same[0].url_span.start for scope, same in scopes.items()})
        second = list(scopes.values())[1][0]
        yield self.report(
            second.url_span,
            f"{clip(second.url, 80)} is linked in {len(scopes)} sections: {where}; "
            'fine if cross-listed on purpose (cross-section = "ignore")',
        )
