from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

from ..diagnostics import Diagnostic, Edit, Fix
from ..model import Document
from ..rule import Context, Fixable, Rule

_TRACKING = re.compile(r"^(?:utm_[a-z_]+|fbclid|gclid)$", re.IGNORECASE)
_MAYBE = re.compile(r"utm_|fbclid|gclid|readme-ov-file|:~:", re.IGNORECASE)


def clean_url(url: str) -> tuple[str, list[str]]:
    """The URL without tracking and view noise, and what was removed.

    Parameters are removed textually, so everything kept stays byte for byte.
    """
    if not _MAYBE.search(url) and "//" not in url.partition("://")[2]:
        return url, []  # the common case, decided without parsing the URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return url, []
    removed = []
    query = parts.query
    if query:
        kept = []
        for item in query.split("&"):
            name, _, value = item.partition("=")
            if _TRACKING.match(name):
                removed.append(name)
            elif name == "tab" and value == "readme-ov-file":
                removed.append("tab=readme-ov-file")
            else:
                kept.append(item)
        query = "&".join(kept)
    fragment = parts.fragment
    if ":~:" in fragment:
        removed.append("#:~:text")
        fragment = fragment.split(":~:", 1)[0]
    path = parts.path
    if "//" in path:
        removed.append("// in the path")
        path = re.sub(r"/{2,}", "/", path)
    if not removed:
        return url, []
    cleaned = urlunsplit((parts.scheme, parts.netloc, path, query, fragment))
    return cleaned, removed


class UrlClutter(Rule):
    """Tracking and view noise in URLs: ``utm_*`` (and ``fbclid``/``gclid``) parameters,
    GitHub's ``?tab=readme-ov-file``, text fragments ``#:~:text=…``, a doubled ``//`` in a
    path. They make links long, leak where they were copied from, and defeat duplicate
    detection. The fix is unsafe: the cleaned URL should open the same page, but the link's
    target changes, and a site may need what was removed."""

    code = "AL207"
    name = "url-clutter"
    summary = "A URL carries tracking or view noise"
    fixable = Fixable.SOMETIMES
    safe_fixes = False  # a different URL is a different link target

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        for link in doc.links:
            if link.kind == "reference":
                continue
            cleaned, removed = clean_url(link.url)
            if not removed:
                continue
            raw = doc.text[link.url_span.start : link.url_span.end]
            fix = Fix.unsafe(Edit.replace(link.url_span, cleaned)) if raw == link.url else None
            yield self.report(link.url_span, f"URL carries {', '.join(removed)}; link to {cleaned[:80]}", fix=fix)
