from __future__ import annotations

import re
from collections.abc import Container, Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix, Severity
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.urlshape import doubled, identifier_problem
from ..markdown.model import Document, Link
from ..util import lazyre
from ..util.text import clip, edit_distance

_SCHEME = lazyre.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_KNOWN = frozenset(
    (
        "http https mailto ftp ftps sftp ssh git svn irc ircs news nntp tel sms data file xmpp magnet "
        "steam spotify slack tg vscode zotero obsidian doi urn"
    ).split()
)
_MISSING_COLON = lazyre.compile(r"^(https?)//", re.IGNORECASE)
# a path on the author's own disk: ``file:///C:/Users/…``, ``file:///home/…``, ``C:\\Users\\…``
# an empty link that is a label, not a lost address: only an image (a badge wrapped in
# ``[![venue](…)]()``), or text saying the target is not out yet (``[Coming soon]()``, even
# misspelt: ``[Comins Soon]()``)
_ONLY_IMAGES = lazyre.compile(r"^(?:\s|!\[[^\]]*\]\([^)]*\))*$")
_NOT_YET_WORDS = frozenset({"soon", "tbd", "tba", "todo"})  # only as written: too short to guess at
_NOT_YET_PHRASES = ("coming soon", "to be released", "to be announced", "to be added", "to be updated")
_NOT_WORDS = lazyre.compile(r"[^\w ]+")


def _not_yet(text: str) -> bool:
    """Text saying the target is not out yet (``Coming soon``, ``TBD``), the phrases even with
    a typo (``Comins Soon``)."""
    words = " ".join(_NOT_WORDS.sub(" ", text.casefold()).split())
    return words in _NOT_YET_WORDS or any(edit_distance(words, phrase, 2) <= 2 for phrase in _NOT_YET_PHRASES)


# a destination that starts with a host name (``arxiv.org/abs/…``, ``github.com/a/b``): GitHub
# reads it as a path in the repository. Only the common top-level domains of the web, which
# no file or folder of a repository ends in (``README.md``, ``setup.py``, ``App.app`` do, and
# ``.md``, ``.py`` and ``.app`` are top-level domains too)
_BARE_HOST = lazyre.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|org|net|edu|gov|io|ai|co|cn|uk|de|jp|fr|info)(?=[/?#]|$)",
    re.IGNORECASE,
)
_LOCAL_FILE = lazyre.compile(r"^(?:file:|[A-Za-z]:[\\/])", re.IGNORECASE)


class EmptyLink(Rule):
    """A link that goes nowhere: ``[text]()``, ``[text](#)``, a link with no text, or a URL that
    is neither absolute, relative nor a fragment the way its author meant: ``ttps://…``,
    ``http//…``, or no scheme before a host (``www.example.com``, ``arxiv.org/abs/…``: GitHub
    treats that as a file in the repository), or a
    file on the author's own disk (``file:///C:/Users/…/paper.pdf``), which no reader can open.
    Also, offline, a URL that holds two URLs where one was meant (``https://https://…``,
    ``https://doi.org/https://doi.org/…``, two URLs glued together) and an arXiv id or DOI of a
    shape that cannot exist (``arxiv.org/abs/2502.155892``): the link is dead whatever the
    server says. A URL embedded after a ``/`` (the Wayback Machine's ``/web/2023…/https://…``)
    is meaningful and left alone. A mistyped or missing scheme and a prefix written twice
    get an unsafe fix (the intended URL is a guess)."""

    code = "AL205"
    name = "empty-link"
    summary = "A link has no destination, points to '#', or has a malformed URL"
    severity = Severity.ERROR
    fixable = Fixable.SOMETIMES
    safe_fixes = False

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        checked = ctx.facts.get("links", {})  # with --links, dead-link reports what was checked
        for link in doc.links:
            if link.kind == "html" and not link.url.strip():
                yield self.report(link.span, "HTML link has an empty href/src")
                continue
            yield from self._check(link, checked)

    def _check(self, link: Link, checked: Container[str]) -> Iterator[Diagnostic]:
        url = link.url.strip()
        what = "Image" if link.kind == "image" else "Link"
        if link.kind in ("inline", "image") and not url:
            if link.kind == "inline" and (_ONLY_IMAGES.match(link.text) or _not_yet(link.text)):
                return  # a badge used as a label, or a placeholder that says so
            yield self.report(link.span, f"{what} [{clip(link.text, 40)}] has no destination")
            return
        if url == "#":
            yield self.report(link.span, f"{what} [{clip(link.text, 40)}] points to '#', which goes nowhere")
            return
        if link.kind in ("inline", "reference") and not link.text.strip():
            yield self.report(link.span, f"Link to {clip(url, 60)} has no text; readers cannot see or click it")
        if link.kind == "reference":
            return
        if m := _MISSING_COLON.match(url):
            fixed = m.group(1).lower() + "://" + url[m.end() :]
            yield self.report(
                link.url_span,
                f"URL {clip(url, 60)!r} is missing the ':' after {m.group(1)}; GitHub treats it as a relative path",
                fix=Fix.unsafe(Edit.replace(link.url_span, fixed)),
            )
            return
        if url.lower().startswith("www.") or (link.kind in ("inline", "image") and _BARE_HOST.match(url)):
            yield self.report(
                link.url_span,
                f"URL {clip(url, 60)!r} has no scheme; GitHub treats it as a relative path; "
                f"write https://{clip(url, 40)}",
                fix=Fix.unsafe(Edit.insert(link.url_span.start, "https://")),
            )
            return
        if _LOCAL_FILE.match(url):
            yield self.report(
                link.url_span,
                f"{what} points at a file on the author's own computer ({clip(url, 60)}); readers cannot open it: "
                "link to a copy on the web or in the repository",
            )
            return
        if url[:4].lower() == "http":
            yield from self._check_web(link, url, what, checked)
        m = _SCHEME.match(url)
        if m is None:
            return
        scheme = m.group(1).lower()
        if scheme in _KNOWN:
            return
        guess = min(("https", "http"), key=lambda s: edit_distance(scheme, s))
        if edit_distance(scheme, guess) <= 2:
            raw = link.url_span
            yield self.report(
                raw,
                f"URL scheme {m.group(1)!r} is not a scheme browsers know; did you mean {guess!r}?",
                fix=Fix.unsafe(Edit.replace(type(raw)(raw.start, raw.start + len(m.group(1))), guess)),
            )

    def _check_web(self, link: Link, url: str, what: str, checked: Container[str]) -> Iterator[Diagnostic]:
        twice = doubled(url)
        if twice is not None:
            raw = link.url_span
            fix = None
            if twice.repaired is not None and url == link.url:
                fix = Fix.unsafe(Edit.replace(raw, twice.repaired))
            hint = f"; link to {clip(twice.repaired, 80)}" if twice.repaired is not None else ""
            yield self.report(raw, f"{what} URL is broken: {twice.reason}{hint}", fix=fix)
            return
        problem = identifier_problem(url) if url not in checked else None
        if problem is not None:
            yield self.report(link.url_span, f"{what} is broken: {problem}")
