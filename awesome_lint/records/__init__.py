"""Paper records: what arXiv, Semantic Scholar, Crossref, OpenReview or DBLP say a paper is.

This module is light (no network): rules import it to read the records gathered before they
run (``facts["papers"]``, keyed by identifier: ``arxiv:2303.08774``, ``doi:10.1109/…``,
``openreview:abc``, ``title:<normalised title>`` for DBLP's answers). The network work lives in
:mod:`awesome_lint.records.gather` and is imported only with ``--papers``.

May import: ``awesome_lint.markdown``, ``awesome_lint.knowledge``, ``awesome_lint.util``,
and ``awesome_lint.links`` (its cache).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class PaperRecord:
    """One paper as its records describe it, merged over the sources that answered."""

    key: str  # the identifier asked for: arxiv:…, doi:…, openreview:…, title:…
    found: bool = True  # False: the sources answered and none knows this identifier
    title: str = ""
    venue: str = ""  # where it was published; "" for a preprint (or when no source says)
    venue_names: tuple[str, ...] = ()  # the venue's other names (its abbreviations)
    year: int | None = None  # the year of the venue, else of the first public version
    first_year: int | None = None  # the year it first appeared (arXiv's first version)
    sources: tuple[str, ...] = ()  # which APIs this came from
    problem: str = ""  # why part of the record could not be had (an API down): "could not confirm"
    cached: bool = False

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["venue_names"] = list(self.venue_names)
        data["sources"] = list(self.sources)
        return data

    @classmethod
    def from_json(cls, key: str, data: Mapping[str, Any]) -> PaperRecord:
        fields = dict(data)
        fields.pop("key", None)
        fields["venue_names"] = tuple(fields.get("venue_names", ()))
        fields["sources"] = tuple(fields.get("sources", ()))
        return cls(key=key, **fields)


def paper_records(facts: Mapping[str, Any]) -> Mapping[str, PaperRecord]:
    """The records gathered for this run, or an empty mapping when papers were not checked."""
    found: Mapping[str, PaperRecord] | None = facts.get("papers")
    return found or {}
