"""Each paper of a document against its record: what the rules of the AL7xx family report.

One pass per document, shared by the rules (cached on the document's identity). Nothing is
claimed unless the title shows that the record is the row's paper: a record whose title is
neither clearly the same nor clearly another paper makes the row "could not confirm".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..knowledge.papers import Entry, cell_at, entries, plain, title_column, venue_column, year_column, years_named
from ..markdown.model import Cell, Document, Link, Span
from . import PaperRecord, paper_records, venues
from .match import Verdict, compare, normalise

_JOURNALS = {"TPAMI", "TIP", "IJCV", "TMLR", "JMLR", "TKDE", "TNNLS", "TOG", "TACL"}


@dataclass
class Finding:
    code: str
    span: Span
    message: str
    replacement: tuple[Span, str] | None = None  # an unsafe fix: this text in place of the span's


#: the last document assessed, its records and its findings: six rules ask in turn
_LAST: list[Any] = []


def _title_place(doc: Document, entry: Entry) -> tuple[str, Span] | None:
    """The row's title as written (plain text) and where it can be replaced, if anywhere."""
    cell: Cell | None = None
    if entry.row is not None and entry.table is not None:
        cell = cell_at(entry.row, title_column(entry.table))
        if cell is None:
            return None
        text, span = plain(cell.text), cell.span
        links = [link for link in cell.links if link.kind == "inline"]
        if cell.text == text:
            return text, span
        if len(links) == 1 and cell.text == doc.text[links[0].span.start : links[0].span.end]:
            return _link_text(doc, links[0])
        return text, Span(span.start, span.start)  # reported, not fixed
    if entry.item is not None:
        item = entry.item
        first = item.links[0] if item.links else None
        if first is not None and item.text.lstrip().startswith(("[", "**[")):
            return _link_text(doc, first)
        # prose first (``- FedGCN: … . [[PDF](…)]``): the text before the first link, reported only
        end = first.span.start if first is not None else item.text_span.end
        text = plain(doc.text[item.text_span.start : end]).rstrip(" .[(-")
        return text, Span(item.text_span.start, item.text_span.start)
    return None


def _link_text(doc: Document, link: Link) -> tuple[str, Span]:
    start = link.span.start + 1
    span = Span(start, start + len(link.text))
    if doc.text[span.start : span.end] == link.text and link.text == plain(link.text):
        return link.text, span
    return plain(link.text), Span(link.span.start, link.span.start)


def _id_span(entry: Entry, key: str, fallback: Span) -> Span:
    from ..knowledge.papers import identifiers

    links = (
        entry.item.links
        if entry.item is not None
        else [lk for c in (entry.row.cells if entry.row else ()) for lk in c.links]
    )
    for link in links:
        if key in identifiers(link.url):
            return link.url_span
    return fallback


def _row_year(doc: Document, entry: Entry) -> tuple[int, Span] | None:
    if entry.row is not None and entry.table is not None:
        cell = cell_at(entry.row, year_column(entry.table))
        if cell is not None:
            years = list(years_named(cell.text))
            if len(years) == 1:
                return years[0], cell.span
        if entry.table.year is not None:
            return entry.table.year, entry.row.span
        return None
    if entry.section is not None and doc.sections[entry.section].year is not None:
        return doc.sections[entry.section].year, entry.span  # type: ignore[return-value]
    return None


def _describe(record: PaperRecord) -> str:
    if record.venue:
        return f"{record.venue} {record.year}" if record.year and str(record.year) not in record.venue else record.venue
    return f"a preprint of {record.first_year}" if record.first_year else "a preprint"


def assess(doc: Document, facts: Mapping[str, Any]) -> list[Finding]:
    records = paper_records(facts)
    if not records:
        return []
    if _LAST and _LAST[0] is doc and _LAST[1] is records:
        done: list[Finding] = _LAST[2]
        return done
    out: list[Finding] = []
    styles: dict[int, str | None] = {}
    for entry in entries(doc):
        keys = list(entry.ids) if entry.ids else (["title:" + entry.title] if entry.title else [])
        found = [records[k] for k in keys if k in records]
        if not found:
            continue
        place = _title_place(doc, entry)
        confirmed: list[PaperRecord] = []
        for record in found:
            span = _id_span(entry, record.key, entry.span)
            if record.problem and not record.title:
                out.append(Finding("AL706", span, f"could not confirm {record.key}: {record.problem}"))
                continue
            if not record.found or not record.title:
                continue
            if place is None or not entry.title:
                continue
            row_title, title_span = place
            if len(normalise(row_title).split()) < 3:
                continue  # a name or a link label ("PUB"), not a title: nothing to compare
            verdict = compare(row_title, record.title)
            if verdict is Verdict.OTHER and not record.key.startswith("title:"):
                out.append(
                    Finding(
                        "AL705",
                        span,
                        f"{record.key} is \u201c{record.title}\u201d, not \u201c{row_title}\u201d: "
                        "the identifier names another paper; link the row's own paper",
                    )
                )
            elif verdict is Verdict.UNSURE:
                out.append(
                    Finding(
                        "AL706",
                        span,
                        f"could not confirm that {record.key} (\u201c{record.title}\u201d) is the paper "
                        f"\u201c{row_title}\u201d; check the link",
                    )
                )
            else:
                confirmed.append(record)
                if verdict is Verdict.DIFFERS and not any(f.code == "AL701" and f.span == title_span for f in out):
                    fix = (title_span, record.title) if title_span.end > title_span.start else None
                    out.append(
                        Finding(
                            "AL701",
                            title_span if title_span.end > title_span.start else entry.span,
                            f"title \u201c{row_title}\u201d differs from the record of {record.key}: "
                            f"\u201c{record.title}\u201d; take the record's title if the row's is an older version's",
                            fix,
                        )
                    )
        if not confirmed:
            continue
        with_venue = next((r for r in confirmed if r.venue), None)
        out.extend(_venue_findings(doc, entry, with_venue, styles))
        out.extend(_year_findings(doc, entry, confirmed, with_venue))
    _LAST[:] = [doc, records, out]
    return out


def _venue_findings(
    doc: Document, entry: Entry, record: PaperRecord | None, styles: dict[int, str | None]
) -> list[Finding]:
    if record is None or entry.row is None or entry.table is None:
        return []
    at = venue_column(entry.table)
    cell = cell_at(entry.row, at)
    if cell is None or at is None or not cell.text.strip():
        return []
    text = plain(cell.text)
    named = venues.record_abbreviations([record.venue, *record.venue_names])
    if venues.is_preprint(text):
        if venues.is_preprint(record.venue):
            return []
        abbr = sorted(named)[0] if len(named) == 1 else None
        fix = None
        key = id(entry.table)
        if key not in styles:
            styles[key] = venues.column_style(
                plain(c.text)
                for r in entry.table.rows
                if (c := cell_at(r, at)) is not None and not venues.is_preprint(c.text)
            )
        style = styles[key]
        if abbr and record.year and style and cell.text == text and not re.search(r"[\[\]<>*_`]", cell.text):
            fix = (cell.span, venues.write(style, abbr, record.year))
        where = f"{abbr} {record.year}" if abbr and record.year else _describe(record)
        return [
            Finding(
                "AL703",
                cell.span,
                f"listed as a preprint ({text}), but {record.key} has since been published: {where}"
                + (f"; write {fix[1]}" if fix else ""),
                fix,
            )
        ]
    written = venues.abbreviations(text)
    if not written or not named or venues.is_workshop(text) or venues.is_workshop(record.venue):
        return []
    if (written | named) & _JOURNALS:
        return []  # a journal extension often shares the conference paper's arXiv id
    if not written & named:
        return [
            Finding(
                "AL702",
                cell.span,
                f"venue {text} disagrees with the record of {record.key}: {_describe(record)}",
            )
        ]
    year = venues.cell_year(text)
    if year is not None and record.year is not None and year != record.year and not (written & _JOURNALS):
        return [
            Finding(
                "AL702",
                cell.span,
                f"venue {text} names {year}, but the record of {record.key} says {_describe(record)}",
            )
        ]
    return []


def _year_findings(
    doc: Document, entry: Entry, records: list[PaperRecord], published: PaperRecord | None
) -> list[Finding]:
    """Before the first version is always wrong. After the publication only when the row
    names that publication (or none): a later journal version shares the arXiv id, and a
    preprint's publication may be one the sources do not know yet."""
    found = _row_year(doc, entry)
    if found is None:
        return []
    year, span = found
    known = {y for r in records for y in (r.year, r.first_year) if y is not None}
    if not known or min(known) <= year <= max(known):
        return []
    if year > max(known):
        if published is None:
            return []
        cell = cell_at(entry.row, venue_column(entry.table)) if entry.row is not None and entry.table else None
        if cell is not None and cell.text.strip():
            named = venues.record_abbreviations([published.venue, *published.venue_names])
            if not venues.abbreviations(cell.text) & named:
                return []
    said = " and ".join(str(y) for y in sorted(known))
    record = records[0]
    return [
        Finding(
            "AL704",
            span,
            f"filed under {year}, but the record of {record.key} says {said} ({_describe(record)}); "
            "move the row to its year",
        )
    ]
