from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..awesome import (
    PRESET,
    Node,
    cased_script,
    ends_with_emoji,
    entries,
    is_emoji,
    item_nodes,
    main_link,
    strip_emoji,
    valid_first_word,
    words,
)
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..model import Document, ListItem, Span
from ..rule import Context, Fixable, Rule

_LINK_CHILDREN = {"emphasis", "inlineCode", "strong", "text"}
_DESCRIPTION_NODES = {"emphasis", "html", "image", "inlineCode", "link", "linkReference", "strong", "text", "break"}
_SUFFIX_NODES = {"emphasis", "html", "image", "link", "strong", "text"}
_PUNCTUATION = ".!?…"
_WHITESPACE_DASH = re.compile(r"^[\s\u00a0]-[\s\u00a0]")
_DASHES = re.compile(r"^\s*[\u2013\u2014]\s*")
_SPECIAL_SCHEMES = ("http", "https", "ftp", "ws", "wss")
_LEADING_EMOJI = re.compile(r"^\s*(?::[a-z0-9_+-]+:\s*)+")
_GLUED_MARKER = re.compile(r"[ \t]{0,3}(-)\[[^\]\n]*\]\(")


def is_url(url: str) -> bool:
    """An absolute URL, as ``new URL()`` accepts it (what is-url-superb asks)."""
    url = url.strip()
    if not url or any(c.isspace() for c in url):
        return False
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):(.*)$", url)
    if not m:
        return False
    if m.group(1).lower() in _SPECIAL_SCHEMES:
        return bool(urlsplit(url).netloc)
    return True


def suffix_ok(description: str, suffix: str) -> bool:
    """How the Node rule judges a description's ending (see thepunctuationguide.com)."""
    if re.match(r"^`.*[.!?…]*`[.!?…]*$", description, re.DOTALL):
        return bool(re.match(r"^`.+`.+`.+$", description, re.DOTALL))
    if re.search(r"(?<=[\"”])[.!?…]+$", description):
        return not re.search(r"[.!?…][\"”][.!?…]+$", description)
    if re.search(r"[.!?…][\"”]?$", description):
        return True
    if not any(c in description for c in _PUNCTUATION):
        tokens = words(description)
        if len(tokens) > 2 or not (tokens and ends_with_emoji(tokens[-1])):
            return False
    if re.search(r"\)\s*$", suffix):
        return True
    return ends_with_emoji(suffix)


def special_case(description: str) -> bool:
    """Descriptions the Node rule accepts as they are: only emoji, or only a parenthetical."""
    if description.startswith(" - "):
        return False
    text = strip_emoji(description).strip()
    return not text or bool(re.match(r"^\s\([^)]+\)\s*$", description)) or bool(re.match(r"^\([^)]+\)$", text))


class AwesomeListItem(Rule):
    """Entries of a classic awesome list: ``- [Name](https://…) - Description.``: the link
    first, separated from the description by `` - `` (not an en or em dash), a description
    that starts with a capital and ends with punctuation, one space after the list marker.
    With a ``## Contents`` section, only the lists after the heading that follows it count."""

    code = "AL603"
    name = "awesome-list-item"
    summary = "A list entry is not `- [Name](url) - Description.`"
    severity = Severity.ERROR
    fixable = Fixable.SOMETIMES
    unsafe_fixes = True
    default_enabled = False
    presets = (PRESET,)

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        yield from self._marker_spacing(doc)
        for item in entries(doc):
            yield from self._item(doc, item)

    def _marker_spacing(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.text
        for begin, _ in doc.paragraph_lines:  # `-[Name](url)` is a paragraph, not a list item
            start = doc.source.line_start(begin)
            m = _GLUED_MARKER.match(text, start)
            if m:
                at = m.end(1)
                yield self.report(
                    Span(m.start(1), at + 1),
                    "list item marker must be followed by a space",
                    fix=Fix.unsafe(Edit.insert(at, " ")),  # a paragraph becomes a list item
                )
        for item in doc.list_items:
            if item.marker not in ("-", "*", "+") or not item.text:
                continue
            line_start = doc.source.line_start(doc.source.line_index(item.span.start))
            m = re.match(r"([ \t>]*)([-*+])( {2,4})\S", text[line_start : item.text_span.start + 1])
            if m is None or doc.source.line_index(item.span.end - 1) != doc.source.line_index(item.span.start):
                continue  # several lines: their indentation hangs on this one, so it is left alone
            spaces = Span(line_start + m.start(3), line_start + m.end(3))
            yield self.report(spaces, "one space after the list marker", fix=Fix.safe(Edit.replace(spaces, " ")))

    def _item(self, doc: Document, item: ListItem) -> Iterator[Diagnostic]:
        if not item.text.strip():
            yield self.report(
                Span(item.span.start, item.span.start + len(item.marker)), "invalid list item: it is empty"
            )
            return
        nodes = item_nodes(doc, item)
        if not nodes or nodes[0].type == "text":
            return  # prose, not an entry: the Node rule leaves it alone too
        linkish = [i for i, n in enumerate(nodes) if n.type in ("link", "linkReference")]
        dashed = [
            i
            for i in linkish
            if i + 1 < len(nodes) and nodes[i + 1].type == "text" and nodes[i + 1].text.startswith(" - ")
        ]
        index = dashed[0] if dashed else linkish[0] if linkish else 0
        node = nodes[index]
        if node.type != "link":
            yield self.report(item.text_span, "invalid list item link: an entry starts with [Name](url)")
            return
        link = main_link(item, node.url)
        where = link.span if link is not None else item.text_span
        reference = link is not None and link.kind == "reference"  # its definition holds the URL
        if not reference and not is_url(node.url):
            yield self.report(where, f"invalid list item link URL {node.url!r}: an entry links to an absolute URL")
            return
        if not node.text.strip():
            yield self.report(where, "invalid list item link text: the link has no text")
            return
        bad = next((t for t in node.children if t not in _LINK_CHILDREN), None)
        if bad is not None and not reference:
            yield self.report(
                where, f"invalid list item link: the name contains {'an image' if bad == 'image' else bad}"
            )
            return
        yield from self._description(doc, item, nodes[index + 1 :], where)

    def _description(self, doc: Document, item: ListItem, nodes: list[Node], link: Span) -> Iterator[Diagnostic]:
        if not nodes:
            return  # an entry may go without a description
        description = "".join(n.text for n in nodes)
        if special_case(description):
            return
        start, end = link.end, item.text_span.end
        raw = doc.text[start:end]
        prefix, suffix = nodes[0], nodes[-1]
        here = Span(start, end)
        if prefix.type != "text" or not prefix.text.startswith(" - "):
            if _WHITESPACE_DASH.match(prefix.text) and _WHITESPACE_DASH.match(raw):
                m = _WHITESPACE_DASH.match(raw)
                assert m is not None
                sep = Span(start, start + m.end())
                yield self.report(
                    sep,
                    "link and description are separated by a dash with odd spaces; use ' - '",
                    fix=Fix.unsafe(Edit.replace(sep, " - ")),
                )
                return
            if re.match(r"^\s*[/\u2013\u2014]", prefix.text):
                m = _DASHES.match(raw)
                fix = Fix.unsafe(Edit.replace(Span(start, start + m.end()), " - ")) if m else None
                yield self.report(
                    here if m is None else Span(start, start + m.end()),
                    "link and description are separated by an en or em dash; use ' - '",
                    fix=fix,
                )
                return
            if re.search(r" - [A-Z]", description):
                return  # an image or a second link before the dash: the Node rule accepts it
            yield self.report(here, "link and description must be separated with ' - '")
            return
        if suffix.type not in _SUFFIX_NODES or (suffix.type == "text" and not suffix_ok(description, suffix.text)):
            fix = (
                Fix.unsafe(Edit.insert(end, "."))
                if (not raw.rstrip().endswith(("`", "|")) or suffix.type == "inlineCode")
                and (suffix.type != "text" or suffix_ok(description + ".", suffix.text + "."))  # or it never ends
                else None
            )
            yield self.report(
                Span(max(start, end - 1), end), "the description must end with punctuation (. ! ? …)", fix=fix
            )
        if prefix.type == "text":
            yield from self._casing(doc, prefix.text, start, raw)

    def _casing(self, doc: Document, prefix: str, start: int, raw: str) -> Iterator[Diagnostic]:
        stripped = prefix[3:]
        if not stripped.strip():
            return  # it starts with a link, code or emphasis: no word of its own to judge
        # an emoji (or its :shortcode:) in front is decoration; the first word comes after it
        stripped = _LEADING_EMOJI.sub("", stripped)
        while stripped[:1] and (is_emoji(stripped[0]) or stripped[0] in "\ufe0f\u200d "):
            stripped = stripped[1:]
        first = next(iter(words(stripped)), "")
        if not first:
            return
        if re.match(r"^[/@#$~&%]", stripped.strip()) or not cased_script(first) or valid_first_word(first):
            return
        m = re.match(r"^\s*-\s+", raw)
        at = start + (m.end() if m else 3)
        letter = doc.text[at : at + 1]
        fix = (
            Fix.unsafe(Edit.replace(Span(at, at + 1), letter.upper()))
            if letter.isalpha() and letter.islower()
            else None
        )
        yield self.report(Span(at, at + len(first)), f"the description must start with a capital: {first!r}", fix=fix)
