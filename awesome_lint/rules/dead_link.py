from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Severity
from ..engine.rule import Context, Rule
from ..links import Verdict, checked_links
from ..markdown.model import Document


class DeadLink(Rule):
    """A link whose page is gone: 404 or 410 (asked twice, HEAD and GET), an unknown host,
    a refused connection, a redirect loop. Only reported when links are checked
    (``--links``). Sites that refuse robots are never called dead: see unverifiable-link."""

    code = "AL501"
    name = "dead-link"
    summary = "A link is dead (404, 410, unknown host, refused)"
    severity = Severity.ERROR
    facts_needed = ("links",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for link, result in checked_links(doc, ctx.facts):
            if result.verdict is Verdict.DEAD:
                yield self.report(
                    link.url_span,
                    f"dead link {link.url} ({result.detail}); remove it, or link to a copy "
                    f"(https://web.archive.org/web/{link.url})",
                )
