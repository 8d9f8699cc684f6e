from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from itertools import chain, pairwise

from ..engine.diagnostics import Diagnostic
from ..engine.rule import Context, Rule
from ..markdown.model import Document, Section

ORDERS = ("auto", "newest-first", "oldest-first")


def year_runs(doc: Document) -> list[list[Section]]:
    """Consecutive sibling year sections: the years of one topic (the top-level sections, then
    each section's children, read from the model rather than grouped again: a list a parent was
    4 MB for 1 MB of headings)."""
    sections = doc.sections
    runs: list[list[Section]] = []
    if max(sections.years, default=-1) < 0:
        return runs  # no heading names a year
    tops = [section.index for section in sections if section.parent is None]
    for siblings in chain((tops,), (section.children for section in sections if section.has_children)):
        run: list[Section] = []
        for index in siblings:
            section = sections[index]
            if section.year is not None:
                run.append(section)
            else:
                if len(run) > 1:
                    runs.append(run)
                run = []
        if len(run) > 1:
            runs.append(run)
    return runs


class YearOrder(Rule):
    """Year sections under one topic not in one consistent order. The order is the list's own
    (most topics decide, or set ``order``); the first year out of place is reported."""

    code = "AL304"
    name = "year-order"
    summary = "Year sections are not in one consistent order"
    options = {"order": "auto"}
    choices = {"order": ORDERS}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        runs = year_runs(doc)
        order = ctx.option("order")
        if order == "auto":
            votes: Counter[str] = Counter()
            for run in runs:
                for a, b in pairwise(run):
                    if a.year != b.year and a.year is not None and b.year is not None:
                        votes["newest-first" if a.year > b.year else "oldest-first"] += 1
            if not votes:
                return
            order = votes.most_common(1)[0][0]
        for run in runs:
            for a, b in pairwise(run):
                assert a.year is not None and b.year is not None
                wrong = b.year > a.year if order == "newest-first" else b.year < a.year
                if wrong or a.year == b.year:
                    where = doc.sections[a.parent].heading.text.strip() if a.parent is not None else "the top level"
                    problem = "repeats" if a.year == b.year else "comes after"
                    yield self.report(
                        b.heading.span,
                        f"{b.year} {problem} {a.year} under {where!r}; years here go {order.replace('-', ' ')}",
                    )
                    break
