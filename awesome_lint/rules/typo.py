from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..diagnostics import Diagnostic, Edit, Fix
from ..inline import code_spans
from ..model import Document, Span
from ..papers import header_key, title_column
from ..rule import Context, Fixable, Rule
from ..textutil import edit_distance

HEADER_VOCABULARY = (
    "Title Titles Author Authors Venue Venues Conference Journal Publication Published Year Years Date Paper Papers "
    "Code Codes Project Link Links Stars Star Description Name Names Note Notes Dataset Datasets Slides Video Videos "
    "Blog Demo Website Homepage Method Methods Model Models Keywords Task Tasks Source Summary Abstract Comment "
    "Comments Category Type Language License Implementation Institution Affiliation Topic Status Release Size "
    "Benchmark Results Reference Remarks Backbone Framework Modality Github Repository Resources Contributions"
).split()
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_LONG_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{4,}(?:['’][a-z]+)?")
# no run may contain what ends it: `\S+@` would backtrack over a whole line at every position
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
_TAG = re.compile(r"<[^<>\n]{0,1000}>")  # bounded: a line of "<" must not make this quadratic
_RUNS = re.compile(rb"\x01+|\x00+")


# near misses shorter than this are mostly names and jargon (Swin, Eval, dict), not typos
NEAR_MISS_LENGTH = 6
MAX_WORD = 30  # longer "words" are not words, and their one-edit variants would be huge
_VARIANTS = (("our", "or"), ("ise", "ize"), ("isation", "ization"), ("yse", "yze"), ("tre", "ter"), ("ogue", "og"))


def _variant(word: str, other: str) -> bool:
    """British and American spellings of one word (behaviour, behavior) are both right."""
    return any(word.replace(a, b) == other or other.replace(a, b) == word for a, b in _VARIANTS)


def _match_case(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Typo(Rule):
    """Misspellings in prose, headings, table headers and cells, and list items; never in URLs,
    code, HTML or link targets. Three sources: the ``typos`` engine's list of known
    misspellings; words no English dictionary knows that are one edit from a frequent word
    (``lateset``, ``Ppaers``); and table headers one edit from a column name lists use
    (``Ppaer``, ``Titel``). Author columns, acronyms and CamelCase names are skipped; list
    words in ``allow``. A paper title is quoted from its paper: a typo there is reported with
    that caveat and never fixed."""

    code = "AL401"
    name = "typo"
    summary = "A word looks misspelled"
    fixable = Fixable.SOMETIMES
    safe_fixes = False
    options = {"allow": [], "columns": []}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        from .. import spelling

        allowed = {str(w).lower() for w in ctx.option("allow")}
        vocabulary = {w.lower(): w for w in [*HEADER_VOCABULARY, *map(str, ctx.option("columns"))]}
        masked, titles, headers = self._prose(doc)
        typos_run = spelling.TyposRun(masked)  # runs while the dictionary work is done here
        reported: set[int] = set()
        for start, end, found in self._headers(doc, headers, vocabulary, allowed):
            reported.add(start)
            yield self.report(
                Span(start, end),
                f"Column name {doc.text[start:end]!r} looks like a typo of {found!r}",
                fix=Fix.unsafe(Edit.replace(Span(start, end), found)),
            )
        candidates: dict[int, tuple[str, tuple[str, ...]]] = {}
        for miss in typos_run.result():
            after = masked[miss.start + len(miss.word) : miss.start + len(miss.word) + 1]
            if len(miss.word) < 4 or miss.word.isupper() or after in ("'", "’") or miss.word.lower() in allowed:
                continue  # acronyms, fragments of "doesn’t"
            if any(c.lower().startswith(miss.word.lower()) for c in miss.corrections):
                continue  # a truncation or abbreviation: "Poin", "Takin"
            candidates[miss.start] = (miss.word, miss.corrections)
        # two passes over the text rather than a list of every match: that list was a third
        # of the peak memory of a check
        counts = Counter(m.group(0).lower() for m in _LONG_WORD.finditer(masked))
        for m in _LONG_WORD.finditer(masked):
            word = m.group(0)
            lower = word.lower()
            # a misspelling is a one-off; a word used again is jargon, a name, or on purpose
            if counts[lower] > 1 or m.start() in candidates or "'" in word or "’" in word:
                continue
            if not word[1:].islower() or lower in allowed or lower in vocabulary:  # CamelCase, acronyms
                continue
            if not NEAR_MISS_LENGTH <= len(word) <= MAX_WORD or spelling.known(lower):
                continue
            near = spelling.near_misses(lower)
            if any(c.startswith(lower) for c in near):
                continue  # a truncation or abbreviation: "IEEE Trans. Commun.", "Obscur"
            near = [c for c in near if not _variant(lower, c)]
            if word[0].isupper():  # most capitalised unknown words are names (Mamber, Gitter)
                near = [c for c in near if c[0] == lower[0] and spelling.edit_kind(lower, c) != "replace"]
            if near:
                candidates[m.start()] = (word, tuple(near[:3]))
        for start in sorted(candidates):
            if start in reported:
                continue
            word, corrections = candidates[start]
            span = Span(start, start + len(word))
            shown = " or ".join(repr(_match_case(word, c)) for c in corrections[:3])
            if any(t.start <= start < t.end for t in titles):
                yield self.report(
                    span,
                    f"{word!r} may be a typo of {shown}; it is in a paper title, so check the paper before changing it",
                )
                continue
            fix = Fix.unsafe(Edit.replace(span, _match_case(word, corrections[0]))) if len(corrections) == 1 else None
            yield self.report(span, f"{word!r} may be a typo of {shown}", fix=fix)

    @staticmethod
    def _headers(
        doc: Document, headers: list[Span], vocabulary: dict[str, str], allowed: set[str]
    ) -> Iterator[tuple[int, int, str]]:
        from .. import spelling

        verdicts: dict[str, str | None] = {}  # the same header repeats in every year's table
        for span in headers:
            text = doc.text[span.start : span.end]
            if header_key(text) in vocabulary:
                continue
            for m in _WORD.finditer(text):
                word = m.group(0)
                lower = word.lower()
                if lower not in verdicts:
                    verdicts[lower] = None
                    if (
                        len(word) >= 4
                        and lower not in vocabulary
                        and lower not in allowed
                        and not spelling.known(lower)
                    ):
                        limit = 2 if len(word) >= 8 else 1
                        close = [v for v in vocabulary if edit_distance(lower, v, limit) <= limit]
                        if len(close) == 1:
                            verdicts[lower] = vocabulary[close[0]]
                found = verdicts[lower]
                if found is not None:
                    yield span.start + m.start(), span.start + m.end(), _match_case(word, found)

    @staticmethod
    def _prose(doc: Document) -> tuple[str, list[Span], list[Span]]:
        """The document with everything but prose blanked (offsets kept), title cells, headers.

        A byte per character says keep (1) or blank (0); slices of it are set in C, which
        keeps this linear and cheap on a megabyte of Markdown.
        """
        text = doc.text
        n = len(text)
        mask = bytearray(n)
        titles: list[Span] = []
        headers: list[Span] = []

        def keep(start: int, end: int) -> None:
            mask[start:end] = b"\x01" * (end - start)

        def blank(start: int, end: int) -> None:
            mask[start:end] = bytes(end - start)

        src = doc.source
        for begin, end in doc.paragraph_lines:
            keep(src.line_start(begin), src.line_end(min(end, src.line_count) - 1))
        for section in doc.sections:
            keep(section.heading.content_span.start, section.heading.content_span.end)
        for table in doc.tables:
            authors = {i for i, c in enumerate(table.header.cells) if "author" in header_key(c.text)}
            title_at = title_column(table)
            headers.extend(c.span for c in table.header.cells)
            for row in table.rows:
                for i, cell in enumerate(row.cells):
                    if i not in authors:
                        keep(cell.span.start, cell.span.end)
                    if i == title_at:
                        titles.append(cell.span)
        for item in doc.list_items:  # an entry's name (its first link's text) is a name, not prose
            first = item.links[0] if item.links else None
            is_name = first is not None and first.kind in ("inline", "reference") and not first.url.startswith("#")
            if first is not None and is_name and item.text.lstrip().startswith(("[", "**[")):
                blank(first.span.start, first.span.end)
        for link in doc.links:  # link targets and HTML; a link's text stays
            if link.kind in ("inline", "image"):
                blank(link.span.start + (2 if link.kind == "image" else 1) + len(link.text), link.span.end)
            elif link.kind in ("autolink", "html", "definition"):
                blank(link.span.start, link.span.end)
        for start, end in code_spans(text, 0, n):
            blank(start, end)
        for pattern in (_TAG, _BARE_URL):
            for m in pattern.finditer(text):
                blank(m.start(), m.end())
        at = text.find("@")
        while at != -1:  # e-mail addresses, found from each "@" outwards (a regex would backtrack)
            left = at
            while left > 0 and not text[left - 1].isspace():
                left -= 1
            right = at + 1
            while right < n and not text[right].isspace():
                right += 1
            blank(left, right)
            at = text.find("@", right)
        for span in headers:  # header names are checked against the column vocabulary only
            blank(span.start, span.end)
        newline = text.find("\n")
        while newline != -1:  # kept either way: then every blanked run is only spaces
            mask[newline] = 1
            newline = text.find("\n", newline + 1)
        pieces = []
        for run in _RUNS.finditer(mask):
            start, end = run.span()
            pieces.append(text[start:end] if mask[start] else " " * (end - start))
        return "".join(pieces), titles, headers
