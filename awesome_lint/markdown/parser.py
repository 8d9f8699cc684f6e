"""Parse a README into the document model.

markdown-it-py finds the blocks (headings, paragraphs, lists, tables, code, HTML) and their
line ranges; everything finer is read from the source itself: table cells are split by the
GFM rules (:mod:`.tablesplit`) and links are found with their offsets (:mod:`.inline`).
Inline parsing by markdown-it is only used for heading text, which must match what GitHub
renders so anchors come out right.

Covered: ATX and setext headings, tables at top level, in list items and in blockquotes (also
nested), bullet and ordered list items, inline/reference/autolink/image links, link reference
definitions at top level, ``<a href>``/``<img src>`` in HTML, HTML comments. Raw HTML
``<table>`` elements are counted but not modelled as tables. Code blocks hide everything.
"""

from __future__ import annotations

import bisect
import gc
import re
from array import array
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from ..util import lazyre
from . import mdit_gates, mdit_stream
from .inline import html_links, scan_links, unescape
from .mdit_table import find_table, install
from .model import (
    END_MASK,
    HEADING_HTML,
    HEADING_NESTED,
    HEADING_SETEXT,
    Align,
    Comment,
    Document,
    ItemStore,
    LineRanges,
    Links,
    LinkStore,
    ListItems,
    Sections,
    SectionStore,
    Span,
    Tables,
    TableStore,
    pack,
)
from .source import Source
from .tablesplit import alignments, split_cells, split_repeated
from .years import section_year

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_INDENT = lazyre.compile(r"[ \t]*")
_QUOTE_PREFIX = lazyre.compile(r"[ \t]*(?:>[ \t]*)*")
_MARKER = lazyre.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_ITEM_PREFIX = lazyre.compile(r"[ \t]*(?:>[ \t]*)*[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_DEFINITION = lazyre.compile(r"[ \t]{0,3}\[((?:[^\]\\\n]|\\.){1,999})\]:[ \t]*(<[^<>\n]*>|\S+)")
_HTML_TABLE = lazyre.compile(r"<table\b", re.IGNORECASE)
_HTML_TAG = lazyre.compile(r"<[A-Za-z][^<>]*>")
_INLINE_SYNTAX = lazyre.compile(r"[\\`*_\[\]<>!&~]|  |\n")
# a collapsible section: ``<summary><h2>Title</h2></summary>`` (the heading may sit in a ``<b>``)
_SUMMARY_HEADING = lazyre.compile(
    r"<summary\b[^<>]*>\s*(?:<(?:b|strong)\b[^<>]*>\s*)?<h([1-6])\b[^<>]*>((?:[^<]|<(?!/h\1\s*>))*)</h\1\s*>",
    re.IGNORECASE,
)
_TAGS = lazyre.compile(r"<[^<>]*>")


def _table_extent(state: Any, start: int, end: int, silent: bool) -> bool:
    """markdown-it's table rule reduced to the table's extent (see :mod:`.mdit_table`)."""
    found = find_table(state, start, end)
    if found is None:
        return False
    if silent:
        return True
    token = state.push("table_open", "table", 1)
    token.map = [start, found]
    state.push("table_close", "table", -1)
    state.line = found
    return True


def _opener_only(rule: Any) -> Any:
    """``rule`` (the setext heading) keeping only its opening token, which takes the inline
    content: the inline and closing tokens are never read here, and at three tokens a line they
    were most of the parse's peak memory (75 MB for 1 MB of headings). ATX headings and
    paragraphs, far more common, are made with their one token (:func:`_atx_heading`,
    :func:`_paragraph`)."""

    def opener_only(state: Any, start: int, end: int, silent: bool) -> bool:
        mark = len(state.tokens)
        found = bool(rule(state, start, end, silent))
        if found and not silent and len(state.tokens) > mark + 1:
            state.tokens[mark].content = state.tokens[mark + 1].content
            del state.tokens[mark + 1 :]
        return found

    return opener_only


def _atx_heading(trim: str) -> Any:
    """markdown-it's ATX heading rule (``rules_block/heading.py``, step for step) pushing only
    the opening token, which takes the content (trimmed of ``trim``, CommonMark's whitespace):
    :func:`_opener_only` of markdown-it's rule made three tokens to keep one, which was a third
    of the parse of a file of headings."""

    def atx_heading(state: Any, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        maximum = state.eMarks[start]
        src = state.src
        if state.is_code_block(start) or pos >= maximum or src[pos] != "#":
            return False
        level = 1
        pos += 1
        while pos < maximum and src[pos] == "#" and level <= 6:
            level += 1
            pos += 1
        if level > 6 or (pos < maximum and src[pos] not in " \t"):
            return False
        if silent:
            return True
        # cut a closing sequence (``## Title ##``) and the spaces around it
        while maximum > pos and src[maximum - 1] in " \t":
            maximum -= 1
        closing = maximum
        while closing > pos and src[closing - 1] == "#":
            closing -= 1
        if closing > pos and src[closing - 1] in " \t":
            maximum = closing
        state.line = start + 1
        token = state.push("heading_open", f"h{level}", 1)
        state.level -= 1  # as the closing token, not made, would (markdown-it stops 20 levels deep)
        token.markup = "#" * level
        token.map = [start, state.line]
        token.content = src[pos:maximum].strip(trim)
        return True

    return atx_heading


def _paragraph(trim: str) -> Any:
    """markdown-it's paragraph rule (``rules_block/paragraph.py``, step for step) pushing only
    the opening token, which takes the content, as :func:`_atx_heading` does for headings."""

    def paragraph(state: Any, start: int, end: int, silent: bool) -> bool:
        next_line = start + 1
        terminators = state.md.block.ruler.getRules("paragraph")
        end = state.lineMax
        old_parent = state.parentType
        state.parentType = "paragraph"
        while next_line < end:  # until a blank line or a block that interrupts a paragraph
            if state.isEmpty(next_line):
                break
            # indented as code or (a blockquote's quirk) marked by it: a lazy continuation line
            if state.sCount[next_line] - state.blkIndent > 3 or state.sCount[next_line] < 0:
                next_line += 1
                continue
            for rule in terminators:
                if rule(state, next_line, end, True):
                    break
            else:
                next_line += 1
                continue
            break
        content = state.getLines(start, next_line, state.blkIndent, False).strip(trim)
        state.line = next_line
        token = state.push("paragraph_open", "p", 1)
        state.level -= 1  # as the closing token, not made, would
        token.map = [start, state.line]
        token.content = content
        state.parentType = old_parent
        return True

    return paragraph


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from markdown_it.common.utils import MD_TRIM_CHARS
    from markdown_it.rules_block import lheading

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    ruler = md.block.ruler
    ruler.at("heading", _atx_heading(MD_TRIM_CHARS), {"alt": list(ruler.__rules__[ruler.__find__("heading")].alt)})
    ruler.at("lheading", _opener_only(lheading), {"alt": list(ruler.__rules__[ruler.__find__("lheading")].alt)})
    ruler.at("paragraph", _paragraph(MD_TRIM_CHARS), {"alt": list(ruler.__rules__[ruler.__find__("paragraph")].alt)})
    mdit_gates.install(md)
    install(md, _table_extent)  # after: its paragraph wrapper may add a table behind the opener
    setext = ruler.__rules__[ruler.__find__("lheading")]
    ruler.at("lheading", mdit_gates.setext_gated(setext.fn), {"alt": list(setext.alt)})
    # inline parsing is done where needed only (heading text): it is most of markdown-it's time
    md.core.ruler.disable(["inline", "text_join"])
    return md


@lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def whole_emphasis(markdown: str) -> str | None:
    """The markup (``**``, ``*``, ``__``, ``_``) when emphasis wraps all of ``markdown``."""
    md = _inline_parser()
    tokens: list[Token] = []
    md.inline.parse(markdown, md, {}, tokens)
    tokens = [t for t in tokens if t.type != "text" or t.content]
    if len(tokens) < 3 or tokens[0].type not in ("strong_open", "em_open"):
        return None
    closer = tokens[0].type.replace("_open", "_close")
    depth = 0
    for index, tok in enumerate(tokens):
        if tok.type == tokens[0].type:
            depth += 1
        elif tok.type == closer:
            depth -= 1
            if depth == 0:
                return tokens[0].markup if index == len(tokens) - 1 else None
    return None


def plain_text(markdown: str) -> str:
    """The text content GitHub gives inline Markdown: markup, tags, link targets and images
    removed (so ``# List [![badge](...)](...)`` has the anchor ``#list-``)."""
    if not _INLINE_SYNTAX.search(markdown):
        return markdown  # most headings (``2024``, ``Tools``): nothing for a parser to do
    md = _inline_parser()
    tokens: list[Token] = []
    md.inline.parse(markdown, md, {}, tokens)
    parts: list[str] = []
    for tok in tokens:
        if tok.type in ("text", "text_special", "code_inline"):
            parts.append(tok.content)
        elif tok.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        # an image adds nothing: its alt text is not the heading's text content on GitHub
    return "".join(parts)


class _Builder:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.text = source.text
        self.env: dict[str, Any] = {}
        self.headings = SectionStore(self.text)  # each section's end, parent and year: in finish
        self.links = LinkStore(self.text)  # in the order found: put in document order in finish
        self.tables = TableStore(self.text, self.links)  # each table's section is set once sections are known
        self.align_index: dict[tuple[Align, ...], int] = {}
        # filled as items end (a nested item before its parent): put in order, and given its
        # section, in finish; a tuple an item until then was most of the peak of a list's parse
        self.items = ItemStore(self.text, self.links)
        self.code_lines: set[int] = set()
        self.html_lines: set[int] = set()
        self.paragraphs = LineRanges()
        self.covered: list[list[int]] = []  # [begin, end) of top-level blocks, when needed
        self.html_tables = 0

    # -- helpers -------------------------------------------------------------------------------
    def region(self, begin: int, end: int) -> Span:
        """Span of lines [begin, end) without the final newline."""
        src = self.source
        if begin >= src.line_count:
            return Span(len(self.text), len(self.text))
        last = min(end, src.line_count) - 1
        return Span(src.line_start(begin), src.line_end(last))

    def resolve(self, label: str) -> str | None:
        refs = self.env.get("references")
        if not refs:
            return None
        from markdown_it.common.utils import normalizeReference

        found = refs.get(normalizeReference(label))
        return None if found is None else str(found.get("href", ""))

    # -- the walk ------------------------------------------------------------------------------
    def build(self) -> Document:
        self.containers: list[str] = []  # "quote" | "item"
        self.item_stack: list[dict[str, Any]] = []
        self.list_depth = 0
        mdit_stream.parse(_block_parser(), self.text, self.env, self.consume)
        self.definitions()
        return self.finish()

    def consume(self, tokens: list[Token]) -> None:
        """The next tokens of markdown-it's block parse, in order (:mod:`.mdit_stream`)."""
        containers = self.containers
        item_stack = self.item_stack
        remember = bool(self.env.get("references"))  # where definitions cannot be (definitions)
        walk = iter(tokens)
        for tok in walk:
            t = tok.type
            if remember and tok.level == 0 and tok.map is not None and tok.nesting >= 0:
                self.covered.append(tok.map)  # a container's end line is set when it ends
            if t == "blockquote_open":
                containers.append("quote")
            elif t == "blockquote_close":
                containers.pop()
            elif t in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
            elif t in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
            elif t == "list_item_open":
                assert tok.map is not None
                marker = tok.markup if t and not tok.info else f"{tok.info}{tok.markup}"
                # the map is markdown-it's list, whose end line is set when the item ends
                item_stack.append(
                    {"map": tok.map, "marker": marker, "depth": self.list_depth - 1, "text": None, "links": []}
                )
                containers.append("item")
            elif t == "list_item_close":
                containers.pop()
                self.finish_item(item_stack.pop())
            elif t == "heading_open":
                self.heading(tok, tok, nested=bool(containers))  # the content is on the opener
            elif t == "paragraph_open" and tok.map is not None:
                self.paragraph(tok.map, item_stack[-1] if item_stack and containers[-1] == "item" else None)
            elif t == "table_open":
                assert tok.map is not None
                self.table(tok.map, containers, item_stack)
                for skipped in walk:
                    if skipped.type == "table_close":
                        break
            elif t in ("fence", "code_block") and tok.map is not None:
                self.code_lines.update(range(tok.map[0], tok.map[1]))
            elif t == "html_block" and tok.map is not None:
                self.html_block(tok.map)

    def heading(self, tok: Token, inline: Token, nested: bool) -> None:
        assert tok.map is not None
        begin, end = tok.map
        setext = tok.markup in ("=", "-")
        raw = inline.content
        span = self.region(begin, end)
        if setext:
            content_span = self.region(begin, end - 1)
            content_start = content_span.start + (
                len(self.text[content_span.start : content_span.end])
                - len(self.text[content_span.start : content_span.end].lstrip())
            )
            content_span = Span(content_start, content_start + len(raw)) if raw else Span(content_start, content_start)
        else:
            line = self.text[span.start : span.end]
            hashes = line.find("#")
            after = hashes
            while after < len(line) and line[after] == "#":
                after += 1
            found = line.find(raw, after) if raw else -1
            start = span.start + (found if found != -1 else after)
            content_span = Span(start, start + (len(raw) if found != -1 else 0))
        level = int(tok.tag[1])
        flags = (HEADING_SETEXT if setext else 0) | (HEADING_NESTED if nested else 0)
        self.headings.add(level, plain_text(raw), raw, int(span), int(content_span), flags)
        scan_links(self.links, content_span.start, content_span.end, "heading", self.resolve)

    def paragraph(self, line_map: list[int], item: dict[str, Any] | None) -> None:
        begin, end = line_map
        self.paragraphs.append(begin, end)
        span = self.region(begin, end)
        holder: Literal["list-item", "paragraph"] = "list-item" if item is not None else "paragraph"
        found = scan_links(self.links, span.start, span.end, holder, self.resolve)
        if item is not None:
            if found & END_MASK:
                item["links"].append(found)
            if item["text"] is None:
                start = span.start
                if begin == item["map"][0]:
                    m = _ITEM_PREFIX.match(self.text, span.start, span.end)
                    if m:
                        start = m.end()
                else:
                    start += len(_QUOTE_PREFIX.match(self.text, start, span.end).group(0))  # type: ignore[union-attr]
                item["text"] = Span(start, span.end)

    def finish_item(self, item: dict[str, Any]) -> None:
        begin, end = item["map"]
        span = self.region(begin, end)
        text_span: Span = item["text"] or Span(span.start, span.start)
        self.items.add(int(span), item["marker"], item["depth"], int(text_span), item["links"], None)

    def table(self, line_map: list[int], containers: list[str], items: list[dict[str, Any]]) -> None:
        begin, end = line_map
        in_quote = "quote" in containers
        container: Literal["document", "list", "blockquote"] = (
            "blockquote" if in_quote else "list" if "item" in containers else "document"
        )
        marker_lines = {item["map"][0] for item in items} if items else ()
        store = self.tables
        add_cell = store.add_cell
        links = self.links
        rows = 0
        delimiter = ""
        text = self.text
        starts = self.source.line_starts
        last = min(end, len(starts))
        for index in range(begin, last):
            base = starts[index]
            line_end = self.source.line_end(index) if index + 1 == len(starts) else starts[index + 1] - 1
            if in_quote:
                k = _QUOTE_PREFIX.match(text, base, line_end).end()  # type: ignore[union-attr]
            else:
                k = base
                while k < line_end and text[k] in " \t":
                    k += 1
            if index in marker_lines:
                m = _MARKER.match(text, k, line_end)
                if m:
                    k = m.end()
            content = text[k:line_end]
            bounds = split_repeated(content) if index < begin + 2 else split_cells(content)
            if "[" in content or "<" in content:
                for s, e in bounds:
                    if content.find("[", s, e) != -1 or content.find("<", s, e) != -1:
                        add_cell((k + s) << 32 | (k + e), scan_links(links, k + s, k + e, "cell", self.resolve))
                    else:
                        add_cell((k + s) << 32 | (k + e))
            else:
                for s, e in bounds:
                    add_cell((k + s) << 32 | (k + e))
            store.add_row(index, k << 32 | line_end, text[base:k])
            rows += 1
            if index == begin + 1:
                delimiter = content
        if rows < 2:
            store.drop_rows(rows)
            return
        aligns = alignments(delimiter)
        align = self.align_index.setdefault(aligns, len(self.align_index))
        if align == len(store.aligns):
            store.aligns.append(aligns)
        store.add_table(container, align)

    def html_block(self, line_map: list[int]) -> None:
        begin, end = line_map
        self.html_lines.update(range(begin, end))
        span = self.region(begin, end)
        chunk = self.text[span.start : span.end]
        self.html_tables += len(_HTML_TABLE.findall(chunk))
        if "<summary" in chunk.lower() and not chunk.lstrip().startswith("<!--"):
            for m in _SUMMARY_HEADING.finditer(chunk):
                self.html_heading(int(m.group(1)), span.start + m.start(), span.start + m.start(2), m.group(2))
        if "<" in chunk:
            for m in _HTML_TAG.finditer(chunk):
                for found in html_links(m.group(0), span.start + m.start(), "html"):
                    self.links.add(*found)

    def html_heading(self, level: int, start: int, content_start: int, inner: str) -> None:
        """A heading written in HTML inside ``<summary>``: GitHub shows it as a heading, and the
        tables and lists of the ``<details>`` are that section's."""
        import html

        src = self.source
        first, last = src.line_index(start), src.line_index(content_start + len(inner))
        text = " ".join(html.unescape(_TAGS.sub("", inner)).split())
        content = pack(content_start, content_start + len(inner))
        self.headings.add(level, text, inner, int(self.region(first, last + 1)), content, HEADING_HTML)

    def definitions(self) -> None:
        if not self.env.get("references"):
            return
        covered: set[int] = set()
        for begin, end in self.covered:
            covered.update(range(begin, end))
        src = self.source
        for index in range(src.line_count):
            if index in covered:
                continue
            base = src.line_start(index)
            m = _DEFINITION.match(self.text, base, src.line_end(index))
            if not m:
                continue
            raw = m.group(2)
            start = m.start(2)
            if raw.startswith("<"):
                raw = raw[1:-1]
                start += 1
            self.links.add(
                kind="definition",
                text=m.group(1),
                url=unescape(raw),
                at=pack(m.start(), m.end()),
                url_at=pack(start, start + len(raw)),
                holder="definition",
                label=m.group(1),
            )

    # -- assembling ------------------------------------------------------------------------------
    def finish(self) -> Document:
        sections = self.sections()
        starts = array("I", (at >> 32 for at in sections.store.at))

        def section_of(offset: int) -> int | None:
            index = bisect.bisect_right(starts, offset) - 1
            return index if index >= 0 else None

        store = self.tables
        for index in range(len(store.t_row) - 1):
            sec = section_of(store.start(index))
            store.place(index, sec, sections.store.year_of(sec))
        items = self.items
        items.settle(section_of)
        self.links.settle()
        return Document(
            source=self.source,
            sections=sections,
            tables=Tables(store),
            links=Links(self.links),
            list_items=ListItems(items),
            comments=self.comments(),
            code_lines=frozenset(self.code_lines),
            html_lines=frozenset(self.html_lines),
            paragraph_lines=self.paragraphs,
            html_tables=self.html_tables,
        )

    def sections(self) -> Sections:
        """Each heading's section: where it ends, under which, the year it names."""
        store = self.headings
        levels, ats = store.level, store.at
        stack: list[int] = []  # the open sections: a heading ends those of its level and deeper
        store.end = array("I", bytes(4 * len(levels)))
        store.parent = array("i", bytes(4 * len(levels)))
        for index, level in enumerate(levels):
            while stack and levels[stack[-1]] >= level:
                store.end[stack.pop()] = ats[index] >> 32
            store.parent[index] = stack[-1] if stack else -1
            stack.append(index)
        for index in stack:
            store.end[index] = len(self.text)
        years = (section_year(store.heading_text(i), store.raw(i)) for i in range(len(levels)))
        store.year = array("i", (-1 if year is None else year for year in years))
        return Sections(store)

    def comments(self) -> tuple[Comment, ...]:
        if "<!--" not in self.text:
            return ()
        found = []
        text = self.text
        start = text.find("<!--")
        while start != -1:  # str.find, not a lazy regex: unclosed comments must not be quadratic
            close = text.find("-->", start + 4)
            if close == -1:
                break  # nothing after this can close a comment either
            if self.source.line_index(start) not in self.code_lines:
                found.append(Comment(body=text[start + 4 : close], span=Span(start, close + 3)))
            start = text.find("<!--", close + 3)
        return tuple(found)


def parse(source: Source) -> Document:
    """The document model of ``source``.

    The cyclic garbage collector is paused meanwhile: a parse makes hundreds of thousands of
    objects that all live on (tokens, then the model), no cycles worth collecting, and the
    collector's passes over them were a third of the parse time of a large list.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _Builder(source).build()
    finally:
        if enabled:
            gc.enable()


def parse_text(text: str, path: str = "README.md") -> Document:
    return parse(Source.from_text(text, path))
