"""What makes a table row or a list item a paper: its title, identifiers, venue and year.

Shared by the rules that reason about entries (duplicate-entry, year-mismatch, placeholder) and by
typo, which leaves the words of a paper's title as the paper spells them.
Everything here is a plain function of the document model.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from functools import lru_cache

from ..markdown.model import Cell, Document, Link, ListItem, Row, Span, Table
from ..util import lazyre
from ..util.memo import per_document
from ..util.values import value

_ARXIV = lazyre.compile(
    r"arxiv\.org/(?:abs|pdf|html|format)/((?:\d{4}\.\d{4,5})|(?:[a-z-]+(?:\.[A-Z]{2})?/\d{7}))(?:v\d+)?",
    re.IGNORECASE,
)
_DOI = lazyre.compile(r"(?<![\w.])(10\.\d{4,9}/[^\s?#\"<>]+)", re.IGNORECASE)
_DOI_TAIL = lazyre.compile(r"(?:\.pdf|/full|/abstract|/pdf|/epdf|\.full|/meta)+$", re.IGNORECASE)
_OPENREVIEW = lazyre.compile(
    r"openreview\.net/(?:forum|pdf|attachment)\?(?:[^#\s]*&)?id=([A-Za-z0-9_\-]+)", re.IGNORECASE
)

# a class that stops at the next "[" keeps these linear on a line of unmatched brackets
_IMAGE = lazyre.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_LINK = lazyre.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_TAG = lazyre.compile(r"<[^>]+>")
_MARKUP = lazyre.compile(r"[*_`~]+")

TITLE_WORDS = ("title",)
TITLE_FALLBACK = ("paper", "papers", "name", "paper name", "method", "model", "work")
VENUE_WORDS = (
    "venue",
    "conference",
    "conf",
    "journal",
    "publication",
    "published",
    "pub",
    "publisher",
    "source",
    "where",
)
YEAR_WORDS = ("year",)

_SHORT_YEAR = lazyre.compile(r"(?<=[A-Za-z\s(\[])['’`](\d{2})(?!\d)")
_LONG_YEAR = lazyre.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_VENUE_YEAR = lazyre.compile(r"\b(?:[A-Z][A-Za-z&]{1,15}|arXiv)(?:['’`](\d{2})(?!\d)|[\s-]?((?:19|20)\d{2})(?!\d))")


_ARXIV_DOI = lazyre.compile(r"10\.48550/arxiv\.(.+)$")


def identifiers(url: str) -> tuple[str, ...]:
    """Stable ids a URL names: ``arxiv:2401.00001``, ``doi:10.1145/x``, ``openreview:abc``.
    arXiv's own DOIs (``10.48550/arXiv.2401.00001``) are the arXiv id, so the two spellings of
    one preprint are one id.

    Not cached: finding them takes about a microsecond a URL (a few substring tests, a pattern
    only where one can match), no more than a cache look-up, and a cache of every URL of a
    list held 3.7 MB of a 5 MB list's check to the end of the run.
    """
    found = []
    lower = url.lower()
    arxiv = None
    if "arxiv" in lower:
        arxiv = _ARXIV.search(url)
        if arxiv:
            found.append("arxiv:" + arxiv.group(1).lower())
    # an arXiv id (``2510.12345``) contains ``10.`` but is no DOI: look past it, not at it
    if "10." in (url if arxiv is None else url[: arxiv.start(1)] + url[arxiv.end(1) :]):
        m = _DOI.search(url)
        if m:
            doi = _DOI_TAIL.sub("", m.group(1).rstrip(").,;")).lower()
            arxiv_doi = _ARXIV_DOI.match(doi)
            ident = "arxiv:" + re.sub(r"v\d+$", "", arxiv_doi.group(1)) if arxiv_doi else "doi:" + doi
            if ident not in found:
                found.append(ident)
    if "openreview" in lower:
        m = _OPENREVIEW.search(url)
        if m:
            found.append("openreview:" + m.group(1))
    return tuple(found)


def plain(markdown: str) -> str:
    """Cell or item text without images, link targets, HTML tags and emphasis markers."""
    text = markdown
    # each pattern only where its first character is: most cells have no link, tag or emphasis
    if "![" in text:
        text = _IMAGE.sub("", text)
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _TAG.sub("", text)
    if "*" in text or "_" in text or "`" in text or "~" in text:
        text = _MARKUP.sub("", text)
    return text.replace("\\|", "|").strip()


_NON_ALNUM = lazyre.compile(r"[\W_]+")


def normalise_title(text: str) -> str:
    """Case, punctuation, whitespace and Unicode form set aside."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NON_ALNUM.sub(" ", folded).strip()


# inline code at either end of a title is a tag the list adds (`` `WSS COD` ``), not the title
_EDGE_CODE = lazyre.compile(r"^(?:\s*`[^`\n]+`)+\s*(?=\S)|(?<=\S)(?:\s*`[^`\n]+`)+\s*$")


_INNER_UNDERSCORE = lazyre.compile(r"(?<=[^\W_])_+(?=[^\W_])")


# what a title key blanks: a character neither alphanumeric (``\w`` is ``str.isalnum`` and
# ``_``) nor a symbol that carries meaning inside a name (``C++`` is not ``C``, nor ``C#``)
_NOT_IN_TITLE = lazyre.compile(r"[^\w+#*&@%$=<>^~]|_")


@lru_cache(maxsize=512)
def title_key(markdown: str) -> str:
    """A title as compared between entries: case, punctuation, emphasis, images, emoji, link
    targets and edge code tags set aside, symbols that name things kept.

    Remembered for the last few hundred texts: several rules ask for each entry's, and link
    texts (``code``, ``paper``) repeat through a list."""
    # an underscore inside a word (``corex_topic``) separates words; elsewhere it is emphasis
    words = _INNER_UNDERSCORE.sub(" ", _EDGE_CODE.sub("", markdown.strip()))
    text = unicodedata.normalize("NFKC", plain(words)).casefold()
    return " ".join(_NOT_IN_TITLE.sub(" ", text).split())


@lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """A column name as compared across tables (every year's table repeats the same few)."""
    return normalise_title(plain(text))


@lru_cache(maxsize=1024)
def header_keys(header: tuple[str, ...]) -> tuple[str, ...]:
    """Each column name of a header (``table.cell_texts(0)``) as :func:`header_key` says: asked
    once per distinct header, as a list of small tables repeats a few."""
    return tuple(header_key(text) for text in header)


def column(table: Table, words: tuple[str, ...], exact: bool = False) -> int | None:
    return _column(table.cell_texts(0), words, exact)


@lru_cache(maxsize=1024)
def _column(header: tuple[str, ...], words: tuple[str, ...], exact: bool) -> int | None:
    """By the header's texts: every year's table of a list repeats the same header."""
    for index, text in enumerate(header):
        key = header_key(text)
        if exact and key in words:
            return index
        if not exact and any(re.search(rf"\b{re.escape(w)}\b", key) for w in words):
            return index
    return None


def title_column(table: Table) -> int | None:
    """The column holding paper titles: one named "Title", else "Paper"/"Name" with prose in it.

    Remembered on the table: the rules that read titles each ask for every table.
    """
    known = table.memo_title_column
    if known is None or known >= 0:
        return known
    found = _title_column(table)
    table.memo_title_column = found  # a cache in the document's table store, not a change of the table
    return found


def _title_column(table: Table) -> int | None:
    header = table.cell_texts(0)
    found = _column(header, TITLE_WORDS, False)
    if found is not None:
        return found
    fallback = _column(header, TITLE_FALLBACK, True)
    candidates = [fallback] if fallback is not None else [0]
    for index in candidates:
        cells = (table.cell_texts(row) for row in range(2, table.line_count))
        texts = [plain(row[index]) for row in cells if index < len(row)]
        if texts and sum(len(t.split()) >= 3 for t in texts) >= len(texts) / 2:
            return index
    return None


def venue_column(table: Table) -> int | None:
    return column(table, VENUE_WORDS)


def year_column(table: Table) -> int | None:
    return column(table, YEAR_WORDS, exact=True)


def years_named(text: str) -> dict[int, str]:
    """Years a venue cell names, each with the words that name it: ``CVPR'23`` -> {2023: "'23"}."""
    found: dict[int, str] = {}
    body = _LINK.sub(r"\1", _IMAGE.sub("", text))
    for m in _SHORT_YEAR.finditer(body):
        found.setdefault(2000 + int(m.group(1)), m.group(0))
    for m in _LONG_YEAR.finditer(body):
        found.setdefault(int(m.group(1)), m.group(0))
    return found


def venue_years(text: str) -> dict[int, str]:
    """Years named as a venue in free text (``CVPR 2023``, ``NeurIPS'22``, ``(2023)``)."""
    body = _LINK.sub(r"\1", _IMAGE.sub("", text))
    found: dict[int, str] = {}
    for m in _VENUE_YEAR.finditer(body):
        year = 2000 + int(m.group(1)) if m.group(1) else int(m.group(2))
        found.setdefault(year, m.group(0))
    for m in re.finditer(r"[(\[]((?:19|20)\d{2})[)\]]", body):
        found.setdefault(int(m.group(1)), m.group(0))
    return found


@value
class Entry:
    """A paper: a table row or a list item."""

    span: Span
    title: str  # normalised; "" when the entry has no usable title
    ids: tuple[str, ...]  # in link order: the first is the entry's own, later ones related papers
    section: int | None
    row: Row | None = None
    table: Table | None = None
    number: int | None = None  # the row's in its table (``Table.row``)
    item: ListItem | None = None
    url: str = ""  # the title's own link (scheme, ``www.``, trailing slash set aside), "" if none
    name: str = ""  # the title as written, however short (``LRS2``), normalised; "" if none
    label: str = ""  # a table's first cell when titles are in another column (``LSE-D`` | paper)
    prose: bool = False  # the name is written as a title, in words, not as an identifier

    @property
    def primary(self) -> str | None:
        """The entry's own id: a later one (``[IJCV]`` after ``[arXiv]``) is a related paper."""
        return self.ids[0] if self.ids else None


_SCHEME = lazyre.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_WWW = lazyre.compile(r"^www\.", re.IGNORECASE)


def url_key(url: str) -> str:
    """A URL with scheme, ``www.``, host case, an empty fragment and a trailing slash set aside."""
    key = _SCHEME.sub("", url.strip())
    key = _WWW.sub("", key)
    host, slash, rest = key.partition("/")
    return (host.lower() + slash + rest).rstrip("#").rstrip("/")


# headings of sections whose bullets are dated announcements about the list, not entries
_NEWS = lazyre.compile(
    r"^(?:(?:the|latest|recent|main|our)\s+)*"
    r"(?:news|updates?|update\s+(?:logs?|notes?)|changelogs?|change\s+logs?|release\s+notes|announcements?"
    r"|what\s*s\s+new|更新|更新日志|新闻|动态|最新动态|最新消息)"
    r"(?:\s+(?:and|&)\s+(?:news|updates?|announcements?))?$",
    re.IGNORECASE,
)


_NOT_WORDS = lazyre.compile(r"[^\w&]+")


def is_news(doc: Document, section: int | None) -> bool:
    """Whether ``section`` or an ancestor is a "News"/"Updates"/"Changelog" section (worked out
    once per document: the rules ask for every entry)."""
    return section is not None and section in per_document(doc, _news_sections)


def _news_sections(doc: Document) -> frozenset[int]:
    news: set[int] = set()
    for index, section in enumerate(doc.sections):  # a parent comes before its children
        words = _NOT_WORDS.sub(" ", section.heading.text).replace("_", " ").strip()
        if _NEWS.match(words) or (section.parent is not None and section.parent in news):
            news.add(index)
    return frozenset(news)


def _entry_links(links: tuple[Link, ...]) -> tuple[str, ...]:
    only: tuple[str, ...] = ()  # most entries have one link with ids: its tuple is theirs, not copied
    out: list[str] = []
    for link in links:
        if link.kind in ("image",):
            continue
        found = identifiers(link.url)
        if not found:
            continue
        if not only and not out:
            only = found
            continue
        if only:
            out.extend(only)
            only = ()
        for ident in found:
            if ident not in out:
                out.append(ident)
    return only or tuple(out)


def _wide(text: str, enough: int) -> bool:
    """Whether ``text`` has ``enough`` CJK characters (ideographs, kana, hangul). Counted here:
    the character class as a pattern took 4 to 7 ms to compile, at every start."""
    if text.isascii():
        return False
    found = 0
    for ch in text:
        if "\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff":
            found += 1
            if found >= enough:
                return True
    return False


def written_as_title(markdown: str) -> bool:
    """Whether a name is written as a title, in words (``Pruning Randomly Initialized Neural
    Networks``), rather than as an identifier (``gpt-oss-20b-Ja-Fin``,
    ``ELYZA-Thinking-1.0-Qwen-32B``): a model, a dataset or a package is called by an
    identifier, and several of them may share one paper, article or page. CJK titles are
    written without spaces: eight or more of their characters make a title."""
    text = plain(markdown)
    return len(text.split()) >= 3 or _wide(text, 8)


def usable_title(markdown: str) -> str:
    """The title's key when it can name a paper: three words or more ("Paper", "Code" and
    "[link]" are link texts, not titles)."""
    normal = title_key(markdown)
    return normal if _usable(normal) else ""


def _usable(normal: str) -> bool:
    return len(normal) >= 15 and len(normal.split()) >= 3


_LEADING_ANCHOR = lazyre.compile(r"^\s*(?:<a\s[^<>]*>\s*</a>\s*)+", re.IGNORECASE)


def _main_url(links: tuple[Link, ...]) -> str:
    """The key of the first link that is not an image and has a URL ("" for an anchor); each
    URL read once (it is sliced from the text when read)."""
    for link in links:
        if link.kind != "image":
            url = link.url
            if url.strip():
                return "" if url.startswith("#") else url_key(url)
    return ""


def entries(doc: Document, *, keyed: bool = False) -> Iterator[Entry]:
    """Every table row and list item that looks like a paper, in document order; with
    ``keyed``, only those with a title or an id, which another entry can be the same as (a
    list of many small tables of plain words has none).

    Made one at a time as they are asked for (table rows and list items merged by position),
    never all kept: an entry each was a tenth of the peak memory of a large list's check, held
    while the duplicate rules built their own indexes beside it."""
    return heapq.merge(_row_entries(doc, keyed), _item_entries(doc), key=lambda e: e.span >> 32)


def _row_entries(doc: Document, keyed: bool) -> Iterator[Entry]:
    for table in doc.tables:  # in document order, as the parser found them
        title_at = title_column(table)
        for number in range(2, table.line_count):
            untitled = title_at is None or title_at >= table.cell_count(number)
            if keyed and untitled and not _entry_links(table.row_links(number)):
                continue  # no title column and no paper's id: neither a title nor an id
            entry = row_entry(table, title_at, table.row(number), number)
            if not keyed or entry.title or entry.ids:
                yield entry


def items_in_text_order(doc: Document) -> list[int]:
    """The list items' numbers in the order their texts start, read without making the items."""
    text_ats = doc.list_items.text_ats
    return sorted(range(len(text_ats)), key=lambda i: text_ats[i] >> 32)


def _item_entries(doc: Document) -> Iterator[Entry]:
    items = doc.list_items
    for index in items_in_text_order(doc):
        entry = item_entry(doc, items[index])
        if entry is not None:
            yield entry


def row_entry(table: Table, title_at: int | None, row: Row, number: int) -> Entry:
    """The entry a table row is (``title_at``: the table's :func:`title_column`; ``number``: the
    row's, ``table.row(number)``)."""
    links = tuple(link for cell in row.cells for link in cell.links)
    title = url = name = label = ""
    prose = False
    if title_at is not None and title_at < len(row.cells):
        name = title_key(row.cells[title_at].text)
        title = name if _usable(name) else ""  # one string for both: an entry per row
        url = _main_url(row.cells[title_at].links)
        prose = written_as_title(_shown(row.cells[title_at]))
        if title_at > 0 and row.cells:
            head = title_key(row.cells[0].text)
            label = head if any(ch.isalpha() for ch in head) else ""  # a date is no name
    elif len(row.cells) > 1 and not row.cells[0].links:
        # no title column known: a first cell without links names what the row is
        # about (``| **CLEVR-ATVC** | [paper](…) |``), as a label does; a long one is
        # the paper's own title, not a name
        head = title_key(row.cells[0].text)
        label = head if any(ch.isalpha() for ch in head) and len(head.split()) <= 4 else ""
    elif row.cells and row.cells[0].links:
        # no title column known: a first cell opening with a link names the row by that
        # link's words (``[Sarashina2](announcement)<br>([7b](…), …)``)
        opening = row.cells[0].links[0]
        if opening.kind != "image" and row.cells[0].text.lstrip().startswith("["):
            name = title_key(opening.text)
            prose = written_as_title(opening.text)
    url = url or _main_url(links)
    ids = _entry_links(links)
    return Entry(
        row.span,
        title,
        ids,
        table.section,
        row=row,
        table=table,
        number=number,
        url=url,
        name=name,
        label=label,
        prose=prose,
    )


def item_entry(doc: Document, item: ListItem) -> Entry | None:
    """The entry a list item is, or None: navigation, or neither a title nor an id."""
    title = url = ""
    text = item.text.lstrip()
    first = item.links[0] if item.links else None
    if first is not None and first.url.startswith("#"):
        return None  # navigation (a table of contents), not a paper
    prose = False
    if first is not None and first.kind in ("inline", "reference") and text.startswith(("[", "**[")):
        title = usable_title(first.text)
        url = url_key(first.url)
        prose = written_as_title(first.text)
    elif first is not None:
        # ``- Title. Venue. [[pdf](url)]``: the words before the first link name the entry
        start, end = _lead(doc, item, first)
        before = doc.text[start:end]
        title = usable_title(before)
        prose = written_as_title(before)
    ids = _entry_links(item.links)
    if title or ids:
        return Entry(item.text_span, title, ids, item.section, item=item, url=url, name=title, prose=prose)
    return None


def _lead(doc: Document, item: ListItem, first: Link) -> tuple[int, int]:
    """Where the words before an item's first link are (leading HTML anchors and the bracket
    that opens ``[[pdf](url)]`` set aside): what names an item that does not open with a link."""
    start = item.text_span.start
    before = doc.text[start : first.span.start].rstrip(" [(")
    anchor = _LEADING_ANCHOR.match(before)
    return start + (anchor.end() if anchor else 0), start + len(before)


# the words of a link to a copy of a paper (``[[PUB](…)]``, ``[paper](…)``, ``[\[pdf\]](…)``)
PAPER_LINK_WORDS = frozenset(("paper", "pdf", "pub", "publication", "arxiv", "doi", "openreview", "preprint"))
# what opens an item's title words: an emoji or a mark, then a label (``**DIAL**:``) or a
# parenthesised venue (``(AAAI)``); bounded, so a line of marks stays linear
_TITLE_LEAD = lazyre.compile(
    r"[^\w\s\"“(*_\[]{0,8}\s*(?:(?:\*\*|__)[^*_\n]{1,100}(?:\*\*|__)\s*[:：]\s*|\([^()\n]{1,100}\)\s*)?"
)
_QUOTED = lazyre.compile(r"\"([^\"\n]{1,1000})\"|“([^”\n]{1,1000})”")
_BOLD = lazyre.compile(r"(\*\*|__)([^\n]{1,1000}?)\1")
# a sentence ends a title (``Title. Venue. Authors.``); ``vs.`` and ``3D.`` do not end one
_SENTENCE_END = lazyre.compile(r"(?<=[^\W_]{3})\.(?=\s)")


def item_title(doc: Document, item: ListItem) -> Span | None:
    """Where a list item that is a paper writes its title, or None: the words a rule must treat
    as quoted from the paper (typo reports a misspelling there but never rewrites it).

    The item is what :func:`item_entry` takes for a paper with a usable title, outside a
    News section, that names a paper's identifier (arXiv, DOI, OpenReview) or links to a copy
    of it (``[[PUB](…)]``, ``[paper](…)``): a software list's ``- Use it with [tool](…)``
    gives words before a link too, and they are no title. Of the words before its first link
    only the title is taken, not what a list writes beside it: a quoted title after a label
    (``**DIAL**: "Robotic Skill Acquisition…", *arXiv*``), a bold one, else the first sentence
    without a parenthesised venue or affiliation at either end (``(AAAI) Title (*Fudan
    University*).``)."""
    entry = item_entry(doc, item)
    if entry is None or not entry.title or is_news(doc, item.section):
        return None
    if not entry.ids and not any(_names_a_copy(doc.text, link) for link in item.links):
        return None
    first = item.links[0]
    if first.kind in ("inline", "reference") and item.text.lstrip().startswith(("[", "**[")):
        start = first.span.start + 1  # the title is the first link's text, unless it is a name (``OPT-66B``)
        return Span(start, start + len(first.text)) if entry.prose else None
    start, end = _lead(doc, item, first)
    return _title_words(doc.text, start, end)


def _names_a_copy(text: str, link: Link) -> bool:
    """Whether ``link`` is to a copy of a paper: its words say so (``[paper](…)``, ``[[PUB](…)]``),
    or it is a bracketed tag of a citation, ``[[link]](…)``, ``[\\[Link\\]](…)`` or
    ``[[link](…)]``, as paper lists write them (a bare ``[link](…)`` is any page)."""
    if link.kind == "image":
        return False
    words = normalise_title(plain(link.text))
    if words in PAPER_LINK_WORDS:
        return True
    if words != "link":
        return False
    start, end = link.span.start, link.span.end
    inner = link.text.strip()
    return inner.startswith(("[", "\\[")) or (text[start - 1 : start] == "[" and text[end : end + 1] == "]")


def _title_words(text: str, start: int, end: int) -> Span | None:
    """The title among the words ``text[start:end]`` that open a paper's list item."""
    lead = _TITLE_LEAD.match(text, start, end)
    at = lead.end() if lead else start
    quoted = _QUOTED.match(text, at, end)
    bold = None if quoted else _BOLD.match(text, at, end)
    if quoted:
        group = 1 if quoted.group(1) is not None else 2
        start, end = quoted.start(group), quoted.end(group)
    elif bold and written_as_title(bold.group(2)):
        start, end = bold.start(2), bold.end(2)
    else:
        start = at
        sentence = _SENTENCE_END.search(text, start, end)
        if sentence:
            end = sentence.start()
        end = _without_trailing(text, start, end)
    return Span(start, end) if written_as_title(text[start:end]) else None


def _without_trailing(text: str, start: int, end: int) -> int:
    """Where ``text[start:end]`` ends without the marks and parenthesised notes that close it
    (``(**ECCV2020**)``, ``(*Fudan University*)``); a loop, not a pattern anchored at the end,
    which would be tried again at every position of a long run of marks."""
    while end > start:
        if text[end - 1] in " \t\n.,;:*_":
            end -= 1
            continue
        if text[end - 1] != ")":
            break
        opened = text.rfind("(", max(start, end - 200), end - 1)
        if opened == -1 or text.find(")", opened, end - 1) != -1 or "\n" in text[opened:end]:
            break
        end = opened
    return end


def item_at(doc: Document, offset: int) -> ListItem | None:
    """The list item whose first paragraph holds ``offset``, or None."""
    starts, items = per_document(doc, _items_by_start)
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset < items[i].text_span.end:
        return items[i]
    return None


def _items_by_start(doc: Document) -> tuple[list[int], list[ListItem]]:
    items = sorted(doc.list_items, key=lambda i: i.text_at >> 32)
    return [item.text_at >> 32 for item in items], items


def _shown(cell: Cell) -> str:
    """What a naming cell calls its entry: its first link's words when it opens with a link
    (``[Model](u)<br>([8B](u), …)`` is called "Model"), else its text."""
    if cell.links and cell.links[0].kind != "image" and cell.text.lstrip().startswith("["):
        return cell.links[0].text
    return cell.text


def cell_at(row: Row, index: int | None) -> Cell | None:
    if index is None or index >= len(row.cells):
        return None
    return row.cells[index]


# A sub-title on a line of its own, above the tables or lists it heads: a bold line
# (``<b>1.1.1 Feature Augmentation</b>``, ``**Vision**``), maybe quoted and led by an emoji
# (``> 🔥 **MME Series**``), or a ``<summary>`` label. Lists that file one paper under several of
# them (a survey's taxonomy, highlight blocks) do so on purpose, as under two headings.
_LABEL = lazyre.compile(
    r"^(?:>[ \t]*)?(?:<details>\s*)?(?:<summary\b[^<>\n]*>\s*)?[^\w\n*<\[|#>+`-]{0,12}"
    r"(?:\*\*|__|<b>|<strong>)(?P<text>[^*_<>\n]{2,150}?)(?:\*\*|__|</b>|</strong>)[^\n]*$",
    re.MULTILINE,
)
_QUOTE_BLANK = lazyre.compile(r"^[ \t>]*$")
Scope = tuple[int | None, int]  # an entry's topic, and the sub-title it is under (its offset, -1: none)


def _labels(doc: Document) -> tuple[list[int], dict[int, str]]:
    return per_document(doc, _find_labels)


def _find_labels(doc: Document) -> tuple[list[int], dict[int, str]]:
    text = doc.text
    starts: list[int] = []
    names: dict[int, str] = {}
    if "**" in text or "__" in text or "<b>" in text or "<strong>" in text:
        for m in _LABEL.finditer(text):
            start, end = m.start(), m.end()
            before = text.rfind("\n", 0, max(0, start - 1)) + 1
            after = text.find("\n", end + 1)
            above = text[before : max(before, start - 1)]
            below = text[end + 1 : after if after >= 0 else len(text)]
            if not _QUOTE_BLANK.match(above) or not _QUOTE_BLANK.match(below):
                continue  # a line of a paragraph, not a sub-title of its own
            if doc.position(start).line - 1 in doc.code_lines:
                continue
            starts.append(start)
            names[start] = " ".join(plain(m.group("text")).split())
    return starts, names


def _parents(doc: Document) -> dict[int, int]:
    """Each nested list item's parent item (by where their text starts)."""
    return per_document(doc, _find_parents)


def _find_parents(doc: Document) -> dict[int, int]:
    out: dict[int, int] = {}
    stack: list[ListItem] = []
    for item in doc.list_items:
        while stack and (stack[-1].depth >= item.depth or stack[-1].span.end <= item.span.start):
            stack.pop()
        if stack:
            out[item.text_span.start] = stack[-1].text_span.start
        stack.append(item)
    return out


def scope_of(doc: Document, section: int | None, at: int) -> Scope:
    """Where an entry at offset ``at`` is filed: its topic (see ``topic_of``) and the sub-title
    it is under within that topic, if any: the list item a nested item hangs from
    (``* NoSQL`` > ``* ArangoDB`` > ``* [Aragog](…)``; the same crate under ``* OGM`` is filed
    twice on purpose), else the nearest sub-title on a line of its own above it."""
    topic = topic_of(doc, section)
    parent = _parents(doc).get(at)
    if parent is not None:
        return (topic, parent)
    starts, _ = _labels(doc)
    if not starts:
        return (topic, -1)
    i = bisect_right(starts, at) - 1
    floor = doc.sections[topic].heading.span.end if topic is not None else 0
    return (topic, starts[i] if i >= 0 and starts[i] >= floor else -1)


def place_names(doc: Document, scopes: list[Scope]) -> list[str]:
    """How a finding names the places a paper or link is listed in: the heading, with its
    parent's when two places share a heading (``'Python / Tools'``, ``'Go / Tools'``), and the
    sub-title it is under (``'Feature Engineering / 1.1.1 Augmentation'``)."""
    _, labels = _labels(doc)

    def name(scope: Scope, full: bool) -> str:
        topic, label = scope
        if topic is None:
            text = "the top of the list"
        else:
            section = doc.sections[topic]
            text = section.heading.text.strip()
            if full and section.parent is not None:
                text = f"{doc.sections[section.parent].heading.text.strip()} / {text}"
        if label >= 0:
            line = doc.text[label : doc.text.find("\n", label) % (len(doc.text) + 1)]
            text = f"{text} / {labels.get(label) or ' '.join(plain(line).split())[:60]}"
        return repr(text)

    short = [name(scope, False) for scope in scopes]
    return [name(scope, short.count(short[i]) > 1) for i, scope in enumerate(scopes)]


def where_listed(doc: Document, firsts: Mapping[Scope, int]) -> str:
    """The places a paper or link is listed in, each with the line of its first copy there
    (``'Vision' (line 12), 'Audio' (line 40)``), six at the most."""
    names = place_names(doc, list(firsts))
    return ", ".join(
        listed([f"{name} (line {doc.position(at).line})" for name, at in zip(names, firsts.values(), strict=True)])
    )


def listed(places: list[str], most: int = 6) -> list[str]:
    """At most ``most`` places, then how many more: a message stays one readable line."""
    return places if len(places) <= most else [*places[: most - 1], f"and {len(places) - most + 1} more"]


def topic_of(doc: Document, section: int | None) -> int | None:
    """The nearest enclosing section that is not a year: the topic an entry belongs to."""
    while section is not None and doc.sections[section].year is not None:
        section = doc.sections[section].parent
    return section
