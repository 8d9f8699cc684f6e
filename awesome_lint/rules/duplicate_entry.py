from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Severity
from ..model import Document
from ..papers import Entry, entries, topic_of
from ..rule import Context, Rule

_KIND = {"arxiv": "arXiv id", "doi": "DOI", "openreview": "OpenReview id"}


class DuplicateEntry(Rule):
    """The same paper listed twice: the same normalised title, arXiv id, DOI or OpenReview id."""

    code = "AL201"
    name = "duplicate-entry"
    summary = "The same paper is listed twice"
    severity = Severity.ERROR
    options = {"allow-across-sections": False}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        across = ctx.option("allow-across-sections")
        seen: dict[tuple[int | None, str], Entry] = {}
        for entry in entries(doc):
            scope = topic_of(doc, entry.section) if across else None
            keys = [f"title:{entry.title}"] if entry.title else []
            keys += list(entry.ids)
            first = None
            why = ""
            for key in keys:
                earlier = seen.get((scope, key))
                if earlier is not None and earlier.span != entry.span:
                    first, why = earlier, key
                    break
            for key in keys:
                seen.setdefault((scope, key), entry)
            if first is None:
                continue
            kind, _, value = why.partition(":")
            line = doc.position(first.span.start).line
            if kind != "title" and first.title and entry.title and first.title != entry.title:
                # two different titles behind one id: a copy-pasted link, not a second listing
                yield self.report(
                    entry.span,
                    f"Links to the same {_KIND[kind]} {value} as line {line}, but the titles differ; "
                    "one of the links is probably wrong",
                )
                continue
            what = "the same title" if kind == "title" else f"the same {_KIND[kind]} {value}"
            yield self.report(entry.span, f"Same paper as line {line} ({what}); remove one of them")
