"""The fix engine: apply fixes, re-check, repeat until nothing changes.

As ruff does: fixes are applied in source order, a fix overlapping one already applied waits
for the next pass, and the loop stops at a fixed point or after ``MAX_PASSES`` with a
"failed to converge" report naming the rules still fixing. With safe fixes only, the result
is checked before it is returned: every cell's text (link destinations aside) must still be there, in order, and
no link may be gone. If not, nothing is changed and the refusal is reported: a bug in a fix
must never cost a user data.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from . import engine, parser
from .config import Settings
from .diagnostics import Applicability, Diagnostic, Fix
from .model import Document
from .rule import Fixable
from .source import Source

MAX_PASSES = 10


@dataclass
class FixResult:
    source: Source  # the input
    text: str  # the fixed (normalised) text
    fixed: Counter[tuple[str, str]] = field(default_factory=Counter)  # (code, rule) -> problems fixed
    remaining: list[Diagnostic] = field(default_factory=list)
    converged: bool = True
    unconverged_rules: list[str] = field(default_factory=list)
    refused: str | None = None  # why the result was thrown away

    @property
    def changed(self) -> bool:
        return self.text != self.source.text


def apply_fixes(text: str, fixes: Sequence[Fix]) -> tuple[str, list[int]]:
    """Apply the fixes that do not overlap an earlier one; return the text and their indices."""
    order = sorted(range(len(fixes)), key=lambda i: (fixes[i].start, fixes[i].end))
    applied: list[int] = []
    last_end = -1
    last_was_insert = False
    for i in order:
        fix = fixes[i]
        if not fix.edits:
            continue
        start, end = fix.start, fix.end
        if start < last_end or (start == last_end and (last_was_insert or start == end)):
            continue
        applied.append(i)
        last_end = end
        last_was_insert = start == end
    pieces: list[str] = []
    cursor = 0
    for i in sorted(applied, key=lambda i: fixes[i].start):
        for edit in fixes[i].edits:
            if edit.start < cursor:  # edits within one fix overlapping: the rule's bug, skip it
                continue
            pieces.append(text[cursor : edit.start])
            pieces.append(edit.content)
            cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), applied


def _wanted(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (unsafe or d.fix.applicability is Applicability.SAFE)


_DESTINATION = re.compile(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|<[a-z][a-z0-9+.-]*:[^>\s]*>", re.IGNORECASE)


def _content(doc: Document) -> tuple[list[str], int]:
    """What a safe fix must never lose: every non-empty cell's text, in order, and links.

    Link destinations inside cells are masked, since safe fixes may rewrite a URL (removing
    tracking parameters, correcting an anchor); what must not happen is a cell or a link
    disappearing, so the number of links may only grow.
    """
    cells = [
        _DESTINATION.sub("]()", cell.text)
        for table in doc.tables
        for row in (table.header, *table.rows)
        for cell in row.cells
        if cell.text
    ]
    return cells, len(doc.links)


def _lost_nothing(before: tuple[list[str], int], after: tuple[list[str], int]) -> bool:
    cells_before, links_before = before
    cells_after, links_after = after
    it = iter(cells_after)
    return links_after >= links_before and all(any(c == h for h in it) for c in cells_before)


def fix_source(
    source: Source, settings: Settings, *, unsafe: bool = False, facts: Mapping[str, Any] | None = None
) -> FixResult:
    """Fix ``source`` to a fixed point, then check the result with every active rule.

    Between passes only the rules that can offer a wanted fix run (with safe fixes only,
    not typo or mojibake, whose fixes are all unsafe); the full set runs once, on the last
    document, which is parsed once per pass and not again.
    """
    active = settings.active(source.path)
    fixers = [a for a in active if a.rule.fixable is not Fixable.NEVER and (unsafe or a.rule.safe_fixes)]
    registry = settings.registry
    text = source.text
    result = FixResult(source=source, text=text)
    first_doc = doc = parser.parse(source)
    diagnostics = engine.run(doc, fixers, registry, facts=facts)
    initial = Counter((d.code, d.rule) for d in diagnostics if _wanted(d, unsafe))
    applications: Counter[tuple[str, str]] = Counter()
    for _ in range(MAX_PASSES):
        fixes = [d for d in diagnostics if _wanted(d, unsafe)]
        if not fixes:
            break
        text, applied = apply_fixes(text, [d.fix for d in fixes if d.fix is not None])
        for i in applied:
            applications[(fixes[i].code, fixes[i].rule)] += 1
        doc = parser.parse(Source.from_text(text, source.path))
        diagnostics = engine.run(doc, fixers, registry, facts=facts)
    else:
        still = sorted({f"{d.code} {d.rule}" for d in diagnostics if _wanted(d, unsafe)})
        if still:
            result.converged = False
            result.unconverged_rules = still
    if not unsafe and text != source.text and not _lost_nothing(_content(first_doc), _content(doc)):
        result.refused = "a fix would have lost table or link content; nothing was changed (please report this)"
        text, doc = source.text, first_doc
    result.text = text
    remaining = engine.run(doc, active, registry, facts=facts)
    result.remaining = engine.fold_layout(remaining, settings.folded)
    if result.refused is None and result.changed:
        # problems, not fix applications: a table fixed over two passes is one problem fixed;
        # a problem that only appeared after another fix (a repaired no-break space) counts too
        left = Counter((d.code, d.rule) for d in remaining)
        result.fixed = Counter({key: n - left[key] for key, n in initial.items() if n > left[key]})
        for key, n in applications.items():
            if key not in initial:
                result.fixed[key] = n
    return result
