"""A unified diff of a fix, in time linear in the file's length.

``difflib.unified_diff`` is quadratic on repetitive lines (a list of thousands of small tables
repeats ``| --- | --- |`` and blank lines everywhere): 86 s on 2,500 tables. Fixes never move
text around, they rewrite it where it is, so the two versions can be lined up cheaply:

1. lines that occur exactly once in each version are anchors (as in patience diff), kept in
   the order both versions agree on (a longest increasing subsequence, n log n);
2. between two anchors, common leading and trailing lines are matched; what is left is
   small (a rewritten table) and goes to difflib, bounded in size, or, when a gap is large
   and has no anchor (thousands of identical tables), is lined up by a greedy walk that
   looks a fixed number of lines ahead for the next equal pair.

Any alignment gives a correct diff; these choices only make it a short one. Lines are
compared with their own line endings, so a CRLF file gets a CRLF diff that ``patch`` and
``git apply`` accept, and a last line without a newline is marked as unified diffs do.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
from collections.abc import Iterator, Sequence

Opcode = tuple[str, int, int, int, int]

SMALL = 120  # a gap with no more lines than this on either side goes to difflib
AHEAD = 40  # how far the greedy walk looks for the next equal pair of lines

NO_NEWLINE = "\\ No newline at end of file\n"


def _anchors(a: Sequence[int], alo: int, ahi: int, b: Sequence[int], blo: int, bhi: int) -> list[tuple[int, int]]:
    """Pairs (i, j) of lines unique in both ranges, in an order both sides agree on."""
    count_a: dict[int, int] = {}
    for i in range(alo, ahi):
        count_a[a[i]] = count_a.get(a[i], 0) + 1
    where_b: dict[int, int] = {}
    count_b: dict[int, int] = {}
    for j in range(blo, bhi):
        count_b[b[j]] = count_b.get(b[j], 0) + 1
        where_b[b[j]] = j
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and count_b.get(a[i]) == 1]
    # longest increasing subsequence of the j's (patience sorting)
    tails: list[int] = []  # tails[k]: smallest j ending an increasing run of length k + 1
    tail_index: list[int] = []
    back: list[int] = []
    for index, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[k] = j
            tail_index[k] = index
        back.append(tail_index[k - 1] if k else -1)
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    chain.reverse()
    return chain


def _greedy(a: Sequence[int], alo: int, ahi: int, b: Sequence[int], blo: int, bhi: int) -> Iterator[tuple[int, int]]:
    """Equal pairs found by walking both ranges, looking ``AHEAD`` lines for a resync."""
    i, j = alo, blo
    while i < ahi and j < bhi:
        if a[i] == b[j]:
            yield i, j
            i, j = i + 1, j + 1
            continue
        first_b: dict[int, int] = {}
        for dj in range(min(AHEAD, bhi - j)):
            first_b.setdefault(b[j + dj], dj)
        best: tuple[int, int] | None = None
        for di in range(min(AHEAD, ahi - i)):
            if best is not None and di >= best[0] + best[1]:
                break
            found = first_b.get(a[i + di])
            if found is not None and (best is None or di + found < best[0] + best[1]):
                best = (di, found)
        if best is None:  # nothing equal close by: this stretch is replaced
            i, j = i + min(AHEAD, ahi - i), j + min(AHEAD, bhi - j)
        else:
            i, j = i + best[0], j + best[1]


def _matches(a: Sequence[int], b: Sequence[int]) -> list[tuple[int, int]]:
    """Every matched pair (i, j), increasing in both."""
    out: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b), True)]
    while stack:
        alo, ahi, blo, bhi, anchored = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            out.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        tail = []
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            tail.append((ahi, bhi))
        if alo < ahi and blo < bhi:
            if ahi - alo <= SMALL and bhi - blo <= SMALL:
                matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
                for block in matcher.get_matching_blocks():
                    out.extend((alo + block.a + k, blo + block.b + k) for k in range(block.size))
            elif anchored and (chain := _anchors(a, alo, ahi, b, blo, bhi)):
                # the gaps between anchors, pushed so that they pop in order; no anchoring again
                # inside them, which keeps the cost linear
                bounds = [(alo - 1, blo - 1), *chain, (ahi, bhi)]
                pending = []
                for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
                    pending.append((i0 + 1, i1, j0 + 1, j1, False))
                    if i1 < ahi:
                        pending.append((i1, i1 + 1, j1, j1 + 1, False))
                stack.extend(reversed(pending))
                out.extend(reversed(tail))
                continue
            else:
                out.extend(_greedy(a, alo, ahi, b, blo, bhi))
        out.extend(reversed(tail))
    out.sort()
    return out


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """difflib-style opcodes turning ``a`` into ``b``."""
    ids: dict[str, int] = {}
    ia = [ids.setdefault(line, len(ids)) for line in a]
    ib = [ids.setdefault(line, len(ids)) for line in b]
    codes: list[Opcode] = []
    i = j = 0
    for mi, mj in [*_matches(ia, ib), (len(a), len(b))]:
        if mi > i or mj > j:
            tag = "replace" if mi > i and mj > j else ("delete" if mi > i else "insert")
            codes.append((tag, i, mi, j, mj))
        if mi < len(a):
            if codes and codes[-1][0] == "equal":
                codes[-1] = ("equal", codes[-1][1], mi + 1, codes[-1][3], mj + 1)
            else:
                codes.append(("equal", mi, mi + 1, mj, mj + 1))
        i, j = mi + 1, mj + 1
    return codes


def _groups(codes: list[Opcode], n: int) -> Iterator[list[Opcode]]:
    """Hunks: changes with ``n`` lines of context, as ``SequenceMatcher.get_grouped_opcodes``."""
    if not codes or (len(codes) == 1 and codes[0][0] == "equal"):
        return
    codes = list(codes)
    if codes[0][0] == "equal":
        _, i1, i2, j1, j2 = codes[0]
        codes[0] = ("equal", max(i1, i2 - n), i2, max(j1, j2 - n), j2)
    if codes[-1][0] == "equal":
        _, i1, i2, j1, j2 = codes[-1]
        codes[-1] = ("equal", i1, min(i2, i1 + n), j1, min(j2, j1 + n))
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * n:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _range(start: int, stop: int) -> str:
    length = stop - start
    beginning = start + 1 if length else start
    return str(beginning) if length == 1 else f"{beginning},{length}"


def _line(mark: str, line: str) -> str:
    return mark + line if line.endswith("\n") else mark + line + "\n" + NO_NEWLINE


def _lines(text: str) -> list[str]:
    """Lines with their endings, split at "\\n" only (``str.splitlines`` also splits at form
    feeds and U+2028, which are ordinary characters in a Markdown line)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def unified_diff(old: str, new: str, fromfile: str, tofile: str, context: int = 3) -> str:
    """The unified diff from ``old`` to ``new`` ("" when they are equal)."""
    a, b = _lines(old), _lines(new)
    out: list[str] = []
    for group in _groups(opcodes(a, b), context):
        if not out:
            out += [f"--- {fromfile}\n", f"+++ {tofile}\n"]
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out.extend(_line(" ", line) for line in a[i1:i2])
                continue
            out.extend(_line("-", line) for line in a[i1:i2])
            out.extend(_line("+", line) for line in b[j1:j2])
    return "".join(out)
