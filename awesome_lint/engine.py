"""Run the active rules over a parsed document and return positioned, filtered diagnostics."""

from __future__ import annotations

import gc
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from . import suppression, values
from .config import ActiveRule
from .diagnostics import Diagnostic, Severity
from .model import Document, Span
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
    the findings of the rules in ``fold`` (layout) become one summary finding."""
    enabled = gc.isenabled()
    gc.disable()  # the model is large and acyclic: collector passes over it were 13% of a check
    try:
        out = _check(doc, active, facts)
    finally:
        if enabled:
            gc.enable()
    src = doc.source
    positioned = []
    for d in out:
        start = src.position(d.span.start)
        end = src.position(d.span.end)
        positioned.append(
            replace(d, path=src.path, line=start.line, column=start.column, end_line=end.line, end_column=end.column)
        )
    positioned = suppression.apply(positioned, doc, registry)
    return fold_layout(positioned, fold)


def _check(doc: Document, active: Sequence[ActiveRule], facts: Mapping[str, Any] | None) -> list[Diagnostic]:
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
        try:
            found = list(entry.rule.check(doc, ctx))
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
        else:
            if entry.severity_configured:  # the user's word wins over the rule's own choice
                found = [replace(d, severity=entry.severity) for d in found]
        out.extend(found)
    return out


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
    lines = len(folded) - tables
    parts = [f"{n} {what}{'s' if n != 1 else ''}" for n, what in ((tables, "table"), (lines, "line")) if n]
    verb = "is" if len(folded) == 1 else "are"
    manual = sum(1 for d in folded if d.fix is None)
    if not manual:
        remedy = "run `awesome-lint fix`"
    elif manual == len(folded):
        remedy = "fix by hand"
    else:
        remedy = f"`awesome-lint fix` fixes {len(folded) - manual}, the other {manual} need a hand"
    rules = ", ".join(sorted({d.rule for d in folded}))
    first = min(folded, key=lambda d: (d.line, d.column))
    message = f"{' and '.join(parts)} {verb} not in canonical layout; {remedy} (select {rules} to list them)"
    return replace(first, code=LAYOUT_CODE, rule="layout", severity=Severity.WARNING, message=message, fix=None)
