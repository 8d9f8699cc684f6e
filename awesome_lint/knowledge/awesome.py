"""What the rules of the ``awesome`` preset share: the conventions of sindresorhus/awesome.

The Node awesome-lint reads lists through mdast (remark); these helpers give the same view of
a list item's first paragraph: its top-level inline nodes (text, link, image, strong, ...),
each with its rendered text, so the rules can follow the Node rules' logic closely while
reporting at exact source positions from our model.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..markdown.model import END_MASK, Document, Heading, Link, ListItem, Section
from ..util import lazyre
from ..util.memo import per_document
from ..util.values import field, value

if TYPE_CHECKING:
    from markdown_it.token import Token

PRESET = "awesome"


@value
class Node:
    """A top-level inline node, as mdast would have it."""

    type: str  # text, link, linkReference, image, strong, emphasis, delete, inlineCode, html, break
    text: str  # its text content (mdast-util-to-string)
    url: str = ""  # for links
    children: tuple[str, ...] = field(default=())  # the types of a link's own children


_CONTAINERS = {"link_open": "link", "strong_open": "strong", "em_open": "emphasis", "s_open": "delete"}
_LEAVES = {"image": "image", "code_inline": "inlineCode", "html_inline": "html", "hardbreak": "break"}


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["strikethrough"])


def references(doc: Document) -> dict[str, Any]:
    """markdown-it's environment with the document's link reference definitions."""
    from markdown_it.common.utils import normalizeReference

    refs = {
        normalizeReference(link.label): {"href": link.url, "title": link.title}
        for link in doc.links
        if link.kind == "definition" and link.label
    }
    return {"references": refs}


def _text_of(tokens: list[Token]) -> str:
    parts = []
    for tok in tokens:
        if tok.type in ("text", "code_inline", "text_special"):
            parts.append(tok.content)
        elif tok.type == "softbreak":
            parts.append("\n")
        elif tok.type == "image":
            parts.append(tok.content)  # mdast-util-to-string gives an image its alt text
    return "".join(parts)


def inline_nodes(markdown: str, env: dict[str, Any] | None = None) -> list[Node]:
    """The top-level inline nodes of ``markdown``; adjacent text and soft breaks merge into one."""
    md = _parser()
    tokens: list[Token] = []
    md.inline.parse(markdown, md, dict(env or {}), tokens)
    nodes: list[Node] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        kind = _CONTAINERS.get(tok.type)
        if kind is not None:
            closer = tok.type.replace("_open", "_close")
            depth, j = 1, i + 1
            while j < n and depth:
                if tokens[j].type == tok.type:
                    depth += 1
                elif tokens[j].type == closer:
                    depth -= 1
                j += 1
            inner = tokens[i + 1 : j - 1]
            child_types = tuple(
                _LEAVES.get(t.type, _CONTAINERS.get(t.type, "text")) for t in inner if not t.type.endswith("_close")
            )
            url = str(tok.attrGet("href") or "") if kind == "link" else ""
            nodes.append(Node(kind, _text_of(inner), url, child_types))
            i = j
            continue
        if tok.type in ("text", "softbreak", "text_special"):
            piece = "\n" if tok.type == "softbreak" else tok.content
            if nodes and nodes[-1].type == "text":
                nodes[-1] = Node("text", nodes[-1].text + piece)
            elif piece:
                nodes.append(Node("text", piece))
        else:
            nodes.append(Node(_LEAVES.get(tok.type, tok.type), _text_of([tok])))
        i += 1
    return nodes


def first_block(doc: Document) -> str:
    """What the document opens with: ``heading``, ``html`` (a logo block), or ``other``."""
    text = doc.text
    start = len(text) - len(text.lstrip())
    if doc.sections and doc.sections[0].heading.span.start <= start and not doc.sections[0].heading.nested:
        return "heading"
    line = doc.source.line_index(start) if start < len(text) else 0
    if line in doc.html_lines:
        head = text[start : start + 4096].lower()
        if re.match(r"<h[1-6][\s>]", head) or (
            ('align="center"' in head or "align='center'" in head) and "<img" in head
        ):
            return "html"
    return "other"


def _memo(doc: Document) -> dict[str, Any]:
    """What the preset's rules work out from one document, kept while they run over it."""
    return per_document(doc, _fresh)


def _fresh(doc: Document) -> dict[str, Any]:
    return {"env": None, "nodes": {}, "prose": {}}


def item_nodes(doc: Document, item: ListItem) -> list[Node]:
    """``inline_nodes`` of an item's first paragraph, parsed once per document for all the
    rules that ask (inline parsing is most of their time)."""
    memo = _memo(doc)
    if memo["env"] is None:
        memo["env"] = references(doc)
    cache: dict[int, list[Node]] = memo["nodes"]
    found = cache.get(item.text_span.start)
    if found is None:
        found = cache[item.text_span.start] = inline_nodes(item.text.rstrip(), memo["env"])
    return found


def heading_text(heading: Heading) -> str:
    return heading.text.strip()  # the parser's text already leaves out HTML comments


def contents_section(doc: Document) -> Section | None:
    """The ``## Contents`` section, as the Node awesome-lint finds it (exact text, level 2)."""
    for section in doc.sections:
        if section.level == 2 and heading_text(section.heading) == "Contents":
            return section
    return None


def entries(doc: Document) -> list[ListItem]:
    """The list items that are entries: after the heading that follows ``## Contents`` when
    there is one, as the Node awesome-lint has it; and never the items of a table of contents
    under another name (``## Table of Contents``), which it would take for entries."""
    from .toc import find_toc

    toc = contents_section(doc)
    items = list(doc.list_items)
    if toc is not None:
        after = [s for s in doc.sections if s.heading.span.start > toc.heading.span.start]
        if not after:
            return []
        start = after[0].heading.span.start
        items = [item for item in items if item.span.start >= start]
    found = find_toc(doc)
    if found is not None:
        items = [item for item in items if not found.span.contains(item.text_span)]
    # an item that only links within the page is navigation (a table of contents with no
    # heading of its own, "back to top"), not an entry
    return [
        item
        for item in items
        if not (item.links and _navigation(item, item.links[0]) and item.text.lstrip().startswith("["))
    ]


def _navigation(item: ListItem, link: Link) -> bool:
    """A link to a part of this page, or an item that is only a link to another page of the
    repository (``- [Tracking](README_2.md#tracking)``): a table of contents, not an entry."""
    url = link.url
    if url.startswith("#"):
        return True
    path = url.split("#", 1)[0].split("?", 1)[0]
    local = "://" not in url and not url.startswith(("//", "mailto:")) and path.lower().endswith((".md", ".markdown"))
    return local and not item.text[link.span.end - item.text_span.start :].strip()


def main_link(item: ListItem, url: str) -> Link | None:
    """Our model's link for the node a rule picked as an item's main link."""
    for link in item.links:
        if link.kind in ("inline", "reference", "autolink") and link.url == url:
            return link
    return None


# -- text shapes ------------------------------------------------------------------------------

_EMOJI_TAIL = lazyre.compile(r"[\u200d\ufe0f\U0001F3FB-\U0001F3FF]+$")


def is_emoji(char: str) -> bool:
    """Pictographs and symbols drawn as emoji (a practical reading of emoji-regex)."""
    code = ord(char)
    return (
        0x1F000 <= code <= 0x1FAFF
        or 0x2600 <= code <= 0x27BF
        or 0x2B00 <= code <= 0x2BFF
        or code in (0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x231A, 0x231B, 0x2328, 0x23CF, 0x3030, 0x303D)
        or 0x23E9 <= code <= 0x23FA
        or 0x1F1E6 <= code <= 0x1F1FF
    )


def strip_emoji(text: str) -> str:
    return "".join(c for c in text if not is_emoji(c) and c not in "\u200d\ufe0f" and not 0x1F3FB <= ord(c) <= 0x1F3FF)


def ends_with_emoji(text: str) -> bool:
    text = _EMOJI_TAIL.sub("", text)
    return bool(text) and is_emoji(text[-1])


def words(text: str) -> list[str]:
    """Words as the Node rule splits them: on ``- ;./'``."""
    return [w for w in re.split(r"[- ;./']", text) if w]


def cased_script(word: str) -> bool:
    """Latin, Greek or Cyrillic: the scripts where letter case means something."""
    for char in word:
        if char.isalpha():
            name = unicodedata.name(char, "")
            return name.startswith(("LATIN", "GREEK", "CYRILLIC"))
    return False


def valid_first_word(word: str) -> bool:
    """The first word of a description: capitalised, camelCase (``iOS``, ``jQuery``), all
    capitals, or starting with a digit or quote; ``npm`` is the one lower-case name allowed."""
    if word == "npm" or re.search(r"\d", word) or word[:1] in "\"'(":
        return True
    cleaned = re.sub(r"\W+", "", word)
    return any(c.isupper() for c in cleaned)


# -- prose: the text of paragraphs and headings, with everything that is not prose blanked ---------

_TAG_OR_COMMENT = lazyre.compile(r"<!--.*?-->|</?[A-Za-z][^<>\n]*>", re.DOTALL)
_BARE_URL = lazyre.compile(r"(?:https?|ftp)://[^\s<>()]+|www\.[^\s<>()]+", re.IGNORECASE)


def _blank(chars: list[str], start: int, end: int, base: int) -> None:
    for k in range(max(start - base, 0), min(end - base, len(chars))):
        if chars[k] != "\n":
            chars[k] = " "


def prose(doc: Document, *, cells: bool = False) -> list[tuple[int, str]]:
    """``(offset, text)`` of each paragraph and heading (and table cell, with ``cells``), the
    text the same length as the source, with code spans, link destinations and titles,
    images, HTML tags and bare URLs blanked: what is left is what a reader reads as words.
    Worked out once per document for the three rules that read it."""
    cache: dict[bool, list[tuple[int, str]]] = _memo(doc)["prose"]
    if cells not in cache:
        cache[cells] = list(_prose(doc, cells))
    return cache[cells]


def _prose(doc: Document, cells: bool) -> Iterator[tuple[int, str]]:
    from bisect import bisect_left

    from ..markdown.inline import code_spans

    text = doc.text
    regions = [
        (doc.source.line_start(b), doc.source.line_start(e) if e < doc.source.line_count else len(text))
        for b, e in doc.paragraph_lines
    ]
    regions += [(s.heading.content_span.start, s.heading.content_span.end) for s in doc.sections]
    if cells:
        regions += [(at >> 32, at & END_MASK) for t in doc.tables for r in t.text_rows() for at in t.cell_ats(r)]
    links = sorted((link for link in doc.links if link.kind != "definition"), key=lambda link: link.span.start)
    starts = [link.span.start for link in links]
    for start, end in sorted(regions):
        chars = list(text[start:end])
        for a, b in code_spans(text, start, end):
            _blank(chars, a, b, start)
        for m in _TAG_OR_COMMENT.finditer(text, start, end):
            _blank(chars, m.start(), m.end(), start)
        for link in links[bisect_left(starts, start) : bisect_left(starts, end)]:
            if link.kind in ("image", "autolink", "html"):
                _blank(chars, link.span.start, link.span.end, start)
            elif link.kind == "inline":
                _blank(chars, link.url_span.start - 1, link.span.end, start)
            elif link.kind == "reference":
                _blank(chars, link.url_span.start, link.url_span.end, start)
        masked = "".join(chars)
        for m in _BARE_URL.finditer(masked):
            _blank(chars, start + m.start(), start + m.end(), start)
        yield start, "".join(chars)
