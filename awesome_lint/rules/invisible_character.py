from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix, Severity
from ..engine.rule import Context, Fixable, Rule
from ..markdown.model import Document, Span
from ..util import lazyre

_INVISIBLE = lazyre.compile("[\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_REMOVE = {
    "\u200b": "zero-width space",
    "\u00ad": "soft hyphen",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space (BOM)",
}


def _emoji_neighbour(text: str, i: int) -> bool:
    """A joiner between two emoji (👩‍🔬) or after an emoji's variation selector belongs there."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before == "\ufe0f" and i > 1:
        before = text[i - 2]
    return unicodedata.category(before) == "So" and unicodedata.category(after) == "So" if before and after else False


class InvisibleCharacter(Rule):
    """Characters nobody sees: no-break spaces inside text, zero-width spaces, word joiners, soft
    hyphens, stray byte-order marks, and bidirectional controls. The invisible ones break
    search and copy-paste (``RBC: Rectifying the\\u00a0Biased Context`` does not match a
    search for "the Biased"); bidirectional controls (U+202A–U+202E, U+2066–U+2069) can make a line
    display differently from what it says, so they are errors and never fixed automatically.
    Zero-width joiners inside emoji sequences, non-joiners between letters (Persian) and a
    no-break space put there as typesetters do (after a dash, around French punctuation,
    between a number and its unit) are fine. Code blocks are not checked.

    Every fix is unsafe: the character is in the HTML GitHub serves (a no-break space keeps two
    words on one line, a soft hyphen shows where the word breaks), so removing it changes the
    page, however little a reader notices."""

    code = "AL403"
    name = "invisible-character"
    summary = "No-break spaces, zero-width characters, soft hyphens or bidirectional controls in text"
    fixable = Fixable.SOMETIMES
    safe_fixes = False

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        text = doc.text
        src = doc.source
        # one finding per kind of character per line, with one fix for all of them: a line of
        # author names pasted with no-break spaces is one problem, not twelve
        groups: dict[tuple[int, str], list[Edit]] = {}
        for m in _INVISIBLE.finditer(text):
            i = m.start()
            ch = m.group(0)
            line = src.line_index(i)
            if line in doc.code_lines:
                continue
            span = Span(i, i + 1)
            name = unicodedata.name(ch, f"U+{ord(ch):04X}")
            if ch in _BIDI:
                yield _with_severity(
                    self.report(
                        span,
                        f"Bidirectional control U+{ord(ch):04X} ({name}) can hide what this line says; "
                        "remove it by hand",
                    ),
                    Severity.ERROR,
                )
            elif ch == "\u00a0":
                if not _typographic(text, i):
                    groups.setdefault((line, ch), []).append(Edit.replace(span, " "))
            elif ch in ("\u200d", "\u200c"):
                if ch == "\u200d" and not _emoji_neighbour(text, i):
                    groups.setdefault((line, ch), []).append(Edit.delete(span))
            elif ch == "\ufeff" and i == 0:
                continue
            else:
                groups.setdefault((line, ch), []).append(Edit.delete(span))
        for (_, ch), edits in sorted(groups.items(), key=lambda kv: kv[1][0].start):
            more = f" ({len(edits)} on this line)" if len(edits) > 1 else ""
            if ch == "\u00a0":
                message = f"No-break space inside text{more}; use a normal space"
            elif ch == "\u200d":
                message = f"Zero-width joiner outside an emoji sequence{more}"
            else:
                message = f"Invisible {_REMOVE[ch]} (U+{ord(ch):04X}) in text{more}"
            yield self.report(Span(edits[0].start, edits[-1].end), message, fix=Fix.unsafe(*edits))


_DASHES_AND_MARKS = frozenset("-\u2013\u2014\u2012\u00ab\u00bb\u2039\u203a:;!?%\u20ac$\u00a3")


def _typographic(text: str, i: int) -> bool:
    """A no-break space put there on purpose, as typesetters do: after a dash
    (``– A tool``), around French punctuation (``« mot »``, ``Attention !``), or between a
    number and its unit (``10 km``, ``5 %``). It keeps the two together at a line break."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if before in _DASHES_AND_MARKS or after in _DASHES_AND_MARKS:
        return True
    return before.isdigit() and (after.isalpha() or after in "%")


def _with_severity(d: Diagnostic, severity: Severity) -> Diagnostic:
    from dataclasses import replace

    return replace(d, severity=severity)
