from __future__ import annotations

import difflib
import itertools
from collections import Counter
from collections.abc import Iterator

from ..anchors import explicit_anchors, heading_anchors, normalise_fragment
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, Section
from ..papers import normalise_title, plain
from ..rule import Context, Fixable, Rule
from ..toc import Toc, comparable, find_toc


class TableOfContents(Rule):
    """A table of contents that disagrees with the headings: a link to an anchor no heading
    has, an entry whose text differs from its heading, a covered heading with no entry, or
    entries out of order. The ToC is found under a heading such as "Contents" near the top
    (option ``heading`` to name it). Year headings are only expected in the ToC when it
    already lists some. The fix regenerates the ToC in place in its own style: its bullet,
    indentation, depth, and whether entries keep the headings' emoji."""

    code = "AL305"
    presets = ("awesome",)  # the Node awesome-lint checks this too
    name = "toc"
    summary = "The table of contents disagrees with the headings"
    severity = Severity.ERROR
    fixable = Fixable.SOMETIMES
    safe_fixes = False  # the entries a reader sees change
    options = {"heading": ""}
    aliases = ("awesome-toc",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        toc = find_toc(doc, str(ctx.option("heading")))
        if toc is None:
            return
        anchors = heading_anchors(doc)
        by_anchor = {a.lower(): doc.sections[i] for i, a in enumerate(anchors)}
        explicit = {a.lower() for a in explicit_anchors(doc)}
        problems: list[tuple[int, str]] = []
        targets: list[Section | None] = []
        names: dict[str, Section] | None = None  # built once, only if an entry is broken
        repairable = True
        for entry in toc.entries:
            fragment = normalise_fragment(entry.fragment)
            target = by_anchor.get(fragment)
            if target is None and fragment in explicit:
                targets.append(None)
                continue
            if target is None:
                if names is None:
                    names = {}
                    for s in doc.sections:
                        names.setdefault(normalise_title(comparable(s.heading.text)), s)
                guess = self._guess(names, entry.link.text)
                hint = f"; did you mean #{anchors[guess.index]} ({guess.heading.text.strip()!r})?" if guess else ""
                problems.append((entry.link.url_span.start, f"ToC link #{entry.fragment} matches no heading{hint}"))
                repairable &= guess is not None
                targets.append(guess)
                continue
            targets.append(target)
            if comparable(plain(entry.link.text)) != comparable(target.heading.text):
                problems.append(
                    (
                        entry.link.span.start,
                        f"ToC entry {plain(entry.link.text)!r} differs from its heading "
                        f"{target.heading.text.strip()!r}",
                    )
                )
        found = [t for t in targets if t is not None]
        for a, b in itertools.pairwise(found):
            if b.index < a.index:
                problems.append(
                    (
                        toc.span.start,
                        f"ToC lists {b.heading.text.strip()!r} after {a.heading.text.strip()!r}, unlike the headings",
                    )
                )
                break
        for missing in self._missing(doc, toc, found):
            problems.append(
                (
                    toc.span.start,
                    f"Heading {missing.heading.text.strip()!r} (line {doc.position(missing.heading.span.start).line}) "
                    "is missing from the table of contents",
                )
            )
        if not problems:
            return
        fix = None
        if repairable and self._pure(doc, toc) and found:
            covered = sorted({s.index for s in found} | {s.index for s in self._missing(doc, toc, found)})
            rendered = self._render(doc, toc, [doc.sections[i] for i in covered], anchors)
            fix = Fix.unsafe(Edit.replace(toc.span, rendered))
        for offset, message in problems:
            end = offset + 1
            yield self.report(type(toc.span)(offset, end), message, fix=fix)
            fix = None  # one fix for the whole ToC, carried by the first finding

    @staticmethod
    def _guess(names: dict[str, Section], text: str) -> Section | None:
        wanted = normalise_title(comparable(plain(text)))
        if wanted in names:
            return names[wanted]
        close = difflib.get_close_matches(wanted, list(names), n=1, cutoff=0.85)
        return names[close[0]] if close else None

    @staticmethod
    def _missing(doc: Document, toc: Toc, found: list[Section]) -> list[Section]:
        if not found:
            return []
        levels = {s.level for s in found}
        low, high = min(levels), max(levels)
        with_years = any(s.year is not None for s in found)
        targeted = {s.index for s in found}
        return [
            s
            for s in doc.sections
            if s.index > toc.section.index
            and low <= s.level <= high
            and s.index not in targeted
            and (with_years or s.year is None)
        ]

    @staticmethod
    def _pure(doc: Document, toc: Toc) -> bool:
        """Regenerating loses nothing: every line of the ToC is one bullet holding one link."""
        lines = doc.text[toc.span.start : toc.span.end].split("\n")
        return len(lines) == len(toc.entries) and all(
            e.item.text.strip() == doc.text[e.link.span.start : e.link.span.end] for e in toc.entries
        )

    @staticmethod
    def _render(doc: Document, toc: Toc, sections: list[Section], anchors: list[str]) -> str:
        first = toc.entries[0].item
        marker = first.marker
        by_depth: dict[int, int] = {}
        for e in toc.entries:
            line = doc.source.line(doc.source.line_index(e.item.span.start))
            by_depth.setdefault(e.item.depth, len(line) - len(line.lstrip(" ")))
        base = by_depth.get(first.depth, 0)
        steps = sorted(by_depth.items())
        unit = next((b - a for (_, a), (_, b) in itertools.pairwise(steps) if b > a), len(marker) + 1)
        keep_emoji = Counter(
            plain(e.link.text).strip()[:1] == s.heading.text.strip()[:1]
            for e, s in zip(toc.entries, sections, strict=False)
            if s.heading.text.strip()[:1] and not s.heading.text.strip()[:1].isalnum()
        ).most_common(1)
        keep = bool(keep_emoji and keep_emoji[0][0])
        top = min(s.level for s in sections)
        lines = []
        for section in sections:
            text = section.heading.text.strip()
            if not keep:
                text = _without_leading_symbols(text)
            indent = " " * (base + unit * (section.level - top))
            lines.append(f"{indent}{marker} [{text}](#{anchors[section.index]})")
        return "\n".join(lines)


def _without_leading_symbols(text: str) -> str:
    """``🎯 Overview`` -> ``Overview``: emoji, symbols and joiners before the first word."""
    import unicodedata

    i = 0
    while i < len(text) and (unicodedata.category(text[i])[0] in "SCZ" or text[i] in "\ufe0f\u200d"):
        i += 1
    return text[i:].strip() or text
