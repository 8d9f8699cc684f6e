"""What can be told about a URL from its text alone, without a request: a URL that holds two
URLs where one was meant, and a paper identifier (arXiv id, DOI) of a shape that cannot exist.

Pure functions on strings. The identifier rules are :mod:`awesome_lint.knowledge.hosts`'s (light:
no httpx), so ``check`` without ``--links`` and the link checker judge the same way.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..util import lazyre
from ..util.text import clip
from ..util.values import value
from .hosts import arxiv_id_problem

_SCHEME_AT_START = lazyre.compile(r"^(https?)://(?:(https?):?/*)(?=[^/])", re.IGNORECASE)
_EMBEDDED = lazyre.compile(r"https?://", re.IGNORECASE)
_ARXIV = lazyre.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/([^?#]*)", re.IGNORECASE)
_ARXIV_NEW = lazyre.compile(r"^(\d+\.\d+(?:v\d+)?)(?:\.pdf)?(?:/|$)")
_ARXIV_OLD = lazyre.compile(r"^([a-z-]+(?:\.[A-Z]{2})?/\d+(?:v\d+)?)(?:\.pdf)?(?:/|$)")
_DOI_HOST = lazyre.compile(r"^https?://(?:dx\.)?doi\.org/([^?#]*)", re.IGNORECASE)
_DOI_SHAPE = lazyre.compile(r"^10\.\d{4,9}/\S+$")
# what may stand before a URL embedded on purpose: a path (``/web/2023/https://…``), a query
# (``?url=https://…``), a fragment
_MEANINGFUL = frozenset("/=?&#%:@")


@value
class Doubled:
    """A URL with a second URL where one was meant."""

    reason: str
    repaired: str | None  # the URL with the duplicate prefix removed, when that is all it is


def doubled(url: str) -> Doubled | None:
    """``https://https://x.org``, ``https://doi.org/https://doi.org/10.1/x`` (the prefix twice),
    or two URLs glued together (``…/2301.00001https://github.com/…``).

    A URL embedded after a ``/``, ``=`` or the like is meaningful and left alone: the Wayback
    Machine's ``/web/2023…/https://…``, ``?url=https://…``. Anything else before an embedded
    URL (a letter, a digit, ``}{`` left over from LaTeX) glues two URLs.
    """
    if "//" not in url[8:]:
        return None  # the common case: one scheme only
    m = _SCHEME_AT_START.match(url)
    if m is not None:
        return Doubled(f"the scheme is written twice ({url[: m.end()]})", url[len(m.group(1)) + 3 :])
    for embedded in _EMBEDDED.finditer(url, 1):
        at = embedded.start()
        head, tail = url[:at], url[at:]
        if tail.lower().startswith(head.lower()):
            return Doubled(f"{head} is written twice", tail)
        if url[at - 1] not in _MEANINGFUL:
            return Doubled(f"two URLs are glued together: …{head[-24:]} and {clip(tail, 40)}", None)
    return None


def identifier_problem(url: str) -> str | None:
    """Why the arXiv id or DOI a URL names cannot exist, or None (also when it names neither)."""
    m = _ARXIV.match(url)
    if m is not None:
        rest = m.group(1)
        shape = _ARXIV_NEW.match(rest) or _ARXIV_OLD.match(rest)
        if shape is None:
            return None  # not an attempt at an identifier (a listing, a figure): not ours to judge
        problem = arxiv_id_problem(shape.group(1))
        return f"arXiv id {shape.group(1)} cannot exist: {problem}" if problem else None
    m = _DOI_HOST.match(url)
    if m is not None:
        name = unquote(m.group(1))
        if name and not _DOI_SHAPE.match(name):
            return f"DOI {clip(name, 40)!r} is not of the form 10.NNNN/suffix"
    return None
