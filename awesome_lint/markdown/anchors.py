"""Heading anchors exactly as GitHub makes them (github-slugger), and the explicit anchors.

GitHub lowercases the heading's text, keeps only what is Alphabetic (letters, letter numbers,
and the circled and squared letters of Other_Alphabetic), a mark, a decimal digit, a connector
punctuation (``_``), a hyphen or a space, and turns spaces into
hyphens; a repeated anchor gets ``-1``, ``-2``, ... (skipping ones already taken).
``tests/test_anchors.py`` checks every case of github-slugger's fixtures recorded on
github.com (../shared/oracles).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from ..util import lazyre
from ..util.memo import per_document
from .model import Document

_KEEP_CATEGORIES = ("L", "M", "Nd", "Nl", "Pc")
# Other_Alphabetic symbols: circled and squared Latin letters
_KEEP_RANGES = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))
_EXPLICIT = lazyre.compile(
    r"""<a\s[^<>]{0,500}?\b(?:name|id)\s*=\s*["']([^"'<>]+)["']|\bid\s*=\s*["']([^"'<>]+)["']""", re.IGNORECASE
)


def _kept(ch: str) -> bool:
    if ch in " -" or unicodedata.category(ch).startswith(_KEEP_CATEGORIES):
        return True
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _KEEP_RANGES)


_NOT_IN_ASCII_SLUG = lazyre.compile(r"[^a-z0-9_\- ]")


def slug(text: str) -> str:
    lowered = text.lower()
    if lowered.isascii():
        return _NOT_IN_ASCII_SLUG.sub("", lowered).replace(" ", "-")
    return "".join(ch for ch in lowered if _kept(ch)).replace(" ", "-")


class Slugger:
    """Unique anchors for headings in document order, as GitHub numbers repeats."""

    def __init__(self) -> None:
        self.occurrences: dict[str, int] = {}

    def slug(self, text: str) -> str:
        result = original = slug(text)
        while result in self.occurrences:
            self.occurrences[original] += 1
            result = f"{original}-{self.occurrences[original]}"
        self.occurrences[result] = 0
        return result


def heading_anchors(doc: Document) -> list[str]:
    """The anchor of each section's heading, by section index."""
    slugger = Slugger()
    return [slugger.slug(section.heading.text) for section in doc.sections]


def explicit_anchors(doc: Document) -> set[str]:
    """Anchors written as HTML: ``<a name=...>``, ``<a id=...>``, any ``id="..."``."""
    return set(explicit_anchor_offsets(doc))


def explicit_anchor_offsets(doc: Document) -> dict[str, int]:
    """Each explicit anchor and where it is written (the first place, if written twice); the
    caller must not change the mapping (it is made once per document: the pattern's scan of
    the whole text took 25 ms a MB, and toc and broken-anchor both ask)."""
    return per_document(doc, _explicit_anchor_offsets)


def _explicit_anchor_offsets(doc: Document) -> dict[str, int]:
    if "name" not in doc.text and "id" not in doc.text:
        return {}
    found: dict[str, int] = {}
    for m in _EXPLICIT.finditer(doc.text):
        if doc.source.line_index(m.start()) in doc.code_lines:
            continue
        found.setdefault(m.group(1) or m.group(2), m.start())
    return found


def scrolls_to_top(fragment: str) -> bool:
    """``#top`` and ``#``: browsers scroll to the top of the page for them when no element has
    that id (the HTML standard's rule, which GitHub follows), so they are never broken."""
    return fragment.lower() in ("", "top")


def lowered(anchor: str) -> str:
    """``anchor`` in lower case, itself when it is already (``str.lower`` copies every string,
    and a list of thousands of headings has an anchor each)."""
    return anchor if anchor.islower() else anchor.lower()


def normalise_fragment(fragment: str) -> str:
    """A link's ``#fragment`` as GitHub compares it: percent-decoded, lowercase."""
    return unquote(fragment).lower()
