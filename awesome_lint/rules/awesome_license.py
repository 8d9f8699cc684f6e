from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Severity
from ..engine.rule import Context, Rule
from ..knowledge.awesome import PRESET, heading_text
from ..markdown.model import Document


class AwesomeLicense(Rule):
    """A "License" section in the README. sindresorhus/awesome wants the license in a LICENSE
    file, where GitHub shows it, and the README kept to the list."""

    code = "AL605"
    name = "awesome-license"
    summary = "The README has a License section (the license belongs in a LICENSE file)"
    severity = Severity.ERROR
    default_enabled = False
    presets = (PRESET,)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for section in doc.sections:
            if heading_text(section.heading).lower() in ("license", "licence"):
                yield self.report(
                    section.heading.span,
                    "License section in the README: put the license in a LICENSE file and remove the section",
                )
                return
