"""Find links in inline Markdown source, with exact offsets.

markdown-it's inline tokens carry no positions, so links are found here, directly in the
source, following CommonMark closely enough for a linter: code spans hide what they contain,
backslash escapes are honoured, link text may nest brackets and images, destinations may be
``<...>`` or bare with balanced parentheses, and reference links resolve against the
document's definitions. Inline HTML ``<a href>`` and ``<img src>`` are reported as ``html``.
"""

from __future__ import annotations

from collections.abc import Callable

from ..util import lazyre
from .model import Holder, LinkKind, LinkStore, pack

_SPECIAL = lazyre.compile(r"[\\`\[<]")
_BRACKET_SPECIAL = lazyre.compile(r"[\\`\[\]]")
_MAX_NESTING = 32  # parentheses in a destination, as markdown-it allows
_AUTOLINK = lazyre.compile(r"<([A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\x00-\x20]*)>")
_EMAIL = lazyre.compile(
    r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)
_TAG = lazyre.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>"
)
_ATTR = lazyre.compile(r"([A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
_ESCAPABLE = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

Resolver = Callable[[str], "str | None"]


def unescape(text: str) -> str:
    """Resolve backslash escapes of ASCII punctuation, as CommonMark does in destinations."""
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            out.append(text[i + 1])
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


class Backticks:
    """Where backtick runs of each length were last seen in ``text[..end]``: a memory that
    makes code spans linear, as markdown-it's ``state.backticks`` does.

    Without it, every unclosed run searches to the end for a closer of its length, and a
    line of runs of growing length (`` ` `` ... ``````) costs the square of its size.
    Once one search has reached ``end``, the last run of every length is known, and a run
    with no closer is answered at once. One instance serves one ``(text, end)`` and calls
    made left to right.
    """

    __slots__ = ("end", "last", "scanned", "text")

    def __init__(self, text: str, end: int) -> None:
        self.text = text
        self.end = end
        self.last: dict[int, int] = {}  # run length -> start of the last such run seen
        self.scanned = False  # a search has reached ``end``: ``last`` knows every length

    def skip(self, i: int) -> int:
        """``text[i]`` starts a backtick run: the index after its code span, or after the run."""
        text, end = self.text, self.end
        j = i
        while j < end and text[j] == "`":
            j += 1
        run = j - i
        if self.scanned and self.last.get(run, -1) < j:
            return j  # no run of this length after it: the backticks are literal
        last = self.last
        k = j
        while True:
            k = text.find("`", k, end)
            if k == -1:
                self.scanned = True
                return j
            m = k + 1
            while m < end and text[m] == "`":
                m += 1
            if last.get(m - k, -1) < k:
                last[m - k] = k
            if m - k == run:
                return m
            k = m


def skip_code_span(text: str, i: int, end: int, runs: Backticks | None = None) -> int:
    """``text[i]`` is a backtick: return the index after the code span, or after the run.

    Pass the same ``runs`` (a :class:`Backticks` for ``text`` and ``end``) to calls made left
    to right over one region, or the cost is quadratic in the number of unclosed runs.
    """
    return (runs if runs is not None and runs.end == end else Backticks(text, end)).skip(i)


def code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` of every inline code span in ``text[start:end]``."""
    spans = []
    runs = Backticks(text, end)
    i = text.find("`", start, end)
    while i != -1:
        j = runs.skip(i)
        run = 0
        while i + run < end and text[i + run] == "`":
            run += 1
        if j > i + run:  # a closed span, not a literal run of backticks
            spans.append((i, j))
        i = text.find("`", j, end)
    return spans


# a link found, before it is added to the document's links: kind, text, url, at, url_at,
# holder, title, label (the arguments of :meth:`LinkStore.add`)
Found = tuple[LinkKind, str, str, int, int, Holder, str, str]


def html_links(tag_text: str, offset: int, holder: Holder) -> list[Found]:
    """Links inside one HTML tag: ``<a href>``, ``<img src>``; the tag is at ``offset`` in the
    document's text."""
    m = _TAG.match(tag_text)
    if not m or m.group(1):
        return []
    name = m.group(2).lower()
    wanted = {"a": "href", "img": "src", "source": "srcset"}.get(name)
    if not wanted:
        return []
    attrs_start = m.start(3)
    for am in _ATTR.finditer(m.group(3)):
        if am.group(1).lower() != wanted or am.group(2) is None:
            continue
        raw = am.group(2)
        value_start = attrs_start + am.start(2)
        if raw[:1] in "\"'":
            raw = raw[1:-1]
            value_start += 1
        span = pack(offset + value_start, offset + value_start + len(raw))
        return [("html", "", raw, pack(offset, offset + len(tag_text)), span, holder, "", "")]
    return []


def bracket_pairs(text: str, start: int, end: int) -> dict[int, int]:
    """Each ``[`` in ``text[start:end]`` with its matching ``]``, found in one pass.

    Escapes and code spans are skipped as CommonMark does. Searching forward from every
    ``[`` instead would be quadratic on a line of unmatched brackets.
    """
    pairs: dict[int, int] = {}
    stack: list[int] = []
    runs = Backticks(text, end)
    j = start
    find = _BRACKET_SPECIAL.search
    while True:
        m = find(text, j, end)
        if m is None:
            return pairs
        j = m.start()
        c = text[j]
        if c == "\\":
            j += 2
        elif c == "`":
            j = runs.skip(j)
        elif c == "[":
            stack.append(j)
            j += 1
        else:
            if stack:
                pairs[stack.pop()] = j
            j += 1


def _skip_ws(text: str, j: int, end: int, newlines: int = 1) -> int:
    while j < end and (text[j] in " \t" or (text[j] == "\n" and newlines > 0)):
        if text[j] == "\n":
            newlines -= 1
        j += 1
    return j


_PLAIN_DESTINATION = lazyre.compile(r"[^\x00-\x20()<>\\]*\)")


def _parse_destination(text: str, j: int, end: int) -> tuple[int, int, int, str] | None:
    """``text[j-1]`` is ``(``: parse ``dest "title")``; return (dest_start, dest_end, after, title)."""
    plain = _PLAIN_DESTINATION.match(text, j, end)
    if plain is not None:  # the common case: ``(https://...)`` with nothing special inside
        return j, plain.end() - 1, plain.end(), ""
    j = _skip_ws(text, j, end)
    if j < end and text[j] == "<":
        k = j + 1
        while k < end and text[k] not in "<>\n":
            if text[k] == "\\":
                k += 1
            k += 1
        if k >= end or text[k] != ">":
            return None
        dest_start, dest_end = j + 1, k
        j = k + 1
    else:
        dest_start = j
        depth = 0
        while j < end:
            c = text[j]
            if c == "\\" and j + 1 < end:
                j += 2
                continue
            if c <= " ":
                break
            if c == "(":
                depth += 1
                if depth > _MAX_NESTING:
                    return None
            elif c == ")":
                if depth == 0:
                    break
                depth -= 1
            j += 1
        if depth != 0:
            return None
        dest_end = j
    before_title = j
    j = _skip_ws(text, j, end)
    title = ""
    if j < end and text[j] in "\"'(" and j > before_title:
        closer = ")" if text[j] == "(" else text[j]
        k = j + 1
        while k < end and text[k] != closer:
            if text[k] == "\\":
                k += 1
            k += 1
        if k >= end:
            return None
        title = text[j + 1 : k]
        j = _skip_ws(text, k + 1, end)
    if j < end and text[j] == ")":
        return dest_start, dest_end, j + 1, title
    return None


def scan_links(
    store: LinkStore,
    start: int,
    end: int,
    holder: Holder,
    resolve: Resolver | None = None,
) -> int:
    """All links in ``store.text[start:end]``, added to ``store`` in source order with absolute
    spans: their numbers, ``first << 32 | count``.

    Each link is added as it is found (a list of them all first, on a paragraph of 100,000
    links, was more than all of the model): a link inside another's text (a badge in a link)
    is found before it, and the run is put in order after."""
    text = store.text
    first = len(store)
    if _SPECIAL.search(text, start, end) is None:
        return first << 32  # no link can start here: most paragraphs of prose
    pairs = bracket_pairs(text, start, end) if text.find("[", start, end) != -1 else {}
    _scan(text, start, end, holder, resolve, store.add, pairs)
    count = len(store) - first
    if count > 1:
        store.sort_from(first)
    return first << 32 | count


# :meth:`LinkStore.add`, which :func:`_scan` adds each link it finds with
Add = Callable[[LinkKind, str, str, int, int, Holder, str, str], int]


def _scan(
    text: str,
    pos: int,
    end: int,
    holder: Holder,
    resolve: Resolver | None,
    add: Add,
    pairs: dict[int, int],
) -> None:
    search = _SPECIAL.search
    runs: Backticks | None = None
    while True:
        m = search(text, pos, end)
        if m is None:
            return
        i = m.start()
        c = text[i]
        if c == "\\":
            pos = i + 2
            continue
        if c == "`":
            if runs is None:
                runs = Backticks(text, end)
            pos = runs.skip(i)
            continue
        if c == "<":
            am = _AUTOLINK.match(text, i, end) or _EMAIL.match(text, i, end)
            if am:
                url = am.group(1)
                if "@" in url and ":" not in url:
                    url = "mailto:" + url
                add("autolink", am.group(1), url, pack(i, am.end()), pack(i + 1, am.end() - 1), holder, "", "")
                pos = am.end()
                continue
            tm = _TAG.match(text, i, end)
            if tm:
                for found in html_links(tm.group(0), i, holder):
                    add(*found)
                pos = tm.end()
                continue
            pos = i + 1
            continue
        # c == "["
        link_end = _try_link(text, i, end, holder, resolve, add, pairs)
        pos = link_end if link_end > i else i + 1


def _try_link(
    text: str,
    i: int,
    end: int,
    holder: Holder,
    resolve: Resolver | None,
    add: Add,
    pairs: dict[int, int],
) -> int:
    close = pairs.get(i, -1)
    if close == -1 or close >= end:
        return -1
    image = i > 0 and text[i - 1] == "!" and not (i > 1 and text[i - 2] == "\\")
    start = i - 1 if image else i
    kind: LinkKind = "image" if image else "inline"
    label_text = text[i + 1 : close]
    after = close + 1
    if after < end and text[after] == "(":
        parsed = _parse_destination(text, after + 1, end)
        if parsed is not None:
            dest_start, dest_end, link_end, title = parsed
            # links inside the text (images in badges) are links of their own
            _scan(text, i + 1, close, holder, resolve, add, pairs)
            # the text is read where it is written (LinkStore.add)
            dest = unescape(text[dest_start:dest_end])
            add(kind, label_text, dest, pack(start, link_end), pack(dest_start, dest_end), holder, title, "")
            return link_end
    if resolve is None:
        return -1
    label = label_text
    label_span = pack(i + 1, close)
    link_end = after
    if after < end and text[after] == "[":
        label_close = text.find("]", after + 1, end)
        if label_close != -1 and "[" not in text[after + 1 : label_close]:
            if label_close > after + 1:
                label = text[after + 1 : label_close]
                label_span = pack(after + 1, label_close)
            link_end = label_close + 1
    url = resolve(label)
    if url is None:
        return -1
    _scan(text, i + 1, close, holder, resolve, add, pairs)
    kind = "image" if image else "reference"
    add(kind, label_text, url, pack(start, link_end), label_span, holder, "", label)
    return link_end
