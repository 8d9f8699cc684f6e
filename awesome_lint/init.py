"""``awesome-lint init``: a commented starting configuration tuned to the list at hand.

It reads the README and writes down what it finds: the dominant table columns, the year
order, the table-of-contents heading, the placeholders used for missing values, and which
table layout the list is closest to (which becomes ``table-format``'s ``style``). Options of
rules that need these conventions are written live when the rule exists and as comments
otherwise, so the file is always valid.

What it writes down is never a defect the rules flag: a column name that ``typo`` flags
(``Ppaer``) or a heading with mojibake is written as the rule's fix would make it, or left out
when the rule offers none. Otherwise ``fix --unsafe-fixes`` repairs the list and the config
then calls the repaired text wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from .engine.diagnostics import Diagnostic, Edit
from .markdown.model import Document, Span
from .markdown.parser import plain_text
from .markdown.tablefmt import render

_TOC = re.compile(r"\b(contents|table of contents|toc|index|目录)\b", re.IGNORECASE)
_ENTRY = re.compile(r"^\[[^\]]+\]\(https?://[^)\s]+\) - \S")
_PLACEHOLDERS = ("no code", "n/a", "na", "-", "—", "–", "coming soon", "none", "tbd", "todo", "soon", "")


@dataclass
class Conventions:
    tables: int = 0
    header: list[str] = field(default_factory=list)
    header_count: int = 0
    year_order: str | None = None  # "newest-first" | "oldest-first"
    toc_heading: str | None = None
    placeholders: Counter[str] = field(default_factory=Counter)
    style: str = "compact"
    style_counts: dict[str, int] = field(default_factory=dict)
    entries: int = 0  # list items of the form `- [Name](https://...) - Description`


def _year_order(doc: Document) -> str | None:
    votes: Counter[str] = Counter()
    for section in doc.sections:
        years = [doc.sections[c].year for c in section.children if doc.sections[c].year is not None]
        for a, b in pairwise(years):
            if a is not None and b is not None and a != b:
                votes["newest-first" if a > b else "oldest-first"] += 1
    return votes.most_common(1)[0][0] if votes else None


# rules whose findings in a name mean the name is not what the list means
_DEFECT_RULES = ("typo", "mojibake", "invisible-character")


def _defects(doc: Document) -> list[Diagnostic]:
    """What the spelling and encoding rules find, with their default options."""
    from .engine.registry import load
    from .engine.rule import Context

    registry = load()
    found: list[Diagnostic] = []
    for name in _DEFECT_RULES:
        rule = registry.get(name)
        if rule is None:
            continue
        try:
            found.extend(rule.check(doc, Context(options=dict(rule.options))))
        except Exception:  # a broken rule must not stop init; it only loses this safeguard
            continue
    return found


def _repaired(doc: Document, span: Span, defects: list[Diagnostic]) -> str | None:
    """The source text of ``span`` as the defects' fixes make it; None when a defect in it has
    no fix (nothing certain to write down)."""
    inside = [d for d in defects if d.span.start < span.end and span.start < d.span.end]
    edits: list[Edit] = []
    for d in inside:
        if d.fix is None or any(e.start < span.start or e.end > span.end for e in d.fix.edits):
            return None
        edits.extend(d.fix.edits)
    text = doc.text
    pieces: list[str] = []
    cursor = span.start
    for edit in sorted(edits):
        if edit.start < cursor:
            return None  # two repairs of the same text: no single answer
        pieces += [text[cursor : edit.start], edit.content]
        cursor = edit.end
    pieces.append(text[cursor : span.end])
    return "".join(pieces)


def detect(doc: Document) -> Conventions:
    conv = Conventions(tables=len(doc.tables))
    headers = Counter(tuple(c.text for c in t.header.cells) for t in doc.tables)
    toc = next((s.heading for s in doc.sections[:8] if _TOC.search(s.heading.text)), None)
    defects = _defects(doc) if headers or toc is not None else []
    if headers:
        header, count = headers.most_common(1)[0]
        table = next(t for t in doc.tables if tuple(c.text for c in t.header.cells) == header)
        columns = [_repaired(doc, cell.span, defects) for cell in table.header.cells]
        if all(c is not None for c in columns):
            conv.header, conv.header_count = [c for c in columns if c is not None], count
    conv.year_order = _year_order(doc)
    if toc is not None:
        raw = _repaired(doc, toc.content_span, defects)
        conv.toc_heading = None if raw is None else plain_text(raw)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.text.strip().lower() in _PLACEHOLDERS and not cell.links:
                    conv.placeholders[cell.text.strip() or "(empty)"] += 1
    for style in ("compact", "aligned"):
        conv.style_counts[style] = sum(
            1
            for t in doc.tables
            if all(
                doc.text[r.span.start : r.span.end] == want
                for r, want in zip(t.all_rows, render(t, style), strict=True)
            )
        )
    if conv.style_counts["aligned"] > conv.style_counts["compact"]:
        conv.style = "aligned"
    conv.entries = sum(1 for item in doc.list_items if _ENTRY.match(item.text))
    return conv


def classic(conv: Conventions) -> bool:
    """A list in sindresorhus/awesome's style: mostly `- [Name](url) - Description.` entries."""
    return conv.entries >= 10 and conv.entries > 5 * conv.tables


def _toml_string(text: str) -> str:
    """A TOML basic string: JSON's escaping is valid TOML and handles control characters."""
    import json

    return json.dumps(text, ensure_ascii=False)


def render_config(conv: Conventions, path: str, known_rules: set[str]) -> str:
    out = [
        f"# awesome-lint configuration, written by `awesome-lint init` for {path}.",
        "# Rules: `awesome-lint rules`; one rule's page: `awesome-lint rule NAME`.",
        "",
        "# What init found in the list:",
    ]
    if conv.tables:
        columns = " | ".join(conv.header)
        out.append(f"#   {conv.tables} tables; {conv.header_count} of them with the columns: {columns}")
        out.append(
            f"#   table layout: {conv.style_counts.get('compact', 0)} tables compact, "
            f"{conv.style_counts.get('aligned', 0)} aligned, the rest neither"
        )
    else:
        out.append("#   no tables (a bullet list)")
    if conv.entries:
        out.append(f"#   {conv.entries} entries of the form `- [Name](url) - Description`")
    if conv.year_order:
        out.append(f"#   year sections ordered {conv.year_order}")
    if conv.toc_heading:
        out.append(f"#   a table of contents under {_toml_string(conv.toc_heading)}")
    if conv.placeholders:
        used = ", ".join(f"{_toml_string(k)} ×{n}" for k, n in conv.placeholders.most_common())
        out.append(f"#   placeholders for missing values: {used}")
    out += [
        "",
        "# Every rule that is on by default runs; list codes, names or prefixes (AL1) to change that.",
        '# select = ["ALL"]',
        "ignore = []",
        "# The Node awesome-lint's checks for classic bullet lists (sindresorhus/awesome's rules):",
        ("" if classic(conv) else "# ") + 'extend-select = ["awesome"]',
        "",
        "[rules.table-format]",
        f'style = {_toml_string(conv.style)}  # "compact", "aligned" (as mdformat-gfm, prettier) or "consistent"',
    ]

    def option_block(rule: str, lines: list[str]) -> None:
        live = rule in known_rules
        out.append("")
        out.append(("" if live else "# ") + f"[rules.{rule}]")
        out.extend(("" if live else "# ") + line for line in lines)

    if conv.header:
        option_block("table-header-mismatch", [f"columns = [{', '.join(_toml_string(h) for h in conv.header)}]"])
    if conv.year_order:
        option_block("year-order", [f"order = {_toml_string(conv.year_order)}"])
    if conv.toc_heading:
        option_block("toc", [f"heading = {_toml_string(conv.toc_heading)}"])
    if conv.placeholders:
        majority = conv.placeholders.most_common(1)[0][0]
        option_block("placeholder", [f"preferred = {_toml_string('' if majority == '(empty)' else majority)}"])
    out += [
        "",
        "# Checking that links are alive (network): `awesome-lint check --links`, or always with:",
        "# [links]",
        "# check = true",
    ]
    return "\n".join(out) + "\n"
