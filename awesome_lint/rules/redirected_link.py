from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..links import Verdict, checked_links
from ..markdown.model import Document


class RedirectedLink(Rule):
    """A link that permanently redirects (301/308) to a live page, most often a renamed
    GitHub repository. Fixed with ``--unsafe-fixes``: the URL becomes the one the redirects
    lead to, which is where the page now lives but may not be what the author meant."""

    code = "AL502"
    name = "redirected-link"
    summary = "A link permanently redirects elsewhere"
    fixable = Fixable.SOMETIMES
    safe_fixes = False
    facts_needed = ("links",)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for link, result in checked_links(doc, ctx.facts):
            if result.verdict is not Verdict.REDIRECTED or not result.final_url:
                continue
            target = result.final_url
            fragment = link.url.partition("#")[2]
            if fragment and "#" not in target:
                target = f"{target}#{fragment}"
            if target == link.url:
                continue
            raw = doc.text[link.url_span.start : link.url_span.end]
            fix = Fix.unsafe(Edit.replace(link.url_span, target)) if raw == link.url else None
            why = f" ({result.detail})" if result.detail.startswith("repository renamed") else ""
            yield self.report(link.url_span, f"{link.url} permanently redirects to {target}{why}; link there", fix=fix)
