"""Hosts we know better than to scrape: GitHub repositories, arXiv papers and DOIs.

These are pure functions on URLs (no I/O): which known host a URL belongs to, and what it
names. The checker asks the host's API instead of the page: GitHub's API tells archived and
renamed repositories apart, arXiv's API answers for a hundred papers in one request, and the
DOI handle API says whether a DOI is registered without following it into a publisher's paywall.
"""

from __future__ import annotations

import re

from ..util import lazyre
from ..util.values import value

# first path segments of github.com that are pages, not users
_GITHUB_RESERVED = frozenset(
    "about apps collections contact customer-stories enterprise events explore features issues login "
    "marketplace new notifications orgs pricing pulls search security settings sponsors topics trending".split()
)
_GITHUB_REPO = lazyre.compile(
    r"^https?://(?:www\.)?github\.com/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/([A-Za-z0-9._-]+?)(?:\.git)?/?$"
)
_ARXIV = lazyre.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(.+?)(?:\.pdf)?/?$", re.IGNORECASE)
_ARXIV_NEW = lazyre.compile(r"^(\d{2})(\d{2})\.(\d{4,5})(v\d+)?$")
_ARXIV_OLD = lazyre.compile(r"^([a-z-]+(?:\.[A-Z]{2})?)/(\d{2})(\d{2})(\d{3})(v\d+)?$")
_DOI = lazyre.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/[^\s?#]+)$", re.IGNORECASE)


@value
class GitHubRepo:
    owner: str
    repo: str


def github_repo(url: str) -> GitHubRepo | None:
    m = _GITHUB_REPO.match(url)
    if m is None or m.group(1).lower() in _GITHUB_RESERVED or m.group(2) in (".", ".."):
        return None
    return GitHubRepo(m.group(1), m.group(2))


def arxiv_id(url: str) -> str | None:
    """The identifier an arXiv URL names (version kept), or None when the URL is not arXiv's."""
    m = _ARXIV.match(url)
    return m.group(1) if m else None


def arxiv_id_problem(ident: str) -> str | None:
    """Why ``ident`` cannot be an arXiv identifier, or None when its form is valid.

    New style (April 2007 on): ``YYMM.NNNN`` until 2014, ``YYMM.NNNNN`` from 2015; old style:
    ``archive/YYMMNNN`` from August 1991 to March 2007.
    """
    m = _ARXIV_NEW.match(ident)
    if m:
        yy, mm, number = int(m.group(1)), int(m.group(2)), m.group(3)
        if not 1 <= mm <= 12:
            return f"month {mm:02d} does not exist"
        if (yy, mm) < (7, 4):
            return "new-style identifiers start in April 2007 (0704)"
        digits = 5 if yy >= 15 else 4
        if len(number) != digits:
            return f"identifiers from 20{yy:02d} have {digits} digits after the dot"
        return None
    m = _ARXIV_OLD.match(ident)
    if m:
        yy, mm = int(m.group(2)), int(m.group(3))
        if not 1 <= mm <= 12:
            return f"month {mm:02d} does not exist"
        year = 1900 + yy if yy >= 91 else 2000 + yy
        if not (1991, 8) <= (year, mm) <= (2007, 3):
            return "old-style identifiers run from 1991 to March 2007"
        return None
    return "not of the form YYMM.NNNNN or archive/YYMMNNN"


def arxiv_base(ident: str) -> str:
    """The identifier without its version: what the API lists a paper under."""
    return re.sub(r"v\d+$", "", ident)


def doi(url: str) -> str | None:
    m = _DOI.match(url)
    return m.group(1) if m else None
