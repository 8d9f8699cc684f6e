from __future__ import annotations

import re
from collections.abc import Iterator

from ..engine.diagnostics import Diagnostic, Edit, Fix, Severity
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.awesome import PRESET, first_block, inline_nodes
from ..markdown.model import Document, Span
from ..util import lazyre

# the small words title case leaves in lower case inside a title (as the `case` package does)
_SMALL = frozenset("a an and as at but by en for if in of on or the to v vs vs. via".split())
# characters after which a letter starts a new word (the `case` package's symbols; no apostrophe)
_SYMBOLS = frozenset(' !"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿×÷')
_EXTENSION = lazyre.compile(r"(?:\.[A-Za-z\d]{1,10})+$")


def lower_words(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word title case would capitalise, in ``text``."""
    found = []
    last_space = text.rstrip().rfind(" ")
    tail = _EXTENSION.search(text.rstrip())
    first = True
    i, n = 0, len(text)
    while i < n:
        if text[i].isalnum() and (i == 0 or text[i - 1] in _SYMBOLS):
            j = i
            while j < n and (text[j].isalnum() or text[j] == "'"):
                j += 1
            word = text[i:j]
            small = word.lower() in _SMALL and not first
            # "Mixture-of-Experts": a small word inside a hyphenated compound stays small too
            small = small and (
                (i < last_space and text[i - 1] == " ") or (text[i - 1] == "-" and text[j : j + 1] == "-")
            )
            in_extension = tail is not None and i >= tail.start() and not re.match(r"\.\d", tail.group())
            branded = any(c.isupper() for c in word[1:])  # iOS, macOS, jQuery: written as their owners do
            if word[0].islower() and not small and not in_extension and not branded:
                found.append((i, j))
            first = False
            i = j
        else:
            i += 1
    return found


class AwesomeHeading(Rule):
    """The list's title: the document opens with one h1 (or an HTML heading, as lists with a
    logo do), written in title case. Several h1s are heading-structure's (AL302) to report."""

    code = "AL601"
    name = "awesome-heading"
    summary = "The list's main heading is missing, not an h1, or not in title case"
    severity = Severity.ERROR
    fixable = Fixable.SOMETIMES
    safe_fixes = False  # title case is what a reader sees: every fix is unsafe
    default_enabled = False
    presets = (PRESET,)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        block = first_block(doc)
        if block == "html":
            h1s = [s.heading for s in doc.sections if s.level == 1]
        else:
            h1s = [s.heading for s in doc.sections if s.level == 1 and not s.heading.nested]
        first = doc.sections[0].heading if doc.sections else None
        if first is not None and block == "heading" and first.level > 1:
            yield self.report(
                first.span, f"the list's main heading must be an h1 (# {first.text.strip()}), not an h{first.level}"
            )
        elif not h1s and block != "html":
            yield self.report(Span(0, 0), "missing main heading: an awesome list starts with # Awesome Topic")
            return
        for heading in h1s[:1]:
            raw = doc.text[heading.content_span.start : heading.content_span.end]
            problems: list[tuple[int, int]] = []
            for node in inline_nodes(raw):
                if node.type != "text":
                    continue
                at = raw.find(node.text)
                if at < 0:
                    continue
                problems += [(at + a, at + b) for a, b in lower_words(node.text)]
            if problems:
                base = heading.content_span.start
                edits = [Edit.replace(Span(base + a, base + a + 1), raw[a].upper()) for a, _ in problems]
                shown = ", ".join(repr(raw[a:b]) for a, b in problems[:3])
                yield self.report(
                    heading.span, f"the main heading must be in title case: {shown}", fix=Fix.unsafe(*edits)
                )
