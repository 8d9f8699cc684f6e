"""The fix engine: apply fixes, re-check, repeat until nothing changes.

As ruff does: fixes are applied in source order, a fix overlapping one already applied waits
for the next pass, and the loop stops at a fixed point or after ``MAX_PASSES`` with a
"failed to converge" report naming the rules still fixing. With safe fixes only, the result
is checked before it is returned: GitHub must render the same page (cmark-gfm's HTML, see
:func:`github_html`), every cell's text (link destinations aside) must still be there, in order,
and no link may be gone. If not, the rules at fault are left out or nothing is changed, and that
is reported: a bug in a fix must never cost a user data or change their page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..engine import run as engine
from ..engine.config import ActiveRule, Settings
from ..engine.diagnostics import Applicability, Diagnostic, Fix
from ..engine.registry import Registry
from ..engine.rule import Fixable
from ..markdown import parser
from ..markdown.model import Document
from ..markdown.source import Source
from ..util import lazyre

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
    # rules whose "safe" fixes would have changed what GitHub shows: left out, the rest applied
    withheld: list[tuple[str, str]] = field(default_factory=list)

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


_DESTINATION = lazyre.compile(
    r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)|<[a-z][a-z0-9+.-]*:[^>\s]*>", re.IGNORECASE
)


def _cells(doc: Document) -> Iterator[str]:
    """What a safe fix must never lose: every non-empty cell's text, in order.

    Link destinations inside cells are masked, since safe fixes may rewrite a URL (removing
    tracking parameters, correcting an anchor); what must not happen is a cell disappearing.
    Made as they are compared: two lists of every cell's text were held at the end of a fix.
    """
    for table in doc.tables:
        for row in table.text_rows():
            for text in table.cell_texts(row):
                if text:
                    yield _DESTINATION.sub("]()", text)


def _lost_nothing(before: Document, after: Document) -> bool:
    """Every cell of ``before`` is in ``after``, in order, and no link is gone (the number of
    links may only grow)."""
    it = _cells(after)
    return len(after.links) >= len(before.links) and all(any(c == h for h in it) for c in _cells(before))


@dataclass
class _Pass:
    """Where the fix loop ended: the text, its parse, and what was applied on the way."""

    text: str
    doc: Document
    applications: Counter[tuple[str, str]]
    unconverged: list[str]


def _fix_loop(
    source: Source,
    first_doc: Document,
    diagnostics: list[Diagnostic],
    fixers: Sequence[ActiveRule],
    registry: Registry,
    unsafe: bool,
    facts: Mapping[str, Any] | None,
) -> _Pass:
    text = source.text
    doc = first_doc
    applications: Counter[tuple[str, str]] = Counter()
    for _ in range(MAX_PASSES):
        fixes = [d for d in diagnostics if _wanted(d, unsafe)]
        if not fixes:
            return _Pass(text, doc, applications, [])
        text, applied = apply_fixes(text, [d.fix for d in fixes if d.fix is not None])
        for i in applied:
            applications[(fixes[i].code, fixes[i].rule)] += 1
        # not held while the next text is parsed: the findings (their fixes' new text is in
        # ``text`` now), and a parse between the first and this one
        fixes = diagnostics = []
        doc = first_doc
        doc = parser.parse(Source.from_text(text, source.path))
        diagnostics = engine.run(doc, fixers, registry, facts=facts)
    still = sorted({f"{d.code} {d.rule}" for d in diagnostics if _wanted(d, unsafe)})
    return _Pass(text, doc, applications, still)


_BETWEEN_TAGS = lazyre.compile(r">\s+<")


def cmark_html(text: str) -> str:
    """cmark-gfm's HTML for ``text``, with GitHub's extensions and raw HTML: the page GitHub
    shows, before :func:`github_html` sets aside the whitespace between tags.

    cmark-gfm is imported here, when a fix has changed something, not when checking."""
    import cmarkgfm  # type: ignore[import-untyped]
    from cmarkgfm.cmark import Options  # type: ignore[import-untyped]

    return str(cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE))


def github_html(text: str) -> str:
    """The page GitHub shows for ``text``: cmark-gfm's HTML with GitHub's extensions, raw HTML
    included, whitespace between tags dropped. A safe fix must leave it unchanged."""
    return _BETWEEN_TAGS.sub("><", cmark_html(text)).strip()


_PIECE = 1 << 16  # characters of the page hashed at a time


def _page(text: str) -> bytes:
    """A digest of :func:`github_html`, made from cmark-gfm's HTML as it is: pages are compared,
    never read. Holding the page of the input while the fixed one was made cost as much memory
    again, and the page with its whitespace set aside, stripped and encoded was three more
    copies of it (on a list of CJK names, each twice the size of the list)."""
    import hashlib

    html = cmark_html(text)
    digest = hashlib.blake2b(digest_size=32)
    start, end = 0, len(html)
    while start < end and html[start].isspace():
        start += 1
    while end > start and html[end - 1].isspace():
        end -= 1
    pieces: list[str] = []
    held = 0
    pos = start
    for m in _BETWEEN_TAGS.finditer(html, start, end):
        pieces += (html[pos : m.start()], "><")
        held += m.start() - pos + 2
        pos = m.end()
        if held >= _PIECE:
            digest.update("".join(pieces).encode("utf-8"))
            pieces.clear()
            held = 0
    pieces.append(html[pos:end])
    digest.update("".join(pieces).encode("utf-8"))
    return digest.digest()


def _names(keys: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{code} {rule}" for code, rule in sorted(set(keys)))


def fix_source(
    source: Source,
    settings: Settings,
    *,
    unsafe: bool = False,
    facts: Mapping[str, Any] | None = None,
    doc: Document | None = None,
) -> FixResult:
    """Fix ``source`` to a fixed point, then check the result with every active rule.

    Between passes only the rules that can offer a wanted fix run (with safe fixes only,
    not typo or mojibake, whose fixes are all unsafe); the full set runs once, on the last
    document, which is parsed once per pass and not again.

    Without ``unsafe``, the result must render as the input does on GitHub (:func:`github_html`).
    If it does not, a rule has a "safe" fix that is not: the rules whose fixes alone change the
    page are found (each fixed on its own) and left out, and the others are applied; when that
    does not give the same page either, nothing is changed. Either way the result says which.
    ``doc`` is the source's parse, when the caller has it.
    """
    active = settings.active(source.path)
    fixers = [a for a in active if a.rule.fixable is not Fixable.NEVER and (unsafe or a.rule.safe_fixes)]
    registry = settings.registry
    result = FixResult(source=source, text=source.text)
    first_doc = doc if doc is not None else parser.parse(source)
    diagnostics = engine.run(first_doc, fixers, registry, facts=facts)
    # what the end needs of the first findings, kept as counts: the findings themselves hold
    # every fix's new text (every table of a ragged list, rewritten)
    wanted = Counter((d.code, d.rule) for d in diagnostics if _wanted(d, unsafe))
    unfixable = Counter((d.code, d.rule) for d in diagnostics if not _wanted(d, unsafe))
    handed = [diagnostics]
    del diagnostics  # the loop holds the only reference, and lets go of it after its first pass
    done = _fix_loop(source, first_doc, handed.pop(), fixers, registry, unsafe, facts)
    if not unsafe and done.text != source.text:
        before = _page(source.text)
        if _page(done.text) != before:
            done = _without_page_changes(source, first_doc, fixers, registry, facts, done, before, result)
    if done.unconverged:
        result.converged = False
        result.unconverged_rules = done.unconverged
    text, doc = done.text, done.doc
    lost = not unsafe and text != source.text and not _lost_nothing(first_doc, doc)
    if result.refused is None and lost:
        result.refused = "a fix would have lost table or link content; nothing was changed (please report this)"
    if result.refused is not None:
        text, doc = source.text, first_doc
    result.text = text
    remaining = engine.run(doc, active, registry, facts=facts)
    result.remaining = engine.fold_layout(remaining, settings.folded)
    if result.refused is None and result.changed:
        result.fixed = _problems_fixed(wanted, unfixable, remaining, done.applications)
    return result


def _without_page_changes(
    source: Source,
    first_doc: Document,
    fixers: Sequence[ActiveRule],
    registry: Registry,
    facts: Mapping[str, Any] | None,
    done: _Pass,
    before: bytes,
    result: FixResult,
) -> _Pass:
    """The fix without the rules whose "safe" fixes change what GitHub shows (a rule's bug)."""
    applied = sorted(done.applications)
    culprits = []
    for key in applied:
        alone = [a for a in fixers if (a.rule.code, a.rule.name) == key]
        diagnostics = engine.run(first_doc, alone, registry, facts=facts)
        solo = _fix_loop(source, first_doc, diagnostics, alone, registry, False, facts)
        if _page(solo.text) != before:
            culprits.append(key)
    if culprits:
        kept = [a for a in fixers if (a.rule.code, a.rule.name) not in culprits]
        diagnostics = engine.run(first_doc, kept, registry, facts=facts)
        rest = _fix_loop(source, first_doc, diagnostics, kept, registry, False, facts)
        if _page(rest.text) == before:
            result.withheld = culprits
            return rest
    result.refused = (
        f"the fixes of {_names(culprits or applied)} would change what GitHub shows; nothing was changed "
        "(please report this)"
    )
    return done


def _problems_fixed(
    wanted: Counter[tuple[str, str]],
    unfixable: Counter[tuple[str, str]],
    remaining: Sequence[Diagnostic],
    applications: Counter[tuple[str, str]],
) -> Counter[tuple[str, str]]:
    """Problems fixed per rule, each once: a table fixed over two passes is one problem.

    A rule's problems that had no wanted fix (a long row, an empty link with nothing to guess)
    are still there afterwards and must not hide the ones that were fixed beside them; a
    problem that only appeared after another fix (a short row padded once it was a table) and
    was fixed counts too."""
    left = Counter((d.code, d.rule) for d in remaining)
    fixed: Counter[tuple[str, str]] = Counter()
    for key, n in wanted.items():
        still = max(0, left[key] - unfixable[key])
        if n > still:
            fixed[key] = n - still
    for key, n in applications.items():
        if key not in wanted:
            fixed[key] = n
    return fixed
