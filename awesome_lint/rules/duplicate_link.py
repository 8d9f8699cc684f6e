from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..model import Document, Link
from ..papers import header_key, identifiers, title_column
from ..rule import Context, Rule

_IMAGE_TEXT = re.compile(r"!\[")
RESOURCE_WORDS = re.compile(
    r"\b(code|codes|github|repo|repository|project|projects|page|demo|website|homepage|home|blog|"
    r"data|dataset|datasets|slides|video|videos|model|models|weights|star|stars|implementation)\b"
)


def link_key(url: str) -> str:
    """A URL with scheme, ``www.``, host case and trailing slash set aside."""
    key = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", url.strip())
    key = re.sub(r"^www\.", "", key, flags=re.IGNORECASE)
    host, slash, rest = key.partition("/")
    key = host.lower() + slash + rest
    return key.rstrip("/")


@dataclass(frozen=True)
class Place:
    """Where a link sits: which entry, and whether it is the entry's main link or a resource."""

    link: Link
    entry: int
    main: bool
    resource: bool
    row: bool = True  # a table row (False: a list item)


def _countable(link: Link) -> bool:
    if link.kind in ("image", "reference") or not link.url.strip() or link.url.startswith("#"):
        return False
    if identifiers(link.url):
        return False  # a paper's arXiv/DOI/OpenReview link: duplicate-entry's finding
    return not _IMAGE_TEXT.search(link.text)  # a badge


def places(doc: Document) -> list[Place]:
    out: list[Place] = []
    entry = 0
    for table in doc.tables:
        title_at = title_column(table)
        resource = [bool(RESOURCE_WORDS.search(header_key(c.text))) for c in table.header.cells]
        for row in table.rows:
            entry += 1
            links = [(i, link) for i, cell in enumerate(row.cells) for link in cell.links if _countable(link)]
            main_link = next((link for i, link in links if i == title_at), None) or next(
                (link for i, link in links if i < len(resource) and not resource[i]), None
            )
            # cells beyond the header are usually a second entry pasted into the row
            pasted = next((link for i, link in links if i >= len(resource)), None)
            for i, link in links:
                main = link is main_link or link is pasted
                out.append(Place(link, entry, main, i < len(resource) and resource[i]))
    for item in doc.list_items:
        entry += 1
        countable = [link for link in item.links if _countable(link)]
        for n, link in enumerate(countable):
            out.append(Place(link, entry, n == 0 and item.links[0] is link, False, row=False))
    out.sort(key=lambda p: p.link.url_span.start)
    return out


class DuplicateLink(Rule):
    """The same URL twice where it means a mistake: twice in one table row (usually two rows
    pasted into one; a list item repeating its own link as ``Demo`` is a style, not a mistake),
    or as the main link of two entries (not in a resource column such as Code, Project
    or Demo: one repository or demo behind several papers is normal, and so is mentioning
    another entry's project in a description).
    Scheme, ``www.``, host case and a trailing slash are ignored. Badges, images, in-page
    anchors and links outside entries are not counted, nor are links that identify a paper
    (arXiv, DOI, OpenReview): a paper listed twice is duplicate-entry's finding."""

    code = "AL202"
    presets = ("awesome",)  # the Node awesome-lint checks this too
    name = "duplicate-link"
    summary = "The same URL appears twice in an entry, or as two entries' link"
    aliases = ("double-link",)
    options = {"ignore": []}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        ignored = [str(p) for p in ctx.option("ignore")]
        seen: dict[str, list[Place]] = {}
        for place in places(doc):
            link = place.link
            if any(p in link.url for p in ignored):
                continue
            key = link_key(link.url)
            earlier = seen.setdefault(key, [])
            first = next((e for e in earlier if self._clash(e, place)), None)
            earlier.append(place)
            if first is None:
                continue
            line = doc.position(first.link.url_span.start).line
            where = "in this entry" if first.entry == place.entry else f"on line {line}"
            yield self.report(link.url_span, f"{link.url[:80]} is already linked {where}")

    @staticmethod
    def _clash(first: Place, later: Place) -> bool:
        if first.entry == later.entry:
            # in a row it is a pasted row; a list item repeating its own link as "Demo" is a style
            return first.row
        return first.main and later.main and not (first.resource or later.resource)
