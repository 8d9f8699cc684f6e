"""Small text helpers shared by rules."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Damerau-Levenshtein distance (an adjacent transposition counts as one edit), capped."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospace editor: wide CJK and emoji count two."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufe0e\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters for a message, with ``…`` where it was cut: a URL
    cut without one reads as a whole, wrong URL."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plural(count: int, word: str, plural_form: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural_form or word + 's')}"


def did_you_mean(word: str, candidates: list[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest candidate, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.7)
    return f"; did you mean {close[0]!r}?" if close else ""


def dominant(counts: Counter[T]) -> T | None:
    """The most common value, or None when there is a tie for first place."""
    top = counts.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def occurring(needles: Iterable[str], text: str) -> set[str]:
    """The ``needles`` that occur in ``text``, as ``needle in text`` says.

    Asking each needle in turn reads the text once per needle: a ToC with a description on
    every line, asked for each of its headings, was quadratic. A large question is answered
    in one pass over the text (Aho-Corasick: a trie of the needles, each node linked to the
    longest proper suffix of its path that is also in the trie)."""
    wanted = set(needles)
    found = {""} & wanted  # the empty string is in every text
    wanted.discard("")
    if len(text) * len(wanted) <= 1_000_000:  # small: each needle searched in C
        return found | {needle for needle in wanted if needle in text}
    goto: list[dict[str, int]] = [{}]
    ends: list[str | None] = [None]  # the needle spelled by each node's path, if one is
    for needle in wanted:
        node = 0
        for ch in needle:
            nxt = goto[node].get(ch)
            if nxt is None:
                nxt = len(goto)
                goto[node][ch] = nxt
                goto.append({})
                ends.append(None)
            node = nxt
        ends[node] = needle
    fail = [0] * len(goto)
    below = [0] * len(goto)  # the nearest node on the failure chain that ends a needle (0: none)
    order = list(goto[0].values())  # breadth first: a node's failure link is known before its children's
    for node in order:
        for ch, nxt in goto[node].items():
            order.append(nxt)
            back = fail[node]
            while back and ch not in goto[back]:
                back = fail[back]
            fail[nxt] = goto[back].get(ch, 0)
            below[nxt] = fail[nxt] if ends[fail[nxt]] is not None else below[fail[nxt]]
    seen = [False] * len(goto)  # a node whose needles (its own and down its chain) are found
    node = 0
    for ch in text:
        while node and ch not in goto[node]:
            node = fail[node]
        node = goto[node].get(ch, 0)
        out = node if ends[node] is not None else below[node]
        while out and not seen[out]:
            seen[out] = True
            found.add(ends[out])  # type: ignore[arg-type]
            out = below[out]
    return found
