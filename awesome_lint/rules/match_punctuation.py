from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Severity
from ..engine.rule import Context, Rule
from ..knowledge.awesome import PRESET, prose
from ..markdown.model import Document, Span
from ..util import lazyre

# curly quotes, CJK brackets and straight double quotes, as the Node awesome-lint pairs them;
# ( ) and [ ] are unbalanced-brackets' (AL204) to check
PAIRS = (
    ("\u201c", "\u201d"),
    ("\u2018", "\u2019"),
    ("\u300e", "\u300f"),
    ("\uff08", "\uff09"),
    ("\u300a", "\u300b"),
    ("\u300c", "\u300d"),
    ("\u3010", "\u3011"),
)
SYMMETRIC = ('"',)
_CJK_BRACKETS = frozenset("\u300e\u300f\uff08\uff09\u300a\u300b\u300c\u300d\u3010\u3011")
_OPEN = {left: right for left, right in PAIRS}
_CLOSE = {right: left for left, right in PAIRS}
_AFTER_APOSTROPHE = set(' \t\n.,;:!?()[]{}"\u201c\u201d\u2018\u2019\u2014\u2013')


def _word(char: str) -> bool:
    """A character of a word that can take an apostrophe: letters of a cased script (Latin,
    Greek, Cyrillic), digits. Chinese has no apostrophes: ‘小羊驼类’ is quoted."""
    return char.isdigit() or char == "_" or (char.isalpha() and char.lower() != char.upper())


_CJK = lazyre.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def is_apostrophe(text: str, i: int) -> bool:
    """``don't``, ``students'``: a quote mark inside or at the end of a word."""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return _word(before) and (not after or _word(after) or after in _AFTER_APOSTROPHE)


class MatchPunctuation(Rule):
    """Quotes and CJK brackets that are opened and never closed, or closed and never opened:
    “…”, ‘…’, 「…」, 《…》, （…）, and straight double quotes. An apostrophe (``don't``,
    ``users’``) is not a quote."""

    code = "AL608"
    name = "match-punctuation"
    summary = "A quote or CJK bracket is not closed (or not opened)"
    severity = Severity.ERROR
    default_enabled = False
    presets = (PRESET,)
    aliases = ("balanced-punctuation",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for start, text in prose(doc):
            stack: list[tuple[str, int]] = []
            expecting_close = dict.fromkeys(SYMMETRIC, False)
            cjk = bool(_CJK.search(text))
            for i, char in enumerate(text):
                if char in "\u2019'" and is_apostrophe(text, i):
                    after = text[i + 1] if i + 1 < len(text) else ""
                    if not (char == "\u2019" and not _word(after) and any(c == "\u2018" for c, _ in stack)):
                        continue  # an apostrophe; but ’ at a word's end closes an open ‘: ‘lasso’.
                if not cjk and (char in _CJK_BRACKETS):
                    continue  # a fullwidth bracket in a line with no CJK text is a kaomoji: (╯°□°）╯
                if char in SYMMETRIC:
                    if not expecting_close[char]:
                        stack.append((char, i))
                        expecting_close[char] = True
                    elif stack and stack[-1][0] == char:
                        stack.pop()
                        expecting_close[char] = False
                    else:  # a quote closing across another pair: report it, and start over
                        yield self.report(Span(start + i, start + i + 1), f"closing {char} without an opening {char}")
                        expecting_close[char] = False
                elif char in _OPEN:
                    stack.append((char, i))
                elif char in _CLOSE:
                    opener = _CLOSE[char]
                    found = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == opener), None)
                    if found is None:
                        yield self.report(Span(start + i, start + i + 1), f"closing {char} without an opening {opener}")
                    else:
                        del stack[found]
            for char, i in stack:
                close = _OPEN.get(char, char)
                before = text[i - 1] if i else ""
                if char == "\u2018" and (_word(before) or before in ")]"):
                    message = "\u2018 after a word is an apostrophe turned the wrong way: write \u2019 (It\u2019s)"
                else:
                    message = f"{char} is never closed: add the matching {close}"
                yield self.report(Span(start + i, start + i + 1), message)
