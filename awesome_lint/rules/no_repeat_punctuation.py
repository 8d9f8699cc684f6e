from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.awesome import PRESET, prose
from ..markdown.model import Document, Span
from ..util import lazyre

# the Node awesome-lint's set: full-width forms included, dots left out (an ellipsis is fine)
_REPEAT = lazyre.compile(r"([！!~～,，·?？])\1+")


class NoRepeatPunctuation(Rule):
    """Repeated punctuation in prose: ``!!``, ``??``, ``,,``, ``？？``. Dots are left alone, since
    ``...`` is an ellipsis, and so is ``~~``, which is strikethrough."""

    code = "AL607"
    name = "no-repeat-punctuation"
    summary = "Punctuation repeated (!!, ??, ,,)"
    fixable = Fixable.ALWAYS
    safe_fixes = False
    default_enabled = False
    presets = (PRESET,)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for start, text in prose(doc):
            for m in _REPEAT.finditer(text):
                if m.group(1) == "~" and len(m.group()) == 2:
                    continue
                span = Span(start + m.start(), start + m.end())
                yield self.report(
                    span, f"{m.group()!r}: do not repeat punctuation", fix=Fix.unsafe(Edit.replace(span, m.group(1)))
                )
