from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from urllib.parse import urlsplit

from ..engine.diagnostics import Diagnostic, Edit, Fix, Severity
from ..engine.rule import Context, Fixable, Rule
from ..knowledge.awesome import (
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
from ..markdown.model import Document, ListItem, Span
from ..util import lazyre

_LINK_CHILDREN = {"emphasis", "inlineCode", "strong", "text"}
_DESCRIPTION_NODES = {"emphasis", "html", "image", "inlineCode", "link", "linkReference", "strong", "text", "break"}
_SUFFIX_NODES = {"emphasis", "html", "image", "link", "strong", "text"}
_PUNCTUATION = ".!?…"
_WHITESPACE_DASH = lazyre.compile(r"^[\s\u00a0]-[\s\u00a0]")
_DASHES = lazyre.compile(r"^\s*[\u2013\u2014]\s*")
_SPECIAL_SCHEMES = ("http", "https", "ftp", "ws", "wss")
_LEADING_EMOJI = lazyre.compile(r"^\s*(?::[a-z0-9_+-]+:\s*)+")
_GLUED_MARKER = lazyre.compile(r"[ \t]{0,3}(-)\[[^\]\n]*\]\(")


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


# what a list may do differently from the Node rule by convention; an empty item, a link
# that is not absolute or a name without text is a defect whatever the other entries do
_CONVENTIONS = frozenset({"link", "separator", "suffix", "casing"})
# a tag after the description's own full stop: "Does things. [MIT]", "Does things. `Go` `MIT`"
_TRAILING_TAGS = lazyre.compile(r"[.!?…][\"”)]?(?:\s*(?:\[[^\[\]\n]{1,40}\]|`[^`\n]{1,40}`|\([^()\n]{1,40}\)))+\s*$")


# a bracketed tag, which may hold links: [MIT], [[blas](https://crates.io/keywords/blas)], a badge
_BRACKETS = r"\[(?:[^\[\]\n]|\[[^\[\]\n]*\](?:\([^()\s]*\))?)*\](?:\([^()\s]*\))?"
_TAG = rf"(?:[*_]{{0,2}}{_BRACKETS}[*_]{{0,2}}|`[^`\n]{{1,40}}`|\([^()\n]{{1,80}}\)|!{_BRACKETS})"
_TAG_BEFORE_DASH = lazyre.compile(rf"^(?:\s*{_TAG})+\s+- \S")
_ONLY_TAGS = lazyre.compile(rf"^(?:\s*{_TAG})+\s*$")
_HTML_TAG = lazyre.compile(r"<[^<>\n]*>")


def _only_emoji_images(name: str) -> bool:
    tags = _HTML_TAG.findall(name)
    return bool(tags) and all(re.match(r"<img\b[^>]*\bclass=[\"']?emoji\b", t, re.IGNORECASE) for t in tags)


def _tagged(description: str) -> bool:
    """The description ends with punctuation, then short tags (a licence, a language)."""
    return bool(_TRAILING_TAGS.search(description))


def _own_name(description: str, name: Node) -> bool:
    """The description opens with the entry's own name or the name in its URL, which keeps
    its spelling: ``[dry-rb](…) - dry-rb is …``, ``[Redis](…/redis-rb) - redis-rb is …``."""
    m = re.match(r"\s*([\w.+-]+)", description)
    if m is None:
        return False
    first = m.group(1).rstrip(".").lower()
    if len(first) < 2:
        return False
    path = urlsplit(name.url).path.lower() if name.url else ""
    return first == name.text.strip().lower() or first in re.split(r"[/#?]", path)


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
        found: list[tuple[str, Diagnostic | None]] = []
        for item in entries(doc):
            found.extend(self._item(doc, item))
        judged = Counter(kind.partition(":")[0] for kind, _ in found)
        broken = Counter(kind for kind, d in found if d is not None)
        for kind, diagnostic in found:
            base = kind.partition(":")[0]
            if diagnostic is not None and not self._convention(base, broken[kind], judged[base]):
                yield diagnostic

    @staticmethod
    def _convention(kind: str, broken: int, judged: int) -> bool:
        """Most of the list's entries share this one shape (``broken`` counts the entries
        with the same deviation, ``judged`` all that were judged): it is the list's own convention (a
        paper list's ``**Name**: "Title"``, a description with no full stop, a licence tag
        at the end), which a maintainer would not change, so no entry is reported for it.
        Only what sets an entry apart from the others is."""
        return kind in _CONVENTIONS and judged >= 3 and broken * 2 > judged

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

    def _item(self, doc: Document, item: ListItem) -> Iterator[tuple[str, Diagnostic | None]]:
        if not item.text.strip():
            yield (
                "empty",
                self.report(
                    Span(item.span.start, item.span.start + len(item.marker)), "invalid list item: it is empty"
                ),
            )
            return
        nodes = item_nodes(doc, item)
        if not nodes or nodes[0].type == "text":
            yield "link", None
            return  # prose, not an entry: the Node rule leaves it alone too
        linkish = [i for i, n in enumerate(nodes) if n.type in ("link", "linkReference")]
        dashed = [
            i
            for i in linkish
            if i + 1 < len(nodes) and nodes[i + 1].type == "text" and nodes[i + 1].text.startswith(" - ")
        ]
        if not linkish:
            yield "link", None
            return  # no link at all: a note or a definition (**Term**: …), not an entry
        index = dashed[0] if dashed else linkish[0]
        if nodes[0].type == "link" and all(t in _LINK_CHILDREN for t in nodes[0].children):
            index = 0  # the entry's name, even when a badge link stands before the dash
        node = nodes[index]
        if node.type != "link":
            yield "link", self.report(item.text_span, "invalid list item link: an entry starts with [Name](url)")
            return
        yield "link", None
        link = main_link(item, node.url)
        where = link.span if link is not None else item.text_span
        reference = link is not None and link.kind == "reference"  # its definition holds the URL
        if not reference and not is_url(node.url):
            yield (
                "url",
                self.report(where, f"invalid list item link URL {node.url!r}: an entry links to an absolute URL"),
            )
            return
        if not node.text.strip():
            yield "name", self.report(where, "invalid list item link text: the link has no text")
            return
        bad = next((t for t in node.children if t not in _LINK_CHILDREN), None)
        if bad == "html" and link is not None and _only_emoji_images(link.text):
            bad = None  # `<img class="emoji">` is how GitHub draws :heart:, an emoji like any other
        if bad is not None and not reference:
            yield (
                "name",
                self.report(
                    where, f"invalid list item link: the name contains {'an image' if bad == 'image' else bad}"
                ),
            )
            return
        yield "name", None
        yield from self._description(doc, item, nodes[index + 1 :], where, node)

    def _description(
        self, doc: Document, item: ListItem, nodes: list[Node], link: Span, name: Node
    ) -> Iterator[tuple[str, Diagnostic | None]]:
        if not nodes:
            return  # an entry may go without a description
        description = "".join(n.text for n in nodes)
        if special_case(description):
            yield "separator", None
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
                yield (
                    "separator:odd",
                    self.report(
                        sep,
                        "link and description are separated by a dash with odd spaces; use ' - '",
                        fix=Fix.unsafe(Edit.replace(sep, " - ")),
                    ),
                )
                return
            if re.match(r"^\s*[/\u2013\u2014]", prefix.text):
                m = _DASHES.match(raw)
                fix = Fix.unsafe(Edit.replace(Span(start, start + m.end()), " - ")) if m else None
                yield (
                    "separator:dash",
                    self.report(
                        here if m is None else Span(start, start + m.end()),
                        "link and description are separated by an en or em dash; use ' - '",
                        fix=fix,
                    ),
                )
                return
            if re.search(r" - [A-Z]", description) or _TAG_BEFORE_DASH.match(raw):
                yield "separator", None
                return  # an image, a second link or a tag before the dash: "[Name](url) (2025) - …"
            if _ONLY_TAGS.match(raw):
                yield "separator", None
                return  # a name and its tags, no description: "[Name](url) **[Deprecated]**"
            # a dash without its spaces is a slip; anything else (a word, "by", a bracket) is
            # the shape of a list that does not separate with a dash at all
            kind = "separator:glued" if raw.lstrip().startswith("-") else "separator:none"
            yield kind, self.report(here, "link and description must be separated with ' - '")
            return
        yield "separator", None
        if not (_tagged(description) or _tagged(raw)) and (
            suffix.type not in _SUFFIX_NODES or (suffix.type == "text" and not suffix_ok(description, suffix.text))
        ):
            fix = (
                Fix.unsafe(Edit.insert(end, "."))
                if (not raw.rstrip().endswith(("`", "|")) or suffix.type == "inlineCode")
                and (suffix.type != "text" or suffix_ok(description + ".", suffix.text + "."))  # or it never ends
                else None
            )
            yield (
                "suffix",
                self.report(
                    Span(max(start, end - 1), end), "the description must end with punctuation (. ! ? …)", fix=fix
                ),
            )
        else:
            yield "suffix", None
        if prefix.type == "text":
            yield from self._casing(doc, prefix.text, start, raw, name)

    def _casing(
        self, doc: Document, prefix: str, start: int, raw: str, name: Node
    ) -> Iterator[tuple[str, Diagnostic | None]]:
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
            yield "casing", None
            return
        if _own_name(stripped, name):
            yield "casing", None
            return  # the project's own lowercase name: "[redis-rb](…) - redis-rb is …"
        m = re.match(r"^\s*-\s+", raw)
        at = start + (m.end() if m else 3)
        letter = doc.text[at : at + 1]
        fix = (
            Fix.unsafe(Edit.replace(Span(at, at + 1), letter.upper()))
            if letter.isalpha() and letter.islower()
            else None
        )
        yield (
            "casing",
            self.report(Span(at, at + len(first)), f"the description must start with a capital: {first!r}", fix=fix),
        )
