from __future__ import annotations

from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix, Severity
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.awesome import PRESET, first_block
from ..markdown.model import Document, Span

BADGE_LINKS = ("https://awesome.re", "https://github.com/sindresorhus/awesome")
BADGE_IMAGES = (
    "https://awesome.re/badge.svg",
    "https://awesome.re/badge-flat.svg",
    "https://awesome.re/badge-flat2.svg",
)
BADGE = "[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)"


class AwesomeBadge(Rule):
    """The Awesome badge, ``[![Awesome](https://awesome.re/badge.svg)](https://awesome.re)``,
    beside the main heading, as sindresorhus/awesome asks of every list it includes. Checked
    when the document opens with its heading (a list opening with an HTML logo block is not
    checked, as in the Node awesome-lint)."""

    code = "AL602"
    name = "awesome-badge"
    summary = "The Awesome badge is missing beside the main heading, or points at another image"
    severity = Severity.ERROR
    fixable = Fixable.ALWAYS
    safe_fixes = False
    default_enabled = False
    presets = (PRESET,)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        if first_block(doc) != "heading" or not doc.sections:
            return
        heading = doc.sections[0].heading
        inside = [link for link in doc.links if heading.content_span.contains(link.span)]
        for link in inside:
            if link.kind == "image" or link.url.rstrip("/") not in BADGE_LINKS:
                continue
            images = [i for i in inside if i.kind == "image" and link.span.contains(i.span)]
            for image in images:
                if image.url not in BADGE_IMAGES:
                    yield self.report(
                        image.url_span,
                        f"the Awesome badge must be one of {', '.join(BADGE_IMAGES)}, not {image.url}",
                        fix=Fix.unsafe(Edit.replace(image.url_span, BADGE_IMAGES[0])),
                    )
                    return
            if images:
                return
        if heading.level != 1:
            yield self.report(heading.span, "missing Awesome badge: the list's main heading is not an h1")
            return
        end = heading.content_span.end
        yield self.report(
            Span(heading.span.start, end),
            f"missing Awesome badge next to the main heading: add {BADGE}",
            fix=Fix.unsafe(Edit.insert(end, " " + BADGE)),
        )
