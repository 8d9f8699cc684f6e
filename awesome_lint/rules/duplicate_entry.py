from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import replace

from ..engine.diagnostics import Diagnostic, Severity
from ..engine.rule import Context, Rule
from ..knowledge.papers import Entry, entries, is_news, item_entry, row_entry, scope_of, title_column, where_listed
from ..markdown.model import Document

_KIND = {"arxiv": "arXiv id", "doi": "DOI", "openreview": "OpenReview id"}
CROSS_SECTION = ("warn", "ignore")
_CANDIDATES = 16


def _schemes(ids: tuple[str, ...] | set[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for ident in ids:
        out.setdefault(ident.partition(":")[0], set()).add(ident)
    return out


def _vetoed(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    """Two different ids of one kind (two arXiv ids, two DOIs) are two papers, whatever the titles."""
    return any(kind in b and not (ids & b[kind]) for kind, ids in a.items())


def _similar(a: str, b: str, share: float = 0.5) -> bool:
    """Two spellings of one title (a subtitle dropped, a word added), not two titles."""
    if not a or not b or a.startswith(b) or b.startswith(a):
        return True
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) >= share * len(wa | wb)


def _distinctive(title: str) -> bool:
    """Long enough that two entries sharing it are one work, not two articles of one name."""
    return len(title.split()) >= 6 and len(title) >= 30


class DuplicateEntry(Rule):
    """The same paper listed twice: the same normalised title, arXiv id, DOI or OpenReview id.

    Twice under one topic (its year sections included) is an error; copies under different
    topics are usually cross-listed on purpose (a timeline and a taxonomy), so they get one
    warning per paper naming every place. Different ids of one kind veto a title match, an id
    linked after an entry's own (``[IJCV]``) is a related paper, and titles are only matched
    when they can name a paper. Bullets in "News"/"Updates" sections are not entries."""

    code = "AL201"
    name = "duplicate-entry"
    summary = "The same paper is listed twice"
    severity = Severity.ERROR
    options = {"cross-section": "ignore", "allow-across-sections": False}
    choices = {"cross-section": CROSS_SECTION}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        cross = "ignore" if ctx.option("allow-across-sections") else ctx.option("cross-section")
        # What is kept of each entry is where it comes from, and its keys as hashes: an entry is
        # made again from its row or item only when another one shares a key with it (keeping
        # every entry with its strings was the largest part of a check's peak memory). A hash
        # shared by two different keys only makes two entries candidates: ``_same`` compares
        # the entries themselves.
        found = _Entries(doc)
        root: list[int] = []  # each entry's group: the index of its first copy
        # the ids of each group of more than one entry (a group of one has its entry's own), and
        # the entries seen under each key: an int until a second one comes, not a list per key
        group_ids: dict[int, set[str]] = {}
        by_key: dict[int, int | list[int]] = {}

        def ids_of(group: int) -> set[str] | tuple[str, ...]:
            return group_ids.get(group) or found[group].ids

        for entry in entries(doc, keyed=True):  # one without a title or an id is the same as no other
            if is_news(doc, entry.section):
                continue
            index = found.add(entry)
            root.append(index)
            # a title key has no ":" (title_key blanks punctuation) and every id has one
            keys = [hash(key) for key in ([entry.title, *entry.ids] if entry.title else entry.ids)]
            # each key remembers the first entry of every group it was seen in; a few are enough
            # (many papers sharing one title would otherwise make this quadratic)
            seen_under = [by_key.get(key, ()) for key in keys]
            candidates = sorted({c for seen in seen_under for c in ((seen,) if isinstance(seen, int) else seen)})
            candidates = candidates[:_CANDIDATES]
            mine = _schemes(entry.ids)
            for earlier in candidates:
                verdict = self._same(found[earlier], entry)
                if verdict == "wrong-link":
                    across = _scope(doc, found[earlier]) != _scope(doc, entry)
                    if not (across and cross == "ignore"):  # across topics, as often an entry citing it
                        yield self._wrong_link(doc, found[earlier], entry)
                    break
                if verdict and not _vetoed(mine, _schemes(ids_of(root[earlier]))):
                    root[index] = root[earlier]
                    break
            for key in keys:
                seen = by_key.get(key)
                if seen is None:
                    by_key[key] = index
                elif isinstance(seen, int):
                    if seen != index:
                        by_key[key] = [seen, index]
                elif len(seen) < _CANDIDATES and seen[-1] != index:
                    seen.append(index)
            group = root[index]
            if entry.ids and group != index:
                group_ids.setdefault(group, set(found[group].ids)).update(entry.ids)
        copies: dict[int, list[int]] = {}  # only groups of more than one entry
        for index, first in enumerate(root):
            if first != index:
                copies.setdefault(first, [first]).append(index)
        for first in sorted(copies):
            yield from self._report_group(doc, [found[i] for i in copies[first]], cross)

    @staticmethod
    def _same(a: Entry, b: Entry) -> str:
        """Whether ``b`` is ``a`` again: "same", "wrong-link" (one id, two different titles) or ""."""
        if a.primary is not None and a.primary == b.primary:
            if _similar(a.name, b.name):
                return "same"
            # two titles behind one id: one link is wrong; two models or datasets called by
            # identifiers (``gpt-oss-20b-Ja-Fin``, ``Qwen3-14B-Ja-Fin``) may share one report
            return "wrong-link" if a.prose and b.prose else ""
        if _vetoed(_schemes(a.ids), _schemes(b.ids)):
            return ""
        if set(a.ids) & set(b.ids) and _similar(a.title, b.title, 0.85):
            return "same"  # one paper, its links in another order
        if a.title and a.title == b.title:
            if not a.ids and not b.ids and a.url and b.url and a.url != b.url and not _distinctive(a.title):
                return ""  # two articles that share a name, each with its own link
            return "same"
        return ""  # a shared id linked after an entry's own is a related paper (a journal extension)

    def _wrong_link(self, doc: Document, first: Entry, entry: Entry) -> Diagnostic:
        """One id under two titles: a copy-pasted link, or one paper listed twice under two names.
        Under one topic either is a defect; across topics it is as often an entry that cites the
        paper (a model, a dataset), so there it is a warning."""
        kind, _, value = (entry.primary or "").partition(":")
        line = doc.position(first.span.start).line
        found = self.report(
            entry.span,
            f"Links to the same {_KIND[kind]} {value} as line {line} under a different title; "
            "one of the links is wrong, or the paper is listed twice",
        )
        if _scope(doc, first) != _scope(doc, entry):
            return replace(found, severity=Severity.WARNING)
        return found

    def _report_group(self, doc: Document, copies: list[Entry], cross: str) -> Iterator[Diagnostic]:
        scopes: dict[tuple[int | None, int], list[Entry]] = {}
        for entry in copies:
            scopes.setdefault(_scope(doc, entry), []).append(entry)
        for same in scopes.values():
            # rows naming different things (a dataset and its method, two metrics) may cite one paper
            by_label: dict[str, list[Entry]] = {}
            for entry in same:
                by_label.setdefault(entry.label, []).append(entry)
            for copies_of_one in by_label.values():
                first = copies_of_one[0]
                line = doc.position(first.span.start).line
                for entry in copies_of_one[1:]:
                    yield self.report(
                        entry.span, f"Same paper as line {line} ({_why(first, entry)}); remove one of them"
                    )
        if len(scopes) < 2 or cross == "ignore":
            return
        places = where_listed(doc, {scope: same[0].span.start for scope, same in scopes.items()})
        second = list(scopes.values())[1][0]
        yield replace(
            self.report(
                second.span,
                f"Same paper is listed in {len(scopes)} sections: {places}; "
                'fine if cross-listed on purpose (cross-section = "ignore")',
            ),
            severity=Severity.WARNING,
        )


class _Entries:
    """The entries of a check by number, each made again from its row or item when asked (the
    last few are kept: a copy is usually compared with what came just before)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        # a row as its table's number and its own (packed), an item as its number (negative): a
        # row kept as an object was about 300 bytes, and a list of papers is mostly rows
        self.rows = array("q")
        self.recent: dict[int, Entry] = {}

    def add(self, entry: Entry) -> int:
        index = len(self.rows)
        if entry.item is not None:
            self.rows.append(-1 - entry.item.index)
        else:
            assert entry.table is not None and entry.number is not None
            self.rows.append(entry.table.index << 32 | entry.number)
        self._keep(index, entry)
        return index

    def __getitem__(self, index: int) -> Entry:
        known = self.recent.get(index)
        if known is not None:
            return known
        row = self.rows[index]
        if row < 0:
            made = item_entry(self.doc, self.doc.list_items[-1 - row])
        else:
            table = self.doc.tables[row >> 32]
            number = row & 0xFFFFFFFF
            made = row_entry(table, title_column(table), table.row(number), number)
        assert made is not None  # it was an entry when it was added, and the document is the same
        self._keep(index, made)
        return made

    def _keep(self, index: int, entry: Entry) -> None:
        if len(self.recent) >= 64:
            del self.recent[next(iter(self.recent))]
        self.recent[index] = entry


def _scope(doc: Document, entry: Entry) -> tuple[int | None, int]:
    return scope_of(doc, entry.section, entry.span.start)


def _why(first: Entry, entry: Entry) -> str:
    shared = [i for i in entry.ids if i in first.ids]
    if shared:
        kind, _, value = shared[0].partition(":")
        return f"the same {_KIND[kind]} {value}"
    return "the same title"
