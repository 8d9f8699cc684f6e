"""Headings nobody meant: a line that became a heading because ``---`` was written under it.

In Markdown a paragraph line directly followed by ``---`` is a level-2 (setext) heading, not a
line and a rule. Authors who write ``## Heading`` elsewhere meant a rule there, and an image
or badge line is never meant as a heading: such a heading is reported for what it is instead
of being treated as a section (asked for in the table of contents, reported as empty).
"""

from __future__ import annotations

from ..util import lazyre
from .model import Document, Heading

_ONLY_IMAGES = lazyre.compile(r"^(?:\s*(?:\[\s*)?!\[[^\]]*\]\([^()]*\)(?:\s*\]\([^()]*\))?\s*|\s*<img\b[^>]*>\s*)+$")


def accidental(doc: Document) -> frozenset[int]:
    """The indices of the sections whose heading is a line that ``---`` under it made a heading
    by accident. One pass over the headings, whatever their number."""
    atx_h2 = any(not s.heading.setext and s.heading.level == 2 for s in doc.sections)
    return frozenset(s.index for s in doc.sections if _by_accident(s.heading, atx_h2))


def _by_accident(heading: Heading, atx_h2: bool) -> bool:
    if not heading.setext or heading.level != 2 or heading.nested:
        return False
    return atx_h2 or bool(_ONLY_IMAGES.match(heading.raw))
