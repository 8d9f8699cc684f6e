from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..model import Document, Link
from ..rule import Context, Rule

_IMAGE_TEXT = re.compile(r"!\[")


def link_key(url: str) -> str:
    """A URL with scheme, ``www.``, host case and trailing slash set aside."""
    key = re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", url.strip())
    key = re.sub(r"^www\.", "", key, flags=re.IGNORECASE)
    host, slash, rest = key.partition("/")
    key = host.lower() + slash + rest
    return key.rstrip("/")


def _counted(link: Link) -> bool:
    if link.kind in ("image", "reference") or not link.url.strip() or link.url.startswith("#"):
        return False
    if link.kind == "html" and not link.span.start < link.url_span.start:
        return False
    return not _IMAGE_TEXT.search(link.text)  # a badge


class DuplicateLink(Rule):
    """The same URL twice in the list (scheme, ``www.`` and a trailing slash ignored).
    Badges, images and in-page anchors are not counted."""

    code = "AL202"
    name = "duplicate-link"
    summary = "The same URL appears more than once"
    aliases = ("double-link",)
    options = {"ignore": []}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        ignored = [str(p) for p in ctx.option("ignore")]
        seen: dict[str, Link] = {}
        for link in sorted(doc.links, key=lambda link: link.url_span.start):
            if not _counted(link) or any(p in link.url for p in ignored):
                continue
            key = link_key(link.url)
            first = seen.setdefault(key, link)
            if first is link:
                continue
            line = doc.position(first.url_span.start).line
            yield self.report(link.url_span, f"{link.url[:80]} is already linked on line {line}")
