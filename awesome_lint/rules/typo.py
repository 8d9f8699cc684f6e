from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Iterator
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.papers import header_key, header_keys, item_at, item_title, title_column
from ..markdown.inline import code_spans
from ..markdown.model import END_MASK, Document, Link, Span
from ..util import lazyre
from ..util.text import edit_distance
from ..util.values import value

if TYPE_CHECKING:
    from ..knowledge import spelling

HEADER_VOCABULARY = (
    "Title Titles Author Authors Venue Venues Conference Journal Publication Published Year Years Date Paper Papers "
    "Code Codes Project Link Links Stars Star Description Name Names Note Notes Dataset Datasets Slides Video Videos "
    "Blog Demo Website Homepage Method Methods Model Models Keywords Task Tasks Source Summary Abstract Comment "
    "Comments Category Type Language License Implementation Institution Affiliation Topic Status Release Size "
    "Benchmark Results Reference Remarks Backbone Framework Modality Github Repository Resources Contributions"
).split()
_WORD = lazyre.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
_LETTERS = lazyre.compile(r"[a-z]+")
_LONG_WORD = lazyre.compile(r"(?<![A-Za-z])[A-Za-z]{4,}(?:['’][a-z]+)?")
# no run may contain what ends it: `\S+@` would backtrack over a whole line at every position
_BARE_URL = lazyre.compile(r"(?:https?://|www\.)\S+")
_TAG = lazyre.compile(r"<[^<>\n]{0,1000}>")  # bounded: a line of "<" must not make this quadratic
_KEPT = lazyre.compile(rb"\x01+")
# a link's text that is a list of one-word names, ``gym, cartpole, reacher``: identifiers, not prose
_NAME_LIST = lazyre.compile(r"[\w.+-]+(?:\s*[,;]\s*[\w.+-]+)+")


# near misses shorter than this are mostly names and jargon (Swin, Eval, dict), not typos
NEAR_MISS_LENGTH = 6
_WINDOW = 400  # how far around a word its context is read (a phrase, a token, a line's start)
MAX_WORD = 30  # longer "words" are not words, and their one-edit variants would be huge
_VARIANTS = (("our", "or"), ("ise", "ize"), ("isation", "ization"), ("yse", "yze"), ("tre", "ter"), ("ogue", "og"))


def _variant(word: str, other: str) -> bool:
    """British and American spellings of one word (behaviour, behavior; organising,
    organizing; defence, defense) are both right."""
    if len(word) == len(other):
        diffs = {(a, b) for a, b in zip(word, other, strict=True) if a != b}
        if diffs and diffs <= {("s", "z"), ("z", "s"), ("c", "s"), ("s", "c")}:
            return True
    return any(word.replace(a, b) == other or other.replace(a, b) == word for a, b in _VARIANTS)


def _inner_edit(word: str, correction: str) -> bool:
    """The words differ only inside: same first and last letter (``lateset``/``latest``)."""
    return word[0] == correction[0] and word[-1] == correction[-1]


def _match_case(model: str, word: str) -> str:
    if model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


_PARTICLES = frozenset(
    "de des del della der den di da do dos du la le van von y bin al zu ter ten".split()
)  # words that join the parts of a name or an institution: École des Ponts, Inge van den Ende
# a token with a digit, one of these marks, or a dot inside is an identifier or a path
_CODE_TOKEN = lazyre.compile(r"[\d_/\\@$=#~+:]|\w\.\w")
_TOKEN_RUN = lazyre.compile(r"[^\s()\[\]{}<>|\"'`*,;!?“”‘’]*")  # a token: what no space or bracket, quote or comma ends
_LONGEST_TOKEN = 100  # a longer run without spaces is not a word of prose
_NAME_PART = lazyre.compile(r"^(?:[A-Z][a-z'’.-]*[a-z.]|[A-Z]\.?(?:-[A-Z]\.?)?|[A-Z][a-z]+-[A-Z][a-z]+)\*?$")
_LIST_LEAD = lazyre.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s+)*(?:#{1,6}\s+|>\s*)?$")


def _is_name_part(token: str) -> bool:
    return bool(_NAME_PART.match(token)) or token in _PARTICLES


def _names_in(segment: str) -> bool:
    """``segment`` is a person's name: two to five capitalised parts (initials and particles
    allowed), such as ``Ajmal Mian``, ``Mykel J Kochenderfer`` or ``Inge van den Ende``."""
    tokens = segment.replace("[", " ").replace("]", " ").split()
    if not 2 <= len(tokens) <= 5:
        return False
    return all(_is_name_part(t) for t in tokens) and sum(t[:1].isupper() for t in tokens) >= 2


class _Names:
    """Where a word is a name or an identifier rather than prose, which no spelling engine can
    judge: tokens of code, words of the document's URLs, author lists, names of people and
    institutions. Built once per document; each question is answered from the source text."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self._lines: dict[int, list[tuple[int, int]]] = {}
        self._in_url: dict[str, bool] = {}

    # Each fact is gathered the first time a candidate asks for it: most documents have a
    # handful of candidates, and a list with none pays nothing.

    @cached_property
    def _url_text(self) -> str:
        urls = [link.url.lower() for link in self.doc.links]
        urls += [m.group(0).lower() for m in _BARE_URL.finditer(self.text)]
        return "\n".join(urls)

    def in_url(self, word: str) -> bool:
        """``word`` is in a part of a URL that names something (a host, an owner, a
        repository, a package). A long slug made from a title
        (/federated-deep-auc-maximization-for-hetergeneous-data) names only what it starts
        with (/magentic-one-a-generalist-…), and copies the title's typos."""
        known = self._in_url.get(word)
        if known is not None:
            return known
        blob = self._url_text
        found = False
        at = blob.find(word)
        while at != -1 and not found:
            left = max(blob.rfind(c, max(0, at - _WINDOW), at) for c in "/?#=&\n") + 1
            ends = [i for i in (blob.find(c, at, at + _WINDOW) for c in "/?#=&\n") if i != -1]
            part = blob[max(left, at - _WINDOW) : min(ends) if ends else at + _WINDOW]
            found = at == left or len(re.split(r"[-_+]", part)) <= 3
            at = blob.find(word, at + 1)
        self._in_url[word] = found
        return found

    def _line_window(self, start: int, end: int) -> tuple[int, int]:
        """The line around ``text[start:end]``, cut to ``_WINDOW`` characters each side: every
        question about a word looks only this far, so a megabyte on one line stays linear."""
        src = self.doc.source
        index = src.line_index(start)
        return max(src.line_start(index), start - _WINDOW), min(src.line_end(index), end + _WINDOW)

    @cached_property
    def code_words(self) -> frozenset[str]:
        doc, text = self.doc, self.text
        code = [text[a:b] for a, b in code_spans(text, 0, len(text))]
        code += [doc.source.line(i) for i in doc.code_lines if i < doc.source.line_count]
        return frozenset(w.lower() for piece in code for w in _WORD.findall(piece))

    @cached_property
    def text_links(self) -> list[Link]:
        return sorted((k for k in self.doc.links if k.kind in ("inline", "reference")), key=lambda k: k.span.start)

    @cached_property
    def link_starts(self) -> list[int]:
        return [k.span.start for k in self.text_links]

    def _author_spans(self, index: int) -> list[tuple[int, int]]:
        """Spans of line ``index`` that list people: ``A B, C D, and E F.``, ``by A B``,
        ``A B et al.``, ``<sub>…</sub>``. A title has lowercase words (of, for, via) and so
        never qualifies."""
        found = self._lines.get(index)
        if found is not None:
            return found
        spans: list[tuple[int, int]] = []
        src = self.doc.source
        start = src.line_start(index)
        line = self.text[start : src.line_end(index)]
        if "," in line or " and " in line:
            body = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)
            head = re.split(r"\.\s|\*|\(|\[\[|\|", body, maxsplit=1)[0]
            parts = [p.strip(" .") for p in re.split(r",|\band\b|&", head)]
            parts = [p for p in parts if p]
            if len(parts) >= 2 and sum(_names_in(p) for p in parts) >= max(2, len(parts) - 1):
                spans.append((start, start + len(line) - len(body) + len(head)))
        for m in re.finditer(r"\bby ([^()\n]{3,200})", line):  # "… (2024) by Jing Lei and Xiaoyu Hu"
            parts = [p.strip(" .") for p in re.split(r",|\band\b|&", m.group(1))]
            parts = [p for p in parts if p]
            if parts and _names_in(parts[0]):
                spans.append((start + m.start(1), start + m.end(1)))
        if "et al" in line:  # "Shoule Wu et al."; bounded words, so a line of capitals stays linear
            for m in re.finditer(r"((?:[A-Z][\w'’-]{0,40}\s){1,3}[A-Z][\w'’-]{0,40})\s+et\s+al\b", line):
                spans.append((start + m.start(1), start + m.end(1)))
        if "<sub>" in line.lower():
            for m in re.finditer(r"<sub>(.{0,2000}?)</sub>", line, re.IGNORECASE):
                spans.append((start + m.start(1), start + m.end(1)))
        self._lines[index] = spans
        return spans

    def token(self, start: int, end: int) -> tuple[int, int]:
        """The whitespace-delimited token around ``text[start:end]``, without the punctuation
        that ends a sentence or wraps it."""
        text = self.text
        before = _TOKEN_RUN.match(text[max(0, start - _LONGEST_TOKEN) : start][::-1])
        after = _TOKEN_RUN.match(text, end, end + _LONGEST_TOKEN)
        left = start - (before.end() if before else 0)
        right = after.end() if after else end
        while right > end and text[right - 1] in ".-:":
            right -= 1
        while left < start and text[left] in ".-:":
            left += 1
        return left, right

    def _foreign_phrase(self, start: int, end: int) -> bool:
        """The phrase around the word (between commas, or the parenthesis holding it) has a
        name particle (de, van) or a letter with a diacritic: the capitalised words there are
        names in another language, which an English list of misspellings cannot judge."""
        text = self.text
        line_start, line_end = self._line_window(start, end)
        open_at = text.rfind("(", line_start, start)
        close_at = text.find(")", end, line_end)
        if open_at != -1 and close_at != -1 and text.find(")", open_at, start) == -1:
            phrase = text[open_at + 1 : close_at]
        else:
            left = max(text.rfind(c, line_start, start) for c in ",;|[") + 1
            rights = [i for i in (text.find(c, end, line_end) for c in ",;|]") if i != -1]
            phrase = text[max(left, line_start) : min(rights) if rights else line_end]
        if any(w.strip("*_.") in _PARTICLES for w in phrase.split()):
            return True
        return any(not c.isascii() and c.isalpha() for c in phrase)

    def _link_text_at(self, start: int) -> Link | None:
        import bisect

        i = bisect.bisect_right(self.link_starts, start) - 1
        if i >= 0:
            link = self.text_links[i]
            if link.span.start < start < link.span.start + 1 + len(link.text):
                return link
        return None

    def in_authors(self, start: int) -> bool:
        spans = self._author_spans(self.doc.source.line_index(start))
        return any(a <= start < b for a, b in spans)

    def sentence_start(self, start: int) -> bool:
        """The word opens a sentence, a line, a cell or a link's text: a capital there says
        nothing about whether the word is a name."""
        text = self.text
        line_start, _ = self._line_window(start, start)
        before = text[line_start:start].rstrip(" *_[\"“'(")
        return not before or before[-1] in "|.!?:" or bool(_LIST_LEAD.match(before))

    def name_or_identifier(self, start: int, word: str) -> bool:
        """Why a word must not be judged as English: it is part of an identifier or a name."""
        text = self.text
        end = start + len(word)
        lower = word.lower()
        if any(c.isupper() for c in word[1:]):
            return True  # an acronym, CamelCase, or capitals spelling one (SeRies PArameter)
        if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            return True  # a fragment of a longer word: FedPerfix, Groth16, Mülheim
        before = start
        while before > 0 and text[before - 1] in "*_":
            before -= 1
        if before < start and before > 0 and text[before - 1].isalnum():
            return True  # letters split by emphasis: **Y**et **A**nother
        after = end
        while after < len(text) and text[after] in "*_":
            after += 1
        if after > end and after < len(text) and text[after].isalnum():
            return True
        left, right = self.token(start, end)
        token = text[left:right]
        if len(token) >= _LONGEST_TOKEN or _CODE_TOKEN.search(token):
            return True  # fmt.Printf, cargo_binstall, Tawk.to, shibing624, src/lib
        if lower in self.code_words or self.in_url(lower):
            return True  # a project's name: [semver](https://semver.org/), `printf`, ratatui
        if self.in_authors(start):
            return True
        link = self._link_text_at(start)
        if link is not None and not link.url.startswith("#") and _NAME_LIST.fullmatch(link.text.strip()):
            return True  # a link's text listing names: [gym, cartpole, reacher](…gym)
        if word[0].isupper():
            if text[end : end + 2] in ("'s", "’s"):
                return True  # possessive of a name: Nervana's
            if len(word) < 6 and not self.sentence_start(start):
                return True  # short capitalised words mid-sentence are names: Ajmal Mian, Canva
            if self._foreign_phrase(start, end):
                return True  # a name in another language: École des Ponts, Instituto de Ciencias
            if link is not None and not link.url.startswith("#"):
                words = _WORD.findall(link.text)
                if len(words) <= 3 and all(w[0].isupper() for w in words):
                    return True  # the name of what the link points to: [Reacher Sparse](…)
        return False


@value
class _Prepared:
    masked: spelling.Masked  # the document with everything but prose blanked
    titles: array[int]  # title cells, packed spans (``start << 32 | end``, as :class:`Span` packs them)
    headers: array[int]  # table header cells, packed spans
    typos_run: spelling.TyposRun


class Typo(Rule):
    """Misspellings in prose, headings, table headers and cells, and list items; never in URLs,
    code, HTML or link targets, and never in what is a name or an identifier rather than an
    English word. What is reported is what can be known: the ``typos`` engine's list of known
    misspellings, table headers one edit from a column name (``Ppaer``, ``Titel``), and words
    of a link to a heading that misspell that heading's own words. Guesses by edit distance
    against an English dictionary (``lateset``) are an option, ``near-misses``: most unknown
    words in a software list are names, not typos, so they are only reported in plain
    lowercase prose and never fixed. A paper title is quoted from its paper: a typo there (a
    table's title column, or the title :func:`papers.item_title` finds in a list item that is a
    paper) is reported with that caveat and never fixed."""

    code = "AL401"
    name = "typo"
    summary = "A word looks misspelled"
    fixable = Fixable.SOMETIMES
    safe_fixes = False
    options = {"allow": [], "columns": [], "near-misses": "off"}
    choices = {"near-misses": ("off", "prose", "all")}

    def prepare(self, doc: Document, ctx: Context) -> _Prepared:
        """The prose, and ``typos`` started on it: it runs beside the other rules."""
        from ..knowledge import spelling

        masked, titles, headers = self._prose(doc)
        return _Prepared(masked, titles, headers, spelling.TyposRun(masked))

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        allowed = {str(w).lower() for w in ctx.option("allow")}
        vocabulary = {w.lower(): w for w in [*HEADER_VOCABULARY, *map(str, ctx.option("columns"))]}
        near_mode = str(ctx.option("near-misses"))
        prepared = ctx.prepared if isinstance(ctx.prepared, _Prepared) else self.prepare(doc, ctx)
        masked, titles, headers = prepared.masked, prepared.titles, prepared.headers
        typos_run = prepared.typos_run  # typos runs while the dictionary work is done here
        names = _Names(doc)
        reported: set[int] = set()
        for start, end, found in self._headers(doc, headers, vocabulary, allowed):
            reported.add(start)
            yield self.report(
                Span(start, end),
                f"Column name {doc.text[start:end]!r} looks like a typo of {found!r}",
                fix=Fix.unsafe(Edit.replace(Span(start, end), found)),
            )
        # start -> (word, corrections, certain): only a certain correction is ever applied
        candidates: dict[int, tuple[str, tuple[str, ...], bool]] = {}
        for start, word, correction in self._anchor_typos(doc, names):
            candidates[start] = (word, (correction,), True)
        for miss in typos_run.result():
            after = masked[miss.start + len(miss.word) : miss.start + len(miss.word) + 1]
            if len(miss.word) < 4 or miss.word.isupper() or after in ("'", "’") or miss.word.lower() in allowed:
                continue  # acronyms, fragments of "doesn’t"
            if any(c.lower().startswith(miss.word.lower()) for c in miss.corrections):
                continue  # a truncation or abbreviation: "Poin", "Takin"
            if miss.start in candidates or names.name_or_identifier(miss.start, miss.word):
                continue
            candidates[miss.start] = (miss.word, miss.corrections, True)
        if near_mode != "off":
            candidates.update(self._near_misses(str(masked), candidates, names, allowed, vocabulary, near_mode))
        bullet_titles: dict[int, Span | None] = {}  # by the item's start: its title, asked for once
        for start in sorted(candidates):
            if start in reported:
                continue
            word, corrections, certain = candidates[start]
            span = Span(start, start + len(word))
            shown = " or ".join(repr(_match_case(word, c)) for c in corrections[:3])
            if any(t >> 32 <= start < t & END_MASK for t in titles) or self._in_bullet_title(doc, start, bullet_titles):
                yield self.report(
                    span,
                    f"{word!r} may be a typo of {shown}; it is in a paper title, so check the paper before changing it",
                )
                continue
            fix = None
            if certain and len(corrections) == 1:
                fix = Fix.unsafe(Edit.replace(span, _match_case(word, corrections[0])))
            yield self.report(span, f"{word!r} may be a typo of {shown}", fix=fix)

    @staticmethod
    def _in_bullet_title(doc: Document, start: int, known: dict[int, Span | None]) -> bool:
        """Whether ``start`` is in the title of a list item that is a paper
        (``- Title of the paper. [[PUB](…)]``), as :func:`papers.item_title` finds it. Asked
        only for a word already found misspelled, so a list without typos pays nothing."""
        item = item_at(doc, start)
        if item is None:
            return False
        key = item.text_span.start
        if key not in known:
            known[key] = item_title(doc, item)
        title = known[key]
        return title is not None and title.start <= start < title.end

    @staticmethod
    def _anchor_typos(doc: Document, names: _Names) -> Iterator[tuple[int, str, str]]:
        """A word in the text of a link to a heading (``[Research Ppaers](#research-papers)``)
        that is one edit from a word of the anchor it points to, and not itself in it: the
        heading the link names says how the word is spelt."""
        from ..knowledge import spelling

        text = doc.text
        for link in doc.links:
            if link.kind != "inline" or not link.url.startswith("#") or len(link.url) < 2:
                continue
            slug_words = set(_LETTERS.findall(link.url.lower()))
            text_start = link.span.start + 1
            for m in _WORD.finditer(text, text_start, text_start + len(link.text)):
                word = m.group(0)
                lower = word.lower()
                if len(word) < 4 or lower in slug_words or any(c.isupper() for c in word[1:]):
                    continue
                if text[m.end() : m.end() + 1] in ("'", "’") or spelling.known(lower):
                    continue  # a word of its own (Framework for #frameworks), not a misspelling
                close = [w for w in slug_words if len(w) >= 4 and edit_distance(lower, w, 1) <= 1]
                if len(close) == 1 and spelling.known(close[0]) and not _variant(lower, close[0]):
                    yield m.start(), word, _match_case(word, close[0])

    @staticmethod
    def _near_misses(
        masked: str,
        candidates: dict[int, tuple[str, tuple[str, ...], bool]],
        names: _Names,
        allowed: set[str],
        vocabulary: dict[str, str],
        mode: str,
    ) -> Iterator[tuple[int, tuple[str, tuple[str, ...], bool]]]:
        """Words no English dictionary knows that are one edit from a frequent word. In
        ``prose`` mode only lowercase words in running prose, edited inside the word (an edit
        at either end is how jargon is made: ``inotify``, ``printf``, ``shoulda``). Never
        certain, so never fixed."""
        from ..knowledge import spelling

        # two passes over the text rather than a list of every match: that list was a third
        # of the peak memory of a check
        counts = Counter(m.group(0).lower() for m in _LONG_WORD.finditer(masked))
        for m in _LONG_WORD.finditer(masked):
            word = m.group(0)
            lower = word.lower()
            # a misspelling is a one-off; a word used again is jargon, a name, or on purpose
            if counts[lower] > 1 or m.start() in candidates or "'" in word or "’" in word:
                continue
            if lower in allowed or lower in vocabulary:
                continue
            if not NEAR_MISS_LENGTH <= len(word) <= MAX_WORD or spelling.known(lower):
                continue
            if mode == "prose" and word != lower:
                continue
            if names.name_or_identifier(m.start(), word):
                continue
            left, right = names.token(m.start(), m.end())
            if (left, right) != (m.start(), m.end()):
                continue  # part of a compound: ratatui-based, cargo-binstall
            near = spelling.near_misses(lower)
            if any(c.startswith(lower) for c in near):
                continue  # a truncation or abbreviation: "IEEE Trans. Commun.", "Obscur"
            near = [c for c in near if not _variant(lower, c)]
            if word[0].isupper():  # most capitalised unknown words are names (Mamber, Gitter)
                near = [c for c in near if c[0] == lower[0] and spelling.edit_kind(lower, c) != "replace"]
            if mode == "prose":
                near = [c for c in near if _inner_edit(lower, c)]
            if near:
                yield m.start(), (word, tuple(near[:3]), False)

    @staticmethod
    def _headers(
        doc: Document, headers: array[int], vocabulary: dict[str, str], allowed: set[str]
    ) -> Iterator[tuple[int, int, str]]:
        from ..knowledge import spelling

        verdicts: dict[str, str | None] = {}  # the same header repeats in every year's table
        # what is found in each header text, by offsets in it: a list of many small tables repeats
        # one header thousands of times (a few thousand texts are kept, then forgotten)
        by_text: dict[str, list[tuple[int, int, str]]] = {}
        for packed in headers:
            start = packed >> 32
            text = doc.text[start : packed & END_MASK]
            found = by_text.get(text)
            if found is None:
                if len(by_text) >= 4096:
                    by_text.clear()
                found = by_text[text] = []
                if header_key(text) not in vocabulary:
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
                        correction = verdicts[lower]
                        if correction is not None:
                            found.append((m.start(), m.end(), _match_case(word, correction)))
            for begin, end, correction in found:
                yield start + begin, start + end, correction

    @staticmethod
    def _prose(doc: Document) -> tuple[spelling.Masked, array[int], array[int]]:
        """The document with everything but prose blanked (offsets kept), title cells, headers.

        A byte per character says keep (1) or blank (0); slices of it are set in C, which
        keeps this linear and cheap on a megabyte of Markdown.
        """
        text = doc.text
        n = len(text)
        mask = bytearray(n)
        titles = array("Q")
        headers = array("Q")

        def keep(start: int, end: int) -> None:
            mask[start:end] = b"\x01" * (end - start)

        def blank(start: int, end: int) -> None:
            mask[start:end] = bytes(end - start)

        src = doc.source
        for begin, end in doc.paragraph_lines:
            keep(src.line_start(begin), src.line_end(min(end, src.line_count) - 1))
        for at in doc.sections.content_ats:
            keep(at >> 32, at & END_MASK)
        for table in doc.tables:
            authors = _author_columns(header_keys(table.cell_texts(0)))
            title_at = title_column(table)
            headers.extend(table.cell_ats(0))
            for row in range(2, table.line_count):
                for i, at in enumerate(table.cell_ats(row)):
                    if i not in authors:
                        keep(at >> 32, at & END_MASK)
                    if i == title_at:
                        titles.append(at)
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
        for packed in headers:  # header names are checked against the column vocabulary only
            blank(packed >> 32, packed & END_MASK)
        # the kept runs, a packed int each: the masked text is made from them a piece at a time
        from ..knowledge.spelling import Masked

        runs = array("Q")
        append = runs.append
        for run in _KEPT.finditer(mask):
            append(run.start() << 32 | run.end())
        return Masked(text, runs), titles, headers


@lru_cache(maxsize=1024)
def _author_columns(keys: tuple[str, ...]) -> frozenset[int]:
    """The columns of a header (its :func:`header_keys`) that name authors: names, not prose."""
    return frozenset(i for i, key in enumerate(keys) if "author" in key)
