"""Gather the paper records for a run: which identifiers, the cache, the sources, the merge.

Called once per run, before any rule runs, over every file being checked, so a paper listed in
three files is asked for once. Each source is asked in batches, one after another, spaced as
its operators ask; an API that is down leaves its papers "could not confirm", and the run ends.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..knowledge.papers import entries
from ..markdown.model import Document
from . import PaperRecord
from .client import Client
from .options import PaperOptions

Progress = Callable[[int, int, str], None]

#: what each summary count is called, by rule code
SUMMARY_WORDS = {
    "AL703": ("published since listed", "published since listed"),
    "AL701": ("title differs", "titles differ"),
    "AL702": ("venue disagrees", "venues disagree"),
    "AL704": ("year contradicted", "years contradicted"),
    "AL705": ("identifier names another paper", "identifiers name other papers"),
    "AL706": ("could not be confirmed", "could not be confirmed"),
}


@dataclass
class PaperReport:
    records: dict[str, PaperRecord] = field(default_factory=dict)
    papers: int = 0  # entries looked at
    requests: int = 0
    requests_by_source: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    def summary(self, codes: Counter[str] | None = None) -> str:
        n = self.papers
        cached = sum(r.cached for r in self.records.values())
        head = f"Checked {n:,} paper{'s' if n != 1 else ''} in {self.seconds:.1f} s"
        notes = [f"{cached:,} records from the cache"] if cached else []
        notes.append(f"{self.requests:,} request{'s' if self.requests != 1 else ''}")
        counts = codes or Counter()
        said = []
        for code, (one, many) in SUMMARY_WORDS.items():
            if counts[code]:
                said.append(f"{counts[code]:,} {one if counts[code] == 1 else many}")
        return f"{head} ({', '.join(notes)})" + (f": {', '.join(said)}." if said else ": no findings.")


def _wanted(docs: Sequence[Document], use_dblp: bool) -> tuple[dict[str, None], int]:
    keys: dict[str, None] = {}
    papers = 0
    for doc in docs:
        for entry in entries(doc):
            if entry.ids:
                papers += 1
                for ident in entry.ids:
                    keys.setdefault(ident, None)
            elif entry.title and use_dblp and entry.row is not None:
                papers += 1
                keys.setdefault("title:" + entry.title, None)
    return keys, papers


def _arxiv_of_doi(doi: str) -> str | None:
    """arXiv's own DOIs (10.48550/arXiv.2303.08774) name an arXiv paper: asked of arXiv."""
    prefix = "10.48550/arxiv."
    return doi[len(prefix) :] if doi.startswith(prefix) else None


def gather(
    docs: Sequence[Document],
    options: PaperOptions,
    *,
    progress: Progress | None = None,
    env: Mapping[str, str] | None = None,
    client: Client | None = None,
) -> PaperReport:
    from . import sources

    env = os.environ if env is None else env
    report = PaperReport()
    started = time.monotonic()
    keys, report.papers = _wanted(docs, options.dblp)
    arxiv = [k[6:] for k in keys if k.startswith("arxiv:")]
    dois = [k[4:] for k in keys if k.startswith("doi:")]
    arxiv += [a for d in dois if (a := _arxiv_of_doi(d)) is not None and a not in arxiv]
    dois = [d for d in dois if _arxiv_of_doi(d) is None]
    forums = [k[11:] for k in keys if k.startswith("openreview:")]
    titles = [k[6:] for k in keys if k.startswith("title:")][: options.dblp_limit]
    keys = {k: None for k in keys if not k.startswith("title:") or k[6:] in titles}
    asks: dict[str, list[str]] = {
        "arxiv": arxiv,
        "semantic-scholar": [f"ARXIV:{a}" for a in arxiv] + [f"DOI:{d}" for d in dois],
        "crossref": dois,
        "openreview": forums,
        "dblp": titles,
    }
    cache = None
    if options.use_cache:
        from .cache import RecordCache, default_path

        path = Path(options.cache) if options.cache else default_path()
        try:
            cache = RecordCache(path, options.cache_max_age)
        except Exception as exc:  # sqlite3.Error, OSError: a broken cache only costs requests
            report.warnings.append(f"paper cache {path} not used ({exc})")
    client = client or Client(options)
    answers: dict[str, dict[str, Any]] = {}
    failed: dict[str, dict[str, str]] = {}
    from_cache: set[str] = set()
    total = sum(len(v) for v in asks.values())
    done = 0
    for source, idents in asks.items():
        got: dict[str, Any] = {}
        if cache is not None and idents:
            try:
                got = cache.get(source, idents)
            except Exception as exc:
                report.warnings.append(f"paper cache {cache.path} not used ({exc})")
                cache = None
        from_cache |= {f"{source}|{i}" for i in got}
        todo = [i for i in idents if i not in got]
        before = client.requests
        fresh = sources.Answer()
        if todo:
            if source == "arxiv":
                fresh = sources.fetch_arxiv(client, options, todo)
            elif source == "semantic-scholar":
                fresh = sources.fetch_s2(client, options, todo, env)
            elif source == "crossref":
                fresh = sources.fetch_crossref(client, options, todo)
            elif source == "openreview":
                fresh = sources.fetch_openreview(client, options, todo)
            else:
                fresh = sources.fetch_dblp(client, options, todo)
        report.requests_by_source[source] = client.requests - before
        if cache is not None and fresh.records:
            try:
                cache.put(source, fresh.records)
            except Exception as exc:
                report.warnings.append(f"paper cache {cache.path} not updated ({exc})")
        got.update(fresh.records)
        answers[source] = got
        failed[source] = fresh.failed
        done += len(idents)
        if progress is not None and idents:
            progress(done, total, source)
    if cache is not None:
        cache.close()
    report.requests = client.requests
    for key in keys:
        report.records[key] = merge(key, answers, failed, from_cache)
    report.seconds = time.monotonic() - started
    return report


def merge(
    key: str, answers: Mapping[str, Mapping[str, Any]], failed: Mapping[str, Mapping[str, str]], cached: set[str]
) -> PaperRecord:
    """One record for ``key`` from what each source said: the title from the identifier's own
    registry (arXiv, Crossref, OpenReview), the venue from whoever names one."""
    kind, _, ident = key.partition(":")
    asked: list[tuple[str, str]] = []
    if kind == "arxiv":
        asked = [("arxiv", ident), ("semantic-scholar", f"ARXIV:{ident}")]
    elif kind == "doi":
        arxiv = _arxiv_of_doi(ident)
        if arxiv is not None:
            asked = [("arxiv", arxiv), ("semantic-scholar", f"ARXIV:{arxiv}")]
        else:
            asked = [("crossref", ident), ("semantic-scholar", f"DOI:{ident}")]
    elif kind == "openreview":
        asked = [("openreview", ident)]
    elif kind == "title":
        asked = [("dblp", ident)]
    got = [(source, answers.get(source, {}).get(i)) for source, i in asked]
    problems = [failed.get(source, {}).get(i, "") for source, i in asked]
    problem = "; ".join(p for p in problems if p)
    said = [(source, rec) for source, rec in got if rec]
    is_cached = all(f"{source}|{i}" in cached for source, i in asked)
    if not said:
        return PaperRecord(key=key, found=bool(problem), problem=problem, cached=is_cached)
    title = next((rec["title"] for _, rec in said if rec.get("title")), "")
    venue_from = next((rec for _, rec in said if rec.get("venue")), None)
    first_year = next((rec["first_year"] for _, rec in said if rec.get("first_year")), None)
    if venue_from is not None:
        venue, names, year = venue_from["venue"], tuple(venue_from.get("venue_names", ())), venue_from.get("year")
    else:
        venue, names = "", ()
        year = first_year or next((rec["year"] for _, rec in said if rec.get("year")), None)
    return PaperRecord(
        key=key,
        title=title,
        venue=venue,
        venue_names=names,
        year=year,
        first_year=first_year,
        sources=tuple(source for source, _ in said),
        problem=problem,
        cached=is_cached,
    )
