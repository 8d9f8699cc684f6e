from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Severity
from ..engine.rule import Context, Rule
from ..knowledge.awesome import PRESET
from ..knowledge.repository import RepositoryFacts
from ..markdown.model import Document, Span


class AwesomeContributing(Rule):
    """Contribution guidelines beside the README: a non-empty CONTRIBUTING.md in its folder,
    in ``.github/`` or in ``docs/`` (where GitHub finds them). Checked only when the README
    is inside a git repository; standard input and loose files are not checked."""

    code = "AL604"
    name = "awesome-contributing"
    summary = "No contribution guidelines (CONTRIBUTING.md) beside the README, or an empty one"
    severity = Severity.ERROR
    default_enabled = False
    presets = (PRESET,)
    facts_needed = ("repository",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        facts: RepositoryFacts | None = ctx.facts.get("repository")
        if facts is None or not facts.in_repository:
            return
        if facts.contributing is None:
            yield self.report(Span(0, 0), "missing contributing.md: add contribution guidelines beside the README")
        elif facts.contributing_empty:
            yield self.report(Span(0, 0), f"{facts.contributing} is empty: write the contribution guidelines")
