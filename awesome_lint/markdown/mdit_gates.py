"""markdown-it's block rules asked only on lines whose first character can start them.

markdown-it tries its block rules in turn at every block start, and a paragraph asks the
rules that may interrupt it again at every one of its lines; each rule logs its entry, and
most then give up at the line's first character. On a file of small blocks (a table every
four lines, a heading every other line, a list of one-line items) those calls were most of
the parse. Each rule below is wrapped so that it is not called on a line whose first
character (after the container's indentation) is not one it can start with: the answer is
the same, since each of them returns False at that test and changes nothing before it.

The characters are markdown-it-py's own tests: ``fence`` (```` ` ```` or ``~``),
``blockquote`` (``>``), ``hr`` (``*``, ``-``, ``_``), ``list`` (a bullet or an ASCII digit),
``reference`` (``[``), ``html_block`` (``<``) and ``heading`` (``#``); indented ``code`` is
asked only on a line indented as code. Rules without such a test (setext headings,
paragraphs, tables) are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from ..util import lazyre

BlockRule = Callable[[Any, int, int, bool], bool]

FIRST_CHARACTERS = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
}


def first_character(state: Any, line: int) -> str:
    """The first character of ``line`` inside its container ("" on an empty line)."""
    pos = state.bMarks[line] + state.tShift[line]
    return str(state.src[pos]) if pos < state.eMarks[line] else ""


class _TextTest(NamedTuple):
    """What a whole text must hold for a block rule to be worth asking at all, answered once a
    parse and kept on its state under ``attribute`` (read with getattr: see mdit_table)."""

    attribute: str
    holds: Callable[[str], bool]


def _text_holds(state: Any, test: _TextTest) -> bool:
    known: bool | None = getattr(state, test.attribute, None)
    if known is None:
        known = test.holds(state.src)
        setattr(state, test.attribute, known)
    return known


def may_define_references(text: str) -> bool:
    """Whether ``text`` may hold a link reference definition: a definition's label ends with
    ``]:``, and the lines markdown-it reads it from are pieces of the text, so the text has it."""
    return "]:" in text


# a line that can underline a setext heading: container prefixes (indentation, ``>``), then a
# run of ``=`` or of ``-``, then blanks (a list marker never shares the line of an underline)
_UNDERLINE = lazyre.compile(r"^[ \t>]*(?:=+|-+)[ \t]*$", re.MULTILINE)
# each ``- [Name](url)`` entry of a list was read as a label, and its paragraph read to its end
# for an underline, asking every rule that may interrupt it on each line
_DEFINITIONS = _TextTest("_al_definitions", may_define_references)
_UNDERLINES = _TextTest("_al_setext", lambda text: _UNDERLINE.search(text) is not None)


def _gated(rule: BlockRule, characters: str, needs: _TextTest | None = None) -> BlockRule:
    """``rule``, asked only on a line whose first character is one of ``characters``, and
    only of a text that holds what ``needs`` tests for."""

    def gated(state: Any, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        if pos < state.eMarks[start] and state.src[pos] in characters and (needs is None or _text_holds(state, needs)):
            return bool(rule(state, start, end, silent))
        return False

    gated.first_characters = characters  # type: ignore[attr-defined]
    return gated


def setext_gated(rule: BlockRule) -> BlockRule:
    """The setext heading rule, not asked at all of a text without a line that could underline
    a heading. Install it outermost: wrappers inside it run as before."""

    def gated(state: Any, start: int, end: int, silent: bool) -> bool:
        return bool(rule(state, start, end, silent)) if _text_holds(state, _UNDERLINES) else False

    return gated


def _indented(rule: BlockRule) -> BlockRule:
    """The indented code rule, called only on a line indented as code (its own first test)."""

    def indented(state: Any, start: int, end: int, silent: bool) -> bool:
        return bool(rule(state, start, end, silent)) if state.is_code_block(start) else False

    return indented


def install(md: Any) -> None:
    """Gate the rules of ``md``'s block parser named in :data:`FIRST_CHARACTERS`, and ``code``."""
    ruler = md.block.ruler
    for name, characters in FIRST_CHARACTERS.items():
        index = ruler.__find__(name)
        if index < 0:
            continue
        rule = ruler.__rules__[index]
        needs = _DEFINITIONS if name == "reference" else None
        ruler.at(name, _gated(rule.fn, characters, needs), {"alt": list(rule.alt)})
    index = ruler.__find__("code")
    if index >= 0:
        rule = ruler.__rules__[index]
        ruler.at("code", _indented(rule.fn), {"alt": list(rule.alt)})


_UNIONS: dict[int, tuple[Sequence[BlockRule], str | None]] = {}


def _union(rules: Sequence[BlockRule]) -> str | None:
    """Every first character some rule of ``rules`` can start with; None if one has no gate."""
    known = _UNIONS.get(id(rules))
    if known is not None and known[0] is rules:
        return known[1]
    gates = [getattr(rule, "first_characters", None) for rule in rules]
    union = None if any(g is None for g in gates) else "".join(sorted(set("".join(g or "" for g in gates))))
    _UNIONS[id(rules)] = (rules, union)
    return union


def starts_block(state: Any, line: int, end: int, chain: str) -> bool:
    """Whether a rule of markdown-it's ``chain`` (the rules that may interrupt a block of that
    name) starts on ``line``, asked silently as markdown-it asks them."""
    rules = state.md.block.ruler.getRules(chain)
    union = _union(rules)
    if union is not None:
        first = first_character(state, line)
        if not first or first not in union:
            return False
    return any(rule(state, line, end, True) for rule in rules)
