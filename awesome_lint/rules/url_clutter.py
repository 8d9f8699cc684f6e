from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

from ..engine.diagnostics import Diagnostic, Edit, Fix
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.papers import listed
from ..knowledge.urlshape import doubled
from ..markdown.model import Document, Link
from ..util import lazyre
from ..util.text import clip

_TRACKING = lazyre.compile(r"^(?:utm_[a-z_]+|fbclid|gclid)$", re.IGNORECASE)
# tracking made for this very page: its source, medium or campaign names GitHub, a badge, a
# sponsorship or an awesome list (``utm_source=github&utm_campaign=awesome-nlp``, the stock
# ``utm_source=badge`` of a chat badge): attribution a sponsor or a service asked for, on purpose
_FOR_THIS_PAGE = lazyre.compile(r"github|badge|sponsor|awesome|readme", re.IGNORECASE)
_MAYBE = lazyre.compile(r"utm_|fbclid|gclid|readme-ov-file|:~:", re.IGNORECASE)
# ``//`` in a path, except after a ``:``: ``/web/2023/https://…`` embeds a whole URL (the Wayback
# Machine, scholar.archive.org), and its ``//`` is part of it
_DOUBLE_SLASH = lazyre.compile(r"(?<!:)/{2,}")


def clean_url(url: str, *, tracking: bool = True) -> tuple[str, list[str]]:
    """The URL without tracking and view noise, and what was removed (tracking parameters only
    when ``tracking``, and not when they say the link was made for this page).

    Parameters are removed textually, so everything kept stays byte for byte. A URL holding
    two URLs where one was meant is broken, not cluttered: it is left to empty-link.
    """
    if not _MAYBE.search(url) and not _DOUBLE_SLASH.search(url.partition("://")[2]):
        return url, []  # the common case, decided without parsing the URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or doubled(url) is not None:
        return url, []
    removed = []
    query = parts.query
    if tracking and query:
        tracking = not any(
            _TRACKING.match(name) and _FOR_THIS_PAGE.search(value)
            for name, _, value in (item.partition("=") for item in query.split("&"))
        )
    if query:
        kept = []
        for item in query.split("&"):
            name, _, value = item.partition("=")
            if tracking and _TRACKING.match(name):
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
    if _DOUBLE_SLASH.search(path):
        removed.append("// in the path")
        path = _DOUBLE_SLASH.sub("/", path)
    if not removed:
        return url, []
    cleaned = urlunsplit((parts.scheme, parts.netloc, path, query, fragment))
    return cleaned, removed


class UrlClutter(Rule):
    """Tracking and view noise in URLs: ``utm_*`` (and ``fbclid``/``gclid``) parameters,
    GitHub's ``?tab=readme-ov-file``, text fragments ``#:~:text=…``, a doubled ``//`` in a
    path (not the ``//`` of a URL embedded in the path, as the Wayback Machine writes it). They
    make links long, leak where they were copied from, and defeat duplicate detection. Tracking
    parameters in links written as HTML (a sponsor's badge), or that name GitHub, a badge, a
    sponsorship or an awesome list as their source or campaign (attribution made for this very
    page), are the author's choice and are left alone. The fix is unsafe: the cleaned URL
    should open the same page, but the link's target changes."""

    code = "AL207"
    name = "url-clutter"
    summary = "A URL carries tracking or view noise"
    fixable = Fixable.SOMETIMES
    safe_fixes = False  # a different URL is a different link target

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        # one finding per problem: the same noise on links to one site (a list that copied 80
        # links from one proceedings page, each with ``//content``) is reported once, naming
        # the other lines, and fixed together
        groups: dict[tuple[str, tuple[str, ...]], list[tuple[Link, str]]] = {}
        for link in doc.links:
            if link.kind == "reference":
                continue
            # a link written as HTML is deliberate markup: its tracking is the author's intent
            cleaned, removed = clean_url(link.url, tracking=link.kind != "html" and link.holder != "html")
            if not removed:
                continue
            host = urlsplit(link.url).netloc.lower()
            groups.setdefault((host, tuple(removed)), []).append((link, cleaned))
        for (host, kinds), found in groups.items():
            link, cleaned = found[0]
            edits = [
                Edit.replace(other.url_span, fixed)
                for other, fixed in found
                if doc.text[other.url_span.start : other.url_span.end] == other.url
            ]
            fix = Fix.unsafe(*edits) if edits else None
            more = ""
            if len(found) > 1:
                lines = listed([str(doc.position(other.url_span.start).line) for other, _ in found[1:]], 8)
                more = f" ({len(found) - 1} more links to {host} carry the same: lines {', '.join(lines)})"
            yield self.report(
                link.url_span, f"URL carries {', '.join(kinds)}; link to {clip(cleaned, 80)}{more}", fix=fix
            )
