from __future__ import annotations

import bisect
import itertools
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import overload

from ..engine.diagnostics import Diagnostic, Edit, Fix, Severity
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.papers import normalise_title, plain
from ..knowledge.toc import Toc, comparable, find_toc
from ..markdown.anchors import Slugger, explicit_anchor_offsets, heading_anchors, lowered, normalise_fragment
from ..markdown.headings import accidental
from ..markdown.model import Document, ListItem, Section
from ..util import lazyre
from ..util.text import occurring
from .mojibake import repaired

LABELS = ("anchor-only", "exact")
_DIGITS = lazyre.compile(r"\d+")


class TableOfContents(Rule):
    """A table of contents that disagrees with the headings: a link to an anchor no heading
    has (an error: the link goes nowhere), a covered heading with no entry, entries out of
    order, and, with ``labels = "exact"``, an entry whose text differs from its heading (these
    are warnings). By default a label is the author's to choose (``2023 Venues`` for ``2023``,
    an abbreviation): the anchor is what matters. Headings are compared as they will be after
    ``fix --unsafe-fixes`` (mojibake repaired), so a link that is right for the repaired heading
    is not reported: the garbled heading is the mojibake rule's finding. A line that became a
    heading by accident (``---`` under it) is not asked for. The ToC is found under a heading
    such as "Contents" near the top (option ``heading`` to name it), under a bold label
    (``**Contents**``), or right under the title. Year headings are only expected when it
    already lists some. The fix regenerates the ToC in place in its own style: its bullet,
    indentation, depth, its labels, and whether entries keep the headings' emoji."""

    code = "AL305"
    presets = ("awesome",)  # the Node awesome-lint checks this too
    name = "toc"
    summary = "The table of contents disagrees with the headings"
    severity = Severity.ERROR
    fixable = Fixable.SOMETIMES
    safe_fixes = False  # the entries a reader sees change
    options = {"heading": "", "labels": "anchor-only"}
    choices = {"labels": LABELS}
    aliases = ("awesome-toc",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        toc = find_toc(doc, str(ctx.option("heading")))
        if toc is None:
            return
        exact = ctx.option("labels") == "exact"
        anchors = heading_anchors(doc)
        # the headings as they will be once their mojibake is repaired
        texts = _Texts(doc)
        final = anchors if not texts.repaired() else _anchors(texts)
        by_anchor: dict[str, int] = {}  # section by anchor
        for i, anchor in enumerate(final):
            by_anchor.setdefault(lowered(anchor), i)
        if final is not anchors:
            for i, anchor in enumerate(anchors):
                by_anchor.setdefault(lowered(anchor), i)
        explicit = {a.lower(): offset for a, offset in explicit_anchor_offsets(doc).items()}
        problems: list[tuple[int, str, Severity]] = []
        # the section each entry links, by number (-1: none); arrays, as a ToC can list thousands
        targets = array("i")
        # each targeted heading's label (its first entry's number), kept when the ToC is rewritten
        labels = array("i", bytes(4 * len(doc.sections)))  # 0: none, else the entry's number + 1
        kept: dict[int, str] = {}  # and its link, where it is an explicit anchor
        heading_ends: list[int] | None = None
        names: _Names | None = None  # built once, only if an entry is broken
        repairable = True
        meant: set[str] = set()  # labels of broken links with no guess: their heading is listed, wrongly
        for place, entry in enumerate(toc.entries, 1):
            fragment = normalise_fragment(entry.fragment)
            number = by_anchor.get(fragment)
            if number is None and fragment in explicit:
                # ``<a id="x"></a>`` just above (or in) a heading stands for that heading
                if heading_ends is None:
                    heading_ends = [s.heading.span.end for s in doc.sections]
                near = _heading_at(doc, heading_ends, explicit[fragment])
                targets.append(-1 if near is None else near.index)
                if near is not None:
                    labels[near.index] = labels[near.index] or place
                    kept.setdefault(near.index, entry.fragment)
                else:
                    repairable = False  # regenerating from the headings would drop this entry
                continue
            if number is None:
                if names is None:
                    names = _Names(doc, texts)
                guess = names.guess(entry.link.text)
                hint = f"; did you mean #{final[guess.index]} ({texts[guess.index].strip()!r})?" if guess else ""
                problems.append(
                    (entry.link.url_span.start, f"ToC link #{entry.fragment} matches no heading{hint}", Severity.ERROR)
                )
                repairable &= guess is not None
                targets.append(-1 if guess is None else guess.index)
                if guess is not None:
                    labels[guess.index] = labels[guess.index] or place
                else:
                    meant.add(comparable(plain(entry.link.text)))
                continue
            targets.append(number)
            labels[number] = labels[number] or place
            label, heading = plain(entry.link.text), texts[number].strip()
            if exact and comparable(label) != comparable(heading):
                message = f"ToC entry {label!r} differs from its heading {heading!r}"
                problems.append((entry.link.span.start, message, Severity.WARNING))
        found = array("i", (t for t in targets if t >= 0))
        del targets
        for a, b in itertools.pairwise(found):
            if b < a:
                problems.append(
                    (
                        toc.span.start,
                        f"ToC lists {texts[b].strip()!r} after {texts[a].strip()!r}, unlike the headings",
                        Severity.WARNING,
                    )
                )
                break
        for item, written in _not_links(doc, toc):
            why = "a link target cannot contain spaces" if " " in written else "it is not a valid link"
            problems.append(
                (item.text_span.start, f"ToC entry {written!r} is shown as text, not a link: {why}", Severity.ERROR)
            )
            repairable = False
        missing = self._missing(doc, toc, found)
        # a heading whose broken link is reported is listed, not missing: one defect, one finding
        missing = [s for s in missing if not _meant(comparable(texts[s.index].strip()), meant)]
        for section in missing:
            problems.append(
                (
                    toc.span.start,
                    f"Heading {texts[section.index].strip()!r} "
                    f"(line {doc.position(section.heading.span.start).line}) is missing from the table of contents",
                    Severity.WARNING,
                )
            )
        if not problems:
            return
        fix = None
        if repairable and self._pure(doc, toc) and found:
            covered = sorted(set(found) | {s.index for s in missing})
            shown = {} if exact else {i: toc.entries[j - 1].link.text for i, j in enumerate(labels) if j}
            links = [kept.get(i, a) for i, a in enumerate(final)]
            text = self._render(doc, toc, [doc.sections[i] for i in covered], links, texts, shown)
            fix = Fix.unsafe(Edit.replace(toc.span, text))
        problems.sort(key=lambda p: p[2] is not Severity.ERROR)  # the fix rides on the gravest finding
        for offset, message, severity in problems:
            found_at = self.report(type(toc.span)(offset, offset + 1), message, fix=fix)
            yield found_at if severity is self.severity else _with_severity(found_at, severity)
            fix = None  # one fix for the whole ToC, carried by the first finding

    @staticmethod
    def _missing(doc: Document, toc: Toc, found: Sequence[int]) -> list[Section]:
        """Headings the ToC evidently means to list and does not: of a level it covers, under a
        parent most of whose other subsections it lists. A ToC that lists the top sections and
        one subsection among many is not asked for the rest."""
        if not found:
            return []
        sections = doc.sections
        named_years, of_level = sections.years, sections.levels
        levels = {of_level[i] for i in found}
        low, high = min(levels), max(levels)
        with_years = any(named_years[i] >= 0 for i in found)
        targeted = bytearray(len(sections))  # 1: the ToC links the section (a set was 32 bytes a section)
        for i in found:
            targeted[i] = 1
        by_accident = accidental(doc)
        numbers = array(
            "i",
            (
                i
                for i in range(toc.section.index + 1, len(sections))
                if low <= of_level[i] <= high and (with_years or named_years[i] < 0) and i not in by_accident
            ),
        )
        # a heading the ToC names without linking it (a bold group label) is accounted for
        # the ToC's text with its links blanked, each to one space (``comparable`` makes any run
        # of spaces one), made comparable a few hundred pieces at a time, each cut just after a
        # space (a space is kept and ends any escape): a copy of the ToC, a mask of it, and the
        # words of the whole ToC at once were each its size or more again
        text, pos, end = doc.text, toc.region.start, toc.span.end
        parts: list[str] = []
        pieces: list[str] = []
        for at in sorted(e.link.at for e in toc.entries):  # packed: by start, then end
            a, b = max(pos, at >> 32), min(end, at & 0xFFFFFFFF)
            if a < b:
                if pos < a:
                    pieces.append(text[pos:a])
                pieces.append(" ")
                pos = b
                if len(pieces) >= 512:
                    parts.append(comparable("".join(pieces)))
                    pieces.clear()
        pieces.append(text[pos:end])
        parts.append(comparable("".join(pieces)))
        named = " ".join(part for part in parts if part).casefold()
        del parts, pieces
        # every heading looked for in one pass over the prose (searched for one by one, a ToC
        # with a description on each line grew with the square); one with a character the
        # prose lacks (any heading, in a ToC of links alone) is not in it
        letters = set(named)
        candidates = array("i")  # not in the prose
        asked: list[tuple[int, str]] = []  # the headings that may be, with their keys
        for i in numbers:
            key = comparable(sections[i].heading.text).casefold()
            if letters.issuperset(key):
                asked.append((i, key))
            else:
                candidates.append(i)
        present = occurring((key for _, key in asked), named)
        candidates.extend(i for i, key in asked if key not in present)
        del asked
        # the candidates by parent, as numbers (a section is made only when it is missing)
        siblings: dict[int, list[int]] = {}
        parents = sections.parents
        for i in candidates:
            siblings.setdefault(parents[i], []).append(i)
        missing: list[int] = []
        for group in siblings.values():
            listed = sum(targeted[i] for i in group)
            if listed * 2 >= len(group):
                missing.extend(i for i in group if not targeted[i])
        # a ToC that stops before the closing sections (License, Contact) leaves them out on
        # purpose; a closing section that holds entries (a topic added last) is still missing
        last = max(found)
        held = _sections_with_entries(doc)
        return [sections[i] for i in sorted(missing) if i < last or i in held]

    @staticmethod
    def _pure(doc: Document, toc: Toc) -> bool:
        """Regenerating loses nothing: every line of the ToC is one bullet holding one link."""
        lines = doc.text[toc.span.start : toc.span.end].split("\n")
        return len(lines) == len(toc.entries) and all(
            e.item.text.strip() == doc.text[e.link.span.start : e.link.span.end] for e in toc.entries
        )

    @staticmethod
    def _render(
        doc: Document,
        toc: Toc,
        sections: list[Section],
        anchors: list[str],
        texts: Sequence[str],
        labels: dict[int, str],
    ) -> str:
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
            plain(e.link.text).strip()[:1] == texts[s.index].strip()[:1]
            for e, s in zip(toc.entries, sections, strict=False)
            if texts[s.index].strip()[:1] and not texts[s.index].strip()[:1].isalnum()
        ).most_common(1)
        keep = bool(keep_emoji and keep_emoji[0][0])
        top = min(s.level for s in sections)
        lines = []
        for section in sections:
            text = labels.get(section.index)
            if text is None:
                text = texts[section.index].strip()
                if not keep:
                    text = _without_leading_symbols(text)
            indent = " " * (base + unit * (section.level - top))
            lines.append(f"{indent}{marker} [{text}](#{anchors[section.index]})")
        return "\n".join(lines)


class _Names:
    """The headings by their normalised text, for guessing which one a broken entry's label
    names. Filed by the numbers in them and their length, so a guess looks at a few."""

    def __init__(self, doc: Document, texts: Sequence[str]) -> None:
        self.exact: dict[str, Section] = {}
        for section in doc.sections:
            self.exact.setdefault(normalise_title(comparable(texts[section.index])), section)
        self.filed: dict[tuple[tuple[str, ...], int], list[str]] = {}
        for name in self.exact:
            self.filed.setdefault((tuple(_DIGITS.findall(name)), len(name)), []).append(name)
        self.memo: dict[str, Section | None] = {}

    def guess(self, label: str) -> Section | None:
        wanted = normalise_title(comparable(plain(label)))
        if wanted in self.exact:
            return self.exact[wanted]
        if wanted not in self.memo:
            # "IJCAI 2024" is not a misspelling of "IJCAI 2022": numbers must agree; and a ratio
            # of 0.85 needs lengths within about three quarters of each other
            digits, n = tuple(_DIGITS.findall(wanted)), len(wanted)
            near = [name for m in range(int(n * 0.74), int(n / 0.74) + 2) for name in self.filed.get((digits, m), [])]
            import difflib  # only for a label that names no heading exactly: 1 ms of imports

            close = difflib.get_close_matches(wanted, near, n=1, cutoff=0.85)
            self.memo[wanted] = self.exact[close[0]] if close else None
        return self.memo[wanted]


_LINK_SHAPED = lazyre.compile(r"^\s*(?:\*\*)?(\[[^\[\]]+\]\(#[^()]*\))")


def _sections_with_entries(doc: Document) -> set[int]:
    """Sections holding entries (a table, a list item with a link), their ancestors included."""
    held: set[int] = set()
    owners = [t.section for t in doc.tables] + [i.section for i in doc.list_items if i.links]
    for section in owners:
        while section is not None and section not in held:
            held.add(section)
            section = doc.sections[section].parent
    return held


def _not_links(doc: Document, toc: Toc) -> Iterator[tuple[ListItem, str]]:
    """Items of the ToC written like an in-page link that GitHub does not read as one
    (``[Security & Discussion](#security & discussion)``: a space in the target)."""
    region = toc.region
    for item in doc.list_items:
        if item.span.start < region.start:
            continue
        if item.span.start >= region.end:
            break
        m = _LINK_SHAPED.match(item.text)
        if m and not any(link.url.startswith("#") for link in item.links):
            yield item, m.group(1)


def _heading_at(doc: Document, heading_ends: list[int], offset: int) -> Section | None:
    """The section whose heading holds ``offset`` or starts at most two lines below it."""
    sections = doc.sections
    at = bisect.bisect_right(heading_ends, offset)
    if at >= len(sections):
        return None
    section = sections[at]
    below = doc.source.line_index(section.heading.span.start) - doc.source.line_index(offset)
    return section if below <= 2 else None


def _anchors(texts: Sequence[str]) -> list[str]:
    slugger = Slugger()
    return [slugger.slug(text) for text in texts]


class _Texts(Sequence[str]):
    """Each heading's text as it will be once its mojibake is repaired, made when asked (a list
    of them all was a string a heading)."""

    def __init__(self, doc: Document) -> None:
        self.sections = doc.sections

    def __len__(self) -> int:
        return len(self.sections)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        heading = self.sections[index].heading
        return heading.text if "`" in heading.raw else repaired(heading.text)

    def repaired(self) -> bool:
        """Whether a heading's text changes when repaired."""
        return any(text != section.heading.text for text, section in zip(self, self.sections, strict=True))


def _with_severity(diagnostic: Diagnostic, severity: Severity) -> Diagnostic:
    from dataclasses import replace

    return replace(diagnostic, severity=severity)


def _without_leading_symbols(text: str) -> str:
    """``🎯 Overview`` -> ``Overview``: emoji, symbols and joiners before the first word."""
    import unicodedata

    i = 0
    while i < len(text) and (unicodedata.category(text[i])[0] in "SCZ" or text[i] in "\ufe0f\u200d"):
        i += 1
    return text[i:].strip() or text


def _meant(heading: str, labels: set[str]) -> bool:
    """Whether a broken ToC entry's label names this heading: the same words, or the heading's
    words first and more after them (``Extensions (Xcode 8+)`` for ``Extensions``)."""
    return any(label == heading or label.startswith(heading + " ") for label in labels)
