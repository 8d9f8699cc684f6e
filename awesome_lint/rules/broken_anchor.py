from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..anchors import explicit_anchors, heading_anchors, normalise_fragment
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document
from ..rule import Context, Fixable, Rule
from ..toc import find_toc


class BrokenAnchor(Rule):
    """An in-page link ``[x](#fragment)`` whose fragment matches no heading's anchor (as GitHub
    makes them) and no explicit anchor (``<a name=…>``, ``<a id=…>``, ``id="…"``). Links in the
    table of contents are the ``toc`` rule's. A close match is offered as an unsafe fix."""

    code = "AL306"
    name = "broken-anchor"
    summary = "An in-page link points to an anchor that does not exist"
    severity = Severity.ERROR
    fixable = Fixable.SOMETIMES
    safe_fixes = False

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        links = [link for link in doc.links if link.url.startswith("#") and len(link.url) > 1]
        if not links:
            return
        anchors = heading_anchors(doc)
        known = {a.lower() for a in anchors} | {a.lower() for a in explicit_anchors(doc)}
        toc = find_toc(doc)
        for link in links:
            if toc is not None and toc.span.start <= link.span.start < toc.span.end:
                continue
            if normalise_fragment(link.url[1:]) in known:
                continue
            close = difflib.get_close_matches(link.url[1:].lower(), anchors, n=1, cutoff=0.8)
            if close:
                yield self.report(
                    link.url_span,
                    f"{link.url} matches no heading or anchor; did you mean #{close[0]}?",
                    fix=Fix.unsafe(Edit.replace(link.url_span, "#" + close[0])),
                )
            else:
                yield self.report(link.url_span, f"{link.url} matches no heading or anchor")
