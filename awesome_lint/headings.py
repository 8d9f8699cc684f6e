"""Headings nobody meant: a line that became a heading because ``---`` was written under it.

In Markdown a paragraph line directly followed by ``---`` is a level-2 (setext) heading, not a
line and a rule. Authors who write ``## Heading`` elsewhere meant a rule there, and an image
or badge line is never meant as a heading: such a heading is reported for what it is instead
of being treated as a section (asked for in the table of contents, reported as empty).
"""

from __future__ import annotations

import re

from .model import Document, Heading

_ONLY_IMAGES = re.compile(r"^(?:\s*(?:\[\s*)?!\[[^\]]*\]\([^()]*\)(?:\s*\]\([^()]*\))?\s*|\s*<img\b[^>]*>\s*)+$")


def accidental(doc: Document, heading: Heading) -> bool:
    """Whether ``heading`` is a line that ``---`` under it made a heading by accident."""
    if not heading.setext or heading.level != 2 or heading.nested:
        return False
    if _ONLY_IMAGES.match(heading.raw):
        return True
    return any(not s.heading.setext and s.heading.level == 2 for s in doc.sections)
