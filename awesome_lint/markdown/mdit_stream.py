"""markdown-it's block parse handed over as it goes, a few blocks at a time.

``MarkdownIt.parse`` returns the tokens of the whole document, and they were most of a parse's
peak memory: about 560 bytes a token, and a token or more every 15 bytes of a file of
headings, so 1 MB of headings held 29 MB of tokens until the model was built. :func:`parse`
runs the same rules in the same order (markdown-it-py's ``ParserBlock.tokenize``, step for
step, at the top level) and hands the tokens to ``consume`` after each top-level block, and
within a long list before each of its items, so that the model is built as the parse goes and
the tokens are let go of at once.

What a consumer must know: the tokens come in document order, each complete, except that an
opening token of a container (a list, a list item, a blockquote) may come before its ``map``
has its end line, which markdown-it sets when the container ends (the ``map`` list is the same
object then). Block rules only index the tokens they push themselves, from a mark taken
inside one call; the one exception, markdown-it's marking of a tight list's paragraphs as
hidden, may then mark others, and ``hidden`` is never read here.

A link written with a reference (``[text][label]``) may come before its definition, which
markdown-it records in ``env`` as it meets it: when the text may hold a definition at all
(``]:`` occurs), a first pass, whose tokens are thrown away, collects them, so that ``env``
holds every definition before the first token is handed over, as after a whole parse.

The parse state's five numbers a line (markdown-it keeps them in lists, where an offset is an
int object of its own: 10 MB for 1 MB of headings) are made in arrays, never in lists.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .mdit_gates import may_define_references

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

Consumer = Callable[[list["Token"]], None]

FLUSH_AT = 64  # tokens held, at most about, before they are handed over inside a list


def parse(md: MarkdownIt, text: str, env: dict[str, Any], consume: Consumer) -> None:
    """Hand ``consume`` the tokens of ``md.parse(text, env)`` in order, a few blocks at a time,
    for a parser whose core rules are markdown-it's ``normalize`` and ``block`` only."""
    from markdown_it.rules_core import normalize
    from markdown_it.rules_core.state_core import StateCore

    active = md.core.ruler.get_active_rules()
    if active != ["normalize", "block"]:
        raise ValueError(f"a streamed parse runs markdown-it's normalize and block rules only, not {active}")
    core = StateCore(text, md, env)
    if "\r" in text or "\0" in text:  # else the same text, which normalize copies
        normalize(core)  # newlines and NUL characters, as the whole parse does first
    src = core.src
    if not src:
        return
    if may_define_references(src):
        _tokenize(md, src, env, _discard)
    _tokenize(md, src, env, consume)


def _discard(tokens: list[Token]) -> None:
    pass


@lru_cache(maxsize=1)
def _streamed() -> type:
    from markdown_it.rules_block import StateBlock

    class Streamed(StateBlock):
        """markdown-it's parse state handing its tokens over before an item of a list when it
        holds many: the item before it is complete then, end line included, and no rule holds
        a mark into the tokens but the lists around it (see the module)."""

        consume: Consumer

        def __init__(self, src: str, md: MarkdownIt, env: dict[str, Any], consume: Consumer) -> None:
            super().__init__("", md, env, [])  # the state of an empty text: the lines are ours
            self.src = src
            for name, marks in zip(("bMarks", "eMarks", "tShift", "sCount", "bsCount"), _marks(src), strict=True):
                setattr(self, name, marks)  # arrays where markdown-it has lists
            self.lineMax = len(self.bMarks) - 1
            self.consume = consume

        def push(self, ttype: str, tag: str, nesting: Any) -> Token:
            if ttype == "list_item_open" and len(self.tokens) >= FLUSH_AT:
                held = self.tokens
                self.tokens = []
                self.consume(held)
            return super().push(ttype, tag, nesting)

    return Streamed


_INDENT = re.compile(r"[ \t]*")


def _marks(src: str) -> tuple[array[int], array[int], array[int], array[int], array[int]]:
    """What ``StateBlock.__init__`` finds of each line: where it begins and ends, its indentation
    in characters and in columns (tabs expanded), and 0; and a last line past the text. Made in
    arrays as they are found: markdown-it's lists of a million lines held 120 MB at once."""
    kind = "i" if len(src) < 2**31 else "q"  # offsets into the text, and indentation
    begins, ends, shifts, counts = array(kind), array(kind), array(kind), array(kind)
    indent = _INDENT.match
    find = src.find
    length = len(src)
    start = 0
    while start < length:
        end = find("\n", start)
        if end < 0:
            end = length
        pos = indent(src, start, end).end()  # type: ignore[union-attr]
        if pos == end == length:
            break  # a last line of spaces without a newline has no marks (as in markdown-it)
        begins.append(start)
        ends.append(end)
        shifts.append(pos - start)
        if src.find("\t", start, pos) < 0:
            counts.append(pos - start)
        else:
            offset = 0
            for character in src[start:pos]:
                offset += 4 - offset % 4 if character == "\t" else 1
            counts.append(offset)
        start = end + 1
    begins.append(length)
    ends.append(length)
    shifts.append(0)
    counts.append(0)
    return begins, ends, shifts, counts, array(kind, bytes(len(begins) * begins.itemsize))


def _tokenize(md: MarkdownIt, src: str, env: dict[str, Any], consume: Consumer) -> None:
    """``ParserBlock.tokenize`` over the whole document, handing over after each top-level block."""
    state = _streamed()(src, md, env, consume)
    rules = md.block.ruler.getRules("")
    line = state.line
    end = state.lineMax
    max_nesting = md.options.maxNesting
    has_empty_lines = False
    while line < end:
        state.line = line = state.skipEmptyLines(line)
        if line >= end:
            break
        if state.sCount[line] < state.blkIndent:
            break
        if state.level >= max_nesting:
            state.line = end
            break
        for rule in rules:
            if rule(state, line, end, False):
                if state.line <= line:
                    raise RuntimeError("block rule didn't increment state.line")
                break
        else:
            raise RuntimeError("none of the block rules matched")
        state.tight = not has_empty_lines
        line = state.line
        if (line - 1) < end and state.isEmpty(line - 1):
            has_empty_lines = True
        if line < end and state.isEmpty(line):
            has_empty_lines = True
            line += 1
            state.line = line
        if state.tokens:
            held = state.tokens
            state.tokens = []
            consume(held)
