from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic
from ..engine.rule import Context, Rule
from ..links import Verdict, checked_links
from ..markdown.model import Document

_WHY = {
    Verdict.BLOCKED: "the site refuses automated checks, so a browser may still open it",
    Verdict.TRANSIENT: "it may work again later",
    Verdict.SKIPPED: "",  # the detail says why and what to do
}


class UnverifiableLink(Rule):
    """A link whose state could not be established: the site blocks robots (401/403 with a
    bot challenge, 999, 429), kept timing out or failing (5xx), or points at an address we do
    not contact (private networks). A warning, so it never fails CI unless you raise its
    severity. This is what other link checkers wrongly call dead."""

    code = "AL503"
    name = "unverifiable-link"
    summary = "A link could not be verified (blocked, timed out, not checked)"
    facts_needed = ("links",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for link, result in checked_links(doc, ctx.facts):
            why = _WHY.get(result.verdict)
            if why is not None:
                tail = f"; {why}" if why else ""
                yield self.report(link.url_span, f"could not verify {link.url}: {result.detail}{tail}")
