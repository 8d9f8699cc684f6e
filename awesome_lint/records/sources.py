"""The record APIs: how each is asked (in batches) and what its answer means.

Each ``fetch_*`` takes identifiers and returns, per identifier, a small record (a dict with
``title``, ``venue``, ``venue_names``, ``year``, ``first_year``) or None when the API answered
and does not know it; identifiers whose batch failed are left out and named in ``failed``
with the reason. Response shapes follow each API's documentation; ``tests/data/records``
holds answers in those shapes.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from .client import Client, Unavailable
from .options import SEMANTIC_SCHOLAR_API, PaperOptions

Found = dict[str, Any]

ARXIV_BATCH = 100  # ids per arXiv API request
S2_BATCH = 500  # the Graph API's limit for /paper/batch
CROSSREF_BATCH = 100  # DOIs per filter=doi:…,doi:… request
OPENREVIEW_BATCH = 100

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV_NS = "{http://arxiv.org/schemas/atom}"
_PREPRINT_VENUES = re.compile(r"^(?:arxiv(?:\.org)?|corr|arxiv \(cornell university\)|biorxiv|medrxiv|ssrn)$", re.I)


@dataclass
class Answer:
    records: dict[str, Found | None] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


def _batches(items: Sequence[str], size: int) -> list[Sequence[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _year(value: Any) -> int | None:
    try:
        year = int(str(value)[:4])
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2100 else None


def _venue(name: str) -> str:
    name = " ".join(name.split())
    return "" if _PREPRINT_VENUES.match(name) else name


# -- arXiv ---------------------------------------------------------------------------------------


def parse_arxiv(body: bytes) -> dict[str, Found]:
    """An arXiv Atom feed: each entry's id (without version), title, first version's year,
    ``arxiv:journal_ref`` and ``arxiv:doi``. An error entry (``/api/errors``) raises."""
    root = ET.fromstring(body)
    found: dict[str, Found] = {}
    for entry in root.iter(f"{_ATOM}entry"):
        ident = (entry.findtext(f"{_ATOM}id") or "").strip()
        if "/api/errors" in ident:
            raise Unavailable("the arXiv API reported an error: " + (entry.findtext(f"{_ATOM}summary") or "").strip())
        m = re.search(r"/abs/(.+?)(?:v\d+)?$", ident)
        if not m:
            continue
        title = " ".join((entry.findtext(f"{_ATOM}title") or "").split())
        found[m.group(1).lower()] = {
            "title": title,
            "first_year": _year(entry.findtext(f"{_ATOM}published")),
            "journal_ref": " ".join((entry.findtext(f"{_ARXIV_NS}journal_ref") or "").split()),
            "doi": (entry.findtext(f"{_ARXIV_NS}doi") or "").strip(),
        }
    return found


def fetch_arxiv(client: Client, options: PaperOptions, ids: Sequence[str]) -> Answer:
    answer = Answer()
    for batch in _batches(ids, ARXIV_BATCH):
        query = urlencode({"id_list": ",".join(batch), "max_results": len(batch)}, safe=",/")
        try:
            status, body = client.request(
                f"{options.arxiv_api}/api/query?{query}",
                interval=options.arxiv_interval,
                headers={"Accept": "application/atom+xml"},
            )
            if status != 200:
                raise Unavailable(f"HTTP {status}")
            found = parse_arxiv(body)
        except (Unavailable, ET.ParseError) as exc:
            for ident in batch:
                answer.failed[ident] = f"the arXiv API did not answer ({exc})"
            continue
        if not found and len(batch) > 1:  # an answer that lists nothing says nothing
            for ident in batch:
                answer.failed[ident] = "the arXiv API listed none of the papers asked for"
            continue
        for ident in batch:
            answer.records[ident] = found.get(ident.lower())
    return answer


# -- Semantic Scholar ----------------------------------------------------------------------------

S2_FIELDS = "title,venue,year,publicationVenue,externalIds,publicationDate"


def s2_headers(options: PaperOptions, env: Mapping[str, str]) -> dict[str, str]:
    """The API key goes to Semantic Scholar's own API only, never to a base a config chose."""
    headers = {"Content-Type": "application/json"}
    key = env.get("SEMANTIC_SCHOLAR_API_KEY") or env.get("S2_API_KEY")
    if key and options.semantic_scholar_api == SEMANTIC_SCHOLAR_API:
        headers["x-api-key"] = key
    return headers


def parse_s2(item: Mapping[str, Any]) -> Found:
    """One paper of a ``/paper/batch`` answer: ``venue`` (a string, "" when none),
    ``publicationVenue`` ({name, alternate_names, type} or null), ``year``, ``title``."""
    pv = item.get("publicationVenue") or {}
    names = [str(n) for n in (pv.get("alternate_names") or []) if isinstance(n, str)]
    venue = _venue(str(pv.get("name") or item.get("venue") or ""))
    if venue and str(item.get("venue") or "") not in ("", venue):
        names.append(str(item["venue"]))
    return {
        "title": " ".join(str(item.get("title") or "").split()),
        "venue": venue,
        "venue_names": names if venue else [],
        "year": _year(item.get("year")),
    }


def fetch_s2(client: Client, options: PaperOptions, ids: Sequence[str], env: Mapping[str, str]) -> Answer:
    """``ids`` as the Graph API writes them: ``ARXIV:2303.08774``, ``DOI:10.1109/…``."""
    answer = Answer()
    headers = s2_headers(options, env)
    for batch in _batches(ids, S2_BATCH):
        url = f"{options.semantic_scholar_api}/graph/v1/paper/batch?fields={S2_FIELDS}"
        try:
            status, body = client.request(
                url,
                method="POST",
                headers=headers,
                body=json.dumps({"ids": list(batch)}).encode(),
                interval=options.semantic_scholar_interval,
            )
            if status != 200:
                raise Unavailable(f"HTTP {status}")
            items = json.loads(body)
            if not isinstance(items, list) or len(items) != len(batch):
                raise Unavailable("an answer not in the documented shape")
        except (Unavailable, ValueError) as exc:
            for ident in batch:
                answer.failed[ident] = f"Semantic Scholar did not answer ({exc})"
            continue
        for ident, item in zip(batch, items, strict=True):  # in the order asked, null for an unknown id
            answer.records[ident] = parse_s2(item) if isinstance(item, dict) else None
    return answer


# -- Crossref ------------------------------------------------------------------------------------


def parse_crossref(item: Mapping[str, Any]) -> Found:
    """One work: ``title`` and ``container-title`` are lists; the year is in ``published``
    (or ``issued``) ``date-parts``; a proceedings paper names its conference in ``event``."""
    titles = item.get("title") or [""]
    containers = [str(c) for c in (item.get("container-title") or []) if c]
    short = [str(c) for c in (item.get("short-container-title") or []) if c]
    event = item.get("event") or {}
    names = containers + short + ([str(event["name"])] if event.get("name") else [])
    for key in ("published", "issued", "published-print", "published-online"):
        parts = (item.get(key) or {}).get("date-parts") or [[None]]
        year = _year(parts[0][0] if parts and parts[0] else None)
        if year:
            break
    venue = _venue(containers[0]) if containers else ""
    if item.get("type") == "posted-content":  # a preprint server's record
        venue = ""
    return {"title": " ".join(str(titles[0]).split()), "venue": venue, "venue_names": names, "year": year}


def fetch_crossref(client: Client, options: PaperOptions, dois: Sequence[str]) -> Answer:
    """DOIs in batches through ``/works?filter=doi:…,doi:…`` (the filter's values are OR-ed)."""
    answer = Answer()
    for batch in _batches(dois, CROSSREF_BATCH):
        params = {"filter": ",".join(f"doi:{d}" for d in batch), "rows": str(len(batch))}
        if options.mailto:
            params["mailto"] = options.mailto
        try:
            status, body = client.request(
                f"{options.crossref_api}/works?{urlencode(params, safe=',:/')}", interval=options.interval
            )
            if status != 200:
                raise Unavailable(f"HTTP {status}")
            items = json.loads(body)["message"]["items"]
        except (Unavailable, ValueError, KeyError, TypeError) as exc:
            for doi in batch:
                answer.failed[doi] = f"Crossref did not answer ({exc})"
            continue
        by_doi = {str(i.get("DOI", "")).lower(): i for i in items if isinstance(i, dict)}
        for doi in batch:
            item = by_doi.get(doi.lower())
            answer.records[doi] = parse_crossref(item) if item else None
    return answer


# -- OpenReview ----------------------------------------------------------------------------------


def parse_openreview(note: Mapping[str, Any]) -> Found:
    """A note of API 2: each content field is ``{"value": …}``; ``venue`` reads "ICLR 2024
    poster" once accepted, "Submitted to ICLR 2024" (or nothing) before."""
    content = note.get("content") or {}

    def value(name: str) -> str:
        field_ = content.get(name)
        raw = field_.get("value") if isinstance(field_, dict) else field_
        return " ".join(str(raw or "").split())

    venue = value("venue")
    year = None
    m = re.search(r"(?:19|20)\d{2}", venue or value("venueid"))
    if m:
        year = int(m.group(0))
    if re.match(r"(?i)submitted to|under review|withdrawn|rejected", venue) or not venue:
        venue = ""
    return {"title": value("title"), "venue": venue, "venue_names": [venue] if venue else [], "year": year}


def fetch_openreview(client: Client, options: PaperOptions, ids: Sequence[str]) -> Answer:
    answer = Answer()
    for batch in _batches(ids, OPENREVIEW_BATCH):
        url = f"{options.openreview_api}/notes?{urlencode({'ids': ','.join(batch)}, safe=',')}"
        try:
            status, body = client.request(url, interval=options.interval)
            if status != 200:
                raise Unavailable(f"HTTP {status}")
            notes = json.loads(body)["notes"]
        except (Unavailable, ValueError, KeyError, TypeError) as exc:
            for ident in batch:
                answer.failed[ident] = f"OpenReview did not answer ({exc})"
            continue
        by_id = {str(n.get("id")): n for n in notes if isinstance(n, dict)}
        for ident in batch:
            note = by_id.get(ident)
            answer.records[ident] = parse_openreview(note) if note else None
    return answer


# -- DBLP (titles without identifiers) -----------------------------------------------------------


def parse_dblp(body: bytes, title: str) -> Found | None:
    """The hit whose title is the one searched for (normalised), or None: a search finds
    neighbours too, and a neighbour's venue is not this paper's."""
    from .match import normalise

    hits = json.loads(body)["result"]["hits"].get("hit") or []
    wanted = normalise(title)
    for hit in hits:
        info = hit.get("info") or {}
        if normalise(str(info.get("title") or "")) == wanted:
            venue = str(info.get("venue") or "")
            if isinstance(info.get("venue"), list):
                venue = str(info["venue"][0])
            return {
                "title": " ".join(str(info.get("title") or "").rstrip(".").split()),
                "venue": _venue(venue),
                "venue_names": [venue] if _venue(venue) else [],
                "year": _year(info.get("year")),
            }
    return None


def fetch_dblp(client: Client, options: PaperOptions, titles: Sequence[str]) -> Answer:
    """One search per title (DBLP has no batch lookup), so only for entries with no identifier."""
    answer = Answer()
    for title in titles:
        url = f"{options.dblp_api}/search/publ/api?{urlencode({'q': title, 'format': 'json', 'h': '5'})}"
        try:
            status, body = client.request(url, interval=options.interval)
            if status != 200:
                raise Unavailable(f"HTTP {status}")
            answer.records[title] = parse_dblp(body, title)
        except (Unavailable, ValueError, KeyError, TypeError) as exc:
            answer.failed[title] = f"DBLP did not answer ({exc})"
    return answer
