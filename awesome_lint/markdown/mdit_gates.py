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

from collections.abc import Callable, Sequence
from typing import Any

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


def _gated(rule: BlockRule, characters: str) -> BlockRule:
    def gated(state: Any, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        if pos < state.eMarks[start] and state.src[pos] in characters:
            return bool(rule(state, start, end, silent))
        return False

    gated.first_characters = characters  # type: ignore[attr-defined]
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
        ruler.at(name, _gated(rule.fn, characters), {"alt": list(rule.alt)})
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
