from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic
from ..engine.rule import Context, Rule
from ..markdown.inline import Backticks
from ..markdown.model import END_MASK, Document, Link, Span
from ..util import lazyre

_PAIRS = {")": "(", "]": "[", "}": "{"}
# full-width forms pair with their ASCII kin (``(╯°□°）╯`` closes), but are never blamed: CJK
# text uses them as punctuation of its own
_FULL_WIDTH = {"（": "(", "）": ")", "［": "[", "］": "]", "｛": "{", "｝": "}"}
_SIMPLE_LINK = lazyre.compile(r"!?\[[^\[\]()`\\]*\]\([^()\s`\\]*\)")
_BRACKET = lazyre.compile(r"[()\[\]{}（）［］｛｝]")
_ENUMERATOR = lazyre.compile(r"(?:^|(?<=\s))(?:[0-9]{1,2}|[a-zA-Z]|[ivx]{1,4})\)")
_SMILEY = lazyre.compile(r"[:;]-?[()\]\[]")
_ATTRIBUTE = r"""\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_TAG = lazyre.compile(
    rf"<(?:[A-Za-z][A-Za-z0-9-]*(?:{_ATTRIBUTE}){{0,32}}\s*/?>|/[A-Za-z][A-Za-z0-9-]*\s*>"
    r"|!--.{0,2000}?-->|[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{0,2000}>|[^\s<>@]+@[^\s<>@]+>)",
    re.DOTALL,
)
_BARE_URL = lazyre.compile(r"https?://(?:[^\s<>\[\]()]|\([^\s()]*\))+?(?=[).,;:]*(?:\s|$|[\]<>]))")


class UnbalancedBrackets(Rule):
    """Unmatched or mismatched ``( ) [ ] { }`` in a table cell or list item, such as
    ``(CVPR'23}``: usually a typo that also confuses readers and tools that parse venues.
    Code spans, link targets, URLs, HTML tags, ``1)``-style enumerators and smileys are ignored.
    An escaped bracket (``\\[``) or a full-width one (``）``) is shown on purpose: it balances a
    bracket it pairs with (``[[Web\\]](url)`` reads ``[Web]``), and is never blamed itself.
    A warning: the text reads oddly, but nothing is hidden or misleading."""

    code = "AL204"
    name = "unbalanced-brackets"
    summary = "Unmatched or mismatched brackets in a cell or list item"

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        text = doc.text
        for table in doc.tables:
            if not _BRACKET.search(text, table.span.start, table.span.end):
                continue  # most tables of a list of small ones: no bracket in any cell
            for row in table.text_rows():
                for column, at in enumerate(table.cell_ats(row)):
                    start, end = at >> 32, at & END_MASK
                    # the cell is made only when it has brackets other than plain links' (rare)
                    if _BRACKET.search(text, start, end) and _BRACKET.search(_SIMPLE_LINK.sub("", text[start:end])):
                        yield from self._check(doc, Span(start, end), table.cell(row, column).links)
        for item in doc.list_items:
            yield from self._check(doc, item.text_span, item.links)

    def _check(self, doc: Document, span: Span, links: tuple[Link, ...]) -> Iterator[Diagnostic]:
        text = doc.text[span.start : span.end]
        if not _BRACKET.search(text):
            return
        if not _BRACKET.search(_SIMPLE_LINK.sub("", text)):
            return  # only the brackets of plain links: the common case, decided without masking
        masked = list(text)

        def blank(start: int, end: int) -> None:
            for i in range(max(0, start), min(len(masked), end)):
                masked[i] = " "

        for link in links:  # the link's own syntax and target; its text stays checked
            start, end = link.span.start - span.start, link.span.end - span.start
            text_start = doc.text.find("[", link.span.start, link.span.end) - span.start
            blank(start, text_start + 1)
            close = text_start + 1 + len(link.text)
            blank(close, end)
        soft: set[int] = set()  # escaped or full-width: pairs, never blamed
        runs = Backticks(text, len(text))
        i = 0
        while i < len(text):
            c = text[i]
            if c == "\\":
                if i + 1 < len(masked) and masked[i + 1] in "()[]{}":
                    blank(i, i + 1)
                    soft.add(i + 1)
                else:
                    blank(i, i + 2)
                i += 2
            elif c == "`":
                j = runs.skip(i)
                blank(i, j)
                i = j
            elif c == "<":
                # only what CommonMark takes for a tag or an autolink (``<br>``, ``<a href=…>``,
                # ``</b>``, ``<https://…>``); ``(<think, <result)`` is text, and so are its brackets
                m = _TAG.match(text, i)
                if m is not None:
                    blank(i, m.end())
                    i = m.end()
                else:
                    i += 1
            else:
                i += 1
        flat = "".join(masked)
        for m in _BARE_URL.finditer(flat):
            blank(m.start(), m.end())
        for i, c in enumerate(masked):
            if c in _FULL_WIDTH:
                masked[i] = _FULL_WIDTH[c]
                soft.add(i)
        flat = "".join(masked)
        excused = {m.end() - 1 for m in _ENUMERATOR.finditer(flat)} | {m.end() - 1 for m in _SMILEY.finditer(flat)}
        stack: list[tuple[str, int]] = []
        for i, c in enumerate(flat):
            if c in "([{":
                stack.append((c, i))
            elif c in _PAIRS:
                while stack and stack[-1][0] != _PAIRS[c] and stack[-1][1] in soft:
                    stack.pop()  # a deliberate bracket left open is not blamed
                if stack and stack[-1][0] == _PAIRS[c]:
                    stack.pop()
                    continue
                if i in soft or (not stack and i in excused):
                    continue  # ``\\]``, ``）``, ``1)`` or ``:)``: not a typo
                if stack:
                    opener, at = stack[-1]
                    yield self.report(
                        Span(span.start + at, span.start + i + 1),
                        f"{opener!r} is closed by {c!r}: {text[at : i + 1][:60]!r}",
                    )
                else:
                    yield self.report(Span(span.start + i, span.start + i + 1), f"{c!r} has no opening bracket")
                return
        stack = [(c, at) for c, at in stack if at not in excused and at not in soft]
        if stack:
            opener, at = stack[0]
            yield self.report(Span(span.start + at, span.start + at + 1), f"{opener!r} is never closed")
