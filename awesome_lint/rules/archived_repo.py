from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic
from ..engine.rule import Context, Rule
from ..links import checked_links
from ..markdown.model import Document


class ArchivedRepo(Rule):
    """A GitHub repository its owner has archived: read-only and no longer maintained.
    Known only through the GitHub API, so only when ``GITHUB_TOKEN`` is set and links are
    checked."""

    code = "AL504"
    name = "archived-repo"
    summary = "A linked GitHub repository is archived"
    facts_needed = ("links",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for link, result in checked_links(doc, ctx.facts):
            if result.archived:
                yield self.report(
                    link.url_span,
                    f"{link.url} is archived (read-only, no longer maintained); mark it as such or replace it",
                )
