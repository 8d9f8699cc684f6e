from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix, Severity
from ..engine.rule import Context, Fixable, Rule
from ..markdown.inline import code_spans
from ..markdown.model import Document, Span
from ..util import lazyre

# characters that UTF-8 bytes turn into when read as Latin-1, Windows-1252 or Mac Roman
_SUSPECT = (
    "\u0080-\u00ff\u0131\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02c7\u02d8-\u02dd\u03a9\u03c0"
    "\u2013-\u2044\u20ac\u2122\u2202\u2206\u220f\u2211\u221a\u221e\u222b\u2248\u2260\u2264\u2265\u25ca\uf8ff\ufb01\ufb02"
)
_RUN = lazyre.compile(f"[{_SUSPECT}]{{2,}}")


def _decode(run: str, codec: str) -> str | None:
    try:
        fixed = run.encode(codec).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return fixed if fixed != run else None


def repair(run: str) -> tuple[str | None, str]:
    """The original text of a mojibake run and how it was garbled, or (None, "")."""
    # a run that is exactly UTF-8 read through one codec is repaired without loading ftfy
    # (its import costs more than checking a whole list); ftfy untangles the rest
    for codec, how in (("cp1252", "Windows-1252"), ("mac_roman", "Mac Roman"), ("latin-1", "Latin-1")):
        repaired = _decode(run, codec)
        if repaired is not None:
            return repaired, how
    import ftfy

    fixed = ftfy.fix_encoding(run)
    if fixed != run:
        return fixed, "ftfy"
    return None, ""


def lost_first_byte(run: str) -> str | None:
    """``üéì`` is 🎓 (F0 9F 8E 93) read as Mac Roman with its first byte gone: guess it back."""
    try:
        body = run.encode("mac_roman")
    except UnicodeEncodeError:
        return None
    if not body or not 0x80 <= body[0] <= 0xBF:
        return None
    for lead in (b"\xf0", b"\xe2", b"\xe2\x80"):
        try:
            guess = (lead + body).decode("utf-8")
        except UnicodeDecodeError:
            continue
        if guess and all(unicodedata.category(c) in ("So", "Sk", "Mn", "Cf", "Po", "Pd", "Pi", "Pf") for c in guess):
            return guess
    return None


def repaired(text: str) -> str:
    """``text`` with every mojibake run this rule would repair repaired: what a heading will say
    after ``fix --unsafe-fixes`` (the table of contents is checked against that)."""
    if text.isascii():
        return text
    return _RUN.sub(lambda m: repair(m.group(0))[0] or m.group(0), text)


class Mojibake(Rule):
    """UTF-8 text that went through the wrong codec: ``Ã©`` for ``é``, ``â€™`` for ``’``,
    ``Â `` for a no-break space, and the Mac Roman forms (``‚≠êÔ∏è`` for ``⭐️``, ``√º`` for
    ``ü``). Repaired with ftfy's ``fix_encoding``, or by reading the run back as Mac Roman,
    Windows-1252 or Latin-1 (an unsafe fix: check the result). Where a byte was lost and no
    exact repair exists (``üéì``: 🎓 without its first byte), it is reported as unfixable with
    the likely original."""

    code = "AL402"
    name = "mojibake"
    summary = "Text garbled by the wrong character encoding"
    severity = Severity.ERROR
    fixable = Fixable.SOMETIMES
    safe_fixes = False

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        text = doc.text
        if text.isascii():
            return
        src = doc.source
        for m in _RUN.finditer(text):
            index = src.line_index(m.start())
            if index in doc.code_lines:
                continue
            spans = code_spans(text, src.line_start(index), src.line_end(index))
            if any(a <= m.start() < b for a, b in spans):
                continue  # quoted on purpose, as in these docs
            run = m.group(0)
            span = Span(m.start(), m.end())
            fixed, how = repair(run)
            if fixed is not None:
                via = "" if how == "ftfy" else f" (UTF-8 read as {how})"
                yield self.report(
                    span, f"Mojibake {run!r}{via}; it was {_shown(fixed)}", fix=Fix.unsafe(Edit.replace(span, fixed))
                )
                continue
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end()] if m.end() < len(text) else ""
            if before.isalpha() or after.isalpha():
                continue  # letters of a word in another language (Telecomunicações), not an emoji
            guess = lost_first_byte(run)
            if guess is not None:
                yield self.report(
                    span, f"Mojibake {run!r} lost a byte and cannot be repaired exactly; it was likely {guess!r}"
                )


def _shown(text: str) -> str:
    """``'é'``, or ``a no-break space (U+00A0)`` for what would print as nothing."""
    if len(text) == 1 and (text.isspace() or unicodedata.category(text) in ("Cf", "Zs")):
        return f"a {unicodedata.name(text, 'invisible character').lower()} (U+{ord(text):04X})"
    return repr(text)
