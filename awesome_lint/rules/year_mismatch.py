from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic
from ..engine.rule import Context, Rule
from ..knowledge.papers import plain, venue_column, venue_years, year_column, years_named
from ..markdown.model import Document
from ..util import lazyre


class YearMismatch(Rule):
    """A paper filed under the wrong year: its venue (``CVPR'23``, ``ECCV 2024``, ``arXiv'24``)
    names one year and the section it is in is another. A warning: a preprint's year and its
    venue's often differ by one, and the list's own convention decides which one files it."""

    code = "AL203"
    name = "year-mismatch"
    summary = "An entry's venue names a different year than its section"

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for table in doc.tables:
            if table.year is None:
                continue
            columns = [c for c in (venue_column(table), year_column(table)) if c is not None]
            for row in range(2, table.line_count):
                texts = table.cell_texts(row)
                for index in columns:
                    if index >= len(texts):
                        continue
                    named = years_named(texts[index])
                    if len(named) == 1:
                        ((year, _),) = named.items()
                        if year != table.year:
                            venue = _short(plain(texts[index]))
                            yield self.report(
                                table.cell(row, index).span,
                                f"{venue!r} names {year}, but this row is under {table.year}; "
                                f"move it to {year} or correct the venue",
                            )
        for item in doc.list_items:
            section_year = doc.year_of(item.section)
            if section_year is None:
                continue
            named = venue_years(item.text)
            # the whole entry, its nested lines too (``- Authors. *TDSC*, 2020.`` under the title)
            whole = doc.text[item.span.start : item.span.end]
            if len(named) == 1 and not _names_year(whole, section_year):
                ((found, words),) = named.items()
                if found != section_year:
                    yield self.report(
                        item.text_span,
                        f"{words!r} names {found}, but this entry is under {section_year}; "
                        f"move it to {found} or correct the venue",
                    )


def _names_year(text: str, year: int) -> bool:
    """Whether ``year`` appears anywhere in the entry's text (``*IEEE TDSC*, 2020.``), link
    destinations aside: then a year elsewhere (``[arXiv version (2019)]``) may be another
    version's, and the entry does not contradict its section."""
    return re.search(rf"(?<!\d){year}(?!\d)", _DESTINATION.sub("", text)) is not None


_DESTINATION = lazyre.compile(r"\]\([^)]*\)|<[a-z][a-z0-9+.-]*:[^>]*>|https?://\S+", re.IGNORECASE)


def _short(text: str) -> str:
    return text if len(text) <= 50 else text[:49] + "…"
