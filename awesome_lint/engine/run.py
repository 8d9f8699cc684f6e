"""Run the active rules over a parsed document and return positioned, filtered diagnostics."""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from dataclasses import replace
from operator import attrgetter
from typing import Any

from ..markdown.model import Document, Span
from ..util import values
from . import suppression
from .config import ActiveRule
from .diagnostics import Diagnostic, Severity
from .registry import Registry
from .rule import Context


def run(
    doc: Document,
    active: Sequence[ActiveRule],
    registry: Registry,
    *,
    facts: Mapping[str, Any] | None = None,
    fold: frozenset[str] = frozenset(),
) -> list[Diagnostic]:
    """Every active rule's findings on ``doc``, positioned, suppressed as comments say, sorted;
    the findings of the rules in ``fold`` (layout) become one summary finding.

    Folded findings are counted as the rules yield them and never kept: on a file of many
    small tables they were tens of thousands of diagnostics with their fixes, most of a
    check's memory, for one line of output.
    """
    sup = suppression.Suppressions(doc, registry) if doc.comments else None
    folded = _Folded(doc, fold, sup)
    enabled = gc.isenabled()
    gc.disable()  # the model is large and acyclic: collector passes over it were 13% of a check
    try:
        out = _check(doc, active, facts, folded)
    finally:
        if enabled:
            gc.enable()
    positioned = out  # positioned as the rules made them (_check)
    if sup:
        positioned = [d for d in positioned if not sup.suppressed(d)]
    if folded.count:
        positioned.append(folded.summary())
    # by line, column, code and end: sorted by each key from the last (the sort is stable), a
    # key tuple a finding was the peak of a check with 50,000 findings; by the span for the
    # end (findings alike in line and column start at the same offset), an int it already is
    for key in ("span", "code", "column", "line"):
        positioned.sort(key=attrgetter(key))
    return positioned


def _positioned(d: Diagnostic, doc: Document, severity: Severity | None = None) -> Diagnostic:
    """``d`` with its path, lines and columns (and ``severity``, if given)."""
    src = doc.source
    start = src.position(d.span.start)
    end = src.position(d.span.end)
    end_line = start.line if end.line == start.line else end.line  # one int, not two
    return replace(
        d,
        path=src.path,
        line=start.line,
        column=start.column,
        end_line=end_line,
        end_column=end.column,
        severity=d.severity if severity is None else severity,
    )


def _check(
    doc: Document, active: Sequence[ActiveRule], facts: Mapping[str, Any] | None, folded: _Folded | None = None
) -> list[Diagnostic]:
    src = doc.source
    out: list[Diagnostic] = []
    facts = facts or {}
    runs = [
        (entry, Context(path=src.path, options=entry.options, severity=entry.severity, facts=facts))
        for entry in active
        # nothing to say without them: not run, and a built-in rule's module not imported
        if all(fact in facts for fact in entry.rule.facts_needed)
    ]
    for index, (entry, ctx) in enumerate(runs):  # work outside the process first, to run beside the rules
        try:
            prepared = entry.rule.prepare(doc, ctx)
        except Exception:
            continue
        if prepared is not None:
            runs[index] = (entry, values.replace(ctx, prepared=prepared))
    for entry, ctx in runs:
        # a folded rule's findings are counted as they come, and count only if the rule ends well
        mine = folded.fresh() if folded is not None and entry.rule.code in folded.codes else None
        try:
            if mine is not None:
                for d in entry.rule.check(doc, ctx):
                    mine.add(d)
                found = []
            else:
                # each finding positioned as it comes (the user's severity wins over the rule's
                # own choice): a list of them unpositioned, then one positioned, was two copies
                # of every finding at once, on a file of 50,000 findings most of a check's memory
                severity = entry.severity if entry.severity_configured else None
                found = [_positioned(d, doc, severity) for d in entry.rule.check(doc, ctx)]
        except Exception as exc:  # a buggy (third-party) rule must not hide every other finding
            found = [
                replace(
                    entry.rule.report(
                        Span(0, 0),
                        f"internal error in rule {entry.rule.name}: {type(exc).__name__}: {exc}; please report it",
                    ),
                    severity=Severity.ERROR,
                )
            ]
            if mine is not None:
                mine = mine.fresh()
                mine.add(found.pop())
            else:
                found = [_positioned(found[0], doc)]
        if mine is not None and folded is not None:
            folded.merge(mine)
        out.extend(found)
    return out


class _Folded:
    """The layout findings of a check, as :func:`fold_layout` sums them up: how many tables and
    lines, how many without a fix, which rules, and the first finding (by line and column),
    each suppressed as comments say before it counts."""

    def __init__(self, doc: Document, codes: frozenset[str], suppressions: suppression.Suppressions | None) -> None:
        self.doc = doc
        self.codes = codes
        self.suppressions = suppressions
        self.tables = 0
        self.count = 0
        self.manual = 0
        self.rules: set[str] = set()
        self.first: Diagnostic | None = None
        self.first_at = (0, 0)

    def fresh(self) -> _Folded:
        return _Folded(self.doc, self.codes, self.suppressions)

    def add(self, d: Diagnostic) -> None:
        start = self.doc.source.position(d.span.start)
        if self.suppressions and self.suppressions.suppressed_at(d.code, start.line):
            return
        at = (start.line, start.column)
        self.count += 1
        self.tables += d.rule == "table-format"
        self.manual += d.fix is None
        self.rules.add(d.rule)
        if self.first is None or at < self.first_at:
            self.first, self.first_at = d, at

    def merge(self, other: _Folded) -> None:
        self.count += other.count
        self.tables += other.tables
        self.manual += other.manual
        self.rules |= other.rules
        if other.first is not None and (self.first is None or other.first_at < self.first_at):
            self.first, self.first_at = other.first, other.first_at

    def summary(self) -> Diagnostic:
        assert self.first is not None
        return _summary(_positioned(self.first, self.doc), self.count, self.tables, self.manual, sorted(self.rules))


LAYOUT_CODE = "AL100"


def fold_layout(diagnostics: list[Diagnostic], codes: frozenset[str]) -> list[Diagnostic]:
    """Sort ``diagnostics``, the findings of the layout rules in ``codes`` replaced by one for the file.

    Layout renders the same on GitHub; listing every trailing space buries the defects a
    reader would notice, as ``ruff check`` leaves layout to ``ruff format``. The summary sits
    at the first folded finding, says how much is off and what fixes it.
    """
    folded = [d for d in diagnostics if d.code in codes]
    kept = [d for d in diagnostics if d.code not in codes]
    if folded:
        kept.append(_layout_summary(folded))
    kept.sort(key=lambda d: (d.line, d.column, d.code, d.span.end))
    return kept


def _layout_summary(folded: list[Diagnostic]) -> Diagnostic:
    tables = sum(1 for d in folded if d.rule == "table-format")
    manual = sum(1 for d in folded if d.fix is None)
    first = min(folded, key=lambda d: (d.line, d.column))
    return _summary(first, len(folded), tables, manual, sorted({d.rule for d in folded}))


def _summary(first: Diagnostic, count: int, tables: int, manual: int, rule_names: list[str]) -> Diagnostic:
    lines = count - tables
    parts = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in ((tables, "table"), (lines, "line")) if n]
    verb = "is" if count == 1 else "are"
    if not manual:
        remedy = "run `awesome-lint fix`"
    elif manual == count:
        remedy = "fix by hand"
    else:
        remedy = f"`awesome-lint fix` fixes {count - manual}, the other {manual} need a hand"
    rules = ", ".join(rule_names)
    message = f"{' and '.join(parts)} {verb} not in canonical layout; {remedy} (select {rules} to list them)"
    return replace(first, code=LAYOUT_CODE, rule="layout", severity=Severity.WARNING, message=message, fix=None)
