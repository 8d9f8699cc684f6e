"""Link checking: what a checked link is, which links to check, and the options.

This module is light (no httpx): rules import it to read verdicts. The network work lives in
:mod:`awesome_lint.links.checker` and is imported only when links are checked.

May import: ``awesome_lint.markdown``, ``awesome_lint.knowledge``, ``awesome_lint.util``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from ..markdown.model import Document, Link


class Verdict(str, Enum):
    ALIVE = "alive"
    DEAD = "dead"  # 404, 410, unknown host, refused: confirmed by a second request
    REDIRECTED = "redirected"  # permanent redirects ending at a live page
    BLOCKED = "blocked"  # the site refused a robot: 401/403, bot challenges, 999, 429
    TRANSIENT = "transient"  # timeouts, resets, 5xx after retries
    SKIPPED = "skipped"  # not checked by policy: a private address, an unsupported scheme


#: verdicts a later run may reuse from the cache; failures are always checked again
REUSABLE = frozenset({Verdict.ALIVE, Verdict.REDIRECTED})


@dataclass(frozen=True)
class LinkResult:
    url: str
    verdict: Verdict
    status: int | None = None  # the last HTTP status seen, if any
    final_url: str | None = None  # for redirected links: where the permanent redirects lead
    detail: str = ""  # why, in words: "HTTP 404", "unknown host", "bot challenge (cf-mitigated)"
    archived: bool = False  # a GitHub repository the API says is archived
    cached: bool = False  # taken from the cache, not requested in this run


def checkable(link: Link) -> bool:
    """Links whose destination is written where they are: reference uses are checked at their definition."""
    return link.kind != "reference" and link.url.lower().startswith(("http://", "https://"))


def request_url(url: str) -> str:
    """What is requested for ``url``: the fragment never reaches the server."""
    return url.split("#", 1)[0].strip()


def checked_links(doc: Document, facts: Mapping[str, Any]) -> Iterator[tuple[Link, LinkResult]]:
    """Each checkable link of ``doc`` with its result, for the links that were checked."""
    results: Mapping[str, LinkResult] | None = facts.get("links")
    if not results:
        return
    for link in doc.links:
        if checkable(link):
            result = results.get(request_url(link.url))
            if result is not None:
                yield link, result
